// Type declarations for jwtlens, written by hand (the wasm-bindgen ones describe the internal
// boundary, not this API). One file for every entry point: Node, Workers and browsers export the
// same names.

declare global {
  // `Symbol.dispose` (explicit resource management), declared the way @types/node does, for
  // projects whose `lib` does not include it yet. Key implements it.
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/** The JWS algorithms jwtlens verifies. */
export type Algorithm =
  | 'HS256' | 'HS384' | 'HS512'
  | 'RS256' | 'RS384' | 'RS512'
  | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512'
  | 'EdDSA'
  | 'Ed25519';

/** The `code` of every JwtError, named as in jose so that error handling carries over. */
export type JwtErrorCode =
  | 'ERR_JWT_INVALID'
  | 'ERR_JOSE_ALG_NOT_ALLOWED'
  | 'ERR_JOSE_NOT_SUPPORTED'
  | 'ERR_JWS_INVALID'
  | 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
  | 'ERR_JWK_INVALID'
  | 'ERR_JWKS_INVALID'
  | 'ERR_JWKS_NO_MATCHING_KEY'
  | 'ERR_JWKS_MULTIPLE_MATCHING_KEYS'
  | 'ERR_JWKS_TIMEOUT'
  | 'ERR_JWT_EXPIRED'
  | 'ERR_JWT_CLAIM_VALIDATION_FAILED'
  /** The WebAssembly module trapped (a bug in jwtlens): the call failed, `cause` is the trap, and the module was replaced so later calls work; Keys imported before must be imported again. */
  | 'ERR_JWTLENS_INTERNAL';

/** Why a claim check failed. */
export type ClaimFailureReason = 'missing' | 'check_failed' | 'invalid';

/**
 * Every failure jwtlens reports. Misuse of the API (a missing option, a key of the wrong JS type)
 * is a `TypeError` instead.
 */
export class JwtError extends Error {
  constructor(code: JwtErrorCode, message: string, options?: { claim?: string; reason?: ClaimFailureReason; cause?: unknown });
  readonly name: 'JwtError';
  /** Stable machine-readable code; the message is for people. */
  readonly code: JwtErrorCode;
  /** On claim failures: the claim that failed (`exp`, `iat`, `nbf`, `iss`, `aud`, `sub`, `typ`, or a required claim). */
  readonly claim?: string;
  /** On claim failures: absent, present but different, or of the wrong JSON type. */
  readonly reason?: ClaimFailureReason;
}

/** A JSON Web Key (RFC 7517). Private members are ignored when verifying. */
export interface Jwk {
  /** `oct`, `RSA`, `EC` or `OKP`. */
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: readonly string[];
  /** `P-256`, `P-384`, `P-521` (EC) or `Ed25519` (OKP). */
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  /** The secret of an `oct` key, base64url. */
  k?: string;
  d?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  x5c?: readonly string[];
  x5t?: string;
  'x5t#S256'?: string;
  [member: string]: unknown;
}

/** A JWK Set (RFC 7517 §5): the key is chosen per token by `kid`, then `kty`/`alg`/`crv`/`use`/`key_ops`. */
export interface Jwks {
  keys: readonly Jwk[];
  [member: string]: unknown;
}

/**
 * A key prepared once by {@link importKey}, for verifying many tokens fast. It holds memory inside
 * the WebAssembly instance: `free()` (or a `using` declaration) releases it at once; otherwise it
 * is released when the Key is garbage-collected. A freed Key is a `TypeError` to use.
 */
export class Key {
  private constructor();
  /** Declaration only: makes Key nominal, so that a SigningKey of jwtlens/sign (the same public shape) is not a Key. */
  private readonly _jwtlensKey: void;
  /** Releases the key's memory; a second call does nothing. */
  free(): void;
  /** The same as `free()`, for `using key = importKey(...)`. */
  [Symbol.dispose](): void;
}

/**
 * What `verify`, `verifyJws` and `importKey` accept as a key:
 * - a string containing `-----BEGIN` (text before the block is skipped): a PEM (`PUBLIC KEY`,
 *   `RSA PUBLIC KEY`, `CERTIFICATE`, or a private key whose public part is used), never an HMAC
 *   secret; any other string is an HMAC secret (UTF-8 bytes);
 * - a `Uint8Array` (a Node `Buffer` too): HMAC secret bytes;
 * - a JWK or a JWKS object;
 * - a {@link Key} from `importKey()`.
 */
export type KeyInput = string | Uint8Array | Jwk | Jwks | Key;

/** Options of {@link verifyJws}; {@link verify} takes these too. */
export interface JwsVerifyOptions {
  /** Required, non-empty: the algorithms a token may use. `"none"` can never be allowed. */
  algorithms: readonly string[];
  /** The `crit` header parameters the caller understands (`{ "exp-ext": true }`). */
  crit?: Record<string, boolean>;
  /** Tokens longer than this many bytes are refused (`ERR_JWT_INVALID`). Default 262144. */
  maxTokenBytes?: number;
  /** Accept HMAC secrets shorter than the hash output (RFC 7518 §3.2). Default false. */
  allowShortSecrets?: boolean;
}

/** Options of {@link verify}. */
export interface VerifyOptions extends JwsVerifyOptions {
  /** Expected `iss`: the token's must equal it (or one of them). */
  issuer?: string | readonly string[];
  /** Expected `aud`: matches if any token audience equals any expected value. */
  audience?: string | readonly string[];
  /** Expected `sub`. */
  subject?: string;
  /** Expected `typ` header, compared case-insensitively, `application/` prefix optional. */
  typ?: string;
  /** Allowed clock skew: seconds, or a duration string such as `"30s"` or `"5m"`. Default 0. */
  clockTolerance?: number | string;
  /** Maximum age since `iat` (which becomes required): seconds, or a duration such as `"1h"`. */
  maxTokenAge?: number | string;
  /** The time to check against: a Date, or seconds since the epoch. Default: now. */
  currentDate?: Date | number;
  /** Claims that must be present. Default `["exp"]`; pass `[]` to accept tokens without `exp`. */
  requiredClaims?: readonly string[];
}

/** What {@link decode} returns. Nothing in it has been verified. */
export interface Decoded {
  /** The JOSE protected header. */
  header: Record<string, unknown>;
  /** The claims. */
  payload: Record<string, unknown>;
  /** The third segment, base64url, as in the token. */
  signature: string;
  /** The raw segments. */
  segments: { header: string; payload: string; signature: string };
}

/** What {@link verify} returns. */
export interface Verified {
  payload: Record<string, unknown>;
  protectedHeader: Record<string, unknown>;
}

/** What {@link verifyJws} returns: the payload is the signed bytes, whatever they are. */
export interface VerifiedJws {
  payload: Uint8Array;
  protectedHeader: Record<string, unknown>;
}

/**
 * Splits and parses a compact JWS **without verifying it**: the result must not be trusted.
 * Whitespace around the token and a leading `Bearer ` are tolerated.
 * @throws {JwtError} `ERR_JWT_INVALID` when the token is not a well-formed compact JWS/JWT.
 * @throws {TypeError} when `token` is not a string.
 */
export function decode(token: string): Decoded;

/**
 * Verifies a JWT: the algorithm against `options.algorithms` and the key, the signature, the
 * header rules, then the claims.
 * @throws {JwtError} with the code of the first check that failed.
 * @throws {TypeError} on misuse: a token that is not a string, a key of the wrong JS type,
 * missing or invalid options.
 */
export function verify(token: string, key: KeyInput, options: VerifyOptions): Verified;

/**
 * Verifies a compact JWS (RFC 7515) whose payload may be any bytes. Every signature, key and
 * header rule of {@link verify} applies; no claim is looked at.
 * @throws {JwtError} with the code of the first check that failed.
 * @throws {TypeError} on misuse.
 */
export function verifyJws(token: string, key: KeyInput, options: JwsVerifyOptions): VerifiedJws;

/**
 * Parses a key once, for verifying many tokens. With `alg` the key is bound to that algorithm
 * (any other is `ERR_JOSE_ALG_NOT_ALLOWED`); without it any algorithm of the key's family may be
 * used, still subject to `options.algorithms`. A JWKS gives a Key that selects per token.
 * @throws {JwtError} `ERR_JWK_INVALID`, `ERR_JWKS_INVALID`, `ERR_JOSE_ALG_NOT_ALLOWED`,
 * `ERR_JOSE_NOT_SUPPORTED` for unusable key material.
 * @throws {TypeError} when `input` is not a KeyInput or `alg` is not a string.
 */
export function importKey(input: KeyInput, alg?: string): Key;

/** Options of {@link createVerifier}: those of {@link verify} except the time, which comes per call. */
export type VerifierOptions = Omit<VerifyOptions, 'currentDate'> & { currentDate?: never };

/** What a verifier takes per call: only the time. */
export interface VerifierCallOptions {
  /** The time to check against: a Date, or seconds since the epoch. Default: now. */
  currentDate?: Date | number;
}

/**
 * A prepared verifier from {@link createVerifier}: call it with a token. It holds memory inside
 * the WebAssembly instance, as a {@link Key} does: `free()` (or a `using` declaration) releases it
 * at once; otherwise it is released when the verifier is garbage-collected.
 */
export interface Verifier {
  /**
   * Verifies a JWT with the verifier's key and options, at `options.currentDate` or now.
   * @throws {JwtError} with the code of the first check that failed.
   * @throws {TypeError} when `token` is not a string, for options other than `currentDate`, or
   * when the verifier has been freed.
   */
  (token: string, options?: VerifierCallOptions): Verified;
  /** Releases the verifier's memory; a second call does nothing. */
  free(): void;
  /** The same as `free()`, for `using verifier = createVerifier(...)`. */
  [Symbol.dispose](): void;
}

/**
 * Prepares a key and options once for verifying many tokens (the fastest way to verify): the
 * options are checked here, and each call passes only the token and the time. Takes every key form
 * {@link verify} takes; the verifier keeps its own copy of the key.
 * @throws {TypeError} on misuse, as {@link verify}, and for `options.currentDate` (pass it per call).
 * @throws {JwtError} for unusable key material, as {@link importKey}.
 */
export function createVerifier(key: KeyInput, options: VerifierOptions): Verifier;

// Platform classes (URL, Request, Response, WebAssembly.Module) are looked up on `globalThis`
// instead of being named directly, so that a project whose `lib` lacks them (Node without the DOM
// lib has no WebAssembly types) still compiles; there they are simply not accepted.
type PlatformClass<Name extends string> = typeof globalThis extends { [P in Name]: { prototype: infer Instance } } ? Instance : never;
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer Instance } } } ? Instance & object : never;

/** The wasm itself: its bytes or a compiled `WebAssembly.Module`. */
export type WasmSource = ArrayBuffer | ArrayBufferView | WasmModule;

/** Where `init()` may load the wasm from (browsers; in Node and Workers it is ignored). */
export type InitInput =
  | string
  | PlatformClass<'URL'>
  | PlatformClass<'Request'>
  | PlatformClass<'Response'>
  | WasmSource
  | PromiseLike<string | PlatformClass<'URL'> | PlatformClass<'Request'> | PlatformClass<'Response'> | WasmSource>;

/**
 * Makes the module ready. Only needed where the wasm must be fetched first and the entry does not
 * do it itself; idempotent, and resolves at once where the module is already ready (Node,
 * Workers, and the default browser entry).
 */
export default function init(input?: InitInput | { module_or_path: InitInput }): Promise<void>;

/** Makes the module ready synchronously from the wasm bytes or a compiled module (a no-op where it already is). */
export function initSync(input?: WasmSource | { module: WasmSource }): void;

// Only the declarations above marked `export` are part of the module (the helper types are not).
export {};

// ---------------------------------------------------------------------------------------------
// inspect

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export type FindingCode =
  | 'malformed' | 'alg-none' | 'alg-missing' | 'alg-unknown' | 'exp-missing' | 'expired'
  | 'not-yet-valid' | 'iat-future' | 'claim-type' | 'long-lifetime' | 'sensitive-data'
  | 'weak-secret' | 'header-jwk' | 'header-url' | 'kid-suspicious' | 'crit' | 'symmetric-alg'
  | 'no-signature' | 'non-canonical' | 'duplicate-key' | 'large-token' | 'jwe';

export interface Finding {
  /** Stable kebab-case code. */
  code: FindingCode;
  severity: Severity;
  /** One line. */
  title: string;
  /** What was seen and why it matters. */
  detail: string;
  /** `header.alg`, `payload.exp`, `signature`, `token`, ... */
  location?: string;
}

export interface ClaimInfo {
  name: string;
  value: unknown;
  /** "Expiration Time", or "Custom claim". */
  label: string;
  /** One sentence, plain words. */
  description: string;
  /** RFC 7519 §4.1 or a well-known OIDC/OAuth claim. */
  registered: boolean;
  /** ISO 8601 UTC, for NumericDate claims. */
  time?: string;
  /** "in 14 minutes", "3 days ago", for NumericDate claims. */
  relative?: string;
}

export interface Report {
  kind: 'JWS' | 'JWE' | 'unsecured' | 'invalid';
  header: Record<string, unknown> | null;
  /** null for JWE and undecodable payloads. */
  payload: Record<string, unknown> | null;
  segments: string[];
  algorithm: {
    name: string;
    family: 'HMAC' | 'RSA' | 'RSA-PSS' | 'ECDSA' | 'EdDSA' | 'none' | 'unknown';
    description: string;
  } | null;
  claims: ClaimInfo[];
  status: { state: 'active' | 'expired' | 'not_yet_valid' | 'no_expiry' | 'unknown'; secondsLeft?: number };
  /** Most severe first. */
  findings: Finding[];
  size: { bytes: number; header: number; payload: number; signature: number };
  /** With `options.secret` on an HS* token: whether the signature verifies with it. */
  secretVerified?: boolean;
  /** The built-in weak secret that produced the signature, when one did. */
  weakSecret?: string;
}

export interface InspectOptions {
  /** Seconds since the epoch to judge time claims against. Default: now. */
  now?: number;
  /** A secret to check an HS* signature with (reported as `secretVerified`). */
  secret?: string | Uint8Array;
}

/** Explains a token; never throws for a string, except `ERR_JWTLENS_INTERNAL` if the module traps (a bug). Does not verify (except weak-secret checks). */
export function inspect(token: string, options?: InspectOptions): Report;

// ---------------------------------------------------------------------------------------------
// Moved to jwtlens/sign in 0.2.0

/** @deprecated Moved to `jwtlens/sign` in 0.2.0: this stub throws a TypeError that says so. */
export function sign(...args: unknown[]): never;
/** @deprecated Moved to `jwtlens/sign` in 0.2.0: this stub throws a TypeError that says so. */
export function generateKeyPair(...args: unknown[]): never;
/** @deprecated Moved to `jwtlens/sign` in 0.2.0: this stub throws a TypeError that says so. */
export function generateSecret(...args: unknown[]): never;
/** @deprecated Moved to `jwtlens/sign` in 0.2.0: this stub throws a TypeError that says so. */
export function toPem(...args: unknown[]): never;

// ---------------------------------------------------------------------------------------------
// Remote JWKS

/** Options of {@link createRemoteJWKSet}. Every duration is in milliseconds. */
export interface RemoteJWKSetOptions {
  /** How long a fetched JWKS stays fresh; a stale one is refetched before use. Default 600000 (10 min); `Infinity` never expires. */
  cacheMaxAge?: number;
  /** No fetch for an unknown `kid` within this long of the previous fetch of any kind. Default 30000. */
  cooldownDuration?: number;
  /** A fetch that has not delivered the whole response by then is abandoned (`ERR_JWKS_TIMEOUT`). Default 5000, at most 2147483647. */
  timeoutDuration?: number;
  /** Extra request headers (e.g. `authorization`). `accept` defaults to `application/jwk-set+json, application/json`. */
  headers?: Record<string, string>;
}

/**
 * Keys fetched from a JWKS endpoint, cached in memory. Every failure to get the keys is a
 * JwtError: `ERR_JWKS_TIMEOUT` (the fetch took longer than `timeoutDuration`) or
 * `ERR_JWKS_INVALID` (a network error, a status other than 200 — redirects are not followed —,
 * a body that is not JSON, is over 1 MiB, or is not a valid JWK Set; the message says which).
 */
export interface RemoteJWKSet {
  /**
   * {@link verify} with the set's keys: the same checks, options and results. A token whose key
   * is not in the set triggers one refetch (key rotation), unless a fetch happened less than
   * `cooldownDuration` ago; still no key is `ERR_JWKS_NO_MATCHING_KEY`.
   * Misuse (a token that is not a string, missing `algorithms`) rejects with a `TypeError`.
   */
  verify(token: string, options: VerifyOptions): Promise<Verified>;
  /**
   * The key that `verify` would use for this token (selected by `kid`, `alg`, `kty`, `crv`,
   * `use`, `key_ops`, as for a JWKS), as a new {@link Key} owned by the caller: pass it to the
   * synchronous `verify(token, key, options)`; `free()` it when done or leave it to the GC.
   */
  getKey(token: string): Promise<Key>;
  /** Fetches the JWKS now (joining a fetch already in flight), whatever the cache and cooldown say. */
  reload(): Promise<void>;
}

/**
 * A key set fetched from `url` (http or https) with the platform's `fetch`, for servers and
 * Workers. Returns at once; the first fetch happens on first use. Concurrent callers share one
 * fetch; when a refresh fails, the keys already fetched keep being used.
 * @throws {TypeError} when `url` is not an http(s) URL (or contains credentials), a duration is
 * negative or not a number, or `headers` is not an object of strings.
 */
export function createRemoteJWKSet(url: string | PlatformClass<'URL'>, options?: RemoteJWKSetOptions): RemoteJWKSet;
