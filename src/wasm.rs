//! The JavaScript boundary: converts types and errors, nothing else.
//!
//! Failures are thrown as a JS array `[code, message, claim, reason]`; the hand-written JS
//! layer (`js/jwtlens.js`) turns them into `JwtError` or `TypeError`.

use crate::error::Error;
use crate::key::Key;
use crate::validate::Validation;
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

pub(crate) fn now_seconds() -> u64 {
    let ms = js_sys::Date::now();
    if ms.is_finite() && ms > 0.0 {
        (ms / 1000.0) as u64
    } else {
        0
    }
}

/// A prepared key held in wasm memory.
#[wasm_bindgen]
pub struct WasmKey {
    inner: Key,
}

fn bind(key: Key, alg: Option<String>) -> Result<WasmKey, JsValue> {
    let key = match alg {
        Some(a) => key.bind_alg(&a).map_err(throw)?,
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
    bind(Key::from_jwk_json(json).map_err(throw)?, alg)
}

/// `verify(token, key, optionsJson)` → `[headerJson, payloadJson]`.
#[wasm_bindgen(js_name = verify)]
pub fn verify_js(token: &str, key: &WasmKey, options_json: &str) -> Result<Array, JsValue> {
    let (v, now) = Validation::from_options_json(options_json).map_err(throw)?;
    let r = crate::verify::verify_at(token, &key.inner, &v, now).map_err(throw)?;
    let out = Array::new();
    out.push(&JsValue::from_str(&r.header_json));
    out.push(&JsValue::from_str(&r.payload_json));
    Ok(out)
}

/// `verifyJws(token, key, optionsJson)` → `[headerJson, payloadBytes]`.
#[wasm_bindgen(js_name = verifyJws)]
pub fn verify_jws_js(token: &str, key: &WasmKey, options_json: &str) -> Result<Array, JsValue> {
    let (v, _) = Validation::from_options_json(options_json).map_err(throw)?;
    let r = crate::verify::verify_jws(token, &key.inner, &v).map_err(throw)?;
    let out = Array::new();
    out.push(&JsValue::from_str(&r.header_json));
    out.push(&Uint8Array::from(r.payload.as_slice()).into());
    Ok(out)
}
