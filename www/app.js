// The decoder page: wiring between the form controls and jwtlens. `start()` is given the two
// entries of the package, already initialised: `lib` (jwtlens: decode, inspect, verify) and
// `signer` (jwtlens/sign: the editor's signing, the examples, the public key of a pasted private
// key), a key generator (Web Worker or inline) and the kind of build, so that the served page
// (main.js) and the single-file build (scripts/dist.mjs) share all of this.
import { EXAMPLES } from './examples.js';
import { parseJsonObject } from './json.js';
import { HMAC_MIN_BYTES, extractToken, hmacKeyBytes, publicPart, readKey } from './keys.js';
import {
  byteSize, claimText, countdown, describeError, fill, findingItems, h, jsonTree, relativeTime, segmentNames, setText, timeState,
  tokenSegments, utf8Length,
} from './render.js';

const STORE = {
  flag: 'jwtlens.remember',
  token: 'jwtlens.token',
  key: 'jwtlens.key',
  encoding: 'jwtlens.encoding',
  theme: 'jwtlens.theme',
};

/**
 * A token the person did not paste themselves (a #token= link, or one remembered in this browser)
 * is inspected at once only up to this many bytes; a larger one waits until the person asks. It
 * is inspect()'s own line: the large-token finding starts above it, and its weak-secret scan
 * (the costliest part, 25-45 ms at this size) stops there. Ordinary tokens are far smaller.
 */
export const CONFIRM_TOKEN_BYTES = 4096;

// Ed25519 is the RFC 9864 name of EdDSA with Ed25519; a key generated for one signs only that one.
const SIGNING_ALGS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** Codes that mean "this key cannot be used for this token", as opposed to "the token is bad". */
const KEY_ERRORS = new Set([
  'ERR_JWK_INVALID', 'ERR_JWKS_INVALID', 'ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED', 'TypeError',
]);

const EMBEDDED_KEYS = {
  jwk: 'carries its own public key (jwk)',
  x5c: 'carries its own certificate chain (x5c)',
  jku: 'points to a JWKS URL (jku)',
  x5u: 'points to a certificate URL (x5u)',
};

const $ = (id) => document.getElementById(id);

export function start({ lib, signer, keygen, build }) {
  const root = document.documentElement;
  const els = {
    examples: $('examples'), share: $('share'), theme: $('theme'),
    loadStatus: $('load-status'),
    token: $('token'), backdrop: $('token-backdrop'), tokenInfo: $('token-info'),
    verifyAlg: $('verify-alg'), key: $('key'), keyKind: $('key-kind'), keyDerived: $('key-derived'), encoding: $('secret-encoding'),
    verdict: $('verdict'), verdictTitle: $('verdict-title'), verdictDetail: $('verdict-detail'),
    weak: $('weak-secret'), embedded: $('embedded-key'),
    issuer: $('opt-issuer'), audience: $('opt-audience'), tolerance: $('opt-tolerance'),
    claimsVerdict: $('claims-verdict'), claimsVerdictTitle: $('claims-verdict-title'), claimsVerdictDetail: $('claims-verdict-detail'),
    status: $('status'), statusTitle: $('status-title'), statusDetail: $('status-detail'),
    header: $('header'), payload: $('payload'), claimsTable: $('claims'), claimsBody: $('claims-body'), claimsEmpty: $('claims-empty'),
    findings: $('findings'), findingsCount: $('findings-count'), signature: $('signature'),
    editHeader: $('edit-header'), editHeaderError: $('edit-header-error'),
    editPayload: $('edit-payload'), editPayloadError: $('edit-payload-error'),
    setIat: $('set-iat'), setExp: $('set-exp'), resetEdit: $('reset-edit'),
    signAlg: $('sign-alg'), signKey: $('sign-key'), signKeyKind: $('sign-key-kind'), signEncoding: $('sign-encoding'),
    generate: $('generate'), keygenProgress: $('keygen-progress'), keygenText: $('keygen-text'), keygenMode: $('keygen-mode'),
    publicKey: $('public-key'), publicJwk: $('public-jwk'), publicPem: $('public-pem'),
    copyPublicJwk: $('copy-public-jwk'), copyPublicPem: $('copy-public-pem'),
    signResult: $('sign-result'), signedToken: $('signed-token'), copySigned: $('copy-signed'), openSigned: $('open-signed'),
    remember: $('remember'), buildNote: $('build-note'),
    offer: $('token-offer'), offerTitle: $('token-offer-title'), offerDetail: $('token-offer-detail'),
    offerInspect: $('token-offer-inspect'), offerDiscard: $('token-offer-discard'),
    shareDialog: $('share-dialog'), shareUrl: $('share-url'), shareStatus: $('share-status'),
    shareCopy: $('share-copy'), shareCancel: $('share-cancel'),
  };

  // The current decode, for the clock tick.
  const view = { token: '', report: null, timeCells: [], timeState: null, exp: null, nbf: null };
  // The editor: `dirty` once the person has changed it (then a new token no longer overwrites it).
  const editor = { dirty: false, signed: '', generated: null };
  // A large token waiting for the person's go-ahead: { token, source: 'link' | 'remembered', next },
  // `next` being a large remembered token to offer if this link's token is discarded.
  let offered = null;

  // ----------------------------------------------------------------------------------------
  // Storage: nothing is read or written unless the person ticked "Remember".

  const storage = (() => {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  })();
  const remembering = () => els.remember.checked && storage !== null;
  function persist() {
    if (!remembering()) return;
    try {
      storage.setItem(STORE.flag, '1');
      // A remembered token still waiting for the go-ahead is not in the box: keep it stored.
      const holdsStored = offered !== null && (offered.source === 'remembered' || offered.next !== null);
      if (!holdsStored) storage.setItem(STORE.token, els.token.value);
      storage.setItem(STORE.key, els.key.value);
      storage.setItem(STORE.encoding, els.encoding.value);
      if (root.dataset.theme) storage.setItem(STORE.theme, root.dataset.theme);
      else storage.removeItem(STORE.theme);
    } catch {
      /* quota or disabled storage: remembering is best effort */
    }
  }
  function forget() {
    if (!storage) return;
    try {
      for (const name of Object.values(STORE)) storage.removeItem(name);
    } catch {
      /* nothing stored */
    }
  }

  // ----------------------------------------------------------------------------------------
  // Theme: follows the system until the toggle is used.

  const darkQuery = matchMedia('(prefers-color-scheme: dark)');
  const effectiveTheme = () => root.dataset.theme || (darkQuery.matches ? 'dark' : 'light');
  const syncThemeButton = () => els.theme.setAttribute('aria-pressed', String(effectiveTheme() === 'dark'));
  els.theme.addEventListener('click', () => {
    root.dataset.theme = effectiveTheme() === 'dark' ? 'light' : 'dark';
    syncThemeButton();
    persist();
  });
  darkQuery.addEventListener('change', syncThemeButton);

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
      if (offered) return banner('empty', 'No token yet', `The ${offered.source === 'link' ? 'link’s' : 'remembered'} token is waiting on the left: it is decoded when you choose “Inspect the token”.`);
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
    fill(els.tokenInfo, offered ? 'Inspect the waiting token above, or paste another one here.' : 'Paste a token, or choose an example above.');
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

  // ----------------------------------------------------------------------------------------
  // Verify

  function verdict(node, titleNode, detailNode, state, tone, title, detail) {
    node.className = `${node.id === 'verdict' ? 'verdict' : 'claims-verdict'} verdict-${tone}`;
    node.dataset.state = state;
    setText(titleNode, title);
    if (typeof detail === 'string' || detail === undefined) setText(detailNode, detail ?? '');
    else fill(detailNode, ...detail);
  }
  const sigVerdict = (state, tone, title, detail) => verdict(els.verdict, els.verdictTitle, els.verdictDetail, state, tone, title, detail);
  const claimVerdict = (state, tone, title, detail) =>
    verdict(els.claimsVerdict, els.claimsVerdictTitle, els.claimsVerdictDetail, state, tone, title, detail);
  const errorDetail = (e) => [h('code', { class: 'error-code' }, e.code), ' ', e.message];

  function showKeyKind(node, info) {
    node.classList.toggle('key-kind-bad', info.kind === 'error');
    if (info.kind === 'empty') setText(node, '');
    else if (info.kind === 'error') setText(node, `Cannot read this key: ${info.message}.`);
    else setText(node, `Read as: ${info.summary}.`);
  }

  // A private key whose public half the verifier would have to compute (an Ed25519 PKCS#8 key, a
  // SEC1 key without its public point) is refused by jwtlens (ERR_JWK_INVALID): the page asks
  // jwtlens/sign for the public key (publicJwk), verifies with that, and says so. Worked out once
  // per key text. Any other key, or one that jwtlens/sign cannot read either, is left as it is, so
  // that verify() reports what is wrong with it.
  let derived = { text: null, info: null };
  function verificationKey(info) {
    if (info.kind !== 'pem' || !info.private) return info;
    if (derived.text !== info.input) derived = { text: info.input, info: derivePublicKey(info) };
    return derived.info;
  }
  function derivePublicKey(info) {
    try {
      lib.importKey(info.input).free();
      return info; // the verifier reads the public key from the private key itself
    } catch (err) {
      if (!(err instanceof lib.JwtError) || err.code !== 'ERR_JWK_INVALID') return info;
    }
    let jwk;
    try {
      jwk = signer.publicJwk(info.input);
    } catch {
      return info;
    }
    if (jwk.kty !== 'OKP' && jwk.kty !== 'EC') return info; // an RSA private key has its public part
    const from = { 'PRIVATE KEY': 'PKCS#8 private key', 'EC PRIVATE KEY': 'SEC1 EC private key' }[info.label] ?? 'private key';
    return { kind: 'jwk', input: jwk, private: false, derivedFrom: info, summary: `public key computed from the ${from}` };
  }
  function showDerivedNote(info) {
    const from = info.derivedFrom;
    els.keyDerived.hidden = !from;
    if (!from) return fill(els.keyDerived);
    const what = info.input.kty === 'OKP' ? `This ${info.input.crv ?? 'Ed25519'} private key does not include its public key` : 'This EC private key does not include its public point';
    fill(
      els.keyDerived,
      h('strong', null, 'Using its public key, computed by the page. '),
      `${what}, and jwtlens verifies with public keys only, so the page computed it with `,
      h('code', null, 'publicJwk()'),
      ' of ',
      h('code', null, 'jwtlens/sign'),
      '. Give a server that public key, never the private one.',
    );
  }

  function claimOptions() {
    const list = (text) => {
      const values = text.split(',').map((s) => s.trim()).filter(Boolean);
      return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
    };
    const options = {};
    const issuer = list(els.issuer.value);
    const audience = list(els.audience.value);
    if (issuer !== undefined) options.issuer = issuer;
    if (audience !== undefined) options.audience = audience;
    const tol = els.tolerance.value.trim();
    if (tol !== '') {
      const n = Number(tol);
      if (!Number.isFinite(n) || n < 0) return { error: 'The clock tolerance must be a number of seconds, 0 or more.' };
      options.clockTolerance = n;
    }
    return { options };
  }

  function renderEmbeddedNote(report) {
    const header = report?.header ?? {};
    const present = Object.keys(EMBEDDED_KEYS).filter((name) => name in header);
    els.embedded.hidden = present.length === 0;
    if (!present.length) return fill(els.embedded);
    const urls = present.some((n) => n === 'jku' || n === 'x5u');
    fill(
      els.embedded,
      h('p', null, h('strong', null, `This token ${present.map((n) => EMBEDDED_KEYS[n]).join(' and ')}: the page never uses it.`)),
      h(
        'p',
        null,
        'Whoever writes a token can put any key there, including their own, so a verifier that trusts it accepts forgeries (the CVE-2018-0114 family). ',
        urls ? 'A URL in the token is not fetched either: nothing leaves this page, and a verifier should only load keys from a source it already trusts. ' : '',
        'Paste the issuer’s key that you trust in the box above.',
      ),
    );
  }

  function renderWeak(report, keyInfo, alg, verified) {
    const notes = [];
    if (verified && /^HS(256|384|512)$/.test(alg)) {
      const n = hmacKeyBytes(keyInfo);
      const need = HMAC_MIN_BYTES[alg];
      if (n !== null && n < need) {
        notes.push(
          h('p', null, h('strong', null, `Weak secret: ${n} byte${n === 1 ? '' : 's'}, shorter than the ${need} bytes ${alg} needs (RFC 7518 §3.2).`)),
          h('p', null, 'It verifies here because this page is a debugger (allowShortSecrets); jwtlens’s verify() refuses it by default, and a short secret can be brute-forced from a single token.'),
        );
      }
      if (report.weakSecret) {
        notes.push(h('p', null, h('strong', null, 'Well-known secret: '), `“${report.weakSecret}” is on the list of weak secrets that attackers try first. Anyone can forge tokens signed with it.`));
      }
    }
    els.weak.hidden = notes.length === 0;
    fill(els.weak, ...notes);
  }

  function renderVerify(report, token, keyInfo) {
    const alg = typeof report?.header?.alg === 'string' ? report.header.alg : null;
    setText(els.verifyAlg, !report ? 'none yet' : report.algorithm ? `${report.algorithm.name}: ${report.algorithm.description}` : report.kind === 'invalid' ? 'unknown (not a JWT)' : 'missing');
    renderEmbeddedNote(report);
    renderWeak(report, keyInfo, alg, false);
    const claimsIdle = (title) => claimVerdict('idle', 'idle', title, '');

    if (!report) {
      sigVerdict('idle', 'idle', 'Paste a token to verify its signature.', '');
      return claimsIdle('Claim checks run once the signature is verified.');
    }
    if (report.kind === 'invalid') {
      sigVerdict('not-verified', 'bad', 'Not verified: the token is malformed.', 'Fix the token first: see the message on the right.');
      return claimsIdle('No claim checks: the token is malformed.');
    }
    if (report.kind === 'JWE') {
      sigVerdict('unsupported', 'idle', 'Nothing to verify: this is an encrypted token (JWE).', 'jwtlens verifies signed tokens (JWS); it does not decrypt.');
      return claimsIdle('No claim checks: the claims are encrypted.');
    }
    if (report.kind === 'unsecured') {
      sigVerdict('not-verified', 'bad', 'Not verified: alg “none” means there is no signature.', [
        h('code', { class: 'error-code' }, 'ERR_JOSE_ALG_NOT_ALLOWED'),
        ' An unsecured token proves nothing about who made it; jwtlens never accepts one, whatever the options say.',
      ]);
      return claimsIdle('No claim checks: the token is unsecured.');
    }
    if (!alg || !SIGNING_ALGS.includes(alg)) {
      const f = report.findings.find((x) => x.code === 'alg-unknown' || x.code === 'alg-missing');
      sigVerdict('unsupported', 'bad', alg ? `Cannot verify: jwtlens does not implement “${alg}”.` : 'Cannot verify: the header has no alg.', f ? f.detail : '');
      return claimsIdle('No claim checks without a verified signature.');
    }
    if (keyInfo.kind === 'empty') {
      sigVerdict('idle', 'idle', `Enter the ${alg.startsWith('HS') ? 'secret' : 'public key'} to verify this ${alg} signature.`, '');
      return claimsIdle('Claim checks run once the signature is verified.');
    }
    if (keyInfo.kind === 'error') {
      sigVerdict('invalid-key', 'warn', 'Invalid key', `The key box cannot be read: ${keyInfo.message}.`);
      return claimsIdle('Claim checks run once the signature is verified.');
    }
    try {
      lib.verifyJws(token, keyInfo.input, { algorithms: [alg], allowShortSecrets: true });
    } catch (err) {
      const e = describeError(err);
      if (KEY_ERRORS.has(e.code)) sigVerdict('invalid-key', 'warn', 'Invalid key for this token', errorDetail(e));
      else sigVerdict('not-verified', 'bad', 'Signature not verified', errorDetail(e));
      return claimsIdle('Claim checks run once the signature is verified.');
    }
    sigVerdict('verified', 'ok', 'Signature verified', `The ${alg} signature matches this key (${keyInfo.summary}).`);
    renderWeak(report, keyInfo, alg, true);

    const { options, error } = claimOptions();
    if (error) return claimVerdict('error', 'warn', 'Claim checks not run', error);
    try {
      lib.verify(token, keyInfo.input, { algorithms: [alg], requiredClaims: [], allowShortSecrets: true, ...options });
      const checked = [];
      const p = report.payload ?? {};
      if ('exp' in p) checked.push('exp');
      if ('nbf' in p) checked.push('nbf');
      if (options.issuer !== undefined) checked.push('iss');
      if (options.audience !== undefined) checked.push('aud');
      const tol = options.clockTolerance ? ` with ${options.clockTolerance} s of clock tolerance` : '';
      claimVerdict(
        'valid',
        'ok',
        'Claims valid',
        checked.length ? `Checked: ${checked.join(', ')}${tol}.` : 'No time claims in the token and no expected values given: nothing to check.',
      );
    } catch (err) {
      const e = describeError(err);
      const what = e.claim ? ` (claim ${e.claim}, ${e.reason ?? 'failed'})` : '';
      claimVerdict('invalid', 'bad', `Claim check failed${what}`, errorDetail(e));
    }
  }

  // ----------------------------------------------------------------------------------------
  // The whole decode → render pass, on every input. Timed: data-render-ms on <html>.

  function update() {
    const t0 = performance.now();
    const raw = els.token.value;
    const extracted = extractToken(raw);
    paintToken(raw, extracted.start);
    const read = readKey(els.key.value, els.encoding.value);
    showKeyKind(els.keyKind, read);
    const keyInfo = verificationKey(read);
    showDerivedNote(keyInfo);
    const now = Date.now() / 1000;
    view.token = extracted.token;
    if (extracted.token === '') {
      renderEmpty();
      renderVerify(null, '', keyInfo);
    } else {
      const report = lib.inspect(extracted.token, keyInfo.kind === 'secret' ? { secret: keyInfo.input } : {});
      view.report = report;
      view.decodeError = null;
      if (report.kind !== 'JWE') {
        try {
          lib.decode(extracted.token);
        } catch (err) {
          view.decodeError = describeError(err);
        }
      }
      renderDecoded(report, extracted, now);
      renderVerify(report, extracted.token, keyInfo);
    }
    els.share.disabled = extracted.token === '';
    syncEditorFromToken();
    persist();
    root.dataset.renderMs = (performance.now() - t0).toFixed(3);
  }

  /** Every second: the relative times and the banner; a full update when the state changes. */
  function tick() {
    if (!view.report || !view.report.payload) return;
    const now = Date.now() / 1000;
    if (timeState(view.report.payload, now) !== view.lastTickState) {
      update();
      return;
    }
    for (const cell of view.timeCells) setText(cell.el, relativeTime(cell.at, now));
    renderBanner(now);
  }

  // ----------------------------------------------------------------------------------------
  // Edit and re-sign

  function showJsonError(box, textarea, result, what) {
    if (result.ok) {
      box.hidden = true;
      fill(box);
      textarea.removeAttribute('aria-invalid');
      return;
    }
    textarea.setAttribute('aria-invalid', 'true');
    box.hidden = false;
    const gutter = `${result.line} | `;
    const goTo = h('button', { type: 'button', class: 'button button-small' }, `Go to line ${result.line}`);
    goTo.addEventListener('click', () => {
      textarea.focus();
      textarea.setSelectionRange(result.offset, Math.min(result.offset + 1, textarea.value.length));
    });
    fill(
      box,
      h('p', null, h('strong', null, `${what} is not valid JSON: line ${result.line}, column ${result.column}`), `: ${result.message}.`),
      h('pre', { class: 'json-error-snippet' }, `${gutter}${result.lineText.replace(/\t/g, ' ')}\n${' '.repeat(gutter.length + result.column - 1)}^`),
      goTo,
    );
  }

  function readSigningKey() {
    const info = readKey(els.signKey.value, els.signEncoding.value);
    if (info.kind === 'pem' && !info.private) return { kind: 'error', message: 'this is a public key, and a public key cannot sign: paste the private key, or generate a key pair' };
    if (info.kind === 'jwk' && !info.private) return { kind: 'error', message: 'this JWK has no private part ("d"), so it cannot sign' };
    if (info.kind === 'jwks') return { kind: 'error', message: 'a JWKS holds several keys: paste the one private JWK to sign with' };
    if (info.kind === 'jwk') return { ...info, summary: info.summary.replace(', private: its public part is used to verify', ', private') };
    return info;
  }

  function updateGenerateLabel() {
    const alg = els.signAlg.value;
    els.generate.textContent = alg.startsWith('HS') ? `Generate an ${alg} secret` : `Generate an ${alg} key pair`;
  }

  function clearSigned(message, tone = 'idle') {
    editor.signed = '';
    fill(els.signedToken);
    els.copySigned.disabled = true;
    els.openSigned.disabled = true;
    els.signResult.className = `sign-result verdict-${tone}`;
    els.signResult.dataset.state = tone === 'bad' ? 'error' : 'idle';
    setText(els.signResult, message);
  }

  function signNow() {
    const header = parseJsonObject(els.editHeader.value);
    const payload = parseJsonObject(els.editPayload.value);
    showJsonError(els.editHeaderError, els.editHeader, header, 'The header');
    showJsonError(els.editPayloadError, els.editPayload, payload, 'The payload');
    const alg = els.signAlg.value;
    const key = readSigningKey();
    showKeyKind(els.signKeyKind, key.kind === 'error' ? { kind: 'error', message: key.message } : key);
    if (els.editHeader.value.trim() === '' && els.editPayload.value.trim() === '') {
      showJsonError(els.editHeaderError, els.editHeader, { ok: true }, '');
      showJsonError(els.editPayloadError, els.editPayload, { ok: true }, '');
      return clearSigned('Write a header and a payload (or decode a token above) to sign.');
    }
    if (!header.ok || !payload.ok) return clearSigned('Fix the JSON to sign.', 'bad');
    if (key.kind === 'empty') return clearSigned(`Add a signing key, or generate ${alg.startsWith('HS') ? 'a secret' : 'a key pair'}.`);
    if (key.kind === 'error') return clearSigned(`Cannot sign: ${key.message}.`, 'bad');
    const extra = { ...header.value };
    delete extra.alg; // the Algorithm menu decides
    let token;
    try {
      token = signer.sign(payload.value, key.input, { alg, header: extra, issuedAt: false, allowShortSecrets: true });
    } catch (err) {
      const e = describeError(err);
      clearSigned('', 'bad');
      fill(els.signResult, h('strong', null, 'Cannot sign: '), h('code', { class: 'error-code' }, e.code), ` ${e.message}`);
      return;
    }
    editor.signed = token;
    fill(els.signedToken, tokenSegments(token, 0));
    els.copySigned.disabled = false;
    els.openSigned.disabled = false;
    els.signResult.className = 'sign-result verdict-ok';
    els.signResult.dataset.state = 'signed';
    const n = /^HS/.test(alg) ? hmacKeyBytes(key) : null;
    const weak = n !== null && n < HMAC_MIN_BYTES[alg] ? ` Warning: the secret is ${n} bytes, shorter than the ${HMAC_MIN_BYTES[alg]} bytes ${alg} needs; servers using jwtlens’s defaults will refuse it.` : '';
    setText(els.signResult, `Signed with ${alg} (${token.length} characters).${weak}`);
  }

  function syncEditorFromToken(force = false) {
    if (editor.dirty && !force) return;
    const report = view.report;
    if (!report || !report.header || !report.payload || (report.kind !== 'JWS' && report.kind !== 'unsecured')) {
      if (force) signNow();
      return;
    }
    const headerText = JSON.stringify(report.header, null, 2);
    const payloadText = JSON.stringify(report.payload, null, 2);
    let changed = force;
    if (els.editHeader.value !== headerText) {
      els.editHeader.value = headerText;
      changed = true;
    }
    if (els.editPayload.value !== payloadText) {
      els.editPayload.value = payloadText;
      changed = true;
    }
    if (SIGNING_ALGS.includes(report.header.alg) && els.signAlg.value !== report.header.alg) {
      els.signAlg.value = report.header.alg;
      updateGenerateLabel();
      changed = true;
    }
    editor.dirty = false;
    if (changed) signNow(); // (signing with an RSA key on every keystroke in the token box would cost)
  }

  function editPayload(change) {
    const parsed = parseJsonObject(els.editPayload.value);
    if (!parsed.ok) {
      signNow();
      els.editPayload.focus();
      return;
    }
    change(parsed.value, Math.floor(Date.now() / 1000));
    els.editPayload.value = JSON.stringify(parsed.value, null, 2);
    editor.dirty = true;
    signNow();
  }

  function onAlgChange() {
    updateGenerateLabel();
    const header = parseJsonObject(els.editHeader.value);
    if (header.ok && header.value.alg !== els.signAlg.value) {
      header.value.alg = els.signAlg.value;
      const { alg, ...rest } = header.value;
      els.editHeader.value = JSON.stringify({ alg, ...rest }, null, 2);
    }
    editor.dirty = true;
    signNow();
  }

  let keygenBusy = false;
  async function generate() {
    if (keygenBusy) return;
    keygenBusy = true;
    const alg = els.signAlg.value;
    els.generate.setAttribute('aria-disabled', 'true');
    els.keygenProgress.hidden = false;
    const started = performance.now();
    const what = alg.startsWith('HS') ? `an ${alg} secret` : `an ${alg} key pair`;
    setText(els.keygenText, `Generating ${what}…`);
    const timer = setInterval(() => {
      setText(els.keygenText, `Generating ${what}… ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }, 100);
    try {
      const result = await keygen.generate(alg);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (result.secret) {
        els.signKey.value = result.secret;
        els.signEncoding.value = 'base64url';
        editor.generated = { alg, secret: result.secret, keyText: result.secret };
        els.publicKey.hidden = true;
        setText(els.keygenText, `Generated a random ${alg} secret in ${seconds} s. The same secret verifies the token.`);
      } else {
        const keyText = JSON.stringify(result.privateJwk, null, 2);
        els.signKey.value = keyText;
        editor.generated = { alg, publicJwk: result.publicJwk, keyText };
        els.publicJwk.value = JSON.stringify(result.publicJwk, null, 2);
        els.publicPem.value = result.publicPem;
        els.publicKey.hidden = false;
        // A kid in the header named the old key: name the new one.
        const header = parseJsonObject(els.editHeader.value);
        if (header.ok && 'kid' in header.value && result.publicJwk.kid) {
          header.value.kid = result.publicJwk.kid;
          els.editHeader.value = JSON.stringify(header.value, null, 2);
          editor.dirty = true;
        }
        setText(els.keygenText, `Generated an ${alg} key pair in ${seconds} s${keygen.mode === 'worker' ? ' (in a Web Worker)' : ''}.`);
      }
      signNow();
    } catch (err) {
      const e = describeError(err);
      setText(els.keygenText, `Key generation failed: ${e.code} ${e.message}`);
    } finally {
      clearInterval(timer);
      els.keygenProgress.hidden = true;
      els.generate.removeAttribute('aria-disabled');
      keygenBusy = false;
    }
  }

  function openSigned() {
    if (!editor.signed) return;
    const key = readSigningKey();
    let keyText = '';
    let encoding = 'utf8';
    const g = editor.generated;
    if (g && g.keyText === els.signKey.value && g.publicJwk) {
      keyText = JSON.stringify(g.publicJwk, null, 2);
    } else if (key.kind === 'secret') {
      keyText = els.signKey.value.trim();
      encoding = els.signEncoding.value;
    } else if (key.kind === 'jwk') {
      keyText = JSON.stringify(publicPart(key.input), null, 2);
    } else if (key.kind === 'pem') {
      // The public key as SPKI PEM, never the private key: the verification box may be remembered
      // in this browser, and jwtlens does not compute the public half of every private key.
      try {
        keyText = signer.toPem(signer.publicJwk(key.input));
      } catch {
        keyText = '';
      }
    }
    els.token.value = editor.signed;
    els.key.value = keyText;
    els.encoding.value = encoding;
    els.examples.value = '';
    editor.dirty = false;
    update();
    autoGrow(els.key);
    els.token.focus({ preventScroll: true });
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    els.token.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  }

  // ----------------------------------------------------------------------------------------
  // Copying and sharing

  async function copyText(text, statusNode, done) {
    try {
      await navigator.clipboard.writeText(text);
      if (statusNode) setText(statusNode, done);
      return true;
    } catch {
      if (statusNode) setText(statusNode, 'The browser did not allow copying: select the text and press Ctrl+C (⌘C on a Mac).');
      return false;
    }
  }

  function shareLink() {
    return `${location.href.split('#')[0]}#token=${encodeURIComponent(view.token)}`;
  }

  els.share.addEventListener('click', () => {
    if (!view.token) return;
    els.shareUrl.value = shareLink();
    setText(els.shareStatus, '');
    els.shareDialog.showModal();
  });
  els.shareCopy.addEventListener('click', async () => {
    const ok = await copyText(els.shareUrl.value, els.shareStatus, 'Copied. Only share it with people who may see this token.');
    if (!ok) els.shareUrl.select();
  });
  els.shareCancel.addEventListener('click', () => els.shareDialog.close());

  // A large token from a link or from storage: shown as an offer above the token box, decoded only
  // once the person chooses "Inspect the token". The box keeps what it had meanwhile.
  function offerToken(token, source, next = null) {
    const bytes = utf8Length(token);
    offered = { token, source, next };
    const size = byteSize(bytes);
    setText(els.offerTitle, source === 'link' ? `This link carries a large token: ${size}` : `The token remembered in this browser is large: ${size}`);
    setText(
      els.offerDetail,
      `It is ${bytes.toLocaleString('en')} bytes, over the ${CONFIRM_TOKEN_BYTES.toLocaleString('en')} that ordinary tokens stay under, ` +
        `so it is decoded only when you ask. Nothing has been sent anywhere.${source === 'remembered' ? ' Discarding it also removes it from this browser.' : ''}`,
    );
    els.offer.hidden = false;
    els.offerInspect.focus();
  }
  function closeOffer() {
    const had = offered;
    offered = null;
    els.offer.hidden = true;
    return had;
  }
  /** Put a link's or a remembered token in the box, or offer it when it is large (true if put). */
  function placeToken(token, source, next = null) {
    if (utf8Length(token) > CONFIRM_TOKEN_BYTES) {
      offerToken(token, source, next);
      return false;
    }
    els.token.value = token;
    return true;
  }
  /** Take the token out of the address, so that a reload does not offer it again. */
  function dropFragment() {
    if (tokenFromFragment() === null) return;
    try {
      history.replaceState(history.state, '', location.href.split('#')[0]);
    } catch {
      /* a browser that refuses: the offer comes back on reload, nothing worse */
    }
  }
  els.offerInspect.addEventListener('click', () => {
    const o = closeOffer();
    if (!o) return;
    els.token.value = o.token;
    els.examples.value = '';
    editor.dirty = false;
    update();
    // The button is gone: focus the box (described by what was read, #token-info), at its start.
    els.token.setSelectionRange(0, 0);
    els.token.focus();
    els.token.scrollTop = 0;
    els.backdrop.scrollTop = 0;
  });
  els.offerDiscard.addEventListener('click', () => {
    const o = closeOffer();
    if (!o) return;
    if (o.source === 'link') dropFragment();
    if (o.next !== null) offerToken(o.next, 'remembered');
    else els.token.focus();
    update();
  });

  function tokenFromFragment() {
    const m = /^#token=(.*)$/s.exec(location.hash);
    if (!m) return null;
    try {
      return decodeURIComponent(m[1]);
    } catch {
      return m[1];
    }
  }
  window.addEventListener('hashchange', () => {
    const t = tokenFromFragment();
    if (t === null || t === els.token.value || t === offered?.token) return;
    // A link replaces what was waiting, but a remembered token it displaces stays on offer.
    const held = offered ? (offered.source === 'remembered' ? offered.token : offered.next) : null;
    if (utf8Length(t) > CONFIRM_TOKEN_BYTES) {
      offerToken(t, 'link', held);
      if (!view.report) update(); // the empty banner points at the offer
      return;
    }
    closeOffer();
    els.token.value = t;
    els.examples.value = '';
    editor.dirty = false;
    update();
  });

  // ----------------------------------------------------------------------------------------
  // Wiring

  // The skip link moves focus itself (a #token fragment in the address would mean nothing).
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    els.token.focus();
  });

  for (const ex of EXAMPLES) els.examples.append(h('option', { value: ex.id }, ex.label));
  els.examples.addEventListener('change', () => {
    const ex = EXAMPLES.find((e) => e.id === els.examples.value);
    if (!ex) return;
    const built = ex.build(signer, Math.floor(Date.now() / 1000));
    els.token.value = built.token;
    els.key.value = built.key;
    els.encoding.value = built.encoding;
    els.issuer.value = '';
    els.audience.value = '';
    els.tolerance.value = '';
    editor.dirty = false;
    update();
    autoGrow(els.key);
  });

  els.token.addEventListener('input', () => {
    els.examples.value = '';
    update();
  });
  els.key.addEventListener('input', () => {
    autoGrow(els.key);
    update();
  });
  for (const input of [els.issuer, els.audience, els.tolerance]) input.addEventListener('input', update);
  els.encoding.addEventListener('change', update);

  for (const box of [els.editHeader, els.editPayload]) {
    box.addEventListener('input', () => {
      editor.dirty = true;
      signNow();
    });
  }
  els.signKey.addEventListener('input', () => {
    if (editor.generated && editor.generated.keyText !== els.signKey.value) {
      editor.generated = null;
      els.publicKey.hidden = true;
      setText(els.keygenText, '');
    }
    signNow();
  });
  els.signEncoding.addEventListener('change', signNow);
  els.signAlg.addEventListener('change', onAlgChange);
  els.generate.addEventListener('click', generate);
  els.setIat.addEventListener('click', () => editPayload((p, now) => { p.iat = now; }));
  els.setExp.addEventListener('click', () => editPayload((p, now) => { p.exp = now + 3600; }));
  els.resetEdit.addEventListener('click', () => {
    editor.dirty = false;
    syncEditorFromToken(true);
  });
  els.copySigned.addEventListener('click', () => copyText(editor.signed, els.signResult, 'Copied the new token.'));
  els.openSigned.addEventListener('click', openSigned);
  els.copyPublicJwk.addEventListener('click', () => copyText(els.publicJwk.value, els.keygenText, 'Copied the public JWK.'));
  els.copyPublicPem.addEventListener('click', () => copyText(els.publicPem.value, els.keygenText, 'Copied the public PEM.'));

  els.remember.addEventListener('change', () => {
    if (els.remember.checked) persist();
    else forget();
  });

  if (build === 'single') {
    setText(els.keygenMode, 'This is the single-file copy of the page, opened without a server: browsers do not start Web Workers there, so key generation runs on the page itself and RSA may pause it for a second.');
    setText(els.buildNote, 'This single-file copy has no server and no network at all: its policy is connect-src \'none\', and its one script and stylesheet are allowed by their hashes.');
  } else {
    setText(els.keygenMode, keygen.mode === 'worker' ? 'Keys are generated in a Web Worker, so the page stays responsive (RSA takes up to a second or two).' : 'Key generation runs on the page itself here (the Web Worker could not start).');
  }

  // Restore: a #token= link first, then what the person asked to be remembered. Either one, when
  // large, is offered rather than decoded (CONFIRM_TOKEN_BYTES); the box keeps the other meanwhile.
  let restored = false;
  let remembered = '';
  if (storage) {
    try {
      if (storage.getItem(STORE.flag) === '1') {
        els.remember.checked = true;
        const theme = storage.getItem(STORE.theme);
        if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
        remembered = storage.getItem(STORE.token) ?? '';
        els.key.value = storage.getItem(STORE.key) ?? '';
        els.encoding.value = storage.getItem(STORE.encoding) ?? 'utf8';
        restored = true;
      }
    } catch {
      /* storage unavailable */
    }
  }
  const fromLink = tokenFromFragment();
  const rememberedLarge = utf8Length(remembered) > CONFIRM_TOKEN_BYTES;
  if (fromLink !== null) {
    if (!restored) els.key.value = '';
    const placed = placeToken(fromLink, 'link', rememberedLarge ? remembered : null);
    if (!placed && restored && !rememberedLarge) els.token.value = remembered;
  } else if (restored) {
    if (remembered === '') els.token.value = '';
    else placeToken(remembered, 'remembered');
  }
  // A starting point for the editor until a token is decoded.
  els.editHeader.value = JSON.stringify({ alg: 'HS256', typ: 'JWT' }, null, 2);
  els.editPayload.value = JSON.stringify({ sub: '1234567890', name: 'Ada Lovelace', iat: Math.floor(Date.now() / 1000) }, null, 2);
  syncThemeButton();
  updateGenerateLabel();
  update();
  signNow();
  setInterval(tick, 1000);
  els.loadStatus.hidden = true;
  root.dataset.ready = 'true';
}

/** Show a failure to load the decoder (the package or the wasm). */
export function showLoadError(err) {
  const e = describeError(err);
  const status = $('load-status');
  const box = $('load-error');
  status.textContent = 'The decoder failed to load.';
  box.hidden = false;
  fill(box, h('strong', null, 'The decoder failed to load: '), h('code', null, e.code), ` ${e.message}`);
  document.documentElement.dataset.ready = 'error';
}
