// Recovery from a wasm trap (issue 15), in Node against the packed tarball, for the three entries:
// jwtlens, jwtlens/lite and jwtlens/sign (each over its own wasm). Each kind of trap is forced
// through the entry's own test hook (the hidden `__jwtlens_test_trap` export, called through the JS
// layer's recovery path): the call throws ERR_JWTLENS_INTERNAL with the trap as `cause`, the counter
// counts it, the next calls run on a fresh instance, a Key (or SigningKey) made before is refused
// with a clear error, the other entries and their keys are untouched, and a remote JWKS set
// re-imports its keys by itself. node --test runs each file in its own process, so these traps
// stay here.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { m, s, lite, installed, NOW, at, claims, fixtures, hmacSecret, joseSign, throwsJwt, throwsType } from '../lib/helpers.mjs';

const internals = () => globalThis[Symbol.for('jwtlens.internals')];
const KINDS = [
  [0, 'a panic', 'RuntimeError', /unreachable/],
  [1, 'an allocation that cannot be satisfied', 'RuntimeError', /unreachable/],
  [2, 'the shadow stack running out', 'RuntimeError', /out of bounds/],
  [3, 'the wasm call stack running out', 'RangeError', /call stack/],
];

const STALE = /reset .*import it again/;

/** Forces a trap of `kind` in the entry `name`; returns the error it threw. */
function trap(name, kind) {
  const before = internals().recoveredTraps;
  const e = throwsJwt(() => internals().entries.get(name).testTrap(kind), 'ERR_JWTLENS_INTERNAL', { message: /trapped/ });
  assert.equal(internals().recoveredTraps, before + 1, 'the recovery is counted');
  return e;
}

/** The other entries' keys, made before a trap in `name`: each must still work after it. */
function otherEntriesKeys(name) {
  const made = [];
  for (const [other, mod] of [['jwtlens', m], ['jwtlens/lite', lite]]) {
    if (other !== name) made.push({ what: `${other} Key`, key: mod.importKey(hmacSecret, 'HS256'), check: (k, token) => assert.equal(mod.verify(token, k, at('HS256')).payload.sub, 'user-42') });
  }
  if (name !== 'jwtlens/sign') {
    made.push({ what: 'jwtlens/sign SigningKey', key: s.importSigningKey(hmacSecret, 'HS256'), check: (k) => assert.equal(m.verify(s.sign(claims(), k, { alg: 'HS256' }), hmacSecret, at('HS256')).payload.sub, 'user-42') });
  }
  return made;
}

for (const [name, mod, full] of [['jwtlens', m, true], ['jwtlens/lite', lite, false]]) {
  describe(`${name}: recovery from a trap`, () => {
    for (const [kind, what, causeName, causeMessage] of KINDS) {
      test(`${what}: ERR_JWTLENS_INTERNAL with the trap as cause; then everything works on a fresh instance`, async () => {
        const hsKey = mod.importKey(hmacSecret, 'HS256');
        const hs = s.sign(claims(), hmacSecret, { alg: 'HS256' });
        assert.equal(mod.verify(hs, hsKey, at('HS256')).payload.sub, 'user-42');
        const verifier = mod.createVerifier(hsKey, { algorithms: ['HS256'] });
        assert.equal(verifier(hs, { currentDate: NOW }).payload.sub, 'user-42');

        const e = trap(name, kind);
        assert.equal(e.cause?.name, causeName);
        assert.match(e.cause.message, causeMessage);
        assert.ok(kind === 3 ? e.cause instanceof RangeError : e.cause instanceof WebAssembly.RuntimeError);
        assert.match(e.message, /import(ed)? .*again/);

        // the same process goes on: decode, verify, verifyJws, inspect
        assert.equal(mod.decode(hs).payload.sub, 'user-42');
        assert.equal(mod.verify(hs, hmacSecret, at('HS256')).payload.sub, 'user-42');
        assert.equal(JSON.parse(Buffer.from(mod.verifyJws(hs, hmacSecret, { algorithms: ['HS256'] }).payload)).sub, 'user-42');
        assert.equal(mod.inspect(hs, { now: NOW }).kind, 'JWS');
        const signed = s.sign({ sub: 'after', exp: NOW + 60 }, hmacSecret, { alg: 'HS256' });
        assert.equal(mod.verify(signed, hmacSecret, at('HS256')).payload.sub, 'after');
        throwsJwt(() => mod.verify(`${hs.slice(0, -2)}AA`, hmacSecret, at('HS256')), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
        // the stubs still say where signing is (a TypeError, no trap)
        throwsType(() => mod.sign({ sub: 'x' }, hmacSecret, { alg: 'HS256' }), /jwtlens\/sign/);
        if (full) {
          const rs = await joseSign('RS256', claims());
          assert.equal(mod.verify(rs, fixtures.rsa.spki, at('RS256')).payload.sub, 'user-42');
          const es = s.sign(claims(), fixtures.p256.pkcs8, { alg: 'ES256' });
          assert.equal(mod.verify(es, fixtures.p256.publicJwk, at('ES256')).payload.sub, 'user-42');
          assert.equal(mod.verify(es, fixtures.p256.sec1, at('ES256')).payload.sub, 'user-42');
        }

        // a Key made before the trap: a clear error, never the new instance's memory
        assert.throws(() => mod.verify(hs, hsKey, at('HS256')), (err) => err instanceof TypeError && STALE.test(err.message));
        assert.throws(() => mod.verifyJws(hs, hsKey, { algorithms: ['HS256'] }), (err) => err instanceof TypeError && STALE.test(err.message));
        assert.throws(() => mod.importKey(hsKey), STALE);
        hsKey.free(); // frees nothing in the new instance
        hsKey.free();
        const again = mod.importKey(hmacSecret, 'HS256');
        assert.equal(mod.verify(hs, again, at('HS256')).payload.sub, 'user-42');
        again.free();
        // a verifier made before the trap: the same (its handle died with the old instance)
        assert.throws(() => verifier(hs, { currentDate: NOW }), (err) => err instanceof TypeError && /reset .*create it again/.test(err.message));
        verifier.free(); // frees nothing in the new instance
        verifier.free();
        const verifierAgain = mod.createVerifier(hmacSecret, { algorithms: ['HS256'] });
        assert.equal(verifierAgain(hs, { currentDate: NOW }).payload.sub, 'user-42');
        verifierAgain.free();
      });
    }

    test('a trap in one entry leaves the other entries and their keys alone', () => {
      const hs = s.sign(claims(), hmacSecret, { alg: 'HS256' });
      const others = otherEntriesKeys(name);
      trap(name, 0);
      for (const { what, key, check } of others) {
        assert.doesNotThrow(() => check(key, hs), what);
        key.free();
      }
    });

    test('many traps in a row: each recovered, the module keeps working and its memory does not grow', () => {
      const hs = s.sign(claims(), hmacSecret, { alg: 'HS256' });
      for (let i = 0; i < 40; i++) {
        trap(name, i % 4);
        assert.equal(mod.verify(hs, hmacSecret, at('HS256')).payload.sub, 'user-42');
      }
    });

    test('kinds the hook does not know return normally and count nothing', () => {
      const before = internals().recoveredTraps;
      assert.equal(internals().entries.get(name).testTrap(99), 0);
      assert.equal(internals().recoveredTraps, before);
    });
  });
}

describe('jwtlens/sign: recovery from a trap', () => {
  const name = 'jwtlens/sign';
  const ed = fixtures.ed25519;

  for (const [kind, what, causeName, causeMessage] of KINDS) {
    test(`${what}: ERR_JWTLENS_INTERNAL with the trap as cause; then everything works on a fresh instance`, () => {
      const hsKey = s.importSigningKey(hmacSecret, 'HS256');
      const edKey = s.importSigningKey({ ...ed.privateJwk, kid: 'ed-1' });
      assert.equal(m.verify(s.sign(claims(), hsKey, { alg: 'HS256' }), hmacSecret, at('HS256')).payload.sub, 'user-42');

      const e = trap(name, kind);
      assert.equal(e.cause?.name, causeName);
      assert.match(e.cause.message, causeMessage);
      assert.ok(kind === 3 ? e.cause instanceof RangeError : e.cause instanceof WebAssembly.RuntimeError);
      assert.ok(e instanceof m.JwtError && e instanceof s.JwtError);
      assert.match(e.message, /import(ed)? .*again/);

      // the same process goes on: every function of the entry, checked by jwtlens
      const signed = s.sign({ sub: 'after', exp: NOW + 60 }, hmacSecret, { alg: 'HS256' });
      assert.equal(m.verify(signed, hmacSecret, at('HS256')).payload.sub, 'after');
      const jws = s.signJws('after', ed.pkcs8, { alg: 'Ed25519' });
      assert.equal(Buffer.from(m.verifyJws(jws, ed.spki, { algorithms: ['Ed25519'] }).payload).toString(), 'after');
      assert.deepEqual(s.publicJwk(ed.pkcs8), { kty: 'OKP', crv: 'Ed25519', x: ed.publicJwk.x });
      const pair = s.generateKeyPair('ES256');
      assert.equal(m.verify(s.sign(claims(), pair.privateJwk, { alg: 'ES256' }), s.toPem(pair.publicJwk), at('ES256')).payload.sub, 'user-42');
      assert.equal(s.generateSecret('HS384').length, 48);
      throwsJwt(() => s.sign({}, new Uint8Array(8), { alg: 'HS256' }), 'ERR_JOSE_ALG_NOT_ALLOWED');

      // a SigningKey made before the trap: a clear error, never the new instance's memory
      for (const key of [hsKey, edKey]) {
        assert.throws(() => s.sign(claims(), key, { alg: key === hsKey ? 'HS256' : 'EdDSA' }), (err) => err instanceof TypeError && STALE.test(err.message) && /importSigningKey/.test(err.message));
        assert.throws(() => s.signJws('x', key, { alg: key === hsKey ? 'HS256' : 'EdDSA' }), STALE);
        assert.throws(() => s.importSigningKey(key), STALE);
        key.free(); // frees nothing in the new instance
        key.free();
      }
      assert.throws(() => s.publicJwk(edKey), /freed/);
      const again = s.importSigningKey({ ...ed.privateJwk, kid: 'ed-1' });
      assert.deepEqual(s.publicJwk(again), { ...ed.publicJwk, kid: 'ed-1' });
      assert.equal(m.verify(s.sign(claims(), again, { alg: 'EdDSA' }), ed.spki, at('EdDSA')).protectedHeader.kid, 'ed-1');
      again.free();
    });
  }

  test('a SigningKey made before a trap is refused by publicJwk() too', () => {
    const key = s.importSigningKey(ed.pkcs8);
    trap(name, 0);
    assert.throws(() => s.publicJwk(key), (err) => err instanceof TypeError && STALE.test(err.message));
    key.free();
  });

  test('a trap in jwtlens/sign leaves jwtlens, jwtlens/lite and their keys alone', () => {
    const hs = s.sign(claims(), hmacSecret, { alg: 'HS256' });
    const others = otherEntriesKeys(name);
    const rsKey = m.importKey(fixtures.rsa.spki, 'RS256');
    trap(name, 1);
    for (const { what, key, check } of others) {
      assert.doesNotThrow(() => check(key, hs), what);
      key.free();
    }
    assert.equal(m.verify(s.sign(claims(), fixtures.rsa.pkcs1Private, { alg: 'RS256' }), rsKey, at('RS256')).payload.sub, 'user-42');
    rsKey.free();
  });

  test('many traps in a row: each recovered, the module keeps working and its memory does not grow', () => {
    for (let i = 0; i < 40; i++) {
      trap(name, i % 4);
      assert.equal(m.verify(s.sign(claims({ n: i }), hmacSecret, { alg: 'HS256' }), hmacSecret, at('HS256')).payload.n, i);
    }
  });

  test('kinds the hook does not know return normally and count nothing', () => {
    const before = internals().recoveredTraps;
    assert.equal(internals().entries.get(name).testTrap(99), 0);
    assert.equal(internals().recoveredTraps, before);
  });
});

test('the recovery hooks: one per entry, under the names of the entries (the verifying ones also carry the bench hooks)', () => {
  assert.deepEqual([...internals().entries.keys()].sort(), ['jwtlens', 'jwtlens/lite', 'jwtlens/sign']);
  for (const [entry, hook] of internals().entries) {
    assert.deepEqual(Object.keys(hook), entry === 'jwtlens/sign' ? ['testTrap'] : ['testTrap', 'benchCore'], entry);
  }
});

describe('createRemoteJWKSet after a trap', () => {
  let server;
  let fetches = 0;
  before(async () => {
    server = http.createServer((req, res) => {
      fetches++;
      const body = JSON.stringify({ keys: [{ ...fixtures.rsa.publicJwk, kid: 'rsa-1', alg: 'RS256' }] });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  test('the set re-imports its cached keys by itself, with no new fetch', async () => {
    const set = m.createRemoteJWKSet(`http://127.0.0.1:${server.address().port}/jwks.json`);
    const token = await joseSign('RS256', claims(), { header: { kid: 'rsa-1' } });
    assert.equal((await set.verify(token, at('RS256'))).payload.sub, 'user-42');
    assert.equal(fetches, 1);
    for (const [kind] of KINDS) {
      trap('jwtlens', kind);
      assert.equal((await set.verify(token, at('RS256'))).payload.sub, 'user-42');
      const key = await set.getKey(token);
      assert.equal(m.verify(token, key, at('RS256')).payload.sub, 'user-42');
      key.free();
    }
    assert.equal(fetches, 1);
  });
});

test('finalizers of keys from the replaced instance free nothing in the new one', () => {
  // In a child process with --expose-gc: 3,000 keys (Key objects and temporaries) are dropped,
  // the module traps, new keys are made in the fresh instance, and the collector then runs the
  // old keys' finalizers. Had one freed its address in the new instance, the new keys' memory
  // would be reused under them: every one of them must still verify, through more allocations.
  const script = path.join(installed.project, 'finalizers.mjs');
  fs.writeFileSync(script, `
import { importKey, verify } from 'jwtlens';
import { sign } from 'jwtlens/sign';
const secret = new Uint8Array(32).fill(9);
const jwk = { kty: 'oct', k: Buffer.from(secret).toString('base64url') };
const opts = { algorithms: ['HS256'] };
for (let i = 0; i < 3000; i++) importKey(i % 2 ? secret : jwk, 'HS256'); // dropped, never freed
const hook = globalThis[Symbol.for('jwtlens.internals')].entries.get('jwtlens');
try { hook.testTrap(0); } catch (e) { if (e.code !== 'ERR_JWTLENS_INTERNAL') throw e; }
const fresh = Array.from({ length: 200 }, () => importKey(secret, 'HS256'));
const token = sign({ sub: 'f', exp: 4e9 }, secret, { alg: 'HS256' });
for (let round = 0; round < 5; round++) {
  globalThis.gc();
  await new Promise((r) => setTimeout(r, 20));
  for (let i = 0; i < 500; i++) importKey(secret, 'HS256').free(); // allocations the freed slots would serve
  for (const k of fresh) if (verify(token, k, opts).payload.sub !== 'f') throw new Error('a new key was overwritten');
}
const traps = globalThis[Symbol.for('jwtlens.internals')].recoveredTraps;
console.log(JSON.stringify({ traps, fresh: fresh.length }));
`);
  const out = execFileSync(process.execPath, ['--expose-gc', script], { cwd: installed.project, encoding: 'utf8', timeout: 120_000 });
  assert.deepEqual(JSON.parse(out.trim().split('\n').at(-1)), { traps: 1, fresh: 200 });
});

test('jwtlens/sign: finalizers of SigningKeys from the replaced instance free nothing in the new one', () => {
  // The same for the signing entry: 3,000 SigningKeys and temporary keys dropped, a trap, 200 new
  // SigningKeys, then the old finalizers run; each new key must still sign what it signed before.
  const script = path.join(installed.project, 'sign-finalizers.mjs');
  fs.writeFileSync(script, `
import { importSigningKey, sign } from 'jwtlens/sign';
const secret = new Uint8Array(32).fill(9);
const other = new Uint8Array(32).fill(7);
const jwk = { kty: 'oct', k: Buffer.from(other).toString('base64url') };
const opts = { alg: 'HS256', issuedAt: false };
for (let i = 0; i < 3000; i++) {
  importSigningKey(i % 2 ? other : jwk, 'HS256'); // dropped, never freed
  sign({ n: i }, other, opts); // a temporary key, freed at once
}
const hook = globalThis[Symbol.for('jwtlens.internals')].entries.get('jwtlens/sign');
try { hook.testTrap(0); } catch (e) { if (e.code !== 'ERR_JWTLENS_INTERNAL') throw e; }
const fresh = Array.from({ length: 200 }, () => importSigningKey(secret, 'HS256'));
const want = sign({ sub: 'f' }, secret, opts);
for (let round = 0; round < 5; round++) {
  globalThis.gc();
  await new Promise((r) => setTimeout(r, 20));
  for (let i = 0; i < 500; i++) importSigningKey(other, 'HS256').free(); // allocations the freed slots would serve
  for (const k of fresh) if (sign({ sub: 'f' }, k, opts) !== want) throw new Error('a new key was overwritten');
}
const traps = globalThis[Symbol.for('jwtlens.internals')].recoveredTraps;
console.log(JSON.stringify({ traps, fresh: fresh.length }));
`);
  const out = execFileSync(process.execPath, ['--expose-gc', script], { cwd: installed.project, encoding: 'utf8', timeout: 120_000 });
  assert.deepEqual(JSON.parse(out.trim().split('\n').at(-1)), { traps: 1, fresh: 200 });
});

test('the package exposes nothing new: the hook and the reset live in the glue, not in an entry', async () => {
  const publicNames = ['JwtError', 'Key', 'createRemoteJWKSet', 'createVerifier', 'decode', 'default', 'generateKeyPair', 'generateSecret', 'importKey', 'initSync', 'inspect', 'sign', 'toPem', 'verify', 'verifyJws'];
  assert.deepEqual(Object.keys(m).sort(), publicNames);
  assert.deepEqual(Object.keys(lite).sort(), ['JwtError', 'Key', 'createVerifier', 'decode', 'default', 'generateKeyPair', 'generateSecret', 'importKey', 'initSync', 'inspect', 'sign', 'toPem', 'verify', 'verifyJws']);
  assert.deepEqual(Object.keys(s).sort(), ['JwtError', 'SigningKey', 'default', 'generateKeyPair', 'generateSecret', 'importSigningKey', 'initSync', 'publicJwk', 'sign', 'signJws', 'toPem']);
  // each glue's exports: the core's bindings plus exactly the two test/recovery additions
  for (const dir of ['', 'lite', 'sign']) {
    const glue = await import(pathToFileURL(path.join(installed.installed, dir, 'node.js')).href);
    const extra = Object.keys(glue).filter((k) => k.startsWith('__'));
    const bench = dir === 'sign' ? [] : ['__jwtlens_bench_decode', '__jwtlens_bench_verifier'];
    assert.deepEqual(extra.sort(), [...bench, '__jwtlens_test_trap', '__wbg_reset_state'], `${dir || '.'}/node.js`);
  }
  for (const dts of ['jwtlens.d.ts', 'lite/jwtlens.d.ts', 'sign/jwtlens.d.ts']) {
    const text = fs.readFileSync(path.join(installed.installed, dts), 'utf8');
    assert.ok(!text.includes('__jwtlens_test_trap') && !text.includes('jwtlens.internals') && !text.includes('testTrap'), `the hook is not declared in ${dts}`);
    assert.ok(!text.includes('__jwtlens_bench') && !text.includes('benchCore'), `the bench hooks are not declared in ${dts}`);
  }
});
