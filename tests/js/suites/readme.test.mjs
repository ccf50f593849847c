// The README's runnable examples (fenced as ```js node-test) run against the installed package,
// and what they print must match the `// expected` comments on their console.log lines, so the
// README cannot rot. So do those of the documents that took examples over from the README.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { installed } from '../lib/helpers.mjs';

const DOCUMENTS = ['README.md', 'docs/API.md'];
const blocks = DOCUMENTS.flatMap((doc) => {
  const text = fs.readFileSync(new URL(`../../../${doc}`, import.meta.url), 'utf8');
  return [...text.matchAll(/```js node-test\n([\s\S]*?)```/g)].map((m, n) => ({ doc, n, code: m[1] }));
});

test('the README has runnable examples', () => {
  const inReadme = blocks.filter((b) => b.doc === 'README.md').length;
  assert.ok(inReadme >= 3, `only ${inReadme} node-test blocks in the README`);
});

blocks.forEach(({ doc, n, code }, i) => {
  const first = code.split('\n').find((l) => l.trim() && !l.startsWith('import')) ?? '';
  test(`${doc} example ${n + 1}: ${first.trim().slice(0, 60)}`, () => {
    const expected = code
      .split('\n')
      .filter((l) => /console\.log\(.*\/\/ /.test(l))
      .map((l) => l.slice(l.lastIndexOf('// ') + 3).trim());
    assert.ok(expected.length > 0, 'an example without an expected output checks nothing');
    const file = path.join(installed.project, `readme-${i}.mjs`);
    fs.writeFileSync(file, code);
    let out;
    try {
      out = execFileSync(process.execPath, [file], { cwd: installed.project, encoding: 'utf8' });
    } finally {
      fs.rmSync(file, { force: true });
    }
    const lines = out.trim().split('\n').map((l) => l.trim());
    assert.deepEqual(lines, expected);
  });
});
