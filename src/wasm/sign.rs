//! The exports of the signing build (`jwtlens/sign`): signing keys, sign, signJws, key and secret
//! generation, PEM and public-JWK export.

use super::{bind, throw, WasmKey};
use crate::algorithm::Algorithm;
use crate::error::Error;
use crate::key::Key;
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// A private JWK (or an `oct` JWK) as JSON text, for signing.
#[wasm_bindgen(js_name = keyFromPrivateJwk)]
pub fn key_from_private_jwk(json: &str, alg: Option<String>) -> Result<WasmKey, JsValue> {
    let key = Key::from_private_jwk(json).map_err(throw)?;
    key.check_import_usage("sign").map_err(throw)?;
    bind(key, alg)
}

/// `sign(payloadJson, key, optionsJson)` → the compact JWS.
#[wasm_bindgen(js_name = sign)]
pub fn sign_js(payload_json: &str, key: &WasmKey, options_json: &str) -> Result<String, JsValue> {
    let payload = crate::json::parse(payload_json)
        .map_err(|e| throw(Error::Usage(format!("payload: {e}"))))?;
    let (options, now) = crate::options::sign_options(options_json).map_err(throw)?;
    crate::sign::sign(&payload, &key.inner, &options, now).map_err(throw)
}

/// `signJws(payloadBytes, key, optionsJson)` → the compact JWS of any payload bytes.
#[wasm_bindgen(js_name = signJws)]
pub fn sign_jws_js(payload: &[u8], key: &WasmKey, options_json: &str) -> Result<String, JsValue> {
    let (options, _) = crate::options::sign_options(options_json).map_err(throw)?;
    crate::sign::sign_jws(payload, &key.inner, &options).map_err(throw)
}

/// `publicJwk(key)` → the public JWK of a private key, as JSON text.
#[wasm_bindgen(js_name = publicJwk)]
pub fn public_jwk_js(key: &WasmKey) -> Result<String, JsValue> {
    key.inner.public_jwk().map(|v| v.to_json()).map_err(throw)
}

/// `generateKeyPair(alg, modulusLength)` → `[privateJwkJson, publicJwkJson]`.
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
#[wasm_bindgen(js_name = generateSecret)]
pub fn generate_secret_js(alg: &str) -> Result<Vec<u8>, JsValue> {
    Algorithm::parse(alg)
        .and_then(crate::key::generate_secret)
        .map_err(throw)
}

/// `toPem(jwkJson)` → SPKI or PKCS#8 PEM.
#[wasm_bindgen(js_name = toPem)]
pub fn to_pem_js(jwk_json: &str) -> Result<String, JsValue> {
    crate::key::to_pem(jwk_json).map_err(throw)
}
