#!/usr/bin/env node
// Sizes, as a user downloads them:
//   1. every .wasm and JS glue file of pkg/ (and pkg/lite/ when built): raw, gzip -9, brotli -q 11;
//   2. per entry and runtime (the files an import of 'jwtlens', 'jwtlens/lite' or 'jwtlens/sign' loads,
//      found by following the relative imports from the package.json exports): wasm + glue;
//   3. the npm tarball (`npm pack ./pkg`);
//   4. what a Vite production build adds: the SPA fixture of tests/env/fixtures/vite built with and
//      without its jwtlens import, and a one-line SPA that decodes a token with jwtlens,
//      jwtlens/lite or jwt-decode, next to the same SPA with no library;
//   5. jwt-decode's own file, for comparison.
//   node bench/size.mjs [--json FILE] [--no-vite]
// vite is the one in the tool cache (scripts/env.sh, scripts/install-tools.sh).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { BENCH, ROOT, ensureInstalled, hasLite } from './setup.mjs';
import { makeTokens, npmBin, toolEnv, writeTokensModule } from '../tests/env/lib.mjs';
import { closure } from '../tests/size/closure.mjs';

const JSON_OUT = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : path.join(ROOT, 'artifacts', 'bench-size.json');
const VITE = !process.argv.includes('--no-vite');
const KiB = 1024;
const TARGET_FULL = 120 * KiB;
const TARGET_LITE = 40 * KiB;

const tgz = ensureInstalled();
const PKG = path.join(BENCH, 'node_modules', 'jwtlens'); // the installed tarball: exactly what users get
const lite = hasLite();

function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const ZERO = { raw: 0, gzip: 0, brotli: 0 };
const kib = (n) => (n / KiB).toFixed(1);
const row = (label, s, extra = '') => `| ${label} | ${kib(s.raw)} | ${kib(s.gzip)} | ${kib(s.brotli)} |${extra}`;

// ---- 1. files -----------------------------------------------------------------------------------------
const files = [];
for (const dir of ['', 'lite', 'sign']) {
  const abs = path.join(PKG, dir);
  if (!fs.existsSync(abs)) continue;
  for (const f of fs.readdirSync(abs).sort()) {
    if (!/\.(wasm|js)$/.test(f)) continue;
    files.push({ file: path.posix.join(dir, f), ...sizes(fs.readFileSync(path.join(abs, f))) });
  }
}

// ---- 2. per entry and runtime --------------------------------------------------------------------------
const pj = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
const entries = [];
for (const [spec, conds] of Object.entries(pj.exports)) {
  if (spec !== '.' && spec !== './lite' && spec !== './sign') continue;
  for (const cond of ['browser', 'node', 'workerd']) {
    const members = closure(PKG, conds[cond]);
    const total = members.reduce((acc, m) => add(acc, files.find((x) => x.file === m.split(path.sep).join('/')) ?? sizes(fs.readFileSync(path.join(PKG, m)))), ZERO);
    const wasm = members.filter((m) => m.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `${spec} ${cond} loads one wasm: ${members.join(', ')}`);
    entries.push({ entry: spec === '.' ? 'jwtlens' : `jwtlens/${spec.slice(2)}`, runtime: cond, members, total });
  }
}

// ---- 5. jwt-decode --------------------------------------------------------------------------------------
const jwtDecodeFile = path.join(BENCH, 'node_modules', 'jwt-decode', 'build', 'esm', 'index.js');
const jwtDecodeVersion = JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', 'jwt-decode', 'package.json'), 'utf8')).version;
const jwtDecode = sizes(fs.readFileSync(jwtDecodeFile));

// ---- 4. Vite --------------------------------------------------------------------------------------------
function viteBuild(label, setup) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `jwtlens-size-${label.replace(/\W+/g, '-')}-`));
  try {
    fs.cpSync(path.join(ROOT, 'tests', 'env', 'fixtures', 'vite'), dir, { recursive: true });
    fs.cpSync(path.join(ROOT, 'tests', 'env', 'fixtures', 'shared'), dir, { recursive: true });
    writeTokensModule(dir, tokens);
    // the installed libraries (jwtlens from the tarball), without another npm install
    fs.symlinkSync(path.join(BENCH, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    setup(dir);
    execFileSync(npmBin('vite'), ['build', '--logLevel', 'error'], { cwd: dir, env: { ...toolEnv(), CI: 'true' }, stdio: 'pipe', timeout: 180_000 });
    const out = path.join(dir, 'dist');
    const list = [];
    const walk = (d) => {
      for (const f of fs.readdirSync(d)) {
        const p = path.join(d, f);
        if (fs.statSync(p).isDirectory()) walk(p);
        else list.push({ file: path.relative(out, p), ...sizes(fs.readFileSync(p)) });
      }
    };
    walk(out);
    const pick = (re) => list.filter((f) => re.test(f.file)).reduce(add, ZERO);
    return { label, files: list, total: list.reduce(add, ZERO), js: pick(/\.js$/), wasm: pick(/\.wasm$/) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const tokens = VITE ? makeTokens() : null;
const vite = [];
if (VITE) {
  const main = (dir) => path.join(dir, 'main.js');
  const fixtureImport = "import * as jwtlens from 'jwtlens';";
  const fixtureSignImport = "import * as signer from 'jwtlens/sign';";
  vite.push(viteBuild('fixture, as in tests/env (jwtlens and jwtlens/sign)', () => {}));
  vite.push(
    viteBuild('fixture without the jwtlens imports', (dir) => {
      const src = fs.readFileSync(main(dir), 'utf8');
      assert.ok(src.includes(fixtureImport) && src.includes(fixtureSignImport), 'the fixture imports jwtlens and jwtlens/sign as expected');
      fs.writeFileSync(main(dir), src.replace(fixtureImport, 'const jwtlens = {};').replace(fixtureSignImport, 'const signer = {};'));
    }),
  );
  // The one-line SPA: read the stored token's claims.
  const spa = (importLine, expr) => (dir) =>
    fs.writeFileSync(
      main(dir),
      `${importLine}\nconst token = localStorage.getItem('access_token') ?? '';\ndocument.querySelector('#out').textContent = token ? String(${expr}) : 'no token';\n`,
    );
  vite.push(viteBuild('decode-only SPA, no library (baseline)', spa('', 'token.length')));
  vite.push(viteBuild("decode-only SPA, import { decode } from 'jwtlens'", spa("import { decode } from 'jwtlens';", 'decode(token).payload.sub')));
  if (lite) vite.push(viteBuild("decode-only SPA, import { decode } from 'jwtlens/lite'", spa("import { decode } from 'jwtlens/lite';", 'decode(token).payload.sub')));
  vite.push(viteBuild("decode-only SPA, import { jwtDecode } from 'jwt-decode'", spa("import { jwtDecode } from 'jwt-decode';", 'jwtDecode(token).sub')));
  vite.push(viteBuild("verifying SPA, import { verify } from 'jwtlens'", spa("import { verify } from 'jwtlens';", "(() => { try { return verify(token, 'a-secret-of-at-least-thirty-two-bytes', { algorithms: ['HS256'] }).payload.sub; } catch (e) { return e.code; } })()")));
}

// ---- report ---------------------------------------------------------------------------------------------
console.log(`\nsizes in KiB (1024 bytes); gzip -9, brotli quality 11 (node:zlib). Package: ${path.relative(ROOT, tgz.file)}${lite ? '' : ' (jwtlens/lite: not built)'}\n`);
console.log('| file | raw | gzip | brotli |\n| --- | ---: | ---: | ---: |');
for (const f of files) console.log(row(f.file, f));
console.log(`\n| what an import loads (wasm + JS glue) | raw | gzip | brotli | target (brotli) |\n| --- | ---: | ---: | ---: | --- |`);
const verdicts = [];
for (const e of entries) {
  // jwtlens/sign has no budget (issue 19: "no larger than at the split; report it")
  const target = e.entry === 'jwtlens' ? TARGET_FULL : e.entry === 'jwtlens/lite' ? TARGET_LITE : null;
  const met = target === null ? null : e.total.brotli <= target;
  verdicts.push({ entry: e.entry, runtime: e.runtime, brotli: e.total.brotli, target, met });
  console.log(row(`${e.entry} (${e.runtime}: ${e.members.join(' + ')})`, e.total, target === null ? ' reported |' : ` ≤ ${target / KiB} KiB: ${met ? 'met' : 'missed'} |`));
}
if (!lite) console.log('| jwtlens/lite | not built | | | ≤ 40 KiB |');
console.log(`\n| npm tarball (npm pack ./pkg) | ${kib(tgz.bytes)} KiB |\n| --- | ---: |`);
console.log(`\n| jwt-decode ${jwtDecodeVersion} (build/esm/index.js) | raw | gzip | brotli |\n| --- | ---: | ---: | ---: |`);
console.log(row('jwt-decode', jwtDecode));
if (vite.length) {
  const base = (label) => vite.find((v) => v.label === label);
  const vs = {
    'fixture, as in tests/env (jwtlens and jwtlens/sign)': base('fixture without the jwtlens imports'),
  };
  const spaBase = base('decode-only SPA, no library (baseline)');
  console.log('\nVite production build (vite from the tool cache), everything in dist/: total, and what the library adds over the same app without it\n');
  console.log('| build | total raw | total gzip | total brotli | JS brotli | wasm brotli | added raw | added gzip | added brotli |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const v of vite) {
    const b = vs[v.label] ?? (/^(decode-only|verifying) SPA, import/.test(v.label) ? spaBase : null);
    const d = b ? ` ${kib(v.total.raw - b.total.raw)} | ${kib(v.total.gzip - b.total.gzip)} | ${kib(v.total.brotli - b.total.brotli)} |` : ' — | — | — |';
    console.log(`| ${v.label} | ${kib(v.total.raw)} | ${kib(v.total.gzip)} | ${kib(v.total.brotli)} | ${kib(v.js.brotli)} | ${kib(v.wasm.brotli)} |${d}`);
  }
}

fs.mkdirSync(path.dirname(JSON_OUT), { recursive: true });
fs.writeFileSync(JSON_OUT, JSON.stringify({ date: new Date().toISOString(), tarball: tgz.bytes, lite, files, entries, verdicts, jwtDecode: { version: jwtDecodeVersion, ...jwtDecode }, vite }, null, 2));
console.log(`\nfull results: ${path.relative(process.cwd(), JSON_OUT)}`);
