// www smoke: `make serve` on a free port, then headless Chromium pastes a token into the decoder
// page and sees its header and payload, with the page's CSP in force, no console errors and no
// CSP violations.
import assert from 'node:assert/strict';
import http from 'node:http';
import test from 'node:test';
import {
  ROOT, foreignRequests, freePort, launchBrowser, makeTokens, openPage, screenshot, startProcess, toolEnv,
  waitForHttp,
} from './lib.mjs';

const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; worker-src 'self'";

/** A raw GET (fetch would normalise "/../" away). */
function rawGet(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: rawPath }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
  });
}

test('www: the decoder page served by make serve decodes a pasted token under its CSP', { timeout: 600_000 }, async (t) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  // make serve builds what it needs first (a no-op after make pkg), then serves www/.
  const proc = startProcess('make serve', 'make', ['--no-print-directory', 'serve', `JWTLENS_PORT=${port}`], {
    cwd: ROOT,
    env: { ...toolEnv(), JWTLENS_PORT: String(port) },
  });
  try {
    await waitForHttp(base, { timeoutMs: 540_000, proc });

    await t.test('server: CSP header, MIME types, nothing outside www/', async () => {
      const page = await fetch(base);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('content-security-policy'), CSP);
      assert.match(page.headers.get('content-type'), /^text\/html/);
      const cases = [
        ['main.js', /^text\/javascript/],
        ['style.css', /^text\/css/],
        ['jwtlens/browser.js', /^text\/javascript/],
        ['jwtlens/jwtlens_bg.wasm', /^application\/wasm$/],
      ];
      for (const [file, type] of cases) {
        const res = await fetch(base + file);
        await res.arrayBuffer();
        assert.equal(res.status, 200, file);
        assert.match(res.headers.get('content-type'), type, file);
        assert.equal(res.headers.get('content-security-policy'), CSP, file);
      }
      assert.equal(await rawGet(port, '/../Makefile'), 404);
      assert.equal(await rawGet(port, '/%2e%2e/Makefile'), 404);
      assert.equal(await rawGet(port, '/nope.js'), 404);
    });

    const tokens = makeTokens();
    const browser = await launchBrowser();
    try {
      const view = await openPage(browser, 'about:blank');
      const { page } = view;
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      view.requests.length = 0;
      await page.goto(base, { waitUntil: 'load' });
      await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });

      await t.test('page: a pasted token shows its header and payload (as text)', async () => {
        await page.fill('#token', `  Bearer ${tokens.hs}\n`);
        const header = JSON.parse(await page.textContent('#header'));
        const payload = JSON.parse(await page.textContent('#payload'));
        assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
        assert.deepEqual(payload, tokens.claims);
        assert.equal(await page.textContent('#signature'), tokens.hs.split('.')[2]);
        // The payload's "<b>" stays text: nothing from the token becomes markup.
        assert.equal(await page.locator('#payload b').count(), 0);
        assert.equal(await page.isHidden('#error'), true);
        await screenshot(page, 'www-decoded.png');
      });

      await t.test('page: a malformed token shows the error code', async () => {
        await page.fill('#token', 'eyJhbGciOiJIUzI1NiJ9.not base64!.x');
        assert.equal(await page.isVisible('#error'), true);
        assert.equal(await page.textContent('#error-code'), 'ERR_JWT_INVALID');
        assert.equal(await page.textContent('#header'), '');
        await screenshot(page, 'www-error.png');
      });

      await t.test('page: no console errors, no CSP violations, no request elsewhere', async () => {
        const violations = await page.evaluate(() => window.__cspViolations);
        assert.deepEqual(violations, []);
        const bad = view.consoleMessages.filter((m) => m.type === 'error' || m.type === 'requestfailed' || m.type === 'warning');
        assert.deepEqual(bad, []);
        assert.deepEqual(view.pageErrors, []);
        assert.deepEqual(foreignRequests(view.requests, new URL(base).origin), []);
        const wasm = view.responses.filter((r) => r.url.endsWith('.wasm'));
        assert.equal(wasm.length, 1);
        assert.match(wasm[0].contentType, /^application\/wasm/);
      });

      await t.test('page: the CSP is in force (an injected inline script is refused)', async () => {
        // (page.evaluate itself is exempt from the page's CSP, so the probe is a DOM-inserted
        // inline <script>, which the policy must block and report.)
        const ran = await page.evaluate(async () => {
          const s = document.createElement('script');
          s.textContent = 'window.__inlineRan = true;';
          document.head.append(s);
          await new Promise((r) => setTimeout(r, 100));
          return window.__inlineRan === true;
        });
        assert.equal(ran, false, 'an inline script ran: the CSP is not in force');
        const violations = await page.evaluate(() => window.__cspViolations);
        assert.ok(violations.some((v) => v.startsWith('script-src')), `violations: ${JSON.stringify(violations)}`);
      });
      await view.close();
    } finally {
      await browser.close();
    }
  } finally {
    await proc.stop();
  }
});
