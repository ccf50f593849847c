// Edit and re-sign: the header and payload as JSON (with the error located, json.js), the
// Algorithm menu, the signing key (pasted or generated, in a Web Worker when the page has one),
// the new token signed with jwtlens/sign on every change, and "Open it above" to decode and verify
// it with the matching public key.
import { parseJsonObject } from './json.js';
import { HMAC_MIN_BYTES, hmacKeyBytes, publicPart, readKey } from './keys.js';
import { describeError, fill, h, setText, tokenSegments } from './render.js';
import { copyText } from './share.js';
import { SIGNING_ALGS, showKeyKind } from './verify.js';

/**
 * The editor of `page` (see app.js): `page.editor` holds its state (`dirty` once the person has
 * changed it, then a new token no longer overwrites it; the signed token; the generated key).
 * `painter` (view.js) gives autoGrow() for the key box.
 */
export function createEditor(page, painter) {
  const { els, view, editor, signer, keygen } = page;

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
    page.update();
    painter.autoGrow(els.key);
    els.token.focus({ preventScroll: true });
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    els.token.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  }

  // ----------------------------------------------------------------------------------------
  // Wiring

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

  return { signNow, syncEditorFromToken, updateGenerateLabel };
}
