// Accessibility of the decoder page: axe-core (pinned in scripts/versions.sh, from the tool cache)
// scans the page in the states a person sees: empty, a verified token with warnings, error states,
// dark theme, a 375 px phone, the share dialog, a generated key pair, a private key whose public
// key the page computed (the jwtlens/sign note), a link's large token waiting.
// No serious or critical violation is allowed; every violation found is printed and saved to
// artifacts/page-axe.json.
// axe has to be injected as a script, which the page's CSP forbids: this test alone loads the page
// with bypassCSP, in its own browser context (www.test.mjs checks the page with the CSP in force).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import test from 'node:test';
import { ARTIFACTS, launchBrowser, makeTokens, serveStatic, toolEnv } from './lib.mjs';
import { DEMO_SECRET, DEMO_TOKEN, enter, expectVerified, largeToken, makeSite, signWith, waitReady } from './page-lib.mjs';

function axeSource() {
  const req = createRequire(path.join(toolEnv().JWTLENS_NPM_DIR, 'package.json'));
  let file;
  try {
    file = req.resolve('axe-core/axe.min.js');
  } catch {
    throw new Error('axe-core is missing from the tool cache: run scripts/install-tools.sh (make tools)');
  }
  console.log(`page-axe: axe-core ${req('axe-core/package.json').version}`);
  return fs.readFileSync(file, 'utf8');
}

test('page-axe: no serious or critical accessibility violations (axe-core)', { timeout: 300_000 }, async (t) => {
  const source = axeSource();
  const site = makeSite();
  const { url, proc } = await serveStatic(site);
  const tokens = makeTokens();
  const report = {};
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(url, { waitUntil: 'load' });
    await waitReady(page);
    await page.addScriptTag({ content: source });

    const scan = async (name) => {
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      assert.ok(result.passes.length > 20, `${name}: axe passed only ${result.passes.length} rules: did it run?`);
      console.log(`page-axe ${name}: ${result.passes.length} rules passed, ${result.violations.length} violated, ${result.incomplete.length} need review (${result.incomplete.map((r) => r.id).join(', ')})`);
      const violations = result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 10),
      }));
      report[name] = violations;
      for (const v of violations) console.log(`page-axe ${name}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(', ')}`);
      const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(blocking, [], `${name}: serious or critical violations`);
    };

    await t.test('empty page', () => scan('empty'));

    await t.test('the demo token, verified, with the weak-secret warnings', async () => {
      await enter(page, { token: DEMO_TOKEN, key: DEMO_SECRET });
      await scan('demo-light');
    });

    await t.test('the same in the dark theme', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await scan('demo-dark');
      await page.emulateMedia({ colorScheme: 'light' });
    });

    await t.test('error states: alg none, invalid key, invalid JSON in the editor, claim failure', async () => {
      await enter(page, { token: tokens.none, key: '{"kty":' });
      await page.fill('#edit-payload', '{ "sub": }');
      await scan('errors-light');
      await page.click('#theme');
      await scan('errors-dark');
      await page.click('#theme');
      await enter(page, { token: tokens.hsExpired, key: tokens.secret });
      await page.fill('#opt-issuer', 'https://nobody.example');
      await scan('claims-failed');
      await page.fill('#opt-issuer', '');
    });

    await t.test('every example', async () => {
      const values = await page.$$eval('#examples option', (os) => os.map((o) => o.value).filter(Boolean));
      for (const value of values) {
        await page.selectOption('#examples', value);
        await scan(`example-${value}`);
      }
    });

    await t.test('a generated key pair and a signed token', async () => {
      await page.click('#reset-edit');
      await page.selectOption('#sign-alg', 'ES256');
      await page.click('#generate');
      await page.waitForSelector('#public-key:not([hidden])', { timeout: 30_000 });
      await scan('generated');
    });

    await t.test('a private key whose public key the page computed (the note under the key), light and dark', async () => {
      const ed = crypto.generateKeyPairSync('ed25519');
      const token = signWith('EdDSA', { sub: 'axe', exp: Math.floor(Date.now() / 1000) + 600 }, ed.privateKey);
      await enter(page, { token, key: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }) });
      await expectVerified(page, 'Ed25519 PKCS#8 in the key box');
      assert.equal(await page.isVisible('#key-derived'), true);
      await scan('derived-public-key-light');
      await page.emulateMedia({ colorScheme: 'dark' });
      await scan('derived-public-key-dark');
      await page.emulateMedia({ colorScheme: 'light' });
    });

    await t.test('a 375 px phone, light and dark', async () => {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.selectOption('#examples', 'rs256-pem');
      await scan('phone-light');
      await page.emulateMedia({ colorScheme: 'dark' });
      await scan('phone-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    await t.test('the share dialog', async () => {
      await page.click('#share');
      await scan('share-dialog');
      await page.keyboard.press('Escape');
    });

    await t.test('a large token from a link, waiting for the go-ahead, light and dark', async () => {
      await page.goto('about:blank');
      await page.goto(`${url}#token=${largeToken(64 * 1024, tokens.secret, { sub: 'big' })}`, { waitUntil: 'load' });
      await waitReady(page);
      await page.addScriptTag({ content: source });
      assert.equal(await page.isVisible('#token-offer'), true);
      await scan('link-offer-light');
      await page.emulateMedia({ colorScheme: 'dark' });
      await scan('link-offer-dark');
      await page.emulateMedia({ colorScheme: 'light' });
    });
    await context.close();
  } finally {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'page-axe.json'), `${JSON.stringify(report, null, 2)}\n`);
    await browser.close();
    await proc.stop();
  }
});
