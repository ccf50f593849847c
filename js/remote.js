// Remote JWKS: createRemoteJWKSet
//
// The one asynchronous part of the API. A set fetches an issuer's JWKS with the platform's fetch
// (looked up on globalThis at call time), keeps it in memory as one JWKS Key (importKey), and
// hands every token to the synchronous core. The rules, after jose's createRemoteJWKSet:
//   - the keys are fresh for cacheMaxAge ms after a successful fetch; a stale set is refetched
//     before use, and if that refetch fails the stale keys are used (and the refetch is not
//     retried within cooldownDuration of the failed attempt);
//   - a token whose key is not in the set (ERR_JWKS_NO_MATCHING_KEY) triggers one refetch, unless
//     any fetch started less than cooldownDuration ago; a refetch that still has no key for it is
//     ERR_JWKS_NO_MATCHING_KEY, one that fails is its own error (the token may be valid: we could
//     not tell);
//   - concurrent callers share one in-flight fetch;
//   - a fetch that has not delivered the whole body within timeoutDuration is aborted
//     (ERR_JWKS_TIMEOUT); anything else wrong with the response is ERR_JWKS_INVALID.
//
// The fetching itself is in remote-fetch.js.
import { JwtError } from './errors.js';
import { checkToken, describe, isPlainObject } from './checks.js';
import { importKey, isStale, keyState } from './keys.js';
import { callTime, normaliseOptions } from './options.js';
import { checkSize, decode, verifySource } from './tokens.js';
import { MAX_TIMER_MS, fetchJwks, monotonicNow, remoteDuration, remoteHeaders, remoteUrl } from './remote-fetch.js';

// A waiter gives up on a shared fetch this long after the fetch's own timeout should have fired
// (a safety net for runtimes that cancel the fetching request's timers, such as a Worker whose
// first request went away).
const SHARED_FETCH_GRACE_MS = 1000;

// JWS algorithm → the JWK kty (and crv) that fits it: the contract's JWKS selection, for getKey.
const JWK_FIT = new Map([
  ['HS256', ['oct']], ['HS384', ['oct']], ['HS512', ['oct']],
  ['RS256', ['RSA']], ['RS384', ['RSA']], ['RS512', ['RSA']],
  ['PS256', ['RSA']], ['PS384', ['RSA']], ['PS512', ['RSA']],
  ['ES256', ['EC', 'P-256']], ['ES384', ['EC', 'P-384']], ['ES512', ['EC', 'P-521']],
  ['EdDSA', ['OKP', 'Ed25519']], ['Ed25519', ['OKP', 'Ed25519']],
]);
// Private members a served JWKS should never hold; getKey() drops them so its Key cannot sign.
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

/**
 * A set member's public part as a Key, or null when the core would leave the member out of a
 * parsed set (members of the wrong type, key material that does not parse or is too weak), so
 * that a broken key under a reused kid cannot turn a valid token into "multiple matching keys"
 * (issue 14). Private members a server leaked are never imported.
 */
function publicKeyOf(holder, jwk) {
  const publicJwk = { ...jwk };
  for (const member of PRIVATE_JWK_MEMBERS) delete publicJwk[member];
  try {
    return importKey(holder, publicJwk);
  } catch (e) {
    if (e instanceof JwtError) return null;
    throw e;
  }
}

/**
 * The contract's JWKS selection over the parsed set (the core does the same inside verify):
 * `{ key }`, a new Key for the one matching member, or `{ error }`.
 */
function selectKey(holder, keys, alg, kid) {
  const [kty, crv] = JWK_FIT.get(alg);
  const shaped = keys.filter(
    (k) =>
      isPlainObject(k) &&
      (kid === undefined || k.kid === kid) &&
      k.kty === kty &&
      (k.alg === undefined || k.alg === alg) &&
      (crv === undefined || k.crv === crv) &&
      (k.use === undefined || k.use === 'sig') &&
      (k.key_ops === undefined || (Array.isArray(k.key_ops) && k.key_ops.includes('verify'))),
  );
  const found = shaped.map((jwk) => publicKeyOf(holder, jwk)).filter((key) => key !== null);
  if (found.length === 1) return { key: found[0] };
  for (const key of found) key.free();
  const what = kid === undefined ? `alg ${alg}` : `kid "${kid}" and alg ${alg}`;
  if (found.length === 0) return { error: new JwtError('ERR_JWKS_NO_MATCHING_KEY', `no key in the JWKS matches ${what}`) };
  return { error: new JwtError('ERR_JWKS_MULTIPLE_MATCHING_KEYS', `${found.length} keys in the JWKS match ${what}`) };
}

/** The header members getKey() selects by, with the checks verify() applies to them. */
function selectionHeader(holder, token) {
  const { header } = decode(holder, token);
  const { alg, kid } = header;
  if (alg === undefined) throw new JwtError('ERR_JWS_INVALID', '"alg" header is missing');
  if (typeof alg !== 'string') throw new JwtError('ERR_JWS_INVALID', '"alg" header must be a string');
  if (alg === '') throw new JwtError('ERR_JWS_INVALID', '"alg" header is empty');
  if (alg.toLowerCase() === 'none') throw new JwtError('ERR_JOSE_ALG_NOT_ALLOWED', `alg "${alg}" (an unsecured JWS) is never allowed`);
  if (!JWK_FIT.has(alg)) throw new JwtError('ERR_JOSE_NOT_SUPPORTED', `alg "${alg}" is not supported`);
  if (kid !== undefined && typeof kid !== 'string') throw new JwtError('ERR_JWS_INVALID', '"kid" header must be a string');
  return { alg, kid };
}

const isNoMatch = (e) => e instanceof JwtError && e.code === 'ERR_JWKS_NO_MATCHING_KEY';
const EMPTY_SET = { kind: 'jwk', value: '{"keys":[]}' };

/**
 * Keys fetched from a JWKS endpoint, cached in memory and refetched on expiry or key rotation.
 * Returns at once; the first fetch happens on first use (or reload()).
 */
export function createRemoteJWKSet(holder, url, options) {
  const target = remoteUrl(url);
  if (options !== undefined && !isPlainObject(options)) {
    throw new TypeError(`createRemoteJWKSet: options must be a plain object; got ${describe(options)}`);
  }
  const opts = options === undefined ? {} : options;
  const cacheMaxAge = remoteDuration(opts, 'cacheMaxAge', 600000, { finite: false });
  const cooldownDuration = remoteDuration(opts, 'cooldownDuration', 30000, { finite: false });
  const timeoutDuration = remoteDuration(opts, 'timeoutDuration', 5000, { finite: true });
  const headers = remoteHeaders(opts.headers);

  // current: { jwks, key, startedAt, fetchedAt } of the last good fetch, or null. It is only ever
  // replaced by another good one, and read synchronously right before use, so a Key is never used
  // after it has been freed.
  let current = null;
  let lastAttemptAt = null; // start of the latest fetch of any kind (the cooldown clock)
  let lastAttemptFailed = false;
  let pending = null; // the in-flight fetch, shared: { promise, startedAt }

  const coolingDown = () => lastAttemptAt !== null && monotonicNow() - lastAttemptAt < cooldownDuration;

  function startFetch() {
    const startedAt = monotonicNow();
    lastAttemptAt = startedAt;
    const entry = { startedAt, promise: null };
    entry.promise = fetchJwks(holder, target, headers, timeoutDuration).then(
      ({ jwks, key }) => {
        if (pending === entry) pending = null;
        if (current !== null && current.startedAt > startedAt) {
          key.free(); // a late answer to a fetch that a newer one already overtook
          return;
        }
        const old = current;
        current = { jwks, key, startedAt, fetchedAt: monotonicNow() };
        lastAttemptFailed = false;
        if (old !== null) old.key.free();
      },
      (e) => {
        if (pending === entry) {
          pending = null;
          lastAttemptFailed = true;
        }
        throw e;
      },
    );
    entry.promise.catch(() => {}); // a failure nobody waits for is not an unhandled rejection
    pending = entry;
    return entry;
  }

  /** Waits for a shared fetch, but never much past its own timeout. */
  function join(entry) {
    let timer;
    const limit = Math.min(timeoutDuration + SHARED_FETCH_GRACE_MS, MAX_TIMER_MS);
    const giveUp = new Promise((resolve, reject) => {
      timer = setTimeout(() => {
        if (pending === entry) {
          pending = null;
          lastAttemptFailed = true;
        }
        reject(new JwtError('ERR_JWKS_TIMEOUT', `the JWKS request to ${target.origin}${target.pathname} did not complete within ${timeoutDuration} ms (timeoutDuration)`));
      }, limit);
    });
    return Promise.race([entry.promise, giveUp]).finally(() => clearTimeout(timer));
  }

  /** Makes `current` usable: fetched at least once, and fresh unless a refetch just failed. */
  const keysFresh = () => current !== null && monotonicNow() - current.fetchedAt < cacheMaxAge;

  async function ensureKeys() {
    if (keysFresh()) return;
    if (pending === null && current !== null && lastAttemptFailed && coolingDown()) return; // stale, kept
    try {
      await join(pending ?? startFetch());
    } catch (e) {
      if (current === null) throw e;
      // A failed refresh: keep serving the keys we have.
    }
  }

  /**
   * After a lookup in `seen` found no key: fetch once more if allowed. Returns true when there is
   * a newer set to look in, false when the lookup's answer stands (cooling down).
   */
  async function refetchForUnknownKey(seen) {
    if (current !== seen) return true; // replaced meanwhile
    if (pending !== null) {
      await join(pending);
      return true;
    }
    if (coolingDown()) return false;
    await join(startFetch());
    return true;
  }

  async function remoteVerify(token, verifyOptions) {
    checkToken(token);
    const normalised = normaliseOptions(verifyOptions, { claims: true });
    const clockGiven = verifyOptions.currentDate !== undefined;
    const givenNow = clockGiven ? callTime(verifyOptions) : 0;
    checkSize(token, normalised.maxTokenBytes);
    // `now` is taken just before the core runs, not before a fetch that may take seconds.
    const verifyWith = (source) => verifySource(holder, token, source, normalised, clockGiven ? givenNow : Math.floor(Date.now() / 1000));
    const attempt = () => {
      if (isStale(keyState.get(current.key))) {
        // The module was reset after a trap: the set's Key died with the old instance. Import
        // the document we already have again; no fetch is needed for that.
        current.key = importKey(holder, current.jwks);
      }
      return verifyWith({ kind: 'key', key: current.key });
    };
    if (!keysFresh()) {
      // A fetch may be due: what verify() refuses before it needs a key (a malformed token, a
      // bad header, alg none or not in the allow-list) must not cost one, as in jose. Verify
      // against an empty key set: only "no matching key" means the token itself got through.
      try {
        verifyWith(EMPTY_SET);
      } catch (e) {
        if (!isNoMatch(e)) throw e;
      }
    }
    await ensureKeys();
    const seen = current;
    try {
      return attempt();
    } catch (e) {
      if (!isNoMatch(e)) throw e;
      if (!(await refetchForUnknownKey(seen))) throw e;
    }
    return attempt();
  }

  async function remoteGetKey(token) {
    checkToken(token);
    const { alg, kid } = selectionHeader(holder, token);
    await ensureKeys();
    let seen = current;
    let picked = selectKey(holder, seen.jwks.keys, alg, kid);
    if (isNoMatch(picked.error) && (await refetchForUnknownKey(seen))) {
      seen = current;
      picked = selectKey(holder, seen.jwks.keys, alg, kid);
    }
    if (picked.error) throw picked.error;
    // A new Key for each call, owned by the caller (free() it, or leave it to the GC); it stays
    // valid whatever happens to the set afterwards.
    return picked.key;
  }

  async function remoteReload() {
    await join(pending ?? startFetch());
  }

  return Object.freeze({
    verify: (token, verifyOptions) => remoteVerify(token, verifyOptions),
    getKey: (token) => remoteGetKey(token),
    reload: () => remoteReload(),
  });
}
