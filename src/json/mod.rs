//! A small, strict, bounded JSON parser (RFC 8259) for JOSE headers and JWT claims.
//!
//! Why not serde_json: we need duplicate-member detection (RFC 7515 §4, RFC 7519 §4 allow
//! rejecting them, and a parser that keeps the last member hides the attack), a depth limit
//! that cannot overflow the stack, positions for error messages, member order for signing, and
//! numbers kept as their exact text. Objects keep their members in order.
//!
//! Where things are: `parse.rs` is the bounded parser and its errors ([`parse`],
//! [`parse_bytes`], [`ParseError`]); `value.rs` holds [`Value`] and [`Number`] with their
//! accessors; `write.rs` is the compact serialiser ([`Value::to_json`], [`write_string`]).
//! [`MAX_DEPTH`] and [`MAX_MEMBERS`], in `parse.rs`, bound what the parser accepts.
//! Numbers and `f64` convert exactly without core's float parsing and formatting (a large share
//! of the wasm): `decimal.rs` reads the text, `display.rs` writes Rust's `{}` form ([`display`]),
//! both on the big integers of `bignum.rs`.

mod bignum;
mod decimal;
mod display;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod float_tests;
mod parse;
#[cfg(test)]
mod tests;
mod value;
mod write;

pub use parse::{
    parse, parse_bytes, Duplicates, ParseError, ParseErrorKind, Parsed, MAX_DEPTH, MAX_MEMBERS,
};
pub use value::{Number, Value};
pub use write::write_string;

/// `format!("{v}")` of a finite `f64` (shortest round-trip digits, no exponent), for messages;
/// `None` for NaN and the infinities.
pub(crate) fn display(v: f64) -> Option<String> {
    display::shortest(v)
}
