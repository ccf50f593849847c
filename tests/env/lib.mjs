// Shared helpers for the environment tests (tests/env/*.test.mjs). Plain Node, no dependencies
// of its own: the npm tools (wrangler, vite, playwright-core) come from the cached tool directory
// that scripts/install-tools.sh fills, found through scripts/env.sh.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const ARTIFACTS = path.join(ROOT, 'artifacts');

// Servers run in their own process groups and are killed from 'exit' handlers; a signal would
// skip those, so turn SIGTERM/SIGINT/SIGHUP (e.g. from `timeout` in scripts/test.sh) into exit.
for (const [sig, n] of [['SIGTERM', 15], ['SIGINT', 2], ['SIGHUP', 1]]) {
  process.once(sig, () => process.exit(128 + n));
}

// ------------------------------------------------------------------------------------------
// Environment (scripts/env.sh), tools, tarball

let envCache = null;
/** The variables scripts/env.sh sets (taken from process.env when make already sourced it). */
export function toolEnv() {
  if (envCache) return envCache;
  if (process.env.JWTLENS_NPM_DIR && process.env.JWTLENS_TOOLS) {
    envCache = { ...process.env };
  } else {
    const out = execFileSync('bash', ['-c', '. scripts/env.sh && env -0'], { cwd: ROOT, encoding: 'utf8' });
    envCache = Object.fromEntries(
      out.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
  }
  return envCache;
}

/**
 * The environment for wrangler run in the fixture `dir`: the tool cache's variables, nothing sent
 * anywhere (no metrics, no Request.cf download, no banner, whose update check asks the npm
 * registry), and wrangler's config and logs inside the fixture rather than in ~/.config.
 */
export function wranglerEnv(dir) {
  return {
    ...toolEnv(),
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    XDG_CONFIG_HOME: path.join(dir, '.config'),
    WRANGLER_LOG_PATH: path.join(dir, '.wrangler-logs'),
    BROWSER: 'none',
  };
}

/** A response's body: parsed when it is JSON, the text otherwise. */
export async function readBody(res) {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Path of a binary in the cached npm tools (node_modules/.bin/NAME). */
export function npmBin(name) {
  const bin = path.join(toolEnv().JWTLENS_NPM_DIR, 'node_modules', '.bin', name);
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run scripts/install-tools.sh (make tools)`);
  return bin;
}

/** require() a package from the cached npm tools (playwright-core is CommonJS). */
export function requireTool(name) {
  const req = createRequire(path.join(toolEnv().JWTLENS_NPM_DIR, 'package.json'));
  return req(name);
}

/**
 * The packed package: $JWTLENS_TGZ (set by scripts/test.sh), else `npm pack ./pkg` into a temp
 * dir (standalone runs: `node --test tests/env/` after `make pkg`).
 */
export function tarball() {
  const given = process.env.JWTLENS_TGZ ? path.resolve(process.env.JWTLENS_TGZ) : '';
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`JWTLENS_TGZ=${given} does not exist`);
    return given;
  }
  if (!fs.existsSync(path.join(ROOT, 'pkg', 'package.json'))) {
    throw new Error('no JWTLENS_TGZ and no pkg/: run `make pkg` first (or `make test-env`)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-pack-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--loglevel=error', '--pack-destination', dir, './pkg'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return path.join(dir, out.trim().split('\n').pop());
}

/**
 * Copy tests/env/fixtures/NAME (and fixtures/shared/*) into a fresh temp dir and
 * `npm install` the tarball into it, as a user would. Returns the directory; it is removed on
 * exit unless JWTLENS_KEEP_FIXTURES=1.
 */
export function makeFixture(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `jwtlens-env-${name}-`));
  if (process.env.JWTLENS_KEEP_FIXTURES !== '1') {
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  } else {
    console.log(`fixture kept in ${dir}`);
  }
  fs.cpSync(path.join(HERE, 'fixtures', name), dir, { recursive: true });
  const shared = path.join(HERE, 'fixtures', 'shared');
  if (fs.existsSync(shared)) fs.cpSync(shared, dir, { recursive: true });
  const tgz = tarball();
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tgz], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 120_000,
  });
  const installed = path.join(dir, 'node_modules', 'jwtlens');
  const st = fs.lstatSync(installed);
  if (st.isSymbolicLink() || !st.isDirectory()) {
    throw new Error(`${installed} is not a real directory (the tarball must be installed, not linked)`);
  }
  return dir;
}

// ------------------------------------------------------------------------------------------
// Processes and ports

/** A free TCP port on 127.0.0.1 (the kernel picks it; tiny race until the server binds). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start a long-running process in its own process group; its output is kept (and echoed with
 * a prefix when JWTLENS_ENV_VERBOSE=1). stop() kills the whole group (SIGTERM, then SIGKILL).
 */
export function startProcess(label, cmd, args, options = {}) {
  const child = spawn(cmd, args, {
    ...options,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk) => {
    const text = chunk.toString();
    output += text;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (process.env.JWTLENS_ENV_VERBOSE === '1') {
      for (const line of text.split('\n')) if (line) console.log(`[${label}] ${line}`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = false;
  const exitedPromise = new Promise((resolve) => child.on('exit', (code, sig) => { exited = true; resolve({ code, sig }); }));
  const kill = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  // Never leave a server behind, whatever happens to this test process.
  process.on('exit', () => kill('SIGKILL'));
  return {
    child,
    get output() {
      return output;
    },
    get exited() {
      return exited;
    },
    async stop() {
      if (exited) return;
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 5000);
      await exitedPromise;
      clearTimeout(timer);
      kill('SIGKILL'); // stray grandchildren (workerd) in the same group
    },
  };
}

/** Poll url until it answers at all (any status) or timeoutMs passes. */
export async function waitForHttp(url, { timeoutMs = 60_000, proc } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (proc?.exited) throw new Error(`server exited before ${url} answered:\n${proc.output}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last?.cause?.code ?? last?.message})${proc ? `\n${proc.output}` : ''}`);
}

/** Start scripts/serve.mjs on a free port; returns { url, proc }. */
export async function serveStatic(root, { csp = true } = {}) {
  const port = await freePort();
  const args = [path.join(ROOT, 'scripts', 'serve.mjs'), '--root', root, '--port', String(port)];
  if (!csp) args.push('--no-csp');
  const proc = startProcess('serve', process.execPath, args, { cwd: root });
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, { timeoutMs: 15_000, proc });
  return { url, proc };
}

// ------------------------------------------------------------------------------------------
// Browser

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Launch the system Chromium through playwright-core (never a downloaded browser). */
export async function launchBrowser() {
  const { chromium } = requireTool('playwright-core');
  const executablePath = toolEnv().JWTLENS_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: run scripts/install-tools.sh`);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/**
 * Open url in a new page, recording requests, responses, console messages and page errors.
 * Returns { page, requests, responses, consoleMessages, pageErrors, close }.
 */
export async function openPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const requests = [];
  const responses = [];
  const consoleMessages = [];
  const pageErrors = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
  page.on('response', (r) => responses.push({ url: r.url(), status: r.status(), contentType: r.headers()['content-type'] ?? '' }));
  page.on('requestfailed', (r) => consoleMessages.push({ type: 'requestfailed', text: `${r.url()} ${r.failure()?.errorText}` }));
  page.on('console', (m) => consoleMessages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => pageErrors.push(String(e?.stack ?? e)));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, responses, consoleMessages, pageErrors, close: () => context.close() };
}

/**
 * Wait until the page has had no request in flight for 500 ms: before counting what a load
 * requested, and before a navigation the test makes itself (reload, goto). Chromium fetches the
 * favicon after `load`, and a navigation that interrupts it records `net::ERR_ABORTED` as a failed
 * request, which is the test's doing, not the page's.
 */
export async function settle(page) {
  await page.waitForLoadState('networkidle');
}

/** No console error or warning, no failed request and no uncaught error on a page from openPage(). */
export function assertQuietConsole(view) {
  const bad = view.consoleMessages.filter((m) => m.type === 'error' || m.type === 'requestfailed' || m.type === 'warning');
  assert.deepEqual(bad, []);
  assert.deepEqual(view.pageErrors, []);
}

/** Every request went to `origin` (no network use beyond the page's own server). */
export function foreignRequests(requests, origin) {
  return requests.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('data:'));
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// ------------------------------------------------------------------------------------------
// Tokens, made with node:crypto (independent of jwtlens/sign, which the fixtures check themselves)

const b64u = (x) => Buffer.from(x).toString('base64url');

function assemble(header, payload) {
  return `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
}

export function signHS256(payload, secret, extraHeader = {}) {
  const input = assemble({ alg: 'HS256', typ: 'JWT', ...extraHeader }, payload);
  return `${input}.${b64u(crypto.createHmac('sha256', secret).update(input).digest())}`;
}

export function signES256(payload, privateKey, extraHeader = {}) {
  const input = assemble({ alg: 'ES256', typ: 'JWT', ...extraHeader }, payload);
  const sig = crypto.sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64u(sig)}`;
}

/** An unsecured token: alg "none", empty signature. */
export function unsecured(payload) {
  return `${assemble({ alg: 'none', typ: 'JWT' }, payload)}.`;
}

/** Flip one bit of the signature (the token stays well-formed). */
export function tamper(token) {
  const [h, p, s] = token.split('.');
  const sig = Buffer.from(s, 'base64url');
  sig[0] ^= 1;
  return `${h}.${p}.${b64u(sig)}`;
}

/** A fresh set of keys and tokens for one test run. */
export function makeTokens() {
  const now = Math.floor(Date.now() / 1000);
  const secret = crypto.randomBytes(32).toString('hex'); // 64 UTF-8 bytes >= 32 for HS256
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig', kid: 'env-es256' };
  const claims = { sub: 'user-42', name: 'Ada <b>Lovelace</b>', iat: now, exp: now + 600 };
  const hs = signHS256(claims, secret);
  const es = signES256(claims, privateKey, { kid: 'env-es256' });
  return {
    now,
    secret,
    publicJwk,
    claims,
    hs,
    es,
    hsTampered: tamper(hs),
    hsWrongSecret: signHS256(claims, crypto.randomBytes(32).toString('hex')),
    hsExpired: signHS256({ ...claims, iat: now - 7200, exp: now - 3600 }, secret),
    esExpired: signES256({ ...claims, iat: now - 7200, exp: now - 3600 }, privateKey, { kid: 'env-es256' }),
    none: unsecured(claims),
    garbage: 'not-a-token',
  };
}

// ------------------------------------------------------------------------------------------
// Browser fixtures (fixtures/shared/checks.js)

/** Write tokens.js (the fixture's test data module) into a fixture directory. */
export function writeTokensModule(dir, tokens) {
  fs.writeFileSync(path.join(dir, 'tokens.js'), `export default ${JSON.stringify(tokens, null, 2)};\n`);
}

/** What fixtures/shared/checks.js must report for tokens from makeTokens(). */
export function expectedChecks(tokens) {
  return {
    decodeAlg: 'HS256',
    decodeSub: tokens.claims.sub,
    decodeName: tokens.claims.name,
    hs256: tokens.claims.sub,
    es256: tokens.claims.sub,
    tampered: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    expired: 'ERR_JWT_EXPIRED',
    none: 'ERR_JOSE_ALG_NOT_ALLOWED',
    invalid: 'ERR_JWT_INVALID',
    recovery: expectedRecovery(tokens),
  };
}

/** What recoveryChecks() in fixtures/shared/checks.js reports: each trap kind recovered from. */
export function expectedRecovery(tokens) {
  const cause = ['RuntimeError', 'RuntimeError', 'RuntimeError', 'RangeError'];
  return [0, 1, 2, 3].map((kind) => ({
    kind,
    trap: `ERR_JWTLENS_INTERNAL ${cause[kind]}`,
    counted: 1,
    stale: 'TypeError: import it again',
    verify: tokens.claims.sub,
    decode: tokens.claims.sub,
    inspect: 'JWS',
    sign: 'after',
  }));
}

/** What signChecks() in fixtures/shared/checks.js reports (`lite`: also the jwtlens/lite stubs). */
export function expectedSignChecks(tokens, { lite = false } = {}) {
  const stubs = ['sign', 'generateKeyPair', 'generateSecret', 'toPem'].map((name) => `TypeError: ${name} names jwtlens/sign`);
  const sub = tokens.claims.sub;
  return {
    sameJwtError: true,
    es256: { header: 'ES256 JWT kid of the key', publicHasD: false, jwk: sub, spki: sub, lifetime: 300 },
    ed25519: { alg: 'Ed25519 Ed25519 Ed25519', verified: sub, asEdDSA: 'ERR_JOSE_ALG_NOT_ALLOWED' },
    publicJwk: {
      pem: '-----BEGIN PRIVATE KEY-----',
      refused: 'ERR_JWK_INVALID',
      refusalNamesPublicJwk: true,
      sameX: true,
      hasD: false,
      verified: sub,
      ofPrivateJwk: true,
    },
    hs256: {
      secretBytes: 32,
      verified: [1, 2],
      otherSecret: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      signJws: [0, 1, 2, 255],
      signJwsText: 'héllo',
    },
    misuse: { freed: 'TypeError: freed', none: 'TypeError: alg none', signingKeyToVerify: 'TypeError: SigningKey', keyToSign: 'TypeError: Key' },
    stubs,
    ...(lite ? { liteStubs: stubs } : {}),
  };
}

/** What signRecoveryChecks() reports: each trap kind of the jwtlens/sign wasm recovered from. */
export function expectedSignRecovery() {
  const cause = ['RuntimeError', 'RuntimeError', 'RuntimeError', 'RangeError'];
  return [0, 1, 2, 3].map((kind) => ({
    kind,
    trap: `ERR_JWTLENS_INTERNAL ${cause[kind]}`,
    counted: 1,
    stale: 'TypeError: import it again',
    sign: 'after',
    generated: 'EC',
  }));
}

/**
 * Load a fixture page in Chromium and check it: #out equals `expected`, the wasm came as
 * application/wasm from the page's own server, no other host was contacted, no console error,
 * no page error. Saves artifacts/env-NAME.png and prints the requests.
 */
export async function checkFixturePage(t, { name, url, expected, wasmFiles = 1 }) {
  const browser = await launchBrowser();
  try {
    const view = await openPage(browser, url);
    const { page } = view;
    try {
      await page.waitForSelector('body[data-done]', { timeout: 30_000 });
    } catch (e) {
      await screenshot(page, `env-${name}-timeout.png`).catch(() => {});
      throw new Error(`${name}: the page never finished: ${e.message}\nconsole: ${JSON.stringify(view.consoleMessages)}\nerrors: ${view.pageErrors.join('\n')}`);
    }
    const shot = await screenshot(page, `env-${name}.png`);
    const text = await page.textContent('#out');
    const origin = new URL(url).origin;
    for (const r of view.requests) console.log(`${name} request: ${r.method} ${r.url} (${r.type})`);
    console.log(`${name} screenshot: ${path.relative(ROOT, shot)}`);

    await t.test(`${name}: #out shows the expected decode/verify results`, () => {
      let got;
      try {
        got = JSON.parse(text);
      } catch {
        assert.fail(`#out is not JSON: ${text}`);
      }
      assert.deepEqual(got, expected);
    });
    await t.test(`${name}: the wasm is fetched from the page's server as application/wasm`, () => {
      // Once per build the page loads: the instances replaced after the traps of recoveryChecks()
      // come from the module already compiled, with no second fetch.
      const wasm = view.responses.filter((r) => r.url.endsWith('.wasm'));
      assert.equal(wasm.length, wasmFiles, `wasm responses: ${JSON.stringify(wasm)}`);
      for (const w of wasm) {
        assert.equal(w.status, 200);
        assert.match(w.contentType, /^application\/wasm/);
        assert.ok(w.url.startsWith(origin));
      }
      assert.equal(new Set(wasm.map((w) => w.url)).size, wasmFiles);
    });
    await t.test(`${name}: no request leaves the page's server`, () => {
      assert.deepEqual(foreignRequests(view.requests, origin), []);
    });
    await t.test(`${name}: no console errors, failed requests or page errors`, () => assertQuietConsole(view));
    await view.close();
  } finally {
    await browser.close();
  }
}
