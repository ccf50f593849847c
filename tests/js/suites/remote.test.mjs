// createRemoteJWKSet against a local JWKS server (node:http on 127.0.0.1, random port) whose
// behaviour each test scripts: caching, key rotation with one refetch, the cooldown, concurrent
// callers sharing one fetch, stale keys kept when a refresh fails, the timeout (headers and body),
// every error code and every TypeError. Real timers with small durations (no fake clock); every
// test is bounded.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { m, s, NOW, at, claims, fixtures, joseSign, throwsType } from '../lib/helpers.mjs';

const T = { timeout: 15_000 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- the scripted JWKS server ------------------------------------------------------------------

/**
 * One server for the whole file. `server.handler(req, res)` answers each request (replace it per
 * test); `server.requests` records them. `server.url(path)` is an absolute URL on it.
 */
const server = {
  requests: [],
  handler: null,
  http: null,
  sockets: new Set(),
  port: 0,
  url(path = '/jwks.json') {
    return `http://127.0.0.1:${this.port}${path}`;
  },
  reset(handler) {
    this.requests = [];
    this.handler = handler;
  },
  get fetches() {
    return this.requests.length;
  },
};

before(async () => {
  server.http = http.createServer((req, res) => {
    server.requests.push({ method: req.method, url: req.url, headers: req.headers, at: Date.now() });
    Promise.resolve()
      .then(() => server.handler(req, res))
      .catch((e) => {
        res.destroy(e);
      });
  });
  server.http.on('connection', (s) => {
    server.sockets.add(s);
    s.on('close', () => server.sockets.delete(s));
  });
  await new Promise((resolve) => server.http.listen(0, '127.0.0.1', resolve));
  server.port = server.http.address().port;
});

after(async () => {
  for (const s of server.sockets) s.destroy();
  await new Promise((resolve) => server.http.close(resolve));
});

// Answers
const json = (doc, { status = 200, headers = {} } = {}) => (req, res) => {
  const body = typeof doc === 'string' ? doc : JSON.stringify(doc);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
};
const raw = (status, body, contentType = 'text/plain') => (req, res) => {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
};
const down = () => (req, res) => {
  req.socket.destroy();
};
const delayed = (ms, inner) => async (req, res) => {
  await sleep(ms);
  if (!res.destroyed) return inner(req, res);
};
/** Each request gets the next handler of the list; the last one repeats. */
const sequence = (...handlers) => {
  let i = 0;
  return (req, res) => handlers[Math.min(i++, handlers.length - 1)](req, res);
};

// ---- keys and tokens -----------------------------------------------------------------------------

const withKid = (jwk, kid, extra = {}) => ({ ...jwk, kid, use: 'sig', ...extra });
const RSA1 = withKid(fixtures.rsa.publicJwk, 'rsa-1', { alg: 'RS256' });
const RSA2 = withKid(fixtures.rsaOther.publicJwk, 'rsa-2', { alg: 'RS256' });
const EC1 = withKid(fixtures.p256.publicJwk, 'ec-1');
const ED1 = withKid(fixtures.ed25519.publicJwk, 'ed-1');
const JWKS = { keys: [RSA1, EC1, ED1] };
const ROTATED = { keys: [RSA2, EC1, ED1] };

const tokens = {};
before(async () => {
  tokens.rs = await joseSign('RS256', claims(), { header: { kid: 'rsa-1' } });
  tokens.rs2 = await joseSign('RS256', claims(), { header: { kid: 'rsa-2' }, key: fixtures.rsaOther.privateJwk });
  tokens.es = await joseSign('ES256', claims(), { header: { kid: 'ec-1' } });
  tokens.ed = await joseSign('EdDSA', claims(), { header: { kid: 'ed-1' } });
  tokens.ed25519 = await joseSign('Ed25519', claims(), { header: { kid: 'ed-1' } });
  tokens.rsNoKid = await joseSign('RS256', claims());
  tokens.expired = await joseSign('RS256', claims({ iat: NOW - 7200, exp: NOW - 3600 }), { header: { kid: 'rsa-1' } });
  tokens.unknown = async (kid) => joseSign('ES256', claims(), { header: { kid } });
});

const ALL = at(['RS256', 'ES256', 'EdDSA']);

/** Awaits `promise` and asserts it rejects with a JwtError `code` (message matching `message`). */
async function rejectsJwt(promise, code, message) {
  let thrown = null;
  try {
    await promise;
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== null, `expected ${code}, but it resolved`);
  assert.ok(thrown instanceof m.JwtError, `expected a JwtError ${code}, got ${thrown && thrown.name}: ${thrown && thrown.message}`);
  assert.equal(thrown.code, code, `${thrown.code}: ${thrown.message}`);
  if (message) assert.match(thrown.message, message);
  return thrown;
}

async function rejectsType(promise, message) {
  let thrown = null;
  try {
    await promise;
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof TypeError && !(thrown instanceof m.JwtError), `expected a TypeError, got ${thrown && thrown.name}: ${thrown && thrown.message}`);
  if (message) assert.match(thrown.message, message);
}

// ---- the API shape and misuse --------------------------------------------------------------------

describe('createRemoteJWKSet: shape and arguments', () => {
  test('returns synchronously { verify, getKey, reload } and fetches nothing until used', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(server.url());
    assert.equal(typeof set.then, 'undefined');
    for (const f of ['verify', 'getKey', 'reload']) assert.equal(typeof set[f], 'function');
    await sleep(20);
    assert.equal(server.fetches, 0);
    const p = set.verify(tokens.rs, ALL);
    assert.ok(p instanceof Promise);
    await p;
    // the methods work detached from the object too
    const { verify } = set;
    assert.equal((await verify(tokens.es, ALL)).payload.sub, 'user-42');
    assert.equal(server.fetches, 1);
  });

  test('bad url: TypeError, synchronously', () => {
    for (const url of [undefined, null, 42, {}, [], 'not a url', '/relative/jwks.json', 'ftp://127.0.0.1/jwks', 'file:///etc/passwd', 'data:,{}', 'https://user:pw@127.0.0.1/jwks']) {
      assert.throws(() => m.createRemoteJWKSet(url), TypeError, `url ${String(url)}`);
    }
  });

  test('bad options: TypeError, synchronously', () => {
    const url = server.url();
    const bad = [
      null, 'x', [], 42,
      { cacheMaxAge: -1 }, { cacheMaxAge: Number.NaN }, { cacheMaxAge: '10m' }, { cacheMaxAge: null },
      { cooldownDuration: -0.5 }, { cooldownDuration: Number.NaN }, { cooldownDuration: '30s' },
      { timeoutDuration: -1 }, { timeoutDuration: Number.NaN }, { timeoutDuration: Infinity }, { timeoutDuration: 2 ** 31 }, { timeoutDuration: '5s' },
      { headers: [] }, { headers: 'authorization: x' }, { headers: { 'x-retries': 3 } }, { headers: { 'bad header': 'x' } }, { headers: new Map() },
    ];
    for (const options of bad) assert.throws(() => m.createRemoteJWKSet(url, options), TypeError, JSON.stringify(options));
    // and what is allowed
    m.createRemoteJWKSet(url, {});
    m.createRemoteJWKSet(url, { cacheMaxAge: Infinity, cooldownDuration: 0, timeoutDuration: 0, headers: {} });
    m.createRemoteJWKSet(new URL(url), { cacheMaxAge: 0, cooldownDuration: Infinity, timeoutDuration: 2 ** 31 - 1 });
  });

  test('misuse of verify/getKey rejects with a TypeError before any fetch', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(server.url());
    await rejectsType(set.verify(42, ALL));
    await rejectsType(set.verify(tokens.rs), /algorithms/);
    await rejectsType(set.verify(tokens.rs, { algorithms: [] }), /algorithms/);
    await rejectsType(set.verify(tokens.rs, { algorithms: ['RS256'], clockTolerance: -1 }));
    await rejectsType(set.getKey(undefined));
    assert.equal(server.fetches, 0);
  });
});

// ---- verifying -----------------------------------------------------------------------------------

describe('createRemoteJWKSet: verify', () => {
  test('RS256, ES256, EdDSA: the same result as verify() with the JWKS, one fetch', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(server.url());
    for (const t of [tokens.rs, tokens.es, tokens.ed, tokens.rsNoKid]) {
      assert.deepEqual(await set.verify(t, ALL), m.verify(t, JWKS, ALL));
    }
    assert.equal(server.fetches, 1);
  });

  test('Ed25519 (RFC 9864): verify and getKey as for EdDSA, each only where the allow-list and the JWK alg name it', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(server.url());
    const both = at(['EdDSA', 'Ed25519']);
    assert.deepEqual(await set.verify(tokens.ed25519, both), m.verify(tokens.ed25519, JWKS, both));
    assert.equal((await set.verify(tokens.ed25519, at('Ed25519'))).protectedHeader.alg, 'Ed25519');
    await rejectsJwt(set.verify(tokens.ed25519, at('EdDSA')), 'ERR_JOSE_ALG_NOT_ALLOWED');
    await rejectsJwt(set.verify(tokens.ed, at('Ed25519')), 'ERR_JOSE_ALG_NOT_ALLOWED');
    const key = await set.getKey(tokens.ed25519);
    assert.equal(m.verify(tokens.ed25519, key, both).payload.sub, 'user-42');
    key.free();
    assert.equal(server.fetches, 1);
    // a JWK whose alg is EdDSA is no candidate for an Ed25519 token, nor the reverse
    for (const [jwkAlg, token] of [['EdDSA', tokens.ed25519], ['Ed25519', tokens.ed]]) {
      server.reset(json({ keys: [RSA1, withKid(fixtures.ed25519.publicJwk, 'ed-1', { alg: jwkAlg })] }));
      const named = m.createRemoteJWKSet(server.url(), { cooldownDuration: 0 });
      await rejectsJwt(named.verify(token, both), 'ERR_JWKS_NO_MATCHING_KEY');
      await rejectsJwt(named.getKey(token), 'ERR_JWKS_NO_MATCHING_KEY');
    }
  });

  test('the request: GET of the URL (a URL object too), accept header, custom headers', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(new URL(server.url('/tenant/jwks.json?v=1')), { headers: { Authorization: 'Bearer svc', 'X-Tenant': 't1' } });
    await set.verify(tokens.rs, ALL);
    const [r] = server.requests;
    assert.equal(r.method, 'GET');
    assert.equal(r.url, '/tenant/jwks.json?v=1');
    assert.equal(r.headers.authorization, 'Bearer svc');
    assert.equal(r.headers['x-tenant'], 't1');
    assert.match(r.headers.accept, /application\/jwk-set\+json/);
    server.reset(json(JWKS));
    await m.createRemoteJWKSet(server.url(), { headers: { Accept: 'application/json' } }).reload();
    assert.equal(server.requests[0].headers.accept, 'application/json');
  });

  test('claim and algorithm failures are those of verify(), with no refetch', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(server.url(), { cooldownDuration: 0 });
    const e = await rejectsJwt(set.verify(tokens.expired, ALL), 'ERR_JWT_EXPIRED');
    assert.equal(e.claim, 'exp');
    await rejectsJwt(set.verify(tokens.rs, at(['ES256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
    await rejectsJwt(set.verify(tokens.rs, at(['RS256'], { audience: 'api' })), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
    const [h, p] = tokens.rs.split('.');
    await rejectsJwt(set.verify(`${h}.${p}.${tokens.rs2.split('.')[2]}`, ALL), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    await rejectsJwt(set.verify('not-a-token', ALL), 'ERR_JWT_INVALID');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${tokens.rs.split('.')[1]}.`;
    await rejectsJwt(set.verify(none, ALL), 'ERR_JOSE_ALG_NOT_ALLOWED');
    assert.equal(server.fetches, 1);
  });

  test('a token verify() refuses before it needs a key costs no fetch (as in jose)', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(server.url());
    const [h, p, sig] = tokens.rs.split('.');
    const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const refused = [
      ['not-a-token', 'ERR_JWT_INVALID'],
      [` ${tokens.rs}`, 'ERR_JWT_INVALID'],
      [`${h}.${p}.${sig}=`, 'ERR_JWT_INVALID'],
      [`${b64({ alg: 'none' })}.${p}.`, 'ERR_JOSE_ALG_NOT_ALLOWED'],
      [`${b64({ alg: 'HS256', kid: 'k' })}.${p}.${sig}`, 'ERR_JOSE_ALG_NOT_ALLOWED'],
      [`${b64({ alg: 'RS256', crit: ['x'], x: 1 })}.${p}.${sig}`, 'ERR_JWS_INVALID'],
      [`${b64({ alg: 'RS256', kid: 7 })}.${p}.${sig}`, 'ERR_JWS_INVALID'],
    ];
    for (const [token, code] of refused) await rejectsJwt(set.verify(token, ALL), code);
    await rejectsJwt(set.verify(tokens.rs, at(['ES256'])), 'ERR_JOSE_ALG_NOT_ALLOWED');
    assert.equal(server.fetches, 0);
    // the same token with a fetch behind it: the same errors
    assert.ok(await set.verify(tokens.rs, ALL));
    assert.equal(server.fetches, 1);
    for (const [token, code] of refused) await rejectsJwt(set.verify(token, ALL), code);
    assert.equal(server.fetches, 1);
  });

  test('without currentDate the clock is read after the fetch', T, async () => {
    const now = Math.floor(Date.now() / 1000);
    const soon = await joseSign('ES256', { sub: 'x', exp: now + 2 }, { header: { kid: 'ec-1' } });
    server.reset(delayed(300, json(JWKS)));
    const set = m.createRemoteJWKSet(server.url());
    assert.equal((await set.verify(soon, { algorithms: ['ES256'] })).payload.sub, 'x');
  });

  test('the keys are cached for cacheMaxAge, then fetched again', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(server.url(), { cacheMaxAge: 200 });
    await set.verify(tokens.rs, ALL);
    await set.verify(tokens.es, ALL);
    assert.equal(server.fetches, 1);
    await sleep(250);
    await set.verify(tokens.ed, ALL);
    assert.equal(server.fetches, 2);
    await set.verify(tokens.rs, ALL);
    assert.equal(server.fetches, 2);
  });

  test('concurrent callers share one fetch', T, async () => {
    server.reset(delayed(100, json(JWKS)));
    const set = m.createRemoteJWKSet(server.url());
    const all = [];
    for (let i = 0; i < 30; i++) all.push(set.verify([tokens.rs, tokens.es, tokens.ed][i % 3], ALL));
    all.push(set.getKey(tokens.rs));
    const results = await Promise.all(all);
    assert.equal(results.length, 31);
    assert.equal(server.fetches, 1);
  });

  test('key rotation: a new kid causes one refetch, then verifies', T, async () => {
    server.reset(sequence(json(JWKS), json(ROTATED)));
    const set = m.createRemoteJWKSet(server.url(), { cooldownDuration: 400 });
    await set.verify(tokens.rs, ALL);
    await sleep(420);
    assert.equal((await set.verify(tokens.rs2, ALL)).protectedHeader.kid, 'rsa-2');
    assert.equal(server.fetches, 2);
    assert.equal((await set.verify(tokens.rs2, ALL)).protectedHeader.kid, 'rsa-2');
    // rsa-1 left the set: its tokens now have no key (within the cooldown: no third fetch)
    await rejectsJwt(set.verify(tokens.rs, ALL), 'ERR_JWKS_NO_MATCHING_KEY', /rsa-1/);
    assert.equal(server.fetches, 2);
  });

  test('cooldown: a burst of unknown kids costs at most one fetch per cooldownDuration', T, async () => {
    server.reset(json(JWKS));
    const cooldown = 600;
    const set = m.createRemoteJWKSet(server.url(), { cooldownDuration: cooldown });
    await set.verify(tokens.rs, ALL);
    const t0 = Date.now();
    const unknown = await Promise.all(Array.from({ length: 20 }, (_, i) => tokens.unknown(`gone-${i}`)));
    // within the cooldown of the first fetch: no fetch at all
    for (const r of await Promise.allSettled(unknown.map((t) => set.verify(t, ALL)))) {
      assert.equal(r.status, 'rejected');
      assert.equal(r.reason.code, 'ERR_JWKS_NO_MATCHING_KEY');
    }
    if (Date.now() - t0 < cooldown) assert.equal(server.fetches, 1);
    await sleep(cooldown + 50);
    // after it: the whole burst shares one refetch
    const burst = await Promise.allSettled(unknown.map((t) => set.verify(t, ALL)));
    assert.ok(burst.every((r) => r.status === 'rejected' && r.reason.code === 'ERR_JWKS_NO_MATCHING_KEY'));
    assert.equal(server.fetches, 2);
    for (const t of unknown.slice(0, 5)) await rejectsJwt(set.verify(t, ALL), 'ERR_JWKS_NO_MATCHING_KEY');
    await rejectsJwt(set.getKey(unknown[0]), 'ERR_JWKS_NO_MATCHING_KEY');
    assert.equal(server.fetches, 2);
    // known keys are unaffected
    await set.verify(tokens.ed, ALL);
    assert.equal(server.fetches, 2);
  });

  test('no key after a refetch: ERR_JWKS_NO_MATCHING_KEY; several: ERR_JWKS_MULTIPLE_MATCHING_KEYS without a refetch', T, async () => {
    server.reset(json({ keys: [RSA1, { ...RSA2, kid: undefined, alg: undefined }] }));
    const set = m.createRemoteJWKSet(server.url(), { cooldownDuration: 0 });
    await set.verify(tokens.rs, ALL);
    await rejectsJwt(set.verify(await tokens.unknown('nope'), ALL), 'ERR_JWKS_NO_MATCHING_KEY');
    assert.equal(server.fetches, 2);
    await rejectsJwt(set.verify(tokens.rsNoKid, ALL), 'ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    await rejectsJwt(set.getKey(tokens.rsNoKid), 'ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    assert.equal(server.fetches, 2);
  });
});

describe('createRemoteJWKSet: entries that can never be used (issue 14 §3)', () => {
  // A malformed key, a point off the curve, a 1024-bit RSA key and repeated key_ops, each under
  // the kid of a good key: left out, in verify and in getKey's selection alike.
  const broken = [
    ['malformed EC point', { ...EC1, kid: 'rsa-1', x: 'AAAA', y: 'AAAA' }],
    ['RSA modulus that is not base64url', { ...RSA1, n: '!!!!' }],
    ['1024-bit RSA key', withKid(fixtures.rsa1024.publicJwk, 'rsa-1', { alg: 'RS256' })],
    ['repeated key_ops', { ...RSA1, key_ops: ['verify', 'verify'] }],
  ];
  for (const [label, odd] of broken) {
    test(`${label} under a reused kid: the good key is selected`, T, async () => {
      server.reset(json({ keys: [odd, RSA1, EC1] }));
      const set = m.createRemoteJWKSet(server.url());
      assert.equal((await set.verify(tokens.rs, ALL)).protectedHeader.kid, 'rsa-1');
      const key = await set.getKey(tokens.rs);
      assert.equal(m.verify(tokens.rs, key, ALL).payload.sub, 'user-42');
      key.free();
      // the synchronous verify() with the same set agrees
      assert.equal(m.verify(tokens.rs, { keys: [odd, RSA1, EC1] }, ALL).protectedHeader.kid, 'rsa-1');
      assert.equal(server.fetches, 1);
    });
  }

  test('a broken key alone is "no matching key", which refetches: a fixed set then verifies', T, async () => {
    server.reset(sequence(json({ keys: [broken[1][1]] }), json(JWKS)));
    const set = m.createRemoteJWKSet(server.url(), { cooldownDuration: 0 });
    assert.equal((await set.verify(tokens.rs, ALL)).protectedHeader.kid, 'rsa-1');
    assert.equal(server.fetches, 2);
    server.reset(sequence(json({ keys: [broken[2][1]] }), json(JWKS)));
    const set2 = m.createRemoteJWKSet(server.url(), { cooldownDuration: 0 });
    const key = await set2.getKey(tokens.rs);
    key.free();
    assert.equal(server.fetches, 2);
  });
});

// ---- failures ------------------------------------------------------------------------------------

describe('createRemoteJWKSet: failures', () => {
  test('a failed refresh after cacheMaxAge keeps the stale keys (and is not retried within the cooldown)', T, async () => {
    for (const failure of [raw(500, 'oops'), down(), raw(200, '<html>maintenance</html>', 'text/html')]) {
      server.reset(sequence(json(JWKS), failure, failure, json(JWKS)));
      const set = m.createRemoteJWKSet(server.url(), { cacheMaxAge: 200, cooldownDuration: 500 });
      await set.verify(tokens.rs, ALL);
      await sleep(230);
      assert.equal((await set.verify(tokens.es, ALL)).payload.sub, 'user-42');
      assert.equal(server.fetches, 2);
      assert.equal((await set.verify(tokens.ed, ALL)).payload.sub, 'user-42');
      assert.equal(server.fetches, 2, 'no retry of the failed refresh within the cooldown');
      await sleep(520);
      await set.verify(tokens.rs, ALL);
      assert.equal(server.fetches, 3);
      await sleep(520);
      await set.verify(tokens.rs, ALL);
      assert.equal(server.fetches, 4);
      await set.verify(tokens.rs, ALL);
      assert.equal(server.fetches, 4, 'fresh again after a good fetch');
    }
  });

  test('an unknown kid whose refetch fails gets the fetch error; the cached keys keep working', T, async () => {
    server.reset(sequence(json(JWKS), raw(503, 'busy')));
    const set = m.createRemoteJWKSet(server.url(), { cooldownDuration: 0 });
    await set.verify(tokens.rs, ALL);
    await rejectsJwt(set.verify(await tokens.unknown('new'), ALL), 'ERR_JWKS_INVALID', /HTTP 503/);
    assert.equal((await set.verify(tokens.rs, ALL)).payload.sub, 'user-42');
    assert.equal(server.fetches, 2);
  });

  test('a failed first fetch rejects; the next call tries again', T, async () => {
    server.reset(sequence(raw(500, 'oops'), json(JWKS)));
    const set = m.createRemoteJWKSet(server.url());
    await rejectsJwt(set.verify(tokens.rs, ALL), 'ERR_JWKS_INVALID', /HTTP 500, expected 200/);
    assert.equal((await set.verify(tokens.rs, ALL)).payload.sub, 'user-42');
    assert.equal(server.fetches, 2);
  });

  test('timeout while waiting for the headers: ERR_JWKS_TIMEOUT, on time', T, async () => {
    server.reset(delayed(3000, json(JWKS)));
    const set = m.createRemoteJWKSet(server.url(), { timeoutDuration: 200 });
    const t0 = Date.now();
    await rejectsJwt(set.verify(tokens.rs, ALL), 'ERR_JWKS_TIMEOUT', /200 ms/);
    const took = Date.now() - t0;
    assert.ok(took >= 190 && took < 1500, `took ${took} ms`);
    await rejectsJwt(set.getKey(tokens.rs), 'ERR_JWKS_TIMEOUT');
    await rejectsJwt(set.reload(), 'ERR_JWKS_TIMEOUT');
  });

  test('the timeout covers the body: a server that stalls mid-body is ERR_JWKS_TIMEOUT', T, async () => {
    const body = JSON.stringify(JWKS);
    let closedEarly = false;
    server.reset((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.write(body.slice(0, 40)); // and never the rest
      res.on('close', () => {
        closedEarly = !res.writableFinished;
      });
    });
    const set = m.createRemoteJWKSet(server.url(), { timeoutDuration: 300 });
    const t0 = Date.now();
    await rejectsJwt(set.verify(tokens.rs, ALL), 'ERR_JWKS_TIMEOUT');
    assert.ok(Date.now() - t0 < 2000);
    await sleep(100);
    assert.ok(closedEarly, 'the stalled response was abandoned (connection closed)');
  });

  test('ERR_JWKS_INVALID for every bad response, the message says which', T, async () => {
    const cases = [
      [raw(500, 'oops'), /HTTP 500, expected 200/],
      [raw(404, 'not found'), /HTTP 404/],
      [json(JWKS, { status: 201 }), /HTTP 201/],
      [(req, res) => { res.writeHead(302, { location: '/elsewhere' }); res.end(); }, /redirect.*not followed/],
      [raw(200, '<html><body>Login</body></html>', 'text/html'), /not JSON/],
      [raw(200, ''), /not JSON/],
      [raw(200, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])), /not JSON \(not UTF-8\)/],
      [json('[]'), /not a JWK Set/],
      [json('{}'), /not a JWK Set/],
      [json('{"keys":{}}'), /not a JWK Set/],
      [json('"keys"'), /not a JWK Set/],
      [json(fixtures.rsa.publicJwk), /not a JWK Set/],
      [json({ keys: [RSA1, { kty: 'oct', k: 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0' }] }), /not a valid JWK Set.*oct/],
      [json({ keys: [RSA1, 42] }), /not a valid JWK Set/],
      [json({ keys: Array.from({ length: 1001 }, (_, i) => ({ ...EC1, kid: `k${i}` })) }), /not a valid JWK Set.*1000/],
      [down(), /network error/],
    ];
    for (const [handler, message] of cases) {
      server.reset(handler);
      const set = m.createRemoteJWKSet(server.url());
      await rejectsJwt(set.verify(tokens.rs, ALL), 'ERR_JWKS_INVALID', message);
      assert.equal(server.fetches, 1, String(message));
    }
  });

  test('nothing listening: ERR_JWKS_INVALID (network error)', T, async () => {
    const probe = http.createServer();
    await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address();
    await new Promise((resolve) => probe.close(resolve));
    const set = m.createRemoteJWKSet(`http://127.0.0.1:${port}/jwks.json`, { timeoutDuration: 3000 });
    await rejectsJwt(set.verify(tokens.rs, ALL), 'ERR_JWKS_INVALID', /network error/);
  });

  test('over 1 MiB: refused from Content-Length, or while streaming without reading it all', T, async () => {
    const padded = (size) => {
      const base = JSON.stringify({ ...JWKS, pad: '' });
      return JSON.stringify({ ...JWKS, pad: 'x'.repeat(size - base.length) });
    };
    // exactly 1 MiB is fine
    server.reset(json(padded(1048576)));
    await m.createRemoteJWKSet(server.url()).verify(tokens.rs, ALL);
    // one byte more, announced
    server.reset(json(padded(1048577)));
    await rejectsJwt(m.createRemoteJWKSet(server.url()).verify(tokens.rs, ALL), 'ERR_JWKS_INVALID', /larger than 1 MiB \(Content-Length: 1048577\)/);
    // a Content-Length that lies low does not help (the stream is counted)
    server.reset(json(padded(1048577), { headers: { 'content-length': '100' } }));
    await rejectsJwt(m.createRemoteJWKSet(server.url()).verify(tokens.rs, ALL), 'ERR_JWKS_INVALID');
    // chunked, no Content-Length, 16 MiB on offer: the client stops early
    let sent = 0;
    let aborted = false;
    server.reset((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (sent < 16 * 1048576) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        aborted = !res.writableFinished;
      });
      pump();
    });
    await rejectsJwt(m.createRemoteJWKSet(server.url()).verify(tokens.rs, ALL), 'ERR_JWKS_INVALID', /larger than 1 MiB \(more than 1048576 bytes received\)/);
    await sleep(100);
    assert.ok(aborted, 'the response was cut off');
    assert.ok(sent < 8 * 1048576, `the server could send ${sent} bytes`);
  });

  test('the query string stays out of error messages', T, async () => {
    server.reset(raw(500, 'oops'));
    const e = await rejectsJwt(m.createRemoteJWKSet(server.url('/jwks?api_key=SECRET123')).reload(), 'ERR_JWKS_INVALID');
    assert.doesNotMatch(e.message, /SECRET123/);
  });
});

// ---- getKey and reload ---------------------------------------------------------------------------

describe('createRemoteJWKSet: getKey and reload', () => {
  test('getKey returns a Key the synchronous verify() accepts, for every algorithm', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(server.url());
    for (const t of [tokens.rs, tokens.es, tokens.ed, tokens.rsNoKid]) {
      const key = await set.getKey(t);
      assert.ok(key instanceof m.Key);
      assert.deepEqual(m.verify(t, key, ALL), m.verify(t, JWKS, ALL));
      key.free();
    }
    // the Key of rsa-1 is not the Key of ec-1
    const rsKey = await set.getKey(tokens.rs);
    assert.throws(() => m.verify(tokens.es, rsKey, ALL), m.JwtError);
    assert.equal(server.fetches, 1);
  });

  test('getKey: header problems are the errors verify() gives', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(server.url());
    const body = tokens.rs.split('.').slice(1).join('.');
    const withHeader = (h) => `${Buffer.from(JSON.stringify(h)).toString('base64url')}.${body}`;
    await rejectsJwt(set.getKey(withHeader({ alg: 'none' })), 'ERR_JOSE_ALG_NOT_ALLOWED');
    await rejectsJwt(set.getKey(withHeader({ alg: 'ES256K', kid: 'ec-1' })), 'ERR_JOSE_NOT_SUPPORTED');
    await rejectsJwt(set.getKey(withHeader({ kid: 'ec-1' })), 'ERR_JWS_INVALID');
    await rejectsJwt(set.getKey(withHeader({ alg: 'ES256', kid: 7 })), 'ERR_JWS_INVALID');
    await rejectsJwt(set.getKey('a.b'), 'ERR_JWT_INVALID');
    // kty / crv / use / key_ops filter as in a JWKS
    await rejectsJwt(set.getKey(withHeader({ alg: 'ES384', kid: 'ec-1' })), 'ERR_JWKS_NO_MATCHING_KEY');
    await rejectsJwt(set.getKey(withHeader({ alg: 'HS256', kid: 'rsa-1' })), 'ERR_JWKS_NO_MATCHING_KEY');
    await rejectsJwt(set.getKey(withHeader({ alg: 'PS256', kid: 'rsa-1' })), 'ERR_JWKS_NO_MATCHING_KEY'); // the JWK says RS256
  });

  test('getKey never hands out private key material a server leaked', T, async () => {
    server.reset(json({ keys: [withKid(fixtures.p256.privateJwk, 'ec-1')] }));
    const set = m.createRemoteJWKSet(server.url());
    const key = await set.getKey(tokens.es);
    assert.equal(m.verify(tokens.es, key, ALL).payload.sub, 'user-42');
    // a Key verifies: jwtlens/sign refuses it (and jwtlens's own sign is a stub)
    throwsType(() => s.sign({ sub: 'forged' }, key, { alg: 'ES256' }), /importSigningKey/);
    throwsType(() => s.signJws('forged', key, { alg: 'ES256' }), /importSigningKey/);
    throwsType(() => s.publicJwk(key), /importSigningKey/);
    throwsType(() => m.sign({ sub: 'forged' }, key, { alg: 'ES256' }), /jwtlens\/sign/);
  });

  test('keys from getKey stay valid after the set is replaced', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(server.url());
    const key = await set.getKey(tokens.ed);
    for (let i = 0; i < 5; i++) await set.reload();
    assert.equal(server.fetches, 6);
    assert.equal(m.verify(tokens.ed, key, ALL).payload.sub, 'user-42');
    assert.equal((await set.verify(tokens.ed, ALL)).payload.sub, 'user-42');
  });

  test('reload fetches now, cooldown or not; a failed reload rejects and keeps the keys', T, async () => {
    server.reset(sequence(json(JWKS), json(ROTATED), raw(500, 'oops')));
    const set = m.createRemoteJWKSet(server.url(), { cooldownDuration: 60_000 });
    assert.equal(await set.reload(), undefined);
    await set.verify(tokens.rs, ALL);
    await set.reload();
    assert.equal(server.fetches, 2);
    await set.verify(tokens.rs2, ALL);
    await rejectsJwt(set.reload(), 'ERR_JWKS_INVALID', /HTTP 500/);
    assert.equal((await set.verify(tokens.rs2, ALL)).protectedHeader.kid, 'rsa-2');
    assert.equal(server.fetches, 3);
  });

  test('reload during a fetch joins it', T, async () => {
    server.reset(delayed(100, json(JWKS)));
    const set = m.createRemoteJWKSet(server.url());
    await Promise.all([set.reload(), set.reload(), set.verify(tokens.rs, ALL)]);
    assert.equal(server.fetches, 1);
  });

  test('many refreshes: the set keeps working (old key sets are freed, not reused)', T, async () => {
    server.reset(json(JWKS));
    const set = m.createRemoteJWKSet(server.url(), { cacheMaxAge: 0 });
    for (let i = 0; i < 50; i++) {
      const r = await Promise.all([set.verify(tokens.rs, ALL), set.verify(tokens.es, ALL)]);
      assert.equal(r.length, 2);
    }
    assert.ok(server.fetches >= 50);
  });
});
