// The declarations in a browser project: lib ES2022 + DOM, no @types/node and no
// ESNext.Disposable lib; `Symbol.dispose` is then declared by jwtlens.d.ts itself, for Key and
// for jwtlens/sign's SigningKey.
import init, { importKey, verify, type InitInput } from 'jwtlens';
import initSign, { importSigningKey, signJws, publicJwk } from 'jwtlens/sign';

await init();
await init(new URL('./jwtlens_bg.wasm', import.meta.url));
await init(fetch('./jwtlens_bg.wasm'));
await initSign(new URL('./sign/jwtlens_bg.wasm', import.meta.url));
const input: InitInput = WebAssembly.compile(new Uint8Array(8));
const key = importKey({ kty: 'oct', k: 'c2VjcmV0' }, 'HS256');
verify('a.b.c', key, { algorithms: ['HS256'] });
key[Symbol.dispose]();
const signingKey = importSigningKey({ kty: 'OKP', crv: 'Ed25519', x: 'x', d: 'd' });
const jws: string = signJws(new TextEncoder().encode('page'), signingKey, { alg: 'EdDSA' });
verify(jws, publicJwk(signingKey), { algorithms: ['EdDSA'] });
signingKey[Symbol.dispose]();
export { input };
