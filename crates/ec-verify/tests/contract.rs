//! The contract of each entry point: a valid `R || S` signature verifies; any other input (a
//! changed message or signature, a wrong length, r or s equal to 0 or to the group order) is
//! `false`, never a panic. Wycheproof's ECDSA vectors run through these functions from the parent
//! crate (tests/wycheproof.rs), since jwtlens verifies ES256/384/512 with them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use jwtlens_ec_verify::{es256, es384, es512};

/// Group orders (big-endian), for the r = n and s = n cases.
const N256: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const N384: &str = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973";
const N521: &str = "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409";

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Runs the contract for one curve: `verify(message, signature)` with a valid `sig` of `msg`.
fn contract(verify: &dyn Fn(&[u8], &[u8]) -> bool, msg: &[u8], sig: &[u8], order: &[u8]) {
    let half = sig.len() / 2;
    assert!(verify(msg, sig), "a valid signature verifies");
    assert!(!verify(b"another message", sig), "another message");
    for i in [0, half - 1, half, sig.len() - 1] {
        let mut bad = sig.to_vec();
        bad[i] ^= 0x01;
        assert!(!verify(msg, &bad), "bit flipped at {i}");
    }
    assert!(!verify(msg, &sig[..sig.len() - 1]), "one byte short");
    let mut long = sig.to_vec();
    long.push(0);
    assert!(!verify(msg, &long), "one byte long");
    assert!(!verify(msg, &[]), "empty");
    // r = 0, s = 0 (CVE-2022-21449), r = n, s = n
    let zero = vec![0u8; half];
    assert!(!verify(msg, &[&zero[..], &sig[half..]].concat()), "r = 0");
    assert!(!verify(msg, &[&sig[..half], &zero[..]].concat()), "s = 0");
    assert!(!verify(msg, &[&zero[..], &zero[..]].concat()), "r = s = 0");
    assert_eq!(order.len(), half);
    assert!(!verify(msg, &[order, &sig[half..]].concat()), "r = n");
    assert!(!verify(msg, &[&sig[..half], order].concat()), "s = n");
}

#[test]
fn p256() {
    use p256::ecdsa::{signature::Signer, Signature, SigningKey};
    let sk = SigningKey::from_slice(&[0x11; 32]).unwrap();
    let msg = b"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0";
    let sig: Signature = sk.sign(msg);
    contract(
        &|m, s| es256(sk.verifying_key(), m, s),
        msg,
        &sig.to_bytes(),
        &hex(N256),
    );
}

#[test]
fn p384() {
    use p384::ecdsa::{signature::Signer, Signature, SigningKey};
    let sk = SigningKey::from_slice(&[0x22; 48]).unwrap();
    let msg = b"eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJ4In0";
    let sig: Signature = sk.sign(msg);
    contract(
        &|m, s| es384(sk.verifying_key(), m, s),
        msg,
        &sig.to_bytes(),
        &hex(N384),
    );
}

#[test]
fn p521() {
    use p521::ecdsa::{signature::Signer, Signature, SigningKey};
    let mut scalar = [0x33; 66];
    scalar[0] = 0x01;
    let sk = SigningKey::from_slice(&scalar).unwrap();
    let msg = b"eyJhbGciOiJFUzUxMiJ9.eyJzdWIiOiJ4In0";
    let sig: Signature = sk.sign(msg);
    contract(
        &|m, s| es512(sk.verifying_key(), m, s),
        msg,
        &sig.to_bytes(),
        &hex(N521),
    );
}

/// Each function checks its own curve's length: a P-256 signature length is wrong for P-384.
#[test]
fn lengths_are_per_curve() {
    use p384::ecdsa::SigningKey;
    let sk = SigningKey::from_slice(&[0x22; 48]).unwrap();
    assert!(!es384(sk.verifying_key(), b"m", &[1u8; 64]));
    assert!(!es384(sk.verifying_key(), b"m", &[1u8; 132]));
}
