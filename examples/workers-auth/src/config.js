// The Worker's configuration, read from its environment once per isolate (and again only when
// a value changes). Every mistake is a ConfigError: the Worker answers 500 and logs it, rather
// than issuing tokens nobody can verify.
import { importKey, verify } from 'jwtlens';
import { sign } from 'jwtlens/sign';
import { DUMMY_PASSWORD_HASH, USERS } from './users.js';
import { parseHash } from './password.js';

/**
 * The public key of the development-only key in .dev.vars.example. That key is public, so the
 * Worker refuses to use it for a request to any host but the local machine.
 *
 * It is recognised by its key material, never by the `kid` the JWK declares: a kid is only a
 * name, and the committed key with its kid renamed (or with members added or reordered) is still
 * the key anyone can sign with. Comparing the public key is enough: tokens verify only
 * under `x`, and signingKey() has already checked that the private half belongs to it.
 */
export const DEVELOPMENT_PUBLIC_KEY = Object.freeze({ kty: 'OKP', crv: 'Ed25519', x: 'BpbLopVTiLNGHjaw3FR5mQQ-qPDMi7Vj_NjJeb32i38' });
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The bytes of a base64url member (as a binary string), or null. Lenient on purpose (padding,
 * the base64 alphabet, unused trailing bits): two spellings of the same bytes are the same key.
 */
function memberBytes(text) {
  if (typeof text !== 'string') return null;
  try {
    return atob(text.replace(/-/g, '+').replace(/_/g, '/').replace(/=/g, ''));
  } catch {
    return null;
  }
}

/** Whether `publicJwk` is the development key's public key (kty, crv and the key bytes). */
export function isDevelopmentKey(publicJwk) {
  const dev = DEVELOPMENT_PUBLIC_KEY;
  if (publicJwk.kty !== dev.kty || publicJwk.crv !== dev.crv) return false;
  const x = memberBytes(publicJwk.x);
  return x !== null && x === memberBytes(dev.x);
}

// Signing algorithms this example accepts for SIGNING_JWK: asymmetric, so that other services
// verify with the public key alone.
const CURVES = { EdDSA: { kty: 'OKP', crv: 'Ed25519' }, ES256: { kty: 'EC', crv: 'P-256' } };

export class ConfigError extends Error {}

const NAMES = ['SIGNING_JWK', 'ISSUER', 'AUDIENCE', 'ACCESS_TTL', 'REFRESH_TTL', 'FAMILY_TTL', 'LOGIN_MAX_FAILURES_PER_USER', 'LOGIN_MAX_FAILURES_PER_IP', 'LOGIN_WINDOW'];

function integer(env, name, min, max) {
  const text = env[name];
  if (typeof text !== 'string' || !/^\d+$/.test(text.trim())) throw new ConfigError(`${name} must be a whole number (wrangler.toml [vars])`);
  const n = Number(text.trim());
  if (n < min || n > max) throw new ConfigError(`${name} must be from ${min} to ${max}`);
  return n;
}

function signingKey(env) {
  const text = env.SIGNING_JWK;
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ConfigError('SIGNING_JWK is not set: for wrangler dev copy .dev.vars.example to .dev.vars; to deploy, `wrangler secret put SIGNING_JWK` (README.md)');
  }
  let jwk;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new ConfigError('SIGNING_JWK is not JSON (a private JWK is expected)');
  }
  const alg = jwk?.alg;
  if (!Object.hasOwn(CURVES, alg ?? '')) throw new ConfigError('SIGNING_JWK must have "alg": "EdDSA" or "ES256"');
  const { kty, crv } = CURVES[alg];
  if (jwk.kty !== kty || jwk.crv !== crv) throw new ConfigError(`SIGNING_JWK: ${alg} needs kty ${kty}, crv ${crv}`);
  if (typeof jwk.d !== 'string') throw new ConfigError('SIGNING_JWK must be the private key (with "d")');
  if (typeof jwk.kid !== 'string' || jwk.kid === '') throw new ConfigError('SIGNING_JWK needs a "kid" (generateKeyPair of jwtlens/sign sets the RFC 7638 thumbprint)');
  const publicJwk = { kty, crv, x: jwk.x, ...(kty === 'EC' ? { y: jwk.y } : {}), alg, kid: jwk.kid, use: 'sig' };
  let verifyKey;
  try {
    verifyKey = importKey(publicJwk, alg);
    // The private and public halves must belong together: sign a probe, verify it.
    const probe = sign({ probe: true }, jwk, { alg, issuedAt: false });
    verify(probe, verifyKey, { algorithms: [alg], requiredClaims: [] });
  } catch (e) {
    throw new ConfigError(`SIGNING_JWK cannot be used: ${e.code ?? e.name}: ${e.message}`);
  }
  return { alg, privateJwk: jwk, publicJwk, verifyKey };
}

function configure(env) {
  const key = signingKey(env);
  let issuer;
  try {
    issuer = new URL(env.ISSUER);
  } catch {
    throw new ConfigError('ISSUER must be the URL of this Worker, e.g. https://auth.example.com');
  }
  if (!/^https?:$/.test(issuer.protocol) || issuer.search || issuer.hash || env.ISSUER.includes(',')) {
    throw new ConfigError('ISSUER must be an http(s) URL without query, fragment or comma');
  }
  const iss = env.ISSUER.replace(/\/+$/, '');
  const audience = typeof env.AUDIENCE === 'string' ? env.AUDIENCE.trim() : '';
  if (audience === '' || audience.includes(',')) throw new ConfigError('AUDIENCE must be one identifier of the API (no comma)');
  const refreshAudience = `${iss}/refresh`;
  if (audience === refreshAudience) throw new ConfigError('AUDIENCE must differ from the refresh tokens\' audience (ISSUER + "/refresh")');

  const refreshTtl = integer(env, 'REFRESH_TTL', 60, 366 * 86400);
  const config = {
    ...key,
    issuer: iss,
    audience,
    refreshAudience,
    accessTtl: integer(env, 'ACCESS_TTL', 1, 86400),
    refreshTtl,
    familyTtl: integer(env, 'FAMILY_TTL', refreshTtl, 366 * 86400),
    loginMaxPerUser: integer(env, 'LOGIN_MAX_FAILURES_PER_USER', 1, 1000),
    loginMaxPerIp: integer(env, 'LOGIN_MAX_FAILURES_PER_IP', 1, 100000),
    loginWindow: integer(env, 'LOGIN_WINDOW', 1, 86400),
    developmentKey: isDevelopmentKey(key.publicJwk),
    // The environment of the bearer guard (guard.js, the Workers example's, unchanged): it
    // verifies access tokens with our public key, our issuer and the API audience.
    guardEnv: {
      ALGORITHMS: key.alg,
      PUBLIC_KEY: JSON.stringify(key.publicJwk),
      ISSUER: iss,
      AUDIENCE: audience,
      REALM: 'workers-auth',
    },
  };
  for (const [name, user] of Object.entries({ ...USERS, '(dummy)': { password: DUMMY_PASSWORD_HASH } })) {
    try {
      parseHash(user.password);
    } catch (e) {
      throw new ConfigError(`users.js: ${name}: ${e.message}`);
    }
  }
  return config;
}

let configured = null;

/** The configuration for `env`, parsed once per isolate. Throws ConfigError. */
export function configFor(env) {
  const fingerprint = JSON.stringify(NAMES.map((n) => env[n] ?? null));
  if (configured === null || configured.fingerprint !== fingerprint) {
    configured = { fingerprint, config: configure(env) };
  }
  return configured.config;
}

/** The development key must never sign or verify for a deployed Worker. */
export function checkHost(config, url) {
  if (config.developmentKey && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new ConfigError(`SIGNING_JWK is the development-only key of .dev.vars.example (recognised by its public key x, whatever its kid), refused for host ${url.hostname}: set your own key with \`wrangler secret put SIGNING_JWK\``);
  }
}
