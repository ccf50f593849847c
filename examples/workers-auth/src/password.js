// Password checking with PBKDF2-HMAC-SHA-256 through WebCrypto.
//
// Deployed Workers refuse PBKDF2 with more than 100,000 iterations (a NotSupportedError), while
// local workerd (`wrangler dev`) accepts any count: a hash made with more would work locally and
// fail every login once deployed. parseHash() therefore refuses more than MAX_ITERATIONS, so the
// mistake shows up locally too.

export const MAX_ITERATIONS = 100_000;
const MIN_ITERATIONS = 10_000;

function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new TypeError('not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Parses `pbkdf2-sha256$iterations$salt$hash`; throws a TypeError naming what is wrong. */
export function parseHash(stored) {
  const parts = typeof stored === 'string' ? stored.split('$') : [];
  if (parts.length !== 4 || parts[0] !== 'pbkdf2-sha256') throw new TypeError('a password hash must be pbkdf2-sha256$iterations$salt$hash');
  const iterations = Number(parts[1]);
  if (!Number.isSafeInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new TypeError(`PBKDF2 iterations must be ${MIN_ITERATIONS}..${MAX_ITERATIONS} (deployed Workers refuse more than ${MAX_ITERATIONS})`);
  }
  const salt = fromBase64url(parts[2]);
  const hash = fromBase64url(parts[3]);
  if (salt.length < 16 || hash.length !== 32) throw new TypeError('the salt must be at least 16 bytes and the hash 32');
  return { iterations, salt, hash };
}

/** Whether `password` matches the stored hash (compared in constant time). */
export async function checkPassword(password, stored) {
  const { iterations, salt, hash } = parseHash(stored);
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256));
  let diff = 0;
  for (let i = 0; i < hash.length; i++) diff |= hash[i] ^ bits[i];
  return diff === 0;
}
