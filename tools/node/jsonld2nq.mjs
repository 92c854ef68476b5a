// Reads a JSON-LD document on stdin and writes its RDF as N-Quads with
// jsonld.js, the reference implementation, fetching remote contexts over
// HTTP (the tests serve ours on localhost).
// Usage: node jsonld2nq.mjs BASE < doc.jsonld
import jsonld from 'jsonld';

const base = process.argv[2];
let text = '';
for await (const chunk of process.stdin) text += chunk;
const doc = JSON.parse(text);
const nq = await jsonld.toRDF(doc, { base, format: 'application/n-quads' });
process.stdout.write(nq);
