// DOM builders for the decoder page. Token contents are attacker-controlled: every string from a
// token, a key or an error reaches the page through textContent (or an attribute value set with
// setAttribute), never through innerHTML or any other HTML parser.

/**
 * h('span', { class: 'x', title: '…' }, child, 'text', …): an element whose children are nodes or
 * strings (strings become text nodes). Attributes go through setAttribute.
 */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Replace all children of `parent` with `children`. */
export function fill(parent, ...children) {
  parent.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
}

/** Set textContent only when it changes (keeps live regions quiet and selections intact). */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// ------------------------------------------------------------------------------------------
// Time

/** "in 14 minutes", "3 days ago": the same words and thresholds as inspect()'s `relative`. */
export function relativeTime(at, now) {
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < 5) return 'just now';
  let n;
  let unit;
  if (abs < 60) [n, unit] = [abs, 'second'];
  else if (abs < 3600) [n, unit] = [abs / 60, 'minute'];
  else if (abs < 86_400) [n, unit] = [abs / 3600, 'hour'];
  else if (abs < 30 * 86_400) [n, unit] = [abs / 86_400, 'day'];
  else if (abs < 365 * 86_400) [n, unit] = [abs / (30 * 86_400), 'month'];
  else [n, unit] = [abs / (365 * 86_400), 'year'];
  if (n >= 10_000) return diff > 0 ? 'in more than 10000 years' : 'more than 10000 years ago';
  const whole = Math.floor(n);
  const phrase = `${whole} ${unit}${whole === 1 ? '' : 's'}`;
  return diff > 0 ? `in ${phrase}` : `${phrase} ago`;
}

/** "14 min 05 s", "2 h 03 min", "3 d 4 h": a precise countdown for the status banner. */
export function countdown(seconds) {
  const s = Math.max(0, Math.floor(Math.abs(seconds)));
  const d = Math.floor(s / 86_400);
  const hr = Math.floor((s % 86_400) / 3600);
  const min = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (x) => String(x).padStart(2, '0');
  if (d > 0) return `${d} d ${hr} h`;
  if (hr > 0) return `${hr} h ${two(min)} min`;
  if (min > 0) return `${min} min ${two(sec)} s`;
  return `${sec} s`;
}

/** The validity state for `payload` at `now` (seconds), by the rules verify() applies. */
export function timeState(payload, now) {
  if (!payload) return 'unknown';
  const { exp, nbf } = payload;
  if (typeof exp === 'number' && now >= exp) return 'expired';
  if (typeof nbf === 'number' && nbf > now) return 'not_yet_valid';
  if (typeof exp === 'number') return 'active';
  return 'no_expiry';
}

// ------------------------------------------------------------------------------------------
// Sizes

/** Bytes of `text` in UTF-8 (what the large-token finding and maxTokenBytes count). */
export function utf8Length(text) {
  return new TextEncoder().encode(text).length;
}

/** "900 bytes", "4.1 KB", "64 KB", "1.5 MB": a size for people (1 KB = 1,024 bytes). */
export function byteSize(bytes) {
  if (bytes < 1024) return `${bytes.toLocaleString('en')} byte${bytes === 1 ? '' : 's'}`;
  const [n, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  // One decimal under 10, and never "64.0": whole numbers stay whole.
  const text = n < 10 && Math.round(n * 10) % 10 !== 0 ? n.toFixed(1) : String(Math.round(n));
  return `${text} ${unit}`;
}

// ------------------------------------------------------------------------------------------
// Token segments

const JWS_PARTS = ['header', 'payload', 'signature'];
const JWE_PARTS = ['header', 'encrypted key', 'IV', 'ciphertext', 'tag'];

/** Names of the segments of a token with `n` dot-separated parts. */
export function segmentNames(n) {
  if (n === 5) return JWE_PARTS;
  return JWS_PARTS.slice(0, Math.max(n, 0)).concat(n > 3 ? Array.from({ length: n - 3 }, (_, i) => `extra ${i + 1}`) : []);
}

/**
 * Colour the raw text of the token box: one span per segment, the dots and any prefix
 * (Bearer …) plain. The text is exactly `raw`, so the coloured copy lines up with the textarea
 * on top of it.
 */
export function tokenSegments(raw, prefixLength) {
  const frag = document.createDocumentFragment();
  if (raw === '') return frag;
  const head = raw.slice(0, prefixLength);
  const rest = raw.slice(prefixLength);
  const lead = /^\s*/.exec(rest)[0];
  const trail = /\s*$/.exec(rest.slice(lead.length))[0];
  const body = rest.slice(lead.length, rest.length - trail.length);
  if (head || lead) frag.append(h('span', { class: 'seg-prefix' }, head + lead));
  const parts = body.split('.');
  const kind = parts.length === 5 ? 'jwe' : 'jws';
  parts.forEach((part, i) => {
    if (i > 0) frag.append(h('span', { class: 'seg-dot' }, '.'));
    if (part) frag.append(h('span', { class: `seg seg-${kind}-${Math.min(i, 5)}` }, part));
  });
  // A trailing newline needs a character after it to take up its line in the <pre>.
  frag.append(document.createTextNode(trail.endsWith('\n') ? `${trail} ` : trail));
  return frag;
}

// ------------------------------------------------------------------------------------------
// JSON, pretty and coloured

/**
 * Pretty-printed, syntax-coloured JSON as DOM nodes (2-space indent, like JSON.stringify).
 * `annotate(path, value)` may return a title for a leaf (e.g. the date of a NumericDate).
 */
export function jsonTree(value, annotate) {
  const frag = document.createDocumentFragment();
  const punct = (text) => h('span', { class: 'j-p' }, text);
  const write = (v, indent, path) => {
    if (v === null) return frag.append(h('span', { class: 'j-null' }, 'null'));
    if (Array.isArray(v)) {
      if (v.length === 0) return frag.append(punct('[]'));
      frag.append(punct('['), '\n');
      v.forEach((item, i) => {
        frag.append(`${indent}  `);
        write(item, `${indent}  `, `${path}[${i}]`);
        if (i < v.length - 1) frag.append(punct(','));
        frag.append('\n');
      });
      return frag.append(indent, punct(']'));
    }
    switch (typeof v) {
      case 'object': {
        const entries = Object.entries(v);
        if (entries.length === 0) return frag.append(punct('{}'));
        frag.append(punct('{'), '\n');
        entries.forEach(([k, item], i) => {
          frag.append(`${indent}  `, h('span', { class: 'j-key' }, JSON.stringify(k)), punct(': '));
          write(item, `${indent}  `, path ? `${path}.${k}` : k);
          if (i < entries.length - 1) frag.append(punct(','));
          frag.append('\n');
        });
        return frag.append(indent, punct('}'));
      }
      case 'string':
        return frag.append(h('span', { class: 'j-str' }, JSON.stringify(v)));
      case 'number': {
        const title = annotate ? annotate(path, v) : null;
        return frag.append(h('span', { class: title ? 'j-num j-time' : 'j-num', title }, JSON.stringify(v)));
      }
      case 'boolean':
        return frag.append(h('span', { class: 'j-bool' }, String(v)));
      default:
        return frag.append(String(v));
    }
  };
  write(value, '', '');
  return frag;
}

/** A claim value as short text for the claims table. */
export function claimText(value) {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

// ------------------------------------------------------------------------------------------
// Findings

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

/** Findings most severe first (stable: the report's order within a severity). */
export function sortFindings(findings) {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITIES.indexOf(a.f.severity) - SEVERITIES.indexOf(b.f.severity) || a.i - b.i)
    .map(({ f }) => f);
}

/** One <li> per finding: severity badge, title, detail and location. */
export function findingItems(findings) {
  return sortFindings(findings).map((f) =>
    h(
      'li',
      { class: `finding sev-${f.severity}`, 'data-code': f.code },
      h('span', { class: `badge sev-${f.severity}` }, f.severity),
      h(
        'div',
        { class: 'finding-body' },
        h('p', { class: 'finding-title' }, h('strong', null, f.title), ' ', h('code', { class: 'finding-code' }, f.code)),
        h('p', { class: 'finding-detail' }, f.detail),
        f.location ? h('p', { class: 'finding-location' }, 'at ', h('code', null, f.location)) : null,
      ),
    ),
  );
}

/** { code, message } for any thrown value (JwtError has a code; a TypeError does not). */
export function describeError(err) {
  if (err !== null && typeof err === 'object') {
    const code = typeof err.code === 'string' ? err.code : (err.name ?? 'Error');
    return { code: String(code), message: String(err.message ?? ''), claim: err.claim, reason: err.reason };
  }
  return { code: 'Error', message: String(err) };
}
