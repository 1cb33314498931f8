// The end-to-end matrix in one place: which Strapi configuration runs which test files, in order.
// scripts/test.sh runs exactly these phases (`node tests/e2e/phases.mjs` prints one per line);
// inside a file, a test that only applies to one token mode says so with its `skip` flag.
// topology `single`: one Strapi on SQLite, the app on the suite's own static server, cross-origin;
// `prod`: scripts/prod.sh — nginx serving dist/ and /api/ from two Strapi nodes on PostgreSQL.
// lane: `a` (the default) or `b`, run side by side, each with its own Strapi, ports and mail
// catcher (scripts/test.sh). Three lanes took 15 minutes in all, but on 2 cores the 5-second-token
// tests of one lane then missed their timing now and then; with two, the three main phases run one
// after the other in lane a and only the short ones and the production topology beside them.
// examples/minimal (built for port 1337) stays in lane a; the production topology in one lane.
export const PHASES = [
  {
    mode: 'legacy', ratelimit: false, confirmation: false,
    files: ['shell', 'split', 'prerender', 'takeover', 'loading', 'loadfail', 'login', 'session', 'remember', 'account', 'provider', 'hardening', 'a11y', 'faults', 'content', 'restaurants', 'minimal'],
  },
  { mode: 'refresh', ratelimit: false, confirmation: false, files: ['worker', 'prerender', 'login', 'session', 'remember', 'account', 'provider', 'a11y', 'faults', 'journeys', 'content', 'restaurants'] },
  // Session management with the refresh token in Strapi's httpOnly cookie; the app built with
  // strapi-token-storage=cookie. The session tests of the other modes are cookie.test's.
  { mode: 'cookie', ratelimit: false, confirmation: false, files: ['cookie', 'deploycheck', 'prerender', 'login', 'account', 'provider', 'hardening', 'a11y', 'faults', 'journeys', 'restaurants'] },
  // The app set to keep the session in Strapi's cookie, in front of a Strapi without session
  // management (its default mode): said, not a silent logout; and the deploy step refuses it.
  { lane: 'b', mode: 'legacy', ratelimit: false, confirmation: false, env: 'E2E_STORAGE=cookie', files: ['nosessions', 'deploycheck'] },
  // Strapi 4.26 (strapi4/), the other supported version: the login journey, and cookie mode
  // against it (no session management there: its unknown routes answer 405).
  { lane: 'b', mode: 'legacy', ratelimit: false, confirmation: false, env: 'STRAPI_VERSION=4', files: ['strapi4'] },
  { lane: 'b', mode: 'legacy', ratelimit: false, confirmation: false, env: 'STRAPI_VERSION=4,E2E_STORAGE=cookie', files: ['nosessions', 'deploycheck'] },
  { lane: 'b', mode: 'legacy', ratelimit: false, confirmation: true, files: ['confirm'] },
  { lane: 'b', mode: 'refresh', ratelimit: false, confirmation: true, files: ['confirm'] },
  { lane: 'b', mode: 'legacy', ratelimit: true, confirmation: false, files: ['ratelimit'] },
  { lane: 'b', mode: 'cookie', ratelimit: true, confirmation: false, files: ['ratelimit'] },
  { lane: 'b', topology: 'prod', mode: 'refresh', ratelimit: false, confirmation: false, files: ['prod', 'crosssite'] },
  // Cookie mode where it is meant to be deployed: one origin, several nodes, PostgreSQL.
  { lane: 'b', topology: 'prod', mode: 'cookie', ratelimit: false, confirmation: false, files: ['cookie', 'crosssite'] },
  // The same with Strapi's `sessions.httpOnly` left off (its default): the cookie only where the
  // app asks for it.
  { lane: 'b', topology: 'prod', mode: 'cookie', ratelimit: false, confirmation: false, env: 'SESSIONS_HTTPONLY=false', files: ['crosssite'] },
  // Strapi's own limiter behind the load balancer: still ten attempts a minute, not ten per node.
  { lane: 'b', topology: 'prod', mode: 'legacy', ratelimit: true, confirmation: false, files: ['ratelimit'] },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const p of PHASES) {
    // `env`: more settings for Strapi and the tests, as NAME=value[,NAME=value]; `-` for none.
    const row = [p.lane || 'a', p.topology || 'single', p.mode, p.ratelimit, p.confirmation, p.env || '-', ...p.files.map((f) => `${f}.test.mjs`)];
    console.log(row.join(' '));
  }
}
