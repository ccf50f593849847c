//! The built-in list of well-known weak HMAC secrets and the scan that tries them.

use crate::alg::hmac::KeyedSecrets;
use crate::algorithm::Algorithm;

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

static KEYED: KeyedSecrets = KeyedSecrets::new(|| secrets().collect());

/// The first built-in secret that produced `tag`.
pub(crate) fn find(alg: Algorithm, message: &[u8], tag: &[u8]) -> Option<&'static str> {
    KEYED.find(alg, message, tag)
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
