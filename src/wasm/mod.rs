//! The JavaScript boundary: converts types and errors, nothing else. One wasm per entry of the
//! package: the verifying builds (`jwtlens`, `jwtlens/lite`: no `sign` feature) export
//! `verify.rs`, the signing build (`jwtlens/sign`) exports `sign.rs`; both export the key
//! constructors and the test hook below.
//!
//! Failures are thrown as a JS array `[code, message, claim, reason]`; the hand-written JS
//! layer (`js/jwtlens.js`) turns them into `JwtError` or `TypeError`.

// The shipped wasm uses 32-bit limbs (.cargo/config.toml): without the cfg, crypto-bigint and the
// curves would multiply 64-bit limbs through `__multi3` calls, several times slower. An exported
// RUSTFLAGS replaces the config's flags; fail the build rather than ship the slow path.
#[cfg(not(cpubits = "32"))]
compile_error!(
    "build the wasm with --cfg cpubits=\"32\" (set in .cargo/config.toml; an exported RUSTFLAGS replaces it: unset it, or add the flag to it)"
);

#[cfg(not(feature = "sign"))]
mod io;
#[cfg(feature = "sign")]
mod sign;
#[cfg(not(feature = "sign"))]
mod verify;

use crate::algorithm::Algorithm;
use crate::error::Error;
use crate::key::Key;
use js_sys::Array;
use wasm_bindgen::prelude::*;

pub(crate) fn throw(e: Error) -> JsValue {
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
    pub(crate) inner: Key,
}

pub(crate) fn bind(key: Key, alg: Option<String>) -> Result<WasmKey, JsValue> {
    // The signing build's keys are for signing: a public key is refused at import.
    #[cfg(feature = "sign")]
    key.check_can_sign().map_err(throw)?;
    let key = match alg {
        Some(a) => Algorithm::parse(&a)
            .and_then(|a| key.bind_alg(a))
            .map_err(throw)?,
        None => key,
    };
    Ok(WasmKey { inner: key })
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
