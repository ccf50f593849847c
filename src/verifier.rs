//! A prepared verifier (`createVerifier`): a key and validated options held together, so that each
//! token needs only itself and the time.

use crate::error::Error;
use crate::key::Key;
use crate::validate::Validation;
use crate::verify::{verify_at, Verified};

/// A key and validated options prepared once for verifying many tokens.
#[derive(Debug, Clone)]
pub struct Verifier {
    key: Key,
    validation: Validation,
}

impl Verifier {
    /// A verifier holding its own copy of `key` (a key freed later does not affect it).
    pub fn new(key: Key, validation: Validation) -> Verifier {
        Verifier { key, validation }
    }

    /// [`verify_at`] with the verifier's key and options.
    ///
    /// # Errors
    /// As [`verify_at`].
    pub fn verify_at(&self, token: &str, now: u64) -> Result<Verified, Error> {
        verify_at(token, &self.key, &self.validation, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algorithm::Algorithm;
    use crate::verify::tests::hs256 as hs;

    /// The verifier gives verify_at's answer for each token, and the keyed HMAC state it reuses
    /// from the second token on changes nothing (good, tampered, other secret, in any order).
    #[test]
    fn same_answers_as_verify_at() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let v = Validation::new(&[Algorithm::HS256]);
        let key = Key::from_secret(secret).unwrap();
        let verifier = Verifier::new(key.clone(), v.clone());
        let good = hs(r#"{"alg":"HS256"}"#, r#"{"sub":"a","exp":2000}"#, secret);
        let expired = hs(r#"{"alg":"HS256"}"#, r#"{"sub":"a","exp":10}"#, secret);
        let other = hs(
            r#"{"alg":"HS256"}"#,
            r#"{"sub":"a","exp":2000}"#,
            b"another secret, also 32 bytes...",
        );
        let mut tampered = good.clone();
        tampered.pop();
        tampered.push(if good.ends_with('A') { 'Q' } else { 'A' });
        for round in 0..3 {
            for t in [&good, &expired, &other, &tampered] {
                let a = verifier.verify_at(t, 1000).map_err(|e| e.code());
                let b = verify_at(t, &Key::from_secret(secret).unwrap(), &v, 1000)
                    .map_err(|e| e.code());
                assert_eq!(a, b, "round {round}");
            }
        }
        assert!(verifier.verify_at(&good, 1000).is_ok());
        assert_eq!(
            verifier.verify_at(&other, 1000).unwrap_err().code(),
            "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"
        );
    }
}
