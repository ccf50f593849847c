//! JSON number text to the nearest `f64`, correctly rounded (ties to even) as `str::parse::<f64>`
//! does, without core's `dec2flt` (its code and 10 KB of tables are a large share of the wasm).
//!
//! Two paths, both exact:
//! - **Clinger's fast path**: at most 19 significant digits making an integer `D <= 2^53` and a
//!   decimal exponent `|e| <= 22`. `D` and `10^|e|` are then both exact `f64`s, and one IEEE
//!   multiplication or division of exact operands is correctly rounded. JWT times
//!   (`1700000000`, `1700000000.5`) always take it.
//! - **Big integers** otherwise: the value is the fraction `A / B` of two integers (`D * 10^e / 1`
//!   or `D / 10^-e`); 55 bits of the quotient, and whether a remainder is left, decide the
//!   rounding exactly. Past 800 significant digits the rest only matters as "more than zero":
//!   every halfway point between two `f64`s has at most 767 significant digits, so the first
//!   800 digits followed by a `1` round the same way as the full text.

use super::bignum::Big;

/// Significant digits kept; the rest only tells whether something non-zero was left out.
const MAX_DIGITS: usize = 800;

/// `10^0 ..= 10^22`: every one an exact `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The nearest `f64` to a number in the RFC 8259 grammar (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`),
/// infinite past `f64::MAX` and a signed zero below the smallest subnormal. Only grammatical
/// text may be passed (the parser never builds a [`super::Number`] from anything else): text
/// that is not a number at all gives NaN, but some near-misses (`.5`, `1.`, `01`) are read as
/// numbers.
pub(super) fn parse(text: &str) -> f64 {
    if let Some(v) = small_integer(text) {
        return v;
    }
    let Some(d) = Decimal::read(text) else {
        return f64::NAN;
    };
    let magnitude = d.magnitude();
    if d.negative {
        -magnitude
    } else {
        magnitude
    }
}

/// An integer of at most 15 digits, exact in an `f64`, read without allocating: the usual claim
/// values (`exp`, `iat`, `nbf`). Anything else is left to [`Decimal`].
fn small_integer(text: &str) -> Option<f64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut n: u64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    // 10^15 < 2^53: the conversion is exact
    let v = n as f64;
    Some(if negative { -v } else { v })
}

/// `±D × 10^exp10`, `D` given by its significant digits (no leading zeros; no trailing zeros
/// unless digits were left out, then the last digit is the `1` that stands for them).
struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    exp10: i64,
}

impl Decimal {
    fn read(text: &str) -> Option<Decimal> {
        let mut bytes = text.as_bytes();
        let negative = bytes.first() == Some(&b'-');
        if negative {
            bytes = bytes.get(1..)?;
        }
        let mut d = Decimal {
            negative,
            digits: Vec::new(),
            exp10: 0,
        };
        let mut truncated = false;
        let mut fraction = false;
        let mut any_digit = false;
        let mut rest = bytes.iter();
        let mut exponent_part = false;
        for &c in rest.by_ref() {
            match c {
                b'0'..=b'9' => {
                    any_digit = true;
                    let v = c - b'0';
                    if d.digits.is_empty() && v == 0 {
                        // A leading zero: only its place counts.
                        d.exp10 -= i64::from(fraction);
                    } else if d.digits.len() < MAX_DIGITS {
                        d.digits.push(v);
                        d.exp10 -= i64::from(fraction);
                    } else {
                        truncated |= v != 0;
                        d.exp10 += i64::from(!fraction);
                    }
                }
                b'.' if !fraction => fraction = true,
                b'e' | b'E' => {
                    exponent_part = true;
                    break;
                }
                _ => return None,
            }
        }
        if !any_digit {
            return None;
        }
        if exponent_part {
            let rest = rest.as_slice();
            let (sign, digits) = match rest.first() {
                Some(b'-') => (-1, rest.get(1..)?),
                Some(b'+') => (1, rest.get(1..)?),
                _ => (1, rest),
            };
            if digits.is_empty() {
                return None;
            }
            let mut e: i64 = 0;
            for &c in digits {
                if !c.is_ascii_digit() {
                    return None;
                }
                // Saturates far beyond any exponent that still gives a finite non-zero value.
                e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
            }
            d.exp10 += sign * e;
        }
        if truncated {
            d.digits.push(1);
            d.exp10 -= 1;
        } else {
            while d.digits.last() == Some(&0) {
                d.digits.pop();
                d.exp10 += 1;
            }
        }
        Some(d)
    }

    /// The magnitude `D × 10^exp10`, correctly rounded.
    fn magnitude(&self) -> f64 {
        let n = self.digits.len() as i64;
        if n == 0 || n + self.exp10 <= -324 {
            // Zero, or below 10^-324, under half the smallest subnormal (2^-1075 = 2.47e-324).
            return 0.0;
        }
        if n - 1 + self.exp10 >= 309 {
            // At least 10^309, past f64::MAX and half an ulp (1.8e308).
            return f64::INFINITY;
        }
        if n <= 19 {
            let mantissa = self
                .digits
                .iter()
                .fold(0u64, |acc, &v| acc * 10 + u64::from(v));
            if mantissa <= 1 << 53 {
                let exact = mantissa as f64;
                let pow = |e: i64| usize::try_from(e).ok().and_then(|i| POW10.get(i)).copied();
                if let Some(p) = pow(self.exp10) {
                    return exact * p;
                }
                if let Some(p) = pow(-self.exp10) {
                    return exact / p;
                }
            }
        }
        self.by_big_integers()
    }

    /// The slow exact path: `D × 10^exp10` as the fraction `a / b`, rounded from 55 quotient
    /// bits and the remainder.
    fn by_big_integers(&self) -> f64 {
        let mut a = Big::from_u64(0);
        for chunk in self.digits.chunks(9) {
            let v = chunk.iter().fold(0u32, |acc, &v| acc * 10 + u32::from(v));
            a.mul_add_small(10u32.pow(chunk.len() as u32), v);
        }
        let mut b = Big::from_u64(1);
        // |exp10| < 1,200 here: `magnitude` returned early otherwise.
        let e = u32::try_from(self.exp10.unsigned_abs()).unwrap_or(u32::MAX);
        if self.exp10 >= 0 {
            a.mul_pow10(e);
        } else {
            b.mul_pow10(e);
        }
        // a * 2^t / b is in (2^53, 2^55).
        let t = 54 - a.bit_len() as i64 + b.bit_len() as i64;
        if t >= 0 {
            a.shl(t as u64);
        } else {
            b.shl(t.unsigned_abs());
        }
        let (q, inexact) = divide(a, &b);
        round(q, inexact, t)
    }
}

/// `floor(a / b)` and whether a remainder is left, for `a < b * 2^55`.
fn divide(mut a: Big, b: &Big) -> (u64, bool) {
    let mut b = b.clone();
    b.shl(54);
    let mut q = 0u64;
    for _ in 0..55 {
        q <<= 1;
        if a >= b {
            a.sub(&b);
            q |= 1;
        }
        a.shl(1);
    }
    (q, !a.is_zero())
}

/// The `f64` nearest to `(q + r) × 2^-t`, where `q` is in `[2^53, 2^55)` and `0 <= r < 1` is
/// non-zero when `inexact`: ties to even, subnormals and overflow included.
fn round(q: u64, inexact: bool, t: i64) -> f64 {
    // Drop 1 or 2 bits to keep 53; more when the result is subnormal (2^-1074 is the last bit).
    let normal_drop: i64 = if q >> 54 != 0 { 2 } else { 1 };
    let drop = normal_drop.max(t - 1074);
    let p = drop - t; // the result is m × 2^p
    let (mut m, half, below) = if drop > 64 {
        (0, false, true)
    } else {
        let drop = drop as u32;
        let m = q.checked_shr(drop).unwrap_or(0);
        let half = (q >> (drop - 1)) & 1 == 1;
        let below = q & ((1u64 << (drop - 1)) - 1) != 0 || inexact;
        (m, half, below)
    };
    let mut p = p;
    if half && (below || m & 1 == 1) {
        m += 1;
        if m == 1 << 53 {
            m = 1 << 52;
            p += 1;
        }
    }
    if p + 1075 >= 2047 {
        return f64::INFINITY;
    }
    // m < 2^52 only when p = -1074 (a subnormal); m = 2^52 there is the smallest normal.
    f64::from_bits(m + (((p + 1074) as u64) << 52))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases_match_core() {
        let cases = "\
            0 -0 0.0 -0.0e5 1 1e400 -1e400 5e-324 2e-324 3e-324 2.4703282292062327e-324 \
            2.4703282292062328e-324 4.9406564584124654e-324 2.2250738585072011e-308 \
            2.2250738585072014e-308 1.7976931348623157e308 1.7976931348623158e308 \
            1.7976931348623159e308 9007199254740993 9007199254740992 9007199254740991 \
            9007199254740995 1700000000 1700000000.5 1.7e9 0.1 0.3 1e23 1e22 8.98846567431158e307 \
            123456789012345678901234567890 1e-400 0.000001 1e0 1E+2 1e-7 12345678901234567890 \
            18446744073709551615 18446744073709551616";
        for s in cases.split_whitespace() {
            let want: f64 = s.parse().unwrap();
            let got = parse(s);
            assert_eq!(got.to_bits(), want.to_bits(), "{s}: {got:e} != {want:e}");
        }
    }

    #[test]
    fn long_texts_round_like_core() {
        // A halfway point followed by enough digits to need the truncation rule.
        let half = "9007199254740993";
        for tail in ["", "0", "00000001"] {
            for pad in [0usize, 790, 2000] {
                let s = format!("{half}.{}{tail}", "0".repeat(pad));
                assert_eq!(
                    parse(&s).to_bits(),
                    s.parse::<f64>().unwrap().to_bits(),
                    "{s}"
                );
            }
        }
        let s = format!("0.{}1e400", "0".repeat(5000));
        assert_eq!(parse(&s), s.parse::<f64>().unwrap());
        let s = format!("{}e-900", "9".repeat(1000));
        assert_eq!(parse(&s).to_bits(), s.parse::<f64>().unwrap().to_bits());
        assert_eq!(parse("1e99999999999999999999999999"), f64::INFINITY);
        assert_eq!(parse("1e-99999999999999999999999999"), 0.0);
    }

    #[test]
    fn text_outside_the_grammar_is_nan() {
        for s in ["", "-", "e5", "1e", "1e+", "1.2.3", "0x10", "1 "] {
            assert!(parse(s).is_nan(), "{s}");
        }
    }
}
