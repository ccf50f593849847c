// inspect() timing in Node: a typical HS256 token signed with a strong secret, so the whole
// weak-secret scan runs. Median of 11 rounds of 50 calls after a warm-up. Run after `make pkg`:
//   node bench/inspect.mjs
import { inspect } from '../pkg/node-entry.js';
import { sign, generateSecret } from '../pkg/sign/node-entry.js';

const token = sign(
  { sub: 'user-42', name: 'Jane Doe', scope: 'read write', iss: 'https://issuer.example', aud: 'api', exp: Math.floor(Date.now() / 1000) + 900 },
  generateSecret('HS256'),
  { alg: 'HS256' },
);
const demo = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

function median(fn, rounds = 11, calls = 50) {
  for (let i = 0; i < calls; i++) fn();
  const t = [];
  for (let r = 0; r < rounds; r++) {
    const s = performance.now();
    for (let i = 0; i < calls; i++) fn();
    t.push((performance.now() - s) / calls);
  }
  return t.sort((a, b) => a - b)[rounds >> 1];
}

console.log(`inspect, strong HS256 secret (full weak-secret scan): ${median(() => inspect(token)).toFixed(3)} ms`);
console.log(`inspect, jwt.io demo token (matches early):            ${median(() => inspect(demo)).toFixed(3)} ms`);
