// jwtlens: the hand-written JavaScript layer shared by every entry point.
//
// The entry modules (node-entry.js, workerd-entry.js, web-entry.js, browser.js) load the
// wasm-bindgen bindings for their platform, hand them to `_install`, and re-export this
// module, so there is exactly one `JwtError` class whichever entry a bundler picked.
//
// What lives here (docs/ARCHITECTURE.md, "The wasm boundary"):
//   - argument checks: misuse of the JS API is a TypeError and never crosses into wasm;
//   - option normalisation into the `optionsJson` text the core reads;
//   - key classification (Key, PEM/secret string, secret bytes, JWK, JWKS);
//   - turning the `[code, message, claim, reason]` arrays the boundary throws into errors;
//   - JSON.parse of the header and payload texts the core has already validated.
// Cryptography, parsing and every claim rule are in the Rust core.

// ---------------------------------------------------------------------------------------------
// Bindings

/** The wasm-bindgen module namespace, set once by the entry module. */
let core = null;

const BINDING_NAMES = [
  'decode', 'keyFromSecret', 'keyFromString', 'keyFromJwk', 'keyFromPrivateJwk', 'verify', 'verifyJws',
  'inspect', 'sign', 'generateKeyPair', 'generateSecret', 'toPem',
];

/**
 * Called by the entry modules with the wasm-bindgen namespace once the wasm is ready. Not part of
 * the public API (it is not in jwtlens.d.ts). The first call wins: later calls (a second entry
 * loaded into the same program) change nothing, so keys already imported stay valid.
 */
export function _install(bindings) {
  if (core !== null) return;
  if (bindings === null || typeof bindings !== 'object' || BINDING_NAMES.some((n) => typeof bindings[n] !== 'function')) {
    throw new TypeError('jwtlens: _install() needs the wasm-bindgen bindings module');
  }
  core = bindings;
}

function bindings() {
  if (core === null) {
    throw new TypeError('jwtlens is not initialised: call `await init()` (the default export) once before using it');
  }
  return core;
}

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * Every failure jwtlens reports (misuse of the API aside, which is a TypeError). `code` is one of
 * the contract's ERR_* codes, named as in jose; claim failures also carry `claim` and `reason`.
 */
export class JwtError extends Error {
  constructor(code, message, options) {
    super(message, options !== undefined && options !== null && 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    if (options !== undefined && options !== null) {
      if (options.claim !== undefined) this.claim = options.claim;
      if (options.reason !== undefined) this.reason = options.reason;
    }
  }
}
Object.defineProperty(JwtError.prototype, 'name', { value: 'JwtError', writable: true, configurable: true, enumerable: false });

/** Runs a binding call and turns what the boundary throws into the contract's errors. */
function callCore(fn) {
  try {
    return fn();
  } catch (thrown) {
    throw translateThrown(thrown);
  }
}

function translateThrown(thrown) {
  // The boundary throws [code, message, claim, reason]. Anything else (a WebAssembly.RuntimeError,
  // a RangeError from the glue) is a bug and goes out unchanged.
  if (!Array.isArray(thrown) || typeof thrown[0] !== 'string') return thrown;
  const [code, message, claim, reason] = thrown;
  const text = typeof message === 'string' ? message : code;
  if (code === 'TypeError') return new TypeError(text);
  const details = {};
  if (typeof claim === 'string') details.claim = claim;
  if (typeof reason === 'string') details.reason = reason;
  return new JwtError(code, text, details);
}

// ---------------------------------------------------------------------------------------------
// Keys

// Key → { handle: WasmKey | null, bindings }. A WeakMap rather than a property, so that only
// objects made by importKey() count as a Key.
const keyState = new WeakMap();
const CONSTRUCT = Symbol('jwtlens.Key');

/**
 * A key prepared once by importKey() for verifying many tokens. It owns memory inside the wasm
 * instance: free() releases it at once (a `using` declaration does it at the end of the scope);
 * otherwise it is released when the Key is garbage-collected.
 */
export class Key {
  constructor(token, handle, owner) {
    if (token !== CONSTRUCT) throw new TypeError('a Key is made by importKey(), not by new Key()');
    keyState.set(this, { handle, bindings: owner });
  }

  /** Releases the key's memory. Using the Key afterwards is a TypeError; a second free() does nothing. */
  free() {
    const state = keyState.get(this);
    if (state === undefined) throw new TypeError('free() called on something that is not a jwtlens Key');
    const handle = state.handle;
    state.handle = null;
    if (handle !== null) handle.free();
  }
}
if (typeof Symbol.dispose === 'symbol') {
  Object.defineProperty(Key.prototype, Symbol.dispose, {
    value: function dispose() {
      this.free();
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

const toStringTag = (x) => Object.prototype.toString.call(x);

function isPlainObject(x) {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  // Object.prototype of this realm or of another one (its own prototype is null), or none.
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

function describe(x) {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') {
    const tag = toStringTag(x).slice(8, -1);
    return tag === 'Object' ? 'an object that is not a plain object' : `a ${tag}`;
  }
  return typeof x === 'undefined' ? 'undefined' : `a ${typeof x}`;
}

/**
 * Checks a KeyInput without touching wasm. Returns a description the key is later built from, so
 * that every TypeError is thrown before any work is done.
 */
function classifyKey(input, what) {
  if (keyState.has(input)) return { kind: 'key', key: input };
  if (typeof input === 'string') return { kind: 'string', value: input };
  if (toStringTag(input) === '[object Uint8Array]') return { kind: 'bytes', value: input };
  if (isPlainObject(input)) {
    let text;
    try {
      text = JSON.stringify(input);
    } catch (e) {
      throw new TypeError(`${what} is a JWK object that cannot be serialised as JSON: ${e && e.message}`);
    }
    return { kind: 'jwk', value: text };
  }
  if (typeof input === 'object' && input !== null && /^\[object (CryptoKey|KeyObject)\]$/.test(toStringTag(input))) {
    throw new TypeError(`${what} is ${describe(input)}; jwtlens takes a PEM string, a secret (string or Uint8Array), a JWK, a JWKS or a Key from importKey()`);
  }
  throw new TypeError(`${what} must be a string (PEM or secret), a Uint8Array, a JWK or JWKS object, or a Key from importKey(); got ${describe(input)}`);
}

/** Makes a WasmKey from a classified non-Key input (the caller frees it). */
function buildWasmKey(b, source, alg) {
  switch (source.kind) {
    case 'string':
      return callCore(() => b.keyFromString(source.value, alg));
    case 'bytes':
      return callCore(() => b.keyFromSecret(source.value, alg));
    default:
      return callCore(() => b.keyFromJwk(source.value, alg));
  }
}

/**
 * Runs `use(bindings, wasmKey)` with the key a caller passed: a Key's own handle, or a temporary
 * key that is freed however `use` ends.
 */
function withKey(source, use) {
  if (source.kind === 'key') {
    const state = keyState.get(source.key);
    if (state.handle === null) throw new TypeError('the Key has been freed; import it again with importKey()');
    // A key is used with the wasm instance that made it.
    return use(state.bindings, state.handle);
  }
  const b = bindings();
  const temporary = buildWasmKey(b, source, undefined);
  try {
    return use(b, temporary);
  } finally {
    temporary.free();
  }
}

// ---------------------------------------------------------------------------------------------
// Options

const DEFAULT_MAX_TOKEN_BYTES = 262144;

// Duration strings, in the grammar jose's `secs` accepts: an optional sign, a decimal number, a
// unit word, and optionally "ago" / "from now"; at most one space between the parts, any letter
// case, nothing around them. "ago" or "-" makes it negative, which no jwtlens option allows.
const DURATION = /^(?:([+-]) ?)?(\d+(?:\.\d+)?) ?([a-z]+)(?: (ago|from now))?$/i;
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNIT_SECONDS = new Map();
for (const [seconds, names] of [
  [1, ['s', 'sec', 'secs', 'second', 'seconds']],
  [MINUTE, ['m', 'min', 'mins', 'minute', 'minutes']],
  [HOUR, ['h', 'hr', 'hrs', 'hour', 'hours']],
  [DAY, ['d', 'day', 'days']],
  [7 * DAY, ['w', 'week', 'weeks']],
  [365.25 * DAY, ['y', 'yr', 'yrs', 'year', 'years']],
]) {
  for (const name of names) UNIT_SECONDS.set(name, seconds);
}

/** A non-negative number of seconds from a number or a duration string; a TypeError otherwise. */
function durationSeconds(value, name) {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
      throw new TypeError(`options.${name} must be a non-negative number of seconds or a duration such as "30s" or "5m"; got ${value}`);
    }
    return value;
  }
  if (typeof value !== 'string') {
    throw new TypeError(`options.${name} must be a number of seconds or a duration string such as "30s"; got ${describe(value)}`);
  }
  const m = DURATION.exec(value);
  const unit = m === null ? undefined : UNIT_SECONDS.get(m[3].toLowerCase());
  if (m === null || unit === undefined || (m[1] !== undefined && m[4] !== undefined)) {
    throw new TypeError(`options.${name}: ${JSON.stringify(value)} is not a duration (examples: "30s", "5 min", "1.5h", "2 days")`);
  }
  if (m[1] === '-' || (m[4] !== undefined && m[4].toLowerCase() === 'ago')) {
    throw new TypeError(`options.${name} must not be negative; got ${JSON.stringify(value)}`);
  }
  const seconds = Math.round(Number.parseFloat(m[2]) * unit);
  if (!Number.isSafeInteger(seconds)) throw new TypeError(`options.${name}: ${JSON.stringify(value)} is too large`);
  return seconds;
}

function stringList(value, name, { allowEmpty }) {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new TypeError(`options.${name} must be a string or an array of strings; got ${describe(value)}`);
  }
  if (!allowEmpty && value.length === 0) throw new TypeError(`options.${name} must not be an empty array (nothing could match)`);
  return [...value];
}

function optionalString(value, name) {
  if (value === undefined) return null;
  if (typeof value !== 'string') throw new TypeError(`options.${name} must be a string; got ${describe(value)}`);
  return value;
}

function secondsNow(currentDate) {
  if (currentDate === undefined) return Math.floor(Date.now() / 1000);
  let seconds;
  if (toStringTag(currentDate) === '[object Date]') {
    seconds = Date.prototype.getTime.call(currentDate) / 1000;
  } else if (typeof currentDate === 'number') {
    seconds = currentDate;
  } else {
    throw new TypeError(`options.currentDate must be a Date or a number of seconds since the epoch; got ${describe(currentDate)}`);
  }
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > Number.MAX_SAFE_INTEGER) {
    throw new TypeError(`options.currentDate must be a valid time at or after 1970-01-01; got ${String(currentDate)}`);
  }
  return Math.floor(seconds);
}

function critNames(crit) {
  if (crit === undefined) return [];
  if (crit === null || typeof crit !== 'object' || Array.isArray(crit)) {
    throw new TypeError(`options.crit must be an object mapping header names to true; got ${describe(crit)}`);
  }
  const names = [];
  for (const [name, understood] of Object.entries(crit)) {
    if (typeof understood !== 'boolean') throw new TypeError(`options.crit.${name} must be a boolean; got ${describe(understood)}`);
    if (understood) names.push(name);
  }
  return names;
}

function maxTokenBytesOf(value) {
  if (value === undefined) return DEFAULT_MAX_TOKEN_BYTES;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`options.maxTokenBytes must be a positive integer; got ${typeof value === 'number' ? value : describe(value)}`);
  }
  return value;
}

/**
 * Checks `options` and returns the object the core reads as `optionsJson`. With `claims: false`
 * (verifyJws) the claim members are not looked at and keep their defaults, since the core ignores
 * them there.
 */
function normaliseOptions(options, { claims }) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`options must be an object with at least { algorithms: [...] }; got ${describe(options)}`);
  }
  const { algorithms, crit, maxTokenBytes, allowShortSecrets } = options;
  if (!Array.isArray(algorithms) || algorithms.length === 0 || algorithms.some((a) => typeof a !== 'string')) {
    throw new TypeError('options.algorithms is required: a non-empty array of algorithm names such as ["RS256"]');
  }
  if (allowShortSecrets !== undefined && typeof allowShortSecrets !== 'boolean') {
    throw new TypeError(`options.allowShortSecrets must be a boolean; got ${describe(allowShortSecrets)}`);
  }
  const out = {
    algorithms: [...algorithms],
    issuer: null,
    audience: null,
    subject: null,
    typ: null,
    clockTolerance: 0,
    maxTokenAge: null,
    now: 0,
    requiredClaims: ['exp'],
    crit: critNames(crit),
    maxTokenBytes: maxTokenBytesOf(maxTokenBytes),
    allowShortSecrets: allowShortSecrets === true,
  };
  if (claims) {
    const { issuer, audience, subject, typ, clockTolerance, maxTokenAge, currentDate, requiredClaims } = options;
    if (issuer !== undefined) out.issuer = stringList(issuer, 'issuer', { allowEmpty: false });
    if (audience !== undefined) out.audience = stringList(audience, 'audience', { allowEmpty: false });
    out.subject = optionalString(subject, 'subject');
    out.typ = optionalString(typ, 'typ');
    if (clockTolerance !== undefined) out.clockTolerance = durationSeconds(clockTolerance, 'clockTolerance');
    if (maxTokenAge !== undefined) out.maxTokenAge = durationSeconds(maxTokenAge, 'maxTokenAge');
    out.now = secondsNow(currentDate);
    if (requiredClaims !== undefined) {
      if (!Array.isArray(requiredClaims) || requiredClaims.some((c) => typeof c !== 'string')) {
        throw new TypeError(`options.requiredClaims must be an array of claim names; got ${describe(requiredClaims)}`);
      }
      out.requiredClaims = [...requiredClaims];
    }
  } else {
    out.now = Math.floor(Date.now() / 1000);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tokens

function checkToken(token) {
  if (typeof token !== 'string') throw new TypeError(`token must be a string; got ${describe(token)}`);
}

function tooLarge(limit) {
  return new JwtError('ERR_JWT_INVALID', `token is larger than the ${limit}-byte limit (maxTokenBytes)`);
}

// A string of n UTF-16 code units is at least n UTF-8 bytes, so `length > limit` proves the token
// is over the limit without encoding it (or copying a huge string into wasm). The core still
// measures the exact byte length.
function checkSize(token, limit) {
  if (token.length > limit) throw tooLarge(limit);
}

// decode() tolerates whitespace around a pasted token and a "Bearer " prefix; they do not count
// towards the size limit.
const BEARER = /^bearer +/i;

/**
 * Splits and parses a compact JWS **without verifying it**: nothing here can be trusted until
 * verify() has checked the signature and the claims.
 */
export function decode(token) {
  checkToken(token);
  if (token.length > DEFAULT_MAX_TOKEN_BYTES) {
    const body = token.trim();
    const bearer = BEARER.exec(body);
    if (body.length - (bearer === null ? 0 : bearer[0].length) > DEFAULT_MAX_TOKEN_BYTES) throw tooLarge(DEFAULT_MAX_TOKEN_BYTES);
  }
  const b = bindings();
  const [headerJson, payloadJson, signature, segHeader, segPayload, segSignature] = callCore(() => b.decode(token, DEFAULT_MAX_TOKEN_BYTES));
  return {
    header: JSON.parse(headerJson),
    payload: JSON.parse(payloadJson),
    signature,
    segments: { header: segHeader, payload: segPayload, signature: segSignature },
  };
}

/** Verifies a JWT: the signature with `key`, under `options.algorithms`, then its claims. */
export function verify(token, key, options) {
  checkToken(token);
  const source = classifyKey(key, 'key');
  const opts = normaliseOptions(options, { claims: true });
  checkSize(token, opts.maxTokenBytes);
  const optionsJson = JSON.stringify(opts);
  return withKey(source, (b, handle) => {
    const [headerJson, payloadJson] = callCore(() => b.verify(token, handle, optionsJson));
    return { payload: JSON.parse(payloadJson), protectedHeader: JSON.parse(headerJson) };
  });
}

/** Verifies a compact JWS whose payload may be any bytes; no JWT claim processing. */
export function verifyJws(token, key, options) {
  checkToken(token);
  const source = classifyKey(key, 'key');
  const opts = normaliseOptions(options, { claims: false });
  checkSize(token, opts.maxTokenBytes);
  const optionsJson = JSON.stringify(opts);
  return withKey(source, (b, handle) => {
    const [headerJson, payload] = callCore(() => b.verifyJws(token, handle, optionsJson));
    return { payload, protectedHeader: JSON.parse(headerJson) };
  });
}

/**
 * Parses a key once for verifying many tokens. With `alg` the key is bound to that algorithm;
 * without it any algorithm of the key's family may be used, still subject to options.algorithms.
 */
export function importKey(input, alg) {
  if (alg !== undefined && typeof alg !== 'string') throw new TypeError(`alg must be a string such as "RS256"; got ${describe(alg)}`);
  const source = classifyKey(input, 'input');
  if (source.kind === 'key') {
    // Already imported: there is nothing to parse again, and a Key cannot be re-bound.
    if (alg !== undefined) throw new TypeError('importKey(key, alg): the input is already a Key; import the original key material with the algorithm instead');
    if (keyState.get(source.key).handle === null) throw new TypeError('the Key has been freed; import it again with importKey()');
    return source.key;
  }
  const b = bindings();
  if (source.kind === 'jwk' && isPlainObject(input) && !('keys' in input) && 'd' in input) {
    // A private JWK: keep the private part so that the Key can also sign. Verification ignores
    // private members, so one that does not parse falls back to the public part.
    try {
      return new Key(CONSTRUCT, b.keyFromPrivateJwk(source.value, alg), b);
    } catch {
      // fall through: the public key alone (its own errors are reported below)
    }
  }
  return new Key(CONSTRUCT, buildWasmKey(b, source, alg), b);
}

// ---------------------------------------------------------------------------------------------
// Inspect

const MAX_INSPECT_BYTES = 1048576;

/** UTF-8 length of a string without encoding it (lone surrogates count as U+FFFD, 3 bytes). */
function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function pastedBody(token) {
  const body = token.trim();
  const bearer = BEARER.exec(body);
  return bearer === null ? body : body.slice(bearer[0].length).trim();
}

/**
 * Explains a token: header, claims in plain words, times, status and security findings.
 * Never throws for a string: everything wrong with the token is a finding. It does not verify
 * the signature, except for the weak-secret checks of HS* tokens.
 */
export function inspect(token, options) {
  checkToken(token);
  let now;
  let secret;
  if (options !== undefined) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new TypeError(`options must be an object such as { now, secret }; got ${describe(options)}`);
    }
    if (options.now !== undefined) {
      if (typeof options.now !== 'number' || !Number.isFinite(options.now)) {
        throw new TypeError(`options.now must be a number of seconds since the epoch; got ${describe(options.now)}`);
      }
      now = options.now;
    }
    if (options.secret !== undefined) {
      if (typeof options.secret === 'string') secret = new TextEncoder().encode(options.secret);
      else if (toStringTag(options.secret) === '[object Uint8Array]') secret = options.secret;
      else throw new TypeError(`options.secret must be a string or a Uint8Array; got ${describe(options.secret)}`);
    }
  }
  if (now === undefined) now = Date.now() / 1000;
  // Over 1 MiB nothing is read: answer without copying the text into wasm.
  if (token.length > MAX_INSPECT_BYTES) {
    const bytes = utf8Length(pastedBody(token));
    if (bytes > MAX_INSPECT_BYTES) {
      return {
        kind: 'invalid', header: null, payload: null, segments: [], algorithm: null, claims: [],
        status: { state: 'unknown' },
        findings: [{
          code: 'malformed', severity: 'high', title: 'Input too large',
          detail: `the input is ${bytes} bytes; inspect reads at most ${MAX_INSPECT_BYTES} bytes (1 MiB)`, location: 'token',
        }],
        size: { bytes, header: 0, payload: 0, signature: 0 },
      };
    }
  }
  const b = bindings();
  return JSON.parse(callCore(() => b.inspect(token, now, secret)));
}

// ---------------------------------------------------------------------------------------------
// Signing and key generation

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

function signingKey(b, key) {
  if (keyState.has(key)) {
    const state = keyState.get(key);
    if (state.handle === null) throw new TypeError('the Key has been freed; import it again with importKey()');
    return { handle: state.handle, bindings: state.bindings, temporary: false };
  }
  if (typeof key === 'string') return { handle: callCore(() => b.keyFromString(key, undefined)), bindings: b, temporary: true };
  if (toStringTag(key) === '[object Uint8Array]') return { handle: callCore(() => b.keyFromSecret(key, undefined)), bindings: b, temporary: true };
  if (isPlainObject(key)) {
    if ('keys' in key) throw new TypeError('sign needs one key, not a JWKS');
    return { handle: callCore(() => b.keyFromPrivateJwk(JSON.stringify(key), undefined)), bindings: b, temporary: true };
  }
  throw new TypeError(`key must be a private key PEM, an HMAC secret (string or Uint8Array), a private or oct JWK, or a Key; got ${describe(key)}`);
}

/**
 * Signs `payload` (a JSON object) and returns the compact JWS. The header gets `alg` and
 * `typ: "JWT"`; the payload gets `iat` = now unless it has one or `issuedAt: false`.
 */
export function sign(payload, key, options) {
  if (!isPlainObject(payload)) throw new TypeError(`payload must be a plain object of claims; got ${describe(payload)}`);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`options must be an object with at least { alg }; got ${describe(options)}`);
  }
  const { alg, header, expiresIn, notBefore, issuedAt, allowShortSecrets } = options;
  if (typeof alg !== 'string') throw new TypeError(`options.alg must be an algorithm name such as "ES256"; got ${describe(alg)}`);
  if (alg.toLowerCase() === 'none') throw new TypeError('alg "none" cannot be used to sign: the token would be unsecured');
  if (header !== undefined && !isPlainObject(header)) throw new TypeError(`options.header must be a plain object; got ${describe(header)}`);
  if (issuedAt !== undefined && typeof issuedAt !== 'boolean' && !(typeof issuedAt === 'number' && Number.isFinite(issuedAt))) {
    throw new TypeError(`options.issuedAt must be a boolean or a number of seconds since the epoch; got ${describe(issuedAt)}`);
  }
  if (allowShortSecrets !== undefined && typeof allowShortSecrets !== 'boolean') {
    throw new TypeError(`options.allowShortSecrets must be a boolean; got ${describe(allowShortSecrets)}`);
  }
  const optionsJson = JSON.stringify({
    alg,
    header: header === undefined ? null : header,
    expiresIn: expiresIn === undefined ? null : signedDuration(expiresIn, 'expiresIn'),
    notBefore: notBefore === undefined ? null : signedDuration(notBefore, 'notBefore'),
    issuedAt: issuedAt === undefined ? null : issuedAt,
    allowShortSecrets: allowShortSecrets === true,
    now: Math.floor(Date.now() / 1000),
  });
  let payloadJson;
  try {
    payloadJson = JSON.stringify(payload);
  } catch (e) {
    throw new TypeError(`payload cannot be serialised as JSON: ${e && e.message}`);
  }
  const b = bindings();
  const k = signingKey(b, key);
  try {
    return callCore(() => k.bindings.sign(payloadJson, k.handle, optionsJson));
  } finally {
    if (k.temporary) k.handle.free();
  }
}

/**
 * Generates a key pair for an asymmetric algorithm from the platform's CSPRNG. Both JWKs carry
 * `alg`, `use: "sig"` and `kid` = their RFC 7638 thumbprint. RSA generation is slow in wasm.
 */
export function generateKeyPair(alg, options) {
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
  const [privateJwk, publicJwk] = callCore(() => b.generateKeyPair(alg, Math.max(0, Math.min(modulusLength, 1 << 20))));
  return { privateJwk: JSON.parse(privateJwk), publicJwk: JSON.parse(publicJwk) };
}

/** Random secret bytes of exactly the hash length of HS256/HS384/HS512 (32/48/64). */
export function generateSecret(alg) {
  if (typeof alg !== 'string') throw new TypeError(`alg must be "HS256", "HS384" or "HS512"; got ${describe(alg)}`);
  const b = bindings();
  return callCore(() => b.generateSecret(alg));
}

/** A JWK as PEM: a public key as SPKI ("PUBLIC KEY"), a private one as PKCS#8 ("PRIVATE KEY"). */
export function toPem(jwk) {
  if (!isPlainObject(jwk)) throw new TypeError(`jwk must be a JWK object; got ${describe(jwk)}`);
  if ('keys' in jwk) throw new TypeError('toPem takes one JWK, not a JWKS');
  const b = bindings();
  return callCore(() => b.toPem(JSON.stringify(jwk)));
}
