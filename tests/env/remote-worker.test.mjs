// The example Worker (examples/cloudflare-worker: guard + createRemoteJWKSet) in real workerd
// (`wrangler dev` on 127.0.0.1), with the packed tarball installed as its dependency, against a
// JWKS server this test runs (node:http on 127.0.0.1) and scripts: normal, rotated, down, slow.
// Checks the RFC 6750 answers, key rotation with one refetch, the cooldown, cached keys surviving
// a JWKS outage, and a timeout answer (never a hang) for a slow JWKS server.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ROOT, freePort, npmBin, readBody, startProcess, tamper, tarball, unsecured, waitForHttp, wranglerEnv } from './lib.mjs';

const EXAMPLE = path.join(ROOT, 'examples', 'cloudflare-worker');
const REALM = 'jwtlens-test';
const ISSUER = 'https://issuer.test';
const AUDIENCE = 'api';
const COOLDOWN_MS = 1500;
const TIMEOUT_MS = 1000;
const SLOW_MS = 4000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// What guard.js logs (console.warn) once per isolate when AUDIENCE is unset.
const ANY_AUDIENCE_WARNING = /jwtlens guard: AUDIENCE is not set, so tokens issued for any audience are accepted/;
const count = (text, pattern) => (text.match(new RegExp(pattern.source, 'g')) ?? []).length;

/**
 * A temp copy of the example with the packed tarball installed as its `jwtlens` dependency (the
 * copy's other dependencies, wrangler, come from the tool cache instead of the registry).
 */
let fixtureDir = null;
function exampleFixture() {
  if (fixtureDir !== null) return fixtureDir;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-env-remote-worker-'));
  if (process.env.JWTLENS_KEEP_FIXTURES !== '1') process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  else console.log(`fixture kept in ${dir}`);
  for (const entry of ['wrangler.toml', 'package.json', 'src']) fs.cpSync(path.join(EXAMPLE, entry), path.join(dir, entry), { recursive: true });
  const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  assert.ok(pj.dependencies?.jwtlens, 'the example depends on jwtlens');
  delete pj.dependencies;
  delete pj.devDependencies;
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pj, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball()], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 120_000,
  });
  const installed = path.join(dir, 'node_modules', 'jwtlens');
  const st = fs.lstatSync(installed);
  assert.ok(!st.isSymbolicLink() && st.isDirectory(), `${installed} must be the installed tarball, not a link`);
  assert.match(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies.jwtlens, /\.tgz$/);
  // The same package in this process (Node entry of jwtlens/sign), for signing test tokens.
  fs.writeFileSync(path.join(dir, 'jwtlens-sign-node.mjs'), "export * from 'jwtlens/sign';\n");
  fixtureDir = dir;
  return dir;
}

/** `wrangler dev` of the example with `vars`; returns { proc, base } once it answers. */
async function startWorker(dir, vars) {
  const port = await freePort();
  const inspectorPort = await freePort();
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort), '--show-interactive-dev-session=false'];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const proc = startProcess('wrangler', npmBin('wrangler'), args, { cwd: dir, env: wranglerEnv(dir) });
  return { proc, base: `http://127.0.0.1:${port}/` };
}

/** One request to the Worker: status, headers, parsed body, and how long it took. */
async function call(base, authorization) {
  const headers = authorization === undefined ? {} : { authorization };
  const t0 = Date.now();
  const res = await fetch(base, { headers, signal: AbortSignal.timeout(20_000) });
  const body = await readBody(res);
  return { status: res.status, challenge: res.headers.get('www-authenticate'), retryAfter: res.headers.get('retry-after'), body, ms: Date.now() - t0 };
}

/** The scripted JWKS server: `mode` is 'ok' | 'down' | 'slow'; `jwks` is what 'ok' serves. */
async function startJwksServer() {
  const state = { mode: 'ok', jwks: { keys: [] }, requests: [], sockets: new Set() };
  const srv = http.createServer((req, res) => {
    state.requests.push({ url: req.url, method: req.method, accept: req.headers.accept, at: Date.now(), mode: state.mode });
    if (state.mode === 'down') {
      req.socket.destroy();
      return;
    }
    const send = () => {
      if (res.destroyed) return;
      const body = JSON.stringify(state.jwks);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (state.mode === 'slow') {
      const timer = setTimeout(send, SLOW_MS);
      res.on('close', () => clearTimeout(timer));
    } else send();
  });
  srv.on('connection', (s) => {
    state.sockets.add(s);
    s.on('close', () => state.sockets.delete(s));
  });
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${srv.address().port}/.well-known/jwks.json`;
  state.close = async () => {
    for (const s of state.sockets) s.destroy();
    await new Promise((resolve) => srv.close(resolve));
  };
  return state;
}

function keyPair(type, kid, alg) {
  const options = type === 'rsa' ? { modulusLength: 2048 } : type === 'ec' ? { namedCurve: 'P-256' } : {};
  const { privateKey, publicKey } = crypto.generateKeyPairSync(type, options);
  return {
    kid,
    alg,
    privateJwk: { ...privateKey.export({ format: 'jwk' }), kid },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' },
  };
}

test('workerd: the example bearer-token guard with a remote JWKS', { timeout: 300_000 }, async (t) => {
  const dir = exampleFixture();
  const signer = await import(pathToFileURL(path.join(dir, 'jwtlens-sign-node.mjs')).href);

  const rsa1 = keyPair('rsa', 'rsa-1', 'RS256');
  const rsa2 = keyPair('rsa', 'rsa-2', 'RS256');
  const rsa3 = keyPair('rsa', 'rsa-3', 'RS256');
  const ec1 = keyPair('ec', 'ec-1', 'ES256');
  const ed1 = keyPair('ed25519', 'ed-1', 'EdDSA');
  const attacker = keyPair('rsa', 'rsa-1', 'RS256'); // claims kid rsa-1, but another key

  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'user-42', iss: ISSUER, aud: AUDIENCE, scope: 'read', iat: now, exp: now + 3600 };
  const sign = (kp, extra = {}, payload = claims) => signer.sign(payload, kp.privateJwk, { alg: kp.alg, issuedAt: false, ...extra });
  const tk = {
    rs: sign(rsa1),
    es: sign(ec1),
    ed: sign(ed1),
    rs2: sign(rsa2),
    rs3: sign(rsa3),
    expired: sign(rsa1, {}, { ...claims, iat: now - 7200, exp: now - 3600 }),
    tampered: tamper(sign(ec1)),
    wrongAudience: sign(ed1, {}, { ...claims, aud: 'another-api' }),
    wrongIssuer: sign(rsa1, {}, { ...claims, iss: 'https://evil.test' }),
    forged: sign(attacker),
    none: unsecured(claims),
    hs256: signer.sign(claims, crypto.randomBytes(32), { alg: 'HS256', issuedAt: false }),
    unknownKid: (kid) => sign({ ...ec1, privateJwk: { ...ec1.privateJwk, kid } }),
  };

  const jwks = await startJwksServer();
  try {
    jwks.jwks = { keys: [rsa1.publicJwk, ec1.publicJwk, ed1.publicJwk] };

    const vars = {
      JWKS_URL: jwks.url,
      ISSUER,
      AUDIENCE,
      ALGORITHMS: 'RS256,ES256,EdDSA',
      REALM,
      JWKS_COOLDOWN_MS: String(COOLDOWN_MS),
      JWKS_TIMEOUT_MS: String(TIMEOUT_MS),
    };
    const { proc, base } = await startWorker(dir, vars);
    const bearer = (token) => call(base, `Bearer ${token}`);
    const fetches = () => jwks.requests.length;

    const assertOk = async (token, alg) => {
      const r = await bearer(token);
      assert.equal(r.status, 200, JSON.stringify(r));
      assert.deepEqual(r.body.claims, claims);
      assert.equal(r.body.header.alg, alg);
      return r;
    };
    const assertInvalidToken = async (token, description) => {
      const r = await bearer(token);
      assert.equal(r.status, 401, JSON.stringify(r));
      const m = /^Bearer realm="jwtlens-test", error="invalid_token", error_description="([^"\\]+)"$/.exec(r.challenge ?? '');
      assert.ok(m, `WWW-Authenticate: ${r.challenge}`);
      if (description) assert.match(m[1], description);
      assert.equal(r.body.error, 'invalid_token');
      return r;
    };
    const assertNoCredentials = async (authorization) => {
      const r = await call(base, authorization);
      assert.equal(r.status, 401, JSON.stringify(r));
      assert.equal(r.challenge, `Bearer realm="${REALM}"`);
      assert.equal(r.body.error, undefined);
    };
    const assertBadRequest = async (authorization) => {
      const r = await call(base, authorization);
      assert.equal(r.status, 400, JSON.stringify(r));
      assert.match(r.challenge ?? '', /^Bearer realm="jwtlens-test", error="invalid_request", error_description="[^"]+"$/);
    };

    try {
      const started = Date.now();
      await waitForHttp(base, { timeoutMs: 120_000, proc });
      console.log(`wrangler dev answered after ${Date.now() - started} ms on ${base}`);
      // waitForHttp's probe had no token: no JWKS fetch yet.
      assert.equal(fetches(), 0, 'a request without a token fetches nothing');

      await t.test('valid RS256, ES256 and EdDSA tokens -> 200 with the claims, one JWKS fetch', async () => {
        await assertOk(tk.rs, 'RS256');
        await assertOk(tk.es, 'ES256');
        await assertOk(tk.ed, 'EdDSA');
        assert.equal(fetches(), 1);
        assert.equal(jwks.requests[0].method, 'GET');
        assert.equal(jwks.requests[0].url, '/.well-known/jwks.json');
        assert.match(jwks.requests[0].accept, /application\/jwk-set\+json/);
      });

      await t.test('no credentials -> 401 with a bare Bearer challenge (no error code)', async () => {
        await assertNoCredentials(undefined);
        await assertNoCredentials('Basic dXNlcjpwYXNz');
      });

      await t.test('expired, tampered, wrong audience/issuer, forged, alg none, HS256, not a JWT -> 401 invalid_token', async () => {
        await assertInvalidToken(tk.expired, /expired/);
        await assertInvalidToken(tk.tampered, /signature/);
        await assertInvalidToken(tk.wrongAudience, /aud/);
        await assertInvalidToken(tk.wrongIssuer, /iss/);
        await assertInvalidToken(tk.forged, /signature/);
        await assertInvalidToken(tk.none, /algorithm/);
        await assertInvalidToken(tk.hs256, /algorithm/);
        await assertInvalidToken('not-a-jwt', /malformed/);
        assert.equal(fetches(), 1, 'no refetch for tokens whose kid is known');
      });

      await t.test('malformed Authorization header -> 400 invalid_request', async () => {
        await assertBadRequest('Bearer');
        await assertBadRequest('Bearer ');
        await assertBadRequest(`Bearer ${tk.rs} extra`);
        await assertBadRequest('Bearer tok!en');
        await assertBadRequest(`Bearer ${tk.rs}, Bearer ${tk.es}`);
      });

      await t.test('key rotation: a new kid -> one refetch, then 200', async () => {
        jwks.jwks = { keys: [rsa2.publicJwk, ec1.publicJwk, ed1.publicJwk] };
        await sleep(COOLDOWN_MS + 200);
        const before = fetches();
        const t0 = Date.now();
        await assertOk(tk.rs2, 'RS256');
        assert.equal(fetches(), before + 1);
        await assertOk(tk.rs2, 'RS256');
        await assertOk(tk.ed, 'EdDSA');
        assert.equal(fetches(), before + 1);
        // rsa-1 was rotated out
        await assertInvalidToken(tk.rs, /key/);
        if (Date.now() - t0 < COOLDOWN_MS) assert.equal(fetches(), before + 1, 'within the cooldown: no refetch');
      });

      await t.test('cooldown: bursts of unknown kids cause at most one fetch per cooldown', async () => {
        const burst = async (prefix, n) => {
          const results = await Promise.all(Array.from({ length: n }, (_, i) => bearer(tk.unknownKid(`${prefix}-${i}`))));
          for (const r of results) {
            assert.equal(r.status, 401, JSON.stringify(r));
            assert.match(r.challenge, /error="invalid_token", error_description="No usable key for the token"/);
          }
        };
        const before = fetches();
        const t0 = Date.now();
        await burst('a', 12); // right after the rotation fetch: cooling down
        if (Date.now() - t0 < COOLDOWN_MS - 300) assert.equal(fetches(), before, 'inside the cooldown: no fetch');
        await sleep(COOLDOWN_MS + 200);
        const mid = fetches();
        const tb = Date.now();
        await burst('b', 12);
        assert.equal(fetches(), mid + 1, 'one fetch for the whole burst');
        await burst('c', 6);
        // (on a machine so loaded that the bursts outlast the cooldown, one more fetch is allowed)
        if (Date.now() - tb < COOLDOWN_MS) assert.equal(fetches(), mid + 1, 'and none more within the cooldown');
        assert.ok(fetches() - before <= 1 + Math.floor((Date.now() - t0) / COOLDOWN_MS), 'at most one fetch per cooldown overall');
        await assertOk(tk.es, 'ES256');
      });

      await t.test('JWKS server down after a first fetch: cached keys still verify', async () => {
        jwks.mode = 'down';
        await assertOk(tk.rs2, 'RS256');
        await assertOk(tk.es, 'ES256');
        await assertOk(tk.ed, 'EdDSA');
        // an unknown kid forces a refetch, which fails: 503, and the cached keys survive it
        await sleep(COOLDOWN_MS + 200);
        const before = fetches();
        const r = await bearer(tk.unknownKid('while-down'));
        assert.equal(fetches(), before + 1, 'the refetch was attempted');
        assert.equal(r.status, 503, JSON.stringify(r));
        assert.equal(r.retryAfter, '10');
        assert.equal(r.body.error, 'temporarily_unavailable');
        await assertOk(tk.rs2, 'RS256');
        await assertOk(tk.ed, 'EdDSA');
        await assertInvalidToken(tk.expired);
      });

      await t.test('slow JWKS server: a timeout answer (503) after timeoutDuration, never a hang', async () => {
        jwks.mode = 'slow';
        await sleep(COOLDOWN_MS + 200);
        const before = fetches();
        const r = await bearer(tk.rs3);
        assert.equal(fetches(), before + 1);
        assert.equal(r.status, 503, JSON.stringify(r));
        assert.ok(r.ms >= TIMEOUT_MS - 100 && r.ms < TIMEOUT_MS + 2500, `answered after ${r.ms} ms (timeoutDuration ${TIMEOUT_MS})`);
        const known = await assertOk(tk.es, 'ES256');
        assert.ok(known.ms < TIMEOUT_MS, `a cached key answers at once (${known.ms} ms)`);
      });

      await t.test('the JWKS server recovers: the next new kid is fetched and accepted', async () => {
        jwks.mode = 'ok';
        jwks.jwks = { keys: [rsa2.publicJwk, rsa3.publicJwk, ec1.publicJwk, ed1.publicJwk] };
        await sleep(COOLDOWN_MS + 200);
        const before = fetches();
        await assertOk(tk.rs3, 'RS256');
        assert.equal(fetches(), before + 1);
      });

      await t.test('the Worker logged no uncaught error', () => {
        assert.doesNotMatch(proc.output, /Uncaught|A promise was resolved or rejected from a different request context|hung/i);
      });
    } finally {
      await proc.stop();
    }
  } finally {
    await jwks.close(); // even when wrangler failed to start
  }
});

test('workerd: the example guard with a PUBLIC_KEY secret (PEM); configuration errors are 500s', { timeout: 180_000 }, async (t) => {
  const dir = exampleFixture();
  const signer = await import(pathToFileURL(path.join(dir, 'jwtlens-sign-node.mjs')).href);
  const ec = keyPair('ec', 'ec-pem', 'ES256');
  const other = keyPair('ec', 'ec-pem', 'ES256');
  const pem = crypto.createPublicKey({ key: ec.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'user-7', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600 };
  const sign = (kp, payload = claims) => signer.sign(payload, kp.privateJwk, { alg: 'ES256', issuedAt: false });

  const { proc, base } = await startWorker(dir, { PUBLIC_KEY: pem, ALGORITHMS: 'ES256', ISSUER, AUDIENCE, REALM });
  try {
    await waitForHttp(base, { timeoutMs: 120_000, proc });
    await t.test('valid ES256 token -> 200 with the claims', async () => {
      const r = await call(base, `Bearer ${sign(ec)}`);
      assert.equal(r.status, 200, JSON.stringify(r));
      assert.deepEqual(r.body.claims, claims);
    });
    await t.test('another key, expired, not yet valid, alg none -> 401 invalid_token; no token -> bare 401', async () => {
      for (const [token, description] of [
        [sign(other), /signature/],
        [sign(ec, { ...claims, exp: now - 10 }), /expired/],
        [sign(ec, { ...claims, nbf: now + 3600 }), /not valid yet/],
        [unsecured(claims), /algorithm/],
      ]) {
        const r = await call(base, `Bearer ${token}`);
        assert.equal(r.status, 401, JSON.stringify(r));
        assert.match(r.challenge, /^Bearer realm="jwtlens-test", error="invalid_token", error_description="[^"]+"$/);
        assert.match(r.body.error_description, description);
      }
      const r = await call(base, undefined);
      assert.equal(r.status, 401);
      assert.equal(r.challenge, `Bearer realm="${REALM}"`);
    });
    await t.test('AUDIENCE is set: no warning about accepting any audience', () => {
      assert.equal(count(proc.output, ANY_AUDIENCE_WARNING), 0, proc.output);
    });
  } finally {
    await proc.stop();
  }

  await t.test('configuration errors answer 500 and are logged (guard.js in Node, same package)', async () => {
    const { guard } = await import(pathToFileURL(path.join(dir, 'src', 'guard.js')).href);
    const request = () => new Request('http://127.0.0.1/', { headers: { authorization: `Bearer ${sign(ec)}` } });
    const errors = [];
    const saved = console.error;
    console.error = (...a) => errors.push(a.join(' '));
    try {
      for (const [env, why] of [
        [{}, /ALGORITHMS is required/],
        [{ ALGORITHMS: 'ES256' }, /exactly one of JWKS_URL and PUBLIC_KEY/],
        [{ ALGORITHMS: 'ES256', PUBLIC_KEY: pem, JWKS_URL: 'https://issuer.test/jwks' }, /exactly one/],
        [{ ALGORITHMS: 'none', PUBLIC_KEY: pem }, /"none" is not a JWS algorithm/],
        [{ ALGORITHMS: 'ES256', JWKS_URL: 'http://issuer.test/jwks' }, /must be https/],
        [{ ALGORITHMS: 'ES256', JWKS_URL: 'not a url' }, /not a URL/],
        [{ ALGORITHMS: 'ES256', PUBLIC_KEY: 'just-a-secret' }, /must be a PEM or a JWK/],
        [{ ALGORITHMS: 'ES256', PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }, /cannot be used/],
        [{ ALGORITHMS: 'ES256', JWKS_URL: 'https://issuer.test/jwks', JWKS_TIMEOUT_MS: '-5' }, /JWKS_TIMEOUT_MS/],
      ]) {
        errors.length = 0;
        const res = await guard(request(), env);
        assert.equal(res.status, 500, JSON.stringify(env));
        assert.deepEqual(await res.json(), { error: 'server_misconfigured' });
        assert.match(errors.join('\n'), why);
      }
    } finally {
      console.error = saved;
    }
    // A PEM pasted with literal "\n" sequences, and a JWK in JSON, both work. Neither sets
    // AUDIENCE: the first configuration built warns, the second (same module, so same isolate) not.
    const warnings = [];
    const savedWarn = console.warn;
    console.warn = (...a) => warnings.push(a.join(' '));
    try {
      for (const PUBLIC_KEY of [pem.trim().replaceAll('\n', '\\n'), JSON.stringify(ec.publicJwk)]) {
        const res = await guard(request(), { ALGORITHMS: 'ES256', PUBLIC_KEY });
        assert.ok(!(res instanceof Response), res instanceof Response ? `HTTP ${res.status}` : '');
        assert.equal(res.payload.sub, 'user-7');
      }
    } finally {
      console.warn = savedWarn;
    }
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], ANY_AUDIENCE_WARNING);
  });
});

test('workerd: the example guard without AUDIENCE accepts any audience and says so in its log, once per isolate', { timeout: 180_000 }, async (t) => {
  const dir = exampleFixture();
  const signer = await import(pathToFileURL(path.join(dir, 'jwtlens-sign-node.mjs')).href);
  const ec = keyPair('ec', 'ec-any', 'ES256');
  const pem = crypto.createPublicKey({ key: ec.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const now = Math.floor(Date.now() / 1000);
  const sign = (aud) => signer.sign({ sub: 'user-9', iss: ISSUER, ...(aud === undefined ? {} : { aud }), iat: now, exp: now + 600 }, ec.privateJwk, { alg: 'ES256', issuedAt: false });

  const { proc, base } = await startWorker(dir, { PUBLIC_KEY: pem, ALGORITHMS: 'ES256', ISSUER, REALM });
  try {
    await waitForHttp(base, { timeoutMs: 120_000, proc });
    await t.test('a token for any audience (or none) -> 200: this is what an unset AUDIENCE means', async () => {
      for (const aud of [AUDIENCE, 'another-api', ['x', 'y'], undefined]) {
        const r = await call(base, `Bearer ${sign(aud)}`);
        assert.equal(r.status, 200, JSON.stringify(r));
        assert.equal(r.body.claims.sub, 'user-9');
      }
    });
    await t.test('the Worker warned about it exactly once (console.warn, on the first configuration of the isolate)', async () => {
      const deadline = Date.now() + 10_000;
      while (count(proc.output, ANY_AUDIENCE_WARNING) === 0 && Date.now() < deadline) await sleep(100);
      assert.equal(count(proc.output, ANY_AUDIENCE_WARNING), 1, proc.output);
      // more requests, later: still once
      for (let i = 0; i < 5; i++) assert.equal((await call(base, `Bearer ${sign('another-api')}`)).status, 200);
      await sleep(1000);
      assert.equal(count(proc.output, ANY_AUDIENCE_WARNING), 1, proc.output);
      assert.match(proc.output, /set AUDIENCE to the aud value of this API/);
    });
  } finally {
    await proc.stop();
  }
});
