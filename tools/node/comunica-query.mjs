// Runs SPARQL queries with Comunica (@comunica/query-sparql) against a
// SPARQL endpoint: an independent client of the /sparql endpoint, for the
// tests that check the example queries answer the same rows there as in
// `maturity query`. Writes one JSON object: query file → SPARQL JSON results.
// Usage: node comunica-query.mjs ENDPOINT QUERY.rq...
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { QueryEngine } from '@comunica/query-sparql';

const [endpoint, ...files] = process.argv.slice(2);
const engine = new QueryEngine();
const out = {};
for (const file of files) {
  const query = await readFile(file, 'utf8');
  const result = await engine.query(query, { sources: [{ type: 'sparql', value: endpoint }] });
  const { data } = await engine.resultToString(result, 'application/sparql-results+json');
  let text = '';
  for await (const chunk of data) text += chunk;
  out[basename(file)] = JSON.parse(text);
}
process.stdout.write(JSON.stringify(out));
