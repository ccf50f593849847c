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
import { JwtError, callCore } from './errors.js';
import { checkToken, describe, isPlainObject } from './checks.js';
import { importKey, isStale, keyOfHandle, keyState, liveHandle } from './keys.js';
import { callTime, normaliseOptions } from './options.js';
import { checkSize, pastedToken, verifySource } from './tokens.js';
import { limitsOf } from './io.js';
import { MAX_TIMER_MS, fetchJwks, monotonicNow, remoteDuration, remoteHeaders, remoteUrl } from './remote-fetch.js';

// A waiter gives up on a shared fetch this long after the fetch's own timeout should have fired
// (a safety net for runtimes that cancel the fetching request's timers, such as a Worker whose
// first request went away).
const SHARED_FETCH_GRACE_MS = 1000;

/**
 * A new Key for the member of the set `setKey` that verify() would use for `token`: the core's
 * selection (src/verify.rs, select_jwk), after verify()'s checks of the header's alg and kid. The
 * member's public part only: a set never holds private material.
 */
function selectKey(holder, setKey, token) {
  const handle = liveHandle(keyState.get(setKey));
  const b = holder.get();
  return keyOfHandle(holder, callCore(holder, () => b.selectJwk(handle, token)));
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

  /** The current set's Key, imported again from its document if a trap reset the module. */
  function liveSet() {
    if (isStale(keyState.get(current.key))) {
      // The set's Key died with the old instance; no fetch is needed to make it again.
      current.key = importKey(holder, current.jwks);
    }
    return current.key;
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

  /**
   * Runs `use(setKey)` with the current keys, as verify() and getKey() both need them: when a
   * fetch may be due, `precheck()` first (what the core refuses before it needs a key — a
   * malformed token or header, alg none or unknown — must not cost a fetch, as in jose; only "no
   * matching key" from an empty set means the token got through); then, when the set has no key
   * for the token, one refetch if allowed and a second try.
   */
  async function withKeys(precheck, use) {
    if (!keysFresh()) {
      try {
        precheck();
      } catch (e) {
        if (!isNoMatch(e)) throw e;
      }
    }
    await ensureKeys();
    const seen = current;
    try {
      return use(liveSet());
    } catch (e) {
      if (!isNoMatch(e)) throw e;
      if (!(await refetchForUnknownKey(seen))) throw e;
    }
    return use(liveSet());
  }

  async function remoteVerify(token, verifyOptions) {
    checkToken(token);
    const normalised = normaliseOptions(verifyOptions, { claims: true });
    const clockGiven = verifyOptions.currentDate !== undefined;
    const givenNow = clockGiven ? callTime(verifyOptions) : 0;
    checkSize(holder, token, normalised);
    // `now` is taken just before the core runs, not before a fetch that may take seconds.
    const verifyWith = (source) => verifySource(holder, token, source, normalised, clockGiven ? givenNow : Math.floor(Date.now() / 1000));
    return withKeys(() => verifyWith(EMPTY_SET), (key) => verifyWith({ kind: 'key', key }));
  }

  async function remoteGetKey(pasted) {
    checkToken(pasted);
    // getKey() reads the header as decode() does: a pasted token is fine, a huge one refused
    const token = pastedToken(holder, pasted, limitsOf(holder).maxTokenBytes);
    const precheck = () => {
      const empty = importKey(holder, { keys: [] });
      try {
        selectKey(holder, empty, token).free();
      } finally {
        empty.free();
      }
    };
    // A new Key for each call, owned by the caller (free() it, or leave it to the GC); it stays
    // valid whatever happens to the set afterwards.
    return withKeys(precheck, (setKey) => selectKey(holder, setKey, token));
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
