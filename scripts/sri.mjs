// Subresource Integrity for the script-tag bundles: after the build, writes `<bundle>.sri` next to each
// dist/*.min.js (one line, `sha384-<base64>`) and prints it, so a page can load the CDN copy with
// <script src="…/otel-browser.min.js" integrity="sha384-…" crossorigin="anonymous">.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const bundles = readdirSync(dist).filter((name) => name.endsWith('.min.js'));
if (!bundles.length) {
  console.error('sri: no dist/*.min.js to hash; run the build first');
  process.exit(1);
}
for (const name of bundles) {
  const integrity = `sha384-${createHash('sha384')
    .update(readFileSync(join(dist, name)))
    .digest('base64')}`;
  writeFileSync(join(dist, `${name}.sri`), `${integrity}\n`);
  console.log(`${name} integrity: ${integrity}`);
}
