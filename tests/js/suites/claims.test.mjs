// Claim checks: code, claim and reason of every failure, at fixed times. Where the contract
// follows jose, jose's jwtVerify is run on the same token and options and must agree; where the
// contract deliberately differs, the case says so (jose: false) and only jwtlens is checked.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { m, jose, NOW, craft, hmacSecret, throwsJwt } from '../lib/helpers.mjs';

const base = { sub: 'user-42', iat: NOW - 60, exp: NOW + 3600 };
const without = (name) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== name));

// [title, payload, options (besides algorithms/currentDate), expected, { header, jose }]
// expected: 'ok' | [code, claim, reason]
const EXP = 'ERR_JWT_EXPIRED';
const CVF = 'ERR_JWT_CLAIM_VALIDATION_FAILED';
const cases = [
  // exp
  ['exp one second ahead', { ...base, exp: NOW + 1 }, {}, 'ok'],
  ['exp == now is expired', { ...base, exp: NOW }, {}, [EXP, 'exp', 'check_failed']],
  ['exp in the past', { ...base, exp: NOW - 1 }, {}, [EXP, 'exp', 'check_failed']],
  ['exp with a fraction, just ahead', { ...base, exp: NOW + 0.5 }, {}, 'ok'],
  ['exp with a fraction, just behind', { ...base, exp: NOW - 0.5 }, {}, [EXP, 'exp', 'check_failed']],
  ['exp within clockTolerance', { ...base, exp: NOW - 9 }, { clockTolerance: 10 }, 'ok'],
  ['exp beyond clockTolerance', { ...base, exp: NOW - 10 }, { clockTolerance: 10 }, [EXP, 'exp', 'check_failed']],
  ['exp as a string', { ...base, exp: String(NOW + 3600) }, {}, [CVF, 'exp', 'invalid']],
  ['exp as an object', { ...base, exp: { t: NOW + 3600 } }, {}, [CVF, 'exp', 'invalid']],
  ['exp as a boolean', { ...base, exp: true }, {}, [CVF, 'exp', 'invalid']],
  ['exp as an array', { ...base, exp: [NOW + 3600] }, {}, [CVF, 'exp', 'invalid']],
  ['exp of the wrong type even when not required', { ...base, exp: 'soon' }, { requiredClaims: [] }, [CVF, 'exp', 'invalid']],
  ['exp missing (required by default)', without('exp'), {}, [CVF, 'exp', 'missing']],
  ['exp missing, requiredClaims []', without('exp'), { requiredClaims: [] }, 'ok'],
  // nbf
  ['nbf == now', { ...base, nbf: NOW }, {}, 'ok'],
  ['nbf one second ahead', { ...base, nbf: NOW + 1 }, {}, [CVF, 'nbf', 'check_failed']],
  ['nbf within clockTolerance', { ...base, nbf: NOW + 5 }, { clockTolerance: 5 }, 'ok'],
  ['nbf beyond clockTolerance', { ...base, nbf: NOW + 6 }, { clockTolerance: 5 }, [CVF, 'nbf', 'check_failed']],
  ['nbf as a string', { ...base, nbf: String(NOW) }, {}, [CVF, 'nbf', 'invalid']],
  // iat / maxTokenAge
  ['iat as a string', { ...base, iat: String(NOW) }, {}, [CVF, 'iat', 'invalid']],
  ['iat in the future is not checked without maxTokenAge', { ...base, iat: NOW + 3600 }, {}, 'ok'],
  ['maxTokenAge: iat exactly that old', { ...base, iat: NOW - 600 }, { maxTokenAge: 600 }, 'ok'],
  ['maxTokenAge: iat one second older', { ...base, iat: NOW - 601 }, { maxTokenAge: 600 }, [EXP, 'iat', 'check_failed']],
  ['maxTokenAge + clockTolerance: now - 630 passes', { ...base, iat: NOW - 630 }, { maxTokenAge: 600, clockTolerance: 30 }, 'ok'],
  ['maxTokenAge + clockTolerance: now - 631 fails', { ...base, iat: NOW - 631 }, { maxTokenAge: 600, clockTolerance: 30 }, [EXP, 'iat', 'check_failed']],
  ['maxTokenAge "10m"', { ...base, iat: NOW - 601 }, { maxTokenAge: '10m' }, [EXP, 'iat', 'check_failed']],
  ['maxTokenAge without iat', without('iat'), { maxTokenAge: 600 }, [CVF, 'iat', 'missing']],
  // iss
  ['issuer matches', { ...base, iss: 'https://issuer.example' }, { issuer: 'https://issuer.example' }, 'ok'],
  ['issuer with a trailing slash is another issuer', { ...base, iss: 'https://issuer.example/' }, { issuer: 'https://issuer.example' }, [CVF, 'iss', 'check_failed']],
  ['issuer is case-sensitive', { ...base, iss: 'https://Issuer.example' }, { issuer: 'https://issuer.example' }, [CVF, 'iss', 'check_failed']],
  ['issuer expected, iss missing', base, { issuer: 'https://issuer.example' }, [CVF, 'iss', 'missing']],
  ['issuer list matches', { ...base, iss: 'b' }, { issuer: ['a', 'b'] }, 'ok'],
  ['issuer list does not match', { ...base, iss: 'c' }, { issuer: ['a', 'b'] }, [CVF, 'iss', 'check_failed']],
  ['issuer expected, iss is null (counts as missing)', { ...base, iss: null }, { issuer: 'a' }, [CVF, 'iss', 'missing'], { jose: false }],
  // aud
  ['audience string = aud string', { ...base, aud: 'api' }, { audience: 'api' }, 'ok'],
  ['audience in the aud array', { ...base, aud: ['web', 'api'] }, { audience: 'api' }, 'ok'],
  ['any expected audience in the aud array', { ...base, aud: ['api'] }, { audience: ['mobile', 'api'] }, 'ok'],
  ['audience differs', { ...base, aud: 'web' }, { audience: 'api' }, [CVF, 'aud', 'check_failed']],
  ['audience is case-sensitive', { ...base, aud: 'API' }, { audience: 'api' }, [CVF, 'aud', 'check_failed']],
  ['no expected audience in the aud array', { ...base, aud: ['web', 'mobile'] }, { audience: ['api', 'cli'] }, [CVF, 'aud', 'check_failed']],
  ['audience expected, aud missing', base, { audience: 'api' }, [CVF, 'aud', 'missing']],
  ['aud not checked when no audience is expected', { ...base, aud: 'anything' }, {}, 'ok'],
  // sub
  ['subject matches', base, { subject: 'user-42' }, 'ok'],
  ['subject differs', base, { subject: 'user-43' }, [CVF, 'sub', 'check_failed']],
  ['subject expected, sub missing', without('sub'), { subject: 'user-42' }, [CVF, 'sub', 'missing']],
  // typ (a header parameter, reported as a claim failure as in jose)
  ['typ JWT = JWT', base, { typ: 'JWT' }, 'ok', { header: { typ: 'JWT' } }],
  ['typ compared case-insensitively', base, { typ: 'jwt' }, 'ok', { header: { typ: 'JWT' } }],
  ['typ "application/" prefix optional (option side)', base, { typ: 'application/JWT' }, 'ok', { header: { typ: 'JWT' } }],
  ['typ "application/" prefix optional (header side)', base, { typ: 'at+jwt' }, 'ok', { header: { typ: 'application/at+JWT' } }],
  ['typ differs', base, { typ: 'at+jwt' }, [CVF, 'typ', 'check_failed'], { header: { typ: 'JWT' } }],
  ['typ: the prefix is implied only without a "/" (as jose)', base, { typ: 'vnd/jwt' }, [CVF, 'typ', 'check_failed'], { header: { typ: 'application/vnd/jwt' } }],
  ['typ: a media type with a "/" compares whole', base, { typ: 'Application/Vnd/JWT' }, 'ok', { header: { typ: 'application/vnd/jwt' } }],
  ['typ expected, header has none', base, { typ: 'JWT' }, [CVF, 'typ', 'missing'], { jose: false }],
  // requiredClaims
  ['required claim present', { ...base, nonce: 'n' }, { requiredClaims: ['exp', 'nonce'] }, 'ok'],
  ['required claim missing', base, { requiredClaims: ['exp', 'nonce'] }, [CVF, 'nonce', 'missing']],
  ['required claim null counts as missing', { ...base, nonce: null }, { requiredClaims: ['nonce'] }, [CVF, 'nonce', 'missing'], { jose: false }],
  ['exp null, required by default: missing', { ...base, exp: null }, {}, [CVF, 'exp', 'missing'], { jose: false }],
  ['exp null, not required: the wrong JSON type', { ...base, exp: null }, { requiredClaims: [] }, [CVF, 'exp', 'invalid']],
  ['nbf null: the wrong JSON type', { ...base, nbf: null }, {}, [CVF, 'nbf', 'invalid']],
  ['iat null: the wrong JSON type', { ...base, iat: null }, {}, [CVF, 'iat', 'invalid']],
  ['iat null with maxTokenAge (required): missing', { ...base, iat: null }, { maxTokenAge: 600 }, [CVF, 'iat', 'missing'], { jose: false }],
  ['required claim false/0/"" is present', { ...base, a: false, b: 0, c: '' }, { requiredClaims: ['a', 'b', 'c'] }, 'ok'],
  // everything at once
  ['every check passing together', { ...base, iss: 'i', aud: ['a', 'b'], nbf: NOW - 1, nonce: 'n' }, { issuer: 'i', audience: 'b', subject: 'user-42', typ: 'JWT', maxTokenAge: '1h', clockTolerance: '5s', requiredClaims: ['exp', 'nonce', 'nbf'] }, 'ok', { header: { typ: 'JWT', kid: 'k' } }],
];

// jose's option names are ours; only the requiredClaims default differs (jose: none, ours: exp).
function joseOptions(opts) {
  return { algorithms: ['HS256'], currentDate: new Date(NOW * 1000), requiredClaims: ['exp'], ...opts };
}

describe('claims', () => {
  for (const [title, payload, opts, expected, { header = {}, jose: compare = true } = {}] of cases) {
    const token = craft({ alg: 'HS256', ...header }, payload);
    const options = { algorithms: ['HS256'], currentDate: NOW, ...opts };
    test(title, async () => {
      let ours;
      if (expected === 'ok') {
        const r = m.verify(token, hmacSecret, options);
        assert.deepEqual(r, { payload, protectedHeader: { alg: 'HS256', ...header } });
        ours = 'ok';
      } else {
        const [code, claim, reason] = expected;
        const e = throwsJwt(() => m.verify(token, hmacSecret, options), code, { claim, reason });
        ours = [e.code, e.claim, e.reason];
      }
      if (!compare) return;
      let theirs;
      try {
        await jose.jwtVerify(token, hmacSecret, joseOptions(opts));
        theirs = 'ok';
      } catch (e) {
        theirs = [e.code, e.claim, e.reason];
      }
      assert.deepEqual(theirs, ours, 'jose disagrees');
    });
  }
});

describe('claims are not looked at by verifyJws', () => {
  test('an expired token with a bad nbf type verifies as a JWS', () => {
    const token = craft({ alg: 'HS256' }, { exp: 1, nbf: 'x' });
    const r = m.verifyJws(token, hmacSecret, { algorithms: ['HS256'] });
    assert.deepEqual(JSON.parse(Buffer.from(r.payload).toString()), { exp: 1, nbf: 'x' });
  });
});

describe('the payload must be a JSON object', () => {
  for (const [title, raw] of [['an array', '[1,2]'], ['a string', '"sub"'], ['a number', '42'], ['null', 'null'], ['not JSON', 'hello'], ['empty', '']]) {
    test(`payload ${title}: verify ERR_JWT_INVALID, verifyJws returns the bytes`, async () => {
      const token = craft({ alg: 'HS256' }, raw);
      throwsJwt(() => m.verify(token, hmacSecret, { algorithms: ['HS256'], currentDate: NOW, requiredClaims: [] }), 'ERR_JWT_INVALID');
      assert.equal(Buffer.from(m.verifyJws(token, hmacSecret, { algorithms: ['HS256'] }).payload).toString(), raw);
      await assert.rejects(jose.jwtVerify(token, hmacSecret, { algorithms: ['HS256'] }), { code: 'ERR_JWT_INVALID' });
    });
  }
});
