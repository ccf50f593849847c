//! Differential tests of `decimal.rs` and `display.rs` against core's own conversions (native
//! only: proptest), which the crate used before and must match bit for bit and byte for byte.
// Tests stop loudly on a failure: the no-panic lints are for the core.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::decimal::parse;
use super::display::{integer, shortest};
use super::Number;
use proptest::prelude::*;

/// Core's reading of a JSON number text, the oracle.
fn core_parse(s: &str) -> f64 {
    s.parse::<f64>().unwrap()
}

fn same_parse(s: &str) -> Result<(), TestCaseError> {
    let (got, want) = (parse(s), core_parse(s));
    prop_assert_eq!(
        got.to_bits(),
        want.to_bits(),
        "{}: {:e} != {:e}",
        s,
        got,
        want
    );
    Ok(())
}

/// The exact decimal expansion of a finite `v >= 0`, as `(integer digits, 1100 fraction digits)`.
fn exact(v: f64) -> (String, String) {
    let s = format!("{v:.1100}");
    let (i, f) = s.split_once('.').unwrap();
    (i.to_owned(), f.to_owned())
}

/// The exact midpoint of two finite non-negative `f64`s, as decimal text (it needs at most
/// 1075 fraction digits).
fn midpoint(a: f64, b: f64) -> String {
    let ((ai, af), (bi, bf)) = (exact(a), exact(b));
    let width = ai.len().max(bi.len()) + 1;
    let a = format!("{ai:0>width$}{af}");
    let b = format!("{bi:0>width$}{bf}");
    let mut sum = vec![0u8; a.len()];
    let mut carry = 0;
    for (i, (x, y)) in a.bytes().zip(b.bytes()).enumerate().rev() {
        let t = (x - b'0') + (y - b'0') + carry;
        sum[i] = t % 10;
        carry = t / 10;
    }
    let mut half = Vec::with_capacity(sum.len() + 1);
    let mut rem = 0;
    for d in sum.into_iter().chain([0]) {
        let t = rem * 10 + d;
        half.push(b'0' + t / 2);
        rem = t % 2;
    }
    let (int, frac) = half.split_at(width);
    let int = String::from_utf8(int.to_vec()).unwrap();
    let int = int.trim_start_matches('0');
    let frac = String::from_utf8(frac.to_vec()).unwrap();
    format!(
        "{}.{}",
        if int.is_empty() { "0" } else { int },
        frac.trim_end_matches('0')
    )
    .trim_end_matches('.')
    .to_owned()
}

fn json_number() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop_oneof!["0", "[1-9][0-9]{0,30}"],
        proptest::option::of("[0-9]{1,30}"),
        proptest::option::of((
            "[eE]",
            prop_oneof!["", "\\+", "-"],
            prop_oneof!["[0-9]{1,2}", "[0-9]{3}", "0*[0-9]{1,4}"],
        )),
    )
        .prop_map(|(neg, int, frac, exp)| {
            let mut s = String::from(if neg { "-" } else { "" });
            s.push_str(&int);
            if let Some(f) = frac {
                s.push('.');
                s.push_str(&f);
            }
            if let Some((e, sign, digits)) = exp {
                s.push_str(&e);
                s.push_str(&sign);
                s.push_str(&digits);
            }
            s
        })
}

fn finite() -> impl Strategy<Value = f64> {
    any::<u64>()
        .prop_map(f64::from_bits)
        .prop_filter("finite", |v| v.is_finite())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn json_texts_parse_like_core(s in json_number()) {
        same_parse(&s)?;
    }

    #[test]
    fn printed_floats_parse_like_core(v in finite(), digits in 0usize..40) {
        same_parse(&format!("{v:e}"))?;
        same_parse(&format!("{v:.digits$e}"))?;
        same_parse(&format!("{v}"))?;
    }

    #[test]
    fn time_like_numbers_parse_like_core(secs in 0u64..20_000_000_000, frac in "[0-9]{0,20}") {
        same_parse(&secs.to_string())?;
        same_parse(&format!("{secs}.{frac}0"))?;
        same_parse(&format!("{secs}{frac}e-{}", frac.len()))?;
    }

    /// Halfway points between neighbouring `f64`s, and the texts just above and below them, are
    /// where a wrong rounding shows.
    #[test]
    fn halfway_points_parse_like_core(v in finite(), cut in 1usize..900) {
        let v = v.abs();
        let next = f64::from_bits(v.to_bits() + 1);
        prop_assume!(next.is_finite());
        let mid = midpoint(v, next);
        same_parse(&mid)?;
        same_parse(&format!("{mid}{}1", if mid.contains('.') { "" } else { "." }))?;
        same_parse(&format!("-{mid}"))?;
        let (int, _) = mid.split_once('.').unwrap_or((&mid, ""));
        let below = &mid[..(int.len() + 1 + cut).min(mid.len())];
        same_parse(below.trim_end_matches('.'))?;
    }

    #[test]
    fn shortest_writes_like_core(v in finite()) {
        prop_assert_eq!(shortest(v).unwrap(), format!("{v}"));
    }

    #[test]
    fn whole_numbers_write_like_core(m in any::<i64>(), shift in 0i32..80) {
        let v = (m as f64 * 2f64.powi(shift)).trunc();
        prop_assert_eq!(shortest(v).unwrap(), format!("{v}"));
        if let Some(s) = integer(v) {
            prop_assert_eq!(s, format!("{v:.0}"));
        }
        // Number::from_f64 as it was written before: `{v:.0}` below 1e21, `{v}` above.
        let before = if v.fract() == 0.0 && v.abs() < 1e21 { format!("{v:.0}") } else { format!("{v}") };
        prop_assert_eq!(Number::from_f64(v).unwrap().as_str().to_owned(), before);
    }

    #[test]
    fn fractions_write_like_core(v in finite()) {
        let before = if v.fract() == 0.0 && v.abs() < 1e21 { format!("{v:.0}") } else { format!("{v}") };
        prop_assert_eq!(Number::from_f64(v).unwrap().as_str().to_owned(), before);
    }
}

#[test]
fn the_midpoint_helper_is_exact() {
    assert_eq!(midpoint(1.0, 2.0), "1.5");
    assert_eq!(midpoint(0.5, 0.5), "0.5");
    assert_eq!(
        midpoint(9007199254740992.0, 9007199254740994.0),
        "9007199254740993"
    );
    // 2^-1075: a tie between 0 and the smallest subnormal (to even: 0), then just above it.
    let tiny = midpoint(0.0, 5e-324);
    assert!(tiny.starts_with("0.000") && tiny.ends_with("5") && tiny.len() == 2 + 1075);
    assert_eq!(core_parse(&tiny), 0.0);
    assert_eq!(core_parse(&format!("{tiny}1")), 5e-324);
}
