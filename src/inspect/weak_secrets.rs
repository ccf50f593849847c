//! The built-in list of well-known weak HMAC secrets and the scan that tries them.

use crate::alg::Algorithm;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};
use std::sync::OnceLock;

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

/// The list's HMAC instances, keyed once per hash and cloned per token: keying costs two
/// compression-function calls per secret, a third of the scan for a typical token.
fn keyed<M: Mac + KeyInit + Clone>(
    cell: &'static OnceLock<Vec<(&'static str, M)>>,
) -> &'static [(&'static str, M)] {
    cell.get_or_init(|| {
        secrets()
            .filter_map(|s| {
                <M as KeyInit>::new_from_slice(s.as_bytes())
                    .ok()
                    .map(|m| (s, m))
            })
            .collect()
    })
}

fn scan<M: Mac + KeyInit + Clone>(
    keys: &'static [(&'static str, M)],
    message: &[u8],
    tag: &[u8],
) -> Option<&'static str> {
    keys.iter().find_map(|(s, m)| {
        let mut m = m.clone();
        m.update(message);
        m.verify_slice(tag).is_ok().then_some(*s)
    })
}

static HS256: OnceLock<Vec<(&'static str, Hmac<Sha256>)>> = OnceLock::new();
static HS384: OnceLock<Vec<(&'static str, Hmac<Sha384>)>> = OnceLock::new();
static HS512: OnceLock<Vec<(&'static str, Hmac<Sha512>)>> = OnceLock::new();

/// The first built-in secret that produced `tag`.
pub(crate) fn find(alg: Algorithm, message: &[u8], tag: &[u8]) -> Option<&'static str> {
    if tag.len() != alg.hash().output_len() {
        return None;
    }
    match alg {
        Algorithm::HS256 => scan(keyed(&HS256), message, tag),
        Algorithm::HS384 => scan(keyed(&HS384), message, tag),
        Algorithm::HS512 => scan(keyed(&HS512), message, tag),
        _ => None,
    }
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
