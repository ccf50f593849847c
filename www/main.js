// Entry of the served page (make serve). The package is reached by relative path: make serve
// copies the built pkg/ to www/jwtlens/; no import map, since the CSP allows no inline script.
// The wasm is compiled once here and handed to the key generation worker, so every file the
// page needs is loaded before it says it is ready, and nothing is fetched afterwards.
import { showLoadError, start } from './app.js';
import { inlineKeygen, workerKeygen } from './keygen.js';

async function compileWasm(url) {
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch {
      /* a server without application/wasm: compile the bytes instead */
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

async function main() {
  let lib;
  let module;
  try {
    lib = await import('./jwtlens/web-entry.js');
    module = await compileWasm(new URL('./jwtlens/jwtlens_bg.wasm', import.meta.url));
    await lib.default({ module_or_path: module });
  } catch (err) {
    showLoadError(err);
    return;
  }
  let keygen;
  try {
    keygen = workerKeygen(new URL('./keygen-worker.js', import.meta.url), module);
    await keygen.ready;
  } catch {
    keygen?.terminate?.();
    keygen = inlineKeygen(lib);
  }
  start({ lib, keygen, build: 'served' });
}

main();
