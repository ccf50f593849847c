#!/usr/bin/env node
// Prints the stored form of a password for src/users.js:
//   pbkdf2-sha256$<iterations>$<salt, base64url>$<derived key, base64url>
// with a fresh 16-byte random salt, PBKDF2-HMAC-SHA-256 through WebCrypto (the same call the
// Worker makes to check it), 32 bytes of output.
//
//   node scripts/hash-password.mjs 'correct horse battery staple' [iterations]
//
// Deployed Workers refuse PBKDF2 with more than 100,000 iterations (local workerd does not), so
// that is both the default and the maximum here.
const MAX_ITERATIONS = 100_000;

const [password, iterationsArg] = process.argv.slice(2);
if (typeof password !== 'string' || password === '') {
  console.error("usage: node scripts/hash-password.mjs '<password>' [iterations <= 100000]");
  process.exit(2);
}
const iterations = iterationsArg === undefined ? MAX_ITERATIONS : Number(iterationsArg);
if (!Number.isSafeInteger(iterations) || iterations < 10_000 || iterations > MAX_ITERATIONS) {
  console.error('iterations must be an integer from 10000 to 100000 (the Workers limit)');
  process.exit(2);
}

const salt = crypto.getRandomValues(new Uint8Array(16));
const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
const b64u = (bytes) => Buffer.from(bytes).toString('base64url');
console.log(`pbkdf2-sha256$${iterations}$${b64u(salt)}$${b64u(new Uint8Array(bits))}`);
