//! Cutting text from the input to a readable length, for messages and inspect findings: a
//! token can carry a member name, an `alg` or a URL of a megabyte, and an error or finding that
//! quotes it must stay small. Lengths count characters, never splitting one.

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
}
