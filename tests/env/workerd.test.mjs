// workerd: the packed tarball installed into a Worker fixture, bundled and run by `wrangler dev`
// (wrangler 4.86.0 on Node 20), answering bearer-token requests sent with fetch. The Worker also
// imports jwtlens/sign: it generates keys and signs there (checked there with jwtlens, and here
// with node:crypto), and each of its three wasm recovers from traps within the isolate.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import {
  expectedRecovery, expectedSignChecks, expectedSignRecovery, freePort, makeFixture, makeTokens, npmBin, readBody, startProcess, waitForHttp,
  wranglerEnv,
} from './lib.mjs';

/** Checks a compact JWS with node:crypto alone (no jwtlens): the signature, then the parts. */
function nodeVerify(token, alg, key) {
  const [h, p, s] = token.split('.');
  const input = Buffer.from(`${h}.${p}`);
  const sig = Buffer.from(s, 'base64url');
  let ok;
  if (alg === 'HS256') ok = crypto.timingSafeEqual(crypto.createHmac('sha256', key).update(input).digest(), sig);
  else if (alg === 'ES256') ok = crypto.verify('sha256', input, { key: crypto.createPublicKey({ key, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, sig);
  else if (alg === 'Ed25519') ok = crypto.verify(null, input, crypto.createPublicKey({ key, format: 'jwk' }), sig);
  else throw new Error(`nodeVerify: ${alg}`);
  assert.ok(ok, `${alg}: node:crypto does not verify the signature`);
  return { header: JSON.parse(Buffer.from(h, 'base64url')), payload: JSON.parse(Buffer.from(p, 'base64url')) };
}

test('workerd: wrangler dev runs a Worker that verifies tokens with jwtlens and signs with jwtlens/sign (no init)', { timeout: 240_000 }, async (t) => {
  const dir = makeFixture('worker');
  const tokens = makeTokens();
  fs.writeFileSync(
    path.join(dir, '.dev.vars'),
    `HS_SECRET=${tokens.secret}\nPUBLIC_JWK='${JSON.stringify(tokens.publicJwk)}'\n`,
  );
  const env = wranglerEnv(dir);

  await t.test('wrangler deploy --dry-run bundles the three wasm (jwtlens, lite, sign) as modules', () => {
    execFileSync(npmBin('wrangler'), ['deploy', '--dry-run', '--outdir', 'dist'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    const files = fs.readdirSync(path.join(dir, 'dist'));
    const wasm = files.filter((f) => f.endsWith('.wasm'));
    const digest = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const bundled = wasm.map((f) => digest(path.join(dir, 'dist', f))).sort();
    const packaged = ['jwtlens_bg.wasm', 'lite/jwtlens_bg.wasm', 'sign/jwtlens_bg.wasm'].map((f) => digest(path.join(dir, 'node_modules', 'jwtlens', f))).sort();
    assert.deepEqual(bundled, packaged, `the bundle's wasm are not the package's three: ${files.join(', ')}`);
    const js = files.filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(dir, 'dist', f), 'utf8')).join('\n');
    assert.ok(!/node:fs|readFileSync/.test(js), 'the Worker bundle picked the Node entry');
  });

  const port = await freePort();
  const inspectorPort = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  const proc = startProcess(
    'wrangler',
    npmBin('wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort), '--show-interactive-dev-session=false'],
    { cwd: dir, env },
  );
  try {
    const started = Date.now();
    await waitForHttp(base, { timeoutMs: 120_000, proc });
    console.log(`wrangler dev answered after ${Date.now() - started} ms on ${base}`);

    const call = async (token) => {
      const headers = token === undefined ? {} : { authorization: `Bearer ${token}` };
      const res = await fetch(base, { headers, signal: AbortSignal.timeout(15_000) });
      return { status: res.status, body: await readBody(res) };
    };

    const ok = async (name, token, alg) => {
      await t.test(name, async () => {
        const { status, body } = await call(token);
        assert.equal(status, 200, JSON.stringify(body));
        assert.equal(body.alg, alg);
        assert.deepEqual(body.claims, tokens.claims);
      });
    };
    const rejected = async (name, token, code) => {
      await t.test(name, async () => {
        const { status, body } = await call(token);
        assert.equal(status, 401, `expected 401 ${code}, got ${status} ${JSON.stringify(body)}`);
        assert.deepEqual(body, { error: code });
      });
    };

    await ok('valid HS256 token -> 200 + claims', tokens.hs, 'HS256');
    await ok('valid ES256 token (public JWK) -> 200 + claims', tokens.es, 'ES256');
    await rejected('missing Authorization -> 401', undefined, 'missing_token');
    await rejected('tampered HS256 signature -> 401', tokens.hsTampered, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    await rejected('HS256 signed with another secret -> 401', tokens.hsWrongSecret, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    await rejected('expired HS256 -> 401 ERR_JWT_EXPIRED', tokens.hsExpired, 'ERR_JWT_EXPIRED');
    await rejected('expired ES256 -> 401 ERR_JWT_EXPIRED', tokens.esExpired, 'ERR_JWT_EXPIRED');
    await rejected('alg none -> 401 ERR_JOSE_ALG_NOT_ALLOWED', tokens.none, 'ERR_JOSE_ALG_NOT_ALLOWED');
    await rejected('not a token -> 401 ERR_JWT_INVALID', tokens.garbage, 'ERR_JWT_INVALID');

    await t.test('jwtlens/sign in workerd: keys generated and tokens signed there verify there with jwtlens', async () => {
      const res = await fetch(new URL(`/sign?sub=${tokens.claims.sub}`, base), { signal: AbortSignal.timeout(30_000) });
      const body = await readBody(res);
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.deepEqual(body, expectedSignChecks(tokens, { lite: true }));
    });

    await t.test('tokens signed in workerd (ES256, Ed25519 with keys made there; HS256) verify with node:crypto', async () => {
      const res = await fetch(new URL('/issue?sub=issued-in-workerd', base), { signal: AbortSignal.timeout(30_000) });
      const body = await readBody(res);
      assert.equal(res.status, 200, JSON.stringify(body));
      const checks = [
        ['ES256', body.ES256.token, body.ES256.publicJwk],
        ['Ed25519', body.Ed25519.token, body.Ed25519.publicJwk],
        ['HS256', body.HS256.token, tokens.secret],
      ];
      for (const [alg, token, key] of checks) {
        const { header, payload } = nodeVerify(token, alg, key);
        assert.equal(header.alg, alg);
        assert.equal(payload.sub, 'issued-in-workerd');
        assert.equal(payload.exp - payload.iat, 600, alg);
        assert.ok(Math.abs(payload.iat - Date.now() / 1000) < 120, `${alg}: iat ${payload.iat}`);
        if (alg !== 'HS256') {
          assert.equal(key.d, undefined, `${alg}: the public JWK has no private part`);
          assert.equal(header.kid, key.kid, `${alg}: the header names the generated key`);
        }
      }
      // And the Worker's own verifier takes the HS256 one.
      const { status, body: verified } = await call(body.HS256.token);
      assert.equal(status, 200, JSON.stringify(verified));
      assert.equal(verified.claims.sub, 'issued-in-workerd');
    });

    await t.test('a trap in any of the three entries is ERR_JWTLENS_INTERNAL, and the isolate goes on (issue 15)', async () => {
      const res = await fetch(new URL('/recovery', base), { headers: { authorization: `Bearer ${tokens.hs}` }, signal: AbortSignal.timeout(30_000) });
      const body = await readBody(res);
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.deepEqual(body, { full: expectedRecovery(tokens), lite: expectedRecovery(tokens), sign: expectedSignRecovery() });
    });

    await t.test('the Worker is still healthy after the failures (no trap)', async () => {
      const { status } = await call(tokens.hs);
      assert.equal(status, 200);
    });
  } finally {
    await proc.stop();
  }
});
