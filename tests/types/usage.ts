// Type test for jwtlens.d.ts (and jwtlens/lite's): uses every export and every option, and asserts
// what must NOT type-check with @ts-expect-error (an unused @ts-expect-error is itself an error).
// The moved names (sign, generateKeyPair, generateSecret, toPem) are stubs typed `never`;
// jwtlens/sign has its own test, sign.ts. Checked with `tsc --noEmit` by check.sh; never run.

import init, {
  decode,
  importKey,
  initSync,
  JwtError,
  Key,
  verify,
  verifyJws,
  type Algorithm,
  type ClaimFailureReason,
  type Decoded,
  type InitInput,
  type JwsVerifyOptions,
  type Jwk,
  type Jwks,
  type JwtErrorCode,
  type KeyInput,
  type Verified,
  type VerifiedJws,
  type VerifyOptions,
  type WasmSource,
} from 'jwtlens';
import {
  inspect,
  createRemoteJWKSet,
  type RemoteJWKSet,
  type RemoteJWKSetOptions,
  type ClaimInfo,
  type Finding,
  type FindingCode,
  type InspectOptions,
  type Report,
  type Severity,
} from 'jwtlens';
// Moved to jwtlens/sign in 0.2.0: still exported, as deprecated stubs that throw.
import { sign, generateKeyPair, generateSecret, toPem } from 'jwtlens';
import * as lite from 'jwtlens/lite';

// Exact-type assertion: Equal<A, B> is true only when A and B are the same type.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

declare const token: string;
declare const bytes: Uint8Array;
declare const wasmBytes: Uint8Array<ArrayBuffer>;

// ---- init / initSync ---------------------------------------------------------------------------
async function ready(): Promise<void> {
  const r: Promise<void> = init();
  await r;
  await init(new URL('https://cdn.example/jwtlens_bg.wasm'));
  await init('/assets/jwtlens_bg.wasm');
  await init(bytes);
  await init({ module_or_path: new ArrayBuffer(8) });
  await init(fetch('/jwtlens_bg.wasm'));
  initSync();
  initSync(bytes);
  initSync({ module: new WebAssembly.Module(wasmBytes) });
  // @ts-expect-error not a wasm source
  initSync(42);
}
const initInput: InitInput = new Response(wasmBytes);
const wasmSource: WasmSource = new ArrayBuffer(0);

// ---- decode ------------------------------------------------------------------------------------
const decoded: Decoded = decode(token);
const header: Record<string, unknown> = decoded.header;
const payload: Record<string, unknown> = decoded.payload;
const signature: string = decoded.signature;
const segs: { header: string; payload: string; signature: string } = decoded.segments;
assertType<Equal<ReturnType<typeof decode>, Decoded>>();
// @ts-expect-error the token must be a string
decode(42);
// @ts-expect-error decoded claims are unknown, not any
const notAny: number = decoded.payload.exp;

// ---- every option --------------------------------------------------------------------------------
const everyOption: VerifyOptions = {
  algorithms: ['RS256', 'ES256'],
  issuer: ['https://issuer.example', 'https://other.example'],
  audience: 'api',
  subject: 'user-42',
  typ: 'at+jwt',
  clockTolerance: '30s',
  maxTokenAge: 3600,
  currentDate: new Date('2023-11-14T22:13:20Z'),
  requiredClaims: ['exp', 'nonce'],
  crit: { 'exp-ext': true, other: false },
  maxTokenBytes: 8192,
  allowShortSecrets: false,
};
const otherForms: VerifyOptions = {
  algorithms: ['HS256'] as const,
  issuer: 'https://issuer.example',
  audience: ['api', 'web'],
  clockTolerance: 5,
  maxTokenAge: '1h',
  currentDate: 1700000000,
  requiredClaims: [],
};
const jwsOptions: JwsVerifyOptions = { algorithms: ['EdDSA'], crit: { b64x: true }, maxTokenBytes: 1024, allowShortSecrets: true };
// @ts-expect-error algorithms is required
const noAlgorithms: VerifyOptions = { issuer: 'x' };
// @ts-expect-error currentDate is a Date or seconds
const badDate: VerifyOptions = { algorithms: ['HS256'], currentDate: '2024-01-01' };
// @ts-expect-error crit values are booleans
const badCrit: VerifyOptions = { algorithms: ['HS256'], crit: { x: 1 } };
// @ts-expect-error verifyJws options have no claim members
const jwsWithIssuer: JwsVerifyOptions = { algorithms: ['HS256'], issuer: 'x' };
const alg: Algorithm = 'PS384';
// @ts-expect-error not a jwtlens algorithm
const notAlg: Algorithm = 'none';
// Ed25519 (RFC 9864) beside EdDSA; the names are case-sensitive
const fullySpecified: Algorithm = 'Ed25519';
assertType<Equal<Algorithm, 'HS256' | 'HS384' | 'HS512' | 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA' | 'Ed25519'>>();
// @ts-expect-error not a jwtlens algorithm: names are case-sensitive
const lowerEd: Algorithm = 'ed25519';
function exhaustive(a: Algorithm): string {
  switch (a) {
    case 'HS256': case 'HS384': case 'HS512': return 'HMAC';
    case 'RS256': case 'RS384': case 'RS512': return 'RSA';
    case 'PS256': case 'PS384': case 'PS512': return 'RSA-PSS';
    case 'ES256': case 'ES384': case 'ES512': return 'ECDSA';
    case 'EdDSA': case 'Ed25519': return 'EdDSA';
    default: {
      const none: never = a;
      return none;
    }
  }
}
verify(token, '-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n', { algorithms: ['EdDSA', 'Ed25519'] });

// ---- verify with every key form ----------------------------------------------------------------
const pem = '-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n';
const jwk: Jwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1', alg: 'ES256', use: 'sig', key_ops: ['verify'] };
const octJwk: Jwk = { kty: 'oct', k: 'c2VjcmV0' };
const jwks: Jwks = { keys: [jwk, { kty: 'RSA', n: 'n', e: 'AQAB' }] };
const keyInputs: KeyInput[] = [pem, 'a shared secret', bytes, Buffer.from('a shared secret'), jwk, jwks, importKey(jwk)];

const verified: Verified = verify(token, pem, everyOption);
const claims: Record<string, unknown> = verified.payload;
const protectedHeader: Record<string, unknown> = verified.protectedHeader;
verify(token, 'a shared secret', otherForms);
verify(token, bytes, { algorithms: [alg] });
verify(token, octJwk, { algorithms: ['HS256'] });
verify(token, jwks, { algorithms: ['ES256', 'RS256'] });
for (const k of keyInputs) verify(token, k, everyOption);
// @ts-expect-error the options are required
verify(token, pem);
// @ts-expect-error a number is not a key
verify(token, 42, everyOption);
// @ts-expect-error a JWK needs kty
verify(token, { crv: 'P-256' }, everyOption);
assertType<Equal<ReturnType<typeof verify>, Verified>>();

// ---- verifyJws ---------------------------------------------------------------------------------
const jws: VerifiedJws = verifyJws(token, bytes, jwsOptions);
const jwsPayload: Uint8Array = jws.payload;
const jwsHeader: Record<string, unknown> = jws.protectedHeader;
verifyJws(token, pem, everyOption); // VerifyOptions is a JwsVerifyOptions
// @ts-expect-error the payload is bytes, not a string
const jwsText: string = verifyJws(token, bytes, jwsOptions).payload;

// ---- importKey / Key ---------------------------------------------------------------------------
const key: Key = importKey(jwks);
const bound: Key = importKey(pem, 'RS256');
verify(token, key, everyOption);
verifyJws(token, bound, jwsOptions);
key.free();
bound[Symbol.dispose]();
function scoped(): Record<string, unknown> {
  using scopedKey = importKey(octJwk, 'HS256');
  return verify(token, scopedKey, { algorithms: ['HS256'] }).payload;
}
// @ts-expect-error a Key is made by importKey()
new Key();
// @ts-expect-error alg is a string
importKey(pem, 256);

// ---- errors --------------------------------------------------------------------------------------
try {
  verify(token, pem, everyOption);
} catch (e) {
  if (e instanceof JwtError) {
    const code: JwtErrorCode = e.code;
    const name: 'JwtError' = e.name;
    const claim: string | undefined = e.claim;
    const reason: ClaimFailureReason | undefined = e.reason;
    const message: string = e.message;
    const asError: Error = e;
    if (e.code === 'ERR_JWT_EXPIRED' && e.claim === 'exp') {
      // handled like jose's errors.JWTExpired
    }
    // @ts-expect-error not a jwtlens code
    if (e.code === 'ERR_SOMETHING_ELSE') {
    }
  } else if (e instanceof TypeError) {
    // misuse
  }
}
const made = new JwtError('ERR_JWT_CLAIM_VALIDATION_FAILED', '"iss" claim check failed', { claim: 'iss', reason: 'check_failed' });
const madePlain = new JwtError('ERR_JWS_INVALID', 'bad header', { cause: new Error('x') });
// @ts-expect-error not a reason
new JwtError('ERR_JWT_INVALID', 'x', { reason: 'bad' });

// ---- inspect ----------------------------------------------------------------------------------------
const report: Report = inspect(token);
const reportAt: Report = inspect(token, { now: 1700000000, secret: 'a shared secret' });
const inspectOptions: InspectOptions = { secret: bytes };
inspect(token, inspectOptions);
inspect(token, {});
assertType<Equal<ReturnType<typeof inspect>, Report>>();
assertType<Equal<Report['kind'], 'JWS' | 'JWE' | 'unsecured' | 'invalid'>>();
assertType<Equal<Report['header'], Record<string, unknown> | null>>();
assertType<Equal<Report['payload'], Record<string, unknown> | null>>();
assertType<Equal<Report['status']['state'], 'active' | 'expired' | 'not_yet_valid' | 'no_expiry' | 'unknown'>>();
assertType<Equal<NonNullable<Report['algorithm']>['family'], 'HMAC' | 'RSA' | 'RSA-PSS' | 'ECDSA' | 'EdDSA' | 'none' | 'unknown'>>();
assertType<Equal<Severity, 'critical' | 'high' | 'medium' | 'low' | 'info'>>();
assertType<Equal<Report['size'], { bytes: number; header: number; payload: number; signature: number }>>();
const segments: string[] = report.segments;
const family: string | undefined = report.algorithm?.family;
const secondsLeft: number | undefined = report.status.secondsLeft;
const secretVerified: boolean | undefined = report.secretVerified;
const weakSecret: string | undefined = report.weakSecret;
const firstFinding: Finding | undefined = report.findings[0];
if (firstFinding) {
  const code: FindingCode = firstFinding.code;
  const severity: Severity = firstFinding.severity;
  const title: string = firstFinding.title;
  const detail: string = firstFinding.detail;
  const location: string | undefined = firstFinding.location;
  if (firstFinding.code === 'weak-secret' && firstFinding.severity === 'critical') {
    // handled
  }
  // @ts-expect-error not a finding code
  if (firstFinding.code === 'weak-key') {
  }
}
for (const claim of report.claims) {
  const c: ClaimInfo = claim;
  const name: string = c.name;
  const value: unknown = c.value;
  const label: string = c.label;
  const description: string = c.description;
  const registered: boolean = c.registered;
  const time: string | undefined = c.time;
  const relative: string | undefined = c.relative;
}
const everyCode: FindingCode[] = [
  'malformed', 'alg-none', 'alg-missing', 'alg-unknown', 'exp-missing', 'expired', 'not-yet-valid', 'iat-future', 'claim-type',
  'long-lifetime', 'sensitive-data', 'weak-secret', 'header-jwk', 'header-url', 'kid-suspicious', 'crit', 'symmetric-alg',
  'no-signature', 'non-canonical', 'duplicate-key', 'large-token', 'jwe',
];
// @ts-expect-error not a finding code
const badCode: FindingCode = 'weak';
// @ts-expect-error not a severity
const badSeverity: Severity = 'warning';
// @ts-expect-error report claims are unknown, not any
const reportExp: number = report.payload?.['exp'];
// @ts-expect-error the header may be null
const headerAlg: unknown = report.header['alg'];
// @ts-expect-error the token must be a string
inspect(42);
// @ts-expect-error now is seconds, not a Date
inspect(token, { now: new Date() });
// @ts-expect-error the secret is a string or bytes
inspect(token, { secret: 42 });
// @ts-expect-error verify options are not inspect options
inspect(token, { algorithms: ['HS256'] });

// ---- the moved names: deprecated stubs that throw (jwtlens/sign has the real ones, sign.ts) ------
// Each takes anything and returns `never`: 0.1 code still compiles, an editor strikes the call
// through (@deprecated, checked by deprecated.mjs) and it throws a TypeError naming jwtlens/sign.
for (const moved of [sign, generateKeyPair, generateSecret, toPem]) {
  assertType<Equal<ReturnType<typeof moved>, never>>();
  assertType<Equal<Parameters<typeof moved>, unknown[]>>();
}
assertType<Equal<ReturnType<typeof sign>, never>>();
assertType<Equal<ReturnType<typeof generateKeyPair>, never>>();
assertType<Equal<ReturnType<typeof generateSecret>, never>>();
assertType<Equal<ReturnType<typeof toPem>, never>>();
function oldSigningCode(): string {
  if (token === '') return toPem({ kty: 'OKP' });
  const { privateJwk } = generateKeyPair('ES256');
  return sign({ sub: 'x' }, privateJwk, { alg: 'ES256' });
}
// the 0.1 types moved to jwtlens/sign too
// @ts-expect-error moved to jwtlens/sign in 0.2.0
import type { SignOptions as MovedSignOptions } from 'jwtlens';
// @ts-expect-error moved to jwtlens/sign in 0.2.0
import type { PrivateKeyInput as MovedPrivateKeyInput } from 'jwtlens';
// @ts-expect-error moved to jwtlens/sign in 0.2.0
import type { GeneratedKeyPair as MovedGeneratedKeyPair } from 'jwtlens';
// @ts-expect-error signing keys live in jwtlens/sign
import { SigningKey as NoSigningKeyHere, importSigningKey as NoImportSigningKeyHere } from 'jwtlens';

// ---- jwtlens/lite: the same functions and classes for what it has -----------------------------
const liteKey: Key = lite.importKey(bytes, 'HS256');
verify(token, liteKey, { algorithms: ['HS256'] });
const liteVerified: Verified = lite.verify(token, liteKey, everyOption);
const liteJws: VerifiedJws = lite.verifyJws(token, 'a shared secret', jwsOptions);
const liteDecoded: Decoded = lite.decode(token);
const liteReport: Report = lite.inspect(token, { now: 1 });
await lite.default();
lite.initSync(bytes);
assertType<Equal<typeof lite.JwtError, typeof JwtError>>();
assertType<Equal<typeof lite.Key, typeof Key>>();
assertType<Equal<typeof lite.verify, typeof verify>>();
assertType<Equal<ReturnType<typeof lite.sign>, never>>();
assertType<Equal<ReturnType<typeof lite.generateKeyPair>, never>>();
assertType<Equal<ReturnType<typeof lite.generateSecret>, never>>();
assertType<Equal<ReturnType<typeof lite.toPem>, never>>();
const liteAlg: lite.Algorithm = 'Ed25519';
// @ts-expect-error lite has no remote key sets
lite.createRemoteJWKSet('https://issuer.example/jwks');

// ---- createRemoteJWKSet ----------------------------------------------------------------------------
const remoteOptions: RemoteJWKSetOptions = {
  cacheMaxAge: 600000,
  cooldownDuration: 30000,
  timeoutDuration: 5000,
  headers: { authorization: 'Bearer service-token' },
};
const remote: RemoteJWKSet = createRemoteJWKSet('https://issuer.example/.well-known/jwks.json', remoteOptions);
createRemoteJWKSet(new URL('https://issuer.example/jwks'));
createRemoteJWKSet('https://issuer.example/jwks', {});
async function remoteUse(): Promise<Record<string, unknown>> {
  const result: Verified = await remote.verify(token, everyOption);
  const remoteKey: Key = await remote.getKey(token);
  const again: Verified = verify(token, remoteKey, { algorithms: ['RS256'] });
  remoteKey.free();
  await remote.reload();
  return { ...result.payload, ...again.payload };
}
assertType<Equal<ReturnType<RemoteJWKSet['verify']>, Promise<Verified>>>();
assertType<Equal<ReturnType<RemoteJWKSet['getKey']>, Promise<Key>>>();
assertType<Equal<ReturnType<RemoteJWKSet['reload']>, Promise<void>>>();
assertType<Equal<ReturnType<typeof createRemoteJWKSet>, RemoteJWKSet>>();
const timeoutCode: JwtErrorCode = 'ERR_JWKS_TIMEOUT';
// @ts-expect-error the url is a string or a URL
createRemoteJWKSet(42);
// @ts-expect-error durations are numbers of milliseconds
createRemoteJWKSet('https://issuer.example/jwks', { cacheMaxAge: '10m' });
// @ts-expect-error header values are strings
createRemoteJWKSet('https://issuer.example/jwks', { headers: { 'x-retries': 3 } });
// @ts-expect-error not an option
createRemoteJWKSet('https://issuer.example/jwks', { cache: true });
// @ts-expect-error verify needs the options (algorithms)
remote.verify(token);
// @ts-expect-error the remote key set is not a KeyInput
verify(token, remote, everyOption);

// ---- only the public names are exported ----------------------------------------------------------
// @ts-expect-error internal, not declared
import { _install } from 'jwtlens';
// @ts-expect-error helper type, not exported
import type { PlatformClass } from 'jwtlens';

export {
  ready, initInput, wasmSource, header, payload, signature, segs, notAny, otherForms, noAlgorithms, badDate,
  badCrit, jwsWithIssuer, notAlg, claims, protectedHeader, jwsPayload, jwsHeader, jwsText, scoped, made, madePlain,
  reportAt, segments, family, secondsLeft, secretVerified, weakSecret, everyCode, badCode, badSeverity, reportExp, headerAlg,
  remoteUse, timeoutCode, fullySpecified, lowerEd, exhaustive, oldSigningCode, liteVerified, liteJws, liteDecoded, liteReport, liteAlg,
};
