// Key generation off the page's thread (see keygen.js), with jwtlens/sign. The page sends the
// signing wasm it has compiled first, so nothing is downloaded twice.
import { initSync } from './jwtlens/sign/web-entry.js';
import * as signer from './jwtlens/sign/web-entry.js';
import { generateWith } from './keygen.js';

const plainError = (err) => ({
  name: String(err?.name ?? 'Error'),
  code: typeof err?.code === 'string' ? err.code : undefined,
  message: String(err?.message ?? err),
});

self.addEventListener('message', (event) => {
  const m = event.data;
  if (m.type === 'init') {
    try {
      initSync({ module: m.module });
      self.postMessage({ type: 'ready' });
    } catch (err) {
      self.postMessage({ type: 'init-failed', error: plainError(err) });
    }
  } else if (m.type === 'generate') {
    try {
      self.postMessage({ type: 'result', id: m.id, result: generateWith(signer, m.alg) });
    } catch (err) {
      self.postMessage({ type: 'error', id: m.id, error: plainError(err) });
    }
  }
});
