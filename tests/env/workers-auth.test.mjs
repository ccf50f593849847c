// examples/workers-auth (a complete token flow: login, access + refresh tokens, rotation with
// reuse detection, revocation, rate limits, CSRF) in real workerd: `wrangler dev` on 127.0.0.1 and
// a free port, with the packed tarball installed into a copy of the example exactly as
// `make workers-auth` installs it, and .dev.vars copied from .dev.vars.example as it does.
// Every answer is checked for status, body and cookie attributes. The example's README, section
// "Each security choice, and the test that proves it", names the subtests below as the proof of
// each choice.
//
//   JWTLENS_WRITE_SAMPLES=1 node --test tests/env/workers-auth.test.mjs
// rewrites examples/workers-auth/sample-tokens.json from this run (the decoder page's examples).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ROOT, freePort, launchBrowser, npmBin, startProcess, tarball, waitForHttp, wranglerEnv } from './lib.mjs';

const EXAMPLE = path.join(ROOT, 'examples', 'workers-auth');
const SAMPLES = path.join(EXAMPLE, 'sample-tokens.json');
const PASSWORD = 'correct horse battery staple';
const ACCESS_TTL = 900;
const REFRESH_TTL = 14 * 86400;
const MAX_FAILURES_PER_USER = 5; // the example's README: "N = 5 per user and 20 per client address"
const MAX_FAILURES_PER_IP = 20;
const LOGIN_WINDOW = 900;
const REALM = 'workers-auth';
const COOKIE = '__Secure-refresh';
// The one answer to every refused /refresh; the reason is only in the Worker's log.
const REFUSED = /^The refresh token is not accepted: log in again$/;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A [vars] value of the example's wrangler.toml. */
function tomlVar(name) {
  const m = new RegExp(`^${name} = "([^"]*)"$`, 'm').exec(fs.readFileSync(path.join(EXAMPLE, 'wrangler.toml'), 'utf8'));
  assert.ok(m, `wrangler.toml sets ${name}`);
  return m[1];
}

/** SIGNING_JWK of .dev.vars.example: the development key the Worker runs with here. */
function devKey() {
  const text = fs.readFileSync(path.join(EXAMPLE, '.dev.vars.example'), 'utf8');
  const m = /^SIGNING_JWK='(\{.*\})'$/m.exec(text);
  assert.ok(m, '.dev.vars.example defines SIGNING_JWK');
  return JSON.parse(m[1]);
}

/**
 * A temp copy of the example, set up the way `make workers-auth` sets up the example itself: the
 * packed tarball installed with `npm install --no-save` (the dependency spec in package.json stays
 * `jwtlens: ^0.2.0`), .dev.vars copied from .dev.vars.example. The copy's devDependencies
 * (wrangler, which comes from the tool cache) are dropped first, so that npm needs nothing from
 * the registry (`--offline`), not even wrangler's metadata.
 */
let fixtureDir = null;
function exampleFixture() {
  if (fixtureDir !== null) return fixtureDir;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-env-workers-auth-'));
  if (process.env.JWTLENS_KEEP_FIXTURES !== '1') process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  else console.log(`fixture kept in ${dir}`);
  for (const entry of ['wrangler.toml', 'package.json', 'src', 'scripts', '.dev.vars.example']) {
    fs.cpSync(path.join(EXAMPLE, entry), path.join(dir, entry), { recursive: true });
  }
  fs.copyFileSync(path.join(dir, '.dev.vars.example'), path.join(dir, '.dev.vars'));
  const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  assert.equal(pj.dependencies?.jwtlens, '^0.2.0', 'the example depends on jwtlens 0.2 (jwtlens/sign) from the registry');
  delete pj.devDependencies;
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pj, null, 2));
  execFileSync(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball()],
    { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'], timeout: 120_000 },
  );
  const installed = path.join(dir, 'node_modules', 'jwtlens');
  const st = fs.lstatSync(installed);
  assert.ok(!st.isSymbolicLink() && st.isDirectory(), `${installed} must be the installed tarball, not a link`);
  assert.ok(!fs.existsSync(path.join(dir, 'node_modules', 'wrangler')), 'wrangler is not installed from the registry');
  // The same package in this process (Node entries): jwtlens (decode, verify, createRemoteJWKSet)
  // and jwtlens/sign (sign, generateKeyPair).
  fs.writeFileSync(path.join(dir, 'jwtlens-node.mjs'), "export * from 'jwtlens';\n");
  fs.writeFileSync(path.join(dir, 'jwtlens-sign-node.mjs'), "export * from 'jwtlens/sign';\n");
  fixtureDir = dir;
  return dir;
}

/**
 * Waits until the Worker's output after offset `from` (proc.output.length taken before the
 * request) matches `pattern`: what the Worker logs (console.log / warn / error) is printed by
 * wrangler dev, a moment after the answer.
 */
async function waitForLog(proc, from, pattern, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  const since = () => proc.output.slice(Math.min(from, proc.output.length));
  while (!pattern.test(since()) && Date.now() < deadline) await sleep(100);
  assert.match(since(), pattern, 'the Worker logged it');
}

/** A request with another Host header (fetch cannot set one): { status, headers, body, cookies }. */
function callAsHost(base, host, method, pathname, headers = {}) {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers: { ...headers, host }, timeout: 20_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let body = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        const setCookie = res.headers['set-cookie'] ?? [];
        resolve({ status: res.statusCode, headers: new Headers(Object.entries(res.headers).filter(([, v]) => typeof v === 'string')), body, text, cookies: setCookie.map(parseSetCookie) });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** `wrangler dev` of the fixture with `vars` and its own Durable Object storage. */
async function startWorker(dir, name, vars) {
  const port = await freePort();
  const inspectorPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort), '--show-interactive-dev-session=false'];
  args.push('--persist-to', path.join(dir, `.state-${name}`));
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const proc = startProcess(`wrangler-${name}`, npmBin('wrangler'), args, { cwd: dir, env: wranglerEnv(dir) });
  const started = Date.now();
  try {
    await waitForHttp(`${base}/`, { timeoutMs: 120_000, proc });
  } catch (e) {
    await proc.stop();
    throw e;
  }
  console.log(`wrangler dev (${name}) answered after ${Date.now() - started} ms on ${base}`);
  return { proc, base };
}

// ---- HTTP -------------------------------------------------------------------------------------

/** Set-Cookie parsed: { name, value, attributes: { 'max-age': '900', path: '/refresh', secure: true, ... } } */
function parseSetCookie(header) {
  const [pair, ...rest] = header.split(';');
  const eq = pair.indexOf('=');
  const attributes = {};
  for (const a of rest) {
    const i = a.indexOf('=');
    const key = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    attributes[key] = i < 0 ? true : a.slice(i + 1).trim();
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes, raw: header };
}

/**
 * One request: { status, headers, body (JSON when it parses), cookies (Set-Cookie parsed) }.
 * `ip` sets CF-Connecting-IP (wrangler dev passes a client's through; Cloudflare's edge
 * overwrites it with the real address).
 */
async function call(base, method, pathname, { bearer, cookie, origin, ip, json, headers = {} } = {}) {
  const h = { ...headers };
  if (bearer !== undefined) h.authorization = `Bearer ${bearer}`;
  if (cookie !== undefined) h.cookie = `${COOKIE}=${cookie}`;
  if (origin !== undefined) h.origin = origin;
  if (ip !== undefined) h['cf-connecting-ip'] = ip;
  let body;
  if (json !== undefined) {
    h['content-type'] ??= 'application/json';
    body = typeof json === 'string' ? json : JSON.stringify(json);
  }
  const res = await fetch(`${base}${pathname}`, { method, headers: h, body, redirect: 'manual', signal: AbortSignal.timeout(20_000) });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: parsed, text, cookies: res.headers.getSetCookie().map(parseSetCookie) };
}

const show = (r) => `HTTP ${r.status} ${r.text} set-cookie: ${JSON.stringify(r.cookies.map((c) => c.raw))}`;

/** The one Set-Cookie of a token answer: __Secure-refresh=<jwt>; Max-Age; Path=/refresh; Secure; HttpOnly; SameSite=Strict. */
function assertRefreshCookie(r, maxAge) {
  assert.equal(r.cookies.length, 1, show(r));
  const c = r.cookies[0];
  assert.equal(c.name, COOKIE);
  assert.match(c.value, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  assert.deepEqual(c.attributes, { 'max-age': String(maxAge), path: '/refresh', secure: true, httponly: true, samesite: 'Strict' });
  return c.value;
}

/** A Set-Cookie that deletes the refresh cookie (same Path and flags, Max-Age=0). */
function assertClearedCookie(r) {
  assert.equal(r.cookies.length, 1, show(r));
  const c = r.cookies[0];
  assert.equal(c.name, COOKIE);
  assert.equal(c.value, '');
  assert.deepEqual(c.attributes, { 'max-age': '0', path: '/refresh', secure: true, httponly: true, samesite: 'Strict' });
}

/** RFC 6749 §5.1 answer of /login and /refresh. Returns { access, refresh }. */
function assertTokenAnswer(r, { expiresIn = ACCESS_TTL, maxAge = REFRESH_TTL } = {}) {
  assert.equal(r.status, 200, show(r));
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.headers.get('pragma'), 'no-cache');
  assert.deepEqual(Object.keys(r.body).sort(), ['access_token', 'expires_in', 'token_type']);
  assert.equal(r.body.token_type, 'Bearer');
  assert.equal(r.body.expires_in, expiresIn);
  assert.match(r.body.access_token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  const refresh = assertRefreshCookie(r, maxAge);
  return { access: r.body.access_token, refresh };
}

function assertError(r, status, error, description) {
  assert.equal(r.status, status, show(r));
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.deepEqual(Object.keys(r.body).sort(), ['error', 'error_description'], show(r));
  assert.equal(r.body.error, error, show(r));
  if (description) assert.match(r.body.error_description, description, show(r));
}

/** A refused refresh: 401 invalid_grant with the one description every refusal gets, and the cookie is cleared. */
function assertRefusedGrant(r) {
  assertError(r, 401, 'invalid_grant', REFUSED);
  assertClearedCookie(r);
}

/** The log line of a refused refresh: `workers-auth: /refresh refused (<reason>): …<detail>…`. */
const refusalLog = (reason, detail = /.*/) => new RegExp(`workers-auth: /refresh refused \\(${reason}\\): .*${detail.source}`);

/** The RFC 6750 answer to a bad bearer token (the guard's, or ours for typ / denylist). */
function assertInvalidToken(r, description) {
  assertError(r, 401, 'invalid_token', description);
  const m = /^Bearer realm="workers-auth", error="invalid_token", error_description="([^"\\]+)"$/.exec(r.headers.get('www-authenticate') ?? '');
  assert.ok(m, `WWW-Authenticate: ${r.headers.get('www-authenticate')}`);
  assert.equal(m[1], r.body.error_description);
  assert.equal(r.cookies.length, 0);
}

function assertForbidden(r) {
  assertError(r, 403, 'forbidden', /Cross-origin/);
  assert.equal(r.cookies.length, 0, 'a refused request sets no cookie');
}

function assertNoContent(r, { clearsCookie }) {
  assert.equal(r.status, 204, show(r));
  assert.equal(r.text, '');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  if (clearsCookie) assertClearedCookie(r);
  else assert.equal(r.cookies.length, 0);
}

// ---- the flow ----------------------------------------------------------------------------------

test('workers-auth: the complete token flow in workerd (wrangler dev)', { timeout: 300_000 }, async (t) => {
  const dir = exampleFixture();
  const jwtlens = await import(pathToFileURL(path.join(dir, 'jwtlens-node.mjs')).href);
  const signer = await import(pathToFileURL(path.join(dir, 'jwtlens-sign-node.mjs')).href);
  const dev = devKey();
  const devPublic = { kty: dev.kty, crv: dev.crv, x: dev.x, alg: dev.alg, kid: dev.kid, use: 'sig' };
  // As `make workers-auth` runs it: wrangler.toml's ISSUER and AUDIENCE (http://127.0.0.1:8788),
  // though served on another port here (the issuer is a name; CSRF checks the request's origin).
  const { proc, base } = await startWorker(dir, 'main', {});
  const issuer = tomlVar('ISSUER');
  const audience = tomlVar('AUDIENCE');
  const refreshAudience = `${issuer}/refresh`;
  assert.equal(issuer, 'http://127.0.0.1:8788');
  const origin = base;
  const post = (pathname, options) => call(base, 'POST', pathname, options);
  const login = (username = 'alice', password = PASSWORD, options = {}) => post('/login', { json: { username, password }, ...options });
  const me = (bearer) => call(base, 'GET', '/api/me', { bearer });
  const refresh = (cookie, options = {}) => post('/refresh', { cookie, origin, ...options });
  const decode = (token) => jwtlens.decode(token);
  // A refused refresh: the one answer, and the Worker's log line that names the reason.
  const refusedRefresh = async (cookie, reason, detail) => {
    const from = proc.output.length;
    assertRefusedGrant(await refresh(cookie));
    await waitForLog(proc, from, refusalLog(reason, detail));
  };

  try {
    await t.test("guard.js is the Workers example's bearer guard, byte for byte", () => {
      const ours = fs.readFileSync(path.join(EXAMPLE, 'src', 'guard.js'), 'utf8');
      const theirs = fs.readFileSync(path.join(ROOT, 'examples', 'cloudflare-worker', 'src', 'guard.js'), 'utf8');
      assert.equal(ours, theirs, 'examples/workers-auth/src/guard.js must be a copy of examples/cloudflare-worker/src/guard.js');
    });

    await t.test('password hashes: salted PBKDF2-SHA-256, at most 100,000 iterations (the deployed Workers limit), no plain text', async () => {
      // the Worker's own modules, in Node (WebCrypto and atob are globals in both)
      const { checkPassword, parseHash, MAX_ITERATIONS } = await import(pathToFileURL(path.join(EXAMPLE, 'src', 'password.js')).href);
      const { USERS, DUMMY_PASSWORD_HASH } = await import(pathToFileURL(path.join(EXAMPLE, 'src', 'users.js')).href);
      assert.equal(MAX_ITERATIONS, 100_000);
      const { iterations, salt } = parseHash(USERS.alice.password);
      assert.equal(iterations, 100_000);
      assert.ok(salt.length >= 16);
      assert.notEqual(parseHash(DUMMY_PASSWORD_HASH).salt.join(), salt.join(), 'salts differ');
      assert.equal(await checkPassword(PASSWORD, USERS.alice.password), true);
      assert.equal(await checkPassword(`${PASSWORD} `, USERS.alice.password), false);
      const source = fs.readdirSync(path.join(EXAMPLE, 'src')).map((f) => fs.readFileSync(path.join(EXAMPLE, 'src', f), 'utf8')).join('\n');
      assert.ok(!source.includes(PASSWORD), 'the password appears nowhere in the Worker source');
      // scripts/hash-password.mjs makes the stored form, and refuses more than the Workers limit
      const made = execFileSync(process.execPath, [path.join(EXAMPLE, 'scripts', 'hash-password.mjs'), 'hunter2'], { encoding: 'utf8', timeout: 30_000 }).trim();
      assert.equal(parseHash(made).iterations, 100_000);
      assert.equal(await checkPassword('hunter2', made), true);
      assert.throws(() => execFileSync(process.execPath, [path.join(EXAMPLE, 'scripts', 'hash-password.mjs'), 'hunter2', '100001'], { stdio: 'pipe', timeout: 30_000 }));
      const over = made.replace('$100000$', '$100001$');
      assert.throws(() => parseHash(over), /deployed Workers refuse more than 100000/);
    });

    await t.test('the JWKS endpoint publishes the public key only', async () => {
      const r = await call(base, 'GET', '/.well-known/jwks.json');
      assert.equal(r.status, 200, show(r));
      assert.equal(r.headers.get('content-type'), 'application/jwk-set+json');
      assert.equal(r.headers.get('cache-control'), 'public, max-age=300');
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
      assert.deepEqual(r.body, { keys: [devPublic] });
      assert.equal(r.cookies.length, 0);
    });

    let first; // { access, refresh } from the first login
    await t.test('login: 200 with the RFC 6749 token answer and the refresh cookie (Secure, HttpOnly, SameSite=Strict, Path=/refresh)', async () => {
      first = assertTokenAnswer(await login());
      if (process.env.JWTLENS_WRITE_SAMPLES === '1') {
        const samples = {
          description:
            'An access token and a refresh token issued by examples/workers-auth (POST /login as alice) in a real run of tests/env/workers-auth.test.mjs, signed with the development-only key of .dev.vars.example, whose public half is `jwks`.',
          generated: new Date().toISOString(),
          issuer,
          audience,
          jwks: { keys: [devPublic] },
          access_token: first.access,
          refresh_token: first.refresh,
        };
        fs.writeFileSync(SAMPLES, `${JSON.stringify(samples, null, 2)}\n`);
        console.log(`wrote ${path.relative(ROOT, SAMPLES)}`);
      }
    });

    await t.test('the tokens: access typ at+jwt and refresh typ refresh+jwt, distinct audiences, the listed claims', () => {
      const a = decode(first.access);
      const r = decode(first.refresh);
      assert.deepEqual(a.header, { alg: 'EdDSA', typ: 'at+jwt', kid: dev.kid });
      assert.deepEqual(r.header, { alg: 'EdDSA', typ: 'refresh+jwt', kid: dev.kid });
      assert.deepEqual(Object.keys(a.payload), ['iss', 'sub', 'aud', 'jti', 'iat', 'exp', 'scope', 'sid']);
      assert.deepEqual(Object.keys(r.payload), ['iss', 'sub', 'aud', 'jti', 'sid', 'iat', 'exp']);
      assert.equal(a.payload.iss, issuer);
      assert.equal(a.payload.aud, audience);
      assert.equal(r.payload.aud, refreshAudience);
      assert.notEqual(a.payload.aud, r.payload.aud);
      assert.equal(a.payload.sub, 'alice');
      assert.equal(a.payload.scope, 'profile');
      assert.equal(a.payload.exp - a.payload.iat, ACCESS_TTL);
      assert.equal(r.payload.exp - r.payload.iat, REFRESH_TTL);
      assert.ok(Math.abs(a.payload.iat - Date.now() / 1000) < 60, 'iat is now');
      assert.equal(a.payload.sid, r.payload.sid, 'both name the same family');
      assert.notEqual(a.payload.jti, r.payload.jti);
      for (const id of [a.payload.jti, r.payload.jti, a.payload.sid]) assert.match(id, /^[0-9a-f-]{36}$/);
    });

    await t.test('the JWKS endpoint verifies the tokens in another process (createRemoteJWKSet in Node)', async () => {
      const jwks = jwtlens.createRemoteJWKSet(`${base}/.well-known/jwks.json`, { timeoutDuration: 10_000 });
      const { payload, protectedHeader } = await jwks.verify(first.access, { algorithms: ['EdDSA'], issuer, audience, typ: 'at+jwt' });
      assert.equal(payload.sub, 'alice');
      assert.equal(protectedHeader.kid, dev.kid);
      const refreshed = await jwks.verify(first.refresh, { algorithms: ['EdDSA'], issuer, audience: refreshAudience, typ: 'refresh+jwt' });
      assert.equal(refreshed.payload.sid, payload.sid);
      // Each is refused where the other belongs.
      await assert.rejects(jwks.verify(first.refresh, { algorithms: ['EdDSA'], issuer, audience }), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
      await assert.rejects(jwks.verify(first.access, { algorithms: ['EdDSA'], issuer, audience, typ: 'refresh+jwt' }), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'typ' });
      await assert.rejects(jwks.verify(first.access, { algorithms: ['ES256'], issuer, audience }), { code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
    });

    await t.test('GET /api/me: 200 {sub} with the access token; RFC 6750 answers without one', async () => {
      const r = await me(first.access);
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(r.body, { sub: 'alice' });
      assert.equal(r.headers.get('cache-control'), 'no-store');
      const none = await call(base, 'GET', '/api/me');
      assert.equal(none.status, 401, show(none));
      assert.equal(none.headers.get('www-authenticate'), `Bearer realm="${REALM}"`);
      const malformed = await call(base, 'GET', '/api/me', { headers: { authorization: 'Bearer a b' } });
      assert.equal(malformed.status, 400, show(malformed));
      assert.match(malformed.headers.get('www-authenticate'), /error="invalid_request"/);
      assertInvalidToken(await me('not-a-jwt'), /malformed/);
    });

    await t.test('a refresh token is never accepted as an access token, nor an access token as a refresh token', async () => {
      // as a bearer token: the guard checks the audience
      assertInvalidToken(await me(first.refresh), /^The aud claim is not accepted$/);
      // as the refresh cookie: the audience and typ of refresh tokens are checked
      await refusedRefresh(first.access, 'token-invalid', /the refresh token is invalid: ERR_JWT_CLAIM_VALIDATION_FAILED \((aud|typ)\)/);
      // a token with the API audience but without typ at+jwt (signed with the dev key): not an access token
      const now = Math.floor(Date.now() / 1000);
      const claims = decode(first.access).payload;
      const plain = signer.sign({ ...claims, jti: crypto.randomUUID(), iat: now, exp: now + 60 }, dev, { alg: 'EdDSA' });
      assertInvalidToken(await me(plain), /^The token is not an access token$/);
      // a refresh token of the family forged with another key (same kid): refused, and the family is untouched
      const other = signer.generateKeyPair('EdDSA').privateJwk;
      const forged = signer.sign(decode(first.refresh).payload, { ...other, kid: dev.kid }, { alg: 'EdDSA', header: { typ: 'refresh+jwt' } });
      await refusedRefresh(forged, 'token-invalid', /the refresh token is invalid: ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    });

    let second; // after one rotation
    await t.test('refresh: rotates the refresh token in the same family and issues a new access token', async () => {
      second = assertTokenAnswer(await refresh(first.refresh));
      const before = decode(first.refresh).payload;
      const after = decode(second.refresh).payload;
      assert.equal(after.sid, before.sid, 'same family');
      assert.notEqual(after.jti, before.jti, 'a new refresh token');
      assert.equal(decode(second.access).payload.sid, before.sid);
      assert.notEqual(decode(second.access).payload.jti, decode(first.access).payload.jti);
      assert.deepEqual((await me(second.access)).body, { sub: 'alice' });
      // rotation does not revoke the earlier access token: it lives until its exp (15 min)
      assert.equal((await me(first.access)).status, 200);
    });

    let third;
    await t.test('CSRF: /refresh and /logout refuse (403) a missing or foreign Origin, before touching anything', async () => {
      for (const o of [undefined, 'https://evil.example', 'null', `${base}.evil.example`, base.replace('127.0.0.1', 'localhost')]) {
        assertForbidden(await post('/refresh', { cookie: second.refresh, origin: o }));
        assertForbidden(await post('/logout', { bearer: second.access, cookie: second.refresh, origin: o }));
      }
      // nothing was spent or revoked: the current refresh token and the access token still work
      assert.equal((await me(second.access)).status, 200);
      third = assertTokenAnswer(await refresh(second.refresh));
    });

    await t.test('reuse: an already-used refresh token is refused and revokes the whole family (newest tokens included)', async () => {
      assert.equal((await me(third.access)).status, 200);
      const { sid } = decode(first.refresh).payload; // a UUID: nothing to escape in a RegExp
      // first.refresh was spent by the first rotation: presenting it again is reuse (theft
      // detection). The answer is the same as for any refusal; only the log says "reuse".
      await refusedRefresh(first.refresh, 'reuse', new RegExp(`a spent refresh token was presented again.* the session is now revoked \\(sid ${sid}, sub alice\\)`));
      // the newest refresh token of the family no longer works...
      await refusedRefresh(third.refresh, 'revoked', new RegExp(`the session had been revoked \\(sid ${sid}, sub alice\\)`));
      // ...nor does any access token the family issued
      for (const access of [first.access, second.access, third.access]) assertInvalidToken(await me(access), /^The token has been revoked$/);
      // and replaying again changes nothing
      await refusedRefresh(second.refresh, 'revoked', new RegExp(`\\(sid ${sid}, sub alice\\)`));
      // another session of the same user is not affected
      const other = assertTokenAnswer(await login());
      assert.equal((await me(other.access)).status, 200);
    });

    await t.test('logout: 204 and the cookie cleared; the refresh token and the access token are revoked', async () => {
      const s = assertTokenAnswer(await login());
      const rotated = assertTokenAnswer(await refresh(s.refresh));
      assertNoContent(await post('/logout', { bearer: rotated.access, cookie: rotated.refresh, origin }), { clearsCookie: true });
      assertInvalidToken(await me(rotated.access), /^The token has been revoked$/);
      assertInvalidToken(await me(s.access), /^The token has been revoked$/);
      await refusedRefresh(rotated.refresh, 'revoked', new RegExp(`\\(sid ${decode(s.refresh).payload.sid}, sub alice\\)`));
      // the revoked access token cannot log out (or revoke) again
      assertInvalidToken(await post('/logout', { bearer: rotated.access, origin }), /revoked/);
      assertInvalidToken(await post('/revoke', { bearer: rotated.access }), /revoked/);
      // logout needs a bearer token
      const anonymous = await post('/logout', { cookie: rotated.refresh, origin });
      assert.equal(anonymous.status, 401, show(anonymous));
      assert.equal(anonymous.headers.get('www-authenticate'), `Bearer realm="${REALM}"`);
    });

    await t.test('logout with the bearer token alone (a browser never sends the Path=/refresh cookie there) ends the session too', async () => {
      const s = assertTokenAnswer(await login());
      assertNoContent(await post('/logout', { bearer: s.access, origin }), { clearsCookie: true });
      assertInvalidToken(await me(s.access), /^The token has been revoked$/);
      await refusedRefresh(s.refresh, 'revoked', new RegExp(`\\(sid ${decode(s.refresh).payload.sid}, sub alice\\)`));
    });

    await t.test("revoke: the access token's jti is refused afterwards; the session goes on", async () => {
      const s = assertTokenAnswer(await login());
      assert.equal((await me(s.access)).status, 200);
      assertNoContent(await post('/revoke', { bearer: s.access }), { clearsCookie: false });
      assertInvalidToken(await me(s.access), /^The token has been revoked$/);
      // only that token: the refresh token still gives a new access token, which works
      const next = assertTokenAnswer(await refresh(s.refresh));
      assert.deepEqual((await me(next.access)).body, { sub: 'alice' });
      // a refresh token as the bearer token of /revoke is refused like anywhere else
      assertInvalidToken(await post('/revoke', { bearer: next.refresh }), /aud/);
    });

    await t.test('cookie tossing: a /refresh with two refresh cookies is refused (400) and the cookie cleared; neither token is spent', async () => {
      // `planted` stands for a session of the attacker's, whose refresh cookie a sibling subdomain
      // set with Domain=<parent>: the browser then sends it along with the victim's own.
      const victim = assertTokenAnswer(await login());
      const planted = assertTokenAnswer(await login());
      const both = (...values) => ({ origin, headers: { cookie: values.map((v) => `${COOKIE}=${v}`).join('; ') } });
      for (const values of [[planted.refresh, victim.refresh], [victim.refresh, planted.refresh], [victim.refresh, victim.refresh], [victim.refresh, 'junk']]) {
        const from = proc.output.length;
        const r = await post('/refresh', both(...values));
        assertError(r, 400, 'invalid_request', /^More than one refresh cookie$/);
        assertClearedCookie(r); // (127.0.0.1 has no parent domain: the host's own cookie is the one to delete)
        await waitForLog(proc, from, refusalLog('several-cookies', /2 __Secure-refresh cookies in one request/));
      }
      // Only the __Secure- name is read: a cookie called plain "refresh" (which anyone could
      // plant over http) is ignored, alone or next to the real one.
      const from = proc.output.length;
      assertRefusedGrant(await post('/refresh', { origin, headers: { cookie: `refresh=${victim.refresh}` } }));
      await waitForLog(proc, from, refusalLog('no-cookie'));
      // /logout trusts neither of two cookies (it ends the bearer's session) and clears them
      const s = assertTokenAnswer(await login());
      assertNoContent(await post('/logout', { bearer: s.access, ...both(planted.refresh, s.refresh) }), { clearsCookie: true });
      await refusedRefresh(s.refresh, 'revoked');
      // nothing was spent, and the logout did not end the planted cookie's session: each session
      // still refreshes with its own token
      const next = assertTokenAnswer(await post('/refresh', { origin, headers: { cookie: `refresh=junk; ${COOKIE}=${victim.refresh}` } }));
      assert.equal(decode(next.refresh).payload.sid, decode(victim.refresh).payload.sid);
      assertTokenAnswer(await refresh(planted.refresh));
    });

    await t.test('an expired access token is refused (signed with the development key, exp in the past)', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { ...decode(first.access).payload, jti: crypto.randomUUID(), iat: now - ACCESS_TTL - 60, exp: now - 60 };
      const expired = signer.sign(claims, dev, { alg: 'EdDSA', header: { typ: 'at+jwt' } });
      assertInvalidToken(await me(expired), /^The token has expired$/);
      // the same token, not yet expired, is accepted: only exp made the difference
      const fresh = signer.sign({ ...claims, iat: now, exp: now + 60 }, dev, { alg: 'EdDSA', header: { typ: 'at+jwt' } });
      assert.equal((await me(fresh)).status, 200);
      // an expired refresh token likewise
      const oldRefresh = signer.sign({ ...decode(first.refresh).payload, iat: now - 100, exp: now - 10 }, dev, { alg: 'EdDSA', header: { typ: 'refresh+jwt' } });
      await refusedRefresh(oldRefresh, 'token-expired', /the refresh token has expired/);
    });

    await t.test('in Chromium: the browser keeps the HttpOnly cookie from scripts, sends it only to /refresh and never cross-site; logout clears it', async () => {
      const browser = await launchBrowser();
      try {
        const context = await browser.newContext();
        const page = await context.newPage();
        page.setDefaultTimeout(30_000);
        const sent = []; // { path, origin, cookie } of each request to the Worker
        const pending = [];
        page.on('request', (req) => {
          const url = new URL(req.url());
          const record = { host: url.host, path: url.pathname };
          sent.push(record);
          pending.push(
            req.allHeaders().then((headers) => {
              record.origin = headers.origin ?? null;
              record.cookie = headers.cookie ?? null;
            }),
          );
        });
        const settled = () => Promise.all(pending); // every recorded request has its headers
        const answers = [];
        page.on('response', (res) => answers.push({ path: new URL(res.url()).pathname, status: res.status() }));
        await page.goto(`${base}/`);
        const logFrom = proc.output.length;
        const got = await page.evaluate(async (password) => {
          const post = (p, headers = {}, body) => fetch(p, { method: 'POST', headers, body });
          const login = await post('/login', { 'content-type': 'application/json' }, JSON.stringify({ username: 'alice', password }));
          const { access_token: first } = await login.json();
          const visible = document.cookie;
          const refreshed = await post('/refresh');
          const { access_token: access } = await refreshed.json();
          const me = await fetch('/api/me', { headers: { authorization: `Bearer ${access}` } });
          const logout = await post('/logout', { authorization: `Bearer ${access}` });
          const after = await post('/refresh');
          return { login: login.status, first: typeof first, visible, refreshed: refreshed.status, me: await me.json(), logout: logout.status, after: after.status, afterBody: await after.json() };
        }, PASSWORD);
        assert.deepEqual(got, {
          login: 200,
          first: 'string',
          visible: '',
          refreshed: 200,
          me: { sub: 'alice' },
          logout: 204,
          after: 401,
          afterBody: { error: 'invalid_grant', error_description: 'The refresh token is not accepted: log in again' },
        });
        await waitForLog(proc, logFrom, refusalLog('no-cookie', /no __Secure-refresh cookie/));
        await settled();
        const to = (p) => sent.filter((r) => r.path === p);
        assert.match(to('/refresh')[0].cookie ?? '', /^__Secure-refresh=eyJ[^;]*$/, 'the __Secure- cookie (Secure, set and sent on http://127.0.0.1) is sent to /refresh, alone');
        assert.equal(to('/refresh')[0].origin, origin, 'the browser sends Origin with a POST');
        assert.equal(to('/refresh')[1].cookie, null, 'after logout the cookie is gone');
        for (const p of ['/login', '/api/me', '/logout']) assert.ok(to(p).every((r) => r.cookie === null), `no cookie sent to ${p}`);
        // From another site (http://localhost:port is not http://127.0.0.1:port): a fresh login,
        // then a page there submits a form to /refresh, the classic CSRF. SameSite=Strict keeps
        // the cookie home and the foreign Origin gets a 403.
        await page.evaluate(async (password) => {
          const r = await fetch('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password }) });
          await r.arrayBuffer();
        }, PASSWORD);
        const foreign = `http://localhost:${new URL(base).port}`;
        await page.goto(`${foreign}/`);
        sent.length = 0;
        answers.length = 0;
        await Promise.all([
          page.waitForNavigation({ url: `${base}/refresh` }),
          page.evaluate((action) => {
            const form = document.createElement('form');
            form.method = 'POST';
            form.action = action;
            document.body.append(form);
            form.submit();
          }, `${base}/refresh`),
        ]);
        await settled();
        const attempt = sent.find((r) => r.path === '/refresh');
        assert.ok(attempt, 'the request was sent');
        assert.equal(attempt.origin, foreign);
        assert.equal(attempt.cookie, null, 'SameSite=Strict: no cookie on a cross-site request');
        assert.deepEqual(answers.filter((a) => a.path === '/refresh').map((a) => a.status), [403]);
        assert.match(await page.textContent('body'), /Cross-origin request refused/);
        // back home, the cookie is still there and works
        await page.goto(`${base}/`);
        const home = await page.evaluate(async () => (await fetch('/refresh', { method: 'POST' })).status);
        assert.equal(home, 200);
        await context.close();
      } finally {
        await browser.close();
      }
    });

    await t.test('login input: 400 for a bad body, 413 when too large, 415 without JSON, 403 for a foreign Origin, 405 for GET', async () => {
      assertError(await post('/login', { json: '{"username":' }), 400, 'invalid_request', /not JSON/);
      assertError(await post('/login', { json: { username: 'alice' } }), 400, 'invalid_request', /username/);
      assertError(await post('/login', { json: { username: 7, password: PASSWORD } }), 400, 'invalid_request');
      assertError(await post('/login', { json: { username: 'a'.repeat(65), password: PASSWORD } }), 400, 'invalid_request');
      assertError(await post('/login', { json: JSON.stringify({ username: 'alice', password: PASSWORD }), headers: { 'content-type': 'text/plain' } }), 415, 'invalid_request');
      assertError(await post('/login', { json: { username: 'alice', password: 'x'.repeat(5000) } }), 413, 'invalid_request');
      // the same without Content-Length (a streamed body): still cut off at 4 KiB
      const streamed = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(1024)));
          controller.close();
        },
      });
      const chunked = await fetch(`${base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: streamed, duplex: 'half', signal: AbortSignal.timeout(20_000) });
      const chunkedBody = await chunked.json();
      assert.equal(chunked.status, 413, JSON.stringify(chunkedBody));
      assert.equal(chunkedBody.error, 'invalid_request');
      assertForbidden(await login('alice', PASSWORD, { origin: 'https://evil.example' }));
      const get = await call(base, 'GET', '/login');
      assertError(get, 405, 'method_not_allowed');
      assert.equal(get.headers.get('allow'), 'POST');
      assertError(await call(base, 'GET', '/nope'), 404, 'not_found');
      // a same-origin browser login (Origin sent) works
      assertTokenAnswer(await login('alice', PASSWORD, { origin }));
    });

    await t.test(`login rate limit per client address: ${MAX_FAILURES_PER_IP} failures from one CF-Connecting-IP, then 429`, async () => {
      const ip = '198.51.100.7';
      for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
        // a different (unknown) user each time: only the address counter reaches its limit
        assertError(await login(`nobody-${i}`, 'guess', { ip }), 401, 'invalid_grant', /^Wrong username or password$/);
      }
      const blocked = await login('alice', PASSWORD, { ip });
      assertError(blocked, 429, 'too_many_attempts');
      const retryAfter = Number(blocked.headers.get('retry-after'));
      assert.ok(retryAfter > 0 && retryAfter <= LOGIN_WINDOW, `Retry-After: ${blocked.headers.get('retry-after')}`);
      assert.equal(blocked.cookies.length, 0);
      // other addresses, and alice herself, are not affected
      assertTokenAnswer(await login('alice', PASSWORD, { ip: '198.51.100.8' }));
    });

    await t.test(`login rate limit per client address, IPv6: the ${MAX_FAILURES_PER_IP} failures from one /64 may come from as many addresses`, async () => {
      for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
        assertError(await login(`nobody6-${i}`, 'guess', { ip: `2001:db8:1:2::${(i + 1).toString(16)}` }), 401, 'invalid_grant');
      }
      assertError(await login('alice', PASSWORD, { ip: '2001:0db8:0001:0002:ffff:ffff:ffff:ffff' }), 429, 'too_many_attempts');
      assertTokenAnswer(await login('alice', PASSWORD, { ip: '2001:db8:1:3::1' }));
    });

    await t.test(`login rate limit per user: ${MAX_FAILURES_PER_USER} wrong passwords for alice, then 429 even with the right one, from any address`, async () => {
      // a success in between resets the user's counter
      for (let i = 0; i < MAX_FAILURES_PER_USER - 1; i++) assertError(await login('alice', 'wrong', { ip: `203.0.113.${i + 1}` }), 401, 'invalid_grant');
      assertTokenAnswer(await login('alice', PASSWORD, { ip: '203.0.113.50' }));
      // then N failures from N different addresses (so no address counter is involved)
      for (let i = 0; i < MAX_FAILURES_PER_USER; i++) {
        assertError(await login(i % 2 ? 'Alice' : 'alice', 'wrong', { ip: `203.0.113.${i + 10}` }), 401, 'invalid_grant', /^Wrong username or password$/);
      }
      for (const [name, ip] of [['alice', '203.0.113.99'], ['ALICE', '192.0.2.1']]) {
        const r = await login(name, PASSWORD, { ip });
        assertError(r, 429, 'too_many_attempts');
        const retryAfter = Number(r.headers.get('retry-after'));
        assert.ok(retryAfter > LOGIN_WINDOW - 120 && retryAfter <= LOGIN_WINDOW, `Retry-After: ${r.headers.get('retry-after')}`);
      }
      // a burst of parallel guesses for another user cannot slip past the limit
      const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login('mallory', 'guess', { ip: `192.0.2.${i + 10}` })));
      assert.deepEqual(burst.map((r) => r.status).sort(), [...Array(MAX_FAILURES_PER_USER).fill(401), ...Array(12 - MAX_FAILURES_PER_USER).fill(429)]);
    });

    await t.test('the development key is refused for a request to a host other than the local machine (500)', async () => {
      const { port } = new URL(base);
      const status = await new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/.well-known/jwks.json', headers: { host: 'auth.example.com' }, timeout: 20_000 }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', reject);
        req.end();
      });
      assert.equal(status, 500);
      const deadline = Date.now() + 10_000;
      while (!/development-only key/.test(proc.output) && Date.now() < deadline) await sleep(100);
      assert.match(proc.output, /SIGNING_JWK is the development-only key .* refused for host auth\.example\.com/);
    });

    await t.test('sample-tokens.json holds an access and a refresh token from this flow', () => {
      const samples = JSON.parse(fs.readFileSync(SAMPLES, 'utf8'));
      assert.deepEqual(samples.jwks, { keys: [devPublic] });
      const at = jwtlens.decode(samples.access_token);
      const rt = jwtlens.decode(samples.refresh_token);
      const common = { algorithms: ['EdDSA'], issuer: samples.issuer };
      // verified with the dev key at their issue time (they have long expired since)
      jwtlens.verify(samples.access_token, samples.jwks, { ...common, audience: samples.audience, typ: 'at+jwt', currentDate: at.payload.iat });
      jwtlens.verify(samples.refresh_token, samples.jwks, { ...common, audience: `${samples.issuer}/refresh`, typ: 'refresh+jwt', currentDate: rt.payload.iat });
      assert.equal(at.payload.sid, rt.payload.sid);
      assert.deepEqual(Object.keys(at.payload), ['iss', 'sub', 'aud', 'jti', 'iat', 'exp', 'scope', 'sid']);
      for (const token of [samples.access_token, samples.refresh_token]) {
        const report = jwtlens.inspect(token, { now: at.payload.iat + 1 });
        assert.equal(report.kind, 'JWS');
        assert.equal(report.algorithm.family, 'EdDSA');
        assert.equal(report.status.state, 'active');
      }
    });

    await t.test('the Worker logged no uncaught error', () => {
      // (the lines of refused refreshes, and of the refused development key, are expected)
      assert.doesNotMatch(proc.output, /Uncaught|internal_error|workers-auth: (?!SIGNING_JWK is the development-only key|\/refresh refused \()/);
    });
  } finally {
    await proc.stop();
  }
});


/** A complete, valid environment for config.js with `jwk` as the signing key. */
function configEnv(jwk) {
  return {
    SIGNING_JWK: JSON.stringify(jwk),
    ISSUER: 'https://auth.example.test',
    AUDIENCE: 'https://api.example.test',
    ACCESS_TTL: '900',
    REFRESH_TTL: '1209600',
    FAMILY_TTL: '2592000',
    LOGIN_MAX_FAILURES_PER_USER: '5',
    LOGIN_MAX_FAILURES_PER_IP: '20',
    LOGIN_WINDOW: '900',
  };
}

test('workers-auth: configuration mistakes are refused before any token is issued (config.js in Node, same package)', async () => {
  const dir = exampleFixture();
  const { configFor, checkHost, ConfigError, DEVELOPMENT_PUBLIC_KEY } = await import(pathToFileURL(path.join(dir, 'src', 'config.js')).href);
  const signer = await import(pathToFileURL(path.join(dir, 'jwtlens-sign-node.mjs')).href);
  const dev = devKey();
  assert.deepEqual({ ...DEVELOPMENT_PUBLIC_KEY }, { kty: dev.kty, crv: dev.crv, x: dev.x }, 'config.js knows the public key of .dev.vars.example');
  const good = configEnv(dev);
  const config = configFor(good);
  assert.equal(config.refreshAudience, 'https://auth.example.test/refresh');
  assert.equal(config.developmentKey, true);
  assert.doesNotThrow(() => checkHost(config, new URL('http://127.0.0.1:8788/login')));
  assert.doesNotThrow(() => checkHost(config, new URL('http://localhost:8788/login')));
  assert.throws(() => checkHost(config, new URL('https://auth.example.test/login')), ConfigError);
  const es = signer.generateKeyPair('ES256').privateJwk;
  assert.equal(configFor({ ...good, SIGNING_JWK: JSON.stringify(es) }).developmentKey, false);
  const other = signer.generateKeyPair('EdDSA').privateJwk;
  // Another key is accepted for any host, even when it declares the development key's kid.
  for (const key of [other, { ...other, kid: dev.kid }]) {
    const c = configFor({ ...good, SIGNING_JWK: JSON.stringify(key) });
    assert.equal(c.developmentKey, false);
    assert.doesNotThrow(() => checkHost(c, new URL('https://auth.example.test/login')));
  }
  for (const [change, why] of [
    [{ SIGNING_JWK: undefined }, /SIGNING_JWK is not set/],
    [{ SIGNING_JWK: 'not json' }, /not JSON/],
    [{ SIGNING_JWK: JSON.stringify({ ...dev, d: undefined }) }, /private key/],
    [{ SIGNING_JWK: JSON.stringify({ ...dev, d: other.d }) }, /cannot be used/],
    [{ SIGNING_JWK: JSON.stringify({ kty: 'oct', k: 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0cw', alg: 'HS256', kid: 'k' }) }, /"EdDSA" or "ES256"/],
    [{ SIGNING_JWK: JSON.stringify(signer.generateKeyPair('RS256').privateJwk) }, /"EdDSA" or "ES256"/],
    [{ SIGNING_JWK: JSON.stringify({ ...dev, kid: undefined }) }, /kid/],
    [{ ISSUER: 'not a url' }, /ISSUER/],
    [{ ISSUER: 'ftp://auth.example.test' }, /ISSUER/],
    [{ AUDIENCE: '' }, /AUDIENCE/],
    [{ AUDIENCE: 'https://auth.example.test/refresh' }, /must differ/],
    [{ ACCESS_TTL: '15m' }, /ACCESS_TTL/],
    [{ ACCESS_TTL: '0' }, /ACCESS_TTL/],
    [{ FAMILY_TTL: '60' }, /FAMILY_TTL/],
    [{ LOGIN_MAX_FAILURES_PER_USER: undefined }, /LOGIN_MAX_FAILURES_PER_USER/],
  ]) {
    assert.throws(() => configFor({ ...good, ...change }), (e) => e instanceof ConfigError && why.test(e.message), JSON.stringify(change));
  }
});

test('workers-auth: the development key is known by its key material, not its kid (config.js in Node, same package)', async () => {
  const dir = exampleFixture();
  const { configFor, checkHost, ConfigError, isDevelopmentKey } = await import(pathToFileURL(path.join(dir, 'src', 'config.js')).href);
  const signer = await import(pathToFileURL(path.join(dir, 'jwtlens-sign-node.mjs')).href);
  const dev = devKey();
  const other = signer.generateKeyPair('EdDSA').privateJwk;
  /** The Worker refuses `jwk` for a real host: as a configuration error, or as the development key. */
  const refusedOffLocal = (jwk) => {
    let config;
    try {
      config = configFor(configEnv(jwk));
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      return 'config';
    }
    assert.equal(config.developmentKey, true, JSON.stringify(jwk));
    assert.throws(() => checkHost(config, new URL('https://auth.example.test/login')), (e) => e instanceof ConfigError && /development-only key .* refused for host auth\.example\.test/.test(e.message));
    assert.doesNotThrow(() => checkHost(config, new URL('http://127.0.0.1:8788/login')));
    return 'development key';
  };
  // The committed key renamed: another kid (a thumbprint of another key, or any name), members
  // added, members in another order. Each still signs, and is refused for a real host.
  const { kid, ...unnamed } = dev;
  assert.equal(typeof kid, 'string');
  for (const renamed of [
    { ...dev, kid: other.kid },
    { ...dev, kid: 'production-2026' },
    { d: dev.d, ext: true, use: 'sig', kid: other.kid, x: dev.x, alg: 'EdDSA', note: 'my own key', kty: 'OKP', crv: 'Ed25519' },
    { ...unnamed, use: undefined, key_ops: ['sign'], kid: 'k1' },
  ]) {
    assert.equal(refusedOffLocal(renamed), 'development key', JSON.stringify(renamed));
  }
  // Other spellings of the same public key bytes (padding, the base64 alphabet, unused trailing
  // bits) are the same key to the comparison, whether or not jwtlens accepts the spelling.
  const last = dev.x.at(-1);
  const trailing = 'AEIMQUYcgkosw048'.includes(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : null; // 43 chars: the last one has 2 unused bits
  const spellings = [`${dev.x}=`, dev.x.replace(/-/g, '+').replace(/_/g, '/'), ...(trailing ? [dev.x.slice(0, -1) + trailing] : [])];
  for (const x of spellings) {
    assert.notEqual(x, dev.x);
    assert.equal(isDevelopmentKey({ kty: 'OKP', crv: 'Ed25519', x }), true, x);
    assert.ok(['config', 'development key'].includes(refusedOffLocal({ ...dev, x, kid: 'renamed' })), x);
  }
  assert.equal(isDevelopmentKey({ kty: 'OKP', crv: 'Ed25519', x: other.x }), false);
  assert.equal(isDevelopmentKey({ kty: 'EC', crv: 'Ed25519', x: dev.x }), false);
  assert.equal(isDevelopmentKey({ kty: 'OKP', crv: 'Ed25519' }), false);
});

test('workers-auth: wrangler deploy --dry-run bundles the Worker, the two wasm (jwtlens, jwtlens/sign) and the three Durable Object classes', { timeout: 180_000 }, () => {
  const dir = exampleFixture();
  const out = execFileSync(npmBin('wrangler'), ['deploy', '--dry-run', '--outdir', 'dist'], {
    cwd: dir,
    env: wranglerEnv(dir),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  for (const binding of ['env.FAMILIES (TokenFamily)', 'env.REVOKED (RevokedToken)', 'env.LIMITER (LoginLimiter)']) assert.ok(out.includes(binding), `${binding} in:\n${out}`);
  // the development key lives in .dev.vars, which a deployment does not upload
  assert.ok(!out.includes('SIGNING_JWK'), `SIGNING_JWK is no [vars] entry:\n${out}`);
  const files = fs.readdirSync(path.join(dir, 'dist'));
  // Two wasm: jwtlens (verify) and jwtlens/sign (sign); not the lite one, which nothing imports.
  const digest = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  const bundled = files.filter((f) => f.endsWith('.wasm')).map((f) => digest(path.join(dir, 'dist', f))).sort();
  const packaged = ['jwtlens_bg.wasm', 'sign/jwtlens_bg.wasm'].map((f) => digest(path.join(dir, 'node_modules', 'jwtlens', f))).sort();
  assert.deepEqual(bundled, packaged, `the bundle's wasm are not jwtlens's and jwtlens/sign's: ${files.join(', ')}`);
  const js = files.filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(dir, 'dist', f), 'utf8')).join('\n');
  for (const cls of ['TokenFamily', 'RevokedToken', 'LoginLimiter']) assert.match(js, new RegExp(`export\\s*\\{[^}]*\\b${cls}\\b`), `${cls} is exported`);
  assert.ok(!/node:fs|readFileSync/.test(js), 'the Worker bundle picked the Node entry');
});

test("workers-auth with an ES256 key made by the README's command and ACCESS_TTL=2: real access tokens expire, refresh goes on", { timeout: 180_000 }, async (t) => {
  const dir = exampleFixture();
  const jwtlens = await import(pathToFileURL(path.join(dir, 'jwtlens-node.mjs')).href);
  const signer = await import(pathToFileURL(path.join(dir, 'jwtlens-sign-node.mjs')).href);
  // The command of the README's "Deploy" (without the pipe to `wrangler secret put`), with
  // 'ES256' for 'EdDSA' as it says, so that both algorithms run in workerd.
  const readme = fs.readFileSync(path.join(EXAMPLE, 'README.md'), 'utf8');
  const script = "import { generateKeyPair } from 'jwtlens/sign'; console.log(JSON.stringify(generateKeyPair('EdDSA').privateJwk))";
  assert.ok(readme.includes(`node --input-type=module -e "${script}"`), 'the README shows this command');
  const privateJwk = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script.replace("'EdDSA'", "'ES256'")], { cwd: dir, encoding: 'utf8', timeout: 30_000 }),
  );
  assert.equal(privateJwk.alg, 'ES256');
  assert.equal(typeof privateJwk.d, 'string');
  assert.notEqual(privateJwk.kid, devKey().kid);

  // ISSUER and AUDIENCE set on the command line too, as a deployment sets them in wrangler.toml
  const { proc, base } = await startWorker(dir, 'short', {
    SIGNING_JWK: JSON.stringify(privateJwk),
    ACCESS_TTL: '2',
    ISSUER: 'https://auth.example.test',
    AUDIENCE: 'https://api.example.test',
  });
  const origin = base;
  try {
    await t.test('the JWKS now publishes the new ES256 key, public members only', async () => {
      const r = await call(base, 'GET', '/.well-known/jwks.json');
      assert.equal(r.status, 200, show(r));
      const { d, ...publicJwk } = privateJwk;
      assert.equal(typeof d, 'string');
      assert.deepEqual(r.body, { keys: [{ kty: 'EC', crv: 'P-256', x: publicJwk.x, y: publicJwk.y, alg: 'ES256', kid: privateJwk.kid, use: 'sig' }] });
    });

    await t.test('an access token issued by the Worker is refused once its 2 s are over; the refresh token gives a new one', async () => {
      const s = assertTokenAnswer(await call(base, 'POST', '/login', { json: { username: 'alice', password: PASSWORD } }), { expiresIn: 2 });
      assert.equal(jwtlens.decode(s.access).header.alg, 'ES256');
      assert.equal(jwtlens.decode(s.refresh).header.alg, 'ES256');
      const jwks = jwtlens.createRemoteJWKSet(`${base}/.well-known/jwks.json`, { timeoutDuration: 10_000 });
      const verified = await jwks.verify(s.access, { algorithms: ['ES256'], issuer: 'https://auth.example.test', audience: 'https://api.example.test', typ: 'at+jwt' });
      assert.equal(verified.payload.sub, 'alice');
      const { exp, iat, iss, aud } = jwtlens.decode(s.access).payload;
      assert.equal(exp - iat, 2);
      assert.deepEqual([iss, aud], ['https://auth.example.test', 'https://api.example.test']);
      assert.equal(jwtlens.decode(s.refresh).payload.aud, 'https://auth.example.test/refresh');
      assert.deepEqual((await call(base, 'GET', '/api/me', { bearer: s.access })).body, { sub: 'alice' });
      const wait = exp * 1000 + 1100 - Date.now();
      assert.ok(wait < 5000, `waiting ${wait} ms`);
      await sleep(Math.max(0, wait));
      assertInvalidToken(await call(base, 'GET', '/api/me', { bearer: s.access }), /^The token has expired$/);
      const next = assertTokenAnswer(await call(base, 'POST', '/refresh', { cookie: s.refresh, origin }), { expiresIn: 2 });
      assert.deepEqual((await call(base, 'GET', '/api/me', { bearer: next.access })).body, { sub: 'alice' });
    });

    await t.test('a token signed with the development key is refused by a Worker with another key', async () => {
      const dev = devKey();
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: 'https://auth.example.test', sub: 'alice', aud: 'https://api.example.test', jti: crypto.randomUUID(), iat: now, exp: now + 60, scope: 'profile', sid: crypto.randomUUID() };
      const token = signer.sign(claims, dev, { alg: 'EdDSA', header: { typ: 'at+jwt' } });
      assertInvalidToken(await call(base, 'GET', '/api/me', { bearer: token }), /^The token algorithm is not accepted$/);
    });

    await t.test('cookie tossing on a real host name: the 400 deletes the refresh cookie host-only and for this host and its parent domain, Path=/refresh and /', async () => {
      const host = 'auth.example.test';
      const from = proc.output.length;
      const r = await callAsHost(base, host, 'POST', '/refresh', { origin: `http://${host}`, cookie: `${COOKIE}=planted; ${COOKIE}=own` });
      assertError(r, 400, 'invalid_request', /^More than one refresh cookie$/);
      const flags = { secure: true, httponly: true, samesite: 'Strict' };
      assert.deepEqual(
        r.cookies.map((c) => [c.name, c.value, c.attributes]),
        [
          [COOKIE, '', { 'max-age': '0', path: '/refresh', ...flags }],
          [COOKIE, '', { 'max-age': '0', domain: 'auth.example.test', path: '/refresh', ...flags }],
          [COOKIE, '', { 'max-age': '0', domain: 'auth.example.test', path: '/', ...flags }],
          [COOKIE, '', { 'max-age': '0', domain: 'example.test', path: '/refresh', ...flags }],
          [COOKIE, '', { 'max-age': '0', domain: 'example.test', path: '/', ...flags }],
        ],
        show(r),
      );
      await waitForLog(proc, from, refusalLog('several-cookies'));
    });

    await t.test('the Worker logged no error', () => {
      // (the line of the refused refresh above is expected)
      assert.doesNotMatch(proc.output, /Uncaught|workers-auth: (?!\/refresh refused \(several-cookies\))/);
    });
  } finally {
    await proc.stop();
  }
});

test('workers-auth: the development key with another kid, members added and reordered is still refused off the local machine (workerd)', { timeout: 180_000 }, async (t) => {
  const dir = exampleFixture();
  const signer = await import(pathToFileURL(path.join(dir, 'jwtlens-sign-node.mjs')).href);
  const dev = devKey();
  const other = signer.generateKeyPair('EdDSA').privateJwk;
  // What a deployment that copied .dev.vars.example and "made it its own" would hold: the
  // committed key under another key's kid, with its members reordered and two added.
  const renamed = { d: dev.d, ext: true, use: 'sig', kid: other.kid, x: dev.x, alg: 'EdDSA', note: 'production', kty: 'OKP', crv: 'Ed25519' };
  const { proc, base } = await startWorker(dir, 'renamed', { SIGNING_JWK: JSON.stringify(renamed), ISSUER: 'https://auth.example.com', AUDIENCE: 'https://api.example.com' });
  try {
    await t.test('on 127.0.0.1 the Worker runs with it: the JWKS publishes the development public key under the new kid', async () => {
      const r = await call(base, 'GET', '/.well-known/jwks.json');
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(r.body, { keys: [{ kty: 'OKP', crv: 'Ed25519', x: dev.x, alg: 'EdDSA', kid: other.kid, use: 'sig' }] });
    });

    await t.test('for auth.example.com: 500 for every route (no token issued, none forged accepted), logged as the development key', async () => {
      const host = 'auth.example.com';
      const from = proc.output.length;
      // a token anyone can sign with the committed key, under the kid the Worker now publishes
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: 'https://auth.example.com', sub: 'alice', aud: 'https://api.example.com', jti: crypto.randomUUID(), iat: now, exp: now + 60, scope: 'profile', sid: crypto.randomUUID() };
      const forged = signer.sign(claims, { ...dev, kid: other.kid }, { alg: 'EdDSA', header: { typ: 'at+jwt' } });
      for (const [method, pathname, headers] of [
        ['GET', '/.well-known/jwks.json', {}],
        ['GET', '/api/me', { authorization: `Bearer ${forged}` }],
        ['POST', '/refresh', { origin: `http://${host}` }],
      ]) {
        const r = await callAsHost(base, host, method, pathname, headers);
        assertError(r, 500, 'server_misconfigured');
        assert.equal(r.cookies.length, 0);
      }
      await waitForLog(proc, from, /SIGNING_JWK is the development-only key .* refused for host auth\.example\.com/);
    });
  } finally {
    await proc.stop();
  }
});
