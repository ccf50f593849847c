// The verification panel: the key box read as a secret, a PEM, a JWK or a JWKS (keys.js), the
// signature verdict, the claim checks (issuer, audience, clock tolerance) and the notes beside them:
// a weak secret, a key embedded in the token that the page never uses, a public key computed from
// a pasted private key.
import { HMAC_MIN_BYTES, hmacKeyBytes } from './keys.js';
import { describeError, fill, h, setText } from './render.js';

// Ed25519 is the RFC 9864 name of EdDSA with Ed25519; a key generated for one signs only that one.
export const SIGNING_ALGS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** Codes that mean "this key cannot be used for this token", as opposed to "the token is bad". */
const KEY_ERRORS = new Set([
  'ERR_JWK_INVALID', 'ERR_JWKS_INVALID', 'ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED', 'TypeError',
]);

const EMBEDDED_KEYS = {
  jwk: 'carries its own public key (jwk)',
  x5c: 'carries its own certificate chain (x5c)',
  jku: 'points to a JWKS URL (jku)',
  x5u: 'points to a certificate URL (x5u)',
};

/** What a key box was read as (keys.js readKey()), in the line under the box. */
export function showKeyKind(node, info) {
  node.classList.toggle('key-kind-bad', info.kind === 'error');
  if (info.kind === 'empty') setText(node, '');
  else if (info.kind === 'error') setText(node, `Cannot read this key: ${info.message}.`);
  else setText(node, `Read as: ${info.summary}.`);
}

/** The verification panel of `page` (see app.js): verify with `page.lib`, derive with `page.signer`. */
export function createVerify(page) {
  const { els, lib, signer } = page;

  function verdict(node, titleNode, detailNode, state, tone, title, detail) {
    node.className = `${node.id === 'verdict' ? 'verdict' : 'claims-verdict'} verdict-${tone}`;
    node.dataset.state = state;
    setText(titleNode, title);
    if (typeof detail === 'string' || detail === undefined) setText(detailNode, detail ?? '');
    else fill(detailNode, ...detail);
  }
  const sigVerdict = (state, tone, title, detail) => verdict(els.verdict, els.verdictTitle, els.verdictDetail, state, tone, title, detail);
  const claimVerdict = (state, tone, title, detail) =>
    verdict(els.claimsVerdict, els.claimsVerdictTitle, els.claimsVerdictDetail, state, tone, title, detail);
  const errorDetail = (e) => [h('code', { class: 'error-code' }, e.code), ' ', e.message];

  // A private key whose public half the verifier would have to compute (an Ed25519 PKCS#8 key, a
  // SEC1 key without its public point) is refused by jwtlens (ERR_JWK_INVALID): the page asks
  // jwtlens/sign for the public key (publicJwk), verifies with that, and says so. Worked out once
  // per key text. Any other key, or one that jwtlens/sign cannot read either, is left as it is, so
  // that verify() reports what is wrong with it.
  let derived = { text: null, info: null };
  function verificationKey(info) {
    if (info.kind !== 'pem' || !info.private) return info;
    if (derived.text !== info.input) derived = { text: info.input, info: derivePublicKey(info) };
    return derived.info;
  }
  function derivePublicKey(info) {
    try {
      lib.importKey(info.input).free();
      return info; // the verifier reads the public key from the private key itself
    } catch (err) {
      if (!(err instanceof lib.JwtError) || err.code !== 'ERR_JWK_INVALID') return info;
    }
    let jwk;
    try {
      jwk = signer.publicJwk(info.input);
    } catch {
      return info;
    }
    if (jwk.kty !== 'OKP' && jwk.kty !== 'EC') return info; // an RSA private key has its public part
    const from = { 'PRIVATE KEY': 'PKCS#8 private key', 'EC PRIVATE KEY': 'SEC1 EC private key' }[info.label] ?? 'private key';
    return { kind: 'jwk', input: jwk, private: false, derivedFrom: info, summary: `public key computed from the ${from}` };
  }
  function showDerivedNote(info) {
    const from = info.derivedFrom;
    els.keyDerived.hidden = !from;
    if (!from) return fill(els.keyDerived);
    const what = info.input.kty === 'OKP' ? `This ${info.input.crv ?? 'Ed25519'} private key does not include its public key` : 'This EC private key does not include its public point';
    fill(
      els.keyDerived,
      h('strong', null, 'Using its public key, computed by the page. '),
      `${what}, and jwtlens verifies with public keys only, so the page computed it with `,
      h('code', null, 'publicJwk()'),
      ' of ',
      h('code', null, 'jwtlens/sign'),
      '. Give a server that public key, never the private one.',
    );
  }

  function claimOptions() {
    const list = (text) => {
      const values = text.split(',').map((s) => s.trim()).filter(Boolean);
      return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
    };
    const options = {};
    const issuer = list(els.issuer.value);
    const audience = list(els.audience.value);
    if (issuer !== undefined) options.issuer = issuer;
    if (audience !== undefined) options.audience = audience;
    const tol = els.tolerance.value.trim();
    if (tol !== '') {
      const n = Number(tol);
      if (!Number.isFinite(n) || n < 0) return { error: 'The clock tolerance must be a number of seconds, 0 or more.' };
      options.clockTolerance = n;
    }
    return { options };
  }

  function renderEmbeddedNote(report) {
    const header = report?.header ?? {};
    const present = Object.keys(EMBEDDED_KEYS).filter((name) => name in header);
    els.embedded.hidden = present.length === 0;
    if (!present.length) return fill(els.embedded);
    const urls = present.some((n) => n === 'jku' || n === 'x5u');
    fill(
      els.embedded,
      h('p', null, h('strong', null, `This token ${present.map((n) => EMBEDDED_KEYS[n]).join(' and ')}: the page never uses it.`)),
      h(
        'p',
        null,
        'Whoever writes a token can put any key there, including their own, so a verifier that trusts it accepts forgeries (the CVE-2018-0114 family). ',
        urls ? 'A URL in the token is not fetched either: nothing leaves this page, and a verifier should only load keys from a source it already trusts. ' : '',
        'Paste the issuer’s key that you trust in the box above.',
      ),
    );
  }

  function renderWeak(report, keyInfo, alg, verified) {
    const notes = [];
    if (verified && /^HS(256|384|512)$/.test(alg)) {
      const n = hmacKeyBytes(keyInfo);
      const need = HMAC_MIN_BYTES[alg];
      if (n !== null && n < need) {
        notes.push(
          h('p', null, h('strong', null, `Weak secret: ${n} byte${n === 1 ? '' : 's'}, shorter than the ${need} bytes ${alg} needs (RFC 7518 §3.2).`)),
          h('p', null, 'It verifies here because this page is a debugger (allowShortSecrets); jwtlens’s verify() refuses it by default, and a short secret can be brute-forced from a single token.'),
        );
      }
      if (report.weakSecret) {
        notes.push(h('p', null, h('strong', null, 'Well-known secret: '), `“${report.weakSecret}” is on the list of weak secrets that attackers try first. Anyone can forge tokens signed with it.`));
      }
    }
    els.weak.hidden = notes.length === 0;
    fill(els.weak, ...notes);
  }

  function renderVerify(report, token, keyInfo) {
    const alg = typeof report?.header?.alg === 'string' ? report.header.alg : null;
    setText(els.verifyAlg, !report ? 'none yet' : report.algorithm ? `${report.algorithm.name}: ${report.algorithm.description}` : report.kind === 'invalid' ? 'unknown (not a JWT)' : 'missing');
    renderEmbeddedNote(report);
    renderWeak(report, keyInfo, alg, false);
    const claimsIdle = (title) => claimVerdict('idle', 'idle', title, '');

    if (!report) {
      sigVerdict('idle', 'idle', 'Paste a token to verify its signature.', '');
      return claimsIdle('Claim checks run once the signature is verified.');
    }
    if (report.kind === 'invalid') {
      sigVerdict('not-verified', 'bad', 'Not verified: the token is malformed.', 'Fix the token first: see the message on the right.');
      return claimsIdle('No claim checks: the token is malformed.');
    }
    if (report.kind === 'JWE') {
      sigVerdict('unsupported', 'idle', 'Nothing to verify: this is an encrypted token (JWE).', 'jwtlens verifies signed tokens (JWS); it does not decrypt.');
      return claimsIdle('No claim checks: the claims are encrypted.');
    }
    if (report.kind === 'unsecured') {
      sigVerdict('not-verified', 'bad', 'Not verified: alg “none” means there is no signature.', [
        h('code', { class: 'error-code' }, 'ERR_JOSE_ALG_NOT_ALLOWED'),
        ' An unsecured token proves nothing about who made it; jwtlens never accepts one, whatever the options say.',
      ]);
      return claimsIdle('No claim checks: the token is unsecured.');
    }
    if (!alg || !SIGNING_ALGS.includes(alg)) {
      const f = report.findings.find((x) => x.code === 'alg-unknown' || x.code === 'alg-missing');
      sigVerdict('unsupported', 'bad', alg ? `Cannot verify: jwtlens does not implement “${alg}”.` : 'Cannot verify: the header has no alg.', f ? f.detail : '');
      return claimsIdle('No claim checks without a verified signature.');
    }
    if (keyInfo.kind === 'empty') {
      sigVerdict('idle', 'idle', `Enter the ${alg.startsWith('HS') ? 'secret' : 'public key'} to verify this ${alg} signature.`, '');
      return claimsIdle('Claim checks run once the signature is verified.');
    }
    if (keyInfo.kind === 'error') {
      sigVerdict('invalid-key', 'warn', 'Invalid key', `The key box cannot be read: ${keyInfo.message}.`);
      return claimsIdle('Claim checks run once the signature is verified.');
    }
    try {
      lib.verifyJws(token, keyInfo.input, { algorithms: [alg], allowShortSecrets: true });
    } catch (err) {
      const e = describeError(err);
      if (KEY_ERRORS.has(e.code)) sigVerdict('invalid-key', 'warn', 'Invalid key for this token', errorDetail(e));
      else sigVerdict('not-verified', 'bad', 'Signature not verified', errorDetail(e));
      return claimsIdle('Claim checks run once the signature is verified.');
    }
    sigVerdict('verified', 'ok', 'Signature verified', `The ${alg} signature matches this key (${keyInfo.summary}).`);
    renderWeak(report, keyInfo, alg, true);

    const { options, error } = claimOptions();
    if (error) return claimVerdict('error', 'warn', 'Claim checks not run', error);
    try {
      lib.verify(token, keyInfo.input, { algorithms: [alg], requiredClaims: [], allowShortSecrets: true, ...options });
      const checked = [];
      const p = report.payload ?? {};
      if ('exp' in p) checked.push('exp');
      if ('nbf' in p) checked.push('nbf');
      if (options.issuer !== undefined) checked.push('iss');
      if (options.audience !== undefined) checked.push('aud');
      const tol = options.clockTolerance ? ` with ${options.clockTolerance} s of clock tolerance` : '';
      claimVerdict(
        'valid',
        'ok',
        'Claims valid',
        checked.length ? `Checked: ${checked.join(', ')}${tol}.` : 'No time claims in the token and no expected values given: nothing to check.',
      );
    } catch (err) {
      const e = describeError(err);
      const what = e.claim ? ` (claim ${e.claim}, ${e.reason ?? 'failed'})` : '';
      claimVerdict('invalid', 'bad', `Claim check failed${what}`, errorDetail(e));
    }
  }

  return { verificationKey, showDerivedNote, renderVerify };
}
