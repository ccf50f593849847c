// The HTTP side of createRemoteJWKSet (remote.js): the URL, options and headers checks, and one
// GET of a JWKS with a deadline and a size cap, imported as one JWKS Key.
import { JwtError } from './errors.js';
import { describe, isPlainObject, toStringTag } from './checks.js';
import { importKey } from './keys.js';
import { limitsOf } from './io.js';

export const MAX_TIMER_MS = 2147483647; // setTimeout's limit: larger delays fire at once

export function monotonicNow() {
  const perf = globalThis.performance;
  return perf !== undefined && perf !== null && typeof perf.now === 'function' ? perf.now() : Date.now();
}

export function remoteUrl(url) {
  let parsed;
  if (typeof url === 'string') {
    try {
      parsed = new URL(url);
    } catch {
      throw new TypeError(`createRemoteJWKSet: url ${JSON.stringify(url)} is not an absolute URL`);
    }
  } else if (url !== null && typeof url === 'object' && ((typeof URL === 'function' && url instanceof URL) || toStringTag(url) === '[object URL]')) {
    parsed = new URL(String(url.href));
  } else {
    throw new TypeError(`createRemoteJWKSet: url must be a string or a URL; got ${describe(url)}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError(`createRemoteJWKSet: url must be http(s); got ${JSON.stringify(parsed.protocol)}`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new TypeError('createRemoteJWKSet: url must not contain credentials; pass an Authorization header in options.headers');
  }
  return parsed;
}

export function remoteDuration(options, name, fallback, { finite }) {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (finite && !(value <= MAX_TIMER_MS))) {
    const range = finite ? `a number of milliseconds from 0 to ${MAX_TIMER_MS}` : 'a non-negative number of milliseconds (Infinity allowed)';
    throw new TypeError(`createRemoteJWKSet: options.${name} must be ${range}; got ${typeof value === 'number' ? value : describe(value)}`);
  }
  return value;
}

export function remoteHeaders(headers) {
  const out = {};
  if (headers !== undefined) {
    if (!isPlainObject(headers)) {
      throw new TypeError(`createRemoteJWKSet: options.headers must be a plain object of header names to strings; got ${describe(headers)}`);
    }
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value !== 'string') throw new TypeError(`createRemoteJWKSet: options.headers[${JSON.stringify(name)}] must be a string; got ${describe(value)}`);
      out[name] = value;
    }
    if (typeof Headers === 'function') {
      try {
        new Headers(out); // rejects invalid names and values now rather than at the first fetch
      } catch (e) {
        throw new TypeError(`createRemoteJWKSet: options.headers: ${e && e.message}`);
      }
    }
  }
  if (!Object.keys(out).some((n) => n.toLowerCase() === 'accept')) out.accept = 'application/jwk-set+json, application/json';
  return out;
}

/** A timer that aborts `controller` and makes every raced promise reject once it fires. */
function fetchDeadline(ms, controller) {
  let timer;
  let expired = false;
  const fired = new Promise((resolve, reject) => {
    timer = setTimeout(() => {
      expired = true;
      try {
        controller.abort();
      } catch {
        // nothing to abort
      }
      reject(new Error('timeout'));
    }, ms);
  });
  fired.catch(() => {});
  return {
    race: (p) => Promise.race([p, fired]),
    get expired() {
      return expired;
    },
    clear: () => clearTimeout(timer),
  };
}

function cancelBody(response) {
  try {
    if (response.body && !response.bodyUsed) response.body.cancel().catch(() => {});
  } catch {
    // a locked or already closed body
  }
}

const MiB = 1024 * 1024;
const inUnits = (bytes) => (bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`);

/** The body as bytes, refusing (and cancelling) anything over `max` bytes (the core's limit). */
async function readJwksBody(response, deadline, where, max) {
  const tooLarge = (detail) => new JwtError('ERR_JWKS_INVALID', `the JWKS response from ${where} is larger than ${inUnits(max)} (${detail})`);
  const declared = response.headers.get('content-length');
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > max) {
    cancelBody(response);
    throw tooLarge(`Content-Length: ${declared.trim()}`);
  }
  if (response.body === null || response.body === undefined) {
    // No stream (an old fetch polyfill): let the platform buffer it, then check.
    const buffer = new Uint8Array(await deadline.race(response.arrayBuffer()));
    if (buffer.byteLength > max) throw tooLarge(`${buffer.byteLength} bytes`);
    return buffer;
  }
  const reader = response.body.getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await deadline.race(reader.read());
      if (done) break;
      if (toStringTag(value) !== '[object Uint8Array]') throw new JwtError('ERR_JWKS_INVALID', `the JWKS response from ${where} is not a byte stream`);
      total += value.byteLength;
      if (total > max) throw tooLarge(`more than ${max} bytes received`);
      chunks.push(value);
    }
  } catch (e) {
    reader.cancel().catch(() => {});
    throw e;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/**
 * One GET of the JWKS: resolves to { jwks, key } (the parsed document and its JWKS Key) or
 * rejects with ERR_JWKS_TIMEOUT / ERR_JWKS_INVALID.
 */
export async function fetchJwks(holder, url, headers, timeoutMs) {
  // Only the origin and path in messages: a query string may carry an API key.
  const where = `${url.origin}${url.pathname}`;
  const maxBytes = limitsOf(holder).maxRemoteJwksBytes;
  const fetchImpl = globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw new TypeError('createRemoteJWKSet needs a global fetch() (Node >= 18, Workers, browsers)');
  const controller = new AbortController();
  const deadline = fetchDeadline(timeoutMs, controller);
  let bytes;
  try {
    const response = await deadline.race(
      Promise.resolve().then(() => fetchImpl(url.href, { method: 'GET', headers: { ...headers }, redirect: 'manual', signal: controller.signal })),
    );
    if (response.status !== 200) {
      cancelBody(response);
      const redirected = response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
      throw new JwtError(
        'ERR_JWKS_INVALID',
        redirected
          ? `the JWKS endpoint ${where} answered with a redirect (HTTP ${response.status}); redirects are not followed, configure the final URL`
          : `the JWKS endpoint ${where} answered HTTP ${response.status}, expected 200`,
      );
    }
    bytes = await readJwksBody(response, deadline, where, maxBytes);
  } catch (e) {
    if (deadline.expired) {
      throw new JwtError('ERR_JWKS_TIMEOUT', `the JWKS request to ${where} did not complete within ${timeoutMs} ms (timeoutDuration)`);
    }
    if (e instanceof JwtError) throw e;
    const why = e && typeof e.message === 'string' && e.message !== '' ? e.message : String(e);
    throw new JwtError('ERR_JWKS_INVALID', `the JWKS request to ${where} failed (network error: ${why})`, { cause: e });
  } finally {
    deadline.clear();
  }
  let jwks;
  try {
    jwks = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch (e) {
    throw new JwtError('ERR_JWKS_INVALID', `the JWKS response from ${where} is not JSON (${e && e.name === 'TypeError' ? 'not UTF-8' : e && e.message})`);
  }
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) {
    throw new JwtError('ERR_JWKS_INVALID', `the JWKS response from ${where} is not a JWK Set (a JSON object with a "keys" array)`);
  }
  let key;
  try {
    key = importKey(holder, jwks);
  } catch (e) {
    if (e instanceof JwtError) throw new JwtError('ERR_JWKS_INVALID', `the JWKS from ${where} is not a valid JWK Set: ${e.message}`);
    throw e;
  }
  return { jwks, key };
}
