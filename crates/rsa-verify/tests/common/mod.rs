//! Shared pieces of the tests: keys generated once per test binary with the `rsa` crate (from
//! fixed seeds, so every run sees the same keys), signing with `rsa`, `rsa`'s verification as
//! the oracle, and the raw RSA operations for crafted encodings.
#![allow(dead_code)]

use jwtlens_rsa_verify::{Hash, Padding, PublicKey};
use rand::rngs::StdRng;
use rand::SeedableRng;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::BoxedUint;
use sha2::{Sha256, Sha384, Sha512};
use std::sync::OnceLock;

pub const HASHES: [Hash; 3] = [Hash::Sha256, Hash::Sha384, Hash::Sha512];
pub const PADDINGS: [Padding; 2] = [Padding::Pkcs1v15, Padding::Pss];

/// One generated key, as `rsa` and as ours.
pub struct TestKey {
    pub name: String,
    pub private: rsa::PrivateKey,
    pub public: rsa::PublicKey,
    pub ours: PublicKey,
    /// The modulus, k bytes big-endian.
    pub n: Vec<u8>,
    pub bits: usize,
}

impl TestKey {
    pub fn k(&self) -> usize {
        self.n.len()
    }
}

/// (bits, e, seed). 2049 bits: emLen = k − 1 for PSS; 2047 bits: two unused top bits; e = 3
/// (one squaring), 65537, and 2^32 + 15 (a 33-bit prime; `rsa` refuses e >= 2^33).
const SPECS: &[(usize, u64, u64)] = &[
    (2048, 65537, 1),
    (3072, 65537, 2),
    (4096, 65537, 3),
    (2048, 3, 4),
    (2049, 65537, 5),
    (2047, 3, 6),
    (2048, 0x1_0000_000f, 7),
];

/// The keys of [`SPECS`], generated on first use (in parallel threads).
pub fn keys() -> &'static [TestKey] {
    static KEYS: OnceLock<Vec<TestKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let started = std::time::Instant::now();
        let keys: Vec<TestKey> = std::thread::scope(|s| {
            let handles: Vec<_> = SPECS
                .iter()
                .map(|&(bits, e, seed)| s.spawn(move || make_key(bits, e, seed)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        eprintln!(
            "generated {} keys in {:.1} s",
            keys.len(),
            started.elapsed().as_secs_f64()
        );
        keys
    })
}

pub fn make_key(bits: usize, e: u64, seed: u64) -> TestKey {
    let mut rng = StdRng::seed_from_u64(0x6a77_746c_656e_7300 ^ seed);
    let private = rsa::PrivateKey::new_with_exp(&mut rng, bits, BoxedUint::from(e)).unwrap();
    let public = private.to_public_key();
    let n = public.n_bytes().to_vec();
    let n = n[n.iter().position(|&b| b != 0).unwrap()..].to_vec();
    let e_bytes = public.e_bytes();
    let ours = PublicKey::new(&n, &e_bytes).unwrap();
    assert_eq!(public.n().bit_width_vartime() as usize, bits);
    assert_eq!(ours.bits(), bits);
    assert_eq!(ours.size(), public.size());
    TestKey {
        name: format!("{bits}-bit e={e}"),
        private,
        public,
        ours,
        n,
        bits,
    }
}

pub fn rng(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

/// `rsa`'s verdict: `VerifyingKey::<D>::new` (PSS: salt length = hash length) and `verify`.
pub fn rsa_verify(
    key: &rsa::PublicKey,
    padding: Padding,
    hash: Hash,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    use rsa::{pkcs1v15, pss};
    let k = key.clone();
    match padding {
        Padding::Pkcs1v15 => {
            let Ok(sig) = pkcs1v15::Signature::try_from(sig) else {
                return false;
            };
            match hash {
                Hash::Sha256 => pkcs1v15::VerifyingKey::<Sha256>::new(k).verify(msg, &sig),
                Hash::Sha384 => pkcs1v15::VerifyingKey::<Sha384>::new(k).verify(msg, &sig),
                Hash::Sha512 => pkcs1v15::VerifyingKey::<Sha512>::new(k).verify(msg, &sig),
            }
            .is_ok()
        }
        Padding::Pss => {
            let Ok(sig) = pss::Signature::try_from(sig) else {
                return false;
            };
            match hash {
                Hash::Sha256 => pss::VerifyingKey::<Sha256>::new(k).verify(msg, &sig),
                Hash::Sha384 => pss::VerifyingKey::<Sha384>::new(k).verify(msg, &sig),
                Hash::Sha512 => pss::VerifyingKey::<Sha512>::new(k).verify(msg, &sig),
            }
            .is_ok()
        }
    }
}

/// A signature by `rsa`: PKCS#1 v1.5, or PSS with a salt of `salt_len` (None: the hash length)
/// drawn from `rng`.
pub fn rsa_sign(
    key: &rsa::PrivateKey,
    padding: Padding,
    hash: Hash,
    msg: &[u8],
    salt_len: Option<usize>,
    rng: &mut StdRng,
) -> Vec<u8> {
    use rsa::{pkcs1v15, pss};
    let k = key.clone();
    match padding {
        Padding::Pkcs1v15 => match hash {
            Hash::Sha256 => pkcs1v15::SigningKey::<Sha256>::new(k).sign(msg).to_vec(),
            Hash::Sha384 => pkcs1v15::SigningKey::<Sha384>::new(k).sign(msg).to_vec(),
            Hash::Sha512 => pkcs1v15::SigningKey::<Sha512>::new(k).sign(msg).to_vec(),
        },
        Padding::Pss => {
            let s = salt_len.unwrap_or(hash.output_len());
            match hash {
                Hash::Sha256 => pss::SigningKey::<Sha256>::new_with_salt_len(k, s)
                    .sign_with_rng(rng, msg)
                    .to_vec(),
                Hash::Sha384 => pss::SigningKey::<Sha384>::new_with_salt_len(k, s)
                    .sign_with_rng(rng, msg)
                    .to_vec(),
                Hash::Sha512 => pss::SigningKey::<Sha512>::new_with_salt_len(k, s)
                    .sign_with_rng(rng, msg)
                    .to_vec(),
            }
        }
    }
}

/// `sig^e mod n` as k bytes (the encoded message a signature carries), by `rsa`.
pub fn open(key: &TestKey, sig: &[u8]) -> Vec<u8> {
    let s = BoxedUint::from_be_slice(sig, key.public.n_bits_precision()).unwrap();
    let m = rsa::hazmat::rsa_encrypt(&key.public, &s).unwrap();
    i2osp(&m, key.k())
}

/// The signature whose encoded message is `em` (k bytes), by `rsa`'s raw private operation;
/// None if `em` >= n.
pub fn seal(key: &TestKey, em: &[u8]) -> Option<Vec<u8>> {
    assert_eq!(em.len(), key.k());
    if em >= key.n.as_slice() {
        return None;
    }
    let m = BoxedUint::from_be_slice(em, key.public.n_bits_precision()).unwrap();
    let s = rsa::hazmat::rsa_decrypt::<StdRng>(None, &key.private, &m).unwrap();
    Some(i2osp(&s, key.k()))
}

pub fn i2osp(x: &BoxedUint, k: usize) -> Vec<u8> {
    let b = x.to_be_bytes();
    let (zeros, tail) = b.split_at(b.len() - k);
    assert!(zeros.iter().all(|&z| z == 0));
    tail.to_vec()
}

/// Big-endian `n + delta` as k bytes; None if it leaves the range 0..2^(8k).
pub fn n_plus(n: &[u8], delta: i64) -> Option<Vec<u8>> {
    let mut v = n.to_vec();
    let mut carry = i128::from(delta);
    for b in v.iter_mut().rev() {
        let x = i128::from(*b) + carry;
        *b = x.rem_euclid(256) as u8;
        carry = x.div_euclid(256);
        if carry == 0 {
            break;
        }
    }
    (carry == 0).then_some(v)
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
