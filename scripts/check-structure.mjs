#!/usr/bin/env node
// Structure rules for the Rust sources in src/ (dependency-free; Node >= 20):
//
//   1. File size: no src/**/*.rs file has more than MAX_LINES lines (all lines, tests included),
//      except the files in ALLOWED_LARGE_FILES, each with a one-line reason.
//   2. No import circles: neither between src/ files nor between top-level modules (src/key/**
//      is `key`, src/inspect/** is `inspect`, src/json.rs is `json`; lib.rs and wasm.rs are left
//      out of the module graph: the root re-exports everything and wasm.rs is the JS boundary).
//
// File A depends on file B when A names an item *defined* in B: in a `use` declaration, in an
// inline path (`crate::x::Y`, `super::Y`, `self::x::Y`, `x::Y` after `use crate::x`), or by
// calling a macro defined in B. Paths are resolved through the module tree and through
// re-exports (`pub use`) to the file that really defines the final item; module paths that are
// never used further count as references to the module's file (`mod.rs`); declaring `mod x;`
// is not a reference. `$crate::`/`crate::` paths in a `macro_rules!` body count for the file that
// defines the macro. Test code is ignored: `#[cfg(test)]` items and modules, any `mod tests`,
// files named tests.rs or under a tests/ folder. Paths to other crates (std, rsa, ...) are
// ignored. Comments, doc comments and string/char literals (raw strings included) are skipped.
//
// Usage (from the repository root):
//   node scripts/check-structure.mjs [--root DIR] [--edges]
//     --root DIR   check DIR/src instead of ./src
//     --edges      also print every file -> file dependency with its line numbers
// Exit status: 0 when both rules hold, 1 when one is broken, 2 on a usage error.

import fs from 'node:fs';
import path from 'node:path';

const MAX_LINES = 450;

// Files allowed to exceed MAX_LINES: 'src/path.rs': 'one-line reason'. Prefer splitting the file.
const ALLOWED_LARGE_FILES = {};

// Top-level modules left out of the module graph (not of the file graph).
const MODULE_GRAPH_EXCLUDED = new Set(['lib', 'main', 'wasm']);

// ---------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  const opts = { root: '.', edges: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--root' && i + 1 < argv.length) opts.root = argv[++i];
    else if (a.startsWith('--root=')) opts.root = a.slice('--root='.length);
    else if (a === '--edges') opts.edges = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/check-structure.mjs [--root DIR] [--edges]');
      process.exit(0);
    } else {
      console.error(`check-structure: unknown argument ${a}\nusage: node scripts/check-structure.mjs [--root DIR] [--edges]`);
      process.exit(2);
    }
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer: identifiers/keywords ('id'), `$name` fragments ('meta'), lifetimes ('life'),
// literals ('lit') and punctuation ('p', with `::` as one token). Comments are dropped.

const ASCII_ID_START = /[A-Za-z_]/;
const ASCII_ID_CONT = /[A-Za-z0-9_]/;
const UNI_ID_START = /[\p{XID_Start}_]/u;
const UNI_ID_CONT = /\p{XID_Continue}/u;
const isIdStart = (c) => c !== undefined && (c < '\x80' ? ASCII_ID_START.test(c) : UNI_ID_START.test(c));
const isIdCont = (c) => c !== undefined && (c < '\x80' ? ASCII_ID_CONT.test(c) : UNI_ID_CONT.test(c));

function countNewlines(text, from, to) {
  let n = 0;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) n++;
  return n;
}

function tokenize(text) {
  const toks = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  const RAW_STR = /(?:b|c)?r(#*)"/y;
  const STR = /(?:b|c)?"/y;
  const NUM = /[0-9][0-9A-Za-z_]*(?:\.[0-9][0-9A-Za-z_]*)?/y;
  // Skips a quoted literal starting at `from` (just after the opening quote); returns the index
  // after the closing quote.
  const skipQuoted = (from, quote) => {
    let j = from;
    while (j < n && text[j] !== quote) j += text[j] === '\\' ? 2 : 1;
    return Math.min(j + 1, n);
  };
  while (i < n) {
    const c = text[i];
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF') { i++; continue; }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === '/' && text[i + 1] === '*') { depth++; i += 2; }
        else if (text[i] === '*' && text[i + 1] === '/') { depth--; i += 2; }
        else { if (text[i] === '\n') line++; i++; }
      }
      continue;
    }
    if (c === 'r' || c === 'b' || c === 'c') {
      RAW_STR.lastIndex = i;
      const m = RAW_STR.exec(text);
      if (m) {
        const close = '"' + m[1];
        let j = text.indexOf(close, i + m[0].length);
        j = j < 0 ? n : j + close.length;
        toks.push({ t: 'lit', v: text.slice(i, j), line });
        line += countNewlines(text, i, j);
        i = j;
        continue;
      }
    }
    if (c === '"' || ((c === 'b' || c === 'c') && text[i + 1] === '"')) {
      STR.lastIndex = i;
      const m = STR.exec(text);
      const j = skipQuoted(i + m[0].length, '"');
      toks.push({ t: 'lit', v: text.slice(i, j), line });
      line += countNewlines(text, i, j);
      i = j;
      continue;
    }
    if (c === 'b' && text[i + 1] === "'") {
      const j = skipQuoted(i + 2, "'");
      toks.push({ t: 'lit', v: "'", line });
      i = j;
      continue;
    }
    if (c === "'") {
      if (text[i + 1] === '\\') {
        const j = skipQuoted(i + 1, "'");
        toks.push({ t: 'lit', v: "'", line });
        i = j;
        continue;
      }
      const cp = text.codePointAt(i + 1);
      const len = cp !== undefined && cp > 0xffff ? 2 : 1;
      if (cp !== undefined && text[i + 1 + len] === "'" && text[i + 1] !== '\n') {
        toks.push({ t: 'lit', v: "'", line });
        i += 2 + len;
        continue;
      }
      let j = i + 1;
      while (j < n && isIdCont(text[j])) j++;
      toks.push({ t: 'life', v: text.slice(i, j), line });
      i = Math.max(j, i + 1);
      continue;
    }
    if (c === 'r' && text[i + 1] === '#' && isIdStart(text[i + 2])) {
      let j = i + 2;
      while (j < n && isIdCont(text[j])) j++;
      toks.push({ t: 'id', v: text.slice(i + 2, j), line });
      i = j;
      continue;
    }
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdCont(text[j])) j++;
      toks.push({ t: 'id', v: text.slice(i, j), line });
      i = j;
      continue;
    }
    if (c >= '0' && c <= '9') {
      NUM.lastIndex = i;
      const m = NUM.exec(text);
      toks.push({ t: 'lit', v: '0', line });
      i += m[0].length;
      continue;
    }
    if (c === '$' && isIdStart(text[i + 1])) {
      let j = i + 2;
      while (j < n && isIdCont(text[j])) j++;
      const v = text.slice(i, j);
      toks.push({ t: v === '$crate' ? 'id' : 'meta', v, line });
      i = j;
      continue;
    }
    if (c === ':' && text[i + 1] === ':') {
      toks.push({ t: 'p', v: '::', line });
      i += 2;
      continue;
    }
    toks.push({ t: 'p', v: c, line });
    i++;
  }
  return toks;
}

// Index of the matching closing bracket for every opening ( [ {.
function matchBrackets(toks) {
  const match = new Int32Array(toks.length).fill(-1);
  const stack = [];
  const pairs = { ')': '(', ']': '[', '}': '{' };
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.t !== 'p') continue;
    if (t.v === '(' || t.v === '[' || t.v === '{') stack.push(k);
    else if (pairs[t.v]) {
      // Tolerate mismatches: close the nearest opener of the right kind.
      let s = stack.length - 1;
      while (s >= 0 && toks[stack[s]].v !== pairs[t.v]) s--;
      if (s >= 0) {
        match[stack[s]] = k;
        stack.length = s;
      }
    }
  }
  for (const k of stack) match[k] = toks.length;
  return match;
}

// ---------------------------------------------------------------------------------------------
// Files and the module tree

const F_IGNORED = 1; // test code
const F_ATTR = 2; // inside #[...]
const F_VIS = 4; // inside pub(...)
const F_MACRO = 8; // inside a macro_rules! body
const F_USE = 16; // a use declaration (handled on its own)

const KEYWORDS = new Set(('as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use where while macro_rules union default auto').split(' '));

let nextModuleId = 0;
class Module {
  constructor(name, parent, file, childDir, isTest, inline) {
    this.id = nextModuleId++;
    this.name = name;
    this.parent = parent;
    this.file = file; // src-relative path of the file holding the module
    this.childDir = childDir; // where `mod x;` inside it looks for x.rs / x/mod.rs
    this.isTest = isTest;
    this.inline = inline;
    this.children = new Map();
    this.items = new Map(); // name -> { name, kind, file, line }
    this.imports = []; // use entries
  }
  get path() {
    const parts = [];
    for (let m = this; m; m = m.parent) parts.unshift(m.name);
    return parts.join('::');
  }
}

const isTestPath = (rel) => path.posix.basename(rel) === 'tests.rs' || rel.split('/').slice(0, -1).includes('tests');

function childDirOf(rel) {
  const base = path.posix.basename(rel);
  const dir = path.posix.dirname(rel);
  if (base === 'mod.rs' || base === 'lib.rs' || base === 'main.rs') return dir;
  return path.posix.join(dir, base.replace(/\.rs$/, ''));
}

function isCfgTest(T, s, e) {
  if (!(T[s] && T[s].t === 'id' && T[s].v === 'cfg' && T[s + 1] && T[s + 1].v === '(')) return false;
  const inner = T.slice(s + 2, e - 1);
  if (inner.length === 1 && inner[0].v === 'test') return true;
  if (inner.length > 2 && inner[0].v === 'all' && inner[1].v === '(') {
    let depth = 0;
    for (let k = 1; k < inner.length; k++) {
      const v = inner[k].v;
      if (inner[k].t === 'p' && (v === '(' || v === '[')) depth++;
      else if (inner[k].t === 'p' && (v === ')' || v === ']')) depth--;
      else if (depth === 1 && v === 'test' && inner[k].t === 'id' &&
        (inner[k - 1].v === '(' || inner[k - 1].v === ',') &&
        (inner[k + 1] && (inner[k + 1].v === ',' || inner[k + 1].v === ')'))) return true;
    }
  }
  return false;
}

// The file named by #[path = "..."], if this attribute is one.
function pathAttr(T, s, e) {
  if (e - s === 3 && T[s].v === 'path' && T[s + 1].v === '=' && T[s + 2].t === 'lit') {
    const m = /^"([^"\\]*)"$/.exec(T[s + 2].v);
    if (m) return m[1];
  }
  return null;
}

class Analyzer {
  constructor(root) {
    this.root = root;
    this.srcDir = path.join(root, 'src');
    this.files = new Map(); // rel ("src/x.rs") -> file record
    this.notes = [];
    this.unresolved = [];
    this.macros = new Map(); // macro_rules name -> [{ file, line, mod }]
    this.edges = new Map(); // from -> Map(to -> [{ line, label }])
    this.importSeq = 0;
    this.resolveMemo = new Map();
    this.inProgress = new Set();
    this.testModules = [];
  }

  abs(rel) { return path.join(this.root, rel); }
  exists(rel) { try { return fs.statSync(this.abs(rel)).isFile(); } catch { return false; } }

  loadFile(rel) {
    let f = this.files.get(rel);
    if (f) return f;
    const text = fs.readFileSync(this.abs(rel), 'utf8');
    const toks = tokenize(text);
    f = { rel, text, toks, match: matchBrackets(toks), flags: new Uint8Array(toks.length), ctx: new Array(toks.length), parsed: false, imports: [] };
    this.files.set(rel, f);
    return f;
  }

  build() {
    const rootRel = ['src/lib.rs', 'src/main.rs'].find((r) => this.exists(r));
    if (!rootRel) throw new Error(`no src/lib.rs or src/main.rs under ${this.root}`);
    this.rootRel = rootRel;
    this.crate = new Module('crate', null, rootRel, 'src', false, false);
    this.parseModuleFile(this.crate, rootRel);
    for (const f of this.files.values()) if (f.parsed) this.scanNestedUses(f);
  }

  parseModuleFile(mod, rel) {
    const f = this.loadFile(rel);
    if (f.parsed) {
      this.notes.push(`${rel} is included as a module twice; its second inclusion is not analysed`);
      return;
    }
    f.parsed = true;
    f.module = mod;
    f.ctx.fill(mod);
    this.parseItems(f, 0, f.toks.length, mod, 'module');
  }

  markRange(f, s, e, flag) { for (let k = s; k < e && k < f.flags.length; k++) f.flags[k] |= flag; }

  // End of an item that ends at `;` (use, const, static, type, extern crate).
  findSemi(f, i, e) {
    const T = f.toks;
    for (let k = i; k < e; k++) {
      const t = T[k];
      if (t.t === 'p' && (t.v === '(' || t.v === '[' || t.v === '{')) k = f.match[k];
      else if (t.t === 'p' && t.v === ';') return k;
    }
    return e;
  }

  // End of an item that ends at `;` or after its `{ ... }` body; returns [end, bodyOpenIndex].
  findBodyEnd(f, i, e) {
    const T = f.toks;
    for (let k = i; k < e; k++) {
      const t = T[k];
      if (t.t !== 'p') continue;
      if (t.v === '{') return [Math.min(f.match[k] + 1, e), k];
      if (t.v === ';') return [k + 1, -1];
      if (t.v === '(' || t.v === '[') k = f.match[k];
    }
    return [e, -1];
  }

  // Parses the items of a module body (mode 'module') or of an impl/trait body (mode 'assoc',
  // which only drops #[cfg(test)] items).
  parseItems(f, s, e, mod, mode) {
    const T = f.toks;
    const isP = (k, v) => k < e && T[k].t === 'p' && T[k].v === v;
    const isId = (k, v) => k < e && T[k].t === 'id' && (v === undefined || T[k].v === v);
    let i = s;
    while (i < e) {
      const itemStart = i;
      let test = false;
      let innerTest = false;
      let pathLit = null;
      while (isP(i, '#')) {
        let j = i + 1;
        const inner = isP(j, '!');
        if (inner) j++;
        if (!isP(j, '[')) break;
        const close = f.match[j];
        if (isCfgTest(T, j + 1, close)) { if (inner) innerTest = true; else test = true; }
        pathLit = pathAttr(T, j + 1, close) || pathLit;
        this.markRange(f, i, close + 1, F_ATTR);
        i = close + 1;
      }
      if (innerTest && mode === 'module') {
        mod.isTest = true;
        this.markRange(f, s, e, F_IGNORED);
        return;
      }
      if (i >= e) break;
      if (isP(i, ';')) { i++; continue; }
      let isPub = false;
      if (isId(i, 'pub')) {
        isPub = true;
        i++;
        if (isP(i, '(')) {
          const c = f.match[i];
          this.markRange(f, i, c + 1, F_VIS);
          i = c + 1;
        }
      }
      for (;;) {
        if ((isId(i, 'unsafe') || isId(i, 'async') || isId(i, 'default') || isId(i, 'auto')) && isId(i + 1)) { i++; continue; }
        if (isId(i, 'const') && (isId(i + 1, 'fn') || isId(i + 1, 'unsafe') || isId(i + 1, 'async') || isId(i + 1, 'extern'))) { i++; continue; }
        if (isId(i, 'extern') && !isId(i + 1, 'crate')) {
          i++;
          if (i < e && T[i].t === 'lit') i++;
          continue;
        }
        break;
      }
      const kw = i < e && T[i].t === 'id' ? T[i].v : null;
      let end;
      if (kw === 'use' && !isP(i + 1, '<')) {
        const semi = this.findSemi(f, i, e);
        if (mode === 'module' && !test) this.parseUse(f, i + 1, semi, mod, isPub, false);
        this.markRange(f, i, semi + 1, F_USE);
        end = semi + 1;
      } else if (kw === 'mod' && isId(i + 1)) {
        const name = T[i + 1].v;
        if (isP(i + 2, '{')) {
          const c = f.match[i + 2];
          end = Math.min(c + 1, e);
          const isTest = test || name === 'tests' || mod.isTest;
          if (mode === 'module') {
            const child = new Module(name, mod, f.rel, path.posix.join(mod.childDir, name), isTest, true);
            mod.children.set(name, child);
            if (isTest) this.markRange(f, itemStart, end, F_IGNORED);
            else {
              for (let k = i + 3; k < c; k++) f.ctx[k] = child;
              this.parseItems(f, i + 3, c, child, 'module');
            }
          }
        } else {
          end = this.findSemi(f, i, e) + 1;
          if (mode === 'module') this.declareFileModule(f, mod, name, test, pathLit, T[i].line);
        }
      } else if (kw === 'macro_rules' && isP(i + 1, '!') && isId(i + 2)) {
        const name = T[i + 2].v;
        const g = i + 3;
        const c = g < e && T[g].t === 'p' ? f.match[g] : g;
        end = Math.min(c + 1, e);
        if (isP(end, ';')) end++;
        if (mode === 'module' && !test) {
          if (!mod.items.has(name)) mod.items.set(name, { name, kind: 'macro', file: f.rel, line: T[i + 2].line });
          if (!this.macros.has(name)) this.macros.set(name, []);
          this.macros.get(name).push({ file: f.rel, line: T[i + 2].line, mod });
        }
        this.markRange(f, g, c + 1, F_MACRO);
      } else if (kw && ['struct', 'enum', 'union', 'trait', 'type', 'fn', 'static', 'const'].includes(kw) &&
        !(kw === 'union' && !isId(i + 1))) {
        let nameIdx = i + 1;
        if (kw === 'static' && isId(nameIdx, 'mut')) nameIdx++;
        const name = isId(nameIdx) && T[nameIdx].v !== '_' ? T[nameIdx].v : null;
        let body = -1;
        if (kw === 'type' || kw === 'static' || kw === 'const') end = this.findSemi(f, i, e) + 1;
        else [end, body] = this.findBodyEnd(f, i, e);
        if (mode === 'module' && name && !test && !mod.items.has(name)) {
          mod.items.set(name, { name, kind: kw, file: f.rel, line: T[nameIdx].line });
        }
        if (kw === 'trait' && body >= 0 && !test) this.parseItems(f, body + 1, f.match[body], mod, 'assoc');
      } else if (kw === 'impl') {
        let body;
        [end, body] = this.findBodyEnd(f, i, e);
        if (body >= 0 && !test) this.parseItems(f, body + 1, f.match[body], mod, 'assoc');
      } else if (kw === 'extern' && isId(i + 1, 'crate')) {
        end = this.findSemi(f, i, e) + 1;
      } else {
        [end] = this.findBodyEnd(f, i, e); // macro invocations, extern blocks, anything else
      }
      if (test) this.markRange(f, itemStart, end, F_IGNORED);
      i = Math.max(end, i + 1);
    }
  }

  declareFileModule(f, parent, name, test, pathLit, line) {
    let rel = null;
    if (pathLit) rel = path.posix.normalize(path.posix.join(parent.inline ? parent.childDir : path.posix.dirname(f.rel), pathLit));
    if (!rel) {
      const a = path.posix.join(parent.childDir, `${name}.rs`);
      const b = path.posix.join(parent.childDir, name, 'mod.rs');
      rel = this.exists(a) ? a : this.exists(b) ? b : null;
    }
    const isTest = test || name === 'tests' || parent.isTest || (rel !== null && isTestPath(rel));
    const child = new Module(name, parent, rel, rel ? childDirOf(rel) : null, isTest, false);
    parent.children.set(name, child);
    if (!rel || !this.exists(rel)) {
      this.notes.push(`${f.rel}:${line}: \`mod ${name};\` has no file (looked for ${path.posix.join(parent.childDir, name)}.rs and .../mod.rs)`);
      return;
    }
    if (isTest) this.testModules.push(child);
    else this.parseModuleFile(child, rel);
  }

  // Files of test modules (declared with #[cfg(test)], named tests, ...), and the files below them.
  isTestFile(rel) {
    return isTestPath(rel) || this.testModules.some((m) => m.file === rel || (m.childDir && rel.startsWith(`${m.childDir}/`)));
  }

  // Parses a use tree (tokens s..e, after `use`) into entries
  // { path: [segments], binding, glob, line } and records them on the module and the file.
  parseUse(f, s, e, mod, isPub, local) {
    const T = f.toks;
    const isP = (k, v) => k < e && T[k].t === 'p' && T[k].v === v;
    const walk = (k, end, prefix) => {
      const segs = prefix.slice();
      if (isP(k, '::')) {
        if (segs.length === 0) segs.push('::'); // `use ::name`: another crate
        k++;
      }
      while (k < end) {
        const t = T[k];
        if (isP(k, '{')) {
          const c = Math.min(f.match[k], end);
          let j = k + 1;
          while (j < c) {
            const nj = walk(j, c, segs);
            j = nj > j ? nj : j + 1;
            if (isP(j, ',')) j++;
          }
          return c + 1;
        }
        if (isP(k, '*')) {
          this.addImport(f, mod, { path: segs, binding: null, glob: true, line: t.line, pub: isPub, local });
          return k + 1;
        }
        if (t.t === 'id') {
          if (isP(k + 1, '::')) { segs.push(t.v); k += 2; continue; }
          let p = segs.concat([t.v]);
          let binding = t.v;
          if (t.v === 'self') { p = segs; binding = segs[segs.length - 1]; }
          let j = k + 1;
          if (j < end && T[j].t === 'id' && T[j].v === 'as' && j + 1 < end) {
            binding = T[j + 1].v === '_' ? null : T[j + 1].v;
            j += 2;
          }
          this.addImport(f, mod, { path: p, binding, glob: false, line: t.line, pub: isPub, local });
          return j;
        }
        return k + 1;
      }
      return k;
    };
    walk(s, e, []);
  }

  addImport(f, mod, imp) {
    imp.id = this.importSeq++;
    imp.file = f.rel;
    imp.mod = mod;
    imp.used = false;
    if (imp.path.length === 0) return;
    mod.imports.push(imp);
    f.imports.push(imp);
  }

  // `use` declarations inside function bodies and blocks: visible to lookups from their own
  // module only.
  scanNestedUses(f) {
    const T = f.toks;
    for (let k = 0; k < T.length; k++) {
      if (f.flags[k] & (F_IGNORED | F_ATTR | F_MACRO | F_USE)) continue;
      if (T[k].t !== 'id' || T[k].v !== 'use') continue;
      if (T[k + 1] && T[k + 1].t === 'p' && T[k + 1].v === '<') continue; // `+ use<'a>` bounds
      const semi = this.findSemi(f, k, T.length);
      this.parseUse(f, k + 1, semi, f.ctx[k], false, true);
      this.markRange(f, k, semi + 1, F_USE);
      k = semi;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Name resolution. Results: { kind: 'module', mod } | { kind: 'item', item } | null (another
  // crate, the prelude, a local name: nothing in src/).

  resolveImport(imp, preferModule) {
    const key = `${imp.id}|${preferModule}`;
    if (this.resolveMemo.has(key)) return this.resolveMemo.get(key);
    if (this.inProgress.has(key)) return null;
    this.inProgress.add(key);
    const r = this.resolvePath(imp.mod, imp.path, preferModule, imp.local);
    this.inProgress.delete(key);
    this.resolveMemo.set(key, r);
    return r;
  }

  resolvePath(ctx, segs, preferModuleLast, local) {
    if (segs.length === 0 || segs[0] === '::') return null;
    let cur;
    let i = 1;
    const s0 = segs[0];
    if (s0 === 'crate' || s0 === '$crate') cur = { kind: 'module', mod: this.crate };
    else if (s0 === 'self') cur = { kind: 'module', mod: ctx };
    else if (s0 === 'super') {
      let m = ctx;
      i = 0;
      while (segs[i] === 'super') {
        m = m.parent;
        if (!m) return null;
        i++;
      }
      cur = { kind: 'module', mod: m };
    } else {
      cur = this.lookup(ctx, s0, segs.length > 1 || preferModuleLast, local);
      if (!cur) return null;
    }
    for (; i < segs.length; i++) {
      if (cur.kind !== 'module') break; // the rest names a variant or an associated item
      const s = segs[i];
      if (s === 'self') continue;
      if (s === 'super') {
        if (!cur.mod.parent) return null;
        cur = { kind: 'module', mod: cur.mod.parent };
        continue;
      }
      const r = this.lookup(cur.mod, s, i < segs.length - 1 || preferModuleLast, false);
      if (!r) return { kind: 'module', mod: cur.mod, unresolved: segs.slice(i).join('::') };
      cur = r;
    }
    return cur;
  }

  lookup(mod, name, preferModule, local) {
    if (mod.isTest) return null;
    const key = `${mod.id}|${name}|${preferModule}|${local}`;
    if (this.inProgress.has(key)) return null;
    this.inProgress.add(key);
    try {
      const child = mod.children.get(name);
      const item = mod.items.get(name);
      if (preferModule && child) return { kind: 'module', mod: child };
      if (!preferModule && item) return { kind: 'item', item };
      let viaImport = null;
      let namedExternally = false;
      for (const imp of mod.imports) {
        if (imp.glob || imp.binding !== name || (imp.local && !local)) continue;
        const r = this.resolveImport(imp, preferModule);
        if (!r) { namedExternally = true; continue; }
        if (r.unresolved) { viaImport = viaImport || r; continue; }
        if (!viaImport || viaImport.unresolved) viaImport = r;
        if (preferModule ? r.kind === 'module' : r.kind === 'item') { viaImport = r; break; }
      }
      if (viaImport && !viaImport.unresolved && (preferModule ? viaImport.kind === 'module' : viaImport.kind === 'item')) return viaImport;
      if (child) return { kind: 'module', mod: child };
      if (item) return { kind: 'item', item };
      if (viaImport) return viaImport;
      if (namedExternally) return null;
      for (const imp of mod.imports) {
        if (!imp.glob || (imp.local && !local)) continue;
        const g = this.resolveImport(imp, true);
        if (!g || g.kind !== 'module' || g.unresolved) continue;
        const r = this.lookup(g.mod, name, preferModule, false);
        if (r) return r;
      }
      return null;
    } finally {
      this.inProgress.delete(key);
    }
  }

  fileOf(r) { return r.kind === 'item' ? r.item.file : r.mod.file; }

  addEdge(from, r, line, label) {
    if (!r) return;
    const to = this.fileOf(r);
    if (r.unresolved) this.unresolved.push(`${from}:${line}: ${label}: \`${r.unresolved}\` not found in ${r.mod.path} (${r.mod.file}); counted as a reference to that file`);
    if (!to || to === from) return;
    if (!this.edges.has(from)) this.edges.set(from, new Map());
    const m = this.edges.get(from);
    if (!m.has(to)) m.set(to, []);
    const list = m.get(to);
    if (!list.some((x) => x.line === line && x.label === label)) list.push({ line, label });
  }

  markBindingUsed(ctx, name) {
    for (const imp of ctx.imports) if (!imp.glob && imp.binding === name) imp.used = true;
  }

  // -------------------------------------------------------------------------------------------
  // References

  collect() {
    for (const f of this.files.values()) {
      if (!f.parsed || f.module.isTest) continue;
      this.collectFile(f);
    }
  }

  collectFile(f) {
    const T = f.toks;
    const isP = (k, v) => k < T.length && T[k].t === 'p' && T[k].v === v;
    const moduleImports = [];
    const globImports = [];
    // 1. use declarations.
    for (const imp of f.imports) {
      if (!['crate', '$crate', 'self', 'super', '::'].includes(imp.path[0])) this.markBindingUsed(imp.mod, imp.path[0]);
    }
    for (const imp of f.imports) {
      const label = `use ${imp.path.join('::')}${imp.glob ? '::*' : ''}`;
      if (imp.glob) {
        const r = this.resolveImport(imp, true);
        if (!r) continue;
        if (r.kind === 'module' && !r.unresolved) globImports.push({ imp, r, label });
        else this.addEdge(f.rel, r, imp.line, label);
        continue;
      }
      const r = this.resolveImport(imp, false);
      if (!r) continue;
      if (r.kind === 'module' && !r.unresolved) moduleImports.push({ imp, r, label });
      else this.addEdge(f.rel, r, imp.line, label);
    }
    // 2. paths, macro calls and (for glob imports) bare names in code.
    const globCtx = new Set(globImports.map((g) => g.imp.mod));
    for (let k = 0; k < T.length; k++) {
      const fl = f.flags[k];
      if (fl & (F_IGNORED | F_ATTR | F_VIS | F_USE)) continue;
      const t = T[k];
      if (t.t !== 'id') continue;
      const prev = T[k - 1];
      if (prev && prev.t === 'p' && (prev.v === '::' || prev.v === '.')) continue;
      const ctx = f.ctx[k];
      const segs = [t.v];
      let j = k;
      while (isP(j + 1, '::') && T[j + 2] && T[j + 2].t === 'id') {
        segs.push(T[j + 2].v);
        j += 2;
      }
      const isMacroCall = isP(j + 1, '!') && T[j + 2] && T[j + 2].t === 'p' && ['(', '[', '{'].includes(T[j + 2].v);
      const inMacroBody = (fl & F_MACRO) !== 0;
      if (segs.length >= 2) {
        k = j;
        if (inMacroBody && segs[0] !== '$crate' && segs[0] !== 'crate') continue; // call-site paths
        if (!inMacroBody && this.importedItem(ctx, segs[0])) continue; // `Value::Null`: the use line counts
        const label = segs.join('::') + (isMacroCall ? '!' : '');
        let r = this.resolvePath(ctx, segs, false, true);
        if (isMacroCall && (!r || r.unresolved)) r = this.macroByName(f, segs[segs.length - 1]) || r;
        if (r && !['crate', '$crate', 'self', 'super'].includes(segs[0])) this.markBindingUsed(ctx, segs[0]);
        this.addEdge(f.rel, r, t.line, label);
        continue;
      }
      if (isMacroCall) {
        if (t.v === 'macro_rules' || (!inMacroBody && this.importedItem(ctx, t.v))) continue;
        let r = inMacroBody ? null : this.lookup(ctx, t.v, false, true);
        if (!r || r.kind !== 'item') r = this.macroByName(f, t.v);
        this.addEdge(f.rel, r, t.line, `${t.v}!`);
        continue;
      }
      if (inMacroBody || !globCtx.has(ctx) || KEYWORDS.has(t.v)) continue;
      if (prev && prev.t === 'id' && ['fn', 'struct', 'enum', 'union', 'trait', 'type', 'const', 'static', 'mod', 'let', 'mut'].includes(prev.v)) continue;
      if (this.lookupWithoutGlobs(ctx, t.v)) continue;
      for (const g of globImports) {
        if (g.imp.mod !== ctx) continue;
        const r = this.lookup(g.r.mod, t.v, false, false);
        if (r) {
          g.imp.used = true;
          this.addEdge(f.rel, r, t.line, `${t.v} (via ${g.label})`);
          break;
        }
      }
    }
    // 3. imports of a module (`use crate::json;`, `pub use x::*`) never used by a path.
    for (const { imp, r, label } of moduleImports) if (!imp.used) this.addEdge(f.rel, r, imp.line, label);
    for (const { imp, r, label } of globImports) if (!imp.used) this.addEdge(f.rel, r, imp.line, label);
  }

  // Whether `name` is brought in by an explicit `use` of an item of src/ (then the reference is
  // recorded at the use line, not at every `Name::...` in the code).
  importedItem(ctx, name) {
    let found = false;
    for (const imp of ctx.imports) {
      if (imp.glob || imp.binding !== name) continue;
      const r = this.resolveImport(imp, true);
      if (r && r.kind === 'item') { imp.used = true; found = true; }
    }
    return found;
  }

  lookupWithoutGlobs(ctx, name) {
    if (ctx.children.has(name) || ctx.items.has(name)) return true;
    return ctx.imports.some((imp) => !imp.glob && imp.binding === name);
  }

  // A macro called by name that is not imported: macro_rules! textual scope.
  macroByName(f, name) {
    const defs = this.macros.get(name);
    if (!defs || defs.length === 0) return null;
    if (defs.some((d) => d.file === f.rel)) return null;
    const d = defs[0];
    if (defs.length > 1) this.notes.push(`${f.rel}: macro ${name}! is defined in several files (${defs.map((x) => x.file).join(', ')}); using ${d.file}`);
    return { kind: 'item', item: { name, kind: 'macro', file: d.file, line: d.line } };
  }
}

// ---------------------------------------------------------------------------------------------
// Graphs

function tarjan(nodes, succ) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const sccs = [];
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of succ(v)) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      sccs.push(comp.sort());
    }
  };
  for (const v of nodes) if (!idx.has(v)) strong(v);
  return sccs.filter((c) => c.length > 1).sort((a, b) => a[0].localeCompare(b[0]));
}

// A shortest cycle through the first node of an SCC, for the report.
function exampleCycle(comp, succ) {
  const inComp = new Set(comp);
  const start = comp[0];
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of succ(v)) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const cycle = [start];
        for (let x = v; x !== start; x = prev.get(x)) cycle.splice(1, 0, x);
        cycle.push(start);
        return cycle;
      }
      if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
    }
  }
  return comp;
}

const topModuleOf = (rel) => {
  const parts = rel.replace(/^src\//, '').split('/');
  return parts.length === 1 ? parts[0].replace(/\.rs$/, '') : parts[0];
};

// "12 (use crate::x::{A, B}), 40 (x::f)": the references of one edge, by line.
function fmtRefs(list) {
  const byLine = new Map();
  for (const x of list) {
    if (!byLine.has(x.line)) byLine.set(x.line, []);
    byLine.get(x.line).push(x.label);
  }
  return [...byLine.keys()].sort((a, b) => a - b).map((line) => {
    const groups = new Map(); // `use a::b::` prefix -> names, so one use line reads as written
    const plain = [];
    for (const label of byLine.get(line)) {
      const m = /^(use .*::)([^:]+)$/.exec(label);
      if (!m) { plain.push(label); continue; }
      if (!groups.has(m[1])) groups.set(m[1], []);
      groups.get(m[1]).push(m[2]);
    }
    const parts = [...groups].map(([prefix, names]) => (names.length === 1 ? prefix + names[0] : `${prefix}{${names.join(', ')}}`));
    return `${line} (${[...parts, ...plain].join('; ')})`;
  }).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Main

function listRustFiles(dir, rel = 'src') {
  const out = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    const r = `${rel}/${ent.name}`;
    if (ent.isDirectory()) out.push(...listRustFiles(p, r));
    else if (ent.isFile() && ent.name.endsWith('.rs')) out.push(r);
  }
  return out.sort();
}

function countLines(text) {
  if (text.length === 0) return 0;
  let n = countNewlines(text, 0, text.length);
  if (!text.endsWith('\n')) n++;
  return n;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = path.resolve(opts.root);
  const srcDir = path.join(root, 'src');
  if (!fs.existsSync(srcDir)) {
    console.error(`check-structure: no src/ directory in ${root}`);
    process.exit(2);
  }
  const out = [];
  const failures = [];
  const notes = [];
  const allFiles = listRustFiles(srcDir);

  // Rule 1: file size.
  const sizes = allFiles.map((rel) => ({ rel, lines: countLines(fs.readFileSync(path.join(root, rel), 'utf8')) }));
  sizes.sort((a, b) => b.lines - a.lines || a.rel.localeCompare(b.rel));
  const tooBig = sizes.filter((s) => s.lines > MAX_LINES && !Object.hasOwn(ALLOWED_LARGE_FILES, s.rel));
  const allowedBig = sizes.filter((s) => s.lines > MAX_LINES && Object.hasOwn(ALLOWED_LARGE_FILES, s.rel));
  for (const [rel, reason] of Object.entries(ALLOWED_LARGE_FILES)) {
    const s = sizes.find((x) => x.rel === rel);
    if (!s) notes.push(`ALLOWED_LARGE_FILES lists ${rel}, which does not exist (${reason})`);
    else if (s.lines <= MAX_LINES) notes.push(`ALLOWED_LARGE_FILES lists ${rel}, now ${s.lines} lines: the entry can go`);
  }
  out.push(`1. File size (at most ${MAX_LINES} lines per src/**/*.rs file, tests included): ${tooBig.length ? `FAIL, ${tooBig.length} file(s) too long` : 'ok'}`);
  for (const s of tooBig) out.push(`   FAIL ${s.rel}: ${s.lines} lines (limit ${MAX_LINES}; split it, or add it to ALLOWED_LARGE_FILES with a reason)`);
  for (const s of allowedBig) out.push(`   allowed ${s.rel}: ${s.lines} lines (${ALLOWED_LARGE_FILES[s.rel]})`);
  out.push(`   largest: ${sizes.slice(0, 6).map((s) => `${s.rel} ${s.lines}`).join(', ')}`);
  if (tooBig.length) failures.push(`${tooBig.length} file(s) over ${MAX_LINES} lines`);

  // Rule 2: import cycles.
  const an = new Analyzer(root);
  try {
    an.build();
    an.collect();
  } catch (e) {
    console.error(`check-structure: ${e.message}`);
    process.exit(2);
  }
  const graphFiles = [...an.files.values()].filter((f) => f.parsed && !f.module.isTest).map((f) => f.rel).sort();
  const unreached = allFiles.filter((rel) => !an.files.has(rel) && !an.isTestFile(rel));
  const declaredTest = allFiles.filter((rel) => !graphFiles.includes(rel) && !unreached.includes(rel));
  const fileSucc = (v) => [...(an.edges.get(v) || new Map()).keys()].sort();
  const fileCycles = tarjan(graphFiles, fileSucc);
  out.push('');
  out.push(`2a. Import cycles between files (${graphFiles.length} files in the graph, ${declaredTest.length} test files ignored): ${fileCycles.length ? `FAIL, ${fileCycles.length} cycle(s)` : 'none'}`);
  fileCycles.forEach((comp, n) => {
    out.push(`   cycle ${n + 1} (${comp.length} files): ${comp.join(', ')}`);
    out.push(`     e.g. ${exampleCycle(comp, fileSucc).join(' -> ')}`);
    for (const a of comp) {
      for (const [b, refs] of an.edges.get(a) || []) {
        if (comp.includes(b)) out.push(`     ${a} -> ${b}: line ${fmtRefs(refs)}`);
      }
    }
  });
  if (fileCycles.length) failures.push(`${fileCycles.length} import cycle(s) between files`);

  // Module graph.
  const modEdges = new Map(); // a -> Map(b -> [`file:line -> file (label)`])
  const modules = new Set();
  for (const rel of graphFiles) {
    const m = topModuleOf(rel);
    if (rel === an.rootRel || MODULE_GRAPH_EXCLUDED.has(m)) continue;
    modules.add(m);
    for (const [to, refs] of an.edges.get(rel) || []) {
      const mt = topModuleOf(to);
      if (to === an.rootRel || MODULE_GRAPH_EXCLUDED.has(mt) || mt === m) continue;
      if (!modEdges.has(m)) modEdges.set(m, new Map());
      const mm = modEdges.get(m);
      if (!mm.has(mt)) mm.set(mt, []);
      for (const r of refs) mm.get(mt).push(`${rel}:${r.line} -> ${to} (${r.label})`);
    }
  }
  const modList = [...modules].sort();
  const modSucc = (v) => [...(modEdges.get(v) || new Map()).keys()].sort();
  const modCycles = tarjan(modList, modSucc);
  out.push('');
  out.push(`2b. Import cycles between top-level modules (${modList.length} modules; ${[...MODULE_GRAPH_EXCLUDED].filter((m) => allFiles.some((r) => topModuleOf(r) === m)).map((m) => `${m}.rs`).join(', ')} left out): ${modCycles.length ? `FAIL, ${modCycles.length} cycle(s)` : 'none'}`);
  modCycles.forEach((comp, n) => {
    out.push(`   cycle ${n + 1} (${comp.length} modules): ${comp.join(', ')}`);
    out.push(`     e.g. ${exampleCycle(comp, modSucc).join(' -> ')}`);
    for (const a of comp) {
      for (const [b, refs] of modEdges.get(a) || []) {
        if (!comp.includes(b)) continue;
        out.push(`     ${a} -> ${b}:`);
        for (const r of refs.sort((x, y) => x.localeCompare(y, 'en', { numeric: true }))) out.push(`       ${r}`);
      }
    }
  });
  if (modCycles.length) failures.push(`${modCycles.length} import cycle(s) between top-level modules`);

  out.push('');
  out.push('Top-level module dependencies (module -> modules it uses):');
  const width = Math.max(0, ...modList.map((m) => m.length));
  for (const m of modList) out.push(`   ${m.padEnd(width)} -> ${modSucc(m).join(', ') || '(none)'}`);

  if (opts.edges) {
    out.push('');
    out.push('File dependencies (file -> file: referencing lines):');
    for (const a of graphFiles) {
      for (const b of fileSucc(a)) out.push(`   ${a} -> ${b}: line ${fmtRefs(an.edges.get(a).get(b))}`);
    }
  }

  for (const rel of unreached) notes.push(`${rel} is not reached from ${an.rootRel} by \`mod\` declarations (not compiled); not analysed`);
  notes.push(...an.notes, ...[...new Set(an.unresolved)]);
  if (notes.length) {
    out.push('');
    out.push('Notes:');
    for (const n of notes) out.push(`   ${n}`);
  }

  out.push('');
  if (failures.length) {
    out.push(`check-structure: FAILED: ${failures.join('; ')}.`);
    console.log(out.join('\n'));
    process.exit(1);
  }
  out.push(`check-structure: ok: ${allFiles.length} files, none over ${MAX_LINES} lines${allowedBig.length ? ` but the ${allowedBig.length} in ALLOWED_LARGE_FILES` : ''}; no import cycle among ${graphFiles.length} files nor among ${modList.length} top-level modules.`);
  console.log(out.join('\n'));
}

main();
