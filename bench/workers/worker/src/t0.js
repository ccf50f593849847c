// Imported first by index.js: the time before jwtlens (and its wasm instance) and jose are evaluated.
globalThis.__jwtlensBenchT0 = performance.now();
