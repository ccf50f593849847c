// The decoder page, served by `make serve` (CSP in force, never bypassed), driven in headless
// Chromium as a person would use it: paste tokens, verify with secrets / PEMs / JWKs / JWKS (and
// private keys whose public key the page computes with jwtlens/sign), read the claims, status and
// findings, edit and re-sign with a generated key, share a link, opt in to storage. The page loads
// both entries, jwtlens and jwtlens/sign, while it loads. Every request is recorded: after the
// page's own assets have loaded there must be none.
// No console errors, no CSP violations. Screenshots go to artifacts/ (www-*.png); the re-render
// timing to artifacts/www-timing.json.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import test from 'node:test';
import {
  ARTIFACTS, ROOT, assertQuietConsole, foreignRequests, freePort, launchBrowser, makeTokens, openPage, screenshot, settle, signHS256, startProcess,
  toolEnv, waitForHttp,
} from './lib.mjs';
import {
  DEMO_SECRET, DEMO_TOKEN, banner, claimsVerdict, cspViolations, enter, expectVerified, findings, focusedId, largeToken, makeKeys,
  median, recordCspViolations, sec1WithoutPoint, signWith, tokenOffer, tokensAround, verdict, waitReady,
} from './page-lib.mjs';

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

const json = (page, selector) => page.textContent(selector).then((t) => JSON.parse(t));

test('www: the decoder page served by make serve', { timeout: 600_000 }, async (t) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  const origin = new URL(base).origin;
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
        ['app.js', /^text\/javascript/],
        ['keygen-worker.js', /^text\/javascript/],
        ['style.css', /^text\/css/],
        ['panels.css', /^text\/css/],
        ['favicon.svg', /^image\/svg\+xml/],
        ['jwtlens/web-entry.js', /^text\/javascript/],
        ['jwtlens/jwtlens_bg.wasm', /^application\/wasm$/],
        ['jwtlens/sign/web-entry.js', /^text\/javascript/],
        ['jwtlens/sign/jwtlens_bg.wasm', /^application\/wasm$/],
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
    const keys = makeKeys();
    const now = tokens.now;
    const browser = await launchBrowser();
    try {
      const view = await openPage(browser, 'about:blank');
      const { page } = view;
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      await recordCspViolations(page);
      await page.setViewportSize({ width: 1280, height: 900 });
      // No smooth scrolling (the page honours the preference), so nothing moves under a click.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      view.requests.length = 0;
      await page.goto(base, { waitUntil: 'load' });
      await waitReady(page);
      await settle(page);
      const loaded = view.requests.length;
      for (const r of view.requests) console.log(`www initial request: ${r.method} ${r.url.slice(origin.length)} (${r.type})`);

      await t.test('the jwt.io demo token: header, payload, claims, status and findings', async () => {
        await enter(page, { token: DEMO_TOKEN, key: '' });
        assert.deepEqual(await json(page, '#header'), { alg: 'HS256', typ: 'JWT' });
        assert.deepEqual(await json(page, '#payload'), { sub: '1234567890', name: 'John Doe', iat: 1516239022 });
        const rows = await page.$$eval('#claims-body tr', (trs) => trs.map((tr) => [tr.dataset.claim, tr.querySelector('.claim-label').textContent]));
        assert.deepEqual(rows, [['sub', 'Subject'], ['name', 'Full Name'], ['iat', 'Issued At']]);
        const iat = await page.textContent('#claims-body tr[data-claim="iat"]');
        assert.match(iat, /2018-01-18T01:30:22\.000Z/);
        assert.match(iat, /\d+ years ago/);
        assert.deepEqual(await banner(page), {
          state: 'no-expiry',
          title: 'No expiry',
          detail: 'There is no exp claim: this token never expires. If it leaks, it stays usable until the key changes.',
        });
        assert.deepEqual(await findings(page), ['critical weak-secret', 'medium exp-missing', 'info symmetric-alg']);
        assert.match(await page.textContent('#findings'), /your-256-bit-secret/);
        assert.equal(await page.textContent('#signature'), DEMO_TOKEN.split('.')[2]);
        // The token box colours its three segments; the coloured copy is exactly the text.
        assert.equal(await page.locator('#token-backdrop .seg').count(), 3);
        assert.equal(await page.textContent('#token-backdrop'), DEMO_TOKEN);
        assert.match(await page.textContent('#token-info'), /header 36.*payload 74.*signature 43.*155 bytes/s);
        assert.equal((await verdict(page)).state, 'idle');
        assert.match(await page.textContent('#verify-alg'), /^HS256: HMAC using SHA-256/);
        await screenshot(page, 'www-demo-decoded.png');
      });

      await t.test('the demo token verifies with your-256-bit-secret, with the weak-secret warning', async () => {
        await enter(page, { key: DEMO_SECRET });
        await expectVerified(page, 'demo secret');
        assert.equal(await page.isVisible('#weak-secret'), true);
        const weak = await page.textContent('#weak-secret');
        assert.match(weak, /19 bytes, shorter than the 32 bytes HS256 needs/);
        assert.match(weak, /your-256-bit-secret/);
        assert.equal((await claimsVerdict(page)).state, 'valid');
        assert.match(await page.textContent('#key-kind'), /secret, 19 bytes/);
      });

      await t.test('a wrong secret says not verified, with the error code', async () => {
        await enter(page, { key: 'not-the-secret' });
        const v = await verdict(page);
        assert.equal(v.state, 'not-verified');
        assert.equal(v.title, 'Signature not verified');
        assert.match(v.detail, /^ERR_JWS_SIGNATURE_VERIFICATION_FAILED /);
        assert.equal(await page.isVisible('#weak-secret'), false);
        assert.equal((await claimsVerdict(page)).state, 'idle');
      });

      await t.test('a whole "Authorization: Bearer …" line is accepted', async () => {
        await enter(page, { token: `Authorization: Bearer ${DEMO_TOKEN}\n`, key: DEMO_SECRET });
        await expectVerified(page, 'bearer line');
        assert.match(await page.textContent('#token-info'), /“Authorization: Bearer” prefix is ignored/);
        assert.equal(await page.textContent('#token-backdrop .seg-prefix'), 'Authorization: Bearer ');
      });

      await t.test('secrets as hex, base64 and base64url', async () => {
        const secret = Buffer.from('9f2c6a1be0d34c7a8e5f4b3a2d1c0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d', 'hex');
        const token = signHS256({ sub: 'enc', exp: now + 600 }, secret);
        for (const [encoding, text] of [['hex', secret.toString('hex')], ['base64', secret.toString('base64')], ['base64url', secret.toString('base64url')]]) {
          await enter(page, { token, key: text, encoding });
          await expectVerified(page, encoding);
          assert.equal(await page.isVisible('#weak-secret'), false, `${encoding}: 32 bytes is not weak`);
        }
        await enter(page, { key: secret.toString('hex'), encoding: 'utf8' });
        assert.equal((await verdict(page)).state, 'not-verified', 'hex text read as UTF-8 is another secret');
        await enter(page, { key: 'zz', encoding: 'hex' });
        assert.equal((await verdict(page)).state, 'invalid-key');
        assert.match(await page.textContent('#key-kind'), /not hex/);
      });

      await t.test('RS256 with a PEM (SPKI and PKCS#1), PS256 with SPKI', async () => {
        const rs = signWith('RS256', { sub: 'rs', exp: now + 600 }, keys.rsa.privateKey);
        await enter(page, { token: rs, key: keys.rsa.spki });
        await expectVerified(page, 'RS256 SPKI');
        assert.match(await page.textContent('#key-kind'), /PEM public key \(SPKI\)/);
        await enter(page, { key: keys.rsa.pkcs1 });
        await expectVerified(page, 'RS256 PKCS#1');
        assert.match(await page.textContent('#key-kind'), /PKCS#1/);
        await enter(page, { token: signWith('PS256', { sub: 'ps', exp: now + 600 }, keys.rsa.privateKey), key: keys.rsa.spki });
        await expectVerified(page, 'PS256 SPKI');
      });

      await t.test('ES256 with a JWK', async () => {
        await enter(page, { token: tokens.es, key: tokens.publicJwk });
        await expectVerified(page, 'ES256 JWK');
        assert.match(await page.textContent('#key-kind'), /JWK \(EC, P-256/);
      });

      await t.test('a JWKS with several keys verifies the token whose kid it holds', async () => {
        const jwks = { keys: [keys.rsa.jwk, tokens.publicJwk, keys.ed.jwk] };
        const cases = [
          ['ES256', tokens.es],
          ['RS256', signWith('RS256', { sub: 'rs', exp: now + 600 }, keys.rsa.privateKey, { kid: 'env-rs' })],
          ['EdDSA', signWith('EdDSA', { sub: 'ed', exp: now + 600 }, keys.ed.privateKey, { kid: 'env-ed' })],
        ];
        for (const [alg, token] of cases) {
          await enter(page, { token, key: jwks });
          await expectVerified(page, `JWKS ${alg}`);
        }
        assert.match(await page.textContent('#key-kind'), /JWKS with 3 keys/);
        await enter(page, { token: signWith('EdDSA', { sub: 'ed' }, keys.ed.privateKey, { kid: 'unknown-kid' }) });
        const v = await verdict(page);
        assert.equal(v.state, 'invalid-key');
        assert.match(v.detail, /^ERR_JWKS_NO_MATCHING_KEY /);
      });

      await t.test('keys that cannot be used say "invalid key"', async () => {
        await enter(page, { token: tokens.hs, key: '{\n  "kty": "EC",\n  "crv" "P-256"\n}' });
        let v = await verdict(page);
        assert.equal(v.state, 'invalid-key');
        assert.match(v.detail, /invalid JSON at line 3, column 9/);
        await enter(page, { key: keys.rsa.spki });
        v = await verdict(page);
        assert.equal(v.state, 'invalid-key', 'an RSA public key is never an HMAC secret');
        assert.match(v.detail, /^ERR_JOSE_ALG_NOT_ALLOWED /);
        await enter(page, { key: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' });
        v = await verdict(page);
        assert.equal(v.state, 'invalid-key');
        assert.match(v.detail, /^ERR_JWK_INVALID /);
      });

      await t.test('a private key without its public key (Ed25519 PKCS#8, SEC1 without the point): the page computes it with jwtlens/sign, verifies, and says so', async () => {
        const note = async () => ({ visible: await page.isVisible('#key-derived'), text: (await page.textContent('#key-derived')).replace(/\s+/g, ' ').trim() });
        const edPem = keys.ed.privateKey.export({ type: 'pkcs8', format: 'pem' });
        const edToken = signWith('EdDSA', { sub: 'ed-private', exp: now + 600 }, keys.ed.privateKey);
        await enter(page, { token: edToken, key: edPem });
        await expectVerified(page, 'EdDSA with an Ed25519 PKCS#8 private key in the key box');
        assert.equal((await verdict(page)).detail, 'The EdDSA signature matches this key (public key computed from the PKCS#8 private key).');
        assert.match(await page.textContent('#key-kind'), /Read as: PEM private key \(PKCS#8\)/);
        let n = await note();
        assert.equal(n.visible, true);
        assert.equal(
          n.text,
          'Using its public key, computed by the page. This Ed25519 private key does not include its public key, and jwtlens verifies with public keys only, so the page computed it with publicJwk() of jwtlens/sign. Give a server that public key, never the private one.',
        );
        assert.match(await page.getAttribute('#key', 'aria-describedby'), /\bkey-derived\b/);
        assert.equal((await claimsVerdict(page)).state, 'valid', 'the claim checks use the computed key too');
        await page.locator('#verify-panel').scrollIntoViewIfNeeded();
        await page.locator('#verify-panel').screenshot({ path: path.join(ARTIFACTS, 'www-public-jwk-note.png') });
        await screenshot(page, 'www-public-jwk-note-page.png');
        // The computed key is this key's: a token signed by another Ed25519 key is not verified.
        const { privateKey: otherEd } = crypto.generateKeyPairSync('ed25519');
        await enter(page, { token: signWith('EdDSA', { sub: 'other', exp: now + 600 }, otherEd) });
        assert.equal((await verdict(page)).state, 'not-verified');
        assert.match((await verdict(page)).detail, /^ERR_JWS_SIGNATURE_VERIFICATION_FAILED /);
        assert.equal((await note()).visible, true, 'the note is about the key, whatever the token');
        // A SEC1 EC private key without its public point.
        const esToken = signWith('ES256', { sub: 'ec-private', exp: now + 600 }, keys.ec.privateKey);
        await enter(page, { token: esToken, key: sec1WithoutPoint(keys.ec.privateKey) });
        await expectVerified(page, 'ES256 with a SEC1 private key without its public point');
        assert.equal((await verdict(page)).detail, 'The ES256 signature matches this key (public key computed from the SEC1 EC private key).');
        assert.match(await page.textContent('#key-kind'), /PEM EC private key \(SEC1\)/);
        n = await note();
        assert.equal(n.visible, true);
        assert.match(n.text, /^Using its public key, computed by the page\. This EC private key does not include its public point, and jwtlens verifies with public keys only, so the page computed it with publicJwk\(\) of jwtlens\/sign\./);
        // Private keys that carry their public part are read by the verifier itself: no note.
        await enter(page, { key: keys.ec.privateKey.export({ type: 'sec1', format: 'pem' }) });
        await expectVerified(page, 'ES256 with a SEC1 private key with its point');
        assert.equal((await verdict(page)).detail, 'The ES256 signature matches this key (PEM EC private key (SEC1)).');
        assert.equal((await note()).visible, false);
        await enter(page, { token: signWith('RS256', { sub: 'rs-private', exp: now + 600 }, keys.rsa.privateKey), key: keys.rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) });
        await expectVerified(page, 'RS256 with an RSA PKCS#8 private key');
        assert.equal((await note()).visible, false);
        // A PEM that neither entry can read stays an invalid key, with the verifier's error.
        await enter(page, { token: edToken, key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' });
        const v = await verdict(page);
        assert.equal(v.state, 'invalid-key');
        assert.match(v.detail, /^ERR_JWK_INVALID /);
        assert.equal((await note()).visible, false);
        // Back to the Ed25519 key, then a public key: the note goes away with the private key.
        await enter(page, { key: edPem });
        assert.equal((await note()).visible, true);
        await enter(page, { key: keys.ed.jwk });
        await expectVerified(page, 'EdDSA with the public JWK');
        assert.equal((await note()).visible, false);
        assert.equal(await page.textContent('#key-derived'), '');
      });

      await t.test('claim checks run only for what is filled in, shown apart from the signature', async () => {
        const token = signHS256({ iss: 'https://issuer.example', aud: ['api', 'web'], sub: 'c', exp: now + 600 }, tokens.secret);
        await enter(page, { token, key: tokens.secret });
        await expectVerified(page, 'claims token');
        assert.deepEqual(await claimsVerdict(page), { state: 'valid', title: 'Claims valid', detail: 'Checked: exp.' });
        await page.fill('#opt-issuer', 'https://other.example');
        let c = await claimsVerdict(page);
        assert.equal(c.state, 'invalid');
        assert.match(c.title, /claim iss, check_failed/);
        assert.match(c.detail, /^ERR_JWT_CLAIM_VALIDATION_FAILED /);
        await expectVerified(page, 'a claim failure leaves the signature verdict alone');
        await page.fill('#opt-issuer', 'https://other.example, https://issuer.example');
        await page.fill('#opt-audience', 'web');
        c = await claimsVerdict(page);
        assert.equal(c.state, 'valid');
        assert.equal(c.detail, 'Checked: exp, iss, aud.');
        await page.fill('#opt-audience', 'mobile');
        assert.match((await claimsVerdict(page)).title, /claim aud/);
        await page.fill('#opt-issuer', '');
        await page.fill('#opt-audience', '');
        // An expired token passes with enough clock tolerance, and fails without.
        await enter(page, { token: signHS256({ sub: 'late', exp: now - 30 }, tokens.secret) });
        assert.match((await claimsVerdict(page)).detail, /^ERR_JWT_EXPIRED /);
        await page.fill('#opt-tolerance', '3600');
        assert.equal((await claimsVerdict(page)).state, 'valid');
        await page.fill('#opt-tolerance', '');
      });

      await t.test('an expired token shows expired', async () => {
        await enter(page, { token: tokens.hsExpired, key: tokens.secret });
        const b = await banner(page);
        assert.equal(b.state, 'expired');
        assert.equal(b.title, 'Expired');
        assert.match(b.detail, /^Expired 1 hour ago, at /);
        assert.ok((await findings(page)).includes('medium expired'));
        await expectVerified(page, 'an expired token still has a good signature');
        const c = await claimsVerdict(page);
        assert.equal(c.state, 'invalid');
        assert.match(c.detail, /^ERR_JWT_EXPIRED /);
        assert.match(await page.textContent('#claims-body tr[data-claim="exp"]'), /1 hour ago/);
      });

      await t.test('alg "none" shows the critical finding first and is never verified', async () => {
        await enter(page, { token: tokens.none, key: tokens.secret });
        const f = await findings(page);
        assert.equal(f[0], 'critical alg-none');
        const v = await verdict(page);
        assert.equal(v.state, 'not-verified');
        assert.match(v.title, /alg “none”/);
        assert.match(await page.textContent('#signature'), /no signature/);
      });

      await t.test('garbage shows a clear malformed message, and the page keeps working', async () => {
        await enter(page, { token: tokens.garbage });
        let b = await banner(page);
        assert.equal(b.state, 'malformed');
        assert.equal(b.title, 'Malformed: this is not a JWT');
        assert.match(b.detail, /^ERR_JWT_INVALID: .*3 dot-separated segments/);
        assert.deepEqual(await findings(page), ['high malformed']);
        assert.equal((await verdict(page)).state, 'not-verified');
        assert.match(await page.textContent('#token-info'), /Not a JWT/);
        await enter(page, { token: 'eyJhbGciOiJIUzI1NiJ9.not base64!.x' });
        b = await banner(page);
        assert.equal(b.state, 'malformed');
        assert.equal(b.title, 'Malformed: jwtlens’s strict parser rejects this token');
        assert.match(b.detail, /^ERR_JWT_INVALID: /);
        assert.deepEqual(await findings(page), ['high malformed', 'high malformed', 'info symmetric-alg']);
        assert.deepEqual(await json(page, '#header'), { alg: 'HS256' }, 'what can be read is shown');
        await enter(page, { token: '' });
        assert.equal((await banner(page)).state, 'empty');
        await enter(page, { token: DEMO_TOKEN, key: DEMO_SECRET });
        await expectVerified(page, 'after garbage');
        assert.deepEqual(await json(page, '#payload'), { sub: '1234567890', name: 'John Doe', iat: 1516239022 });
      });

      await t.test('token contents stay text: nothing from a token becomes markup', async () => {
        const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
        const token = signHS256({ sub: evil, [evil]: evil, exp: now + 600 }, tokens.secret, { kid: evil });
        await enter(page, { token, key: tokens.secret });
        await expectVerified(page, 'evil token');
        assert.equal(await page.locator('main img, main script').count(), 0);
        assert.equal(await page.evaluate(() => window.__xss), undefined);
        assert.match(await page.textContent('#payload'), /<img src=x onerror=/);
      });

      await t.test('a key carried by the token (jwk, jku) is never used, and the page says why', async () => {
        const { privateKey, publicKey } = (await import('node:crypto')).generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const attackerJwk = publicKey.export({ format: 'jwk' });
        const forged = signWith('ES256', { sub: 'admin', exp: now + 600 }, privateKey, { jwk: attackerJwk, jku: 'https://attacker.example/jwks.json' });
        await enter(page, { token: forged, key: '' });
        assert.equal(await page.isVisible('#embedded-key'), true);
        const note = await page.textContent('#embedded-key');
        assert.match(note, /carries its own public key \(jwk\) and points to a JWKS URL \(jku\): the page never uses it/);
        assert.match(note, /is not fetched/);
        assert.equal((await verdict(page)).state, 'idle', 'no key given: nothing verified, the embedded key is not used');
        await enter(page, { key: tokens.publicJwk });
        assert.equal((await verdict(page)).state, 'not-verified', 'the trusted key does not verify the forgery');
        const f = await findings(page);
        assert.ok(f.includes('high header-jwk') && f.includes('high header-url'), f.join(', '));
      });

      await t.test('every example is what it says it is', async () => {
        const values = await page.$$eval('#examples option', (os) => os.map((o) => o.value).filter(Boolean));
        assert.deepEqual(values, ['hs256-jwtio', 'rs256-pem', 'es256-jwk', 'eddsa-jwks', 'expired', 'alg-none', 'jwe', 'workers-auth-access', 'workers-auth-refresh', 'sensitive']);
        // the workers-auth examples are real tokens of a past run: active until their exp
        const samples = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/workers-auth/sample-tokens.json'), 'utf8'));
        const stateOf = (token) => {
          const exp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url')).exp;
          return exp <= Date.now() / 1000 ? 'expired' : 'active';
        };
        const expect = {
          'hs256-jwtio': { verdict: 'verified', banner: 'no-expiry', finding: 'critical weak-secret' },
          'rs256-pem': { verdict: 'verified', banner: 'active', key: /^-----BEGIN PUBLIC KEY-----/ },
          'es256-jwk': { verdict: 'verified', banner: 'active', key: /"kty": "EC"/ },
          'eddsa-jwks': { verdict: 'verified', banner: 'active', key: /"keys": \[/ },
          expired: { verdict: 'verified', banner: 'expired', finding: 'medium expired' },
          'alg-none': { verdict: 'not-verified', banner: 'no-expiry', finding: 'critical alg-none' },
          jwe: { verdict: 'unsupported', banner: 'info', finding: 'info jwe' },
          'workers-auth-access': { verdict: 'verified', banner: stateOf(samples.access_token), key: /"keys": \[/ },
          'workers-auth-refresh': { verdict: 'verified', banner: stateOf(samples.refresh_token), key: /"keys": \[/ },
          sensitive: { verdict: 'verified', banner: 'active', finding: 'high sensitive-data' },
        };
        for (const value of values) {
          await page.selectOption('#examples', value);
          const e = expect[value];
          assert.equal((await verdict(page)).state, e.verdict, value);
          assert.equal((await banner(page)).state, e.banner, value);
          if (e.finding) assert.ok((await findings(page)).includes(e.finding), `${value}: ${await findings(page)}`);
          if (e.key) assert.match(await page.inputValue('#key'), e.key, value);
        }
        await page.selectOption('#examples', 'rs256-pem');
        await screenshot(page, 'www-example-rs256.png');
      });

      await t.test('the claims and the status banner update live', async () => {
        const soon = Math.floor(Date.now() / 1000) + 4;
        await enter(page, { token: signHS256({ sub: 'live', exp: soon }, tokens.secret), key: tokens.secret });
        const first = await banner(page);
        assert.equal(first.state, 'active');
        assert.match(first.detail, /^Expires in \d seconds? \(\d s left\)/);
        await page.waitForFunction((before) => document.getElementById('status-detail').textContent !== before, first.detail, { timeout: 3000 });
        await page.waitForSelector('#status[data-state="expired"]', { timeout: 8000 });
        assert.match(await page.textContent('#claims-body tr[data-claim="exp"]'), /(just now|seconds ago)/);
        assert.match((await claimsVerdict(page)).detail, /^ERR_JWT_EXPIRED /, 'the claim checks were run again');
      });

      await t.test('invalid JSON in the editor is pointed out at its line', async () => {
        await enter(page, { token: DEMO_TOKEN, key: DEMO_SECRET });
        await page.click('#reset-edit');
        await page.fill('#edit-payload', '{\n  "sub": "1234567890",\n  "name" "John Doe"\n}');
        assert.equal(await page.isVisible('#edit-payload-error'), true);
        const text = await page.textContent('#edit-payload-error');
        assert.match(text, /The payload is not valid JSON: line 3, column 10: expected ":" after the member name/);
        assert.match(text, /3 \|   "name" "John Doe"/);
        assert.equal(await page.getAttribute('#edit-payload', 'aria-invalid'), 'true');
        assert.equal(await page.getAttribute('#sign-result', 'data-state'), 'error');
        assert.equal(await page.isDisabled('#copy-signed'), true);
        await page.click('#edit-payload-error button');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'edit-payload');
        const broken = '{\n  "sub": "1234567890",\n  "name" "John Doe"\n}';
        assert.equal(await page.evaluate(() => document.getElementById('edit-payload').selectionStart), broken.indexOf('"John'));
        await page.fill('#edit-payload', '[1, 2]');
        assert.match(await page.textContent('#edit-payload-error'), /a JSON object \{ … \} is needed, not an array/);
        await page.click('#reset-edit');
        assert.equal(await page.isVisible('#edit-payload-error'), false);
      });

      await t.test('edit a claim, re-sign with a generated key, verify the new token on the page', async () => {
        await enter(page, { token: tokens.es, key: tokens.publicJwk });
        await expectVerified(page, 'start');
        assert.equal(await page.inputValue('#sign-alg'), 'ES256', 'the editor follows the decoded token');
        const payload = JSON.parse(await page.inputValue('#edit-payload'));
        assert.equal(payload.sub, 'user-42');
        payload.sub = 'user-43';
        payload.role = 'editor';
        await page.fill('#edit-payload', JSON.stringify(payload, null, 2));
        await page.click('#set-exp');
        assert.equal(await page.textContent('#generate'), 'Generate an ES256 key pair');
        await page.click('#generate');
        await page.waitForSelector('#public-key:not([hidden])', { timeout: 30_000 });
        assert.match(await page.textContent('#keygen-text'), /Generated an ES256 key pair in [\d.]+ s \(in a Web Worker\)/);
        const publicJwk = JSON.parse(await page.inputValue('#public-jwk'));
        assert.equal(publicJwk.kty, 'EC');
        assert.equal(publicJwk.d, undefined);
        assert.match(await page.inputValue('#public-pem'), /^-----BEGIN PUBLIC KEY-----/);
        assert.equal(await page.getAttribute('#sign-result', 'data-state'), 'signed');
        const signed = await page.textContent('#signed-token');
        assert.equal(signed.split('.').length, 3);
        await page.click('#open-signed');
        assert.equal(await page.inputValue('#token'), signed);
        await expectVerified(page, 'the re-signed token with the generated public key');
        assert.equal((await claimsVerdict(page)).state, 'valid');
        const shown = await json(page, '#payload');
        assert.equal(shown.sub, 'user-43');
        assert.equal(shown.role, 'editor');
        assert.ok(shown.exp > now + 3000);
        assert.equal(JSON.parse(await page.inputValue('#key')).d, undefined, 'the verify box got the public key');
        assert.equal((await json(page, '#header')).kid, publicJwk.kid);
      });

      await t.test('RSA key generation runs in the Web Worker: the page keeps painting', async () => {
        await page.selectOption('#sign-alg', 'RS256');
        await page.evaluate(() => {
          window.__frames = { gaps: [], stop: false };
          let last = performance.now();
          const loop = (ts) => {
            window.__frames.gaps.push(ts - last);
            last = ts;
            if (!window.__frames.stop) requestAnimationFrame(loop);
          };
          requestAnimationFrame(loop);
        });
        await page.click('#generate');
        await page.waitForFunction(() => /Generated an RS256 key pair/.test(document.getElementById('keygen-text').textContent), null, { timeout: 60_000 });
        const gaps = await page.evaluate(() => {
          window.__frames.stop = true;
          return window.__frames.gaps;
        });
        const took = await page.textContent('#keygen-text');
        const maxGap = Math.max(...gaps);
        console.log(`www: ${took} frames painted meanwhile: ${gaps.length}, longest gap between frames ${maxGap.toFixed(0)} ms`);
        assert.match(took, /\(in a Web Worker\)/);
        await page.click('#open-signed');
        await expectVerified(page, 'RS256 with a generated key');
        assert.equal((await json(page, '#header')).alg, 'RS256');
        // And an HS512 secret: the same secret verifies.
        await page.selectOption('#sign-alg', 'HS512');
        await page.click('#generate');
        await page.waitForFunction(() => /Generated a random HS512 secret/.test(document.getElementById('keygen-text').textContent), null, { timeout: 30_000 });
        assert.equal(await page.inputValue('#sign-encoding'), 'base64url');
        await page.click('#open-signed');
        await expectVerified(page, 'HS512 with a generated secret');
        assert.equal(await page.inputValue('#secret-encoding'), 'base64url');
        assert.equal(await page.isVisible('#weak-secret'), false);
      });

      await t.test('Ed25519 (RFC 9864) as an algorithm: a token that names it verifies, the editor offers it and generates its keys', async () => {
        const edPublic = { ...keys.ed.jwk };
        delete edPublic.alg; // a key bound to "EdDSA" is not used for "Ed25519"
        const token = signWith('Ed25519', { sub: 'rfc9864', exp: now + 600 }, keys.ed.privateKey);
        await enter(page, { token, key: edPublic });
        await expectVerified(page, 'a token with alg Ed25519');
        assert.match(await page.textContent('#verify-alg'), /^Ed25519: /);
        assert.equal(await page.inputValue('#sign-alg'), 'Ed25519', 'the editor follows the decoded token');
        const options = await page.$$eval('#sign-alg option', (os) => os.map((o) => o.value));
        assert.ok(options.includes('EdDSA') && options.includes('Ed25519'), options.join(' '));
        assert.equal(await page.textContent('#generate'), 'Generate an Ed25519 key pair');
        await page.click('#generate');
        await page.waitForFunction(() => /^Generated an Ed25519 key pair/.test(document.getElementById('keygen-text').textContent), null, { timeout: 30_000 });
        assert.match(await page.textContent('#keygen-text'), /\(in a Web Worker\)/);
        const publicJwk = JSON.parse(await page.inputValue('#public-jwk'));
        assert.deepEqual([publicJwk.kty, publicJwk.crv, publicJwk.alg, publicJwk.d], ['OKP', 'Ed25519', 'Ed25519', undefined]);
        assert.equal(await page.getAttribute('#sign-result', 'data-state'), 'signed');
        await page.click('#open-signed');
        await expectVerified(page, 'Ed25519 with a generated key');
        assert.equal((await json(page, '#header')).alg, 'Ed25519');
        assert.equal((await json(page, '#payload')).sub, 'rfc9864');
        // The same key pair does not sign "EdDSA": its JWK says Ed25519.
        await page.selectOption('#sign-alg', 'EdDSA');
        assert.match(await page.textContent('#sign-result'), /^Cannot sign: ERR_JOSE_ALG_NOT_ALLOWED /);
      });

      await t.test('signing with a pasted private key (PKCS#8 PEM, private JWK); copying the new token', async () => {
        await page.selectOption('#sign-alg', 'ES256');
        await page.fill('#sign-key', keys.ec.privateKey.export({ type: 'pkcs8', format: 'pem' }));
        assert.match(await page.textContent('#sign-key-kind'), /PEM private key \(PKCS#8\)/);
        assert.equal(await page.getAttribute('#sign-result', 'data-state'), 'signed');
        assert.equal(await page.isVisible('#public-key'), false, 'the generated public key no longer applies');
        await page.click('#copy-signed');
        await page.waitForFunction(() => document.getElementById('sign-result').textContent === 'Copied the new token.', null, { timeout: 5000 });
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.textContent('#signed-token'));
        await page.click('#open-signed');
        await expectVerified(page, 'ES256 signed with the pasted PEM, verified with its public part');
        // The verify box gets the public key (SPKI), never the private one (that box may be remembered).
        assert.match(await page.inputValue('#key'), /^-----BEGIN PUBLIC KEY-----/);
        assert.doesNotMatch(await page.inputValue('#key'), /PRIVATE/);
        // An Ed25519 PKCS#8 PEM, whose public key only jwtlens/sign can compute.
        await page.selectOption('#sign-alg', 'EdDSA');
        await page.fill('#sign-key', keys.ed.privateKey.export({ type: 'pkcs8', format: 'pem' }));
        assert.equal(await page.getAttribute('#sign-result', 'data-state'), 'signed');
        await page.click('#open-signed');
        await expectVerified(page, 'EdDSA signed with a pasted Ed25519 PKCS#8 PEM');
        const spki = crypto.createPublicKey(keys.ed.privateKey).export({ type: 'spki', format: 'pem' });
        assert.equal((await page.inputValue('#key')).trim(), spki.trim(), 'the verify box got the SPKI public key');
        assert.equal(await page.isVisible('#key-derived'), false);
        await page.selectOption('#sign-alg', 'EdDSA');
        await page.fill('#sign-key', JSON.stringify(keys.ed.privateKey.export({ format: 'jwk' })));
        await page.click('#open-signed');
        await expectVerified(page, 'EdDSA signed with the pasted JWK');
        assert.equal(JSON.parse(await page.inputValue('#key')).d, undefined, 'the verify box got the public part');
        await page.fill('#sign-key', keys.rsa.spki);
        assert.match(await page.textContent('#sign-result'), /a public key cannot sign/);
        await page.selectOption('#sign-alg', 'RS256');
        await page.fill('#sign-key', keys.ec.privateKey.export({ type: 'pkcs8', format: 'pem' }));
        const result = await page.textContent('#sign-result');
        assert.equal(result, 'Cannot sign: ERR_JOSE_ALG_NOT_ALLOWED RS256 cannot be used with an EC key');
        assert.equal(await page.isDisabled('#open-signed'), true);
      });

      const timing = {};
      await t.test('typing stays responsive: re-render time of a typical token', async () => {
        const measure = async (token, keyText, encoding) => {
          await enter(page, { token, key: keyText, encoding });
          return page.evaluate(async (tok) => {
            const box = document.getElementById('token');
            const times = [];
            for (let i = 0; i < 41; i++) {
              // Alternate between the token and the token with one character missing: a keystroke.
              box.value = i % 2 ? tok : tok.slice(0, -1);
              box.dispatchEvent(new Event('input', { bubbles: true }));
              times.push(Number(document.documentElement.dataset.renderMs));
              await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
            }
            return times.slice(1); // the first one may include the engine warming up
          }, token);
        };
        const rs = signWith('RS256', { iss: 'https://issuer.example', sub: 'user-42', aud: 'api', iat: now, exp: now + 900 }, keys.rsa.privateKey);
        for (const [name, token, keyText, encoding] of [
          ['HS256 (jwt.io demo) + secret', DEMO_TOKEN, DEMO_SECRET, 'utf8'],
          ['RS256 + PEM', rs, keys.rsa.spki, 'utf8'],
          ['ES256 + JWK', tokens.es, JSON.stringify(tokens.publicJwk), 'utf8'],
        ]) {
          const times = await measure(token, keyText, encoding);
          const sorted = [...times].sort((a, b) => a - b);
          timing[name] = { median: median(times), p90: sorted[Math.floor(sorted.length * 0.9)], max: sorted.at(-1), samples: times.length };
          console.log(`www: re-render after an input event, ${name}: median ${timing[name].median.toFixed(2)} ms, p90 ${timing[name].p90.toFixed(2)} ms, max ${timing[name].max.toFixed(2)} ms (${times.length} inputs)`);
        }
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        fs.writeFileSync(path.join(ARTIFACTS, 'www-timing.json'), `${JSON.stringify(timing, null, 2)}\n`);
        // Reported, not a tight assertion (machines differ): only a sanity bound.
        for (const [name, v] of Object.entries(timing)) assert.ok(v.median < 100, `${name}: median ${v.median} ms`);
      });

      await t.test('screenshots: light and dark, 1280 px and 375 px, nothing overflows on a phone', async () => {
        await page.selectOption('#examples', 'hs256-jwtio');
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: path.join(ARTIFACTS, 'www-readme.png') });
        await screenshot(page, 'www-desktop-light.png');
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.waitForSelector('#theme[aria-pressed="true"]', { timeout: 5000 }); // the toggle follows the system theme
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.equal(bg, 'rgb(13, 17, 23)');
        await screenshot(page, 'www-desktop-dark.png');
        await page.setViewportSize({ width: 375, height: 812 });
        for (const example of ['rs256-pem', 'eddsa-jwks', 'sensitive', 'hs256-jwtio']) {
          await page.selectOption('#examples', example);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= 375, `${example}: the page is ${width} px wide at 375 px`);
        }
        await screenshot(page, 'www-mobile-dark.png');
        await page.emulateMedia({ colorScheme: 'light' });
        await screenshot(page, 'www-mobile-light.png');
        await page.setViewportSize({ width: 360, height: 740 });
        assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'overflow at 360 px');
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.emulateMedia({ colorScheme: null });
      });

      await t.test('keyboard: every control is reachable, focus is visible, labels everywhere', async () => {
        await page.focus('.skip-link');
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'token');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Delete');
        assert.equal((await banner(page)).state, 'empty');
        await page.keyboard.type(DEMO_TOKEN.slice(0, 60));
        assert.equal((await banner(page)).state, 'malformed', 'typing updates the page at once');
        await page.keyboard.type(DEMO_TOKEN.slice(60));
        assert.equal((await banner(page)).state, 'no-expiry');
        const seen = [];
        for (let i = 0; i < 60; i++) {
          await page.keyboard.press('Tab');
          const info = await page.evaluate(() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return { id: el.id || el.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
          });
          if (info.id === 'BODY') break; // past the last control
          seen.push(info.id);
          assert.ok(info.outline !== 'none' && info.width >= 2, `focus on ${info.id} is not visible: ${JSON.stringify(info)}`);
        }
        for (const id of ['key', 'secret-encoding', 'opt-issuer', 'opt-audience', 'opt-tolerance', 'edit-header', 'edit-payload', 'set-iat', 'sign-alg', 'sign-key', 'generate', 'remember']) {
          assert.ok(seen.includes(id), `Tab never reached #${id}: ${seen.join(' ')}`);
        }
        const unlabelled = await page.evaluate(() =>
          [...document.querySelectorAll('input, select, textarea, button')]
            .filter((el) => !el.closest('[hidden]'))
            .filter((el) => (el.tagName === 'BUTTON' ? el.textContent.trim() === '' : el.labels.length === 0 && !el.getAttribute('aria-label')))
            .map((el) => el.id || el.outerHTML.slice(0, 60)),
        );
        assert.deepEqual(unlabelled, []);
        // The theme toggle works from the keyboard.
        await page.focus('#theme');
        const before = await page.getAttribute('#theme', 'aria-pressed');
        await page.keyboard.press('Enter');
        assert.notEqual(await page.getAttribute('#theme', 'aria-pressed'), before);
        assert.equal(await page.getAttribute('html', 'data-theme'), before === 'true' ? 'light' : 'dark');
        await page.keyboard.press('Enter');
        assert.equal(await page.getAttribute('#theme', 'aria-pressed'), before);
        // The share dialog: opened with Enter, closed with Escape, focus back on the button.
        await page.focus('#share');
        await page.keyboard.press('Enter');
        assert.equal(await page.isVisible('#share-dialog'), true);
        await page.keyboard.press('Escape');
        assert.equal(await page.isVisible('#share-dialog'), false);
        assert.equal(await page.evaluate(() => document.activeElement.id), 'share');
      });

      await t.test('network silence: no request after the page loaded, none elsewhere, ever', async () => {
        assert.ok(loaded >= 5, `the initial load made ${loaded} requests`);
        assert.deepEqual(foreignRequests(view.requests, origin), []);
        // Pasting, typing, verifying, examples, editing, signing, key generation, theme, screenshots,
        // the public key of a pasted private key: all with what was loaded.
        assert.deepEqual(view.requests.slice(loaded).map((r) => r.url), [], 'requests after the page was ready');
        // Both entries' wasm, each fetched once while the page loaded (the key generation worker
        // gets the compiled jwtlens/sign module, not a second download).
        const wasm = view.responses.filter((r) => r.url.endsWith('.wasm'));
        assert.deepEqual(wasm.map((r) => r.url.slice(origin.length)).sort(), ['/jwtlens/jwtlens_bg.wasm', '/jwtlens/sign/jwtlens_bg.wasm']);
        for (const w of wasm) assert.match(w.contentType, /^application\/wasm/);
        const loadedUrls = view.requests.slice(0, loaded).map((r) => r.url.slice(origin.length));
        for (const file of ['/jwtlens/web-entry.js', '/jwtlens/sign/web-entry.js', '/jwtlens/sign.js', '/keygen-worker.js']) {
          assert.ok(loadedUrls.includes(file), `${file} was not loaded with the page: ${loadedUrls.join(' ')}`);
        }
      });

      await t.test('no console errors, no CSP violations, no page errors', async () => {
        assert.deepEqual(await cspViolations(page), []);
        assertQuietConsole(view);
      });

      await t.test('the CSP is in force: an injected inline script and a connection elsewhere are refused', async () => {
        const ran = await page.evaluate(async () => {
          const s = document.createElement('script');
          s.textContent = 'window.__inlineRan = true;';
          document.head.append(s);
          await new Promise((r) => setTimeout(r, 100));
          return window.__inlineRan === true;
        });
        assert.equal(ran, false, 'an inline script ran: the CSP is not in force');
        // Another port of this machine is another origin: connect-src 'self' refuses it.
        const fetched = await page.evaluate(() => fetch('http://127.0.0.1:9/collect').then(() => 'sent', (e) => `refused: ${e.name}`));
        assert.equal(fetched, 'refused: TypeError');
        const violations = await cspViolations(page);
        assert.ok(violations.some((v) => v.startsWith('script-src')), `violations: ${JSON.stringify(violations)}`);
        assert.ok(violations.some((v) => v.startsWith('connect-src http://127.0.0.1:9/')), `violations: ${JSON.stringify(violations)}`);
      });

      await t.test('share: a warning before copying; the link keeps the token in the fragment and loads it', async () => {
        await enter(page, { token: DEMO_TOKEN, key: DEMO_SECRET });
        await page.click('#share');
        assert.equal(await page.isVisible('#share-dialog'), true);
        assert.match(await page.textContent('#share-warning'), /carries the whole token after the #/);
        const url = await page.inputValue('#share-url');
        assert.equal(url, `${base}#token=${DEMO_TOKEN}`);
        await page.click('#share-copy');
        await page.waitForFunction(() => /^Copied/.test(document.getElementById('share-status').textContent), null, { timeout: 5000 });
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
        await page.keyboard.press('Escape');
        assert.equal(await page.isVisible('#share-dialog'), false);

        const other = await openPage(browser, 'about:blank');
        try {
          await recordCspViolations(other.page);
          await other.page.goto(url, { waitUntil: 'load' });
          await waitReady(other.page);
          assert.equal(await other.page.inputValue('#token'), DEMO_TOKEN);
          assert.equal((await banner(other.page)).state, 'no-expiry');
          assert.deepEqual(await json(other.page, '#header'), { alg: 'HS256', typ: 'JWT' });
          assert.equal(await other.page.inputValue('#key'), '', 'no key travels in a link');
          const leaked = other.requests.filter((r) => r.url.includes(DEMO_TOKEN.split('.')[2]));
          assert.deepEqual(leaked, [], 'the token was sent in a request');
          assert.deepEqual(await cspViolations(other.page), []);
        } finally {
          await other.close();
        }
      });

      // A link's token is inspected on the page's own thread: up to 4096 bytes (the large-token
      // line) at once, a larger one only once the person asks (issue 14 §3).
      const fresh = async (url, prepare) => {
        const v = await openPage(browser, 'about:blank');
        await recordCspViolations(v.page);
        await v.page.setViewportSize({ width: 1280, height: 900 });
        if (prepare) {
          await v.page.goto(base, { waitUntil: 'load' });
          await waitReady(v.page);
          await v.page.evaluate(prepare.fn, prepare.arg);
          await settle(v.page);
          await v.page.goto('about:blank');
        }
        await v.page.goto(url, { waitUntil: 'load' });
        await waitReady(v.page);
        return v;
      };
      const quiet = async (v) => {
        assert.deepEqual(await cspViolations(v.page), []);
        assertQuietConsole(v);
        assert.deepEqual(foreignRequests(v.requests, origin), []);
      };
      const big = largeToken(64 * 1024, tokens.secret, { sub: 'big', exp: now + 600 });
      const bigLink = `${base}#token=${big}`;

      await t.test('link tokens up to 4096 bytes are decoded at once, the next size up waits', async () => {
        const { under, over } = tokensAround(4096, tokens.secret, { sub: 'edge', exp: now + 600 });
        let v = await fresh(`${base}#token=${under}`);
        try {
          assert.equal(await v.page.inputValue('#token'), under);
          assert.equal((await banner(v.page)).state, 'active');
          assert.equal((await tokenOffer(v.page)).visible, false);
          assert.ok(!(await findings(v.page)).includes('info large-token'), `${under.length} bytes is not a large-token`);
          await quiet(v);
        } finally {
          await v.close();
        }
        v = await fresh(`${base}#token=${over}`);
        try {
          const offer = await tokenOffer(v.page);
          assert.equal(offer.visible, true, `${over.length} bytes`);
          assert.equal(offer.title, 'This link carries a large token: 4 KB');
          assert.match(offer.detail, new RegExp(`^It is ${over.length.toLocaleString('en')} bytes, over the 4,096 `));
          assert.equal(await v.page.inputValue('#token'), '');
          await v.page.click('#token-offer-inspect');
          assert.ok((await findings(v.page)).includes('info large-token'), 'inspect() draws the same line');
          await quiet(v);
        } finally {
          await v.close();
        }
      });

      await t.test('a 64 KB link token is decoded only after the person asks', async () => {
        const v = await fresh(bigLink);
        try {
          const { page: p } = v;
          const offer = await tokenOffer(p);
          assert.equal(offer.visible, true);
          assert.equal(offer.title, 'This link carries a large token: 64 KB');
          assert.equal(offer.detail, `It is ${big.length.toLocaleString('en')} bytes, over the 4,096 that ordinary tokens stay under, so it is decoded only when you ask. Nothing has been sent anywhere.`);
          // Nothing was decoded: the box, the report and the verdict are as on an empty page.
          assert.equal(await p.inputValue('#token'), '');
          const b = await banner(p);
          assert.equal(b.state, 'empty');
          assert.match(b.detail, /link’s token is waiting on the left/);
          assert.equal(await p.textContent('#header'), '');
          assert.equal(await p.textContent('#payload'), '');
          assert.deepEqual(await findings(p), []);
          assert.equal((await verdict(p)).state, 'idle');
          assert.equal(await p.isDisabled('#share'), true);
          assert.equal(await p.textContent('#token-info'), 'Inspect the waiting token above, or paste another one here.');
          // The decision is the next thing the keyboard reaches, and it is labelled and described.
          assert.equal(await focusedId(p), 'token-offer-inspect');
          assert.equal(await p.getAttribute('#token-offer', 'role'), 'group');
          assert.equal(await p.getAttribute('#token-offer', 'aria-labelledby'), 'token-offer-title');
          await screenshot(p, 'www-link-offer.png');
          await p.emulateMedia({ colorScheme: 'dark' });
          await p.setViewportSize({ width: 375, height: 812 });
          assert.ok((await p.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'the offer overflows at 375 px');
          await p.screenshot({ path: path.join(ARTIFACTS, 'www-link-offer-mobile-dark.png') });
          await p.emulateMedia({ colorScheme: 'light' });
          await p.setViewportSize({ width: 1280, height: 900 });
          assert.equal(await focusedId(p), 'token-offer-inspect');
          await p.keyboard.press('Enter');
          assert.equal((await tokenOffer(p)).visible, false);
          assert.equal(await p.inputValue('#token'), big);
          assert.equal(await focusedId(p), 'token', 'focus moves to the token box, not to the body');
          assert.equal(await p.evaluate(() => document.getElementById('token').selectionStart), 0, 'at the start of the token');
          assert.equal((await banner(p)).state, 'active');
          assert.equal((await json(p, '#payload')).sub, 'big');
          assert.ok((await findings(p)).includes('info large-token'));
          assert.match(await p.textContent('#token-info'), new RegExp(`${big.length} bytes`));
          await enter(p, { key: tokens.secret });
          await expectVerified(p, 'the large link token');
          await p.evaluate(() => window.scrollTo(0, 0));
          await p.screenshot({ path: path.join(ARTIFACTS, 'www-link-offer-inspected.png') }); // the viewport: the page is 40,000 px tall
          assert.deepEqual(v.requests.filter((r) => r.url.includes('#') || r.url.includes(big.slice(-43))), [], 'the token was sent in a request');
          await quiet(v);
        } finally {
          await v.close();
        }
      });

      await t.test('a large link token can be discarded: it leaves the address too', async () => {
        const v = await fresh(bigLink);
        try {
          const { page: p } = v;
          await p.keyboard.press('Tab');
          assert.equal(await focusedId(p), 'token-offer-discard');
          await p.keyboard.press('Enter');
          assert.equal((await tokenOffer(p)).visible, false);
          assert.equal(await focusedId(p), 'token');
          assert.equal(await p.inputValue('#token'), '');
          assert.equal(await p.evaluate(() => location.hash), '');
          assert.equal((await banner(p)).detail, 'Paste a token on the left, or pick an example.');
          await settle(p);
          await p.reload({ waitUntil: 'load' });
          await waitReady(p);
          assert.equal((await tokenOffer(p)).visible, false, 'a reload does not bring it back');
          await quiet(v);
        } finally {
          await v.close();
        }
      });

      await t.test('a large token arriving by hashchange waits too; the box keeps its token meanwhile', async () => {
        const v = await fresh(`${base}#token=${tokens.hs}`);
        try {
          const { page: p } = v;
          assert.equal((await banner(p)).state, 'active');
          await p.evaluate((t) => { location.hash = `#token=${t}`; }, big);
          await p.waitForSelector('#token-offer:not([hidden])', { timeout: 5000 });
          assert.equal(await p.inputValue('#token'), tokens.hs);
          assert.equal((await json(p, '#payload')).sub, 'user-42');
          await p.click('#token-offer-inspect');
          assert.equal(await p.inputValue('#token'), big);
          assert.equal((await json(p, '#payload')).sub, 'big');
          // A small one still replaces the token at once.
          await p.evaluate((t) => { location.hash = `#token=${t}`; }, DEMO_TOKEN);
          await p.waitForFunction((t) => document.getElementById('token').value === t, DEMO_TOKEN, { timeout: 5000 });
          assert.equal((await banner(p)).state, 'no-expiry');
          await quiet(v);
        } finally {
          await v.close();
        }
      });

      const remember = {
        fn: (t) => {
          localStorage.setItem('jwtlens.remember', '1');
          localStorage.setItem('jwtlens.token', t);
        },
      };
      await t.test('a large remembered token is offered the same way, and stays stored until the person decides', async () => {
        const v = await fresh(base, { ...remember, arg: big });
        try {
          const { page: p } = v;
          const offer = await tokenOffer(p);
          assert.equal(offer.visible, true);
          assert.equal(offer.title, 'The token remembered in this browser is large: 64 KB');
          assert.match(offer.detail, /Discarding it also removes it from this browser\.$/);
          assert.equal(await p.inputValue('#token'), '');
          assert.equal((await banner(p)).state, 'empty');
          assert.equal(await p.evaluate(() => localStorage.getItem('jwtlens.token')), big, 'loading the page kept it');
          await p.click('#token-offer-inspect');
          assert.equal((await json(p, '#payload')).sub, 'big');
          // Reloaded, asked again; discarded, gone.
          await settle(p);
          await p.reload({ waitUntil: 'load' });
          await waitReady(p);
          assert.equal((await tokenOffer(p)).visible, true);
          await p.click('#token-offer-discard');
          assert.equal(await p.evaluate(() => localStorage.getItem('jwtlens.token')), '');
          assert.equal(await p.isChecked('#remember'), true, 'discarding the token is not forgetting the rest');
          await quiet(v);
        } finally {
          await v.close();
        }
      });

      await t.test('a large link over a remembered token: the remembered one is shown, the link waits', async () => {
        let v = await fresh(bigLink, { ...remember, arg: DEMO_TOKEN });
        try {
          const { page: p } = v;
          assert.equal((await tokenOffer(p)).title, 'This link carries a large token: 64 KB');
          assert.equal(await p.inputValue('#token'), DEMO_TOKEN);
          assert.equal((await banner(p)).state, 'no-expiry');
          await p.click('#token-offer-discard');
          assert.equal(await p.inputValue('#token'), DEMO_TOKEN);
          assert.equal(await p.evaluate(() => localStorage.getItem('jwtlens.token')), DEMO_TOKEN);
          await quiet(v);
        } finally {
          await v.close();
        }
        // Both large: the link first; discarding it offers the remembered one, which is kept meanwhile.
        const other = largeToken(8 * 1024, tokens.secret, { sub: 'remembered' });
        v = await fresh(bigLink, { ...remember, arg: other });
        try {
          const { page: p } = v;
          assert.equal((await tokenOffer(p)).title, 'This link carries a large token: 64 KB');
          assert.equal(await p.inputValue('#token'), '');
          assert.equal(await p.evaluate(() => localStorage.getItem('jwtlens.token')), other);
          await p.click('#token-offer-discard');
          assert.match((await tokenOffer(p)).title, /^The token remembered in this browser is large: 8(\.\d)? KB$/);
          assert.equal(await focusedId(p), 'token-offer-inspect');
          assert.equal(await p.evaluate(() => localStorage.getItem('jwtlens.token')), other);
          await p.click('#token-offer-inspect');
          assert.equal((await json(p, '#payload')).sub, 'remembered');
          await quiet(v);
        } finally {
          await v.close();
        }
      });

      await t.test('storage: nothing is stored unless the person opts in; unticking erases it', async () => {
        const stored = () => page.evaluate(() => ({ local: { ...localStorage }, session: sessionStorage.length, cookie: document.cookie }));
        assert.deepEqual(await stored(), { local: {}, session: 0, cookie: '' });
        await page.check('#remember');
        const s = await stored();
        assert.equal(s.local['jwtlens.remember'], '1');
        assert.equal(s.local['jwtlens.token'], DEMO_TOKEN);
        assert.equal(s.local['jwtlens.key'], DEMO_SECRET);
        assert.equal(Object.keys(s.local).some((k) => /sign/.test(k)), false, 'signing keys are never stored');
        await page.goto(base, { waitUntil: 'load' });
        await waitReady(page);
        assert.equal(await page.isChecked('#remember'), true);
        assert.equal(await page.inputValue('#token'), DEMO_TOKEN);
        await expectVerified(page, 'restored');
        await page.uncheck('#remember');
        assert.deepEqual((await stored()).local, {});
        await page.goto(base, { waitUntil: 'load' });
        await waitReady(page);
        assert.equal(await page.inputValue('#token'), '');
        assert.equal(await page.isChecked('#remember'), false);
      });
      await view.close();
    } finally {
      await browser.close();
    }
  } finally {
    await proc.stop();
  }
});
