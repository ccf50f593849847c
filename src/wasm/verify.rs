//! The exports of the verifying builds (`jwtlens`, `jwtlens/lite`): decode, public keys and key
//! sets, verify, verifyJws, inspect.

use super::{bind, throw, WasmKey};
use crate::key::Key;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

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

/// A JWK or JWKS as JSON text.
#[wasm_bindgen(js_name = keyFromJwk)]
pub fn key_from_jwk(json: &str, alg: Option<String>) -> Result<WasmKey, JsValue> {
    let key = Key::from_jwk_json(json).map_err(throw)?;
    key.check_import_usage("verify").map_err(throw)?;
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

/// `inspect(token, now, secret?)` → the report as JSON text. Never throws.
#[wasm_bindgen(js_name = inspect)]
pub fn inspect_js(token: &str, now: f64, secret: Option<Vec<u8>>) -> String {
    crate::inspect::inspect(token, &crate::inspect::InspectOptions { now, secret }).to_json()
}
