// The token in a link, both ways: the Share dialog writes the decoded token into a #token= link
// (a fragment, never sent to a server), and a #token= link opened (or arriving by hashchange) puts
// its token in the box. A large one, from a link or from storage, is offered rather than decoded
// at once (CONFIRM_TOKEN_BYTES). Copying to the clipboard lives here too.
import { byteSize, setText, utf8Length } from './render.js';

/**
 * A token the person did not paste themselves (a #token= link, or one remembered in this browser)
 * is inspected at once only up to this many bytes; a larger one waits until the person asks. It
 * is inspect()'s own line: the large-token finding starts above it, and its weak-secret scan
 * (the costliest part, 25-45 ms at this size) stops there. Ordinary tokens are far smaller.
 */
export const CONFIRM_TOKEN_BYTES = 4096;

/** Copies `text`; says so (or how to copy by hand) in `statusNode`. True when copied. */
export async function copyText(text, statusNode, done) {
  try {
    await navigator.clipboard.writeText(text);
    if (statusNode) setText(statusNode, done);
    return true;
  } catch {
    if (statusNode) setText(statusNode, 'The browser did not allow copying: select the text and press Ctrl+C (⌘C on a Mac).');
    return false;
  }
}

/**
 * The links of `page` (see app.js): it sets `page.offered` (a large token waiting for the person's
 * go-ahead: { token, source: 'link' | 'remembered', next }, `next` being a large remembered token
 * to offer if this link's token is discarded).
 */
export function createShare(page) {
  const { els, view, editor } = page;

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
    page.offered = { token, source, next };
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
    const had = page.offered;
    page.offered = null;
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
    page.update();
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
    page.update();
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
    if (t === null || t === els.token.value || t === page.offered?.token) return;
    // A link replaces what was waiting, but a remembered token it displaces stays on offer.
    const held = page.offered ? (page.offered.source === 'remembered' ? page.offered.token : page.offered.next) : null;
    if (utf8Length(t) > CONFIRM_TOKEN_BYTES) {
      offerToken(t, 'link', held);
      if (!view.report) page.update(); // the empty banner points at the offer
      return;
    }
    closeOffer();
    els.token.value = t;
    els.examples.value = '';
    editor.dirty = false;
    page.update();
  });


  return { placeToken, tokenFromFragment };
}
