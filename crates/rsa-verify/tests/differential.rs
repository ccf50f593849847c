//! Differential tests against the `rsa` crate (0.10, the verifier jwtlens used before): for the
//! keys of `common::keys()` (2047 to 4096 bits, e = 3, 65537 and 2^32 + 15), every verdict of
//! `PublicKey::verify` must EQUAL the verdict of `rsa`'s `pkcs1v15::VerifyingKey<Sha*>` /
//! `pss::VerifyingKey<Sha*>` (built with `new`: salt length = hash length), and signatures made
//! by `rsa` must verify.
//!
//! Inputs: valid signatures; their mutations (bit flips in the signature, in the message and in
//! the encoded message under the signature, the wrong hash, the other padding, signature 0, 1,
//! n − 1, n, n + 1, 2^(8k) − 1, one byte short or long); encoded messages crafted to break one
//! rule of RFC 8017 §9.1.2 / §9.2 at a time, signed with `rsa`'s raw private operation; and
//! random ones (proptest). Each test prints how many verdicts it compared (`-- --nocapture`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{hex, keys, n_plus, open, rng, rsa_sign, rsa_verify, seal, TestKey, HASHES, PADDINGS};
use jwtlens_rsa_verify::{Hash, Padding};
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, RngExt};
use sha2::Digest;

/// Counts the verdicts one test compared.
#[derive(Default)]
struct Tally {
    compared: usize,
    accepted: usize,
}

impl Tally {
    /// Both verdicts on one input; panics if they differ. Returns the (common) verdict.
    fn same(
        &mut self,
        key: &TestKey,
        padding: Padding,
        hash: Hash,
        msg: &[u8],
        sig: &[u8],
        what: &str,
    ) -> bool {
        let ours = key.ours.verify(padding, hash, msg, sig);
        let theirs = rsa_verify(&key.public, padding, hash, msg, sig);
        assert_eq!(
            ours,
            theirs,
            "{} {padding:?} {hash:?} {what}: ours {ours}, rsa {theirs}\n msg {}\n sig {}",
            key.name,
            hex(msg),
            hex(sig)
        );
        self.compared += 1;
        self.accepted += usize::from(ours);
        ours
    }

    /// Like `same`, and the verdict must be `want`.
    #[allow(clippy::too_many_arguments)]
    fn want(
        &mut self,
        want: bool,
        key: &TestKey,
        padding: Padding,
        hash: Hash,
        msg: &[u8],
        sig: &[u8],
        what: &str,
    ) {
        let got = self.same(key, padding, hash, msg, sig, what);
        assert_eq!(got, want, "{} {padding:?} {hash:?} {what}", key.name);
    }

    fn report(&self, test: &str) {
        eprintln!(
            "{test}: {} verdicts compared with rsa, all equal ({} valid)",
            self.compared, self.accepted
        );
    }
}

fn other(p: Padding) -> Padding {
    match p {
        Padding::Pkcs1v15 => Padding::Pss,
        Padding::Pss => Padding::Pkcs1v15,
    }
}

fn digest(hash: Hash, data: &[u8]) -> Vec<u8> {
    match hash {
        Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
        Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
        Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
    }
}

fn flip(v: &[u8], bit: usize) -> Vec<u8> {
    let mut v = v.to_vec();
    let i = (bit / 8) % v.len();
    v[i] ^= 1 << (bit % 8);
    v
}

/// Signatures that are not signatures: 0, 1, n − 1, n, n + 1, 2^(8k) − 1, 2^(8k−8), the wrong
/// length, empty.
fn specials(key: &TestKey) -> Vec<(&'static str, Vec<u8>)> {
    let k = key.k();
    let mut one = vec![0u8; k];
    one[k - 1] = 1;
    let mut top = vec![0u8; k];
    top[0] = 1;
    let mut v = vec![
        ("0", vec![0u8; k]),
        ("1", one),
        ("n", key.n.clone()),
        ("2^(8k)-1", vec![0xffu8; k]),
        ("2^(8k-8)", top),
        ("empty", Vec::new()),
        ("k-1 zero bytes", vec![0u8; k - 1]),
        ("k+1 zero bytes", vec![0u8; k + 1]),
    ];
    for (name, d) in [("n-1", -1i64), ("n-2", -2), ("n+1", 1), ("n+2", 2)] {
        if let Some(x) = n_plus(&key.n, d) {
            v.push((name, x));
        }
    }
    v
}

/// Every mutation of one valid signature, compared; `r` picks the random positions.
fn mutations(
    t: &mut Tally,
    key: &TestKey,
    padding: Padding,
    hash: Hash,
    msg: &[u8],
    sig: &[u8],
    r: &mut StdRng,
) {
    let k = key.k();
    for h in HASHES.into_iter().filter(|&h| h != hash) {
        t.want(false, key, padding, h, msg, sig, "wrong hash");
    }
    t.want(false, key, other(padding), hash, msg, sig, "other padding");
    // The message.
    let mut longer = msg.to_vec();
    longer.push(0);
    t.want(false, key, padding, hash, &longer, sig, "message + 00");
    if !msg.is_empty() {
        t.want(
            false,
            key,
            padding,
            hash,
            &msg[..msg.len() - 1],
            sig,
            "message - last byte",
        );
        let bit = r.random_range(0..msg.len() * 8);
        t.want(
            false,
            key,
            padding,
            hash,
            &flip(msg, bit),
            sig,
            "message bit flip",
        );
    }
    // The signature: bit flips (first byte, last byte, anywhere), wrong lengths.
    for bit in [7, 0, 8 * k - 1, 8 * k - 8, r.random_range(0..8 * k)] {
        let s = flip(sig, bit);
        t.same(
            key,
            padding,
            hash,
            msg,
            &s,
            &format!("signature bit {bit} flipped"),
        );
    }
    let mut long = vec![0u8];
    long.extend_from_slice(sig);
    t.want(false, key, padding, hash, msg, &long, "00 || signature");
    let mut long = sig.to_vec();
    long.push(0);
    t.want(false, key, padding, hash, msg, &long, "signature || 00");
    t.want(
        false,
        key,
        padding,
        hash,
        msg,
        &sig[1..],
        "signature without first byte",
    );
    t.want(
        false,
        key,
        padding,
        hash,
        msg,
        &sig[..k - 1],
        "signature without last byte",
    );
    // A signature plus n (the same residue, out of range) when that still fits in k bytes.
    if let Some(plus_n) = add_be(sig, &key.n) {
        t.want(false, key, padding, hash, msg, &plus_n, "signature + n");
    }
    // The encoded message under the signature: a bit flipped at the structure's boundaries
    // and at random, then signed again with the private key.
    let em = open(key, sig);
    let h_len = hash.output_len();
    let t_len = 19 + h_len;
    let positions = [
        0,
        1,
        2,
        k - t_len - 2,
        k - t_len - 1,
        k - t_len,
        k - h_len - 2,
        k - h_len - 1,
        k - h_len,
        k - 2,
        k - 1,
        r.random_range(0..k),
        r.random_range(0..k),
    ];
    for pos in positions {
        let bit = pos * 8 + r.random_range(0..8);
        if let Some(s) = seal(key, &flip(&em, bit)) {
            t.same(
                key,
                padding,
                hash,
                msg,
                &s,
                &format!("EM bit {bit} flipped"),
            );
        }
    }
    // The top bits of EM one at a time (PSS: the unused bits of step 6).
    for bit in 0..8 {
        if let Some(s) = seal(key, &flip(&em, 7 - bit)) {
            t.same(
                key,
                padding,
                hash,
                msg,
                &s,
                &format!("EM top bit {bit} flipped"),
            );
        }
    }
}

/// a + b, big-endian, when it fits in a.len() bytes.
fn add_be(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    assert_eq!(a.len(), b.len());
    let mut out = vec![0u8; a.len()];
    let mut carry = 0u16;
    for i in (0..a.len()).rev() {
        let x = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = x as u8;
        carry = x >> 8;
    }
    (carry == 0).then_some(out)
}

#[test]
fn valid_signatures_and_their_mutations() {
    let mut t = Tally::default();
    let mut r = rng(1);
    for key in keys() {
        for padding in PADDINGS {
            for hash in HASHES {
                let mut random = vec![0u8; 1000];
                r.fill_bytes(&mut random);
                let msgs: [&[u8]; 4] = [
                    b"",
                    b"a",
                    b"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0",
                    &random,
                ];
                for msg in msgs {
                    let sig = rsa_sign(&key.private, padding, hash, msg, None, &mut r);
                    t.want(true, key, padding, hash, msg, &sig, "valid");
                    mutations(&mut t, key, padding, hash, msg, &sig, &mut r);
                }
            }
        }
    }
    t.report("valid_signatures_and_their_mutations");
}

#[test]
fn special_signatures() {
    let mut t = Tally::default();
    for key in keys() {
        for (name, sig) in specials(key) {
            for padding in PADDINGS {
                for hash in HASHES {
                    for msg in [&b""[..], b"m"] {
                        t.want(false, key, padding, hash, msg, &sig, name);
                    }
                }
            }
        }
    }
    t.report("special_signatures");
}

/// PSS signatures by `rsa` with salts other than the hash length: `rsa` with salt length =
/// hash length and we must both refuse them.
#[test]
fn pss_other_salt_lengths() {
    let mut t = Tally::default();
    let mut r = rng(2);
    for key in keys() {
        let em_len = (key.bits - 1).div_ceil(8);
        for hash in HASHES {
            let h = hash.output_len();
            for salt in [0, 1, 20, h - 1, h + 1, 2 * h, em_len - h - 2] {
                let sig = rsa_sign(&key.private, Padding::Pss, hash, b"msg", Some(salt), &mut r);
                t.want(
                    false,
                    key,
                    Padding::Pss,
                    hash,
                    b"msg",
                    &sig,
                    &format!("salt {salt}"),
                );
            }
        }
    }
    t.report("pss_other_salt_lengths");
}

/// Encoded messages that break one rule of EMSA-PKCS1-v1_5 each (the forgeries of the
/// Bleichenbacher 2006 family among them), signed with the private key.
#[test]
fn pkcs1_crafted_encodings() {
    let mut t = Tally::default();
    let mut r = rng(3);
    for key in keys() {
        let k = key.k();
        for hash in HASHES {
            let msg = b"crafted";
            let h = digest(hash, msg);
            let prefix = digest_info(hash);
            let em_with = |t: &[u8], ps_byte: u8, sep: u8| {
                let mut v = vec![0u8, 1];
                v.extend(std::iter::repeat_n(ps_byte, k - t.len() - 3));
                v.push(sep);
                v.extend_from_slice(t);
                v
            };
            let tt = [prefix.clone(), h.clone()].concat();
            let good = em_with(&tt, 0xff, 0);
            let mut cases: Vec<(String, Vec<u8>, bool)> = vec![("good".into(), good.clone(), true)];
            let mut poke = |name: &str, i: usize, b: u8| {
                let mut v = good.clone();
                v[i] = b;
                cases.push((name.into(), v, false));
            };
            let ps_end = k - tt.len() - 1;
            poke("block type 02", 1, 2);
            poke("block type 00", 1, 0);
            poke("leading byte 01", 0, 1);
            poke("first PS byte FE", 2, 0xfe);
            poke("middle PS byte 00", ps_end / 2, 0);
            poke("last PS byte FE", ps_end - 1, 0xfe);
            poke("separator 01", ps_end, 1);
            poke("separator FF", ps_end, 0xff);
            poke("DigestInfo length", ps_end + 2, prefix[1] + 1);
            poke("NULL tag 04", ps_end + 15, 0x04);
            poke("OCTET STRING length", ps_end + 19, h.len() as u8 - 1);
            poke("last hash byte", k - 1, good[k - 1] ^ 1);
            cases.push(("PS of zeros".into(), em_with(&tt, 0, 0), false));
            cases.push(("PS of 01".into(), em_with(&tt, 1, 0), false));
            // No DigestInfo (the raw hash), DigestInfo without NULL (Wycheproof "MissingNull"),
            // a BER long-form length, another hash's prefix, a truncated hash.
            cases.push(("no DigestInfo".into(), em_with(&h, 0xff, 0), false));
            let mut no_null = prefix.clone();
            no_null.drain(14..16);
            no_null[1] -= 2;
            no_null[3] -= 2;
            cases.push((
                "missing NULL".into(),
                em_with(&[no_null, h.clone()].concat(), 0xff, 0),
                false,
            ));
            let mut ber = vec![0x30, 0x81];
            ber.extend_from_slice(&prefix[1..]);
            cases.push((
                "BER length".into(),
                em_with(&[ber, h.clone()].concat(), 0xff, 0),
                false,
            ));
            for other in HASHES.into_iter().filter(|&o| o != hash) {
                let p = digest_info(other);
                cases.push((
                    format!("{other:?} prefix"),
                    em_with(&[p, h.clone()].concat(), 0xff, 0),
                    false,
                ));
            }
            cases.push((
                "hash - last byte".into(),
                em_with(&tt[..tt.len() - 1], 0xff, 0),
                false,
            ));
            // 00 01 FF×8 00 T garbage: the shortest PS, then bytes a lax parser ignores.
            let mut lax = vec![0u8, 1];
            lax.extend([0xff; 8]);
            lax.push(0);
            lax.extend_from_slice(&tt);
            let mut garbage = vec![0u8; k - lax.len()];
            r.fill_bytes(&mut garbage);
            lax.extend(garbage);
            cases.push(("T then garbage".into(), lax, false));
            // Garbage hidden in the DigestInfo parameters instead of NULL.
            let mut hidden = prefix.clone();
            hidden.truncate(15);
            let fill = k - 3 - 8 - hidden.len() - 4 - h.len();
            hidden[1] = 0x81; // makes the outer length nonsense either way
            let mut params = vec![0x05, 0x00];
            params.extend(std::iter::repeat_n(0x41, fill.saturating_sub(2)));
            let mut v = vec![0u8, 1];
            v.extend([0xff; 8]);
            v.push(0);
            v.extend_from_slice(&hidden);
            v.extend_from_slice(&params);
            v.extend_from_slice(&[0x04, h.len() as u8]);
            v.extend_from_slice(&h);
            v.resize(k, 0);
            cases.push(("garbage in parameters".into(), v, false));
            for (name, em, want) in cases {
                assert_eq!(em.len(), k, "{name}");
                if let Some(sig) = seal(key, &em) {
                    t.want(want, key, Padding::Pkcs1v15, hash, msg, &sig, &name);
                    if want {
                        t.want(false, key, Padding::Pss, hash, msg, &sig, &name);
                    }
                } else {
                    // Only "leading byte 01" can be >= n (when n < 2^(8k-7)).
                    assert_eq!(name, "leading byte 01", "{}", key.name);
                }
            }
        }
    }
    t.report("pkcs1_crafted_encodings");
}

/// The DigestInfo prefixes, written out here independently of the crate (RFC 8017 §9.2 note 1).
fn digest_info(hash: Hash) -> Vec<u8> {
    let (len, id, h) = match hash {
        Hash::Sha256 => (0x31, 1, 0x20),
        Hash::Sha384 => (0x41, 2, 0x30),
        Hash::Sha512 => (0x51, 3, 0x40),
    };
    vec![
        0x30, len, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, id,
        0x05, 0x00, 0x04, h,
    ]
}

/// How to build (and break) an EMSA-PSS encoding in [`pss_em`].
#[derive(Clone)]
struct Pss {
    salt: Vec<u8>,
    mgf: Hash,
    zeros_in_m_prime: bool,
    separator: u8,
    ps_poke: Option<usize>,
    trailer: u8,
    top_bits: u8,
    leading_byte: u8,
    masked: bool,
    h_flip: bool,
}

fn mgf1(hash: Hash, seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut c = 0u32;
    while out.len() < len {
        out.extend(digest(hash, &[seed, &c.to_be_bytes()].concat()));
        c += 1;
    }
    out.truncate(len);
    out
}

/// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with knobs, as the k-byte integer representative.
fn pss_em(key: &TestKey, hash: Hash, msg: &[u8], p: &Pss) -> Vec<u8> {
    let em_bits = key.bits - 1;
    let em_len = em_bits.div_ceil(8);
    let m_hash = digest(hash, msg);
    let zeros: &[u8] = if p.zeros_in_m_prime { &[0; 8] } else { &[] };
    let mut hh = digest(hash, &[zeros, &m_hash, &p.salt].concat());
    let mut db = vec![0u8; em_len - p.salt.len() - hh.len() - 2];
    if let Some(i) = p.ps_poke {
        let len = db.len().max(1);
        db[i % len] = 0x01;
    }
    db.push(p.separator);
    db.extend_from_slice(&p.salt);
    if p.masked {
        for (d, m) in db.iter_mut().zip(mgf1(p.mgf, &hh, em_len - hh.len() - 1)) {
            *d ^= m;
        }
    }
    db[0] &= 0xff >> (8 * em_len - em_bits);
    db[0] |= p.top_bits;
    if p.h_flip {
        hh[0] ^= 1;
    }
    let mut em = db;
    em.extend_from_slice(&hh);
    em.push(p.trailer);
    if em_len < key.k() {
        em.insert(0, p.leading_byte);
    }
    em
}

/// Encoded messages that break one rule of EMSA-PSS-VERIFY each (§9.1.2 steps 2c to 14).
#[test]
fn pss_crafted_encodings() {
    type Knob = Box<dyn Fn(&mut Pss, &[u8])>;
    let mut t = Tally::default();
    let mut r = rng(4);
    let mut leading_byte_cases = 0;
    for key in keys() {
        let em_bits = key.bits - 1;
        let em_len = em_bits.div_ceil(8);
        let unused = 8 * em_len - em_bits;
        for hash in HASHES {
            let msg = b"crafted pss";
            let h = hash.output_len();
            let mut cases: Vec<(String, Knob, bool)> = vec![
                ("good".into(), Box::new(|_, _| {}), true),
                (
                    "trailer bd".into(),
                    Box::new(|p, _| p.trailer = 0xbd),
                    false,
                ),
                ("trailer 00".into(), Box::new(|p, _| p.trailer = 0), false),
                (
                    "separator 02".into(),
                    Box::new(|p, _| p.separator = 2),
                    false,
                ),
                (
                    "separator 00".into(),
                    Box::new(|p, _| p.separator = 0),
                    false,
                ),
                (
                    "PS byte 01 first".into(),
                    Box::new(|p, _| p.ps_poke = Some(0)),
                    false,
                ),
                (
                    "PS byte 01 last".into(),
                    Box::new(|p, _| p.ps_poke = Some(usize::MAX)),
                    false,
                ),
                (
                    "unmasked DB".into(),
                    Box::new(|p, _| p.masked = false),
                    false,
                ),
                ("H flipped".into(), Box::new(|p, _| p.h_flip = true), false),
                (
                    "M' without zeros".into(),
                    Box::new(|p, _| p.zeros_in_m_prime = false),
                    false,
                ),
            ];
            for other in HASHES.into_iter().filter(|&o| o != hash) {
                cases.push((
                    format!("MGF1 {other:?}"),
                    Box::new(move |p, _| p.mgf = other),
                    false,
                ));
            }
            for len in [0, h - 1, h + 1] {
                let knob: Knob = Box::new(move |p, fresh| p.salt = fresh[..len].to_vec());
                cases.push((format!("salt {len}"), knob, false));
            }
            if unused > 0 {
                // Step 6: of the unused top bits only the lowest, bit emBits = modBits − 1, can
                // be set in an integer below n.
                let b = 1u8 << (8 - unused);
                cases.push((
                    "unused bit emBits set".into(),
                    Box::new(move |p, _| p.top_bits = b),
                    false,
                ));
            }
            if em_len < key.k() {
                // modBits ≡ 1 (mod 8): m = 256^emLen + EM holds a correct encoding under its top
                // byte, but is not an emLen-byte string, so I2OSP fails.
                cases.push((
                    "leading byte 01".into(),
                    Box::new(|p, _| p.leading_byte = 1),
                    false,
                ));
                leading_byte_cases += 1;
            }
            for (name, knob, want) in cases {
                // Some cases are integers >= n for some salts (a top bit set): try fresh salts.
                let found = (0..256).find_map(|_| {
                    let mut fresh = vec![0u8; 2 * h];
                    r.fill_bytes(&mut fresh);
                    let mut p = Pss {
                        salt: fresh[..h].to_vec(),
                        mgf: hash,
                        zeros_in_m_prime: true,
                        separator: 1,
                        ps_poke: None,
                        trailer: 0xbc,
                        top_bits: 0,
                        leading_byte: 0,
                        masked: true,
                        h_flip: false,
                    };
                    let unbroken = seal(key, &pss_em(key, hash, msg, &p))?;
                    knob(&mut p, &fresh);
                    let em = pss_em(key, hash, msg, &p);
                    assert_eq!(em.len(), key.k(), "{name}");
                    Some((unbroken, seal(key, &em)?))
                });
                let (unbroken, sig) =
                    found.unwrap_or_else(|| panic!("{} {name}: no salt", key.name));
                t.want(true, key, Padding::Pss, hash, msg, &unbroken, "unbroken");
                t.want(want, key, Padding::Pss, hash, msg, &sig, &name);
                t.want(false, key, Padding::Pkcs1v15, hash, msg, &sig, &name);
            }
        }
    }
    assert_eq!(leading_byte_cases, 3, "one key of 2049 bits, three hashes");
    t.report("pss_crafted_encodings");
}

fn pick(keys: &[TestKey], i: prop::sample::Index) -> &TestKey {
    &keys[i.index(keys.len())]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A random key, hash, padding and message: the signature verifies and every mutation of
    /// it gets the same verdict from both.
    #[test]
    fn random_messages_and_mutations(
        ki in any::<prop::sample::Index>(),
        hi in 0usize..3,
        pss in any::<bool>(),
        msg in proptest::collection::vec(any::<u8>(), 0..600),
        seed in any::<u64>(),
    ) {
        let key = pick(keys(), ki);
        let (hash, padding) = (HASHES[hi], if pss { Padding::Pss } else { Padding::Pkcs1v15 });
        let mut r = rng(seed);
        let mut t = Tally::default();
        let sig = rsa_sign(&key.private, padding, hash, &msg, None, &mut r);
        t.want(true, key, padding, hash, &msg, &sig, "valid");
        mutations(&mut t, key, padding, hash, &msg, &sig, &mut r);
        count("random_messages_and_mutations", t.compared);
    }

    /// Random bytes as a signature (any length near k), random message: both refuse.
    #[test]
    fn random_signatures(
        ki in any::<prop::sample::Index>(),
        bytes in proptest::collection::vec(any::<u8>(), 0..520),
        len_delta in -1i32..=1,
        msg in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let key = pick(keys(), ki);
        let len = (key.k() as i32 + len_delta) as usize;
        let mut sig = bytes;
        sig.resize(len, 0x5a);
        let mut t = Tally::default();
        for padding in PADDINGS {
            for hash in HASHES {
                t.same(key, padding, hash, &msg, &sig, "random");
            }
        }
        count("random_signatures", t.compared);
    }

    /// A random encoded message (random bytes under the top byte, or a valid-looking frame
    /// with random contents), signed with the private key.
    #[test]
    fn random_encoded_messages(
        ki in any::<prop::sample::Index>(),
        body in proptest::collection::vec(any::<u8>(), 520),
        frame in 0u8..4,
    ) {
        let key = pick(keys(), ki);
        let k = key.k();
        let mut em = body[..k].to_vec();
        match frame {
            0 => em[0] = 0,
            1 => { em[0] = 0; em[1] = 1; }
            2 => { em[0] = 0; *em.last_mut().unwrap() = 0xbc; }
            _ => { em[0] &= 0x7f; *em.last_mut().unwrap() = 0xbc; }
        }
        let mut t = Tally::default();
        if let Some(sig) = seal(key, &em) {
            for padding in PADDINGS {
                for hash in HASHES {
                    t.same(key, padding, hash, b"m", &sig, "random EM");
                }
            }
        }
        count("random_encoded_messages", t.compared);
    }
}

/// Verdicts compared by each proptest test, printed after every 96th case.
fn count(test: &'static str, n: usize) {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static TOTALS: Mutex<Option<HashMap<&str, (usize, usize)>>> = Mutex::new(None);
    let mut totals = TOTALS.lock().unwrap();
    let (cases, compared) = totals
        .get_or_insert_with(HashMap::new)
        .entry(test)
        .or_default();
    *cases += 1;
    *compared += n;
    if *cases % 96 == 0 {
        eprintln!(
            "{test} (proptest): {cases} cases, {compared} verdicts compared with rsa, all equal"
        );
    }
}
