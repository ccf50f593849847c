// The decoded side of the page: the token box (a transparent textarea over a coloured copy of its
// text) and what was read from it: the status banner, the header and payload as JSON, the claims
// table, the findings and the signature, and the clock tick that keeps the relative times current.
import {
  claimText, countdown, fill, findingItems, h, jsonTree, relativeTime, segmentNames, setText, timeState, tokenSegments,
} from './render.js';

/**
 * The view of `page` (see app.js). It reads and fills `page.view` (the current decode, for the
 * tick) and reads `page.offered` (a large token waiting, which the empty state points at).
 */
export function createView(page) {
  const { els, view } = page;

  // ----------------------------------------------------------------------------------------
  // The token box: a transparent textarea over a coloured copy of its text.

  function autoGrow(textarea) {
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(textarea.scrollHeight + 2, Math.max(window.innerHeight * 0.6, 240))}px`;
  }
  function paintToken(raw, start) {
    fill(els.backdrop, tokenSegments(raw, start));
    autoGrow(els.token);
    els.backdrop.scrollTop = els.token.scrollTop;
  }
  els.token.addEventListener('scroll', () => {
    els.backdrop.scrollTop = els.token.scrollTop;
  });

  function tokenInfo(report, extracted) {
    const parts = [];
    if (report.kind === 'invalid') {
      parts.push(h('span', { class: 'kind kind-bad' }, 'Not a JWT'));
    } else {
      parts.push(h('span', { class: 'kind' }, report.kind === 'unsecured' ? 'Unsecured JWT' : report.kind));
      if (report.algorithm) parts.push(' ', h('span', { class: 'kind' }, report.algorithm.name));
      const names = segmentNames(report.segments.length);
      const kind = report.segments.length === 5 ? 'jwe' : 'jws';
      report.segments.forEach((seg, i) => {
        parts.push(' ', h('span', { class: `chip seg-${kind}-${Math.min(i, 5)}` }, `${names[i]} ${seg.length}`));
      });
      parts.push(' ', h('span', { class: 'size' }, `${report.size.bytes} bytes`));
    }
    if (extracted.hadHeaderName || extracted.hadBearer) {
      parts.push(h('span', { class: 'prefix-note' }, ` The “${extracted.prefix}” prefix is ignored.`));
    }
    fill(els.tokenInfo, ...parts);
  }

  // ----------------------------------------------------------------------------------------
  // Decoded: banner, JSON, claims, findings, signature.

  function banner(kind, title, detail) {
    els.status.className = `banner banner-${kind}`;
    els.status.dataset.state = kind;
    setText(els.statusTitle, title);
    setText(els.statusDetail, detail);
  }

  function renderBanner(now) {
    const report = view.report;
    if (!report) {
      if (page.offered) return banner('empty', 'No token yet', `The ${page.offered.source === 'link' ? 'link’s' : 'remembered'} token is waiting on the left: it is decoded when you choose “Inspect the token”.`);
      return banner('empty', 'No token yet', 'Paste a token on the left, or pick an example.');
    }
    if (report.kind === 'invalid' || (report.kind !== 'JWE' && view.decodeError)) {
      const e = view.decodeError;
      const detail = e ? `${e.code}: ${e.message}` : (report.findings.find((f) => f.code === 'malformed')?.detail ?? '');
      const title = report.kind === 'invalid' ? 'Malformed: this is not a JWT' : 'Malformed: jwtlens’s strict parser rejects this token';
      return banner('malformed', title, detail);
    }
    if (report.kind === 'JWE') {
      return banner('info', 'Encrypted token (JWE)', 'The header can be read; the claims are encrypted for a recipient and cannot be read or checked without its key. jwtlens does not decrypt.');
    }
    const state = view.timeState ?? report.status.state;
    const iso = (t) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
    // Within a minute, exact seconds (relativeTime says "just now" under 5 s).
    const when = (t) => {
      const s = Math.floor(Math.abs(t - now));
      if (s >= 60) return relativeTime(t, now);
      const n = `${s} second${s === 1 ? '' : 's'}`;
      return t > now ? `in ${n}` : `${n} ago`;
    };
    switch (state) {
      case 'active':
        return banner('active', 'Active', `Expires ${when(view.exp)} (${countdown(view.exp - now)} left), at ${iso(view.exp)}.`);
      case 'expired':
        return banner('expired', 'Expired', `Expired ${when(view.exp)}, at ${iso(view.exp)}.`);
      case 'not_yet_valid':
        return banner('not-yet-valid', 'Not yet valid', `Becomes valid ${when(view.nbf)} (nbf ${iso(view.nbf)}).`);
      case 'no_expiry':
        return banner('no-expiry', 'No expiry', 'There is no exp claim: this token never expires. If it leaks, it stays usable until the key changes.');
      default:
        return banner('info', 'Claims not readable', 'The payload is not a JSON object, so there are no claims to check.');
    }
  }

  function renderClaims(report, now) {
    view.timeCells = [];
    const rows = report.claims.map((c) => {
      const value = h('code', { class: 'claim-raw' }, claimText(c.value));
      const valueCell = h('td', { 'data-label': 'Value' }, value);
      if (c.time) {
        const at = Date.parse(c.time) / 1000;
        const rel = h('span', { class: 'relative' }, Number.isFinite(at) ? relativeTime(at, now) : (c.relative ?? ''));
        if (Number.isFinite(at)) view.timeCells.push({ el: rel, at });
        valueCell.append(h('span', { class: 'claim-time' }, h('time', { datetime: c.time }, c.time), ' · ', rel));
      }
      return h(
        'tr',
        { 'data-claim': c.name },
        h('th', { scope: 'row' }, h('code', null, c.name), h('span', { class: 'claim-label' }, c.label)),
        valueCell,
        h('td', { 'data-label': 'Meaning', class: 'claim-desc' }, c.description, c.registered ? null : h('span', { class: 'tag' }, 'custom')),
      );
    });
    fill(els.claimsBody, ...rows);
    els.claimsTable.hidden = rows.length === 0;
    els.claimsEmpty.hidden = rows.length !== 0;
    setText(els.claimsEmpty, report.kind === 'JWE' ? 'The claims are encrypted.' : 'No claims to show.');
  }

  function renderDecoded(report, extracted, now) {
    tokenInfo(report, extracted);
    const payload = report.payload;
    view.exp = payload && typeof payload.exp === 'number' ? payload.exp : null;
    view.nbf = payload && typeof payload.nbf === 'number' ? payload.nbf : null;
    view.timeState = payload ? timeState(payload, now) : null;
    view.lastTickState = view.timeState;
    if (view.timeState && report.status.state !== view.timeState && report.status.state !== 'unknown') {
      view.timeState = report.status.state; // inspect's reading wins (e.g. a NumericDate in milliseconds)
    }
    renderBanner(now);

    const times = new Map(report.claims.filter((c) => c.time).map((c) => [c.name, `${c.time} (${c.relative})`]));
    fill(els.header, report.header ? jsonTree(report.header) : h('span', { class: 'placeholder' }, report.kind === 'invalid' ? '(not decodable)' : ''));
    if (payload) fill(els.payload, jsonTree(payload, (path) => times.get(path) ?? null));
    else if (report.kind === 'JWE') fill(els.payload, h('span', { class: 'placeholder' }, '(encrypted: readable only with the recipient’s key)'));
    else fill(els.payload, h('span', { class: 'placeholder' }, report.kind === 'invalid' ? '(not decodable)' : '(not a JSON object)'));

    renderClaims(report, now);

    const items = findingItems(report.findings);
    fill(els.findings, ...items);
    setText(els.findingsCount, items.length ? `(${items.length})` : '');
    if (!items.length) fill(els.findings, h('li', { class: 'finding finding-none' }, 'No findings.'));

    if (report.kind === 'JWS' || report.kind === 'unsecured') {
      const sig = report.segments[2] ?? '';
      fill(els.signature, sig ? h('span', { class: 'seg seg-jws-2' }, sig) : h('span', { class: 'placeholder' }, '(empty: there is no signature)'));
    } else if (report.kind === 'JWE') {
      fill(els.signature, h('span', { class: 'placeholder' }, '(a JWE has no signature: its authentication tag is checked when it is decrypted)'));
    } else {
      fill(els.signature);
    }
  }

  function renderEmpty() {
    view.report = null;
    view.timeCells = [];
    view.timeState = null;
    fill(els.tokenInfo, page.offered ? 'Inspect the waiting token above, or paste another one here.' : 'Paste a token, or choose an example above.');
    renderBanner(0);
    fill(els.header);
    fill(els.payload);
    fill(els.claimsBody);
    els.claimsTable.hidden = true;
    els.claimsEmpty.hidden = false;
    setText(els.claimsEmpty, 'No claims to show.');
    fill(els.findings);
    setText(els.findingsCount, '');
    fill(els.signature);
  }

  /** Every second: the relative times and the banner; a full update when the state changes. */
  function tick() {
    if (!view.report || !view.report.payload) return;
    const now = Date.now() / 1000;
    if (timeState(view.report.payload, now) !== view.lastTickState) {
      page.update();
      return;
    }
    for (const cell of view.timeCells) setText(cell.el, relativeTime(cell.at, now));
    renderBanner(now);
  }

  return { autoGrow, paintToken, renderDecoded, renderEmpty, tick };
}
