#!/usr/bin/env node
// Print the size of each file given: raw, gzip -9 and brotli (quality 11), in bytes.
//   node scripts/sizes.mjs pkg/jwtlens_bg.wasm [more files]
import fs from 'node:fs';
import zlib from 'node:zlib';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/sizes.mjs FILE...');
  process.exit(2);
}
for (const file of files) {
  const buf = fs.readFileSync(file);
  const gzip = zlib.gzipSync(buf, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
  const fmt = (n) => n.toLocaleString('en-US');
  console.log(`size: ${file}: raw ${fmt(buf.length)} B, gzip -9 ${fmt(gzip)} B, brotli q11 ${fmt(brotli)} B`);
}
