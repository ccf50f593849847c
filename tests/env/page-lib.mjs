// Helpers for the decoder page tests (www.test.mjs, page-*.test.mjs): reading what the page shows,
// recording CSP violations, keys and tokens made with node:crypto (independent of jwtlens), and a
// temporary copy of the site (www/ + pkg/ as www/jwtlens/) for tests that do not go through
// `make serve`.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, signHS256 } from './lib.mjs';

/** The jwt.io debugger's token and its secret. */
export const DEMO_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
export const DEMO_SECRET = 'your-256-bit-secret';

/** Record CSP violations in window.__cspViolations from the very start of every load. */
export async function recordCspViolations(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? ['(the recorder did not run)']);
}

/** Wait until the page says it is ready (html[data-ready="true"]). */
export async function waitReady(page) {
  await page.waitForSelector('html[data-ready]', { timeout: 30_000 });
  const ready = await page.getAttribute('html', 'data-ready');
  if (ready !== 'true') throw new Error(`the page did not load: ${await page.textContent('#load-error')}`);
}

const clean = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** { state, title, detail } of the signature verdict. */
export async function verdict(page) {
  return {
    state: await page.getAttribute('#verdict', 'data-state'),
    title: clean(await page.textContent('#verdict-title')),
    detail: clean(await page.textContent('#verdict-detail')),
  };
}

/** { state, title, detail } of the claim checks. */
export async function claimsVerdict(page) {
  return {
    state: await page.getAttribute('#claims-verdict', 'data-state'),
    title: clean(await page.textContent('#claims-verdict-title')),
    detail: clean(await page.textContent('#claims-verdict-detail')),
  };
}

/** { state, title, detail } of the status banner. */
export async function banner(page) {
  return {
    state: await page.getAttribute('#status', 'data-state'),
    title: clean(await page.textContent('#status-title')),
    detail: clean(await page.textContent('#status-detail')),
  };
}

/** The finding codes shown, in order, with their severities. */
export async function findings(page) {
  return page.$$eval('#findings li[data-code]', (items) => items.map((li) => `${li.querySelector('.badge').textContent} ${li.dataset.code}`));
}

/** Paste a token and a key (with its encoding), as a person would. */
export async function enter(page, { token, key, encoding = 'utf8' }) {
  if (encoding !== undefined) await page.selectOption('#secret-encoding', encoding);
  if (key !== undefined) await page.fill('#key', typeof key === 'string' ? key : JSON.stringify(key, null, 2));
  if (token !== undefined) await page.fill('#token', token);
}

/** { visible, title, detail } of the offer of a large token from a link or from storage. */
export async function tokenOffer(page) {
  return {
    visible: await page.isVisible('#token-offer'),
    title: clean(await page.textContent('#token-offer-title')),
    detail: clean(await page.textContent('#token-offer-detail')),
  };
}

/** The id of the focused element (or its tag name). */
export function focusedId(page) {
  return page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
}

/**
 * HS256 tokens around a size, padded in a claim: `under` is the largest one of at most `bytes`
 * bytes, `over` the smallest one above (base64url moves in steps of 1 to 2 characters).
 */
export function tokensAround(bytes, secret, claims = {}) {
  let under = null;
  for (let n = 0; ; n++) {
    const token = signHS256({ ...claims, pad: 'x'.repeat(n) }, secret);
    if (token.length > bytes) {
      assert.ok(under && under.length >= bytes - 3, `no token just under ${bytes} bytes`);
      return { under, over: token };
    }
    under = token;
  }
}

/** An HS256 token of at least `bytes` bytes (a claim full of padding). */
export function largeToken(bytes, secret, claims = {}) {
  const token = signHS256({ ...claims, pad: 'x'.repeat(Math.ceil((bytes * 3) / 4)) }, secret);
  assert.ok(token.length >= bytes);
  return token;
}

export async function expectVerified(page, what) {
  const v = await verdict(page);
  assert.equal(v.state, 'verified', `${what}: ${JSON.stringify(v)}`);
  assert.equal(v.title, 'Signature verified', what);
}

// ------------------------------------------------------------------------------------------
// Keys and tokens (node:crypto)

const b64u = (x) => Buffer.from(x).toString('base64url');

export function signWith(alg, payload, key, extraHeader = {}) {
  const input = `${b64u(JSON.stringify({ alg, typ: 'JWT', ...extraHeader }))}.${b64u(JSON.stringify(payload))}`;
  let sig;
  if (alg === 'RS256') sig = crypto.sign('sha256', Buffer.from(input), key);
  else if (alg === 'PS256') sig = crypto.sign('sha256', Buffer.from(input), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  else if (alg === 'ES256') sig = crypto.sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  else if (alg === 'EdDSA' || alg === 'Ed25519') sig = crypto.sign(null, Buffer.from(input), key);
  else throw new Error(`signWith: ${alg}`);
  return `${input}.${b64u(sig)}`;
}

/** Fresh RSA, EC and Ed25519 keys with their public JWKs and PEMs. */
export function makeKeys() {
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = crypto.generateKeyPairSync('ed25519');
  return {
    rsa: {
      privateKey: rsa.privateKey,
      spki: rsa.publicKey.export({ type: 'spki', format: 'pem' }),
      pkcs1: rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }),
      jwk: { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'env-rs', alg: 'RS256', use: 'sig' },
    },
    ec: { privateKey: ec.privateKey, jwk: { ...ec.publicKey.export({ format: 'jwk' }), kid: 'env-ec', alg: 'ES256', use: 'sig' } },
    ed: { privateKey: ed.privateKey, jwk: { ...ed.publicKey.export({ format: 'jwk' }), kid: 'env-ed', alg: 'EdDSA', use: 'sig' } },
  };
}

export { signHS256 };

/**
 * A SEC1 "EC PRIVATE KEY" PEM of a P-256 key WITHOUT its public point (what `openssl ec
 * -no_public` writes): version 1, the private scalar, the curve; no [1] publicKey. node:crypto
 * always writes the point, so the DER is put together here.
 */
export function sec1WithoutPoint(ecPrivateKey) {
  const d = Buffer.from(ecPrivateKey.export({ format: 'jwk' }).d, 'base64url');
  assert.equal(d.length, 32);
  const prime256v1 = Buffer.from('06082a8648ce3d030107', 'hex');
  const body = Buffer.concat([Buffer.from('020101', 'hex'), Buffer.from([0x04, 32]), d, Buffer.from([0xa0, prime256v1.length]), prime256v1]);
  const der = Buffer.concat([Buffer.from([0x30, body.length]), body]);
  // The same key for node:crypto (which reads it and computes the point), as a check of the DER.
  assert.equal(crypto.createPrivateKey({ key: der, format: 'der', type: 'sec1' }).export({ format: 'jwk' }).x, ecPrivateKey.export({ format: 'jwk' }).x);
  return `-----BEGIN EC PRIVATE KEY-----\n${der.toString('base64').match(/.{1,64}/g).join('\n')}\n-----END EC PRIVATE KEY-----\n`;
}

// ------------------------------------------------------------------------------------------
// A temporary site: www/ (without its copied package) plus pkg/ as jwtlens/

export function makeSite() {
  const pkg = path.join(ROOT, 'pkg');
  if (!fs.existsSync(path.join(pkg, 'jwtlens_bg.wasm'))) throw new Error('no pkg/: run `make pkg` first (or `make test-env`)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-site-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(path.join(ROOT, 'www'), dir, { recursive: true, filter: (src) => !src.startsWith(path.join(ROOT, 'www', 'jwtlens')) });
  fs.cpSync(pkg, path.join(dir, 'jwtlens'), { recursive: true });
  return dir;
}

/** Median of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
