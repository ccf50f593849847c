// Entry of the served page (make serve). The package is reached by relative path: make serve
// copies the built pkg/ to www/jwtlens/; no import map, since the CSP allows no inline script.
// Two entries, two wasm: jwtlens (decode, inspect, verify) and jwtlens/sign (the editor's
// signing, key generation, the examples, and the public key of a pasted private key). Both are
// fetched and compiled here, in parallel, and the signing one is handed to the key generation
// worker, so every file the page needs is loaded before it says it is ready, and nothing is
// fetched afterwards.
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

/** Imports an entry and initialises it with its wasm, compiled here (the module is returned too). */
async function load(entry, wasm) {
  const [lib, module] = await Promise.all([import(entry), compileWasm(new URL(wasm, import.meta.url))]);
  await lib.default({ module_or_path: module });
  return { lib, module };
}

async function main() {
  let lib;
  let signer;
  let signModule;
  try {
    [{ lib }, { lib: signer, module: signModule }] = await Promise.all([
      load('./jwtlens/web-entry.js', './jwtlens/jwtlens_bg.wasm'),
      load('./jwtlens/sign/web-entry.js', './jwtlens/sign/jwtlens_bg.wasm'),
    ]);
  } catch (err) {
    showLoadError(err);
    return;
  }
  let keygen;
  try {
    keygen = workerKeygen(new URL('./keygen-worker.js', import.meta.url), signModule);
    await keygen.ready;
  } catch {
    keygen?.terminate?.();
    keygen = inlineKeygen(signer);
  }
  start({ lib, signer, keygen, build: 'served' });
}

main();
