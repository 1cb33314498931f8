// The benchmark: cold loads of /auth/login from a static host serving the precompressed build,
// against the real Strapi, in headless Chromium. Prints a table and writes bench/results/latest.json.
//   node bench/bench.mjs <configured dist> [runs]
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');
const { serveDist } = await import(join(here, '..', 'tests', 'e2e', 'lib', 'serve.mjs'));

const dist = process.argv[2];
const runs = Number(process.argv[3] || 10);
const PORT = 4180;
const DEMO = { email: process.env.DEMO_EMAIL || 'demo@example.com', password: process.env.DEMO_PASSWORD || 'Demo-pass-1234' };
const csp = existsSync(join(dist, 'csp.txt')) ? readFileSync(join(dist, 'csp.txt'), 'utf8').trim() : null;
const server = await serveDist(dist, PORT, { headers: csp ? { 'content-security-policy': csp } : {} });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--enable-precise-memory-info'],
});

// Runs in the page before anything else: records the wasm start, the first click that the app
// turns into a POST carrying the typed email, and when the token lands in localStorage.
const PROBE = () => {
  const probe = { attempts: 0 };
  window.__probe = probe;
  addEventListener('TrunkApplicationStarted', (e) => {
    probe.started = performance.now();
    probe.wasmMemory = e.detail?.wasm?.memory?.buffer?.byteLength ?? null;
  });
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    if (url.endsWith('/auth/local') && probe.clickAt !== undefined && probe.postAt === undefined) {
      probe.postAt = performance.now();
      const body = typeof input === 'string' ? Promise.resolve(init?.body || '{}') : input.clone().text();
      body.then((text) => { probe.postedEmail = JSON.parse(text).identifier; });
    }
    return realFetch(input, init);
  };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if ((key === 'token' || key === 'accessToken') && probe.tokenAt === undefined) probe.tokenAt = performance.now();
    return setItem.call(this, key, value);
  };
  // Keep trying like an impatient person until a click is turned into the login request.
  const email = 'bench@example.com';
  const set = (el, value) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, value);
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  };
  const attempt = () => {
    if (probe.postAt !== undefined) return;
    const id = document.querySelector('input[name=identifier]');
    const pw = document.querySelector('input[name=password]');
    const button = document.querySelector('form button[type=submit]');
    if (id && pw && button) {
      probe.attempts += 1;
      set(id, email);
      set(pw, 'not-the-password');
      probe.clickAt = performance.now();
      button.click();
    }
    setTimeout(attempt, 5);
  };
  attempt();
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

async function coldLoad(encoding) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'accept-encoding': encoding } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const bytes = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
  const kinds = new Map();
  cdp.on('Network.responseReceived', (e) => {
    if (!e.response.url.startsWith(server.url)) return;
    const t = e.response.mimeType;
    kinds.set(e.requestId, t.includes('html') ? 'html' : t.includes('css') ? 'css' : t.includes('javascript') ? 'js' : t.includes('wasm') ? 'wasm' : 'other');
  });
  cdp.on('Network.loadingFinished', (e) => {
    const kind = kinds.get(e.requestId);
    if (kind) bytes[kind] += e.encodedDataLength;
  });
  await page.addInitScript(PROBE);
  let serverMs = null;
  page.on('response', (r) => {
    if (r.url().endsWith('/api/auth/local') && r.request().method() === 'POST') {
      const m = /dur=([\d.]+)/.exec(r.headers()['server-timing'] || '');
      if (m) serverMs = Number(m[1]);
    }
  });
  await page.goto(`${server.url}/auth/login`);
  await page.waitForFunction(() => window.__probe.postedEmail !== undefined, null, { timeout: 30_000 });
  await page.locator('#form-alert').getByText('Invalid identifier or password').waitFor();
  const load = await page.evaluate(() => {
    const p = window.__probe;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
    return {
      fcp,
      interactive: p.clickAt,
      postedEmail: p.postedEmail,
      instantiate: wasm ? p.started - wasm.responseEnd : null,
      jsHeap: performance.memory?.usedJSHeapSize ?? null,
      wasmMemory: p.wasmMemory,
    };
  });
  // The login round trip on the loaded page: click → token stored.
  await page.evaluate(() => { window.__probe.tokenAt = undefined; });
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password').fill(DEMO.password);
  serverMs = null;
  const clickAt = await page.evaluate(() => {
    const t = performance.now();
    document.querySelector('form button[type=submit]').click();
    return t;
  });
  await page.waitForFunction(() => window.__probe.tokenAt !== undefined);
  const tokenAt = await page.evaluate(() => window.__probe.tokenAt);
  await page.waitForURL((u) => u.pathname === '/dashboard');
  await context.close();
  if (load.postedEmail !== 'bench@example.com') throw new Error('the first accepted click did not carry the typed email');
  return { bytes, ...load, login: tokenAt - clickAt, loginServer: serverMs };
}

const results = { gzip: [], br: [] };
for (let i = 0; i < runs; i += 1) {
  results.gzip.push(await coldLoad('gzip'));
  results.br.push(await coldLoad('br'));
}
await browser.close();
await server.close();

const all = [...results.gzip, ...results.br];
const sum = (b) => Object.values(b).reduce((a, x) => a + x, 0);
const report = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  runs,
  bytes: {
    gzip: Object.fromEntries(['html', 'css', 'js', 'wasm'].map((k) => [k, median(results.gzip.map((r) => r.bytes[k]))])),
    brotli: Object.fromEntries(['html', 'css', 'js', 'wasm'].map((k) => [k, median(results.br.map((r) => r.bytes[k]))])),
  },
  totalBytes: { gzip: median(results.gzip.map((r) => sum(r.bytes))), brotli: median(results.br.map((r) => sum(r.bytes))) },
  fcpMs: stat(all.map((r) => r.fcp)),
  interactiveMs: stat(all.map((r) => r.interactive)),
  loginMs: stat(all.map((r) => r.login)),
  loginOutsideStrapiMs: stat(all.filter((r) => r.loginServer !== null).map((r) => r.login - r.loginServer)),
  strapiMs: stat(all.filter((r) => r.loginServer !== null).map((r) => r.loginServer)),
  wasmInstantiateMs: stat(all.map((r) => r.instantiate)),
  jsHeapBytes: stat(all.map((r) => r.jsHeap)),
  wasmMemoryBytes: stat(all.map((r) => r.wasmMemory)),
};
// Issue 6's targets for the bench (the test command enforces its own byte ceiling separately).
const TARGETS = { gzipBytes: 90_000, interactiveMs: 250 };
report.targets = {
  gzipBytes: { target: TARGETS.gzipBytes, met: report.totalBytes.gzip <= TARGETS.gzipBytes },
  interactiveMs: { target: TARGETS.interactiveMs, met: report.interactiveMs.median <= TARGETS.interactiveMs },
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const ms = (s) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
const mb = (s) => `${(s.median / 1e6).toFixed(1)} MB (${(s.min / 1e6).toFixed(1)}–${(s.max / 1e6).toFixed(1)})`;
const rows = [
  ['cold /auth/login, gzip', `${kb(report.totalBytes.gzip)} (html ${kb(report.bytes.gzip.html)}, css ${kb(report.bytes.gzip.css)}, js ${kb(report.bytes.gzip.js)}, wasm ${kb(report.bytes.gzip.wasm)})`],
  ['cold /auth/login, brotli', `${kb(report.totalBytes.brotli)} (html ${kb(report.bytes.brotli.html)}, css ${kb(report.bytes.brotli.css)}, js ${kb(report.bytes.brotli.js)}, wasm ${kb(report.bytes.brotli.wasm)})`],
  ['first contentful paint', ms(report.fcpMs)],
  ['form interactive', ms(report.interactiveMs)],
  ['login: click → token stored', ms(report.loginMs)],
  ['  of which outside Strapi', ms(report.loginOutsideStrapiMs)],
  ['wasm instantiate', ms(report.wasmInstantiateMs)],
  ['JS heap after load', mb(report.jsHeapBytes)],
  ['wasm memory after load', mb(report.wasmMemoryBytes)],
];
console.log(`\n${runs * 2} cold loads (${runs} gzip, ${runs} brotli), medians (min–max), ${report.machine.cpus} cores\n`);
for (const [k, v] of rows) console.log(`${k.padEnd(30)} ${v}`);
const verdict = (t) => (t.met ? 'met' : 'NOT met');
console.log(`\ntargets: ≤ ${kb(TARGETS.gzipBytes)} gzip ${verdict(report.targets.gzipBytes)}; interactive ≤ ${TARGETS.interactiveMs} ms ${verdict(report.targets.interactiveMs)}`);
console.log('written: bench/results/latest.json');
