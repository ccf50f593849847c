// Pure rendering helpers. Token contents are attacker-controlled: everything is written with
// textContent, never innerHTML.

/** Pretty JSON for display. */
export function formatJson(value) {
  return JSON.stringify(value, null, 2);
}

/** { code, message } for any thrown value (JwtError has a code; a TypeError does not). */
export function describeError(err) {
  if (err !== null && typeof err === 'object') {
    const code = typeof err.code === 'string' ? err.code : (err.name ?? 'Error');
    return { code: String(code), message: String(err.message ?? '') };
  }
  return { code: 'Error', message: String(err) };
}

/**
 * Write one view state into the page elements.
 * state: { kind: 'empty' } | { kind: 'decoded', decoded } | { kind: 'error', error }
 */
export function render(els, state) {
  const decoded = state.kind === 'decoded' ? state.decoded : null;
  els.header.textContent = decoded ? formatJson(decoded.header) : '';
  els.payload.textContent = decoded ? formatJson(decoded.payload) : '';
  els.signature.textContent = decoded ? decoded.signature : '';
  if (state.kind === 'error') {
    const { code, message } = describeError(state.error);
    els.errorCode.textContent = code;
    els.errorMessage.textContent = message;
    els.error.hidden = false;
    els.status.textContent = 'The token could not be decoded.';
  } else {
    els.errorCode.textContent = '';
    els.errorMessage.textContent = '';
    els.error.hidden = true;
    els.status.textContent =
      state.kind === 'decoded' ? 'Decoded (signature not verified).' : 'Ready: paste a token.';
  }
}
