// guard(request, env): bearer-token authentication for a Worker, answering as RFC 6750 §3 says.
//
//   const verified = await guard(request, env);
//   if (verified instanceof Response) return verified;   // 401 / 400 / 503 / 500, ready to send
//   verified.payload                                     // the verified claims
//
// Configuration, from the Worker's environment (vars and secrets):
//   JWKS_URL        the issuer's JWK Set (https; http only for localhost)   } exactly one
//   PUBLIC_KEY      a public key: PEM, or JWK / JWKS JSON (a secret)        } of the two
//   ALGORITHMS      required, comma-separated: "RS256,ES256"
//   ISSUER          optional, comma-separated accepted `iss` values
//   AUDIENCE        optional, comma-separated accepted `aud` values. Unset, a token issued for
//                   ANY audience is accepted (logged with console.warn once per isolate)
//   CLOCK_TOLERANCE optional, seconds or "30s"
//   REALM           optional, the realm of the challenge (default "api")
//   JWKS_CACHE_MAX_AGE_MS, JWKS_COOLDOWN_MS, JWKS_TIMEOUT_MS  optional createRemoteJWKSet tuning
import { createRemoteJWKSet, createVerifier, JwtError } from 'jwtlens';

const ALGORITHMS = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']);
// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

class ConfigError extends Error {}

const list = (value) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);

function milliseconds(env, name) {
  if (env[name] === undefined || env[name] === '') return undefined;
  const n = Number(env[name]);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError(`${name} must be a number of milliseconds`);
  return n;
}

/** Reads the configuration once per isolate: the JWKS cache lives in what this returns. */
function configure(env) {
  const algorithms = list(env.ALGORITHMS);
  if (algorithms.length === 0) throw new ConfigError('ALGORITHMS is required, e.g. "RS256,ES256"');
  for (const alg of algorithms) if (!ALGORITHMS.has(alg)) throw new ConfigError(`ALGORITHMS: "${alg}" is not a JWS algorithm jwtlens verifies`);
  const options = { algorithms };
  if (list(env.ISSUER).length) options.issuer = list(env.ISSUER);
  if (list(env.AUDIENCE).length) options.audience = list(env.AUDIENCE);
  const anyAudience = options.audience === undefined;
  if (env.CLOCK_TOLERANCE) options.clockTolerance = /^\d+$/.test(env.CLOCK_TOLERANCE) ? Number(env.CLOCK_TOLERANCE) : env.CLOCK_TOLERANCE;
  const realm = env.REALM || 'api';

  if (Boolean(env.JWKS_URL) === Boolean(env.PUBLIC_KEY)) throw new ConfigError('set exactly one of JWKS_URL and PUBLIC_KEY');
  if (env.JWKS_URL) {
    let url;
    try {
      url = new URL(env.JWKS_URL);
    } catch {
      throw new ConfigError('JWKS_URL is not a URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
      throw new ConfigError('JWKS_URL must be https (plain http only for localhost)');
    }
    const jwks = createRemoteJWKSet(url, {
      cacheMaxAge: milliseconds(env, 'JWKS_CACHE_MAX_AGE_MS'),
      cooldownDuration: milliseconds(env, 'JWKS_COOLDOWN_MS'),
      timeoutDuration: milliseconds(env, 'JWKS_TIMEOUT_MS'),
    });
    return { realm, anyAudience, check: (token) => jwks.verify(token, options) };
  }
  // A secret pasted with literal "\n" sequences is a common accident: accept it.
  let text = env.PUBLIC_KEY.trim();
  if (!text.includes('\n') && text.includes('\\n')) text = text.replaceAll('\\n', '\n');
  let input;
  if (text.startsWith('{')) {
    try {
      input = JSON.parse(text);
    } catch {
      throw new ConfigError('PUBLIC_KEY looks like JSON but does not parse');
    }
  } else if (text.startsWith('-----BEGIN')) input = text;
  else throw new ConfigError('PUBLIC_KEY must be a PEM or a JWK / JWKS in JSON');
  // A static key: key and options prepared once per isolate (createVerifier), so each request
  // passes only its token. A remote JWKS above keeps jwks.verify (its keys change).
  let verifier;
  try {
    verifier = createVerifier(input, options);
  } catch (e) {
    throw new ConfigError(e instanceof JwtError ? `PUBLIC_KEY cannot be used: ${e.message}` : `the configuration cannot be used: ${e.message}`);
  }
  return { realm, anyAudience, check: async (token) => verifier(token) };
}

let configured = null; // { fingerprint, realm, anyAudience, check }
let warnedAnyAudience = false;

function configFor(env) {
  const fingerprint = JSON.stringify(
    ['JWKS_URL', 'PUBLIC_KEY', 'ALGORITHMS', 'ISSUER', 'AUDIENCE', 'CLOCK_TOLERANCE', 'REALM', 'JWKS_CACHE_MAX_AGE_MS', 'JWKS_COOLDOWN_MS', 'JWKS_TIMEOUT_MS'].map((n) => env[n] ?? null),
  );
  if (configured === null || configured.fingerprint !== fingerprint) {
    configured = { fingerprint, ...configure(env) };
    // Workers have no start-up hook: the warning comes with the first configuration built
    // without AUDIENCE, once per isolate (module state lives as long as the isolate).
    if (configured.anyAudience && !warnedAnyAudience) {
      warnedAnyAudience = true;
      console.warn('jwtlens guard: AUDIENCE is not set, so tokens issued for any audience are accepted (a token the issuer made for another API works here too): set AUDIENCE to the aud value of this API');
    }
  }
  return configured;
}

// ---- answers ----------------------------------------------------------------------------------

const quoted = (s) => `"${String(s).replace(/["\\]/g, '\\$&')}"`;

function challenge(realm, status, error, description) {
  let value = `Bearer realm=${quoted(realm)}`;
  if (error) value += `, error=${quoted(error)}, error_description=${quoted(description)}`;
  const body = error ? { error, error_description: description } : { message: 'A bearer token is required' };
  return Response.json(body, { status, headers: { 'www-authenticate': value, 'cache-control': 'no-store' } });
}

/** A short error_description for each jwtlens error code (never the token's own content). */
function describe(e) {
  switch (e.code) {
    case 'ERR_JWT_EXPIRED':
      return e.claim === 'iat' ? 'The token is too old' : 'The token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (e.claim === 'nbf') return 'The token is not valid yet';
      return `The ${e.claim} claim is ${e.reason === 'missing' ? 'missing' : 'not accepted'}`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'The signature is invalid';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'The token algorithm is not accepted';
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'The token algorithm is not supported';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
    case 'ERR_JWK_INVALID':
      return 'No usable key for the token';
    case 'ERR_JWS_INVALID':
      return 'The token header is invalid';
    default:
      return 'The token is malformed';
  }
}

// ---- the guard ---------------------------------------------------------------------------------

/**
 * Authenticates `request` by its `Authorization: Bearer` token. Resolves to the verified
 * `{ payload, protectedHeader }`, or to the Response to send instead:
 *   401 + `WWW-Authenticate: Bearer realm="…"`                        no credentials (or another scheme)
 *   400 + `…, error="invalid_request", error_description="…"`        a malformed Authorization header
 *   401 + `…, error="invalid_token", error_description="…"`          expired, malformed, badly signed…
 *   503 + `Retry-After`                                                the JWKS could not be fetched
 *   500                                                                the Worker is misconfigured
 */
export async function guard(request, env) {
  let config;
  try {
    config = configFor(env);
  } catch (e) {
    console.error(`jwtlens guard: ${e.message}`);
    return Response.json({ error: 'server_misconfigured' }, { status: 500 });
  }
  const { realm } = config;

  const authorization = request.headers.get('authorization');
  if (authorization === null || authorization === '') return challenge(realm, 401);
  const space = authorization.indexOf(' ');
  const scheme = space < 0 ? authorization : authorization.slice(0, space);
  // Another scheme is no credentials for us: 401 without an error code (RFC 6750 §3.1).
  if (scheme.toLowerCase() !== 'bearer') return challenge(realm, 401);
  const token = space < 0 ? '' : authorization.slice(space + 1).replace(/^ +/, '');
  if (!B64TOKEN.test(token)) {
    return challenge(realm, 400, 'invalid_request', 'The Authorization header must be Bearer and one token');
  }

  try {
    return await config.check(token);
  } catch (e) {
    if (e instanceof JwtError) {
      if (e.code === 'ERR_JWKS_TIMEOUT' || e.code === 'ERR_JWKS_INVALID') {
        console.error(`jwtlens guard: ${e.code}: ${e.message}`);
        return Response.json(
          { error: 'temporarily_unavailable', error_description: 'The signing keys cannot be fetched' },
          { status: 503, headers: { 'retry-after': '10', 'cache-control': 'no-store' } },
        );
      }
      return challenge(realm, 401, 'invalid_token', describe(e));
    }
    console.error(`jwtlens guard: ${e && e.name}: ${e && e.message}`);
    return Response.json({ error: 'internal_error' }, { status: 500 });
  }
}
