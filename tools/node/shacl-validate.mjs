#!/usr/bin/env node
// shacl-validate.mjs DATAFILE SHAPESFILE [SHAPESFILE...] [--engine E] [--json] [--max-errors N]
// shacl-validate.mjs --batch LISTFILE SHAPESFILE [SHAPESFILE...] [--engine E]
//
// Validates DATAFILE against the union of the SHACL shapes files (SHACL
// Core) with one of two independent validators, --engine:
//   rdf-validate-shacl (default; Zazuko) or
//   shacl-engine       (rdf-ext; its report is read back as the standard
//                       sh:ValidationReport graph it builds).
// Prints "conforms: true|false" and one line per validation result
// (severity, focus node, path, value, message, constraint component,
// shape); --json prints a JSON report instead, the same for both engines.
// Exit 0 when conformant, 1 when not, 2 on usage/parse errors.
// --batch validates every data file LISTFILE names (one a line) against
// the shapes, parsed once, and prints one JSON object,
// {engine, reports: [{data, conforms, results}]}; exit 0 unless an error.
// (Started as a copy of the peer tools' shacl-validate.mjs; the exit code
// is set with process.exitCode so that large --json reports are not cut.)
// Formats by extension (optionally + .gz): .ttl .nt .nq .trig .n3 (n3),
// .jsonld/.json (jsonld-streaming-parser; remote @context is not fetched),
// .rdf/.owl/.xml (rdfxml-streaming-parser).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import rdf from '@zazuko/env';
import SHACLValidator from 'rdf-validate-shacl';
import { Validator as EngineValidator } from 'shacl-engine';
import N3 from 'n3';
import { JsonLdParser } from 'jsonld-streaming-parser';
import { RdfXmlParser } from 'rdfxml-streaming-parser';

const SH = 'http://www.w3.org/ns/shacl#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const N3_FORMATS = { ttl: 'Turtle', nt: 'N-Triples', nq: 'N-Quads', trig: 'TriG', n3: 'N3' };

function usage(msg) {
  if (msg) console.error(msg);
  console.error('usage: shacl-validate.mjs [--batch LISTFILE] DATAFILE SHAPESFILE [SHAPESFILE...] [--engine rdf-validate-shacl|shacl-engine] [--json] [--max-errors N]');
  process.exit(2);
}

function streamToQuads(parser, text) {
  return new Promise((resolve, reject) => {
    const quads = [];
    parser.on('data', (q) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

async function parseFile(file) {
  let name = file;
  let buf = fs.readFileSync(file);
  if (name.endsWith('.gz')) { name = name.slice(0, -3); buf = zlib.gunzipSync(buf); }
  const ext = path.extname(name).slice(1).toLowerCase();
  const text = buf.toString('utf8');
  const baseIRI = pathToFileURL(path.resolve(file)).href;
  if (N3_FORMATS[ext]) {
    return new N3.Parser({ format: N3_FORMATS[ext], baseIRI, factory: rdf }).parse(text);
  }
  if (ext === 'jsonld' || ext === 'json') {
    return streamToQuads(new JsonLdParser({ baseIRI, dataFactory: rdf }), text);
  }
  if (ext === 'rdf' || ext === 'owl' || ext === 'xml') {
    return streamToQuads(new RdfXmlParser({ baseIRI, dataFactory: rdf }), text);
  }
  throw new Error(`cannot tell the RDF format of ${file} (use .ttl .nt .nq .trig .n3 .jsonld .rdf)`);
}

async function loadDataset(files) {
  const ds = rdf.dataset();
  for (const f of files) {
    try {
      for (const q of await parseFile(f)) ds.add(q);
    } catch (e) {
      console.error(`parse error in ${f}: ${e.message || e}`);
      process.exit(2);
    }
  }
  return ds;
}

function term(t) {
  if (!t) return '-';
  if (t.termType === 'NamedNode') return `<${t.value}>`;
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  if (t.termType === 'Literal') {
    const v = JSON.stringify(t.value);
    if (t.language) return `${v}@${t.language}`;
    if (t.datatype && t.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string') return `${v}^^<${t.datatype.value}>`;
    return v;
  }
  return String(t.value);
}

function one(ds, s, p) {
  for (const q of ds.match(s, rdf.namedNode(p))) return q.object;
  return null;
}

function list(ds, head) {
  const out = [];
  let n = head, guard = 0;
  while (n && n.value !== RDF + 'nil' && guard++ < 1000) {
    out.push(one(ds, n, RDF + 'first'));
    n = one(ds, n, RDF + 'rest');
  }
  return out;
}

// SHACL property path term -> SPARQL-like string, using the graph it lives in
function renderPath(p, ds, depth = 0) {
  if (!p) return '-';
  if (p.termType === 'NamedNode') return `<${p.value}>`;
  if (depth > 20) return term(p);
  const sub = (x) => renderPath(x, ds, depth + 1);
  let x;
  if ((x = one(ds, p, SH + 'inversePath'))) return `^${sub(x)}`;
  if ((x = one(ds, p, SH + 'alternativePath'))) return `(${list(ds, x).map(sub).join('|')})`;
  if ((x = one(ds, p, SH + 'zeroOrMorePath'))) return `${sub(x)}*`;
  if ((x = one(ds, p, SH + 'oneOrMorePath'))) return `${sub(x)}+`;
  if ((x = one(ds, p, SH + 'zeroOrOnePath'))) return `${sub(x)}?`;
  if (one(ds, p, RDF + 'first')) return `(${list(ds, p).map(sub).join('/')})`;
  return term(p);
}

// reportResults reads the results of a standard sh:ValidationReport graph.
function reportResults(ds) {
  const out = [];
  for (const q of ds.match(null, rdf.namedNode(SH + 'result'))) {
    const r = q.object;
    const path = one(ds, r, SH + 'resultPath');
    const value = one(ds, r, SH + 'value');
    out.push({
      severity: local(one(ds, r, SH + 'resultSeverity')),
      focusNode: term(one(ds, r, SH + 'focusNode')),
      path: path ? renderPath(path, ds) : null,
      value: value ? term(value) : null,
      message: [...ds.match(r, rdf.namedNode(SH + 'resultMessage'))].map((m) => m.object.value),
      sourceConstraintComponent: (one(ds, r, SH + 'sourceConstraintComponent') || {}).value || null,
      sourceShape: term(one(ds, r, SH + 'sourceShape')),
    });
  }
  return out;
}

const local = (t) => (t ? t.value.replace(/^.*[#/]/, '') : '-');

// validate runs one engine and returns its verdict and results in one form.
async function validate(engine, data, shapes, maxErrors) {
  if (engine === 'rdf-validate-shacl') {
    const opts = { factory: rdf };
    if (maxErrors) opts.maxErrors = maxErrors;
    const report = await new SHACLValidator(shapes, opts).validate(data);
    return {
      conforms: report.conforms,
      results: report.results.map((r) => ({
        severity: local(r.severity),
        focusNode: term(r.focusNode),
        path: r.path ? renderPath(r.path, shapes) : null,
        value: r.value ? term(r.value) : null,
        message: (r.message || []).map((m) => m.value),
        sourceConstraintComponent: r.sourceConstraintComponent ? r.sourceConstraintComponent.value : null,
        sourceShape: r.sourceShape ? term(r.sourceShape) : null,
      })),
    };
  }
  if (engine === 'shacl-engine') {
    const report = await new EngineValidator(shapes, { factory: rdf }).validate({ dataset: data });
    return { conforms: report.conforms, results: reportResults(report.dataset) };
  }
  usage(`unknown engine ${engine}`);
}

async function main() {
  const args = process.argv.slice(2);
  const pos = [];
  let json = false, maxErrors, engine = 'rdf-validate-shacl', batch;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') json = true;
    else if (args[i] === '--engine') engine = args[++i];
    else if (args[i] === '--batch') batch = args[++i];
    else if (args[i] === '--max-errors') maxErrors = parseInt(args[++i], 10);
    else if (args[i].startsWith('--')) usage(`unknown option ${args[i]}`);
    else pos.push(args[i]);
  }
  if (batch) {
    if (pos.length < 1) usage();
    const shapes = await loadDataset(pos);
    const reports = [];
    for (const file of fs.readFileSync(batch, 'utf8').split('\n').filter((l) => l.trim())) {
      const { conforms, results } = await validate(engine, await loadDataset([file]), shapes, maxErrors);
      reports.push({ data: file, conforms, results });
    }
    console.log(JSON.stringify({ engine, reports }, null, 2));
    return;
  }
  if (pos.length < 2) usage();
  const [dataFile, ...shapeFiles] = pos;
  const t0 = performance.now();
  const data = await loadDataset([dataFile]);
  const shapes = await loadDataset(shapeFiles);
  const t1 = performance.now();
  const { conforms, results } = await validate(engine, data, shapes, maxErrors);
  const t2 = performance.now();
  if (json) {
    console.log(JSON.stringify({ engine, conforms, results }, null, 2));
  } else {
    console.log(`conforms: ${conforms}`);
    if (!conforms) {
      const bySev = {};
      for (const r of results) bySev[r.severity] = (bySev[r.severity] || 0) + 1;
      console.log(`results: ${results.length} (${Object.entries(bySev).map(([k, v]) => `${k}: ${v}`).join(', ')})`);
    }
    for (const r of results) {
      console.log(`- [${r.severity}] focus=${r.focusNode} path=${r.path ?? '-'}` +
        (r.value !== null ? ` value=${r.value}` : '') +
        ` message=${JSON.stringify(r.message.join(' | '))}` +
        ` component=${local({ value: r.sourceConstraintComponent || '' })} shape=${r.sourceShape}`);
    }
  }
  console.error(`engine=${engine} data_triples=${data.size} shapes_triples=${shapes.size} parse_ms=${(t1 - t0).toFixed(1)} validate_ms=${(t2 - t1).toFixed(1)}`);
  // exitCode, not exit(): exit() would cut a large report written to a pipe.
  process.exitCode = conforms ? 0 : 1;
}

main().catch((e) => { console.error(e && e.stack ? e.stack : String(e)); process.exitCode = 2; });
