// The declarations in a browser project: lib ES2022 + DOM, no @types/node and no
// ESNext.Disposable lib; `Symbol.dispose` is then declared by jwtlens.d.ts itself.
import init, { importKey, verify, type InitInput } from 'jwtlens';

await init();
await init(new URL('./jwtlens_bg.wasm', import.meta.url));
await init(fetch('./jwtlens_bg.wasm'));
const input: InitInput = WebAssembly.compile(new Uint8Array(8));
const key = importKey({ kty: 'oct', k: 'c2VjcmV0' }, 'HS256');
verify('a.b.c', key, { algorithms: ['HS256'] });
key[Symbol.dispose]();
export { input };
