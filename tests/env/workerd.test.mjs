// workerd: the packed tarball installed into a Worker fixture, bundled and run by `wrangler dev`
// (wrangler 4.86.0 on Node 20), answering bearer-token requests sent with fetch.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { expectedRecovery, freePort, makeFixture, makeTokens, npmBin, readBody, startProcess, waitForHttp, wranglerEnv } from './lib.mjs';

test('workerd: wrangler dev runs a Worker that verifies tokens with jwtlens (no init)', { timeout: 240_000 }, async (t) => {
  const dir = makeFixture('worker');
  const tokens = makeTokens();
  fs.writeFileSync(
    path.join(dir, '.dev.vars'),
    `HS_SECRET=${tokens.secret}\nPUBLIC_JWK='${JSON.stringify(tokens.publicJwk)}'\n`,
  );
  const env = wranglerEnv(dir);

  await t.test('wrangler deploy --dry-run bundles the wasm as a module', () => {
    execFileSync(npmBin('wrangler'), ['deploy', '--dry-run', '--outdir', 'dist'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    const files = fs.readdirSync(path.join(dir, 'dist'));
    assert.ok(files.some((f) => f.endsWith('.wasm')), `no .wasm in the bundle: ${files.join(', ')}`);
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

    await t.test('a trap in either entry is ERR_JWTLENS_INTERNAL, and the isolate goes on verifying (issue 15)', async () => {
      const res = await fetch(new URL('/recovery', base), { headers: { authorization: `Bearer ${tokens.hs}` }, signal: AbortSignal.timeout(30_000) });
      const body = await readBody(res);
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.deepEqual(body, { full: expectedRecovery(tokens), lite: expectedRecovery(tokens) });
    });

    await t.test('the Worker is still healthy after the failures (no trap)', async () => {
      const { status } = await call(tokens.hs);
      assert.equal(status, 200);
    });
  } finally {
    await proc.stop();
  }
});
