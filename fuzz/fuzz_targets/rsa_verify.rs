//! jwtlens-rsa-verify (the verify-only RSA crate, crates/rsa-verify) against the `rsa` crate:
//! for two fixed keys, every verdict of `PublicKey::verify` must equal that of `rsa`'s
//! `pkcs1v15::VerifyingKey<Sha*>` / `pss::VerifyingKey<Sha*>` (`new`: salt length = hash
//! length), for both paddings and the three hashes; nothing may panic.
//!
//! Keys: the RSA-2048 key of keys/rsa2048.pem (e = 65537), and the RSA-2049 key below (e = 3;
//! modBits ≡ 1 mod 8, so its PSS encodings are k − 1 bytes). Both are test keys only.
//!
//! Input: byte 0 picks the key (bit 0), the mode (bits 1–2) and, in mode 2, the padding and
//! hash (bits 3–5); then
//! - mode 0 (and 3): byte 1 splits the rest into message and signature (the signature gets the
//!   larger share, so lengths around k are common);
//! - mode 1: the rest is an encoded message EM (the first k bytes, zero-padded) and then the
//!   message; EM is signed with the private key when EM < n, so that the padding checks see
//!   chosen encodings rather than random ones;
//! - mode 2: the rest is a message that `rsa` signs (PSS salt from a generator seeded by the
//!   input); the signature must verify, then bit `u16(bytes 1..3)` of it is flipped.
#![no_main]
use jwtlens_rsa_verify::{Hash, Padding, PublicKey};
use libfuzzer_sys::fuzz_target;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::sha2::{Sha256, Sha384, Sha512};
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::BoxedUint;
use std::sync::OnceLock;

const RSA2048_PEM: &str = include_str!("../keys/rsa2048.pem");

/// A test key made for this target (`openssl genpkey -algorithm RSA -pkeyopt
/// rsa_keygen_bits:2049 -pkeyopt rsa_keygen_pubexp:3`, PKCS#1).
const RSA2049_E3_PEM: &str = "\
-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEBwKOUzNhRlR3XSp0pUcjfeeNdtnEv4lWEaaPkN6ScuFRmJ8pZ
OGWr+RR9PgRq210hI6C4J54TncPKIY3k+lvTlpq+9F0GtcLK7byQLWtCnvAseyVp
gjHVWymAbxA/eSx3T+Sj4hMfHNDApxvIbT31mn9ki3wdVi6FoCDomR2WU83wLBVh
u+mLQWiZDdDb4aBO2vunX7P2ZvvJqIfJ+wxxjA9xXZlivnWI3t7Q8HP/4V1a5M05
YMVjmD+zQhv7U0HGTNRd8kOMsiNc11jJE++kK+tf3Ep68SIvieFckr6Hvw/Ntp81
IuW3yovSXdPCsjI7SAsDTLAk6Jo/aZ2pMKV+0wIBAwKCAQEBKxe4iJA2Y2k6Mb4b
i9s/ppeTzvYf7DkC8Rftem290DhEGobmJZkdULhTfq2ckj4WF8B6xRQNE9fcFl6Y
pufiZGcp+D4EeSyHSShgHkeBv0rIUhjxAXaOPMZVn2AqUMhPiphtQWIUveCAb2fa
836jvFTtslK+OXRZFWtFu2kO4odvPaui9b59g0YvUGAvZe9ZrrKG2xPSIxVTfOK5
h/MHdqvfn/Eev3mafZD4YQl2lNRF5fGG6/Qwsp3d6Tthnr9+QCJPl1+xkaxjie7d
YC91Q3z/raPkuvuTUBukIEVHLapKmOGs/lZKV4VsZDaPmIUC699y+eGOA1qYW32k
I6hi2wKBgQHTyvOKGXsx9dNljtgxhciZaojwd/I+q8NwRn7Z8pYHuUxPBXqBELtQ
m/KJz/zG+L80XyF3Jx2fNzmk400COhyiijzQdmu0NFTbRurD2jk8a180hPdvPwHc
1nznHlEawUYdT6wsd7xEUSh1A3cNDsrsFn1kiiwGaq0gd9kZdMn9TwKBgQD1hKBj
MdCdBqvshmhjQvCu6mbsnyP8hphcJrTZvIneoMFS6DUzjoPQhpLSjukHCV+9rMF3
17l7VRlBgPXmqwXmYmQWGMhOI0vsQYe5KW8321Cr0t00mab1uzr/RAWCOUpAgaCF
LagD9hs6xArePp/Kz75yS7HJeOU6aIgZhl7tPQKBgQE33KJcEPzL+TeZCeV2WTBm
RwX1pUwpx9egLv879w6v0N2KA6cAtdI1vUxb3/3Z+yoi6hZPb2kUz3vDQjNW0Whs
XCiK+Z0izY3nhJyCkXt9nOojA0+ff1aTOaiaFDYR1i6+NR1y+n2C4MWjV6SzXzHy
uajtsXKu8cjAT+YQ+Iao3wKBgQCjrcBCITW+BHKdrvBCLKB0nESdv21TBGWSxHiR
KFvpwIDh8CN3tFfgWbc3CfCvW5UpHdZP5SZSOLuBAKPvHK6Zlu1kEIWJbN1IK6/Q
xkolPOByjJN4Zm9OfNH/gq5W0NwrARWuHnACpBInLVyUKb/cin723SEw+0N8RbAR
BD9I0wKBgQCoIekDZsh806ukho2V71fuMuOtjj3QXVJ1zaNHGK9/ZkGl7gHOyMSh
P/mTeulYxXjy8zx/j060SREmu7wNCE94SDBDKq7+PeuR8bCahdSl/3/7ALRTvxus
SGf7p/GiOG28CL4J1GTbMFTAO4XR2P7Ij7yOA/y/3CqsGHbHhmE39w==
-----END RSA PRIVATE KEY-----
";

const HASHES: [Hash; 3] = [Hash::Sha256, Hash::Sha384, Hash::Sha512];
const PADDINGS: [Padding; 2] = [Padding::Pkcs1v15, Padding::Pss];

struct Fixed {
    private: rsa::PrivateKey,
    public: rsa::PublicKey,
    ours: PublicKey,
    /// The modulus, k bytes big-endian.
    n: Vec<u8>,
}

fn fixed(pem: &str) -> Fixed {
    let private = rsa::PrivateKey::from_pkcs1_pem(pem).expect("fixed key");
    let public = private.to_public_key();
    let n = public.n_bytes().to_vec();
    let ours = PublicKey::new(&n, &public.e_bytes()).expect("fixed key for jwtlens-rsa-verify");
    assert_eq!(ours.size(), n.len());
    Fixed {
        private,
        public,
        ours,
        n,
    }
}

fn keys() -> &'static [Fixed; 2] {
    static KEYS: OnceLock<[Fixed; 2]> = OnceLock::new();
    KEYS.get_or_init(|| {
        let keys = [fixed(RSA2048_PEM), fixed(RSA2049_E3_PEM)];
        assert_eq!(keys[1].ours.bits(), 2049);
        keys
    })
}

/// `rsa`'s verdict, as jwtlens called it before this crate.
fn rsa_verify(key: &rsa::PublicKey, padding: Padding, hash: Hash, msg: &[u8], sig: &[u8]) -> bool {
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

/// Both verdicts for every padding and hash; returns which (padding, hash) accepted.
fn compare_all(key: &Fixed, msg: &[u8], sig: &[u8]) -> Vec<(Padding, Hash)> {
    let mut accepted = Vec::new();
    for padding in PADDINGS {
        for hash in HASHES {
            let ours = key.ours.verify(padding, hash, msg, sig);
            let theirs = rsa_verify(&key.public, padding, hash, msg, sig);
            assert_eq!(
                ours, theirs,
                "{padding:?} {hash:?}: ours {ours}, rsa {theirs}"
            );
            if ours {
                accepted.push((padding, hash));
            }
        }
    }
    accepted
}

/// A deterministic generator for PSS salts (and `rsa`'s blinding), seeded by the input, so that
/// every run of an input is the same.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl rsa::rand_core::TryRng for SplitMix {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(self.next() as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Ok(self.next())
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            chunk.copy_from_slice(&self.next().to_le_bytes()[..chunk.len()]);
        }
        Ok(())
    }
}

impl rsa::rand_core::TryCryptoRng for SplitMix {}

fn sign(key: &Fixed, padding: Padding, hash: Hash, msg: &[u8], rng: &mut SplitMix) -> Vec<u8> {
    use rsa::{pkcs1v15, pss};
    let k = key.private.clone();
    match (padding, hash) {
        (Padding::Pkcs1v15, Hash::Sha256) => {
            pkcs1v15::SigningKey::<Sha256>::new(k).sign(msg).to_vec()
        }
        (Padding::Pkcs1v15, Hash::Sha384) => {
            pkcs1v15::SigningKey::<Sha384>::new(k).sign(msg).to_vec()
        }
        (Padding::Pkcs1v15, Hash::Sha512) => {
            pkcs1v15::SigningKey::<Sha512>::new(k).sign(msg).to_vec()
        }
        (Padding::Pss, Hash::Sha256) => pss::SigningKey::<Sha256>::new(k)
            .sign_with_rng(rng, msg)
            .to_vec(),
        (Padding::Pss, Hash::Sha384) => pss::SigningKey::<Sha384>::new(k)
            .sign_with_rng(rng, msg)
            .to_vec(),
        (Padding::Pss, Hash::Sha512) => pss::SigningKey::<Sha512>::new(k)
            .sign_with_rng(rng, msg)
            .to_vec(),
    }
}

/// The signature whose encoded message is `em` (k bytes), by the raw private operation; None
/// if `em` >= n.
fn seal(key: &Fixed, em: &[u8]) -> Option<Vec<u8>> {
    if em >= key.n.as_slice() {
        return None;
    }
    let m = BoxedUint::from_be_slice(em, key.public.n_bits_precision()).ok()?;
    let s = rsa::hazmat::rsa_decrypt::<SplitMix>(None, &key.private, &m).expect("private op");
    let b = s.to_be_bytes();
    Some(b[b.len() - key.n.len()..].to_vec())
}

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = match data.split_first() {
        Some((&b, rest)) => (b, rest),
        None => (0, data),
    };
    let key = &keys()[usize::from(sel & 1)];
    let k = key.n.len();
    match (sel >> 1) & 3 {
        1 => {
            let mut em = rest[..rest.len().min(k)].to_vec();
            let msg = &rest[em.len()..];
            em.resize(k, 0);
            if let Some(sig) = seal(key, &em) {
                compare_all(key, msg, &sig);
            }
        }
        2 => {
            let padding = PADDINGS[usize::from((sel >> 3) & 1)];
            let hash = HASHES[usize::from((sel >> 4) & 3) % 3];
            let (bit, msg) = match rest {
                [a, b, msg @ ..] => (usize::from(u16::from_be_bytes([*a, *b])), msg),
                _ => (0, rest),
            };
            let seed = rest.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            });
            let mut sig = sign(key, padding, hash, msg, &mut SplitMix(seed));
            let accepted = compare_all(key, msg, &sig);
            assert_eq!(accepted, [(padding, hash)], "a fresh signature");
            sig[(bit / 8) % k] ^= 1 << (bit % 8);
            compare_all(key, msg, &sig);
        }
        _ => {
            let split = match rest.split_first() {
                Some((&b, tail)) => tail.len() * usize::from(b) / 1024,
                None => 0,
            };
            let tail = rest.get(1..).unwrap_or_default();
            let (msg, sig) = tail.split_at(split.min(tail.len()));
            compare_all(key, msg, sig);
        }
    }
});
