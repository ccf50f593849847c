// Which exports of jwtlens, jwtlens/lite and jwtlens/sign an editor marks as deprecated. TypeScript's
// language service reports a use of a `@deprecated` declaration as a suggestion (6385 "'x' is
// deprecated", 6387 for a deprecated signature): the strike-through an editor shows. Exactly the
// names that moved to jwtlens/sign in 0.2.0 (sign, generateKeyPair, generateSecret, toPem) must be
// marked, in jwtlens and jwtlens/lite, and nothing else, in jwtlens/sign nothing.
//
//   node deprecated.mjs <path to a typescript 5 package>   (run by check.sh, in its temporary project)

import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const ts = require(path.resolve(process.argv[2], 'lib', 'typescript.js'));

const ENTRIES = { jwtlens: 'full', 'jwtlens/lite': 'lite', 'jwtlens/sign': 'signing' };
const MOVED = ['sign', 'generateKeyPair', 'generateSecret', 'toPem'];
const EXPECTED = new Set([...MOVED.map((n) => `jwtlens:${n}`), ...MOVED.map((n) => `jwtlens/lite:${n}`)]);

const options = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'],
  types: [],
  strict: true,
  noEmit: true,
};
const files = new Map();
const host = {
  getScriptFileNames: () => [...files.keys()],
  getScriptVersion: () => '1',
  getScriptSnapshot: (f) => {
    const text = files.has(f) ? files.get(f) : ts.sys.readFile(f);
    return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
  },
  getCurrentDirectory: () => process.cwd(),
  getCompilationSettings: () => options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: (f) => files.has(f) || ts.sys.fileExists(f),
  readFile: (f) => (files.has(f) ? files.get(f) : ts.sys.readFile(f)),
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());

// 1. Every value each entry exports, as the declarations say.
const listFile = path.resolve('deprecated-list.ts');
files.set(listFile, Object.keys(ENTRIES).map((e, i) => `import * as m${i} from '${e}';\nexport { m${i} };\n`).join(''));
const program = service.getProgram();
const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(listFile));
if (errors.length) {
  for (const d of errors) console.error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  process.exit(1);
}
const checker = program.getTypeChecker();
const exportsOf = {};
for (const stmt of program.getSourceFile(listFile).statements) {
  if (!ts.isImportDeclaration(stmt)) continue;
  const entry = stmt.moduleSpecifier.text;
  const moduleSymbol = checker.getSymbolAtLocation(stmt.moduleSpecifier);
  exportsOf[entry] = checker
    .getExportsOfModule(moduleSymbol)
    .filter((sym) => {
      const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((sym) => sym.name)
    .sort();
}

// 2. A file that imports and uses each of them; the names an editor marks.
const useFile = path.resolve('deprecated-use.ts');
const alias = (entry, name) => `${ENTRIES[entry]}_${name}`;
let text = '';
for (const [entry, names] of Object.entries(exportsOf)) {
  const named = names.filter((n) => n !== 'default');
  text += `import ${names.includes('default') ? `${alias(entry, 'default')}, ` : ''}{ ${named.map((n) => `${n} as ${alias(entry, n)}`).join(', ')} } from '${entry}';\n`;
  for (const n of names) text += `void ${alias(entry, n)};\n`;
}
files.set(useFile, text);
const marked = new Set();
for (const d of service.getSuggestionDiagnostics(useFile)) {
  if (d.code !== 6385 && d.code !== 6387) continue;
  // the span is a use (`full_sign`) or an import specifier (`sign as full_sign`)
  const word = text.slice(d.start, d.start + d.length).split(/\s+as\s+/).at(-1);
  const [prefix, ...rest] = word.split('_');
  const entry = Object.keys(ENTRIES).find((e) => ENTRIES[e] === prefix);
  marked.add(entry ? `${entry}:${rest.join('_')}` : `?${word}`);
}

let ok = true;
for (const entry of Object.keys(ENTRIES)) {
  if (!exportsOf[entry] || exportsOf[entry].length === 0) {
    console.error(`  no exports found for ${entry}`);
    ok = false;
  }
}
for (const want of EXPECTED) {
  if (!marked.has(want)) {
    console.error(`  ${want} is not marked deprecated`);
    ok = false;
  }
}
for (const got of marked) {
  if (!EXPECTED.has(got)) {
    console.error(`  ${got} is marked deprecated, but is not a moved name`);
    ok = false;
  }
}
if (!ok) console.error(`  exports: ${JSON.stringify(exportsOf)}`);
process.exit(ok ? 0 : 1);
