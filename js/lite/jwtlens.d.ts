// jwtlens/lite: the same functions and types as the full entry for what it has. Asymmetric
// algorithms and keys (RS*, PS*, ES*, EdDSA, Ed25519; PEM, RSA/EC/OKP JWKs) are
// ERR_JOSE_NOT_SUPPORTED. Signing is in jwtlens/sign (the old names are stubs that throw).
export { decode, verify, verifyJws, importKey, createVerifier, inspect, sign, generateKeyPair, generateSecret, toPem, JwtError, Key, initSync } from '../jwtlens.js';
export { default } from '../jwtlens.js';
export type {
  Algorithm, JwtErrorCode, ClaimFailureReason, Jwk, Jwks, KeyInput, JwsVerifyOptions, VerifyOptions, Decoded,
  Verified, VerifiedJws, Verifier, VerifierOptions, VerifierCallOptions, Severity, FindingCode, Finding, ClaimInfo, Report, InspectOptions, WasmSource, InitInput,
} from '../jwtlens.js';
