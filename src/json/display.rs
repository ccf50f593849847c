//! `f64` to decimal text, byte for byte as Rust's `format!("{v}")` and, for whole numbers,
//! `format!("{v:.0}")` write it, without core's `flt2dec` (Grisu, Dragon and their tables).
//!
//! - [`integer`]: a whole `f64` below 2^70 has exact integer digits: `{v:.0}`.
//! - [`shortest`]: `{v}` is the shortest digit string that reads back as `v` (the closest
//!   such one; an exact tie rounds the last digit up), written without an exponent. The digits
//!   come from the free-format algorithm of Steele & White as Burger & Dybvig describe it, on
//!   exact big integers: `v`, and the bounds of the interval of reals that round to `v`, are
//!   fractions over one scale, and each digit is an integer quotient. Rust's choices where the
//!   interval is in doubt are kept: its bounds are inclusive when the mantissa is even (always
//!   for subnormals), and a power of two has the narrower lower gap (also `f64::MIN_POSITIVE`).

use super::bignum::Big;

/// `{v:.0}` of a whole number `v` with `|v| < 2^70` (`-0` for negative zero): its exact digits.
/// `None` for anything else.
pub(super) fn integer(v: f64) -> Option<String> {
    const TWO_32: f64 = 4_294_967_296.0;
    const E9: u64 = 1_000_000_000;
    let x = v.abs();
    // NaN and the infinities have a NaN fraction.
    if v.fract() != 0.0 || x >= 1_180_591_620_717_411_303_424.0 {
        return None;
    }
    // x = hi × 2^32 + lo, both parts exact; then x = top × 10^9 + low with u64 arithmetic only
    // (u128 formatting would add its own code to the wasm).
    let hi = (x / TWO_32).floor();
    let lo = (x - hi * TWO_32) as u64;
    let hi = hi as u64; // < 2^38
    let mid = ((hi % E9) << 32) + lo; // < 10^9 × 2^32 < 2^62
    let top = ((hi / E9) << 32) + mid / E9;
    let low = mid % E9;
    let sign = if v.is_sign_negative() { "-" } else { "" };
    Some(if top > 0 {
        format!("{sign}{top}{low:09}")
    } else {
        format!("{sign}{low}")
    })
}

/// `{v}` of a finite `v`: the shortest round-trip digits, no exponent (`1e21` is
/// `1000000000000000000000`, `5e-324` is `0.000…005`), `-` for any negative value (`-0`).
/// `None` for NaN and the infinities.
pub(super) fn shortest(v: f64) -> Option<String> {
    if !v.is_finite() {
        return None;
    }
    let mut out = String::from(if v.is_sign_negative() { "-" } else { "" });
    if v == 0.0 {
        out.push('0');
        return Some(out);
    }
    let (digits, k) = shortest_digits(v.abs());
    // The value is 0.d1d2…dn × 10^k.
    let n = digits.len();
    let digits = String::from_utf8_lossy(&digits);
    match usize::try_from(k) {
        Err(_) | Ok(0) => {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', k.unsigned_abs() as usize));
            out.push_str(&digits);
        }
        Ok(k) if k < n => {
            out.push_str(digits.get(..k).unwrap_or_default());
            out.push('.');
            out.push_str(digits.get(k..).unwrap_or_default());
        }
        Ok(k) => {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', k - n));
        }
    }
    Some(out)
}

/// The shortest digits (ASCII) and the exponent `k` of a finite `v > 0` = `0.digits × 10^k`.
fn shortest_digits(v: f64) -> (Vec<u8>, i64) {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    // v = mant × 2^e; the reals in [(mant - minus) × 2^e, (mant + plus) × 2^e] read back as v
    // (the ends included when `inclusive`).
    let (mant, minus, plus, e, inclusive) = if biased == 0 {
        (fraction << 1, 1, 1, -1075, true)
    } else if fraction == 0 {
        ((1u64 << 52) << 2, 1, 2, biased - 1075 - 2, true)
    } else {
        (
            (fraction | 1 << 52) << 1,
            1,
            1,
            biased - 1075 - 1,
            fraction & 1 == 0,
        )
    };
    // r / s = v / 10^k, low_gap / s = (v - low) / 10^k, high_gap / s = (high - v) / 10^k.
    let (mut r, mut low_gap, mut high_gap) = (
        Big::from_u64(mant),
        Big::from_u64(minus),
        Big::from_u64(plus),
    );
    let mut s = Big::from_u64(1);
    if e >= 0 {
        for x in [&mut r, &mut low_gap, &mut high_gap] {
            x.shl(e as u64);
        }
    } else {
        s.shl(e.unsigned_abs());
    }
    // `past(a, b)`: a is beyond b, counting the bound itself when it is inclusive.
    let past = |a: &Big, b: &Big| if inclusive { a >= b } else { a > b };
    // Estimate k from the bit length of high (log10 2 ≈ 78913 / 2^18, a little under), then
    // settle it: high is not past 10^k, but past 10^(k-1).
    let high_bits = 64 - i64::from((mant + plus).leading_zeros()) + e;
    let mut k = ((high_bits - 1) * 78_913) >> 18;
    let scale_by = |xs: [&mut Big; 3], n: i64| {
        for x in xs {
            x.mul_pow10(u32::try_from(n).unwrap_or(0));
        }
    };
    if k >= 0 {
        s.mul_pow10(u32::try_from(k).unwrap_or(0));
    } else {
        scale_by([&mut r, &mut low_gap, &mut high_gap], -k);
    }
    while past(&r.plus(&high_gap), &s) {
        s.mul_pow10(1);
        k += 1;
    }
    loop {
        let mut high = r.plus(&high_gap);
        high.mul_pow10(1);
        if past(&high, &s) {
            break;
        }
        scale_by([&mut r, &mut low_gap, &mut high_gap], 1);
        k -= 1;
    }
    // One digit per round: the integer part of r / s after multiplying by ten. Stop as soon as
    // the digits so far (`down`) or the last one raised by one (`up`) lie within the interval;
    // at most 17 digits are ever needed (the bound is only a guard).
    let mut digits = Vec::with_capacity(17);
    let (mut down, mut up) = (false, false);
    while digits.len() < 40 {
        scale_by([&mut r, &mut low_gap, &mut high_gap], 1);
        let mut d = 0u8;
        while d < 9 && r >= s {
            r.sub(&s);
            d += 1;
        }
        digits.push(b'0' + d);
        down = if inclusive { r <= low_gap } else { r < low_gap };
        up = past(&r.plus(&high_gap), &s);
        if down || up {
            break;
        }
    }
    // Both possible: take the closer, and on an exact tie the raised digit.
    let mut twice = r;
    twice.shl(1);
    if up && (!down || twice >= s) && round_up(&mut digits) {
        k += 1;
    }
    (digits, k)
}

/// Adds one to the last digit and carries; `true` when all were nines (the digits become
/// `10…0`, one longer, so the exponent grows by one).
fn round_up(digits: &mut Vec<u8>) -> bool {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return false;
        }
    }
    if let Some(first) = digits.first_mut() {
        *first = b'1';
    }
    digits.push(b'0');
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases_match_core() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            0.1,
            0.3,
            1.5,
            -2.5,
            1e21,
            1e22,
            1e23,
            1e300,
            1e-7,
            5e-324,
            1e-323,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            2f64.powi(60),
            2f64.powi(-1022) * 3.0,
            9007199254740993.0,
            1_700_000_000.0,
            1_700_000_000.5,
            123456789012.12345,
            1.7976931348623157e300,
        ] {
            assert_eq!(shortest(v).unwrap(), format!("{v}"), "{v:e}");
            if let Some(s) = integer(v) {
                assert_eq!(s, format!("{v:.0}"), "{v:e}");
            }
        }
        assert_eq!(shortest(f64::NAN), None);
        assert_eq!(shortest(f64::INFINITY), None);
        assert_eq!(integer(0.5), None);
        assert_eq!(integer(1e21).as_deref(), Some("1000000000000000000000"));
        assert_eq!(integer(2f64.powi(70)), None);
        assert_eq!(
            integer(-(2f64.powi(69))).unwrap(),
            format!("{:.0}", -(2f64.powi(69)))
        );
    }
}
