// Writes the seed corpora of the fuzz targets from the test vectors, the conformance sample and
// the fixed keys: node fuzz/seeds.mjs OUT_DIR  →  OUT_DIR/<target>/<sha1 of the seed>.
// The directory is rebuilt from scratch each time (it is read-only input to libFuzzer; the
// growing corpus lives next to it, see fuzz/run.sh). Input layouts per target: fuzz_targets/*.rs.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: node fuzz/seeds.mjs OUT_DIR');
  process.exit(2);
}
const MAX_SEED = 8192;
const TARGETS = ['decode', 'verify', 'verify_signed', 'key_pem', 'key_jwk', 'inspect', 'base64url', 'json', 'structured', 'rsa_verify'];
const seeds = new Map(TARGETS.map((t) => [t, new Map()]));

const bytes = (x) => (typeof x === 'string' ? Buffer.from(x, 'utf8') : Buffer.from(x));
function add(target, ...parts) {
  const buf = Buffer.concat(parts.map(bytes));
  if (buf.length > MAX_SEED) return;
  seeds.get(target).set(createHash('sha1').update(buf).digest('hex'), buf);
}

const ALGS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const LABELS = ['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE', 'PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];
const TOKEN = /^[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*){2,4}$/;

function fromToken(t) {
  add('decode', t);
  add('decode', `Bearer ${t}\n`);
  add('inspect', [0], t);
  add('inspect', [4], t);
  for (let sel = 0; sel < 8; sel++) add('verify', [sel], t);
  add('verify', [0x08 | 0x10], t);
  const parts = t.split('.');
  for (const p of parts) add('base64url', p);
  if (parts.length === 3) {
    try {
      const header = Buffer.from(parts[0], 'base64url');
      const payload = Buffer.from(parts[1], 'base64url');
      add('json', header);
      add('json', payload);
      const alg = JSON.parse(header.toString('utf8')).alg;
      const i = Math.max(0, ALGS.indexOf(alg));
      add('verify_signed', [i, 0x01], header, [0], payload);
      add('verify_signed', [i, 0x3f], header, [0], payload);
      add('verify_signed', [i | 0x80, 0x01], header, [0], payload);
    } catch {
      // not JSON inside: still a decode/inspect/verify seed
    }
  }
}

function fromPem(pem) {
  add('key_pem', [6], pem);
  add('key_pem', [7], `  ${pem.replace(/\n/g, '\r\n')}`);
  const m = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (m !== null) {
    const i = LABELS.indexOf(m[1]);
    if (i >= 0) add('key_pem', [i], Buffer.from(m[2].replace(/\s+/g, ''), 'base64'));
  }
}

const jwks = [];
function fromJwk(obj) {
  const text = JSON.stringify(obj);
  add('key_jwk', text);
  add('json', text);
  if (Array.isArray(obj.keys)) return;
  jwks.push(obj);
  const pub = { ...obj };
  for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) delete pub[m];
  add('key_jwk', JSON.stringify(pub));
  add('key_jwk', JSON.stringify({ keys: [{ ...pub, kid: 'k1' }] }));
  // Private members that are short, zero or missing (a zero RSA "d" without primes once panicked
  // in rsa's prime recovery; bench/stress.mjs found it, tests/regressions.rs keeps it).
  if (obj.kty !== 'oct') {
    for (const d of ['', 'AA', 'AQ', 'AAAA', 'Ag']) {
      add('key_jwk', JSON.stringify({ ...pub, d }));
      if (obj.kty === 'RSA') add('key_jwk', JSON.stringify({ ...pub, d, p: d, q: 'AQ' }));
    }
  }
}

function walk(v) {
  if (typeof v === 'string') {
    if (v.includes('-----BEGIN')) fromPem(v);
    else if (TOKEN.test(v) && v.length > 10) fromToken(v);
    else if (/^\s*[[{]/.test(v)) add('json', v);
  } else if (Array.isArray(v)) {
    for (const x of v) walk(x);
  } else if (v !== null && typeof v === 'object') {
    if (typeof v.kty === 'string' || Array.isArray(v.keys)) fromJwk(v);
    if (Array.isArray(v.algorithms)) add('json', JSON.stringify({ ...v, now: 1700000000 }));
    for (const x of Object.values(v)) walk(x);
  }
}

for (const f of readdirSync(join(root, 'tests/vectors')).filter((f) => f.endsWith('.json')).sort()) {
  walk(JSON.parse(readFileSync(join(root, 'tests/vectors', f), 'utf8')));
}
walk(JSON.parse(readFileSync(join(root, 'tests/conformance/cases-sample.json'), 'utf8')));
for (const f of readdirSync(join(here, 'keys')).sort()) {
  const text = readFileSync(join(here, 'keys', f), 'utf8');
  if (f.endsWith('.pem')) fromPem(text);
  else walk(JSON.parse(text));
}
// A few key sets mixing what the vectors hold.
for (let i = 0; i + 1 < jwks.length; i += 2) add('key_jwk', JSON.stringify({ keys: [jwks[i], jwks[i + 1]] }));

// Hand-written edge cases: the limits and the classic parser traps.
const json = [
  '{}', '[]', '1e400', '-0', '12345678901234567890', '"\\ud83d\\ude00"', '"\\ud800"', '"\\udc00x"',
  '{"a":1,"a":2}', '{"a":1,"\\u0061":2}', `${'['.repeat(64)}${']'.repeat(64)}`, `${'['.repeat(65)}${']'.repeat(65)}`,
  `${'{"a":'.repeat(64)}1${'}'.repeat(64)}`, '{"exp":1e400,"nbf":-1e400,"iat":"x"}', '\ufeff{}', '{"a":"\u0000"}',
  '{"algorithms":["HS256"],"now":1700000000,"maxTokenBytes":1e400,"clockTolerance":0.5}',
  '{"alg":"ES256","header":{"kid":"k"},"expiresIn":60,"issuedAt":true,"now":1700000000}',
];
for (const j of json) add('json', j);
for (const s of ['', 'A', 'AA', 'AB', 'AAA', 'AAB', 'AAAA', 'A===', 'a+b/', 'YQ', 'YR', 'ab c', '_-_-']) add('base64url', s);
for (const t of ['', '.', '..', '...', 'a.b.c', 'e30.e30.', 'e30.e30.e30.e30.e30', 'bearer   e30.e30.', 'eyJhbGciOiJub25lIn0.e30.']) {
  add('decode', t);
  add('inspect', [0], t);
  add('verify', [0], t);
}
const claims = [
  '{"exp":1700000600}', '{"exp":1699999999}', '{"exp":1700000600,"nbf":1700000100}',
  '{"exp":1700000600,"iat":1690000000}', '{"exp":"1700000600"}', '{"exp":1700000600000}',
  '{"iss":"joe","aud":["x","api"],"sub":"user-42","exp":1700000600,"iat":1699999000,"nbf":1699999000,"jti":"1"}',
  '{"aud":7,"exp":null}',
];
const headers = ['{"alg":"HS256"}', '{"alg":"ES256","typ":"at+jwt","kid":"p256"}', '{"alg":"EdDSA","crit":["exp-ext"],"exp-ext":1}',
  '{"alg":"RS256","kid":"rsa","b64":false,"crit":["b64"]}', '{"alg":"PS256","jwk":{"kty":"oct","k":"AA"}}', '{"alg":"none"}'];
for (const [i, h] of headers.entries()) {
  for (const c of claims) {
    add('verify_signed', [i, 0x00], h, [0], c);
    add('verify_signed', [i, 0xff], h, [0], c);
    add('verify_signed', [i | 0x80, i], h, [0], c);
  }
}
for (const c of claims) add('verify_signed', [3, 0x1e], c);

// structured: [shape, count hi, count lo, unit length] + unit text; each shape at a small and a
// large count, with units that are sensitive names, card numbers and plain letters.
for (let shape = 0; shape < 8; shape++) {
  for (const [hi, lo] of [[0, 3], [0x10, 0], [0xff, 0xff]]) {
    for (const [len, unit] of [[0, 'a'], [255, 'a'], [4, 'password'], [1, '4222222222222'], [40, 'val_'], [8, 'kid']]) add('structured', [shape, hi, lo, len], unit);
  }
}

// rsa_verify: byte 0 = key (bit 0), mode (bits 1-2), padding and hash (bits 3-5); byte 1 splits
// message and signature (mode 0), bytes 1-2 pick the flipped bit (mode 2). Every mode, both keys,
// each padding/hash pair, with a JWS signing input as the message.
for (let sel = 0; sel < 64; sel++) {
  add('rsa_verify', [sel, 0x40, 0x07], 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0');
  add('rsa_verify', [sel, 0xf0, 0x00], Buffer.alloc(300, sel));
}

rmSync(out, { recursive: true, force: true });
let total = 0;
for (const [target, m] of seeds) {
  const dir = join(out, target);
  mkdirSync(dir, { recursive: true });
  for (const [name, buf] of m) writeFileSync(join(dir, name), buf);
  total += m.size;
  console.log(`seeds: ${target} ${m.size}`);
}
console.log(`seeds: ${total} files in ${out}`);
