// The deploy step (scripts/configure-dist.sh) asks the Strapi it points the pages at whether it
// can serve cookie mode, and refuses before changing any page when it cannot: run against the
// real Strapi of the phase, in session management (accepted) and in its default mode (refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, MODE, STRAPI } from './lib/harness.mjs';

const CONFIGURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'configure-dist.sh');
const STORAGE_META = /<meta name="strapi-token-storage" content="([^"]*)" \/>/;

/** Runs the deploy step on a fresh copy of the built pages; its outcome and the copy's pages. */
async function configure(...args) {
  const dir = mkdtempSync(join(tmpdir(), 'deploycheck-'));
  try {
    cpSync(DIST, dir, { recursive: true });
    // The copy as it was built: nothing set yet.
    const before = readFileSync(join(dir, 'auth', 'login', 'index.html'), 'utf8').replace(STORAGE_META, '<meta name="strapi-token-storage" content="" />');
    writeFileSync(join(dir, 'auth', 'login', 'index.html'), before);
    const outcome = await promisify(execFile)(CONFIGURE, [dir, ...args]).then(
      ({ stderr }) => ({ ok: true, stderr }),
      (error) => ({ ok: false, stderr: error.stderr }),
    );
    return { ...outcome, storage: readFileSync(join(dir, 'auth', 'login', 'index.html'), 'utf8').match(STORAGE_META)[1] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('cookie mode is accepted for a Strapi with session management', { skip: MODE !== 'cookie' }, async () => {
  const { ok, stderr, storage } = await configure(STRAPI, '', '', 'cookie');
  assert.ok(ok, stderr);
  assert.equal(storage, 'cookie');
});

test('cookie mode is refused for a Strapi without session management, with the line to add, and no page changed', { skip: MODE !== 'legacy' }, async () => {
  const { ok, stderr, storage } = await configure(STRAPI, '', '', 'cookie');
  assert.equal(ok, false);
  assert.match(stderr, /cookie mode needs Strapi's session management/);
  assert.match(stderr, /jwtManagement: 'refresh'/);
  assert.equal(storage, '', 'the pages are as they were');
  // localStorage works with it: accepted.
  const local = await configure(STRAPI, '', '', 'local');
  assert.ok(local.ok, local.stderr);
  assert.equal(local.storage, 'local');
});

test('a Strapi that does not answer is a warning, not a failure (pages may come before their back end)', async () => {
  const { ok, stderr, storage } = await configure('http://127.0.0.1:9', '', '', 'cookie');
  assert.ok(ok, stderr);
  assert.match(stderr, /could not reach/);
  assert.equal(storage, 'cookie');
});
