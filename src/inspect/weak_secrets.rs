//! The built-in list of well-known weak HMAC secrets and the scan that tries them.

use crate::alg::Algorithm;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};

/// The list, one secret per line; lines starting with `# ` are comments.
const LIST: &str = include_str!("weak_secrets.txt");

/// The secrets of the built-in list.
pub fn secrets() -> impl Iterator<Item = &'static str> {
    LIST.lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# ") && *l != "#")
}

/// How many secrets the list holds.
pub fn count() -> usize {
    secrets().count()
}

fn check<M: Mac + KeyInit + Clone>(secret: &[u8], message: &[u8], tag: &[u8]) -> bool {
    match <M as KeyInit>::new_from_slice(secret) {
        Ok(mut m) => {
            m.update(message);
            m.verify_slice(tag).is_ok()
        }
        Err(_) => false,
    }
}

/// Whether `tag` is the HMAC of `message` under `secret` for the HS* `alg`.
pub(crate) fn hmac_matches(alg: Algorithm, secret: &[u8], message: &[u8], tag: &[u8]) -> bool {
    if tag.len() != alg.hash().output_len() {
        return false;
    }
    match alg {
        Algorithm::HS256 => check::<Hmac<Sha256>>(secret, message, tag),
        Algorithm::HS384 => check::<Hmac<Sha384>>(secret, message, tag),
        Algorithm::HS512 => check::<Hmac<Sha512>>(secret, message, tag),
        _ => false,
    }
}

/// The first built-in secret that produced `tag`.
pub(crate) fn find(alg: Algorithm, message: &[u8], tag: &[u8]) -> Option<&'static str> {
    if tag.len() != alg.hash().output_len() {
        return None;
    }
    secrets().find(|s| hmac_matches(alg, s.as_bytes(), message, tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_large_and_distinct() {
        let all: Vec<&str> = secrets().collect();
        assert!(all.len() >= 1000, "only {} secrets", all.len());
        let mut sorted = all.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len(), "duplicates in weak_secrets.txt");
        for s in [
            "secret",
            "your-256-bit-secret",
            "changeme",
            "jwt_secret",
            "shhhhh",
        ] {
            assert!(all.contains(&s), "{s} missing");
        }
        assert!(
            all.iter().all(|s| s.trim() == *s),
            "entries with surrounding whitespace"
        );
    }
}
