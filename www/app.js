// The decoder page: wiring between the form controls and jwtlens. `start()` is given the two
// entries of the package, already initialised: `lib` (jwtlens: decode, inspect, verify) and
// `signer` (jwtlens/sign: the editor's signing, the examples, the public key of a pasted private
// key), a key generator (Web Worker or inline) and the kind of build, so that the served page
// (main.js) and the single-file build (scripts/dist.mjs) share all of this.
//
// The parts, each a plain module given the shared `page` object (the elements, the two entries,
// the state below and update()): view.js (the token box and what was decoded), verify.js (the key
// box, the verdicts and their notes), editor.js (edit, generate a key, re-sign), share.js (the
// #token= link both ways, the large-token offer, copying), storage.js ("Remember") and theme.js.
// update() below is the one decode → render pass that ties them together.
import { EXAMPLES } from './examples.js';
import { createEditor } from './editor.js';
import { extractToken, readKey } from './keys.js';
import { describeError, fill, h, setText, utf8Length } from './render.js';
import { CONFIRM_TOKEN_BYTES, createShare } from './share.js';
import { createStorage } from './storage.js';
import { createTheme } from './theme.js';
import { createVerify, showKeyKind } from './verify.js';
import { createView } from './view.js';

export { CONFIRM_TOKEN_BYTES };

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

  const page = {
    root, els, lib, signer, keygen,
    // The current decode, for the clock tick.
    view: { token: '', report: null, timeCells: [], timeState: null, exp: null, nbf: null },
    // The editor: `dirty` once the person has changed it (then a new token no longer overwrites it).
    editor: { dirty: false, signed: '', generated: null },
    // A large token waiting for the person's go-ahead (share.js).
    offered: null,
    update,
  };
  const { view, editor } = page;

  const storage = createStorage(page);
  const { persist } = storage;
  const theme = createTheme(page, persist);
  const painter = createView(page);
  const verifier = createVerify(page);
  const editing = createEditor(page, painter);
  const links = createShare(page);

  // ----------------------------------------------------------------------------------------
  // The whole decode → render pass, on every input. Timed: data-render-ms on <html>.

  function update() {
    const t0 = performance.now();
    const raw = els.token.value;
    const extracted = extractToken(raw);
    painter.paintToken(raw, extracted.start);
    const read = readKey(els.key.value, els.encoding.value);
    showKeyKind(els.keyKind, read);
    const keyInfo = verifier.verificationKey(read);
    verifier.showDerivedNote(keyInfo);
    const now = Date.now() / 1000;
    view.token = extracted.token;
    if (extracted.token === '') {
      painter.renderEmpty();
      verifier.renderVerify(null, '', keyInfo);
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
      painter.renderDecoded(report, extracted, now);
      verifier.renderVerify(report, extracted.token, keyInfo);
    }
    els.share.disabled = extracted.token === '';
    editing.syncEditorFromToken();
    persist();
    root.dataset.renderMs = (performance.now() - t0).toFixed(3);
  }

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
    painter.autoGrow(els.key);
  });

  els.token.addEventListener('input', () => {
    els.examples.value = '';
    update();
  });
  els.key.addEventListener('input', () => {
    painter.autoGrow(els.key);
    update();
  });
  for (const input of [els.issuer, els.audience, els.tolerance]) input.addEventListener('input', update);
  els.encoding.addEventListener('change', update);

  els.remember.addEventListener('change', () => {
    if (els.remember.checked) persist();
    else storage.forget();
  });

  if (build === 'single') {
    setText(els.keygenMode, 'This is the single-file copy of the page, opened without a server: browsers do not start Web Workers there, so key generation runs on the page itself and RSA may pause it for a second.');
    setText(els.buildNote, 'This single-file copy has no server and no network at all: its policy is connect-src \'none\', and its one script and stylesheet are allowed by their hashes.');
  } else {
    setText(els.keygenMode, keygen.mode === 'worker' ? 'Keys are generated in a Web Worker, so the page stays responsive (RSA takes up to a second or two).' : 'Key generation runs on the page itself here (the Web Worker could not start).');
  }

  // Restore: a #token= link first, then what the person asked to be remembered. Either one, when
  // large, is offered rather than decoded (CONFIRM_TOKEN_BYTES); the box keeps the other meanwhile.
  const { restored, remembered } = storage.recall();
  const fromLink = links.tokenFromFragment();
  const rememberedLarge = utf8Length(remembered) > CONFIRM_TOKEN_BYTES;
  if (fromLink !== null) {
    if (!restored) els.key.value = '';
    const placed = links.placeToken(fromLink, 'link', rememberedLarge ? remembered : null);
    if (!placed && restored && !rememberedLarge) els.token.value = remembered;
  } else if (restored) {
    if (remembered === '') els.token.value = '';
    else links.placeToken(remembered, 'remembered');
  }
  // A starting point for the editor until a token is decoded.
  els.editHeader.value = JSON.stringify({ alg: 'HS256', typ: 'JWT' }, null, 2);
  els.editPayload.value = JSON.stringify({ sub: '1234567890', name: 'Ada Lovelace', iat: Math.floor(Date.now() / 1000) }, null, 2);
  theme.syncThemeButton();
  editing.updateGenerateLabel();
  update();
  editing.signNow();
  setInterval(painter.tick, 1000);
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
