// Argument checks shared by the modules: misuse of the JS API is a TypeError, thrown before
// anything crosses into wasm, whose message names what was passed (describe).

export const toStringTag = (x) => Object.prototype.toString.call(x);

export function isPlainObject(x) {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  // Object.prototype of this realm or of another one (its own prototype is null), or none.
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

export function describe(x) {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') {
    const tag = toStringTag(x).slice(8, -1);
    return tag === 'Object' ? 'an object that is not a plain object' : `a ${tag}`;
  }
  return typeof x === 'undefined' ? 'undefined' : `a ${typeof x}`;
}

/** JSON.stringify for caller-supplied objects: a cycle or a too-deep object is a TypeError. */
export function jsonText(value, what) {
  try {
    return JSON.stringify(value);
  } catch (e) {
    throw new TypeError(`${what} cannot be serialised as JSON: ${e && e.message}`);
  }
}

export function checkToken(token) {
  if (typeof token !== 'string') throw new TypeError(`token must be a string; got ${describe(token)}`);
}
