// vite: the packed tarball installed into a small SPA that imports 'jwtlens' and 'jwtlens/sign'
// (generating keys and signing in the page, verifying there), `vite build` (Vite 8), `vite
// preview`, and headless Chromium (playwright-core driving /usr/bin/chromium) reading #out.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import {
  checkFixturePage, expectedChecks, expectedSignChecks, freePort, makeFixture, makeTokens, npmBin, startProcess, toolEnv,
  waitForHttp, writeTokensModule,
} from './lib.mjs';

test('vite: a Vite production build uses jwtlens and jwtlens/sign with bare imports and no init', { timeout: 240_000 }, async (t) => {
  const dir = makeFixture('vite');
  const tokens = makeTokens();
  writeTokensModule(dir, tokens);
  const env = { ...toolEnv(), CI: 'true' };

  await t.test('vite build emits both wasm (jwtlens, jwtlens/sign) as assets', () => {
    try {
      execFileSync(npmBin('vite'), ['build', '--logLevel', 'warn'], { cwd: dir, env, stdio: 'pipe', timeout: 120_000 });
    } catch (e) {
      assert.fail(`vite build failed:\n${e.stdout}\n${e.stderr}`);
    }
    const assets = fs.readdirSync(path.join(dir, 'dist', 'assets'));
    const wasm = assets.filter((f) => f.endsWith('.wasm'));
    assert.equal(wasm.length, 2, `assets: ${assets.join(', ')}`);
    const sizes = wasm.map((f) => fs.statSync(path.join(dir, 'dist', 'assets', f)).size);
    const packaged = ['jwtlens_bg.wasm', 'sign/jwtlens_bg.wasm'].map((f) => fs.statSync(path.join(dir, 'node_modules', 'jwtlens', f)).size);
    assert.deepEqual([...sizes].sort((a, b) => a - b), [...packaged].sort((a, b) => a - b), 'the two assets are the two wasm of the package, unchanged');
    console.log(`vite assets: ${assets.map((f) => `${f} (${fs.statSync(path.join(dir, 'dist', 'assets', f)).size} B)`).join(', ')}`);
  });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const proc = startProcess('vite preview', npmBin('vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: dir,
    env,
  });
  try {
    await waitForHttp(url, { timeoutMs: 30_000, proc });
    await checkFixturePage(t, { name: 'vite', url, expected: { ...expectedChecks(tokens), sign: expectedSignChecks(tokens) }, wasmFiles: 2 });
  } finally {
    await proc.stop();
  }
});
