#!/usr/bin/env node
// Benchmark in real workerd (wrangler dev on 127.0.0.1), not a test:
//   1. verify ops/s inside one Worker for HS256, RS256, PS256, ES256, ES384, EdDSA with jwtlens
//      and jose, prepared (jwtlens: a Key from importKey, synchronous verify; jose: a CryptoKey
//      imported once, jwtVerify awaited per operation) and cold (the PEM or the secret passed on
//      every call; jose: importSPKI per call); libraries interleaved round by round, medians over
//      the rounds, ratio jwtlens/jose. Every cell first checks that it returns the right claims
//      and rejects a tampered token;
//   1b. first verify after start: fresh `wrangler dev` starts of the bench Worker; as soon as
//      wrangler says "Ready", one request that does importKey + verify of one token (the algorithm
//      rotates per start): time from "Ready" to its answer, measured outside, and the importKey +
//      verify time and the module evaluation time (jwtlens' wasm instantiated, jose loaded)
//      measured inside workerd;
//   2. cold start: time from spawning `wrangler dev` to the first answered request of the
//      example Worker (examples/cloudflare-worker, PUBLIC_KEY mode so no JWKS server is involved;
//      that first request verifies a token), next to a dependency-free baseline Worker;
//   3. bundle size: `wrangler deploy --dry-run --outdir` of the example Worker and of the bench
//      Worker, raw and gzip, against the Workers script size limits.
//
//   node bench/workers/run.mjs [--rounds 11] [--warmup 2] [--batch-ms 150] [--starts 5] [--first-starts 6] [--json FILE]
//
// The package: $JWTLENS_TGZ, else `npm pack ./pkg` (run `make pkg` first). jose comes from the npm
// registry at the exact version tests/js pins. wrangler comes from the tool cache
// (scripts/install-tools.sh). Only 127.0.0.1 is contacted at run time.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, npmBin, startProcess, tarball, waitForHttp, wranglerEnv } from '../../tests/env/lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
process.setMaxListeners(100); // every wrangler start adds an exit handler (tests/env/lib.mjs)
const ROOT = path.resolve(HERE, '..', '..');
const ALGS = ['HS256', 'RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'];
// "key": jwtlens's verify(token, Key, options) against jose's prepared way (HS256 only; issue 20
// reports it beside createVerifier, which is jwtlens's prepared way).
const MODES = ['prepared', 'key', 'cold'];
const KEY_MODE_ALGS = ['HS256'];
const LIBS = ['jwtlens', 'jose'];
// Workers script size limits (developers.cloudflare.com/workers/platform/limits/#worker-size):
// 3 MB (Free) and 10 MB (Paid) after gzip, as documented through 2025-2026; newer revisions of that
// page state a single 64 MiB uncompressed limit on every plan instead. Both are checked.
const LIMITS = { freeGzip: 3 * 1024 * 1024, paidGzip: 10 * 1024 * 1024, uncompressed: 64 * 1024 * 1024 };

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  return typeof fallback === 'number' ? Number(v) : v;
}
const ROUNDS = option('rounds', 11);
const WARMUP = option('warmup', 2);
const BATCH_MS = option('batch-ms', 150);
const STARTS = option('starts', 5);
const FIRST_STARTS = option('first-starts', ALGS.length);
const JSON_OUT = option('json', path.join(ROOT, 'artifacts', 'bench-workers.json'));
assert.ok(ROUNDS >= 11, '--rounds must be at least 11');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const fmt = (n) => Math.round(n).toLocaleString('en-US');


/** A temp copy of `source` (only `entries`) with `packages` installed from npm / the tarball. */
function installCopy(label, source, entries, packages, { stripDependencies = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `jwtlens-bench-${label}-`));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  for (const e of entries) fs.cpSync(path.join(source, e), path.join(dir, e), { recursive: true });
  if (stripDependencies) {
    const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    delete pj.dependencies;
    delete pj.devDependencies;
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pj, null, 2));
  }
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...packages], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 180_000,
  });
  const installed = path.join(dir, 'node_modules', 'jwtlens');
  assert.ok(!fs.lstatSync(installed).isSymbolicLink(), 'jwtlens must be installed from the tarball');
  return dir;
}

/** `wrangler deploy --dry-run --outdir dist`: files, raw and gzip totals, and wrangler's own figure. */
function bundleSize(dir) {
  const out = execFileSync(npmBin('wrangler'), ['deploy', '--dry-run', '--outdir', 'dist'], {
    cwd: dir,
    env: wranglerEnv(dir),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  const dist = path.join(dir, 'dist');
  const files = fs.readdirSync(dist).filter((f) => /\.(m?js|wasm)$/.test(f));
  let raw = 0;
  let gzip = 0;
  const parts = [];
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(dist, f));
    const gz = zlib.gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += gz;
    parts.push({ file: f, raw: bytes.length, gzip: gz });
  }
  const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(out);
  return { files: parts, raw, gzip, wrangler: m ? { rawKiB: Number(m[1]), gzipKiB: Number(m[2]) } : null };
}

// ---- keys and tokens ------------------------------------------------------------------------------

// No library may win by caching (issue 18), as in bench/compare.mjs: every cell draws its tokens
// from a pool of POOL distinct tokens (their `jti` differs), and a cold cell rotates COLD_KEYS
// distinct keys (cold token i is signed by key i % COLD_KEYS, and that key's material is passed).
const POOL = 256;
const COLD_KEYS = 16;

function makeCases(jose) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'user-42', iss: 'https://issuer.example', aud: 'api', name: 'bench', iat: now, exp: now + 86400 };
  const tamper = (t) => {
    const [h, p, s] = t.split('.');
    const sig = Buffer.from(s, 'base64url');
    sig[0] ^= 1;
    return `${h}.${p}.${sig.toString('base64url')}`;
  };
  const generate = (alg) => {
    if (alg === 'HS256') return null;
    if (alg === 'RS256' || alg === 'PS256') return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    if (alg === 'EdDSA') return crypto.generateKeyPairSync('ed25519');
    return crypto.generateKeyPairSync('ec', { namedCurve: alg === 'ES256' ? 'P-256' : 'P-384' });
  };
  const material = (alg) => {
    if (alg === 'HS256') {
      const secret = crypto.randomBytes(32);
      return { sign: new Uint8Array(secret), key: { kty: 'oct', k: secret.toString('base64url') } };
    }
    const pair = generate(alg);
    return {
      sign: pair.privateKey,
      key: pair.publicKey.export({ format: 'jwk' }),
      pem: pair.publicKey.export({ type: 'spki', format: 'pem' }),
    };
  };
  const sign = (alg, m, c) => new jose.SignJWT(c).setProtectedHeader({ alg, typ: 'JWT' }).sign(m.sign);
  return Promise.all(
    ALGS.map(async (alg) => {
      const keys = Array.from({ length: COLD_KEYS }, () => material(alg));
      const preparedPool = [];
      const coldPool = [];
      for (let i = 0; i < POOL; i++) {
        const c = { ...claims, jti: `t-${i}` };
        preparedPool.push(await sign(alg, keys[0], c));
        coldPool.push(await sign(alg, keys[i % COLD_KEYS], c));
      }
      const token = await sign(alg, keys[0], claims);
      return [
        alg,
        {
          // the first key and a token without jti: the first-verify runs and the example Worker
          key: keys[0].key,
          pem: keys[0].pem,
          token,
          tampered: tamper(token),
          claims,
          // the throughput cells
          keys: keys.map((k) => ({ key: k.key, pem: k.pem })),
          preparedPool,
          coldPool,
        },
      ];
    }),
  ).then(Object.fromEntries);
}

// ---- workerd sessions -------------------------------------------------------------------------------

async function startWrangler(dir, vars = {}) {
  const port = await freePort();
  const inspectorPort = await freePort();
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort), '--show-interactive-dev-session=false'];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const spawnedAt = performance.now();
  const proc = startProcess('wrangler', npmBin('wrangler'), args, { cwd: dir, env: wranglerEnv(dir) });
  return { proc, base: `http://127.0.0.1:${port}/`, spawnedAt };
}

async function post(base, pathname, body) {
  const res = await fetch(new URL(pathname, base), {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(120_000),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${pathname}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * One start: spawn `wrangler dev` → first answer. `check(status, body)` validates that first
 * answer (the example Worker must give 200 + the claims on its very first request).
 */
async function coldStart(label, dir, vars, headers, check) {
  const { proc, base, spawnedAt } = await startWrangler(dir, vars);
  try {
    let first = null;
    const deadline = performance.now() + 120_000;
    while (first === null && performance.now() < deadline) {
      if (proc.exited) throw new Error(`wrangler exited:\n${proc.output}`);
      try {
        const res = await fetch(base, { headers, signal: AbortSignal.timeout(10_000) });
        first = { ms: performance.now() - spawnedAt, status: res.status, body: await res.text() };
      } catch {
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    assert.ok(first, `${label} never answered`);
    check(first.status, first.body);
    const t = performance.now();
    await (await fetch(base, { headers })).arrayBuffer();
    const run = { firstResponseMs: first.ms, nextRequestMs: performance.now() - t };
    console.log(`cold start ${label}: first answer after ${run.firstResponseMs.toFixed(0)} ms (next request ${run.nextRequestMs.toFixed(1)} ms)`);
    return run;
  } finally {
    await proc.stop();
  }
}

/** A Worker with no dependency at all: the cold start wrangler and workerd need by themselves. */
function baselineWorker() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-bench-baseline-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'wrangler.toml'), 'name = "baseline"\nmain = "src/index.js"\ncompatibility_date = "2026-04-01"\n');
  fs.writeFileSync(path.join(dir, 'src', 'index.js'), "export default { fetch() { return new Response('ok'); } };\n");
  return dir;
}

async function throughput(benchDir, cases) {
  const { proc, base } = await startWrangler(benchDir);
  try {
    await waitForHttp(base, { timeoutMs: 120_000, proc });
    const { checks } = await post(base, '/setup', { cases });
    assert.ok(Object.keys(checks).length === ALGS.length, 'every algorithm was set up');
    for (const [alg, c] of Object.entries(checks)) {
      for (const [name, ok] of Object.entries(c)) assert.equal(ok, true, `${alg}: check ${name} failed`);
    }
    console.log(`every cell checked: right claims, tampered token rejected (${Object.keys(checks).join(', ')} x ${LIBS.join(', ')} x ${MODES.join(', ')})`);
    const cells = MODES.flatMap((mode) => (mode === 'key' ? KEY_MODE_ALGS : ALGS).map((alg) => ({ alg, mode })));
    const key = (c, lib) => `${c.alg}/${c.mode}/${lib}`;
    // Calibrate each cell to about BATCH_MS per batch.
    const ops = {};
    for (const c of cells) {
      for (const lib of LIBS) {
        let n = 20;
        let r = await post(base, '/run', { ...c, lib, ops: n });
        while (r.ms < 20 && n < 1e7) {
          n *= 4;
          r = await post(base, '/run', { ...c, lib, ops: n });
        }
        ops[key(c, lib)] = Math.max(10, Math.round((r.opsPerSec * BATCH_MS) / 1000));
      }
    }
    const samples = Object.fromEntries(Object.keys(ops).map((k) => [k, []]));
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const order = round % 2 === 0 ? LIBS : [...LIBS].reverse();
      for (const c of cells) {
        for (const lib of order) {
          const r = await post(base, '/run', { ...c, lib, ops: ops[key(c, lib)] });
          assert.ok(r.ms > 0, 'the clock did not advance during a timed batch (frozen timers?)');
          if (round >= WARMUP) samples[key(c, lib)].push(r.opsPerSec);
        }
      }
      process.stdout.write(round < WARMUP ? 'w' : '.');
    }
    process.stdout.write('\n');
    const rows = cells.map((c) => {
      const j = samples[key(c, 'jwtlens')];
      const o = samples[key(c, 'jose')];
      return {
        alg: c.alg,
        mode: c.mode,
        jwtlens: { median: median(j), min: Math.min(...j), max: Math.max(...j), batch: ops[key(c, 'jwtlens')] },
        jose: { median: median(o), min: Math.min(...o), max: Math.max(...o), batch: ops[key(c, 'jose')] },
        ratio: median(j) / median(o),
      };
    });
    return rows;
  } finally {
    await proc.stop();
  }
}

/**
 * Tier-up in workerd: a fresh `wrangler dev` (a fresh isolate, the wasm never run), /setup (which
 * runs each cell 4 times to check it), then per algorithm CURVE_BATCHES back-to-back batches of
 * about CURVE_MS of jwtlens prepared verify: ops/s per batch. No V8 flag is set: what a
 * production Worker gets. The throughput cells above run after calibration and WARMUP rounds;
 * this shows whether that is enough to reach the top tier, and how long a new isolate runs slower.
 */
const CURVE_ALGS = ['ES256', 'RS256', 'EdDSA', 'HS256'];
const CURVE_BATCHES = 40;
const CURVE_MS = 25;
async function tierCurve(benchDir, cases) {
  const { proc, base } = await startWrangler(benchDir);
  try {
    await waitForHttp(base, { timeoutMs: 120_000, proc });
    await post(base, '/setup', { cases });
    const out = {};
    for (const alg of CURVE_ALGS) {
      out[alg] = await post(base, '/curve', { alg, lib: 'jwtlens', mode: 'prepared', batches: CURVE_BATCHES, ms: CURVE_MS });
    }
    return out;
  } finally {
    await proc.stop();
  }
}

/**
 * First verify after start: a fresh `wrangler dev`; the moment it prints "Ready", one request
 * that imports a key and verifies one token (algorithm `first`), then one more request with the
 * other algorithms. Outside: "Ready" → answer of that first request, and the same request again
 * (HTTP round trip through wrangler's proxy with everything warm). Inside: module evaluation
 * (jwtlens' wasm instantiated, jose loaded) and each importKey + verify.
 */
async function untilReady(proc) {
  const deadline = performance.now() + 120_000;
  while (!/Ready on http/.test(proc.output)) {
    if (proc.exited) throw new Error(`wrangler exited:\n${proc.output}`);
    if (performance.now() > deadline) throw new Error(`wrangler never said Ready:\n${proc.output}`);
    await new Promise((r) => setTimeout(r, 2));
  }
  return performance.now();
}

/** The same "Ready" → first answer for the dependency-free baseline Worker (wrangler's own share). */
async function firstAnswerBaseline(dir) {
  const { proc, base } = await startWrangler(dir);
  try {
    const ready = await untilReady(proc);
    for (;;) {
      try {
        const res = await fetch(base, { signal: AbortSignal.timeout(30_000) });
        assert.equal(await res.text(), 'ok');
        break;
      } catch (e) {
        if (performance.now() - ready > 30_000) throw e;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const ms = performance.now() - ready;
    console.log(`first answer (baseline Worker): Ready → answer ${ms.toFixed(1)} ms`);
    return ms;
  } finally {
    await proc.stop();
  }
}

/** What /first needs of a case (not the pools: the first request stays small). */
const firstCase = ({ key, token, claims }) => ({ key, token, claims });

async function firstVerify(benchDir, allCases, first) {
  const cases = Object.fromEntries(Object.entries(allCases).map(([alg, c]) => [alg, firstCase(c)]));
  const { proc, base } = await startWrangler(benchDir);
  try {
    const ready = await untilReady(proc);
    let firstAnswer = null;
    for (;;) {
      try {
        firstAnswer = await post(base, '/first', { cases: { [first]: cases[first] }, order: [first] });
        break;
      } catch (e) {
        if (performance.now() - ready > 30_000) throw e;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const firstMs = performance.now() - ready;
    const t = performance.now();
    await post(base, '/first', { cases: { [first]: cases[first] }, order: [first] });
    const againMs = performance.now() - t;
    const rest = ALGS.filter((a) => a !== first);
    const more = await post(base, '/first', { cases, order: rest });
    const run = { first, firstMs, againMs, moduleReadyMs: firstAnswer.moduleReadyMs, inside: [...firstAnswer.verifies, ...more.verifies] };
    console.log(`first verify (${first}): Ready → answer ${firstMs.toFixed(1)} ms (same request warm: ${againMs.toFixed(1)} ms); inside: module ${run.moduleReadyMs.toFixed(1)} ms, importKey+verify ${firstAnswer.verifies[0].ms.toFixed(2)} ms`);
    return run;
  } finally {
    await proc.stop();
  }
}

// ---- main -----------------------------------------------------------------------------------------

const joseVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'js', 'package.json'), 'utf8')).devDependencies.jose;
assert.match(joseVersion, /^\d+\.\d+\.\d+$/, 'tests/js pins jose to an exact version');
const tgz = tarball();
const wranglerVersion = execFileSync(npmBin('wrangler'), ['--version'], { encoding: 'utf8', env: wranglerEnv(os.tmpdir()) }).trim();
console.log(`package: ${tgz}\njose: ${joseVersion} (npm registry)\nwrangler: ${wranglerVersion}\nnode: ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`);

const benchDir = installCopy('worker', path.join(HERE, 'worker'), ['wrangler.toml', 'package.json', 'src'], [tgz, `jose@${joseVersion}`]);
const exampleDir = installCopy('example', path.join(ROOT, 'examples', 'cloudflare-worker'), ['wrangler.toml', 'package.json', 'src'], [tgz], { stripDependencies: true });
fs.writeFileSync(path.join(benchDir, 'jose-node.mjs'), "export * from 'jose';\n");
const jose = await import(pathToFileURL(path.join(benchDir, 'jose-node.mjs')).href);
const cases = await makeCases(jose);

const sizes = { example: bundleSize(exampleDir), bench: bundleSize(benchDir) };
const es = cases.ES256;
const exampleVars = { PUBLIC_KEY: JSON.stringify(es.key), ALGORITHMS: 'ES256', ISSUER: es.claims.iss, AUDIENCE: es.claims.aud };
const starts = { baseline: [], example: [] };
const baselineDir = baselineWorker();
for (let i = 0; i < STARTS; i++) {
  // alternate which goes first, so that neither always meets a colder machine
  const pair = [
    async () => starts.baseline.push(await coldStart('baseline', baselineDir, {}, {}, (status, body) => assert.equal(body, 'ok'))),
    async () =>
      starts.example.push(
        await coldStart('example', exampleDir, exampleVars, { authorization: `Bearer ${es.token}` }, (status, body) => {
          assert.equal(status, 200, body);
          assert.deepEqual(JSON.parse(body).claims, es.claims);
        }),
      ),
  ];
  if (i % 2) pair.reverse();
  for (const f of pair) await f();
}
const results = await throughput(benchDir, cases);
const curves = await tierCurve(benchDir, cases);
const firsts = [];
const baselineFirsts = [];
for (let i = 0; i < FIRST_STARTS; i++) {
  // alternate which goes first, as for the cold starts
  const pair = [
    async () => firsts.push(await firstVerify(benchDir, cases, ALGS[i % ALGS.length])),
    async () => baselineFirsts.push(await firstAnswerBaseline(baselineDir)),
  ];
  if (i % 2) pair.reverse();
  for (const f of pair) await f();
}

// ---- report ---------------------------------------------------------------------------------------
console.log(`\nverify ops/s inside workerd (wrangler dev), median of ${ROUNDS} interleaved rounds (${WARMUP} warm-up rounds dropped), ~${BATCH_MS} ms batches; every cell cycles through ${POOL} distinct tokens, cold cells through ${COLD_KEYS} keys\n`);
console.log('| cell | jwtlens ops/s (min–max) | jose ops/s (min–max) | jwtlens/jose |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.alg} ${r.mode === 'cold' ? `cold (${r.alg === 'HS256' ? 'secret' : 'PEM'} every call)` : r.mode === 'key' ? 'verify(token, Key, options)' : 'prepared (createVerifier)'} | ${fmt(r.jwtlens.median)} (${fmt(r.jwtlens.min)}–${fmt(r.jwtlens.max)}) | ${fmt(r.jose.median)} (${fmt(r.jose.min)}–${fmt(r.jose.max)}) | ${r.ratio.toFixed(2)}× |`);
}
console.log(`\ntier-up in a fresh isolate: jwtlens prepared verify, ${CURVE_BATCHES} back-to-back batches of ~${CURVE_MS} ms from the first call on (ops/s)\n`);
console.log('| alg | batch 1 | batch 2 | batch 5 | batch 10 | batches 31-40 (median) | time to 90 % of that |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [alg, batches] of Object.entries(curves)) {
  const rate = batches.map((b) => b.opsPerSec ?? 0);
  const top = median(rate.slice(-10));
  let elapsed = 0;
  let reached = null;
  for (const b of batches) {
    if (reached === null && (b.opsPerSec ?? 0) >= 0.9 * top) reached = elapsed;
    elapsed += b.ms;
  }
  console.log(`| ${alg} | ${fmt(rate[0])} | ${fmt(rate[1])} | ${fmt(rate[4])} | ${fmt(rate[9])} | ${fmt(top)} | ${reached === null ? '?' : `${Math.round(reached)} ms`} |`);
}
const fm = (xs) => median(xs).toFixed(1);
console.log(`\nfirst verify after a fresh start (${FIRST_STARTS} starts, the algorithm of the first request rotating: ${firsts.map((f) => f.first).join(', ')})\n`);
console.log('| measure | median (each start) |\n| --- | ---: |');
console.log(`| "Ready" → answer of the first request (importKey + one verify), outside | ${fm(firsts.map((f) => f.firstMs))} ms (${firsts.map((f) => f.firstMs.toFixed(0)).join(', ')}) |`);
console.log(`| the same request again, warm (HTTP round trip through wrangler) | ${fm(firsts.map((f) => f.againMs))} ms |`);
console.log(`| baseline Worker without dependencies: "Ready" → first answer, outside | ${fm(baselineFirsts)} ms (${baselineFirsts.map((m) => m.toFixed(0)).join(', ')}) |`);
console.log(
  firsts.every((f) => f.moduleReadyMs === 0)
    ? '| module evaluation inside workerd (jwtlens instantiated + jose) | not measurable: performance.now() does not advance during start-up in workerd (reads 0) |'
    : `| module evaluation inside workerd (jwtlens instantiated + jose) | ${fm(firsts.map((f) => f.moduleReadyMs))} ms |`,
);
console.log("| (workerd's performance.now() inside the Worker has 1 ms granularity) | |");
console.log(`| first importKey + verify in the fresh isolate, inside | ${median(firsts.map((f) => f.inside[0].ms)).toFixed(2)} ms (${firsts.map((f) => `${f.first} ${f.inside[0].ms.toFixed(1)}`).join(', ')}) |`);
for (const alg of ALGS) {
  const later = firsts.flatMap((f) => f.inside.filter((v, i) => i > 0 && v.alg === alg).map((v) => v.ms));
  if (later.length) console.log(`| ${alg} importKey + verify, first of its algorithm but not of the isolate, inside | ${median(later).toFixed(2)} ms |`);
}
const startMedian = (runs) => median(runs.map((r) => r.firstResponseMs));
const startList = (runs) => runs.map((r) => r.firstResponseMs.toFixed(0)).join(', ');
const med = (runs, k) => median(runs.map((r) => r[k]));
console.log('\n| cold start (wrangler dev, median of ' + STARTS + ') | spawn → first answer (each run) | next request |');
console.log('| --- | ---: | ---: |');
for (const [name, label] of [['example', 'example Worker (first request verifies an ES256 token → 200)'], ['baseline', 'baseline Worker without dependencies']]) {
  const runs = starts[name];
  console.log(`| ${label} | ${med(runs, 'firstResponseMs').toFixed(0)} ms (${runs.map((r) => r.firstResponseMs.toFixed(0)).join(', ')}) | ${med(runs, 'nextRequestMs').toFixed(1)} ms |`);
}
console.log('\n| bundle (wrangler deploy --dry-run) | raw | gzip -9 | wrangler "gzip" | of 3 MB (Free, gzip) | of 10 MB (Paid, gzip) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, s] of Object.entries(sizes)) {
  const label = name === 'example' ? 'example Worker (jwtlens)' : 'bench Worker (jwtlens + jose)';
  const w = s.wrangler ? `${s.wrangler.gzipKiB} KiB` : '?';
  console.log(`| ${label} | ${kib(s.raw)} | ${kib(s.gzip)} | ${w} | ${((100 * s.gzip) / LIMITS.freeGzip).toFixed(1)} % | ${((100 * s.gzip) / LIMITS.paidGzip).toFixed(1)} % |`);
}
for (const f of sizes.example.files) console.log(`  example ${f.file}: ${kib(f.raw)} raw, ${kib(f.gzip)} gzip`);
console.log(`(newer Cloudflare docs state one 64 MiB uncompressed limit on all plans: the example uses ${((100 * sizes.example.raw) / LIMITS.uncompressed).toFixed(2)} % of it)`);

fs.mkdirSync(path.dirname(JSON_OUT), { recursive: true });
fs.writeFileSync(
  JSON_OUT,
  JSON.stringify({ date: new Date().toISOString(), node: process.version, wrangler: wranglerVersion, jose: joseVersion, pool: POOL, coldKeys: COLD_KEYS, rounds: ROUNDS, warmup: WARMUP, batchMs: BATCH_MS, results, tierCurves: curves, firstVerify: firsts, baselineFirstAnswerMs: baselineFirsts, coldStarts: starts, sizes, limits: LIMITS }, null, 2),
);
console.log(`\nfull results: ${path.relative(process.cwd(), JSON_OUT)}`);
