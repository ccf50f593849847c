// What an import of a package entry loads, found statically: from the entry file, every relative
// `import … from`, `export … from`, bare `import '…'`, dynamic `import('…')` and
// `new URL('…', import.meta.url)`, transitively. A dynamic import whose specifier is not a string
// literal, or a bare (package) import, fails: it could not be followed, or the package would not
// be self-contained. Used by tests/size/budget.mjs and bench/size.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const IMPORT_FORMS = [
  // static statements start a line (so text in a string, such as an error message quoting an
  // import, is not one): import x from '…', export { x } from '…', import '…'
  /^[ \t]*(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/gm,
  /^[ \t]*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…')
  /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g, // new URL('…', import.meta.url)
];

/** Strips comments, so an import in a comment is not followed (string contents are left alone). */
const code = (src) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/[^\n]*/g, '$1');

/** The files (posix paths relative to `pkgDir`, sorted) that `entryFile` loads, itself included. */
export function closure(pkgDir, entryFile) {
  const seen = new Set();
  const todo = [path.join(pkgDir, entryFile)];
  while (todo.length) {
    const f = path.normalize(todo.pop());
    if (seen.has(f)) continue;
    assert.ok(fs.existsSync(f), `${path.relative(pkgDir, f)} is imported but missing`);
    seen.add(f);
    if (!f.endsWith('.js')) continue;
    const src = code(fs.readFileSync(f, 'utf8'));
    const dynamic = [...src.matchAll(/\bimport\(\s*([^)]*)\)/g)].filter((m) => !/^['"][^'"]+['"]\s*$/.test(m[1]));
    assert.deepEqual(dynamic.map((m) => m[0]), [], `${path.relative(pkgDir, f)}: a dynamic import without a literal specifier cannot be followed`);
    for (const form of IMPORT_FORMS) {
      for (const m of src.matchAll(form)) {
        let spec = m[1];
        if (spec.startsWith('node:')) continue; // a Node builtin, not a download
        // new URL('x.wasm', import.meta.url) resolves 'x.wasm' like './x.wasm'
        if (form === IMPORT_FORMS.at(-1) && !/^[a-z][a-z0-9+.-]*:|^\.{0,2}\//i.test(spec)) spec = `./${spec}`;
        assert.ok(spec.startsWith('./') || spec.startsWith('../'), `${path.relative(pkgDir, f)} imports '${spec}': the package must be self-contained`);
        todo.push(path.join(path.dirname(f), spec));
      }
    }
  }
  return [...seen].map((f) => path.relative(pkgDir, f).split(path.sep).join('/')).sort();
}

