// A complete token flow on Cloudflare Workers with jwtlens. The why of each choice, and the test
// that proves it: README.md here, "Each security choice, and the test that proves it". In short:
//
//   POST /login      {username, password} -> 200 {access_token, token_type, expires_in} + refresh cookie
//   POST /refresh    refresh cookie -> the same answer; the refresh token is rotated, and a spent
//                    one presented again revokes the whole family (session). Every refusal gets
//                    the same 401; the logs say which case it was. Two refresh cookies: 400.
//   POST /logout     bearer + refresh cookie -> 204; revokes the family and the access token
//   POST /revoke     bearer -> 204; revokes that access token (its jti) until it expires
//   GET  /api/me     bearer -> 200 {sub}: the Workers example's guard, then the jti denylist
//   GET  /.well-known/jwks.json   the public key, for other services (createRemoteJWKSet)
//
// Access tokens: header typ "at+jwt" (RFC 9068), aud = AUDIENCE, lifetime ACCESS_TTL (900 s).
// Refresh tokens: header typ "refresh+jwt", aud = ISSUER + "/refresh", lifetime REFRESH_TTL,
// within a family lifetime of FAMILY_TTL. Both carry `sid`, the family id.
import { JwtError, verify } from 'jwtlens';
import { sign } from 'jwtlens/sign';
import { checkHost, ConfigError, configFor } from './config.js';
import { guard } from './guard.js';
import { checkPassword } from './password.js';
import { DUMMY_PASSWORD_HASH, findUser, findUserBySub } from './users.js';

export { LoginLimiter, RevokedToken, TokenFamily } from './objects.js';

const ACCESS_TYP = 'at+jwt';
const REFRESH_TYP = 'refresh+jwt';
// The cookie is only ever sent to /refresh (Path), only over HTTPS (Secure; browsers also treat
// http://localhost and http://127.0.0.1 as secure), never to scripts (HttpOnly) and never with a
// request started by another site (SameSite=Strict).
//
// The __Secure- prefix makes browsers accept a cookie of this name only with Secure and from a
// secure origin, so nobody can plant one over plain http (a network attacker, or an http page of
// a sibling subdomain). An https sibling subdomain still can, with Domain=<parent domain>; the
// browser then sends both cookies, and refresh() refuses the request rather than pick one.
// (__Host- would stop siblings too, but it requires Path=/, which sends the refresh token with
// every request to this origin.)
const COOKIE = '__Secure-refresh';
const COOKIE_ATTRIBUTES = 'Path=/refresh; Secure; HttpOnly; SameSite=Strict';
const MAX_BODY_BYTES = 4096;

const nowSeconds = () => Math.floor(Date.now() / 1000);

// ---- answers ----------------------------------------------------------------------------------

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

function json(body, status = 200, headers = {}) {
  return Response.json(body, { status, headers: headerList(headers) });
}

/** NO_STORE and `headers`: name -> value, or name -> [values] for one sent several times (Set-Cookie). */
function headerList(headers) {
  const list = new Headers(NO_STORE);
  for (const [name, value] of Object.entries(headers)) {
    for (const v of Array.isArray(value) ? value : [value]) list.append(name, v);
  }
  return list;
}

const error = (status, code, description, headers = {}) => json({ error: code, error_description: description }, status, headers);

const refreshCookie = (token, maxAge) => `${COOKIE}=${token}; Max-Age=${maxAge}; ${COOKIE_ATTRIBUTES}`;
const clearedCookie = () => `${COOKIE}=; Max-Age=0; ${COOKIE_ATTRIBUTES}`;

/**
 * Set-Cookie values deleting every refresh cookie a browser may have sent to `url`: ours
 * (host-only, Path=/refresh) and any planted with Domain=<this host or a parent domain> and
 * Path=/refresh or /. A cookie is deleted only by one with the same name, domain and path, and
 * the Cookie header does not say which of those a cookie has.
 */
function clearedCookies(url) {
  const all = [clearedCookie()];
  const host = url.hostname;
  if (host.startsWith('[') || /^[\d.]+$/.test(host)) return all; // an IP address has no parent domains
  const labels = host.split('.').filter(Boolean);
  for (let i = 0; i < labels.length - 1; i++) {
    for (const path of ['/refresh', '/']) all.push(`${COOKIE}=; Max-Age=0; Domain=${labels.slice(i).join('.')}; Path=${path}; Secure; HttpOnly; SameSite=Strict`);
  }
  return all;
}

// Every refused refresh gets this one answer. Which case it was (no cookie, a bad or expired
// token, an unknown, expired or revoked session, a spent token presented again) goes to the logs
// only: telling the holder of a stolen token "already used" would tell the thief that the theft
// was noticed, and the other cases help nobody but someone probing tokens.
const REFRESH_REFUSED = 'The refresh token is not accepted: log in again';

/**
 * 401 for a refused refresh: RFC 6749 §5.2's invalid_grant, and the cookie is cleared. The
 * reason (a short code and a sentence) is logged, never sent: with console.warn when it may be
 * an attack (a forged or tampered token, a replayed one), console.log otherwise.
 */
function refusedGrant(reason, detail, { suspicious = false } = {}) {
  (suspicious ? console.warn : console.log)(`workers-auth: /refresh refused (${reason}): ${detail}`);
  return error(401, 'invalid_grant', REFRESH_REFUSED, { 'set-cookie': clearedCookie() });
}

/** 401 in the guard's RFC 6750 form, for what the guard cannot know (typ, denylist). */
function invalidToken(description) {
  const challenge = `Bearer realm="workers-auth", error="invalid_token", error_description="${description}"`;
  return error(401, 'invalid_token', description, { 'www-authenticate': challenge });
}

/** RFC 6749 §5.1: the token answer of /login and /refresh, with the refresh cookie. */
function tokenAnswer(config, access, refresh, now) {
  return json({ access_token: access.token, token_type: 'Bearer', expires_in: config.accessTtl }, 200, {
    'set-cookie': refreshCookie(refresh.token, Math.max(0, refresh.exp - now)),
  });
}

// ---- requests ---------------------------------------------------------------------------------

/** CSRF: the request was made by a page of this very origin (browsers always send Origin on POST). */
function sameOrigin(request) {
  const origin = request.headers.get('origin');
  return origin !== null && origin === new URL(request.url).origin;
}

/** The values of every cookie called `name` in the request, in the order sent. */
function readCookies(request, name) {
  const header = request.headers.get('cookie');
  if (header === null) return [];
  const values = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

async function readJson(request) {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return { answer: error(415, 'invalid_request', 'The body must be application/json') };
  const tooLarge = { answer: error(413, 'invalid_request', 'The body is too large') };
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return tooLarge;
  // Keep at most MAX_BODY_BYTES, whatever Content-Length said (or did not say). The rest is read
  // and dropped rather than cancelled: under wrangler dev, a request stream cancelled mid-body
  // makes the next request on that connection fail (503), and the platform caps body sizes anyway.
  const chunks = [];
  let size = 0;
  if (request.body !== null) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) continue;
      chunks.push(value);
    }
  }
  if (size > MAX_BODY_BYTES) return tooLarge;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { body: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { answer: error(400, 'invalid_request', 'The body is not JSON') };
  }
}

/**
 * The rate-limit key of a client address (CF-Connecting-IP): an IPv4 address as it is, an IPv6
 * address by its /64 prefix, since one IPv6 client usually holds a whole /64 and could otherwise
 * use a fresh address for every guess.
 */
function clientKey(address) {
  if (typeof address !== 'string' || address === '') return 'ip:unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return `ip:${mapped[1]}`;
  if (!address.includes(':')) return `ip:${address}`;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  const prefix = groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':');
  return `ip:${prefix}::/64`;
}

// ---- tokens -----------------------------------------------------------------------------------

function signAccess(config, { sub, scope, sid, jti, iat, exp }) {
  const payload = { iss: config.issuer, sub, aud: config.audience, jti, iat, exp, scope, sid };
  return { token: sign(payload, config.privateJwk, { alg: config.alg, header: { typ: ACCESS_TYP } }), jti, exp };
}

function signRefresh(config, { sub, sid, jti, iat, exp }) {
  const payload = { iss: config.issuer, sub, aud: config.refreshAudience, jti, sid, iat, exp };
  return { token: sign(payload, config.privateJwk, { alg: config.alg, header: { typ: REFRESH_TYP } }), jti, exp };
}

/** Verifies a refresh token: our key, issuer, the refresh audience and typ. Throws JwtError. */
function verifyRefresh(config, token) {
  const { payload } = verify(token, config.verifyKey, {
    algorithms: [config.alg],
    issuer: config.issuer,
    audience: config.refreshAudience,
    typ: REFRESH_TYP,
    requiredClaims: ['exp', 'iat', 'jti', 'sub', 'sid'],
  });
  for (const claim of ['jti', 'sub', 'sid']) {
    if (typeof payload[claim] !== 'string') throw new JwtError('ERR_JWT_CLAIM_VALIDATION_FAILED', `the ${claim} claim must be a string`, { claim, reason: 'invalid' });
  }
  return payload;
}

// ---- state (Durable Objects) ------------------------------------------------------------------

const family = (env, sid) => env.FAMILIES.get(env.FAMILIES.idFromName(sid));
const revokedEntry = (env, jti) => env.REVOKED.get(env.REVOKED.idFromName(jti));
const limiter = (env, key) => env.LIMITER.get(env.LIMITER.idFromName(key));

const denylist = (env, tokens) => Promise.all(tokens.map(({ jti, exp }) => revokedEntry(env, jti).revoke(exp)));

async function revokeFamily(env, sid, sub) {
  const { access } = await family(env, sid).revoke({ sub });
  await denylist(env, access);
}

/**
 * The bearer check of /api/me, /logout and /revoke: the Workers example's guard (signature, alg,
 * iss, aud, exp, RFC 6750 answers), then what only this Worker knows: the header typ must be an
 * access token's, and its jti must not be on the denylist.
 */
async function authenticate(request, env, config) {
  const verified = await guard(request, config.guardEnv);
  if (verified instanceof Response) return verified;
  const { payload, protectedHeader } = verified;
  if (String(protectedHeader.typ).toLowerCase() !== ACCESS_TYP) return invalidToken('The token is not an access token');
  if (typeof payload.jti !== 'string' || typeof payload.sub !== 'string') return invalidToken('The token lacks jti or sub');
  if (await revokedEntry(env, payload.jti).isRevoked()) return invalidToken('The token has been revoked');
  return payload;
}

// ---- routes -----------------------------------------------------------------------------------

async function login(request, env, config) {
  // Login CSRF: a page of another site cannot post JSON here without a CORS preflight (which
  // this Worker never grants), and a browser's Origin, when sent, must be ours.
  if (request.headers.has('origin') && !sameOrigin(request)) return error(403, 'forbidden', 'Cross-origin request refused');
  const { body, answer } = await readJson(request);
  if (answer) return answer;
  const { username, password } = body ?? {};
  if (typeof username !== 'string' || typeof password !== 'string' || username.length === 0 || username.length > 64 || password.length > 1024) {
    return error(400, 'invalid_request', 'Expected {"username": string, "password": string}');
  }
  const name = username.normalize('NFKC').toLowerCase();

  // Count the attempt first (per user and per client address), refund it if it succeeds.
  const counters = [limiter(env, `user:${name}`), limiter(env, clientKey(request.headers.get('cf-connecting-ip')))];
  const limits = [config.loginMaxPerUser, config.loginMaxPerIp];
  const verdicts = await Promise.all(counters.map((c, i) => c.attempt({ limit: limits[i], window: config.loginWindow })));
  if (verdicts.some((v) => !v.allowed)) {
    await Promise.all(counters.filter((_, i) => verdicts[i].allowed).map((c) => c.refund()));
    const retryAfter = Math.max(...verdicts.map((v) => v.retryAfter ?? 0));
    return error(429, 'too_many_attempts', 'Too many failed logins; try again later', { 'retry-after': String(retryAfter) });
  }

  const user = findUser(name);
  // An unknown user costs one PBKDF2 too, so timing does not tell which names exist.
  const ok = await checkPassword(password, user?.password ?? DUMMY_PASSWORD_HASH);
  if (!ok || user === undefined) return error(401, 'invalid_grant', 'Wrong username or password');
  await Promise.all([counters[0].reset(), counters[1].refund()]);

  const now = nowSeconds();
  const sid = crypto.randomUUID();
  const refreshJti = crypto.randomUUID();
  const accessJti = crypto.randomUUID();
  const accessExp = now + config.accessTtl;
  const { expiresAt } = await family(env, sid).create({ sub: user.sub, refreshJti, expiresAt: now + config.familyTtl, accessJti, accessExp });
  const access = signAccess(config, { sub: user.sub, scope: user.scope, sid, jti: accessJti, iat: now, exp: accessExp });
  const refresh = signRefresh(config, { sub: user.sub, sid, jti: refreshJti, iat: now, exp: Math.min(now + config.refreshTtl, expiresAt) });
  return tokenAnswer(config, access, refresh, now);
}

/** Why TokenFamily.rotate refused (objects.js), in words for the log. */
const FAMILY_REFUSALS = {
  unknown: 'no such session',
  expired: 'the session has expired',
  revoked: 'the session had been revoked',
  reuse: 'a spent refresh token was presented again, so a copy is in other hands: the session is now revoked',
};

async function refresh(request, env, config) {
  if (!sameOrigin(request)) return error(403, 'forbidden', 'Cross-origin request refused');
  const cookies = readCookies(request, COOKIE);
  // Two refresh cookies: one was planted (cookie tossing from a sibling subdomain, see COOKIE),
  // and the server cannot tell which. Using the first would log the user into the planter's
  // session, or let the planter's junk cookie shadow the real one. Refuse and delete them all.
  if (cookies.length > 1) {
    console.warn(`workers-auth: /refresh refused (several-cookies): ${cookies.length} ${COOKIE} cookies in one request; one was planted (a sibling subdomain?)`);
    return error(400, 'invalid_request', 'More than one refresh cookie', { 'set-cookie': clearedCookies(new URL(request.url)) });
  }
  const token = cookies[0];
  if (!token) return refusedGrant('no-cookie', `no ${COOKIE} cookie`);
  let claims;
  try {
    claims = verifyRefresh(config, token);
  } catch (e) {
    if (!(e instanceof JwtError)) throw e;
    if (e.code === 'ERR_JWT_EXPIRED') return refusedGrant('token-expired', 'the refresh token has expired');
    return refusedGrant('token-invalid', `the refresh token is invalid: ${e.code}${e.claim ? ` (${e.claim})` : ''}`, { suspicious: true });
  }
  const { sub, sid, jti } = claims;
  const now = nowSeconds();
  const next = { refreshJti: crypto.randomUUID(), accessJti: crypto.randomUUID(), accessExp: now + config.accessTtl };
  const result = await family(env, sid).rotate({ sub, presentedJti: jti, ...next });
  if (!result.ok) {
    await denylist(env, result.access);
    return refusedGrant(result.reason, `${FAMILY_REFUSALS[result.reason]} (sid ${sid}, sub ${sub})`, { suspicious: result.reason === 'reuse' });
  }
  // Permissions are read again at every refresh; a user who no longer exists ends the session.
  const user = findUserBySub(sub);
  if (user === undefined) {
    await revokeFamily(env, sid, sub);
    return refusedGrant('user-gone', `the user no longer exists: the session is now revoked (sid ${sid}, sub ${sub})`);
  }
  const access = signAccess(config, { sub, scope: user.scope, sid, jti: next.accessJti, iat: now, exp: next.accessExp });
  const rotated = signRefresh(config, { sub, sid, jti: next.refreshJti, iat: now, exp: Math.min(now + config.refreshTtl, result.expiresAt) });
  return tokenAnswer(config, access, rotated, now);
}

async function logout(request, env, config) {
  if (!sameOrigin(request)) return error(403, 'forbidden', 'Cross-origin request refused');
  const payload = await authenticate(request, env, config);
  if (payload instanceof Response) return payload;
  const work = [denylist(env, [{ jti: payload.jti, exp: payload.exp }])];
  // The access token names its family (sid): a browser never sends the Path=/refresh cookie to
  // /logout, so this is what ends the session there. A refresh cookie that is sent (by a client
  // that keeps it itself) ends that family too, if it is the same user's.
  const families = new Set(typeof payload.sid === 'string' ? [payload.sid] : []);
  // Several refresh cookies (one planted, see refresh()): none of them is trusted, all are deleted.
  const cookies = readCookies(request, COOKIE);
  const cookie = cookies.length === 1 ? cookies[0] : null;
  if (cookie) {
    try {
      const claims = verifyRefresh(config, cookie);
      if (claims.sub === payload.sub) families.add(claims.sid);
    } catch (e) {
      if (!(e instanceof JwtError)) throw e; // an invalid cookie is simply ignored: it is cleared below
    }
  }
  for (const sid of families) work.push(revokeFamily(env, sid, payload.sub));
  await Promise.all(work);
  const cleared = cookies.length > 1 ? clearedCookies(new URL(request.url)) : clearedCookie();
  return new Response(null, { status: 204, headers: headerList({ 'set-cookie': cleared }) });
}

async function revoke(request, env, config) {
  const payload = await authenticate(request, env, config);
  if (payload instanceof Response) return payload;
  await denylist(env, [{ jti: payload.jti, exp: payload.exp }]);
  return new Response(null, { status: 204, headers: NO_STORE });
}

async function me(request, env, config) {
  const payload = await authenticate(request, env, config);
  if (payload instanceof Response) return payload;
  return json({ sub: payload.sub });
}

function jwks(config) {
  return Response.json(
    { keys: [config.publicJwk] },
    {
      headers: {
        'content-type': 'application/jwk-set+json',
        'cache-control': 'public, max-age=300',
        'access-control-allow-origin': '*',
      },
    },
  );
}

function index(config) {
  return json({
    issuer: config.issuer,
    jwks_uri: `${config.issuer}/.well-known/jwks.json`,
    endpoints: {
      'POST /login': '{"username","password"} -> {access_token, token_type, expires_in} + refresh cookie',
      'POST /refresh': 'refresh cookie -> a new access token and a rotated refresh cookie',
      'POST /logout': 'bearer (+ refresh cookie) -> 204, session revoked',
      'POST /revoke': 'bearer -> 204, that access token revoked',
      'GET /api/me': 'bearer -> {sub}',
    },
  });
}

const ROUTES = {
  '/': { GET: (r, e, c) => index(c) },
  '/.well-known/jwks.json': { GET: (r, e, c) => jwks(c) },
  '/login': { POST: login },
  '/refresh': { POST: refresh },
  '/logout': { POST: logout },
  '/revoke': { POST: revoke },
  '/api/me': { GET: me },
};

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const route = Object.hasOwn(ROUTES, url.pathname) ? ROUTES[url.pathname] : undefined;
    if (route === undefined) return error(404, 'not_found', 'No such endpoint');
    const handler = Object.hasOwn(route, request.method) ? route[request.method] : undefined;
    if (handler === undefined) return error(405, 'method_not_allowed', `Use ${Object.keys(route).join(', ')}`, { allow: Object.keys(route).join(', ') });
    try {
      const config = configFor(env);
      checkHost(config, url);
      return await handler(request, env, config);
    } catch (e) {
      if (e instanceof ConfigError) {
        console.error(`workers-auth: ${e.message}`);
        return error(500, 'server_misconfigured', 'The server is misconfigured');
      }
      console.error(`workers-auth: ${e?.stack ?? e}`);
      return error(500, 'internal_error', 'Internal error');
    }
  },
};
