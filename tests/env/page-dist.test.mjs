// The single-file build (scripts/dist.mjs, `make dist`): one HTML file opened from disk (file://)
// in headless Chromium, with its own CSP (a <meta>, by hashes, connect-src 'none') in force. Both
// wasm are inlined (jwtlens and jwtlens/sign). It must decode, verify, generate keys (inline: no
// Web Worker from file://), sign, and compute the public key of a pasted private key with
// jwtlens/sign, while making no request at all besides the file itself, with no CSP violation and
// no console error.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT, assertQuietConsole, launchBrowser, makeTokens, openPage, screenshot, toolEnv } from './lib.mjs';
import {
  DEMO_SECRET, DEMO_TOKEN, banner, cspViolations, enter, expectVerified, findings, focusedId, largeToken, recordCspViolations,
  signWith, tokenOffer, verdict, waitReady,
} from './page-lib.mjs';

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('page-dist: the single-file decoder page works from file:// with no request at all', { timeout: 300_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-dist-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'jwtlens.html');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'dist.mjs'), '--out', file], { cwd: ROOT, env: toolEnv(), stdio: 'inherit' });
  const html = fs.readFileSync(file, 'utf8');

  await t.test('one file: exactly one inline script and stylesheet, allowed by their hashes; connect-src none', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(styles.length, 1);
    assert.equal(scripts[0][1].trim(), 'type="module"', 'the script is inline, not loaded');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, 'no CSP meta');
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], [sha256(scripts[0][2]), "'wasm-unsafe-eval'"]);
    assert.deepEqual(directives['style-src'], [sha256(styles[0][1])]);
    assert.deepEqual(directives['connect-src'], ["'none'"]);
    assert.deepEqual(directives['img-src'], ['data:']);
    assert.ok(html.indexOf('http-equiv="Content-Security-Policy"') < html.indexOf('<style>'), 'the policy comes first');
    // Nothing refers to another file: every src/href is a fragment or a data: URL.
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(refs.filter((r) => !r.startsWith('#') && !r.startsWith('data:')), []);
    assert.match(scripts[0][2], /AGFzbQ/, 'the wasm (\\0asm in base64) is inlined');
    // Both wasm, byte for byte: jwtlens's (verify) and jwtlens/sign's (sign, keys).
    for (const wasm of ['jwtlens_bg.wasm', 'sign/jwtlens_bg.wasm']) {
      const base64 = fs.readFileSync(path.join(ROOT, 'pkg', wasm)).toString('base64');
      assert.ok(scripts[0][2].includes(JSON.stringify(base64)), `pkg/${wasm} is not inlined`);
    }
    console.log(`page-dist: ${file} is ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB`);
  });

  const tokens = makeTokens();
  const browser = await launchBrowser();
  try {
    const view = await openPage(browser, 'about:blank');
    const { page } = view;
    await recordCspViolations(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    view.requests.length = 0;
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: 'load' });
    await waitReady(page);

    await t.test('decodes the demo token and verifies it with its secret', async () => {
      await enter(page, { token: DEMO_TOKEN, key: DEMO_SECRET });
      await expectVerified(page, 'demo token');
      assert.equal((await banner(page)).state, 'no-expiry');
      assert.equal((await findings(page))[0], 'critical weak-secret');
      await enter(page, { key: 'wrong' });
      assert.equal((await verdict(page)).state, 'not-verified');
      await enter(page, { token: tokens.es, key: tokens.publicJwk });
      await expectVerified(page, 'ES256 JWK');
      await enter(page, { token: tokens.garbage });
      assert.equal((await banner(page)).state, 'malformed');
    });

    await t.test('the examples verify with the keys they fill in', async () => {
      for (const example of ['rs256-pem', 'es256-jwk', 'eddsa-jwks', 'expired']) {
        await page.selectOption('#examples', example);
        await expectVerified(page, example);
      }
    });

    await t.test('key generation runs inline (and the page says why), signing and verifying work', async () => {
      assert.match(await page.textContent('#keygen-mode'), /single-file copy .* browsers do not start Web Workers there/);
      await page.selectOption('#examples', 'hs256-jwtio');
      for (const alg of ['ES256', 'RS256']) {
        await page.selectOption('#sign-alg', alg);
        await page.click('#generate');
        await page.waitForFunction((a) => document.getElementById('keygen-text').textContent.startsWith(`Generated an ${a} key pair`), alg, { timeout: 60_000 });
        assert.doesNotMatch(await page.textContent('#keygen-text'), /Web Worker/);
        await page.click('#open-signed');
        await expectVerified(page, `${alg} with a generated key`);
        assert.equal(JSON.parse(await page.textContent('#header')).alg, alg);
      }
      await screenshot(page, 'page-dist.png');
    });

    await t.test('jwtlens/sign in the single file: Ed25519 keys generated and signed, a pasted PKCS#8 key signs and its public key verifies', async () => {
      await page.selectOption('#examples', 'eddsa-jwks');
      await expectVerified(page, 'the EdDSA example, signed on the page');
      await page.selectOption('#sign-alg', 'Ed25519');
      await page.click('#generate');
      await page.waitForFunction(() => document.getElementById('keygen-text').textContent.startsWith('Generated an Ed25519 key pair'), null, { timeout: 60_000 });
      await page.click('#open-signed');
      await expectVerified(page, 'Ed25519 with a generated key');
      assert.equal(JSON.parse(await page.textContent('#header')).alg, 'Ed25519');
      // A pasted Ed25519 PKCS#8 private key: it signs in the editor; in the verify box, the page
      // computes its public key with publicJwk() and says so.
      const ed = crypto.generateKeyPairSync('ed25519');
      const pem = ed.privateKey.export({ type: 'pkcs8', format: 'pem' });
      await page.selectOption('#sign-alg', 'EdDSA');
      await page.fill('#sign-key', pem);
      assert.equal(await page.getAttribute('#sign-result', 'data-state'), 'signed');
      await page.click('#open-signed');
      await expectVerified(page, 'EdDSA signed with the pasted PEM');
      assert.match(await page.inputValue('#key'), /^-----BEGIN PUBLIC KEY-----/);
      await enter(page, { token: signWith('EdDSA', { sub: 'dist', exp: tokens.now + 600 }, ed.privateKey), key: pem });
      await expectVerified(page, 'EdDSA verified with the public key computed from the PKCS#8 key');
      assert.equal(await page.isVisible('#key-derived'), true);
      assert.match(await page.textContent('#key-derived'), /publicJwk\(\)\s*of\s*jwtlens\/sign/);
      await screenshot(page, 'page-dist-public-jwk-note.png');
    });

    await t.test('no request at all besides the file itself', () => {
      assert.deepEqual(view.requests.map((r) => r.url), [url]);
    });

    await t.test('no console errors, no CSP violations, no page errors', async () => {
      assert.deepEqual(await cspViolations(page), []);
      assertQuietConsole(view);
    });

    await t.test('the policy is in force: no connection, no other script', async () => {
      const fetched = await page.evaluate(() => fetch('http://127.0.0.1:9/collect').then(() => 'sent', (e) => `refused: ${e.name}`));
      assert.equal(fetched, 'refused: TypeError');
      const ran = await page.evaluate(async () => {
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true;';
        document.head.append(s);
        await new Promise((r) => setTimeout(r, 100));
        return window.__inlineRan === true;
      });
      assert.equal(ran, false);
      const violations = await cspViolations(page);
      assert.ok(violations.some((v) => v.startsWith('connect-src')), JSON.stringify(violations));
      assert.ok(violations.some((v) => v.startsWith('script-src')), JSON.stringify(violations));
    });
    await view.close();

    await t.test('a #token= link: a small token is decoded at once, a 64 KB one after the person asks', async () => {
      const small = await openPage(browser, 'about:blank');
      try {
        await recordCspViolations(small.page);
        await small.page.goto(`${url}#token=${DEMO_TOKEN}`, { waitUntil: 'load' });
        await waitReady(small.page);
        assert.equal(await small.page.inputValue('#token'), DEMO_TOKEN);
        assert.equal((await banner(small.page)).state, 'no-expiry');
        assert.equal((await tokenOffer(small.page)).visible, false);
        assert.deepEqual(await cspViolations(small.page), []);
        assertQuietConsole(small);
      } finally {
        await small.close();
      }
      const big = largeToken(64 * 1024, tokens.secret, { sub: 'big', exp: tokens.now + 600 });
      const v = await openPage(browser, 'about:blank');
      try {
        const { page: p } = v;
        await recordCspViolations(p);
        await p.setViewportSize({ width: 1280, height: 900 });
        v.requests.length = 0;
        await p.goto(`${url}#token=${big}`, { waitUntil: 'load' });
        await waitReady(p);
        const offer = await tokenOffer(p);
        assert.equal(offer.visible, true);
        assert.equal(offer.title, 'This link carries a large token: 64 KB');
        assert.equal(await p.inputValue('#token'), '');
        assert.equal((await banner(p)).state, 'empty');
        assert.deepEqual(await findings(p), []);
        assert.equal(await focusedId(p), 'token-offer-inspect');
        await screenshot(p, 'page-dist-link-offer.png');
        await p.click('#token-offer-inspect');
        assert.equal(await p.inputValue('#token'), big);
        assert.equal((await banner(p)).state, 'active');
        assert.ok((await findings(p)).includes('info large-token'));
        await enter(p, { key: tokens.secret });
        await expectVerified(p, 'the large link token');
        // Discarded, it leaves the address of the file too.
        await p.goto('about:blank');
        await p.goto(`${url}#token=${big}`, { waitUntil: 'load' });
        await waitReady(p);
        await p.click('#token-offer-discard');
        assert.equal(await p.evaluate(() => location.hash), '');
        assert.equal(await p.inputValue('#token'), '');
        assert.equal((await tokenOffer(p)).visible, false);
        assert.deepEqual([...new Set(v.requests.map((r) => r.url.split('#')[0]))], [url]);
        assert.deepEqual(await cspViolations(p), []);
        assertQuietConsole(v);
      } finally {
        await v.close();
      }
    });
  } finally {
    await browser.close();
  }
});
