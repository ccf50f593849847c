//! Cutting text from the input to a readable length, for messages and inspect findings: a
//! token can carry a member name, an `alg` or a URL of a megabyte, and an error or finding that
//! quotes it must stay small. Lengths count characters, never splitting one. And the substring
//! search that the crate uses instead of `str`'s (`find`).

use std::borrow::Cow;

/// A value from the input quoted in an error message or a finding is cut to this many
/// characters.
pub(crate) const MAX_QUOTED_CHARS: usize = 80;

/// `s` cut for quoting: at most [`MAX_QUOTED_CHARS`] characters.
pub(crate) fn quoted(s: &str) -> Cow<'_, str> {
    shorten(s, MAX_QUOTED_CHARS)
}

/// `s` cut to at most `max` characters, the cut marked with `…`.
pub(crate) fn shorten(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => s.into(),
        Some(_) => {
            let keep = s
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(s.len(), |(i, _)| i);
            format!("{}…", s.get(..keep).unwrap_or("")).into()
        }
    }
}

/// `s` cut to at most `max` characters by dropping its middle, marked with `…`.
pub(crate) fn shorten_middle(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_owned();
    }
    let head = max.saturating_sub(1) * 3 / 8;
    let tail = max.saturating_sub(1) - head;
    let head_end = s.char_indices().nth(head).map_or(s.len(), |(i, _)| i);
    let tail_start = s.char_indices().nth(n - tail).map_or(s.len(), |(i, _)| i);
    format!(
        "{}…{}",
        s.get(..head_end).unwrap_or(""),
        s.get(tail_start..).unwrap_or("")
    )
}

/// The offset of the first `needle` in `hay`, as `str::find` with a `&str` pattern gives it (in
/// UTF-8 text it is a character boundary: a UTF-8 needle cannot start inside a character). A
/// plain scan, because `str`'s two-way searcher costs the wasm its code, its tables and its
/// slicing panics (issue 19); the needles here are short markers.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=hay.len()).find(|&i| hay.get(i..).is_some_and(|rest| rest.starts_with(needle)))
}

/// Whether `needle` occurs in `hay` ([`find`]).
pub(crate) fn contains(hay: &str, needle: &str) -> bool {
    find(hay.as_bytes(), needle.as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortening_counts_characters() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "ab…");
        assert_eq!(shorten("ääää", 3), "ää…");
        assert_eq!(shorten_middle("abcdef", 6), "abcdef");
        let m = shorten_middle(&"é".repeat(500), 100);
        assert_eq!(m.chars().count(), 100);
        assert!(m.contains('…'));
    }

    #[test]
    fn find_is_str_find() {
        let hay = "é-----BEGIN x -----END -----";
        for needle in [
            "",
            "é",
            "-",
            "-----",
            "-----BEGIN",
            "-----END ",
            "x",
            "zz",
            "é-é",
            hay,
        ] {
            assert_eq!(
                find(hay.as_bytes(), needle.as_bytes()),
                hay.find(needle),
                "{needle}"
            );
            assert_eq!(contains(hay, needle), hay.contains(needle), "{needle}");
        }
        assert_eq!(find(b"", b""), Some(0));
        assert_eq!(find(b"", b"a"), None);
        assert_eq!(find(b"ab", b"abc"), None);
        assert_eq!(find(&[0xff, 0x00, 0xff, 0x01], &[0xff, 0x01]), Some(2));
    }
}
