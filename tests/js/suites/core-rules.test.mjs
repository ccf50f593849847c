// One home per rule (issue 21): the JS layer asks the core for its limits (`limits()`), for the
// trimming of pasted tokens (`pastedHead`/`pastedTail`, and `inspectTooLarge` for an input it
// need not copy) and for the JWKS selection of getKey (`selectJwk`), and keeps no copy of them.
//
// Shown two ways: (1) the installed package's own JS layer (its jwtlens.js) is run over a copy of
// its wasm bindings in which those functions are recorded or replaced: the calls happen, and when
// the "core" answers differently the JS layer follows it, so it cannot be deciding by itself; (2)
// the sources in js/ and the shipped bundle hold none of the old copies (JWK_FIT, coreTrim, the
// whitespace table, the byte limits as numbers).

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { m, installed, NOW, claims, fixtures, joseSign, throwsJwt } from '../lib/helpers.mjs';

const PKG = installed.installed;
const glue = await import(pathToFileURL(path.join(PKG, 'node.js')).href);
const { _bindingsHolder, _createApi } = await import(pathToFileURL(path.join(PKG, 'jwtlens.js')).href);

const RULES = ['limits', 'pastedHead', 'pastedTail', 'inspectTooLarge', 'selectJwk'];

/**
 * The package's JS layer over the same wasm instance, with the rule functions recorded and any of
 * them replaced by `overrides` (name → function of the original and the arguments).
 */
function apiWith(overrides = {}) {
  const calls = [];
  const bindings = { ...glue };
  for (const name of RULES) {
    const original = glue[name];
    assert.equal(typeof original, 'function', `the wasm exports ${name}`);
    bindings[name] = (...args) => {
      calls.push(name);
      return overrides[name] ? overrides[name](original, ...args) : original(...args);
    };
  }
  const holder = _bindingsHolder(`core-rules-${Math.random()}`);
  holder.install(bindings);
  return { api: _createApi(holder), calls, count: (name) => calls.filter((c) => c === name).length };
}

const TOKEN = await joseSign('ES256', claims());
const limits = JSON.parse(glue.limits());
const savedFetch = globalThis.fetch;
after(() => {
  globalThis.fetch = savedFetch;
});

/** A remote set over `jwks`, served by a fetch stub (the set looks fetch up at call time). */
function remoteSet(api, jwks) {
  globalThis.fetch = async () => new Response(JSON.stringify(jwks), { status: 200, headers: { 'content-type': 'application/json' } });
  return api.createRemoteJWKSet('https://issuer.example/jwks.json');
}

describe('the core states its limits, and the JS layer uses them', () => {
  test('limits() names the byte caps of the contract', () => {
    assert.deepEqual(Object.keys(limits).sort(), ['ioKeepBytes', 'ioSmallBytes', 'maxInspectBytes', 'maxRemoteJwksBytes', 'maxTokenBytes']);
    assert.equal(limits.maxTokenBytes, 262144); // docs/API.md: maxTokenBytes default
    assert.equal(limits.maxInspectBytes, 1048576); // docs/API.md: inspect reads at most 1 MiB
    assert.equal(limits.maxRemoteJwksBytes, 1048576); // docs/API.md: a JWKS response of at most 1 MiB
  });

  test('read once per instance, then used by every size check', () => {
    const { api, count } = apiWith();
    assert.equal(api.decode(TOKEN).header.alg, 'ES256');
    api.inspect(TOKEN);
    assert.equal(count('limits'), 1);
  });

  test('a smaller maxTokenBytes from the core is what verify, createVerifier and decode refuse by', () => {
    const small = { ...limits, maxTokenBytes: 100 };
    const { api } = apiWith({ limits: () => JSON.stringify(small) });
    const key = fixtures.p256.spki;
    const opts = { algorithms: ['ES256'], currentDate: NOW };
    assert.ok(TOKEN.length > 100);
    throwsJwt(() => api.decode(TOKEN), 'ERR_JWT_INVALID', { message: /100-byte limit/ });
    throwsJwt(() => api.verify(TOKEN, key, opts), 'ERR_JWT_INVALID', { message: /100-byte limit/ });
    throwsJwt(() => api.createVerifier(key, { algorithms: ['ES256'] })(TOKEN, { currentDate: NOW }), 'ERR_JWT_INVALID', { message: /100-byte limit/ });
    // an explicit option still wins
    assert.equal(api.verify(TOKEN, key, { ...opts, maxTokenBytes: 4096 }).payload.sub, 'user-42');
  });

  test('a smaller maxInspectBytes: the report for an input over it is the core\'s, asked for by size', () => {
    const small = { ...limits, maxInspectBytes: 50 };
    const { api, count } = apiWith({ limits: () => JSON.stringify(small) });
    const r = api.inspect(`  ${TOKEN}\n`);
    assert.equal(count('inspectTooLarge'), 1);
    assert.equal(r.size.bytes, TOKEN.length);
    assert.deepEqual(r.findings.map((f) => f.code), ['malformed']);
    assert.equal(r.findings[0].title, 'Input too large');
    // the report is the core's own: the same as the real module gives for a real oversized input
    const big = `x${'A'.repeat(limits.maxInspectBytes)}`;
    assert.deepEqual(apiWith().api.inspect(big), JSON.parse(glue.inspectTooLarge(big.length)));
  });
});

describe('the trimming of pasted tokens is the core\'s', () => {
  test('over the limit, the ends are asked about window by window; under it, nothing is asked', () => {
    const { api, count } = apiWith();
    assert.deepEqual(api.decode(` Bearer ${TOKEN}\n`), m.decode(TOKEN));
    assert.equal(count('pastedHead') + count('pastedTail'), 0);
    const padded = `\u3000${' '.repeat(300000)}Bearer ${'\t'.repeat(100000)}${TOKEN}${'\u2029'.repeat(300000)}`;
    assert.deepEqual(api.decode(padded), m.decode(TOKEN));
    assert.ok(count('pastedHead') >= 2 && count('pastedTail') >= 2, JSON.stringify([count('pastedHead'), count('pastedTail')]));
    assert.equal(api.inspect(padded, { now: NOW }).kind, 'JWS');
  });

  test('the JS layer follows the core\'s answer: a core that calls nothing noise leaves the padding, and the size check refuses', () => {
    const { api } = apiWith({ pastedHead: () => new Uint32Array([0, 0, 0]), pastedTail: () => 0 });
    const padded = `${' '.repeat(300000)}${TOKEN}`;
    throwsJwt(() => api.decode(padded), 'ERR_JWT_INVALID', { message: /262144-byte limit/ });
    assert.deepEqual(apiWith().api.decode(padded), m.decode(TOKEN));
  });

  test('a core that calls more noise has the JS layer drop it', () => {
    // the fake core calls the first 5 code units noise whatever they are
    const { api } = apiWith({ pastedHead: (orig, w, kept) => (kept || w.startsWith('xxxxx') ? new Uint32Array([5, 0, 0]) : orig(w, kept)) });
    const padded = `xxxxx${' '.repeat(300000)}${TOKEN}`;
    assert.deepEqual(api.decode(padded), m.decode(TOKEN));
    throwsJwt(() => m.decode(padded), 'ERR_JWT_INVALID');
  });
});

describe('getKey selects with the core', () => {
  const jwks = { keys: [{ ...fixtures.p256.publicJwk, kid: 'a' }, { ...fixtures.p256.publicJwk, kid: 'b', use: 'enc' }] };

  test('selectJwk makes the choice, and its error is what getKey rejects with', async () => {
    const { api, count } = apiWith();
    const set = remoteSet(api, jwks);
    const token = await joseSign('ES256', claims(), { header: { kid: 'a' } });
    const key = await set.getKey(token);
    assert.equal(api.verify(token, key, { algorithms: ['ES256'], currentDate: NOW }).payload.sub, 'user-42');
    assert.ok(count('selectJwk') >= 1);
    const refused = [];
    const { api: api2 } = apiWith({
      selectJwk: () => {
        refused.push(1);
        throw ['ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'the core says so', undefined, undefined];
      },
    });
    await assert.rejects(remoteSet(api2, jwks).getKey(token), (e) => e.code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS' && e.message === 'the core says so');
    assert.ok(refused.length >= 1);
  });

  test('the header checks before a fetch are the core\'s too (an empty set), and cost no fetch', async () => {
    const { api, count } = apiWith();
    let fetches = 0;
    globalThis.fetch = async () => {
      fetches++;
      return new Response(JSON.stringify(jwks), { status: 200 });
    };
    const set = api.createRemoteJWKSet('https://issuer.example/jwks.json');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    await assert.rejects(set.getKey(none), (e) => e.code === 'ERR_JOSE_ALG_NOT_ALLOWED');
    await assert.rejects(set.getKey('not.a.token'), (e) => e.code === 'ERR_JWT_INVALID');
    assert.equal(fetches, 0);
    assert.ok(count('selectJwk') >= 2);
  });
});

describe('js/ keeps no copy of a core rule', () => {
  const JS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'js');
  const sources = fs.readdirSync(JS, { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => [`js/${f}`, fs.readFileSync(path.join(JS, f), 'utf8')]);
  sources.push(['the shipped jwtlens.js', fs.readFileSync(path.join(PKG, 'jwtlens.js'), 'utf8')]);
  const FORBIDDEN = [
    [/\bJWK_FIT\b|\bkty\b/, 'the JWKS selection rule (selectJwk)'],
    [/\bcoreTrim\b|\bisCoreWhitespace\b|\\u3000|\\u2028|\bbearer\b/i, 'the whitespace / Bearer trimming (pastedHead, pastedTail)'],
    [/\b(262144|1048576|65536|1\s*<<\s*(16|20))\b/, 'a byte limit (limits())'],
  ];

  test('no JWK_FIT, coreTrim, whitespace table or byte limit in js/ or the bundle', () => {
    assert.ok(sources.length > 10);
    for (const [name, text] of sources) {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
      for (const [pattern, what] of FORBIDDEN) assert.doesNotMatch(code, pattern, `${name} holds a copy of ${what}`);
    }
  });
});
