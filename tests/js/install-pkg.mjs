#!/usr/bin/env node
// Installs the package under test the way a user gets it: `npm pack` of pkg/ (unless a tarball is
// given), then `npm install <tarball>` into a temporary project whose entry modules import the bare
// names 'jwtlens', 'jwtlens/sign' and 'jwtlens/lite' (so the package.json "exports" map applies,
// with Node's conditions).
//
// Which package:
//   JWTLENS_TGZ=/path/jwtlens-0.1.0.tgz   that tarball (what scripts/test.sh passes)
//   JWTLENS_PKG=/path/to/pkg              npm pack of that directory
//   neither                               npm pack of <repository>/pkg
//
// As a library: `installPackage()` → { host, project, entry, entryUrl, signEntry, signEntryUrl,
// liteEntry, liteEntryUrl, installed, tarball, cleanup }.
// As a script:  `node tests/js/install-pkg.mjs` installs, prints the host directory and keeps it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

function npm(args, cwd) {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

export function installPackage({ keep = false } = {}) {
  const host = fs.mkdtempSync(path.join(os.tmpdir(), 'jwtlens-js-tests-'));
  const cleanup = () => fs.rmSync(host, { recursive: true, force: true });
  if (!keep) process.on('exit', cleanup);
  try {
    let tarball = process.env.JWTLENS_TGZ ? path.resolve(process.env.JWTLENS_TGZ) : null;
    if (!tarball) {
      const pkg = path.resolve(process.env.JWTLENS_PKG || path.join(ROOT, 'pkg'));
      if (!fs.existsSync(path.join(pkg, 'package.json'))) {
        throw new Error(`no package to test: ${pkg}/package.json does not exist (run \`make pkg\`, or set JWTLENS_TGZ / JWTLENS_PKG)`);
      }
      const packDir = path.join(host, 'pack');
      fs.mkdirSync(packDir);
      // "./"-prefixed: a bare a/b would be read as a GitHub repository
      const out = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packDir, `./${path.relative(host, pkg)}`], host));
      tarball = path.join(packDir, out[0].filename);
    }
    if (!fs.existsSync(tarball)) throw new Error(`tarball ${tarball} does not exist`);
    const project = path.join(host, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'jwtlens-test-host', private: true, type: 'module' }, null, 2));
    npm(['install', tarball], project);
    const installed = path.join(project, 'node_modules', 'jwtlens');
    if (!fs.existsSync(path.join(installed, 'package.json'))) throw new Error(`npm install ${tarball} did not install jwtlens`);
    const entryFor = (file, name) => {
      const f = path.join(project, file);
      fs.writeFileSync(f, `export * from '${name}';\nexport { default } from '${name}';\n`);
      return f;
    };
    const entry = entryFor('entry.mjs', 'jwtlens');
    const signEntry = entryFor('sign-entry.mjs', 'jwtlens/sign');
    const liteEntry = entryFor('lite-entry.mjs', 'jwtlens/lite');
    return {
      host, project, installed, tarball, cleanup,
      entry, entryUrl: pathToFileURL(entry).href,
      signEntry, signEntryUrl: pathToFileURL(signEntry).href,
      liteEntry, liteEntryUrl: pathToFileURL(liteEntry).href,
    };
  } catch (e) {
    if (!keep) cleanup();
    throw e;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = installPackage({ keep: true });
  console.log(`installed ${r.tarball}\n  into ${r.project}\n  entries ${r.entry}, ${r.signEntry}, ${r.liteEntry}`);
}
