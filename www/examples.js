// The Examples menu. Signed examples are signed when picked (with jwtlens/sign), with the demo
// keys below, so that their times are always current ("expires in 59 minutes") and every one
// verifies with the key it fills in. These keys ship inside the page: they are public and
// worthless, never use them.

/** Private JWKs made once with generateKeyPair of jwtlens/sign (kid = RFC 7638 thumbprint). */
const DEMO_KEYS = {
  "rsa": {
    "e": "AQAB",
    "kty": "RSA",
    "n": "5d1dnfFa6VTR14-zKqMIAKFu4fJErRT87j3l2Xdo8ihbv5MG2X-4ZrK_M6joq2Thja_oNhCNJegDZPVurAt4D1Zd1PjNKPjUQ-sLXLyWw-FrcaVQh-Wvx4v7lsd6I0M86B65fHAkXgelOPBBESe0lpnXfrRLNbTwZOA0FYPKqV5s1rWZSjy_8F2UZQGG72Rf4XJdNm-2T8-IIbWYZMtbqhjEnVGB8Yxjhs_x5m3awTodeB1mFl18wtpxtyxnSikBsSzrrsj1shePw9vEZr-IQWMEj5hJQYb7kqrhFGhT2VZEvCvuDzx-CaRVF5gXTtpg-zGuKN_5LOPW7PZGhVL-OQ",
    "alg": "RS256",
    "kid": "_nx6XV2TwniFTb-bySb1Ar6SWyZEbq7q4UcQjq4e9dw",
    "use": "sig",
    "d": "EKc0_RhbScRHX6KdjF07WzBW5C-1IgT_PhNl75djFwgtfXeda2yBY49Xotp94MzyOl2gKSqRz0k71biiR_ycuh-7tI5B7tH4LuN8cz-GfLJ8IkOjzfSqA370vzu8cYmRhA-VyJonSFitc66USDXkM3T508gkGsP9FpHXtCdUK2j0tJk5VLx3tJFiownmnO2UL2RADNbIUPLbUgVFlR9SAn3Gt3mQRLud6Qt6JzOInAc1LMrMkki_9KVOK-_ZT74uJCkEPOm8d3ajWdWpjUDU6NVQrr_RsQ3W4IznvUychRccBQIPy77wbFcLlJBWwKOje9xanO6KxM3EojdY2mSgsQ",
    "p": "_DlOZC5e1x7RmR0IV1UDwisEZM1kOAXYvGa2Cz6J47SUaxt_o5fhe-XieAkSmsQDCumdxxmdJ2kwEzO4aKhTldwBqor7wc6hQDGDGOtqoVF0K4fDcvd77jitOFrRx31lbzYsLMkwV_g1n1dDs9p6c_gtBiBxTgsF_nbVLqXAzds",
    "q": "6U5dLr-typGmVg4lF_FIL3P61TKLG4bT18K6_WJhAM_JTH_dGON8m-SSuOlXzzer5o9c0x74t9YJ-YNYGx9hgUYCeK25SWQMslKrTfCHCVrJBhoi4sBBZ5abFRaF1_esn2JNIxcZgthPAsQ3T1g1bqgDqQq-DRTlv3HRIUTbIns",
    "dp": "2iEdYJqRvu2SSx7GpfCKLZRSWnMe5yx3Qoh5i8PsMJdtfCvt-SdTBHnNoA4InvxBvWBI6XWHahwYTaL_KtPYZdQ9RKaqD_SJlCC9xgFi2Fy_YR4qs_TAo0c013YD0sjpvoJVNe5Q9uNcTI-Fp7edC0poddH864exCV7wA0WqNt0",
    "dq": "OsGilBhv81k1E-0iCGKatGC4JiNBh2AwT-FZ6GBzX5n071AwZYk9I6GwFeOmWqiBoWIvlXfyWZINFwquEL6Zds4j5zKRPFt3Gx3YyJsv1vpHMEM6z_JtRmJWkjwG3zof_k_qb1Ds-tfxJhg2ecQUSNcFfPgYnwDJT6qhaYiGy6s",
    "qi": "pnLE68UGeXPwC8ZsB0YEZV9cIanOxOs_sYwaG8Xi7f71_YXFWK8B-yu1L0fAq6eUaIjDcd82x8nCUwKNR7lmr7uhFfq9hixkbPdwT710Cw6XiNoJmFreFqQE2QX7sfRAP_1BeObPmKd1GuEjSKYyj1DsiNw0RbT7EP9IamRYrXc"
  },
  "ec": {
    "crv": "P-256",
    "kty": "EC",
    "x": "TvhRucVFBktXt2PsFJbXpBnEqFenSmqcuR_PibaCvxw",
    "y": "0XxspGnNUFXAtdz3lpTC3-7_fkC8_YBqrEBHPg0yJSc",
    "alg": "ES256",
    "kid": "DW7adDUd5RZEY4C8RkB1SWffssJyYyglSRxmPioQey4",
    "use": "sig",
    "d": "3lOIgATLglOMVwKusBOmaBnDccc0ExKIj4uYFEoYzVQ"
  },
  "ed": {
    "crv": "Ed25519",
    "kty": "OKP",
    "x": "MEeKHpDqSGgHSxXQg0CTsVm6NUlwASQ4MjbqniVtuKs",
    "alg": "EdDSA",
    "kid": "i-2qk8E39LpLXvU5-dvWPwdpXU5mumarkXKu4XwsHI4",
    "use": "sig",
    "d": "jUZ3umxLhAw8vMg1l5cXPRMp1YwvbhUtAihCLkdI29k"
  },
  "ed2": {
    "crv": "Ed25519",
    "kty": "OKP",
    "x": "YdJMelaDUUVa0fzkYHSDkyN_DrF6Ln-wU_4L8qbDAvo",
    "alg": "EdDSA",
    "kid": "MjDVaD9FFqHxSzj_VoKzMENj6nBv2GS_BZEiq4sBJpc",
    "use": "sig"
  }
};

/** 32 random bytes, base64url: the secret of the HS256 examples other than the jwt.io one. */
const DEMO_SECRET = "B8P509jnIj5YFkFMa-wK-cgEqNZtBs-TIa8YGTm7VcI";

/** The token of the jwt.io debugger, signed with "your-256-bit-secret". */
const JWT_IO_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/**
 * A compact JWE (alg "dir", enc "A256GCM") made with jose's CompactEncrypt and a random key that
 * was thrown away: a real encrypted token whose payload nobody can read.
 */
const JWE_TOKEN = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwia2lkIjoiZGVtby1kaXIta2V5IiwiY3R5IjoiSldUIn0.._F_Yv7aqP1U7PzOd.KYUB-TJkTEeWmb6axCUTmRe5BrTQ-03W0zzAgCpd1iDiXpXqtq-afoaeh3GMr4hl4cE75sy_W5bJBn08NEo8w2p4cTqv45X-effJwDg.kbmPAo2zIH5aVqGWBFretQ";

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** The public half of a private JWK. */
export function publicJwk(jwk) {
  const out = {};
  for (const [name, value] of Object.entries(jwk)) {
    if (!PRIVATE_MEMBERS.includes(name)) out[name] = value;
  }
  return out;
}

function base64urlText(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64urlBytes(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// An access token and a refresh token issued by examples/workers-auth in a real run of its test
// (examples/workers-auth/sample-tokens.json; tests/env/page-units.test.mjs checks they match),
// with the public JWKS of that example's development-only key. They expired long ago: the point
// is what inspect() says about each kind.
export const WORKERS_AUTH_SAMPLES = {
  "access_token": "eyJhbGciOiJFZERTQSIsInR5cCI6ImF0K2p3dCIsImtpZCI6Ik41VnN6UTMxUXBQUWlDUVhuaWNpNUxhempVbDc0Y2V2TlBNZ1dNZWlkOGsifQ.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjg3ODgiLCJzdWIiOiJhbGljZSIsImF1ZCI6Imh0dHA6Ly8xMjcuMC4wLjE6ODc4OC9hcGkiLCJqdGkiOiI5ZWFmYTU0Yy04Nzk3LTQ5MTYtYjJlZi0wOTFlYzM1NmJiNWEiLCJpYXQiOjE3OTYxMzY0MTIsImV4cCI6MTc5NjEzNzMxMiwic2NvcGUiOiJwcm9maWxlIiwic2lkIjoiOTRiOTkzYzAtY2Q4My00YzkyLThiMmYtYzMzNzYyMzY3NThmIn0.B7A7kmlsqVM4RZTdS2ITjIO-2damSjqMunH-Ody7hSVRKRGeg1n897F1FVomIh4v1oEb1okdtNwriRpAGKWfCw",
  "refresh_token": "eyJhbGciOiJFZERTQSIsInR5cCI6InJlZnJlc2grand0Iiwia2lkIjoiTjVWc3pRMzFRcFBRaUNRWG5pY2k1TGF6alVsNzRjZXZOUE1nV01laWQ4ayJ9.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjg3ODgiLCJzdWIiOiJhbGljZSIsImF1ZCI6Imh0dHA6Ly8xMjcuMC4wLjE6ODc4OC9yZWZyZXNoIiwianRpIjoiNWViNmUyZDctMWMxZi00ZjQyLTkzNDEtODUxZTkyNmFjMTEwIiwic2lkIjoiOTRiOTkzYzAtY2Q4My00YzkyLThiMmYtYzMzNzYyMzY3NThmIiwiaWF0IjoxNzk2MTM2NDEyLCJleHAiOjE3OTczNDYwMTJ9.jTCcMli6lvuvqH3gfbls8kphxpgL8QruuybSdYqtQjcRKOmEIW06UoOWEA9V783wLxFuLQgF1QyJ9Nga7xFDCQ",
  "jwks": {
    "keys": [
      {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": "BpbLopVTiLNGHjaw3FR5mQQ-qPDMi7Vj_NjJeb32i38",
        "alg": "EdDSA",
        "kid": "N5VszQ31QpPQiCQXnici5LazjUl74cevNPMgWMeid8k",
        "use": "sig"
      }
    ]
  }
};

const json = (value) => JSON.stringify(value, null, 2);

/**
 * Each example: id, label, and build(signer, now) → { token, key, encoding }, where `signer` is
 * the jwtlens/sign module and key is the text for the verification key box (empty when there is
 * nothing to verify with).
 */
export const EXAMPLES = [
  {
    id: 'hs256-jwtio',
    label: 'HS256: the jwt.io demo token',
    build: () => ({ token: JWT_IO_TOKEN, key: 'your-256-bit-secret', encoding: 'utf8' }),
  },
  {
    id: 'rs256-pem',
    label: 'RS256, verified with a PEM public key',
    build: (signer, now) => ({
      token: signer.sign(
        { iss: 'https://login.example.com', sub: 'user-42', aud: 'api.example.com', name: 'Ada Lovelace', scope: 'read:profile', iat: now, exp: now + 3600 },
        DEMO_KEYS.rsa,
        { alg: 'RS256', issuedAt: false },
      ),
      key: signer.toPem(publicJwk(DEMO_KEYS.rsa)),
      encoding: 'utf8',
    }),
  },
  {
    id: 'es256-jwk',
    label: 'ES256, verified with a JWK',
    build: (signer, now) => ({
      token: signer.sign(
        { iss: 'https://login.example.com', sub: 'user-42', aud: ['api.example.com', 'billing.example.com'], email: 'ada@example.com', email_verified: true, iat: now - 60, nbf: now - 60, exp: now + 900 },
        DEMO_KEYS.ec,
        { alg: 'ES256', issuedAt: false, header: { typ: 'at+jwt' } },
      ),
      key: json(publicJwk(DEMO_KEYS.ec)),
      encoding: 'utf8',
    }),
  },
  {
    id: 'eddsa-jwks',
    label: 'EdDSA, verified with a JWKS of four keys',
    build: (signer, now) => ({
      token: signer.sign(
        { iss: 'https://login.example.com', sub: 'service:reports', client_id: 'reports-cron', scope: 'reports:write', iat: now, exp: now + 300 },
        DEMO_KEYS.ed,
        { alg: 'EdDSA', issuedAt: false },
      ),
      key: json({ keys: [publicJwk(DEMO_KEYS.rsa), publicJwk(DEMO_KEYS.ec), DEMO_KEYS.ed2, publicJwk(DEMO_KEYS.ed)] }),
      encoding: 'utf8',
    }),
  },
  {
    id: 'expired',
    label: 'Expired an hour ago (HS256)',
    build: (signer, now) => ({
      token: signer.sign(
        { iss: 'https://login.example.com', sub: 'user-42', iat: now - 7200, exp: now - 3600 },
        base64urlBytes(DEMO_SECRET),
        { alg: 'HS256', issuedAt: false },
      ),
      key: DEMO_SECRET,
      encoding: 'base64url',
    }),
  },
  {
    id: 'alg-none',
    label: 'alg: none (unsecured)',
    build: (signer, now) => ({
      token: `${base64urlText(json({ alg: 'none', typ: 'JWT' }))}.${base64urlText(json({ sub: 'user-42', admin: true, iat: now }))}.`,
      key: '',
      encoding: 'utf8',
    }),
  },
  {
    id: 'jwe',
    label: 'Encrypted token (JWE)',
    build: () => ({ token: JWE_TOKEN, key: '', encoding: 'utf8' }),
  },
  {
    id: 'workers-auth-access',
    label: 'Access token from examples/workers-auth (EdDSA, at+jwt)',
    build: () => ({ token: WORKERS_AUTH_SAMPLES.access_token, key: json(WORKERS_AUTH_SAMPLES.jwks), encoding: 'utf8' }),
  },
  {
    id: 'workers-auth-refresh',
    label: 'Refresh token from examples/workers-auth (EdDSA, refresh+jwt)',
    build: () => ({ token: WORKERS_AUTH_SAMPLES.refresh_token, key: json(WORKERS_AUTH_SAMPLES.jwks), encoding: 'utf8' }),
  },
  {
    id: 'sensitive',
    label: 'Sensitive data in the payload',
    build: (signer, now) => ({
      token: signer.sign(
        {
          sub: 'user-42',
          email: 'ada@example.com',
          password: 'correct horse battery staple',
          card_number: '4111 1111 1111 1111',
          api_key: 'demo_3f9a0c2b7e1d4a5b8c6f',
          iat: now,
          exp: now + 900,
        },
        base64urlBytes(DEMO_SECRET),
        { alg: 'HS256', issuedAt: false },
      ),
      key: DEMO_SECRET,
      encoding: 'base64url',
    }),
  },
];
