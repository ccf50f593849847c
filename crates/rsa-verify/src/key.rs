//! The public key, RSAVP1 (RFC 8017 §5.2.2) and the dispatch to the two encodings.

use crate::{pkcs1v15, pss, Hash, Padding};
use alloc::vec::Vec;
use core::cmp::Ordering;
use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, MontyForm, MontyMultiplier, Odd};
use sha2::{Digest, Sha256, Sha384, Sha512};

/// Largest modulus [`PublicKey::new`] accepts, in bits (twice what jwtlens allows, so that the
/// caller's policy decides; it bounds the work of one verification).
pub const MAX_MODULUS_BITS: usize = 16384;

/// An RSA public key `(n, e)` prepared for verification: the Montgomery parameters of `n` are
/// computed once, here, and shared (reference-counted) by every verification.
#[derive(Debug, Clone)]
pub struct PublicKey {
    /// `n`, its Montgomery constants, at the precision of `k` bytes rounded up to whole limbs.
    params: BoxedMontyParams,
    /// The public exponent, odd and at least 3.
    e: u64,
    /// Bytes of the modulus (k in RFC 8017).
    k: usize,
    /// Bits of the modulus (modBits).
    bits: usize,
}

impl PublicKey {
    /// The key with modulus `n` and public exponent `e`, both big-endian unsigned integers
    /// (leading zero bytes allowed).
    ///
    /// Returns `None` unless `n` is odd, `e` is odd, `3 <= e < n` (RFC 8017 §3.1), `e` fits in
    /// 64 bits and `n` has at most [`MAX_MODULUS_BITS`] bits. It does not check a minimum size,
    /// nor that `n` is a product of primes (it cannot).
    #[must_use]
    pub fn new(n: &[u8], e: &[u8]) -> Option<PublicKey> {
        let n = strip_zeros(n);
        let e = strip_zeros(e);
        if e.len() > 8 {
            return None;
        }
        let e = e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        if e < 3 || e % 2 == 0 {
            return None;
        }
        let (&top, _) = n.split_first()?;
        let (&low, _) = n.split_last()?;
        if low % 2 == 0 {
            return None;
        }
        let k = n.len();
        let bits = (k - 1) * 8 + (8 - top.leading_zeros() as usize);
        if bits > MAX_MODULUS_BITS {
            return None;
        }
        // e < n; with e >= 3 this also gives n > 1. A modulus over 8 bytes exceeds any u64.
        if k <= 8 && n.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)) <= e {
            return None;
        }
        let modulus = Odd::new(BoxedUint::from_be_slice_vartime(n)).into_option()?;
        Some(PublicKey {
            params: BoxedMontyParams::new_vartime(modulus),
            e,
            k,
            bits,
        })
    }

    /// The length of the modulus in bytes (k), which is the length of every valid signature.
    #[must_use]
    pub fn size(&self) -> usize {
        self.k
    }

    /// The length of the modulus in bits.
    #[must_use]
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// Hashes `message` with `hash` and checks `signature` under `padding`: RSASSA-PKCS1-v1_5-VERIFY
    /// (RFC 8017 §8.2.2) or RSASSA-PSS-VERIFY (§8.1.2, MGF1 with `hash`, salt length = hash
    /// length). The signature must be exactly [`size`](Self::size) bytes and, as an integer,
    /// less than `n`.
    ///
    /// Returns `true` only for a valid signature; it never panics. This checks a signature
    /// only: it knows nothing of JWS headers, algorithms allowed, or claims.
    #[must_use]
    pub fn verify(&self, padding: Padding, hash: Hash, message: &[u8], signature: &[u8]) -> bool {
        match hash {
            Hash::Sha256 => self.verify_with::<Sha256>(padding, hash, message, signature),
            Hash::Sha384 => self.verify_with::<Sha384>(padding, hash, message, signature),
            Hash::Sha512 => self.verify_with::<Sha512>(padding, hash, message, signature),
        }
    }

    fn verify_with<D: Digest>(
        &self,
        padding: Padding,
        hash: Hash,
        message: &[u8],
        signature: &[u8],
    ) -> bool {
        if !hash.accepts_len(message.len()) {
            return false;
        }
        let Some(m) = self.rsavp1(signature) else {
            return false;
        };
        let m_hash = D::digest(message);
        match padding {
            Padding::Pkcs1v15 => pkcs1v15::verify(&m, pkcs1v15::digest_info(hash), &m_hash),
            Padding::Pss => pss::verify::<D>(&m, self.bits, &m_hash),
        }
    }

    /// RFC 8017 §8.1.2 / §8.2.2 steps 1 and 2: the length check, `s = OS2IP(S)`, `s < n`,
    /// `m = s^e mod n` (RSAVP1), and `m` as `k` big-endian bytes. `None` if `S` is rejected.
    fn rsavp1(&self, signature: &[u8]) -> Option<Vec<u8>> {
        if signature.len() != self.k {
            return None;
        }
        let s = BoxedUint::from_be_slice(signature, self.params.bits_precision()).ok()?;
        if s.cmp_vartime(self.params.modulus().as_ref()) != Ordering::Less {
            return None;
        }
        let m = self.pow_e(s).to_be_bytes();
        // m < n < 2^(8k): the bytes before the last k (the limb padding) are zero.
        let start = m.len().checked_sub(self.k)?;
        m.get(start..).map(<[u8]>::to_vec)
    }

    /// `s^e mod n` for `s < n`: into Montgomery form, left-to-right square-and-multiply over the
    /// bits of `e` below its top bit (variable time: `e` and `s` are public), and back.
    fn pow_e(&self, s: BoxedUint) -> BoxedUint {
        let base = BoxedMontyForm::new(s, &self.params);
        let mut acc = base.clone();
        let mut mm: <BoxedMontyForm as MontyForm>::Multiplier<'_> = From::from(&self.params);
        // e >= 3, so its top bit is bit 1 or higher.
        let top = u64::BITS - 1 - self.e.leading_zeros();
        for i in (0..top).rev() {
            mm.square_assign(&mut acc);
            if (self.e >> i) & 1 == 1 {
                mm.mul_assign(&mut acc, &base);
            }
        }
        acc.retrieve()
    }
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let first = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    b.get(first..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_rules() {
        let mut n = [0xffu8; 256];
        n[255] = 0xfd;
        assert!(PublicKey::new(&n, &[1, 0, 1]).is_some());
        assert!(PublicKey::new(&n, &[0, 0, 1, 0, 1]).is_some());
        assert!(PublicKey::new(&n, &[3]).is_some());
        assert!(PublicKey::new(&n, &[0xff; 8]).is_some());
        assert!(PublicKey::new(&n, &[1, 0, 0, 0, 0, 0, 0, 0, 1]).is_none());
        for bad_e in [&[][..], &[0], &[1], &[2], &[1, 0, 0]] {
            assert!(PublicKey::new(&n, bad_e).is_none(), "e = {bad_e:?}");
        }
        let mut even = n;
        even[255] = 0xfe;
        assert!(PublicKey::new(&even, &[3]).is_none());
        assert!(PublicKey::new(&[], &[3]).is_none());
        assert!(PublicKey::new(&[0, 0], &[3]).is_none());
        assert!(PublicKey::new(&[1], &[3]).is_none());
        assert!(PublicKey::new(&[3], &[3]).is_none(), "e = n");
        assert!(PublicKey::new(&[5], &[3]).is_some());
        assert!(PublicKey::new(&[0, 0, 5], &[7]).is_none(), "e > n");
        let big = [0xffu8; MAX_MODULUS_BITS / 8];
        assert!(PublicKey::new(&big, &[3]).is_some());
        let too_big = [0xffu8; MAX_MODULUS_BITS / 8 + 1];
        assert!(PublicKey::new(&too_big, &[3]).is_none());
        let mut with_zeros = [0u8; 258];
        with_zeros[2..].copy_from_slice(&n);
        let key = PublicKey::new(&with_zeros, &[1, 0, 1]).unwrap();
        assert_eq!((key.size(), key.bits()), (256, 2048));
        let key = PublicKey::new(&[1, 0xff, 0xff], &[3]).unwrap();
        assert_eq!((key.size(), key.bits()), (3, 17));
    }

    /// The exponentiation against the generic one of crypto-bigint, on a small modulus.
    #[test]
    fn pow_matches_crypto_bigint() {
        let n: [u8; 16] = [
            0xc3, 0x1a, 0x77, 0x05, 0x9e, 0x42, 0x13, 0x8b, 0xf1, 0x6d, 0x20, 0x54, 0x39, 0xaa,
            0x0e, 0x67,
        ];
        for e in [3u64, 5, 17, 65537, 0x1_0000_000f, u64::MAX] {
            let key = PublicKey::new(&n, &e.to_be_bytes()).unwrap();
            for s in [0u64, 1, 2, 0xdead_beef, u64::MAX] {
                let s = BoxedUint::from_be_slice(&s.to_be_bytes(), key.params.bits_precision())
                    .unwrap();
                let want = BoxedMontyForm::new(s.clone(), &key.params)
                    .pow(&BoxedUint::from_be_slice_vartime(&e.to_be_bytes()))
                    .retrieve();
                assert_eq!(key.pow_e(s), want, "e = {e}");
            }
        }
    }

    #[test]
    fn rejects_signature_out_of_range() {
        let n = [0xffu8, 0xff, 0xfd];
        let key = PublicKey::new(&n, &[3]).unwrap();
        assert!(key.rsavp1(&[0, 0, 2]).is_some());
        assert!(key.rsavp1(&[0xff, 0xff, 0xfc]).is_some());
        assert!(key.rsavp1(&n).is_none());
        assert!(key.rsavp1(&[0xff, 0xff, 0xff]).is_none());
        assert!(key.rsavp1(&[0, 2]).is_none());
        assert!(key.rsavp1(&[0, 0, 0, 2]).is_none());
        assert_eq!(key.rsavp1(&[0, 0, 2]).unwrap(), [0, 0, 8]);
    }

    #[test]
    fn no_panic_on_tiny_keys() {
        for n in [&[5u8][..], &[0x01, 0x01], &[0xff, 0xff, 0xfd]] {
            let key = PublicKey::new(n, &[3]).unwrap();
            for padding in [Padding::Pkcs1v15, Padding::Pss] {
                for hash in [Hash::Sha256, Hash::Sha384, Hash::Sha512] {
                    for sig in [&[][..], &[0], &[1], &[0, 1], &[0, 0, 1], &[0xff; 3]] {
                        assert!(!key.verify(padding, hash, b"m", sig));
                    }
                }
            }
        }
    }
}
