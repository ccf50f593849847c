//! The exports of the verifying builds (`jwtlens`, `jwtlens/lite`): decode, public keys and key
//! sets, options and verifiers, verify, verifyJws, inspect. The per-token calls go through the
//! lean crossing of `io.rs`: the token is in the input buffer, the result one JSON text in the
//! output buffer (`[headerJson, payloadJson, ...]`), which the JS layer parses once.

use super::io::{finish, push_number, text, with_input};
use super::{bind, throw, WasmKey};
use crate::error::Error;
use crate::key::Key;
use crate::validate::Validation;
use crate::verifier::Verifier;
use crate::verify::Verified;
use wasm_bindgen::prelude::*;

/// `decodeIo(len, maxBytes)`: decodes the token in the input; the output is
/// `[header,payload,start,dot1,dot2,end]`, the last four the byte offsets of the token's segments
/// in the input (after the pasting the core trims). Returns the output length.
#[wasm_bindgen(js_name = decodeIo)]
pub fn decode_io(len: usize, max_bytes: f64) -> u32 {
    finish(with_input(len, |input, out| {
        let token = text(input)?;
        let d = crate::token::decode_parts(token, max_bytes as usize)?;
        let [h, p, s] = d.segments;
        // h is a sub-slice of the input (trim_pasted and split3 only narrow it)
        let start = (h.as_ptr() as usize)
            .checked_sub(input.as_ptr() as usize)
            .ok_or_else(|| Error::Usage("segment outside the input".into()))?;
        out.push(b'[');
        out.extend_from_slice(d.header_json.as_bytes());
        out.push(b',');
        out.extend_from_slice(d.payload_json.as_bytes());
        for at in [
            start,
            start + h.len(),
            start + h.len() + 1 + p.len(),
            start + h.len() + p.len() + 2 + s.len(),
        ] {
            out.push(b',');
            push_number(out, at);
        }
        out.push(b']');
        Ok(out.len())
    }))
}

/// A JWK or JWKS as JSON text.
#[wasm_bindgen(js_name = keyFromJwk)]
pub fn key_from_jwk(json: &str, alg: Option<String>) -> Result<WasmKey, JsValue> {
    bind(jwk_key(json).map_err(throw)?, alg)
}

/// A JWK or JWKS for verifying, with the import rules for `use` / `key_ops`.
fn jwk_key(json: &str) -> Result<Key, Error> {
    let key = Key::from_jwk_json(json)?;
    key.check_import_usage("verify")?;
    Ok(key)
}

/// Verify options, read once from the JS layer's normalised JSON (`options.rs`).
#[wasm_bindgen]
pub struct WasmOptions {
    inner: Validation,
}

#[wasm_bindgen]
impl WasmOptions {
    #[wasm_bindgen(constructor)]
    pub fn new(options_json: &str) -> Result<WasmOptions, JsValue> {
        Ok(WasmOptions {
            inner: crate::options::validation(options_json).map_err(throw)?,
        })
    }
}

/// A prepared verifier: its own copy of the key, and the options.
#[wasm_bindgen]
pub struct WasmVerifier {
    inner: Verifier,
}

#[wasm_bindgen]
impl WasmVerifier {
    #[wasm_bindgen(constructor)]
    pub fn new(key: &WasmKey, options: &WasmOptions) -> WasmVerifier {
        WasmVerifier {
            inner: Verifier::new(key.inner.clone(), options.inner.clone()),
        }
    }
}

/// The output of a verified JWT: `[header,payload]`.
fn verified_out(r: &Verified, out: &mut Vec<u8>) -> usize {
    out.push(b'[');
    out.extend_from_slice(r.header_json.as_bytes());
    out.push(b',');
    out.extend_from_slice(r.payload_json.as_bytes());
    out.push(b']');
    out.len()
}

/// The time the JS layer passes: whole seconds, already checked.
fn seconds(now: f64) -> u64 {
    now as u64
}

/// `verifierIo(verifier, len, now)`: verifies the token in the input. Returns the output length.
#[wasm_bindgen(js_name = verifierIo)]
pub fn verifier_io(verifier: &WasmVerifier, len: usize, now: f64) -> u32 {
    finish(with_input(len, |input, out| {
        let r = verifier.inner.verify_at(text(input)?, seconds(now))?;
        Ok(verified_out(&r, out))
    }))
}

/// `verifyIo(key, options, len, now)`: as `verifierIo`, with a key and an options handle.
#[wasm_bindgen(js_name = verifyIo)]
pub fn verify_io(key: &WasmKey, options: &WasmOptions, len: usize, now: f64) -> u32 {
    finish(with_input(len, |input, out| {
        let r = crate::verify::verify_at(text(input)?, &key.inner, &options.inner, seconds(now))?;
        Ok(verified_out(&r, out))
    }))
}

/// A key given with the token (the "cold" forms): the first `key_len` bytes of the input are
/// the key (`kind` 0: a string, PEM or secret; 1: secret bytes; 2: a JWK or JWKS as JSON), the
/// token follows.
fn cold_key(kind: u32, bytes: &[u8]) -> Result<Key, Error> {
    match kind {
        0 => Key::from_string(text(bytes)?),
        1 => Key::from_secret(bytes),
        _ => jwk_key(text(bytes)?),
    }
}

fn split_cold(input: &[u8], key_len: usize) -> Result<(&[u8], &[u8]), Error> {
    if key_len > input.len() {
        return Err(Error::Usage("key length beyond the input".into()));
    }
    Ok(input.split_at(key_len))
}

/// `verifyColdIo(kind, keyLen, options, len, now)`: the input holds the key then the token.
#[wasm_bindgen(js_name = verifyColdIo)]
pub fn verify_cold_io(
    kind: u32,
    key_len: usize,
    options: &WasmOptions,
    len: usize,
    now: f64,
) -> u32 {
    finish(with_input(len, |input, out| {
        let (key, token) = split_cold(input, key_len)?;
        let key = cold_key(kind, key)?;
        let r = crate::verify::verify_at(text(token)?, &key, &options.inner, seconds(now))?;
        Ok(verified_out(&r, out))
    }))
}

/// The output of a verified JWS: the header's JSON text, then the payload bytes; returns the
/// header's length (the whole is `ioOutputLength()`).
fn verified_jws_out(
    token: &[u8],
    key: &Key,
    options: &Validation,
    out: &mut Vec<u8>,
) -> Result<usize, Error> {
    let r = crate::verify::verify_jws(text(token)?, key, options)?;
    out.extend_from_slice(r.header_json.as_bytes());
    out.extend_from_slice(&r.payload);
    Ok(r.header_json.len())
}

/// `verifyJwsIo(key, options, len)`: verifies the compact JWS in the input.
#[wasm_bindgen(js_name = verifyJwsIo)]
pub fn verify_jws_io(key: &WasmKey, options: &WasmOptions, len: usize) -> u32 {
    finish(with_input(len, |input, out| {
        verified_jws_out(input, &key.inner, &options.inner, out)
    }))
}

/// `verifyJwsColdIo(kind, keyLen, options, len)`: the input holds the key then the JWS.
#[wasm_bindgen(js_name = verifyJwsColdIo)]
pub fn verify_jws_cold_io(kind: u32, key_len: usize, options: &WasmOptions, len: usize) -> u32 {
    finish(with_input(len, |input, out| {
        let (key, token) = split_cold(input, key_len)?;
        verified_jws_out(token, &cold_key(kind, key)?, &options.inner, out)
    }))
}

/// `inspectTooLarge(bytes)` → the report on an input of `bytes` bytes over the inspect limit, as
/// JSON text: what `inspect` gives for it, asked for by size so that the JS layer need not copy
/// megabytes into wasm to be told they are too many.
#[wasm_bindgen(js_name = inspectTooLarge)]
pub fn inspect_too_large(bytes: f64) -> String {
    crate::inspect::too_large(bytes as usize).to_json()
}

/// `selectJwk(keys, token)` → a new key: the one of `keys` (a JWK Set) that `verify` would use
/// for `token` (`getKey` of a remote set, `crate::verify::select_jwk`).
#[wasm_bindgen(js_name = selectJwk)]
pub fn select_jwk(keys: &WasmKey, token: &str) -> Result<WasmKey, JsValue> {
    crate::verify::select_jwk(token, &keys.inner)
        .map(|inner| WasmKey { inner })
        .map_err(throw)
}

/// `limits()` → the byte limits the JS layer refuses by before copying into wasm, and the sizes
/// its io buffer views follow, as JSON text: `{maxTokenBytes, maxInspectBytes,
/// maxRemoteJwksBytes, ioKeepBytes, ioSmallBytes}`. The core is their one home.
#[wasm_bindgen(js_name = limits)]
pub fn limits() -> String {
    use super::io::{KEEP_BYTES, SMALL_BYTES};
    use crate::limits::{DEFAULT_MAX_TOKEN_BYTES, MAX_INSPECT_BYTES, MAX_REMOTE_JWKS_BYTES};
    format!(
        r#"{{"maxTokenBytes":{DEFAULT_MAX_TOKEN_BYTES},"maxInspectBytes":{MAX_INSPECT_BYTES},"maxRemoteJwksBytes":{MAX_REMOTE_JWKS_BYTES},"ioKeepBytes":{KEEP_BYTES},"ioSmallBytes":{SMALL_BYTES}}}"#
    )
}

/// `pastedHead(window, bearerKept)` → `[space, keep, after]` in UTF-16 code units: the pasting
/// noise at the start of a window of a pasted text (`crate::paste::pasted_head`). With
/// `pastedTail`, the JS layer drops megabytes of whitespace around a token without copying them
/// in, and without a rule of its own.
#[wasm_bindgen(js_name = pastedHead)]
pub fn pasted_head(window: &str, bearer_kept: bool) -> Vec<u32> {
    let h = crate::paste::pasted_head(window, bearer_kept);
    [h.space, h.keep, h.after]
        .into_iter()
        .map(|n| u32::try_from(n).unwrap_or(0))
        .collect()
}

/// `pastedTail(window)` → the trailing whitespace of a window at the end of a pasted text, in
/// UTF-16 code units (`crate::paste::pasted_tail`).
#[wasm_bindgen(js_name = pastedTail)]
pub fn pasted_tail(window: &str) -> u32 {
    u32::try_from(crate::paste::pasted_tail(window)).unwrap_or(0)
}

/// `inspect(token, now, secret?)` → the report as JSON text. Never throws.
#[wasm_bindgen(js_name = inspect)]
pub fn inspect_js(token: &str, now: f64, secret: Option<Vec<u8>>) -> String {
    crate::inspect::inspect(token, &crate::inspect::InspectOptions { now, secret }).to_json()
}

/// Bench hook, not API (`bench/compare.mjs`'s breakdown): runs the core of `decodeIo` `n` times
/// on the token in the input, inside wasm, and returns how many succeeded. Not in the `.d.ts`.
#[doc(hidden)]
#[wasm_bindgen(js_name = __jwtlens_bench_decode)]
pub fn bench_decode(len: usize, max_bytes: f64, n: u32) -> Result<u32, JsValue> {
    with_input(len, |input, _| {
        let token = text(input)?;
        Ok((0..n)
            .filter(|_| {
                crate::token::decode_parts(std::hint::black_box(token), max_bytes as usize).is_ok()
            })
            .count() as u32)
    })
}

/// Bench hook, not API: runs the core of `verifierIo` `n` times on the token in the input.
#[doc(hidden)]
#[wasm_bindgen(js_name = __jwtlens_bench_verifier)]
pub fn bench_verifier(
    verifier: &WasmVerifier,
    len: usize,
    now: f64,
    n: u32,
) -> Result<u32, JsValue> {
    with_input(len, |input, _| {
        let token = text(input)?;
        Ok((0..n)
            .filter(|_| {
                verifier
                    .inner
                    .verify_at(std::hint::black_box(token), seconds(now))
                    .is_ok()
            })
            .count() as u32)
    })
}
