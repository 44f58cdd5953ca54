// GraphQL-over-HTTP conformance: runs graphql-http's auditServer against one endpoint and prints
// {url, ok, warn, error, results:[{id, status, reason}]} as JSON. Exit 0 even with findings:
// the calling test decides what is acceptable.
// Usage: node audit.mjs <url>
import { auditServer } from 'graphql-http';

const url = process.argv[2];
const results = await auditServer({ url });
const summary = { url, ok: 0, warn: 0, error: 0, results: [] };
for (const r of results) {
  summary[r.status] += 1;
  if (r.status !== 'ok') {
    summary.results.push({ id: r.id, status: r.status, name: r.name, reason: r.reason });
  }
}
console.log(JSON.stringify(summary, null, 2));
