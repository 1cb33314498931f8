// The oracle of tests/qs_oracle.rs: reads one JSON object per line on stdin and answers each
// with one line, `qs.stringify(object, { encodeValuesOnly: true })` (as Strapi's docs call it).
// `qs` comes from tests/e2e/node_modules (scripts/setup.sh installs it).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const e2e = path.resolve(here, '../../../tests/e2e');
const require = createRequire(path.join(e2e, 'package.json'));

let qs;
let version;
try {
  qs = require('qs');
  version = require('qs/package.json').version;
} catch (error) {
  console.error(`cannot load qs from ${e2e}/node_modules (${error.code ?? error.message}): run scripts/setup.sh`);
  process.exit(3);
}

process.stdout.write(`ready qs@${version}\n`);

let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let end;
  while ((end = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, end);
    pending = pending.slice(end + 1);
    let answer;
    try {
      answer = qs.stringify(JSON.parse(line), { encodeValuesOnly: true });
    } catch (error) {
      answer = `ERROR ${error.message}`;
    }
    process.stdout.write(`${answer.replace(/\n/g, '\\n')}\n`);
  }
});
