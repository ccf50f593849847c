// plain page: the packed tarball installed next to a page whose <script type="module"> imports
// ./node_modules/jwtlens/browser.js, lite/browser.js and sign/web-entry.js by relative path (no
// bundler, no import map), served by a plain static server, checked in headless Chromium. The
// page calls init() twice, and jwtlens/sign's init() (after checking it is needed) twice too;
// it generates keys and signs with jwtlens/sign, verifying with jwtlens and jwtlens/lite.
import test from 'node:test';
import {
  checkFixturePage, expectedChecks, expectedRecovery, expectedSignChecks, expectedSignRecovery, makeFixture, makeTokens, serveStatic,
  writeTokensModule,
} from './lib.mjs';

test('plain page: a module script imports the installed package by relative path', { timeout: 180_000 }, async (t) => {
  const dir = makeFixture('plain');
  const tokens = makeTokens();
  writeTokensModule(dir, tokens);
  // No CSP here: a plain static host (the www test covers the page under its CSP).
  const { url, proc } = await serveStatic(dir, { csp: false });
  try {
    const expected = {
      ...expectedChecks(tokens),
      initTwice: 'ok',
      liteRecovery: expectedRecovery(tokens),
      signBeforeInit: 'TypeError: call await init()',
      sign: expectedSignChecks(tokens, { lite: true }),
      liteVerifiesSigned: tokens.claims.sub,
      signRecovery: expectedSignRecovery(),
    };
    // Three wasm: jwtlens, jwtlens/lite and jwtlens/sign, each fetched once.
    await checkFixturePage(t, { name: 'plain', url, expected, wasmFiles: 3 });
  } finally {
    await proc.stop();
  }
});
