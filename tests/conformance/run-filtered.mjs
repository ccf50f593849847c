#!/usr/bin/env node
// Runs the vendored conformance runner (run.mjs, unchanged) with the cases of functions that are
// not built yet left out, by `fn` name. Everything that remains must pass.
//
//   node tests/conformance/run-filtered.mjs --pkg <pkg dir | checkout | jwtlens-x.y.z.tgz> [run.mjs options]
//
// Any run.mjs option passes through (--category, --json, --show, --timeout, --min-pass ...).
// --cases FILE filters FILE instead of the sample. The filtered case file is written to a
// temporary directory and removed afterwards; the exit status is run.mjs's.
//
// When a function lands, delete its line from NOT_YET_BUILT.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// fn name → why its cases are left out for now
const NOT_YET_BUILT = new Map([]);

const args = process.argv.slice(2);
let casesFile = path.join(HERE, 'cases-sample.json');
const passThrough = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--cases') {
    if (i + 1 >= args.length) {
      console.error('run-filtered.mjs: --cases needs a value');
      process.exit(2);
    }
    casesFile = path.resolve(args[++i]);
  } else passThrough.push(args[i]);
}

const all = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
const kept = all.filter((c) => !NOT_YET_BUILT.has(c.fn));
const excluded = new Map();
for (const c of all) if (NOT_YET_BUILT.has(c.fn)) excluded.set(c.fn, (excluded.get(c.fn) ?? 0) + 1);

console.log(`run-filtered: ${all.length} cases in ${path.relative(process.cwd(), casesFile) || casesFile}; running ${kept.length}, excluding ${all.length - kept.length}:`);
for (const [fn, why] of NOT_YET_BUILT) console.log(`  ${String(excluded.get(fn) ?? 0).padStart(4)}  fn=${fn.padEnd(16)} ${why}`);

// run.mjs refuses a --category with no cases; say so here rather than let it look like a failure.
const catIndex = passThrough.indexOf('--category');
if (catIndex >= 0 && passThrough[catIndex + 1]) {
  const wanted = passThrough[catIndex + 1].split(',').filter(Boolean);
  const empty = wanted.filter((cat) => !kept.some((c) => c.category === cat));
  if (empty.length) {
    console.error(`run-filtered: no runnable cases left in categories ${empty.join(',')} (all excluded above)`);
    process.exit(2);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-conformance-filtered-'));
const filtered = path.join(dir, 'cases-filtered.json');
fs.writeFileSync(filtered, JSON.stringify(kept));
let status = 2;
try {
  const r = spawnSync(process.execPath, [path.join(HERE, 'run.mjs'), '--cases', filtered, ...passThrough], { stdio: 'inherit' });
  status = r.status ?? 2;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
