// A clean console where WebDriver classic has no console log (Firefox ESR, WebKitGTK; WebKitGTK's
// driver has no BiDi either): the test server puts this probe first in every page, allowed by its
// hash, and it notes what a console check would fail on. The notes live in the tab's
// sessionStorage, so they outlive the page's own navigations (a provider's redirect, a reload).
import { createHash } from 'node:crypto';

export const CONSOLE_KEY = 'e2e-console';

const PROBE = `(() => {
  window.__consoleProbe = true;
  const note = (line) => {
    try {
      const all = JSON.parse(sessionStorage.getItem('${CONSOLE_KEY}') || '[]');
      sessionStorage.setItem('${CONSOLE_KEY}', JSON.stringify([...all, line]));
    } catch (_) { /* storage refused: the page's own problem, tested elsewhere */ }
  };
  for (const level of ['error', 'warn']) {
    const original = console[level];
    console[level] = function (...args) {
      note(level + ': ' + args.map(String).join(' '));
      return original.apply(this, args);
    };
  }
  addEventListener('error', (e) => note(e instanceof ErrorEvent ? 'uncaught: ' + e.message : 'not loaded: ' + (e.target.src || e.target.href)), true);
  addEventListener('unhandledrejection', (e) => note('unhandled rejection: ' + e.reason));
  document.addEventListener('securitypolicyviolation', (e) => note('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI));
})();`;

/** The page with the probe as the first thing in its head, before the app's own scripts. */
export const withProbe = (html) => html.replace('<head>', `<head><script>${PROBE}</script>`);

/** The page's Content-Security-Policy, also allowing the probe (and nothing else). */
export const cspWithProbe = (csp) =>
  csp.replace("script-src 'self'", `script-src 'self' 'sha256-${createHash('sha256').update(PROBE).digest('base64')}'`);

/** A function body for the page: the notes so far, which it then forgets. A page without the
 * probe (its hash refused, say) would pass unseen: that is a note too. */
export const TAKE_NOTES = `
  if (!window.__consoleProbe) return ['no console probe in ' + location.href];
  const all = JSON.parse(sessionStorage.getItem('${CONSOLE_KEY}') || '[]');
  sessionStorage.removeItem('${CONSOLE_KEY}');
  return all;`;
