// Wiring for the decoder page. The package is reached by relative path (make serve puts the built
// package in www/jwtlens/); no import map, since the CSP allows no inline script.
import { render } from './render.js';

const $ = (id) => document.getElementById(id);
const els = {
  token: $('token'),
  status: $('status'),
  error: $('error'),
  errorCode: $('error-code'),
  errorMessage: $('error-message'),
  header: $('header'),
  payload: $('payload'),
  signature: $('signature'),
};

async function main() {
  let jwtlens;
  try {
    // browser.js loads the wasm with top-level await: ready once the import resolves.
    jwtlens = await import('./jwtlens/browser.js');
  } catch (err) {
    render(els, { kind: 'error', error: err });
    els.status.textContent = 'The decoder failed to load.';
    return;
  }
  const update = () => {
    const token = els.token.value;
    if (token.trim() === '') {
      render(els, { kind: 'empty' });
      return;
    }
    try {
      render(els, { kind: 'decoded', decoded: jwtlens.decode(token) });
    } catch (err) {
      render(els, { kind: 'error', error: err });
    }
  };
  els.token.addEventListener('input', update);
  $('form').addEventListener('submit', (event) => event.preventDefault());
  update();
  document.documentElement.dataset.ready = 'true';
}

main();
