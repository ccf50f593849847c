// plain page: the packed tarball installed next to a page whose <script type="module"> imports
// ./node_modules/jwtlens/browser.js by relative path (no bundler, no import map), served by a
// plain static server, checked in headless Chromium. The page also calls init() twice.
import test from 'node:test';
import { checkFixturePage, expectedChecks, expectedRecovery, makeFixture, makeTokens, serveStatic, writeTokensModule } from './lib.mjs';

test('plain page: a module script imports the installed package by relative path', { timeout: 180_000 }, async (t) => {
  const dir = makeFixture('plain');
  const tokens = makeTokens();
  writeTokensModule(dir, tokens);
  // No CSP here: a plain static host (the www test covers the page under its CSP).
  const { url, proc } = await serveStatic(dir, { csp: false });
  try {
    await checkFixturePage(t, { name: 'plain', url, expected: { ...expectedChecks(tokens), initTwice: 'ok', liteRecovery: expectedRecovery(tokens) }, wasmFiles: 2 });
  } finally {
    await proc.stop();
  }
});
