// Type test for jwtlens/sign's declarations (sign/jwtlens.d.ts): every export and option, and (with
// ts-expect-error directives) what must not type-check, above all that a SigningKey (which signs) and a Key of
// jwtlens (which verifies) are distinct types: passing one where the other is expected is an error,
// as it is a TypeError at run time. Checked with `tsc --noEmit` by check.sh; never run.

import initSign, {
  generateKeyPair,
  generateSecret,
  importSigningKey,
  initSync,
  JwtError,
  publicJwk,
  sign,
  signJws,
  SigningKey,
  toPem,
  type Algorithm,
  type GeneratedKeyPair,
  type InitInput,
  type Jwk,
  type PrivateKeyInput,
  type SignJwsOptions,
  type SignOptions,
  type WasmSource,
} from 'jwtlens/sign';
import { importKey, JwtError as VerifyingJwtError, Key, verify, verifyJws, type Jwks, type KeyInput } from 'jwtlens';
import { readFileSync } from 'node:fs';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type IsAny<T> = 0 extends 1 & T ? true : false;
function assertType<T extends true>(): T | void {}

declare const token: string;
declare const bytes: Uint8Array;
declare const wasmBytes: Uint8Array<ArrayBuffer>;
declare const key: Key;
declare const signingKey: SigningKey;

const privatePem = '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n';
const jwk: Jwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'k1', alg: 'ES256', use: 'sig', key_ops: ['sign'] };
const octJwk: Jwk = { kty: 'oct', k: 'c2VjcmV0' };
const jwks: Jwks = { keys: [jwk] };

// ---- init / initSync: the signing wasm, loaded on its own ------------------------------------------
async function ready(): Promise<void> {
  const r: Promise<void> = initSign();
  await r;
  await initSign(new URL('https://cdn.example/sign/jwtlens_bg.wasm'));
  await initSign({ module_or_path: fetch('/sign/jwtlens_bg.wasm') });
  initSync();
  initSync(bytes);
  initSync({ module: new WebAssembly.Module(wasmBytes) });
  // @ts-expect-error not a wasm source
  initSync(42);
}
const initInput: InitInput = new Response(wasmBytes);
const wasmSource: WasmSource = new ArrayBuffer(0);

// ---- importSigningKey / SigningKey ----------------------------------------------------------------
const fromPem: SigningKey = importSigningKey(privatePem);
const bound: SigningKey = importSigningKey(privatePem, 'ES256');
importSigningKey(jwk, 'Ed25519');
importSigningKey(octJwk, 'HS384');
importSigningKey('a shared secret that is at least 32 bytes');
importSigningKey(bytes);
importSigningKey(readFileSync('/dev/null'));
importSigningKey(fromPem);
importSigningKey(privatePem, 'ES256K'); // any string: an unknown name is a JwtError at run time
assertType<Equal<ReturnType<typeof importSigningKey>, SigningKey>>();
// @ts-expect-error alg is a string
importSigningKey(privatePem, 256);
// @ts-expect-error one key, not a JWKS
importSigningKey(jwks);
// @ts-expect-error a number is not a key
importSigningKey(42);
fromPem.free();
bound[Symbol.dispose]();
function scoped(): string {
  using scopedKey = importSigningKey(octJwk, 'HS256');
  return sign({}, scopedKey, { alg: 'HS256' });
}
// @ts-expect-error a SigningKey is made by importSigningKey()
new SigningKey();

// ---- sign ----------------------------------------------------------------------------------------
const everySignOption: SignOptions = {
  alg: 'ES256',
  header: { kid: 'k1', typ: 'at+jwt', cty: 'JWT' },
  expiresIn: '15m',
  notBefore: 30,
  issuedAt: 1700000000,
  allowShortSecrets: false,
};
const signed: string = sign({ sub: 'user-42', roles: ['a'] }, privatePem, everySignOption);
sign({}, 'a shared secret that is at least 32 bytes', { alg: 'HS256', issuedAt: true, expiresIn: 3600, notBefore: '1h' });
sign({}, bytes, { alg: 'HS512', issuedAt: false, allowShortSecrets: true });
sign({}, octJwk, { alg: 'HS384' });
sign({}, jwk, { alg: 'ES256' });
sign({}, signingKey, { alg: 'Ed25519' });
sign({}, Buffer.from('secret'), { alg: 'HS256' });
const privateKeyInputs: PrivateKeyInput[] = [privatePem, bytes, Buffer.from('secret'), jwk, octJwk, signingKey];
for (const k of privateKeyInputs) sign({}, k, { alg: 'HS256' });
assertType<Equal<ReturnType<typeof sign>, string>>();
assertType<Equal<PrivateKeyInput, string | Uint8Array | Jwk | SigningKey>>();
// @ts-expect-error the options are required
sign({}, privatePem);
// @ts-expect-error alg is required
sign({}, privatePem, { expiresIn: 60 });
// @ts-expect-error the payload is an object of claims
sign('claims', privatePem, { alg: 'ES256' });
// @ts-expect-error a number is not a key
sign({}, 42, { alg: 'ES256' });
// @ts-expect-error sign takes one key, not a JWKS
sign({}, jwks, { alg: 'ES256' });
// @ts-expect-error expiresIn is seconds or a duration string
sign({}, privatePem, { alg: 'ES256', expiresIn: true });
// @ts-expect-error issuedAt is a boolean or seconds
sign({}, privatePem, { alg: 'ES256', issuedAt: 'now' });
// @ts-expect-error header is an object
sign({}, privatePem, { alg: 'ES256', header: 'JWT' });

// ---- signJws: any payload bytes ---------------------------------------------------------------------
const everyJwsOption: SignJwsOptions = { alg: 'EdDSA', header: { cty: 'text/plain', typ: 'JOSE' }, allowShortSecrets: false };
const jwsFromText: string = signJws('any text', privatePem, everyJwsOption);
signJws(bytes, signingKey, { alg: 'Ed25519' });
signJws(Buffer.from([1, 2, 3]), 'a shared secret that is at least 32 bytes', { alg: 'HS256', allowShortSecrets: true });
assertType<Equal<ReturnType<typeof signJws>, string>>();
assertType<Equal<Parameters<typeof signJws>[0], Uint8Array | string>>();
// @ts-expect-error the payload is bytes or a string, not claims
signJws({ sub: 'user-42' }, privatePem, { alg: 'ES256' });
// @ts-expect-error an ArrayBuffer is not a payload
signJws(new ArrayBuffer(8), privatePem, { alg: 'ES256' });
// @ts-expect-error signJws adds no claims: no time options
const jwsWithTimes: SignJwsOptions = { alg: 'HS256', expiresIn: 60 };
// @ts-expect-error alg is required
signJws('x', privatePem, {});

// ---- publicJwk ----------------------------------------------------------------------------------------
const publicOfPem: Jwk = publicJwk(privatePem);
const publicOfKey: Jwk = publicJwk(signingKey);
publicJwk(jwk);
assertType<Equal<ReturnType<typeof publicJwk>, Jwk>>();
// what it returns is what jwtlens verifies with
verify(signed, publicOfPem, { algorithms: ['ES256'] });
const verifyingKey: Key = importKey(publicJwk(signingKey), 'ES256');
// @ts-expect-error a number is not a key
publicJwk(42);

// ---- key generation and export ------------------------------------------------------------------------
const pair: GeneratedKeyPair = generateKeyPair('RS256');
const bigPair: GeneratedKeyPair = generateKeyPair('PS512', { modulusLength: 3072 });
const fullySpecified: GeneratedKeyPair = generateKeyPair('Ed25519');
const privateJwk: Jwk = pair.privateJwk;
const generatedPublic: Jwk = pair.publicJwk;
const kid: string | undefined = generatedPublic.kid;
generateKeyPair('EdDSA');
generateKeyPair('ES512', {});
assertType<Equal<ReturnType<typeof generateKeyPair>, GeneratedKeyPair>>();
assertType<Equal<GeneratedKeyPair, { privateJwk: Jwk; publicJwk: Jwk }>>();
// @ts-expect-error modulusLength is a number of bits
generateKeyPair('RS256', { modulusLength: '3072' });
// @ts-expect-error alg is a string
generateKeyPair(256);
const hmacKey: Uint8Array = generateSecret('HS256');
generateSecret('HS512');
assertType<Equal<ReturnType<typeof generateSecret>, Uint8Array>>();
// @ts-expect-error alg is a string
generateSecret(32);
const spkiPem: string = toPem(pair.publicJwk);
const pkcs8Pem: string = toPem(privateJwk);
assertType<Equal<ReturnType<typeof toPem>, string>>();
// @ts-expect-error toPem takes a JWK
toPem(privatePem);
// @ts-expect-error a JWK needs kty
toPem({ crv: 'P-256' });
verify(signed, generatedPublic, { algorithms: ['RS256'] });
verify(signed, hmacKey, { algorithms: ['HS256'] });

// ---- algorithms -------------------------------------------------------------------------------------
const ed: Algorithm = 'Ed25519';
const polymorphic: Algorithm = 'EdDSA';
// @ts-expect-error not an algorithm
const none: Algorithm = 'none';

// ---- no export is typed any -------------------------------------------------------------------------
assertType<Equal<IsAny<ReturnType<typeof importSigningKey>>, false>>();
assertType<Equal<IsAny<ReturnType<typeof publicJwk>>, false>>();
assertType<Equal<IsAny<ReturnType<typeof generateKeyPair>['privateJwk']['d']>, false>>();
assertType<Equal<IsAny<Parameters<typeof sign>[0]>, false>>();
assertType<Equal<IsAny<Parameters<typeof signJws>[1]>, false>>();
assertType<Equal<IsAny<InstanceType<typeof JwtError>['code']>, false>>();

// ---- one JwtError for every entry ---------------------------------------------------------------
assertType<Equal<typeof JwtError, typeof VerifyingJwtError>>();
try {
  sign({}, privatePem, everySignOption);
} catch (e) {
  if (e instanceof VerifyingJwtError && e.code === 'ERR_JOSE_ALG_NOT_ALLOWED') {
    // a signing error, caught with the class imported from jwtlens
  }
  if (e instanceof JwtError) {
    const code: 'ERR_JWK_INVALID' | 'ERR_JOSE_ALG_NOT_ALLOWED' | 'ERR_JOSE_NOT_SUPPORTED' | string = e.code;
    // @ts-expect-error not a jwtlens code
    if (e.code === 'ERR_SIGN_FAILED') {
    }
    void code;
  }
}

// ---- a SigningKey is not a Key, a Key is not a SigningKey -------------------------------------------
// @ts-expect-error a SigningKey does not verify: pass publicJwk(signingKey), or import it with importKey()
verify(token, signingKey, { algorithms: ['ES256'] });
// @ts-expect-error a SigningKey does not verify
verifyJws(token, signingKey, { algorithms: ['ES256'] });
// @ts-expect-error a SigningKey is not a KeyInput
importKey(signingKey);
// @ts-expect-error a Key does not sign: import the private key with importSigningKey()
sign({}, key, { alg: 'ES256' });
// @ts-expect-error a Key does not sign
signJws('x', key, { alg: 'ES256' });
// @ts-expect-error a Key has no private part to give a public JWK of
publicJwk(key);
// @ts-expect-error a Key is not a PrivateKeyInput
importSigningKey(key);
// @ts-expect-error the classes are distinct
const keyFromSigningKey: Key = signingKey;
// @ts-expect-error the classes are distinct
const signingKeyFromKey: SigningKey = key;
// @ts-expect-error a Key is not a PrivateKeyInput
const keyAsPrivateInput: PrivateKeyInput = key;
// @ts-expect-error a SigningKey is not a KeyInput
const signingKeyAsInput: KeyInput = signingKey;
assertType<Equal<Extract<KeyInput, SigningKey>, never>>();
assertType<Equal<Extract<PrivateKeyInput, Key>, never>>();
assertType<Equal<SigningKey extends Key ? true : false, false>>();
assertType<Equal<Key extends SigningKey ? true : false, false>>();

// ---- only the public names are exported ----------------------------------------------------------
// @ts-expect-error internal, not declared
import { _createSignApi } from 'jwtlens/sign';
// @ts-expect-error the signing entry does not verify
import { verify as noVerifyInSign } from 'jwtlens/sign';
// @ts-expect-error nor does it hold Keys
import { Key as NoKeyInSign } from 'jwtlens/sign';
// @ts-expect-error nor decode or inspect
import { decode as noDecodeInSign, inspect as noInspectInSign } from 'jwtlens/sign';

export {
  ready, initInput, wasmSource, scoped, signed, everyJwsOption, jwsFromText, jwsWithTimes, publicOfKey, verifyingKey,
  bigPair, fullySpecified, kid, spkiPem, pkcs8Pem, ed, polymorphic, none, keyFromSigningKey, signingKeyFromKey,
  keyAsPrivateInput, signingKeyAsInput,
};
