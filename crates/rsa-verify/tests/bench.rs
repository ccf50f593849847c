//! A one-off timing, not a test: RS256 and PS256 with a 2048-bit key, this crate against the
//! `rsa` crate as jwtlens calls it (the `PublicKey` cloned into a new `VerifyingKey` per
//! verification). Run natively in release:
//! `cargo test --release --test bench -- --ignored --nocapture`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{make_key, rng, rsa_sign, rsa_verify};
use jwtlens_rsa_verify::{Hash, Padding};
use std::hint::black_box;
use std::time::Instant;

fn per_op(iters: u32, mut f: impl FnMut() -> bool) -> f64 {
    for _ in 0..iters / 10 {
        assert!(f());
    }
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..iters {
            assert!(black_box(f()));
        }
        best = best.min(t.elapsed().as_secs_f64() * 1e6 / f64::from(iters));
    }
    best
}

#[test]
#[ignore = "timing; run with --release -- --ignored --nocapture"]
fn timing_2048() {
    let msg =
        b"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiaWF0IjoxNTE2MjM5MDIyfQ";
    let mut r = rng(9);
    for (e, seed) in [(65537u64, 1u64), (3, 4)] {
        let key = make_key(2048, e, seed);
        for padding in [Padding::Pkcs1v15, Padding::Pss] {
            let sig = rsa_sign(&key.private, padding, Hash::Sha256, msg, None, &mut r);
            let iters = 2000;
            let ours = per_op(iters, || {
                key.ours
                    .verify(padding, Hash::Sha256, black_box(msg), black_box(&sig))
            });
            let theirs = per_op(iters, || {
                rsa_verify(
                    &key.public,
                    padding,
                    Hash::Sha256,
                    black_box(msg),
                    black_box(&sig),
                )
            });
            // `rsa` without the per-call clone: a VerifyingKey built once.
            let reused = {
                use rsa::signature::Verifier;
                use sha2::Sha256;
                match padding {
                    Padding::Pkcs1v15 => {
                        let vk = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key.public.clone());
                        let s = rsa::pkcs1v15::Signature::try_from(sig.as_slice()).unwrap();
                        per_op(iters, || vk.verify(black_box(msg), black_box(&s)).is_ok())
                    }
                    Padding::Pss => {
                        let vk = rsa::pss::VerifyingKey::<Sha256>::new(key.public.clone());
                        let s = rsa::pss::Signature::try_from(sig.as_slice()).unwrap();
                        per_op(iters, || vk.verify(black_box(msg), black_box(&s)).is_ok())
                    }
                }
            };
            eprintln!(
                "2048-bit e={e} {padding:?} SHA-256: ours {ours:.1} µs, rsa {theirs:.1} µs \
                 per verify (ours / rsa = {:.2}); rsa with its VerifyingKey reused {reused:.1} µs",
                ours / theirs
            );
        }
    }
}
