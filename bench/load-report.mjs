// Reads Goose's request log (JSON lines, --request-format json) for bench/load.sh.
//   node bench/load-report.mjs step LOG NAME          one capacity step: {rps, p50, p99, errors, count}
//   node bench/load-report.mjs outage LOG START_MS DOWN_MS UP_MS
//        an outage run: requests and errors per second, the recovery peak and when errors stopped
// Times: the log's `elapsed` counts from Goose's start (START_MS, Unix ms); DOWN_MS and UP_MS are
// when Strapi was stopped and answered again.
import { readFileSync } from 'node:fs';

const rows = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));

/** The p-th percentile of sorted numbers (nearest rank). */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A capacity step: the named request, after the first second of the steady part. */
export function step(requests, name) {
  const mine = requests.filter((r) => r.name === name);
  if (!mine.length) return { count: 0, rps: 0, p50: NaN, p99: NaN, errors: 0 };
  const from = mine[0].elapsed + 1000;
  const steady = mine.filter((r) => r.elapsed >= from);
  const to = Math.max(...steady.map((r) => r.elapsed + r.response_time), from + 1);
  const times = steady.map((r) => r.response_time).sort((a, b) => a - b);
  return {
    count: steady.length,
    rps: Math.round((steady.length / ((to - from) / 1000)) * 10) / 10,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    errors: steady.filter((r) => !r.success).length,
  };
}

/** A failure Strapi or the proxy is to blame for: no answer, a 5xx, a 429. A 401 is the app's
 * normal way to learn that an access token expired (it renews and asks again), not an error. */
const failed = (r) => r.status_code === 0 || r.status_code >= 500 || r.status_code === 429;

/** An outage run, per second of wall time: requests sent and failed. */
export function outage(requests, startMs, downMs, upMs) {
  const seconds = new Map();
  for (const r of requests) {
    const s = Math.floor((startMs + r.elapsed - downMs) / 1000);
    const row = seconds.get(s) || { sent: 0, failed: 0 };
    row.sent += 1;
    if (failed(r)) row.failed += 1;
    seconds.set(s, row);
  }
  const upAt = Math.floor((upMs - downMs) / 1000);
  const after = [...seconds.entries()].filter(([s]) => s >= upAt).sort((a, b) => a[0] - b[0]);
  const before = [...seconds.entries()].filter(([s]) => s < 0).map(([, r]) => r.sent);
  const lastError = Math.max(...after.filter(([, r]) => r.failed > 0).map(([s]) => s), upAt);
  const peak = after.reduce((best, [s, r]) => (r.sent > best.sent ? { s, sent: r.sent } : best), { s: upAt, sent: 0 });
  return {
    steadyRps: Math.round((before.reduce((a, b) => a + b, 0) / Math.max(before.length, 1)) * 10) / 10,
    downSecs: upAt,
    sentWhileDown: [...seconds.entries()].filter(([s]) => s >= 0 && s < upAt).reduce((a, [, r]) => a + r.sent, 0),
    peakRps: peak.sent,
    peakSecsAfterUp: peak.s - upAt,
    errorsStopSecsAfterUp: lastError + 1 - upAt,
    perSecond: [...seconds.entries()].sort((a, b) => a[0] - b[0]).map(([s, r]) => [s, r.sent, r.failed]),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kind, file, ...rest] = process.argv.slice(2);
  const requests = rows(file);
  const out = kind === 'step' ? step(requests, rest[0]) : outage(requests, ...rest.map(Number));
  console.log(JSON.stringify(out));
}
