// jwtlens/sign: signing and key generation, over their own wasm, so that the verifying entries
// (jwtlens, jwtlens/lite) carry none of it. The entries under sign/ load the wasm-bindgen
// bindings for their platform into a holder and export `_createSignApi(holder)`'s functions with
// SigningKey and the one shared JwtError.
//
// What lives here: argument checks (misuse is a TypeError and never crosses into wasm), option
// normalisation into the JSON the core reads, the SigningKey handle. Signing itself, key parsing
// and every refusal rule are in the Rust core (src/sign.rs, src/key/).
import {
  JwtError,
  _DURATION as DURATION,
  _SIGNING_KEY as SIGNING_KEY,
  _UNIT_SECONDS as UNIT_SECONDS,
  _addDispose as addDispose,
  _handleLifecycle as handleLifecycle,
  _callCore as callCore,
  _describe as describe,
  _internals as internals,
  _isPlainObject as isPlainObject,
  _jsonText as jsonText,
  _keyState as verifyKeyState,
  _toStringTag as toStringTag,
} from './jwtlens.js';

export { JwtError };

// SigningKey → { handle, holder, epoch }, as Key's state in jwtlens.js: `epoch` tells a handle
// from an instance that a trap has since replaced.
const signingKeyState = new WeakMap();
const CONSTRUCT = Symbol('jwtlens.SigningKey');
const lifecycle = handleLifecycle(signingKeyState, 'SigningKey', 'importSigningKey');

/**
 * A private key (or an HMAC secret) prepared once by importSigningKey() for signing many tokens.
 * It is not a Key of jwtlens: it signs, a Key verifies. free() releases its memory at once (a
 * `using` declaration does it at the end of the scope); otherwise the garbage collector does.
 */
export class SigningKey {
  constructor(token, handle, owner) {
    if (token !== CONSTRUCT) throw new TypeError('a SigningKey is made by importSigningKey(), not by new SigningKey()');
    signingKeyState.set(this, { handle, holder: owner, epoch: owner.epoch });
  }

  /** Releases the key's memory. Using it afterwards is a TypeError; a second free() does nothing. */
  free() {
    lifecycle.free(this);
  }
}
Object.defineProperty(SigningKey.prototype, SIGNING_KEY, { value: true, writable: false, configurable: false, enumerable: false });
addDispose(SigningKey.prototype);

const liveHandle = (state) => lifecycle.live(state);

/** Seconds (may be negative) from a number or a duration such as "15m", "-1h" or "2 days ago". */
function signedDuration(value, name) {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      throw new TypeError(`options.${name} must be a finite number of seconds; got ${value}`);
    }
    return value;
  }
  if (typeof value !== 'string') {
    throw new TypeError(`options.${name} must be a number of seconds or a duration such as "15m"; got ${describe(value)}`);
  }
  const m = DURATION.exec(value);
  const unit = m === null ? undefined : UNIT_SECONDS.get(m[3].toLowerCase());
  if (m === null || unit === undefined || (m[1] !== undefined && m[4] !== undefined)) {
    throw new TypeError(`options.${name}: ${JSON.stringify(value)} is not a duration (examples: "90s", "15m", "2h", "7d")`);
  }
  const negative = m[1] === '-' || (m[4] !== undefined && m[4].toLowerCase() === 'ago');
  const seconds = Math.round(Number.parseFloat(m[2]) * unit);
  if (!Number.isSafeInteger(seconds)) throw new TypeError(`options.${name}: ${JSON.stringify(value)} is too large`);
  return negative ? -seconds : seconds;
}

/**
 * The signing functions over one set of sign-wasm bindings (one per sign entry). Not public API.
 */
export function _createSignApi(holder) {
  const bindings = () => holder.get();
  const call = (fn) => callCore(holder, fn);
  internals().entries.set(holder.name, {
    /** Test hook: makes the module trap (0 panic, 1 allocation, 2 shadow stack, 3 call stack). */
    testTrap: (kind) => call(() => bindings().__jwtlens_test_trap(kind)),
  });

  /** A fresh handle for key material (the caller frees it, or hands it to a SigningKey). */
  function handleFor(b, input, alg, what) {
    if (typeof input === 'string') return call(() => b.keyFromString(input, alg));
    if (toStringTag(input) === '[object Uint8Array]') return call(() => b.keyFromSecret(input, alg));
    if (isPlainObject(input)) {
      if ('keys' in input) throw new TypeError(`${what} must be one key, not a JWKS`);
      const text = jsonText(input, what);
      return call(() => b.keyFromPrivateJwk(text, alg));
    }
    if (verifyKeyState.has(input)) {
      throw new TypeError(`${what} is a Key from importKey() of jwtlens, which verifies; to sign, import the private key with importSigningKey() from jwtlens/sign`);
    }
    throw new TypeError(`${what} must be a private key PEM, an HMAC secret (string or Uint8Array), a private or oct JWK, or a SigningKey from importSigningKey(); got ${describe(input)}`);
  }

  /**
   * Runs `use(bindings, handle, run)` with the key a caller passed: a SigningKey's own handle, or a
   * temporary one that is freed however `use` ends (unless a trap replaced its instance).
   */
  function withSigningKey(input, what, use) {
    const state = signingKeyState.get(input);
    if (state !== undefined) return use(state.holder.get(), liveHandle(state), (fn) => callCore(state.holder, fn));
    const b = bindings();
    const epoch = holder.epoch;
    const temporary = handleFor(b, input, undefined, what);
    try {
      return use(b, temporary, call);
    } finally {
      if (epoch === holder.epoch) temporary.free();
    }
  }

  /**
   * Parses a private key (PKCS#8, PKCS#1 or SEC1 PEM; a private JWK), or an HMAC secret (string,
   * bytes or `oct` JWK), once for signing many tokens. With `alg` it signs that algorithm only.
   */
  function importSigningKey(input, alg) {
    if (alg !== undefined && typeof alg !== 'string') throw new TypeError(`alg must be a string such as "ES256"; got ${describe(alg)}`);
    if (signingKeyState.has(input)) {
      if (alg !== undefined) throw new TypeError('importSigningKey(key, alg): the input is already a SigningKey; import the original key material with the algorithm instead');
      liveHandle(signingKeyState.get(input));
      return input;
    }
    const b = bindings();
    return new SigningKey(CONSTRUCT, handleFor(b, input, alg, 'input'), holder);
  }

  function checkSignOptions(options, what) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new TypeError(`options must be an object with at least { alg }; got ${describe(options)}`);
    }
    const { alg, header, allowShortSecrets } = options;
    if (typeof alg !== 'string') throw new TypeError(`options.alg must be an algorithm name such as "ES256"; got ${describe(alg)}`);
    if (alg.toLowerCase() === 'none') throw new TypeError(`alg "none" cannot be used to ${what}: the token would be unsecured`);
    if (header !== undefined && !isPlainObject(header)) throw new TypeError(`options.header must be a plain object; got ${describe(header)}`);
    if (allowShortSecrets !== undefined && typeof allowShortSecrets !== 'boolean') {
      throw new TypeError(`options.allowShortSecrets must be a boolean; got ${describe(allowShortSecrets)}`);
    }
  }

  /**
   * Signs `payload` (a JSON object) and returns the compact JWS. The header gets `alg` and
   * `typ: "JWT"`; the payload gets `iat` = now unless it has one or `issuedAt: false`.
   */
  function sign(payload, key, options) {
    if (!isPlainObject(payload)) throw new TypeError(`payload must be a plain object of claims; got ${describe(payload)}`);
    checkSignOptions(options, 'sign');
    const { alg, header, expiresIn, notBefore, issuedAt, allowShortSecrets } = options;
    if (issuedAt !== undefined && typeof issuedAt !== 'boolean' && !(typeof issuedAt === 'number' && Number.isFinite(issuedAt))) {
      throw new TypeError(`options.issuedAt must be a boolean or a number of seconds since the epoch; got ${describe(issuedAt)}`);
    }
    const optionsJson = jsonText({
      alg,
      header: header === undefined ? null : header,
      expiresIn: expiresIn === undefined ? null : signedDuration(expiresIn, 'expiresIn'),
      notBefore: notBefore === undefined ? null : signedDuration(notBefore, 'notBefore'),
      issuedAt: issuedAt === undefined ? null : issuedAt,
      allowShortSecrets: allowShortSecrets === true,
      now: Math.floor(Date.now() / 1000),
    }, 'options.header');
    // JSON.stringify writes NaN and ±Infinity as null: say so here, before the core sees only
    // the null (which it refuses too, with the other registered claims of the wrong type).
    for (const name of ['exp', 'nbf', 'iat']) {
      const value = payload[name];
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new TypeError(`payload.${name} must be a finite number of seconds since the epoch; ${value} would be written as null`);
      }
    }
    const payloadJson = jsonText(payload, 'payload');
    return withSigningKey(key, 'key', (b, handle, run) => run(() => b.sign(payloadJson, handle, optionsJson)));
  }

  /**
   * Signs any payload (bytes, or a string as its UTF-8 bytes) as a compact JWS, the counterpart of
   * verifyJws: the header is `alg`, the key's `kid` and `options.header` (no `typ` unless given).
   */
  function signJws(payload, key, options) {
    let bytes;
    if (typeof payload === 'string') bytes = new TextEncoder().encode(payload);
    else if (toStringTag(payload) === '[object Uint8Array]') bytes = payload;
    else throw new TypeError(`payload must be a Uint8Array or a string; got ${describe(payload)}`);
    checkSignOptions(options, 'sign');
    const { alg, header, allowShortSecrets } = options;
    const optionsJson = jsonText({
      alg,
      header: header === undefined ? null : header,
      allowShortSecrets: allowShortSecrets === true,
      now: Math.floor(Date.now() / 1000),
    }, 'options.header');
    return withSigningKey(key, 'key', (b, handle, run) => run(() => b.signJws(bytes, handle, optionsJson)));
  }

  /**
   * The public JWK of a private key: what to give a verifier (jwtlens refuses a private key whose
   * public half it would have to compute, such as an Ed25519 PKCS#8 key).
   */
  function publicJwk(key) {
    return JSON.parse(withSigningKey(key, 'key', (b, handle, run) => run(() => b.publicJwk(handle))));
  }

  /**
   * Generates a key pair for an asymmetric algorithm from the platform's CSPRNG. Both JWKs carry
   * `alg`, `use: "sig"` and `kid` = their RFC 7638 thumbprint. RSA generation is slow in wasm.
   */
  function generateKeyPair(alg, options) {
    if (typeof alg !== 'string') throw new TypeError(`alg must be an algorithm name such as "ES256"; got ${describe(alg)}`);
    let modulusLength = 2048;
    if (options !== undefined) {
      if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object; got ${describe(options)}`);
      if (options.modulusLength !== undefined) {
        if (!Number.isSafeInteger(options.modulusLength)) throw new TypeError('options.modulusLength must be an integer number of bits');
        modulusLength = options.modulusLength;
      }
    }
    const b = bindings();
    // clamped to the binding's u32 only: the core refuses a size it does not generate
    const [privateJwk, publicJwk] = call(() => b.generateKeyPair(alg, Math.max(0, Math.min(modulusLength, 0xffffffff))));
    return { privateJwk: JSON.parse(privateJwk), publicJwk: JSON.parse(publicJwk) };
  }

  /** Random secret bytes of exactly the hash length of HS256/HS384/HS512 (32/48/64). */
  function generateSecret(alg) {
    if (typeof alg !== 'string') throw new TypeError(`alg must be "HS256", "HS384" or "HS512"; got ${describe(alg)}`);
    const b = bindings();
    return call(() => b.generateSecret(alg));
  }

  /** A JWK as PEM: a public key as SPKI ("PUBLIC KEY"), a private one as PKCS#8 ("PRIVATE KEY"). */
  function toPem(jwk) {
    if (!isPlainObject(jwk)) throw new TypeError(`jwk must be a JWK object; got ${describe(jwk)}`);
    if ('keys' in jwk) throw new TypeError('toPem takes one JWK, not a JWKS');
    const b = bindings();
    return call(() => b.toPem(JSON.stringify(jwk)));
  }

  return { importSigningKey, sign, signJws, publicJwk, generateKeyPair, generateSecret, toPem };
}
