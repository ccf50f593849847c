// JSON for the editors and the key box: parse with JSON.parse, and when that fails, find where
// and why with a small scanner of our own (browsers word JSON.parse errors differently, and some
// give no position at all), so the page can point at the line.

/** Line (1-based), column (1-based) and the text of that line, for an offset into `text`. */
export function lineAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const start = before.lastIndexOf('\n') + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  return { line, column: offset - start + 1, lineText: text.slice(start, end) };
}

const MAX_DEPTH = 512;

/** Where the first syntax error in `text` is: { offset, message }, or null when it is valid. */
export function findJsonError(text) {
  let i = 0;
  const fail = (message, at = i) => {
    const error = new Error(message);
    error.offset = at;
    throw error;
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const describe = (at) => (at >= text.length ? 'the end of the text' : `"${text[at]}"`);
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('"\\u" must be followed by four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          fail(`invalid escape "\\${e ?? ''}" in a string`);
        }
        continue;
      }
      if (c < ' ') fail('a line break or control character inside a string (write it as \\n)');
      i++;
    }
    fail('a string is not closed: a closing " is missing');
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!m || m[0] === '-') fail(`invalid number starting with ${describe(i)}`);
    i += m[0].length;
  };
  const value = (depth) => {
    if (depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') {
          fail(text[i] === '}' ? 'a trailing comma before "}"' : `expected a member name in double quotes, found ${describe(i)}`);
        }
        string();
        ws();
        if (text[i] !== ':') fail(`expected ":" after the member name, found ${describe(i)}`);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected "," or "}" after a member value, found ${describe(i)}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') fail('a trailing comma before "]"');
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected "," or "]" after an array element, found ${describe(i)}`);
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === "'") fail('strings must use double quotes, not single quotes');
    fail(i >= text.length ? 'the text ends where a value was expected' : `unexpected ${describe(i)} where a value was expected`);
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`);
    return null;
  } catch (e) {
    if (typeof e.offset === 'number') return { offset: Math.min(e.offset, text.length), message: e.message };
    return { offset: 0, message: String(e.message ?? e) }; // e.g. a stack overflow
  }
}

/**
 * Parse JSON text. Returns { ok: true, value } or { ok: false, message, offset, line, column,
 * lineText }.
 */
export function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const found = findJsonError(text) ?? { offset: 0, message: String(err.message) };
    return { ok: false, message: found.message, offset: found.offset, ...lineAt(text, found.offset) };
  }
}

/** parseJson, and the value must be a JSON object ({ ... }). */
export function parseJsonObject(text) {
  if (text.trim() === '') return { ok: false, message: 'empty: a JSON object { … } is needed', offset: 0, ...lineAt(text, 0) };
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    const start = text.length - text.trimStart().length;
    return { ok: false, message: `a JSON object { … } is needed, not ${Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`}`, offset: start, ...lineAt(text, start) };
  }
  return parsed;
}
