// The declarations in a Node-only project: lib ES2022 + @types/node, no DOM lib (so no
// WebAssembly types). Buffer is a Uint8Array key; Symbol.dispose comes from @types/node.
import init, { decode, importKey, initSync, JwtError, verify, verifyJws, type KeyInput } from 'jwtlens';
import initSign, { importSigningKey, publicJwk, sign, signJws, initSync as initSignSync, type PrivateKeyInput } from 'jwtlens/sign';
import { readFileSync } from 'node:fs';

await init();
initSync();
await initSign();
initSignSync();
const secret: KeyInput = Buffer.from('0123456789abcdef0123456789abcdef');
const token = decode('a.b.c').segments.header;
const { payload } = verify(token, secret, { algorithms: ['HS256'], clockTolerance: '1 min', currentDate: new Date() });
const bytes: Uint8Array = verifyJws(token, readFileSync('/dev/null'), { algorithms: ['HS256'] }).payload;
{
  using key = importKey(secret, 'HS256');
  verify(token, key, { algorithms: ['HS256'] });
}
try {
  verify(token, secret, { algorithms: ['HS256'] });
} catch (e) {
  if (e instanceof JwtError && e.reason === 'missing') console.log(e.claim);
}
// jwtlens/sign: a PEM read from disk, a Buffer secret, a SigningKey in a `using` declaration
const privatePem: PrivateKeyInput = readFileSync('/dev/null');
const signed: string = sign({ sub: 'x' }, Buffer.from('0123456789abcdef0123456789abcdef'), { alg: 'HS256', expiresIn: '5m' });
{
  using signingKey = importSigningKey(privatePem, 'Ed25519');
  signJws(readFileSync('/dev/null'), signingKey, { alg: 'Ed25519' });
  verify(signed, publicJwk(signingKey), { algorithms: ['Ed25519'] });
}
export { payload, bytes, signed };
