// Options: durations, the checks and normalisation of verify options into the JSON the core
// reads, the per-instance cache of options handles (in the io state), and the time of a call.
import { describe, toStringTag } from './checks.js';

// Duration strings, in the grammar jose's `secs` accepts: an optional sign, a decimal number, a
// unit word, and optionally "ago" / "from now"; at most one space between the parts, any letter
// case, nothing around them. "ago" or "-" makes it negative, which no jwtlens option allows.
export const DURATION = /^(?:([+-]) ?)?(\d+(?:\.\d+)?) ?([a-z]+)(?: (ago|from now))?$/i;
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const UNIT_SECONDS = new Map();
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
export function durationSeconds(value, name) {
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

export function secondsNow(currentDate) {
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
  if (value === undefined) return undefined; // the core's default (limitsOf(holder).maxTokenBytes)
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`options.maxTokenBytes must be a positive integer; got ${typeof value === 'number' ? value : describe(value)}`);
  }
  return value;
}

/**
 * Checks `options` and returns the object the core reads as options JSON (`currentDate` is not
 * in it: the time goes with each token, see `callTime`). With `claims: false` (verifyJws) the
 * claim members are not looked at and keep their defaults, since the core ignores them there.
 */
export function normaliseOptions(options, { claims }) {
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
  // A member left undefined is absent from the JSON: the core applies its default (no issuer
  // check, no tolerance, `exp` required, the default size limit), which has no copy here.
  const out = {
    algorithms: [...algorithms],
    issuer: undefined,
    audience: undefined,
    subject: undefined,
    typ: undefined,
    clockTolerance: undefined,
    maxTokenAge: undefined,
    requiredClaims: undefined,
    crit: critNames(crit),
    maxTokenBytes: maxTokenBytesOf(maxTokenBytes),
    allowShortSecrets: allowShortSecrets === true,
  };
  if (claims) {
    const { issuer, audience, subject, typ, clockTolerance, maxTokenAge, requiredClaims } = options;
    if (issuer !== undefined) out.issuer = stringList(issuer, 'issuer', { allowEmpty: false });
    if (audience !== undefined) out.audience = stringList(audience, 'audience', { allowEmpty: false });
    out.subject = optionalString(subject, 'subject');
    out.typ = optionalString(typ, 'typ');
    if (clockTolerance !== undefined) out.clockTolerance = durationSeconds(clockTolerance, 'clockTolerance');
    if (maxTokenAge !== undefined) out.maxTokenAge = durationSeconds(maxTokenAge, 'maxTokenAge');
    if (requiredClaims !== undefined) {
      if (!Array.isArray(requiredClaims) || requiredClaims.some((c) => typeof c !== 'string')) {
        throw new TypeError(`options.requiredClaims must be an array of claim names; got ${describe(requiredClaims)}`);
      }
      out.requiredClaims = [...requiredClaims];
    }
  }
  return out;
}

/** Two normalised options objects ask for the same checks (arrays compared element by element). */
export function sameOptions(a, b) {
  for (const name in a) {
    const x = a[name];
    const y = b[name];
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    } else if (x !== y) {
      return false;
    }
  }
  return true;
}

/**
 * The core's handle for normalised options `opts` in the instance of `st`. The last options of
 * each kind (JWT, JWS) are kept with their handle and reused only when `opts` is equal to them
 * member by member: `opts` is normalised afresh on every call (copies, never the caller's own
 * arrays), so an options object changed in place between calls is seen.
 */
export function optionsHandle(st, opts, claims) {
  const slot = claims ? 'jwt' : 'jws';
  const kept = st.options[slot];
  if (kept !== null && sameOptions(kept.opts, opts)) return kept.handle;
  const handle = new st.b.WasmOptions(JSON.stringify(opts));
  st.options[slot] = { opts, handle };
  if (kept !== null) kept.handle.free();
  return handle;
}

/** The time of a call: `currentDate` of the call's options, or the clock. */
export const callTime = (options) => secondsNow(options.currentDate);
