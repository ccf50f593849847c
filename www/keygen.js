// Key generation for the editor, with jwtlens/sign. RSA-2048 takes up to a second or two in wasm,
// so on the served page it runs in a module Web Worker (keygen-worker.js) and the page stays
// responsive. The single-file build, opened from disk, cannot start workers: there it runs on the
// page itself.

/**
 * What generate() resolves to: { privateJwk, publicJwk, publicPem } or { secret: base64url }.
 * `signer` is the jwtlens/sign module.
 */
export function generateWith(signer, alg) {
  if (/^HS(256|384|512)$/.test(alg)) {
    const bytes = signer.generateSecret(alg);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return { secret: btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') };
  }
  const { privateJwk, publicJwk } = signer.generateKeyPair(alg);
  return { privateJwk, publicJwk, publicPem: signer.toPem(publicJwk) };
}

const plainError = (err) => ({
  name: String(err?.name ?? 'Error'),
  code: typeof err?.code === 'string' ? err.code : undefined,
  message: String(err?.message ?? err),
});

/** Runs on the page's own thread (the single-file build), with the jwtlens/sign module. */
export function inlineKeygen(signer) {
  return {
    mode: 'inline',
    ready: Promise.resolve(),
    async generate(alg) {
      // Let the browser paint the progress indicator before the page is busy.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      try {
        return generateWith(signer, alg);
      } catch (err) {
        throw Object.assign(new Error(), plainError(err));
      }
    },
  };
}

/**
 * A module worker given the page's compiled jwtlens/sign wasm module (no second download). `ready` resolves
 * once the worker has instantiated it, and rejects if the worker cannot start (the caller then
 * falls back to inlineKeygen).
 */
export function workerKeygen(workerUrl, wasmModule, { timeoutMs = 10_000 } = {}) {
  const worker = new Worker(workerUrl, { type: 'module', name: 'jwtlens key generation' });
  const pending = new Map();
  let nextId = 1;
  let failed = null;
  const failAll = (err) => {
    failed = err;
    for (const { reject } of pending.values()) reject(err);
    pending.clear();
  };
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the key generation worker did not start')), timeoutMs);
    worker.addEventListener('message', (event) => {
      const m = event.data;
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (m.type === 'init-failed') {
        clearTimeout(timer);
        reject(Object.assign(new Error(), m.error));
      } else if (m.type === 'result' || m.type === 'error') {
        const job = pending.get(m.id);
        if (!job) return;
        pending.delete(m.id);
        if (m.type === 'result') job.resolve(m.result);
        else job.reject(Object.assign(new Error(), m.error));
      }
    });
    worker.addEventListener('error', (event) => {
      clearTimeout(timer);
      event.preventDefault();
      const err = new Error(event.message || 'the key generation worker failed');
      failAll(err);
      reject(err);
    });
  });
  worker.postMessage({ type: 'init', module: wasmModule });
  return {
    mode: 'worker',
    ready,
    generate(alg) {
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'generate', id, alg });
      });
    },
    terminate() {
      worker.terminate();
    },
  };
}
