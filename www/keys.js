// What the key boxes hold: a secret (in one of four encodings), a PEM, a JWK or a JWKS. Pure
// functions: they turn text into the KeyInput that jwtlens takes, or say what is wrong with it.
import { parseJson } from './json.js';

export const ENCODINGS = {
  utf8: 'UTF-8 text',
  base64: 'base64',
  base64url: 'base64url',
  hex: 'hex',
};

/** Hash output length in bytes: the least HMAC secret RFC 7518 §3.2 allows. */
export const HMAC_MIN_BYTES = { HS256: 32, HS384: 48, HS512: 64 };

const PEM_KINDS = {
  'PUBLIC KEY': { private: false, text: 'PEM public key (SPKI)' },
  'RSA PUBLIC KEY': { private: false, text: 'PEM RSA public key (PKCS#1)' },
  CERTIFICATE: { private: false, text: 'PEM X.509 certificate (its public key is used)' },
  'PRIVATE KEY': { private: true, text: 'PEM private key (PKCS#8)' },
  'RSA PRIVATE KEY': { private: true, text: 'PEM RSA private key (PKCS#1)' },
  'EC PRIVATE KEY': { private: true, text: 'PEM EC private key (SEC1)' },
};

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

/** Bytes of a secret written in `encoding`; throws an Error with a plain message. */
export function decodeSecret(text, encoding) {
  if (encoding === 'utf8') return new TextEncoder().encode(text);
  const compact = text.replace(/\s+/g, '');
  if (encoding === 'hex') {
    const hex = compact.replace(/^0x/i, '');
    if (!/^[0-9a-fA-F]*$/.test(hex)) throw new Error('not hex: only 0-9 and a-f are allowed');
    if (hex.length % 2 !== 0) throw new Error(`not hex: an odd number of digits (${hex.length})`);
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  if (encoding === 'base64' || encoding === 'base64url') {
    const alphabet = encoding === 'base64' ? /^[A-Za-z0-9+/]*={0,2}$/ : /^[A-Za-z0-9_-]*={0,2}$/;
    if (!alphabet.test(compact)) {
      const other = encoding === 'base64' ? /[-_]/.test(compact) : /[+/]/.test(compact);
      throw new Error(`not ${encoding}${other ? `: it contains ${encoding === 'base64' ? '"-" or "_" (base64url?)' : '"+" or "/" (base64?)'}` : ''}`);
    }
    const body = compact.replace(/=+$/, '');
    if (body.length % 4 === 1) throw new Error(`not ${encoding}: the length is impossible`);
    const std = body.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(std + '='.repeat((4 - (std.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  }
  throw new Error(`unknown encoding ${encoding}`);
}

function describeJwk(jwk) {
  const parts = [jwk.kty];
  if (jwk.crv) parts.push(jwk.crv);
  if (jwk.kty === 'RSA' && typeof jwk.n === 'string') parts.push(`${Math.floor((jwk.n.replace(/=+$/, '').length * 3) / 4) * 8} bits`);
  if (jwk.alg) parts.push(`alg ${jwk.alg}`);
  if (jwk.kid) parts.push(`kid "${String(jwk.kid).length > 24 ? `${String(jwk.kid).slice(0, 22)}…` : jwk.kid}"`);
  return parts.join(', ');
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Classify the text of a key box.
 * Returns one of
 *   { kind: 'empty' }
 *   { kind: 'pem', input: string, label, private: boolean, summary }
 *   { kind: 'jwk', input: object, private: boolean, summary }
 *   { kind: 'jwks', input: object, summary }
 *   { kind: 'secret', input: Uint8Array, bytes: number, summary }
 *   { kind: 'error', message, line? }
 */
export function readKey(text, encoding) {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (trimmed.startsWith('-----BEGIN')) {
    const m = /^-----BEGIN ([A-Z0-9 #]+)-----/.exec(trimmed);
    const label = m ? m[1] : '';
    const known = PEM_KINDS[label];
    if (!m || !/-----END [A-Z0-9 #]+-----$/.test(trimmed)) {
      return { kind: 'error', message: 'an incomplete PEM: it needs its -----BEGIN …----- and -----END …----- lines' };
    }
    if (!known) return { kind: 'error', message: `a PEM "${label}" is not a key jwtlens reads (PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE or a private key)` };
    return { kind: 'pem', input: trimmed, label, private: known.private, summary: known.text };
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = parseJson(trimmed);
    if (!parsed.ok) {
      return { kind: 'error', message: `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`, line: parsed.line };
    }
    const v = parsed.value;
    if (isObject(v) && Array.isArray(v.keys)) {
      const n = v.keys.length;
      return { kind: 'jwks', input: v, summary: `JWKS with ${n} key${n === 1 ? '' : 's'}${n ? `: ${v.keys.map((k) => (isObject(k) ? `${k.kty ?? '?'}${k.kid ? ` "${String(k.kid).slice(0, 12)}${String(k.kid).length > 12 ? '…' : ''}"` : ''}` : '?')).join(', ')}` : ''}` };
    }
    if (isObject(v) && typeof v.kty === 'string') {
      const priv = PRIVATE_JWK_MEMBERS.some((m) => m in v) || (v.kty === 'oct' && 'k' in v);
      return { kind: 'jwk', input: v, private: priv, summary: `JWK (${describeJwk(v)})${priv && v.kty !== 'oct' ? ', private: its public part is used to verify' : ''}` };
    }
    return { kind: 'error', message: 'JSON that is neither a JWK (it needs "kty") nor a JWKS (it needs "keys": […])' };
  }
  try {
    const bytes = decodeSecret(trimmed, encoding);
    if (bytes.length === 0) return { kind: 'error', message: 'an empty secret' };
    return { kind: 'secret', input: bytes, bytes: bytes.length, summary: `secret, ${bytes.length} byte${bytes.length === 1 ? '' : 's'} (${ENCODINGS[encoding]})` };
  } catch (err) {
    return { kind: 'error', message: String(err.message) };
  }
}

/** The public half of a JWK (private members removed; an oct key stays as it is). */
export function publicPart(jwk) {
  if (jwk.kty === 'oct') return { ...jwk };
  const out = {};
  for (const [name, value] of Object.entries(jwk)) if (!PRIVATE_JWK_MEMBERS.includes(name)) out[name] = value;
  return out;
}

/** Bytes of an HMAC key for the weak-secret warning: a secret's, or an oct JWK's `k`. */
export function hmacKeyBytes(key) {
  if (key.kind === 'secret') return key.bytes;
  if (key.kind === 'jwk' && key.input.kty === 'oct' && typeof key.input.k === 'string') {
    try {
      return decodeSecret(key.input.k, 'base64url').length;
    } catch {
      return null;
    }
  }
  return null;
}

/** Bytes → base64url text. */
export function toBase64url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The token inside what was pasted: surrounding space, `Authorization:` and `Bearer ` removed. */
export function extractToken(raw) {
  const m = /^\s*(authorization\s*:\s*)?(bearer\s+)?/i.exec(raw);
  const prefix = m ? m[0] : '';
  const token = raw.slice(prefix.length).trim();
  return { token, start: prefix.length, prefix: prefix.trim(), hadHeaderName: Boolean(m && m[1]), hadBearer: Boolean(m && m[2]) };
}
