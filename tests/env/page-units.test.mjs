// The decoder page's pure modules, in Node: the JSON error locator, key box parsing, token
// extraction, relative times (the same words as inspect()), sizes (and the line above which a
// link's token waits, inspect()'s large-token line), the examples (signed with jwtlens/sign, each
// one verifies with the key it fills in) and key generation (jwtlens/sign). Uses the built package
// in pkg/: jwtlens for inspect/verify, jwtlens/sign for signing.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT } from './lib.mjs';

const www = (name) => import(pathToFileURL(path.join(ROOT, 'www', name)).href);
const { findJsonError, parseJson, parseJsonObject } = await www('json.js');
const { decodeSecret, extractToken, readKey, publicPart, hmacKeyBytes } = await www('keys.js');
const { relativeTime, timeState, sortFindings, segmentNames, byteSize, utf8Length } = await www('render.js');
const { CONFIRM_TOKEN_BYTES } = await www('app.js');

async function pkg(entry = 'node-entry.js') {
  const file = path.join(ROOT, 'pkg', entry);
  if (!fs.existsSync(file)) throw new Error(`no pkg/${entry}: run \`make pkg\` first`);
  return import(pathToFileURL(file).href);
}
/** jwtlens/sign, Node entry. */
const signPkg = () => pkg('sign/node-entry.js');

test('json: the error locator points at the line and column', () => {
  assert.equal(findJsonError('{"a": [1, 2, {"b": null}], "c": "\\u00e9\\n"}'), null);
  const cases = [
    ['{\n  "a": 1,\n  "b" 2\n}', 3, 7, /expected ":" after the member name/],
    ['{\n  "a": 1,\n}', 3, 1, /trailing comma before "}"/],
    ['[1, 2,]', 1, 7, /trailing comma before "]"/],
    ["{'a': 1}", 1, 2, /double quotes/],
    ['{"a": "x\ny"}', 1, 9, /line break or control character inside a string/],
    ['{"a": "x', 1, 9, /not closed/],
    ['{"a": 01}', 1, 8, /expected "," or "}"/],
    ['{"a": tru}', 1, 7, /unexpected "t" where a value was expected/],
    ['{"a": 1} x', 1, 10, /after the end of the JSON value/],
    ['{"a": "\\x"}', 1, 8, /invalid escape/],
    ['', 1, 1, /the text ends where a value was expected/],
    ['{"a": -}', 1, 7, /invalid number/],
  ];
  for (const [text, line, column, message] of cases) {
    const r = parseJson(text);
    assert.equal(r.ok, false, text);
    assert.equal(JSON.stringify([r.line, r.column]), JSON.stringify([line, column]), `${JSON.stringify(text)}: ${r.message}`);
    assert.match(r.message, message, text);
  }
  assert.match(findJsonError('['.repeat(600) + ']'.repeat(600)).message, /nested more than 512 levels/);
  const notObject = parseJsonObject('\n  [1]');
  assert.equal(notObject.ok, false);
  assert.equal(notObject.line, 2);
  assert.match(notObject.message, /not an array/);
  assert.deepEqual(parseJsonObject('{"x": 1}'), { ok: true, value: { x: 1 } });
});

test('keys: secrets in four encodings, strictly', () => {
  const bytes = crypto.randomBytes(32);
  assert.deepEqual(Buffer.from(decodeSecret(bytes.toString('hex'), 'hex')), bytes);
  assert.deepEqual(Buffer.from(decodeSecret(`0x${bytes.toString('hex').toUpperCase()}`, 'hex')), bytes);
  assert.deepEqual(Buffer.from(decodeSecret(bytes.toString('base64'), 'base64')), bytes);
  assert.deepEqual(Buffer.from(decodeSecret(bytes.toString('base64url'), 'base64url')), bytes);
  assert.deepEqual(Buffer.from(decodeSecret('héllo', 'utf8')), Buffer.from('héllo'));
  assert.throws(() => decodeSecret('abc', 'hex'), /odd number of digits/);
  assert.throws(() => decodeSecret('zz', 'hex'), /not hex/);
  assert.throws(() => decodeSecret('a-b_', 'base64'), /base64url\?/);
  assert.throws(() => decodeSecret('a+b/', 'base64url'), /base64\?/);
  assert.throws(() => decodeSecret('abcde', 'base64url'), /impossible/);
});

test('keys: what the key box holds', () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' });
  assert.deepEqual(readKey('', 'utf8'), { kind: 'empty' });
  assert.equal(readKey(`\n${pem}\n`, 'utf8').kind, 'pem');
  assert.equal(readKey(pem, 'utf8').private, false);
  assert.equal(readKey(privateKey.export({ type: 'pkcs8', format: 'pem' }), 'utf8').private, true);
  assert.match(readKey('-----BEGIN PUBLIC KEY-----\nAAAA', 'utf8').message, /incomplete PEM/);
  assert.match(readKey('-----BEGIN OPENSSH PRIVATE KEY-----\nA\n-----END OPENSSH PRIVATE KEY-----', 'utf8').message, /not a key jwtlens reads/);
  const jwk = publicKey.export({ format: 'jwk' });
  const k = readKey(JSON.stringify(jwk), 'utf8');
  assert.equal(k.kind, 'jwk');
  assert.equal(k.private, false);
  assert.match(k.summary, /JWK \(EC, P-256\)/);
  const priv = readKey(JSON.stringify(privateKey.export({ format: 'jwk' })), 'utf8');
  assert.equal(priv.private, true);
  assert.equal(publicPart(priv.input).d, undefined);
  assert.match(readKey(JSON.stringify({ keys: [jwk, jwk] }), 'utf8').summary, /JWKS with 2 keys/);
  assert.match(readKey('{"kty": "EC",\n"x" 1}', 'utf8').message, /invalid JSON at line 2, column 5/);
  assert.match(readKey('{"a": 1}', 'utf8').message, /neither a JWK/);
  const secret = readKey('  your-256-bit-secret\n', 'utf8');
  assert.equal(secret.kind, 'secret');
  assert.equal(secret.bytes, 19);
  assert.equal(hmacKeyBytes(secret), 19);
  assert.equal(hmacKeyBytes(readKey(JSON.stringify({ kty: 'oct', k: Buffer.alloc(48).toString('base64url') }), 'utf8')), 48);
  assert.equal(readKey('00', 'hex').bytes, 1);
  assert.match(readKey('0', 'hex').message, /odd number/);
});

test('keys: the token inside a pasted line', () => {
  assert.deepEqual(extractToken('  a.b.c \n'), { token: 'a.b.c', start: 2, prefix: '', hadHeaderName: false, hadBearer: false });
  assert.deepEqual(extractToken('Authorization: Bearer a.b.c'), { token: 'a.b.c', start: 22, prefix: 'Authorization: Bearer', hadHeaderName: true, hadBearer: true });
  assert.deepEqual(extractToken('bearer    a.b.c'), { token: 'a.b.c', start: 10, prefix: 'bearer', hadHeaderName: false, hadBearer: true });
  assert.equal(extractToken('Bearerish.b.c').token, 'Bearerish.b.c');
});

test('render: relative times use the same words as inspect()', async () => {
  const lib = await pkg();
  const now = 1_764_547_200;
  const b64u = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  for (const d of [0, 3, -4, 5, -5, 59, -60, 61, 3599, -3600, 7200, 86_399, -86_400, 3 * 86_400, 45 * 86_400, -400 * 86_400, 10 * 365 * 86_400]) {
    const token = `${b64u({ alg: 'none' })}.${b64u({ exp: now + d })}.`;
    const claim = lib.inspect(token, { now }).claims.find((c) => c.name === 'exp');
    assert.equal(relativeTime(now + d, now), claim.relative, `offset ${d}`);
  }
});

test('render: time states follow verify()', () => {
  assert.equal(timeState({ exp: 100 }, 100), 'expired');
  assert.equal(timeState({ exp: 100 }, 99.5), 'active');
  assert.equal(timeState({ exp: 100, nbf: 200 }, 150), 'expired');
  assert.equal(timeState({ nbf: 200 }, 150), 'not_yet_valid');
  assert.equal(timeState({ exp: '100' }, 150), 'no_expiry');
  assert.equal(timeState(null, 150), 'unknown');
  assert.deepEqual(segmentNames(5), ['header', 'encrypted key', 'IV', 'ciphertext', 'tag']);
  const order = sortFindings([
    { code: 'a', severity: 'info' }, { code: 'b', severity: 'critical' }, { code: 'c', severity: 'low' }, { code: 'd', severity: 'critical' },
  ]).map((f) => f.code);
  assert.deepEqual(order, ['b', 'd', 'c', 'a']);
});

test('render: sizes for people, counted in UTF-8 bytes', () => {
  const cases = [
    [0, '0 bytes'], [1, '1 byte'], [900, '900 bytes'], [1023, '1,023 bytes'], [1024, '1 KB'], [4097, '4 KB'], [5000, '4.9 KB'],
    [10_239, '10 KB'], [65_536, '64 KB'], [100_000, '98 KB'], [262_144, '256 KB'], [1_048_576, '1 MB'], [1_572_864, '1.5 MB'],
  ];
  for (const [bytes, text] of cases) assert.equal(byteSize(bytes), text, String(bytes));
  assert.equal(utf8Length(''), 0);
  assert.equal(utf8Length('eyJ.x'), 5);
  assert.equal(utf8Length('é€😀'), 2 + 3 + 4);
});

test('a link token is decoded at once exactly up to where inspect() says large-token', async () => {
  const lib = await pkg();
  assert.equal(CONFIRM_TOKEN_BYTES, 4096);
  const b64u = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const tokenOf = (bytes) => {
    const head = `${b64u({ alg: 'HS256' })}.`;
    const sig = `.${'A'.repeat(43)}`;
    // A payload of base64url "x"s: not JSON, which does not matter to the size finding.
    return head + 'x'.repeat(bytes - head.length - sig.length) + sig;
  };
  const large = (t) => lib.inspect(t).findings.some((f) => f.code === 'large-token');
  assert.equal(tokenOf(CONFIRM_TOKEN_BYTES).length, CONFIRM_TOKEN_BYTES);
  assert.equal(large(tokenOf(CONFIRM_TOKEN_BYTES)), false);
  assert.equal(large(tokenOf(CONFIRM_TOKEN_BYTES + 1)), true);
});

test('examples: each one is what its label says, and verifies with the key it fills in', async () => {
  const lib = await pkg();
  const signer = await signPkg();
  const { EXAMPLES } = await www('examples.js');
  const now = Math.floor(Date.now() / 1000);
  const expected = {
    'hs256-jwtio': ['JWS', 'no_expiry', 'HS256'],
    'rs256-pem': ['JWS', 'active', 'RS256'],
    'es256-jwk': ['JWS', 'active', 'ES256'],
    'eddsa-jwks': ['JWS', 'active', 'EdDSA'],
    expired: ['JWS', 'expired', 'HS256'],
    'alg-none': ['unsecured', 'no_expiry', 'none'],
    jwe: ['JWE', 'unknown', 'dir'],
    // real tokens of a past run: active until their exp, expired after (checked below)
    'workers-auth-access': ['JWS', null, 'EdDSA'],
    'workers-auth-refresh': ['JWS', null, 'EdDSA'],
    sensitive: ['JWS', 'active', 'HS256'],
  };
  assert.deepEqual(EXAMPLES.map((e) => e.id), Object.keys(expected));
  for (const example of EXAMPLES) {
    const { token, key, encoding } = example.build(signer, now);
    const report = lib.inspect(token, { now });
    const [kind, fixedState, alg] = expected[example.id];
    const state = fixedState ?? (report.payload.exp <= now ? 'expired' : 'active');
    assert.deepEqual([report.kind, report.status.state, report.header.alg], [kind, state, alg], example.id);
    if (kind !== 'JWS') {
      assert.equal(key, '', example.id);
      continue;
    }
    const input = readKey(key, encoding);
    assert.ok(['pem', 'jwk', 'jwks', 'secret'].includes(input.kind), `${example.id}: ${input.message}`);
    lib.verifyJws(token, input.input, { algorithms: [alg], allowShortSecrets: example.id === 'hs256-jwtio' });
    if (example.id === 'eddsa-jwks') assert.equal(input.input.keys.length, 4);
    if (example.id === 'rs256-pem') assert.equal(input.label, 'PUBLIC KEY');
    if (example.id === 'es256-jwk') assert.equal(input.input.d, undefined, 'the ES256 example fills in the public key');
  }
  // the workers-auth examples are the tokens of examples/workers-auth/sample-tokens.json
  const { WORKERS_AUTH_SAMPLES } = await www('examples.js');
  const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/workers-auth/sample-tokens.json'), 'utf8'));
  assert.deepEqual(WORKERS_AUTH_SAMPLES, { access_token: sample.access_token, refresh_token: sample.refresh_token, jwks: sample.jwks });
  assert.equal(lib.decode(WORKERS_AUTH_SAMPLES.access_token).header.typ, 'at+jwt');
  assert.equal(lib.decode(WORKERS_AUTH_SAMPLES.refresh_token).header.typ, 'refresh+jwt');
  const sensitive = lib.inspect(EXAMPLES.find((e) => e.id === 'sensitive').build(signer, now).token, { now });
  assert.ok(sensitive.findings.filter((f) => f.code === 'sensitive-data').length >= 3);
});

test('keygen: what the editor generates with jwtlens/sign verifies with jwtlens (Ed25519 and EdDSA, EC, RSA, HMAC)', async () => {
  const lib = await pkg();
  const signer = await signPkg();
  const { generateWith } = await www('keygen.js');
  for (const alg of ['Ed25519', 'EdDSA', 'ES256', 'RS256']) {
    const { privateJwk, publicJwk, publicPem } = generateWith(signer, alg);
    assert.equal(publicJwk.alg, alg);
    assert.equal(publicJwk.d, undefined, alg);
    assert.match(publicPem, /^-----BEGIN PUBLIC KEY-----\n/, alg);
    const token = signer.sign({ sub: alg }, privateJwk, { alg, expiresIn: 60 });
    for (const key of [publicJwk, publicPem]) assert.equal(lib.verify(token, key, { algorithms: [alg] }).payload.sub, alg);
  }
  const { secret } = generateWith(signer, 'HS384');
  assert.match(secret, /^[A-Za-z0-9_-]{64}$/, '48 bytes as base64url');
  const bytes = decodeSecret(secret, 'base64url');
  assert.equal(lib.verify(signer.sign({ sub: 'hs' }, bytes, { alg: 'HS384', expiresIn: 60 }), bytes, { algorithms: ['HS384'] }).payload.sub, 'hs');
});
