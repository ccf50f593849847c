//! The JavaScript boundary: converts types and errors, nothing else.
//!
//! Failures are thrown as a JS array `[code, message, claim, reason]`; the hand-written JS
//! layer (`js/jwtlens.js`) turns them into `JwtError` or `TypeError`.

use crate::algorithm::Algorithm;
use crate::error::Error;
use crate::key::Key;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

fn throw(e: Error) -> JsValue {
    let arr = Array::new();
    arr.push(&JsValue::from_str(e.code()));
    arr.push(&JsValue::from_str(&e.to_string()));
    arr.push(&e.claim().map_or(JsValue::UNDEFINED, JsValue::from_str));
    arr.push(
        &e.reason()
            .map_or(JsValue::UNDEFINED, |r| JsValue::from_str(r.as_str())),
    );
    arr.into()
}

/// A prepared key held in wasm memory.
#[wasm_bindgen]
pub struct WasmKey {
    inner: Key,
}

fn bind(key: Key, alg: Option<String>) -> Result<WasmKey, JsValue> {
    let key = match alg {
        Some(a) => Algorithm::parse(&a)
            .and_then(|a| key.bind_alg(a))
            .map_err(throw)?,
        None => key,
    };
    Ok(WasmKey { inner: key })
}

/// `decode(token, maxBytes)` → `[headerJson, payloadJson, signature, segH, segP, segS]`.
#[wasm_bindgen(js_name = decode)]
pub fn decode_js(token: &str, max_bytes: f64) -> Result<Array, JsValue> {
    let d = crate::token::decode_with_limit(token, max_bytes as usize).map_err(throw)?;
    let out = Array::new();
    out.push(&JsValue::from_str(&d.header_json));
    out.push(&JsValue::from_str(&d.payload_json));
    out.push(&JsValue::from_str(&d.signature));
    for s in &d.segments {
        out.push(&JsValue::from_str(s));
    }
    Ok(out)
}

/// An HMAC secret as bytes.
#[wasm_bindgen(js_name = keyFromSecret)]
pub fn key_from_secret(bytes: &[u8], alg: Option<String>) -> Result<WasmKey, JsValue> {
    bind(Key::from_secret(bytes).map_err(throw)?, alg)
}

/// A string key: a PEM, or an HMAC secret as UTF-8.
#[wasm_bindgen(js_name = keyFromString)]
pub fn key_from_string(s: &str, alg: Option<String>) -> Result<WasmKey, JsValue> {
    bind(Key::from_string(s).map_err(throw)?, alg)
}

/// A JWK or JWKS as JSON text.
#[wasm_bindgen(js_name = keyFromJwk)]
pub fn key_from_jwk(json: &str, alg: Option<String>) -> Result<WasmKey, JsValue> {
    let key = Key::from_jwk_json(json).map_err(throw)?;
    key.check_import_usage(&["verify"]).map_err(throw)?;
    bind(key, alg)
}

/// `verify(token, key, optionsJson)` → `[headerJson, payloadJson]`.
#[wasm_bindgen(js_name = verify)]
pub fn verify_js(token: &str, key: &WasmKey, options_json: &str) -> Result<Array, JsValue> {
    let (v, now) = crate::options::validation(options_json).map_err(throw)?;
    let r = crate::verify::verify_at(token, &key.inner, &v, now).map_err(throw)?;
    let out = Array::new();
    out.push(&JsValue::from_str(&r.header_json));
    out.push(&JsValue::from_str(&r.payload_json));
    Ok(out)
}

/// `verifyJws(token, key, optionsJson)` → `[headerJson, payloadBytes]`.
#[wasm_bindgen(js_name = verifyJws)]
pub fn verify_jws_js(token: &str, key: &WasmKey, options_json: &str) -> Result<Array, JsValue> {
    let (v, _) = crate::options::validation(options_json).map_err(throw)?;
    let r = crate::verify::verify_jws(token, &key.inner, &v).map_err(throw)?;
    let out = Array::new();
    out.push(&JsValue::from_str(&r.header_json));
    out.push(&Uint8Array::from(r.payload.as_slice()).into());
    Ok(out)
}

/// A private JWK (or an `oct` JWK) as JSON text, for signing.
#[cfg(feature = "sign")]
#[wasm_bindgen(js_name = keyFromPrivateJwk)]
pub fn key_from_private_jwk(json: &str, alg: Option<String>) -> Result<WasmKey, JsValue> {
    let key = Key::from_private_jwk(json).map_err(throw)?;
    key.check_import_usage(&["sign", "verify"]).map_err(throw)?;
    bind(key, alg)
}

/// `inspect(token, now, secret?)` → the report as JSON text. Never throws.
#[wasm_bindgen(js_name = inspect)]
pub fn inspect_js(token: &str, now: f64, secret: Option<Vec<u8>>) -> String {
    crate::inspect::inspect(token, &crate::inspect::InspectOptions { now, secret }).to_json()
}

/// `sign(payloadJson, key, optionsJson)` → the compact JWS.
#[cfg(feature = "sign")]
#[wasm_bindgen(js_name = sign)]
pub fn sign_js(payload_json: &str, key: &WasmKey, options_json: &str) -> Result<String, JsValue> {
    let payload = crate::json::parse(payload_json)
        .map_err(|e| throw(Error::Usage(format!("payload: {e}"))))?;
    let (options, now) = crate::options::sign_options(options_json).map_err(throw)?;
    crate::sign::sign(&payload, &key.inner, &options, now).map_err(throw)
}

/// `generateKeyPair(alg, modulusLength)` → `[privateJwkJson, publicJwkJson]`.
#[cfg(feature = "sign")]
#[wasm_bindgen(js_name = generateKeyPair)]
pub fn generate_key_pair_js(alg: &str, modulus_length: u32) -> Result<Array, JsValue> {
    let pair = Algorithm::parse(alg)
        .and_then(|a| crate::key::generate_key_pair(a, modulus_length as usize))
        .map_err(throw)?;
    let out = Array::new();
    out.push(&JsValue::from_str(&pair.private_jwk.to_json()));
    out.push(&JsValue::from_str(&pair.public_jwk.to_json()));
    Ok(out)
}

/// `generateSecret(alg)` → random bytes of the hash length.
#[cfg(feature = "sign")]
#[wasm_bindgen(js_name = generateSecret)]
pub fn generate_secret_js(alg: &str) -> Result<Vec<u8>, JsValue> {
    Algorithm::parse(alg)
        .and_then(crate::key::generate_secret)
        .map_err(throw)
}

/// `toPem(jwkJson)` → SPKI or PKCS#8 PEM.
#[cfg(feature = "sign")]
#[wasm_bindgen(js_name = toPem)]
pub fn to_pem_js(jwk_json: &str) -> Result<String, JsValue> {
    crate::key::to_pem(jwk_json).map_err(throw)
}

/// Test hook, not API: makes the module trap on purpose, so the tests can show that the JS layer
/// recovers (issue 15). `kind` 0: a panic (`unreachable`); 1: an allocation the allocator cannot
/// satisfy (`unreachable` from its abort); 2: shadow-stack exhaustion (frames in linear memory:
/// "memory access out of bounds"); 3: wasm call-stack exhaustion (a `RangeError` in V8). Any other
/// kind returns normally. Named so that nobody calls it by accident; not in the `.d.ts`.
#[doc(hidden)]
#[wasm_bindgen(js_name = __jwtlens_test_trap)]
#[allow(clippy::panic)]
pub fn test_trap(kind: u32) -> u32 {
    match kind {
        0 => panic!("jwtlens test trap"),
        1 => {
            let n = std::hint::black_box(3_500_000_000usize);
            let v: Vec<u8> = vec![1u8; n];
            v.len() as u32
        }
        2 => shadow_frames(std::hint::black_box(u32::MAX)),
        3 => call_frames(std::hint::black_box(u32::MAX)),
        _ => 0,
    }
}

/// Recursion whose frames live in linear memory (a buffer the optimiser must keep).
#[inline(never)]
fn shadow_frames(n: u32) -> u32 {
    let mut buf = [0u8; 4096];
    if let Some(b) = buf.get_mut((n % 4096) as usize) {
        *b = n as u8;
    }
    let buf = std::hint::black_box(buf);
    if n == 0 {
        return 0;
    }
    let last = buf.get((n % 7) as usize).copied().unwrap_or(0);
    shadow_frames(n - 1).wrapping_add(u32::from(last))
}

/// Recursion with scalar frames only: the wasm call stack runs out, not the shadow stack.
#[inline(never)]
fn call_frames(n: u32) -> u32 {
    if n == 0 {
        return 1;
    }
    let r = call_frames(std::hint::black_box(n - 1));
    r.wrapping_mul(31) ^ n
}
