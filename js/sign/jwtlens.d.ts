// jwtlens/sign: signing and key generation, in their own entry (and wasm) so that an import of
// jwtlens or jwtlens/lite carries none of it. Same loading as jwtlens: ready on import in Node and
// Workers, `await init()` once on a plain page (the "browser" condition does it for you).
import type { Algorithm, Jwk, WasmSource, InitInput } from '../jwtlens.js';
export { JwtError } from '../jwtlens.js';
export type { Algorithm, Jwk, WasmSource, InitInput } from '../jwtlens.js';

/** Loads the signing wasm (idempotent). Needed once on a plain page; a no-op in Node and Workers. */
export default function init(input?: InitInput | { module_or_path: InitInput }): Promise<void>;
/** Instantiates the signing wasm synchronously from its bytes or a compiled module. */
export function initSync(input?: WasmSource | { module: WasmSource }): void;

/**
 * A private key (or an HMAC secret) parsed once by {@link importSigningKey} for signing many
 * tokens. It signs; a `Key` of `jwtlens` verifies (passing one for the other is a TypeError that
 * names the right function). `free()` releases its memory at once.
 */
export class SigningKey {
  private constructor();
  /** Declaration only: makes SigningKey nominal, so that a Key of jwtlens (the same public shape) is not a SigningKey. */
  private readonly _jwtlensSigningKey: void;
  /** Releases the key's memory; using it afterwards is a TypeError. */
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * A private key PEM (PKCS#8 "PRIVATE KEY", PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY"), an
 * HMAC secret (string or bytes), a private JWK or an `oct` JWK, or a SigningKey.
 */
export type PrivateKeyInput = string | Uint8Array | Jwk | SigningKey;

/**
 * Parses a private key or secret once. With `alg` the key signs that algorithm only. A public key
 * is refused (TypeError): signing needs the private part.
 */
export function importSigningKey(input: string | Uint8Array | Jwk | SigningKey, alg?: Algorithm | (string & {})): SigningKey;

export interface SignOptions {
  /** The algorithm; `"none"` is refused with a TypeError. */
  alg: Algorithm | (string & {});
  /** Extra header members; `typ` and `kid` given here win over the defaults. */
  header?: Record<string, unknown>;
  /** Seconds after `iat` (or now), or a duration such as `"15m"`, `"2h"`, `"7d"`. */
  expiresIn?: number | string;
  /** Seconds after `iat` (or now), or a duration. */
  notBefore?: number | string;
  /** `false`: no `iat`; `true`: `iat` = now; a number: that `iat`. Default: now unless present. */
  issuedAt?: boolean | number;
  /** Accept HMAC secrets shorter than the hash output. Default false. */
  allowShortSecrets?: boolean;
}

/** Signs the claims and returns a compact JWS (header `alg`, `typ: "JWT"`, the key's `kid`). */
export function sign(payload: Record<string, unknown>, key: PrivateKeyInput, options: SignOptions): string;

/** Options of {@link signJws}: no claims, so no times. */
export interface SignJwsOptions {
  /** The algorithm; `"none"` is refused with a TypeError. */
  alg: Algorithm | (string & {});
  /** Extra header members (no `typ` is added unless given here; `b64` and `crit` are refused). */
  header?: Record<string, unknown>;
  /** Accept HMAC secrets shorter than the hash output. Default false. */
  allowShortSecrets?: boolean;
}

/**
 * Signs any payload (bytes, or a string as its UTF-8 bytes) as a compact JWS: the counterpart of
 * `verifyJws` (jose's `CompactSign`), with the same refusal rules as {@link sign}.
 */
export function signJws(payload: Uint8Array | string, key: PrivateKeyInput, options: SignJwsOptions): string;

/**
 * The public JWK of a private key (RFC 7638 members, then its `alg`, `kid` and `use`): what to give a verifier.
 * `jwtlens` refuses a private key whose public half it would have to compute (an Ed25519 PKCS#8
 * key, a SEC1 key without its public point); this gives that public half.
 */
export function publicJwk(key: PrivateKeyInput): Jwk;

export interface GeneratedKeyPair {
  /** With `alg`, `use: "sig"` and `kid` = RFC 7638 thumbprint. */
  privateJwk: Jwk;
  publicJwk: Jwk;
}

/** Generates a key pair (RSA, EC or Ed25519) with the platform's CSPRNG. */
export function generateKeyPair(alg: Algorithm | (string & {}), options?: { modulusLength?: number }): GeneratedKeyPair;

/** Random bytes of exactly the hash length of HS256/HS384/HS512. */
export function generateSecret(alg: 'HS256' | 'HS384' | 'HS512' | (string & {})): Uint8Array;

/** A public JWK as SPKI PEM ("PUBLIC KEY"), a private one as PKCS#8 ("PRIVATE KEY"). */
export function toPem(jwk: Jwk): string;
