//! [`Big`]: a small unsigned big integer, just enough for exact conversions between decimal text
//! and `f64` (`decimal.rs`, `display.rs`): multiply by a small number or a power of ten, shift
//! left, add, subtract, compare. Sizes stay below about 4,000 bits (the callers bound them).
//!
//! A leaf: it imports nothing from the crate.

use std::cmp::Ordering;

/// An unsigned integer: 32-bit limbs, least significant first, no high zero limbs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Big(Vec<u32>);

impl Big {
    pub(super) fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    pub(super) fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of significant bits (0 for zero).
    pub(super) fn bit_len(&self) -> u64 {
        match self.0.last() {
            None => 0,
            Some(top) => 32 * (self.0.len() as u64) - u64::from(top.leading_zeros()),
        }
    }

    /// `self = self * m + a`.
    pub(super) fn mul_add_small(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let t = u64::from(*limb) * u64::from(m) + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    /// `self *= 10^n`.
    pub(super) fn mul_pow10(&mut self, mut n: u32) {
        while n >= 9 {
            self.mul_add_small(1_000_000_000, 0);
            n -= 9;
        }
        self.mul_add_small(10u32.pow(n), 0);
    }

    /// `self *= 2^bits`.
    pub(super) fn shl(&mut self, bits: u64) {
        if self.is_zero() {
            return;
        }
        let (limbs, bits) = ((bits / 32) as usize, (bits % 32) as u32);
        if bits != 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let t = (u64::from(*limb) << bits) | u64::from(carry);
                *limb = t as u32;
                carry = (t >> 32) as u32;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    /// `self += other`.
    pub(super) fn add(&mut self, other: &Big) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        let mut carry = 0u64;
        let mut rhs = other.0.iter();
        for limb in &mut self.0 {
            let t = u64::from(*limb) + u64::from(rhs.next().copied().unwrap_or(0)) + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    /// `self -= other`, for `self >= other` (callers compare first; a smaller `self` gives an
    /// unspecified value, never a panic).
    pub(super) fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        let mut rhs = other.0.iter();
        for limb in &mut self.0 {
            let t = i64::from(*limb) - i64::from(rhs.next().copied().unwrap_or(0)) - borrow;
            *limb = t as u32;
            borrow = i64::from(t < 0);
        }
        self.trim();
    }

    /// `self + other`, as a new number.
    pub(super) fn plus(&self, other: &Big) -> Big {
        let mut sum = self.clone();
        sum.add(other);
        sum
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(v: u128) -> Big {
        let mut b = Big::from_u64((v >> 64) as u64);
        b.shl(64);
        b.add(&Big::from_u64(v as u64));
        b
    }

    #[test]
    fn arithmetic_matches_u128() {
        let samples = [
            0u128,
            1,
            9,
            u64::MAX as u128,
            1 << 64,
            12_345_678_901_234_567_890_123,
        ];
        for &a in &samples {
            for &b in &samples {
                assert_eq!(big(a).cmp(&big(b)), a.cmp(&b), "{a} <=> {b}");
                if a.checked_add(b).is_some() {
                    assert_eq!(big(a).plus(&big(b)), big(a + b), "{a} + {b}");
                }
                if a >= b {
                    let mut d = big(a);
                    d.sub(&big(b));
                    assert_eq!(d, big(a - b), "{a} - {b}");
                }
            }
            if a < 1 << 90 {
                let mut s = big(a);
                s.shl(37);
                assert_eq!(s, big(a << 37));
                let mut t = big(a);
                t.mul_pow10(11);
                assert_eq!(t, big(a * 100_000_000_000));
                let mut u = big(a);
                u.mul_add_small(7, 3);
                assert_eq!(u, big(a * 7 + 3));
            }
            assert_eq!(big(a).bit_len(), u64::from(128 - a.leading_zeros()));
        }
        assert!(big(0).is_zero() && !big(1).is_zero());
    }
}
