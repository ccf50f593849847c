// Key generation off the page's thread (see keygen.js). The page sends its compiled wasm module
// first, so nothing is downloaded twice.
import { initSync } from './jwtlens/web-entry.js';
import * as lib from './jwtlens/web-entry.js';
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
      self.postMessage({ type: 'result', id: m.id, result: generateWith(lib, m.alg) });
    } catch (err) {
      self.postMessage({ type: 'error', id: m.id, error: plainError(err) });
    }
  }
});
