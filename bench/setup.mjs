// Shared set-up of bench/compare.mjs and bench/size.mjs: the comparison libraries at the exact
// versions bench/package.json pins (npm ci), and jwtlens as a user gets it: `npm pack ./pkg`, the
// tarball installed into bench/node_modules with --no-save (package.json and the lock file only
// list the other libraries). Reinstalled only when the tarball changed. Run `make pkg` first.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BENCH = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH, '..');
const SCRATCH = path.join(ROOT, 'target', 'bench'); // target/ is the clone's ignored scratch
const STAMP = path.join(BENCH, 'node_modules', '.jwtlens-tarball.sha256');

const npm = (args, cwd = BENCH) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 300_000,
  });

/** The pinned versions (bench/package.json), checked to be exact. */
export function pinned() {
  const deps = JSON.parse(fs.readFileSync(path.join(BENCH, 'package.json'), 'utf8')).dependencies;
  for (const [name, v] of Object.entries(deps)) assert.match(v, /^\d+\.\d+\.\d+$/, `${name} must be pinned to an exact version`);
  return deps;
}

function installedVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** `npm pack ./pkg` into target/bench; returns { file, bytes, sha256 }. */
export function pack() {
  assert.ok(fs.existsSync(path.join(ROOT, 'pkg', 'package.json')), 'no pkg/: run `make pkg` first');
  fs.rmSync(SCRATCH, { recursive: true, force: true });
  fs.mkdirSync(SCRATCH, { recursive: true });
  const out = npm(['pack', '--pack-destination', SCRATCH, './pkg'], ROOT);
  const file = path.join(SCRATCH, out.trim().split('\n').pop());
  const bytes = fs.readFileSync(file);
  return { file, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Makes bench/node_modules hold the pinned libraries and the current jwtlens tarball.
 * Returns the tarball's { file, bytes, sha256 }.
 */
export function ensureInstalled({ quiet = false } = {}) {
  const deps = pinned();
  const stale = Object.entries(deps).filter(([name, v]) => installedVersion(name) !== v);
  if (stale.length) {
    if (!quiet) console.error(`bench: npm ci (${stale.map(([n, v]) => `${n}@${v}`).join(', ')})`);
    const lock = fs.existsSync(path.join(BENCH, 'package-lock.json'));
    npm(lock ? ['ci'] : ['install']);
    fs.rmSync(STAMP, { force: true }); // npm ci removed the jwtlens copy
  }
  const tgz = pack();
  const have = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : '';
  if (have !== tgz.sha256 || !fs.existsSync(path.join(BENCH, 'node_modules', 'jwtlens', 'package.json'))) {
    if (!quiet) console.error(`bench: npm install --no-save ${path.relative(ROOT, tgz.file)}`);
    npm(['install', '--no-save', tgz.file]);
    const installed = path.join(BENCH, 'node_modules', 'jwtlens');
    assert.ok(!fs.lstatSync(installed).isSymbolicLink(), 'jwtlens must be installed from the tarball, not linked');
    fs.writeFileSync(STAMP, `${tgz.sha256}\n`);
  }
  for (const [name, v] of Object.entries(deps)) assert.equal(installedVersion(name), v, `${name} installed at the pinned version`);
  return tgz;
}

/** Whether the installed package has the `jwtlens/lite` entry (exports["./lite"]). */
export function hasLite() {
  const pj = JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', 'jwtlens', 'package.json'), 'utf8'));
  return Boolean(pj.exports && pj.exports['./lite']);
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
