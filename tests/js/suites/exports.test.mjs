// The hand-written types against the hand-written entries (issue 21): every export of every entry
// file (node, workerd, web, browser, for jwtlens, jwtlens/lite and jwtlens/sign) is declared in
// its .d.ts and every name the .d.ts declares is exported by each of them; every type a .d.ts
// re-exports exists where it points, and jwtlens/lite re-exports every type of jwtlens that
// belongs to what lite has. Read statically from the repository's js/ (package.test.mjs checks
// the installed Node entries at run time).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const JS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'js');
const ENTRY_FILES = ['node-entry.js', 'workerd-entry.js', 'web-entry.js', 'browser.js'];
const VARIANTS = [['', 'jwtlens'], ['lite/', 'jwtlens/lite'], ['sign/', 'jwtlens/sign']];

const read = (rel) => fs.readFileSync(path.join(JS, rel), 'utf8');
/** The text without comments (no entry or .d.ts has `//` or `/*` inside a string). */
const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
/** `a, b as c, type D` → the exported names (`as` taken), type-only items left out when asked. */
const listNames = (list, { types = true } = {}) =>
  list.split(',').map((x) => x.trim()).filter(Boolean)
    .filter((x) => types || !/^type\s/.test(x))
    .map((x) => x.replace(/^type\s+/, '').split(/\s+as\s+/).at(-1));

/** The names a JS module exports, `export * from` followed (default excluded, as in ESM). */
function moduleExports(rel, seen = new Set()) {
  assert.ok(!seen.has(rel), `export * cycle through ${rel}`);
  seen.add(rel);
  const src = code(read(rel));
  const names = new Set();
  for (const [, list] of src.matchAll(/^export (?:const|let|var) \{([^}]*)\}\s*=/gm)) listNames(list).forEach((n) => names.add(n));
  for (const [, name] of src.matchAll(/^export (?:async\s+)?(?:function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm)) names.add(name);
  if (/^export default\b/m.test(src)) names.add('default');
  for (const [, list] of src.matchAll(/^export \{([^}]*)\}/gm)) listNames(list).forEach((n) => names.add(n));
  for (const [, spec] of src.matchAll(/^export \* from ['"]([^'"]+)['"]/gm)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
    for (const n of moduleExports(target, seen)) if (n !== 'default') names.add(n);
  }
  // anything else exported would be missed above: fail rather than pass on an unknown form
  const forms = src.match(/^export\b[^\n]*/gm) ?? [];
  for (const line of forms) {
    assert.match(line, /^export (?:(?:const|let|var) \{|(?:async\s+)?(?:function\*?|class|const|let|var)\s|default\b|\{|\* from )/, `${rel}: an export form this test cannot read: ${line}`);
  }
  return names;
}

/** What a .d.ts exports: value names (functions, classes, consts, default, `export { }` lists) and type names. */
function dtsExports(rel) {
  const src = code(read(rel));
  const values = new Set();
  const types = new Set();
  const reexported = []; // [names, from, typeOnly]
  for (const [, name] of src.matchAll(/^export (?:declare )?(?:function|class|const) ([A-Za-z_$][\w$]*)/gm)) values.add(name);
  if (/^export default function/m.test(src)) values.add('default');
  for (const [, name] of src.matchAll(/^export (?:declare )?class ([A-Za-z_$][\w$]*)/gm)) types.add(name);
  for (const [, name] of src.matchAll(/^export (?:declare )?(?:type|interface) ([A-Za-z_$][\w$]*)/gm)) types.add(name);
  for (const [, typeOnly, list, from] of src.matchAll(/^export (type )?\{([^}]*)\}(?: from ['"]([^'"]+)['"])?/gm)) {
    const names = listNames(list);
    if (names.length === 0) continue; // `export {};`
    if (typeOnly) names.forEach((n) => types.add(n));
    else names.forEach((n) => values.add(n));
    reexported.push({ names, from, typeOnly: Boolean(typeOnly) });
  }
  return { values, types, reexported };
}

for (const [dir, label] of VARIANTS) {
  test(`${label}: every entry file exports exactly the values ${dir}jwtlens.d.ts declares`, () => {
    const { values } = dtsExports(`${dir}jwtlens.d.ts`);
    assert.ok(values.size > 5, `${dir}jwtlens.d.ts: too few exports read (${[...values]})`);
    for (const f of ENTRY_FILES) {
      const exported = moduleExports(`${dir}${f}`);
      assert.deepEqual([...exported].sort(), [...values].sort(), `${dir}${f} against ${dir}jwtlens.d.ts`);
    }
  });

  test(`${label}: every name ${dir}jwtlens.d.ts re-exports is declared where it points`, () => {
    const { reexported } = dtsExports(`${dir}jwtlens.d.ts`);
    for (const { names, from, typeOnly } of reexported) {
      if (from === undefined) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(`${dir}jwtlens.d.ts`), from.replace(/\.js$/, '.d.ts')));
      const there = dtsExports(target);
      for (const n of names) {
        assert.ok(typeOnly ? there.types.has(n) || there.values.has(n) : there.values.has(n), `${dir}jwtlens.d.ts re-exports ${n} from ${from}, which ${target} does not export`);
      }
    }
  });
}

test('jwtlens/lite re-exports every type of jwtlens except those of what lite lacks (createRemoteJWKSet)', () => {
  const full = dtsExports('jwtlens.d.ts');
  const lite = dtsExports('lite/jwtlens.d.ts');
  const liteValues = lite.values;
  // the types that only describe createRemoteJWKSet's arguments and result
  const remoteOnly = ['RemoteJWKSetOptions', 'RemoteJWKSet'];
  assert.ok(!liteValues.has('createRemoteJWKSet'));
  const missing = [...full.types].filter((t) => !lite.types.has(t) && !lite.values.has(t) && !remoteOnly.includes(t));
  assert.deepEqual(missing, [], 'types of jwtlens that jwtlens/lite does not re-export');
  for (const t of remoteOnly) assert.ok(full.types.has(t), `jwtlens.d.ts declares ${t}`);
  // and every value of lite is one of jwtlens's
  for (const v of liteValues) assert.ok(full.values.has(v), `lite exports ${v}, which jwtlens does not`);
});

test('the modules behind the entries export nothing public: the entries pick their names', () => {
  // jwtlens.js's own exports are the shared classes and underscore-prefixed internals
  const names = moduleExports('jwtlens.js');
  for (const n of names) assert.ok(n === 'JwtError' || n === 'Key' || n.startsWith('_'), `jwtlens.js exports ${n}`);
});
