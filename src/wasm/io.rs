//! The lean crossing (issue 20): one input buffer and one output buffer in linear memory, reused
//! by every call. JS writes the token (and a cold key) into the input with `encodeInto`, calls an
//! export with lengths and numbers only, and reads one JSON text back from the output; no string
//! is allocated and freed per call by the glue, and no JS array is built on the Rust side. An io
//! call returns the output length, or [`FAILED`] with its error kept for `ioTakeError()`.
//!
//! Wasm runs one call at a time, so the buffers are plain thread-locals: a call takes them,
//! fills the output, and the JS layer reads it before it makes the next call.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

use super::throw;
use crate::error::Error;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static FAILURE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// What an io call returns when it failed: its error is then taken with `ioTakeError()`. A plain
/// number, not a `Result`: wasm-bindgen returns a `Result` as a three-value array, one more
/// allocation per call.
pub(crate) const FAILED: u32 = u32::MAX;

/// A buffer grown past this many bytes for one huge input or output is given back afterwards
/// (the input's once a later input fits in [`SMALL_BYTES`], the output's at the next call), so
/// one huge token does not keep its buffers alive. The JS layer's views follow the same sizes,
/// read from `limits()`.
pub(crate) const KEEP_BYTES: usize = 1 << 20;
/// See [`KEEP_BYTES`].
pub(crate) const SMALL_BYTES: usize = 1 << 16;

/// The length of the output, or [`FAILED`] with the error kept for `ioTakeError()`.
pub(crate) fn finish(result: Result<usize, JsValue>) -> u32 {
    match result {
        Ok(n) => match u32::try_from(n) {
            Ok(n) if n != FAILED => n,
            _ => {
                let e = super::throw(Error::Usage("the output is over 4 GiB".into()));
                FAILURE.with(|f| *f.borrow_mut() = Some(e));
                FAILED
            }
        },
        Err(e) => {
            FAILURE.with(|f| *f.borrow_mut() = Some(e));
            FAILED
        }
    }
}

/// The error of the last io call that returned [`FAILED`] (`[code, message, claim, reason]`).
#[wasm_bindgen(js_name = ioTakeError)]
pub fn io_take_error() -> JsValue {
    FAILURE
        .with(|f| f.borrow_mut().take())
        .unwrap_or(JsValue::UNDEFINED)
}

/// The module's memory, for the JS layer's views of the buffers.
#[wasm_bindgen(js_name = ioMemory)]
pub fn io_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Makes the input buffer at least `len` bytes long and returns its address. The memory may
/// grow (JS then renews its view).
#[wasm_bindgen(js_name = ioInput)]
pub fn io_input(len: usize) -> usize {
    INPUT.with(|b| {
        let mut b = b.borrow_mut();
        // One huge token does not keep its buffer alive for every later small one.
        if b.len() > KEEP_BYTES && len <= SMALL_BYTES {
            *b = Vec::new();
        }
        if b.len() < len {
            b.resize(len, 0);
        }
        b.as_ptr() as usize
    })
}

/// The address of the output of the last call.
#[wasm_bindgen(js_name = ioOutput)]
pub fn io_output() -> usize {
    OUTPUT.with(|b| b.borrow().as_ptr() as usize)
}

/// The capacity of the output buffer: while outputs fit in it (and it is at most [`KEEP_BYTES`], see
/// `with_input`), its address stays the same.
#[wasm_bindgen(js_name = ioOutputCapacity)]
pub fn io_output_capacity() -> usize {
    OUTPUT.with(|b| b.borrow().capacity())
}

/// The length of the output of the last call.
#[wasm_bindgen(js_name = ioOutputLength)]
pub fn io_output_length() -> usize {
    OUTPUT.with(|b| b.borrow().len())
}

/// Runs `f` on the first `len` bytes of the input as text, with the output emptied for it to
/// fill; returns what `f` returns. The input is what `encodeInto` wrote, so it is UTF-8; it is
/// still checked (a caller of the raw exports could write anything).
pub(crate) fn with_input<T>(
    len: usize,
    f: impl FnOnce(&[u8], &mut Vec<u8>) -> Result<T, Error>,
) -> Result<T, JsValue> {
    INPUT.with(|input| {
        OUTPUT.with(|output| {
            let input = input.borrow();
            let mut output = output.borrow_mut();
            output.clear();
            let bytes = input
                .get(..len)
                .ok_or_else(|| throw(Error::Usage("input length beyond the buffer".into())))?;
            // A large output from an earlier call is not kept alive forever.
            if output.capacity() > KEEP_BYTES {
                *output = Vec::new();
            }
            f(bytes, &mut output).map_err(throw)
        })
    })
}

/// The input bytes as text.
pub(crate) fn text(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes)
        .map_err(|_| Error::Usage("the input (token or key text) is not UTF-8".into()))
}

/// Appends a number in decimal.
pub(crate) fn push_number(out: &mut Vec<u8>, n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        if let Some(d) = digits.get_mut(i) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(i..).unwrap_or(&[]));
}
