//! What a paste brings along around a token — whitespace, and a leading `Bearer ` — and *the* rule
//! that removes it. `decode` and `inspect` trim with [`trim_pasted`]. The JS layer must not copy
//! megabytes of whitespace into wasm to learn where a pasted token starts, nor keep a copy of this
//! rule: it asks [`pasted_head`] and [`pasted_tail`] about bounded windows of the text and drops
//! what they call noise, which leaves `trim_pasted` of the whole text unchanged.

/// Whitespace around a pasted token: Unicode White_Space, as `str::trim`. Every such character
/// is in the Basic Multilingual Plane, one UTF-16 code unit (the window functions count on it).
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

const BEARER: &str = "bearer";

/// What follows a leading `Bearer` (any letter case) when a space follows it, that space included.
fn after_bearer(t: &str) -> Option<&str> {
    let word = t.get(..BEARER.len())?;
    let rest = t.get(BEARER.len()..)?;
    (word.eq_ignore_ascii_case(BEARER) && rest.starts_with(' ')).then_some(rest)
}

/// UTF-16 code units in `s` (what a JS string index counts).
fn units(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Removes what a paste brings along: surrounding whitespace and a leading `Bearer ` (any letter
/// case, then one or more spaces, then any whitespace).
pub fn trim_pasted(token: &str) -> &str {
    let t = token.trim_matches(is_space);
    match after_bearer(t) {
        Some(rest) => rest.trim_start_matches(is_space),
        None => t,
    }
}

/// The pasting noise at the start of a window of pasted text (see [`pasted_head`]), in UTF-16
/// code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PastedHead {
    /// Leading whitespace: drop it.
    pub space: usize,
    /// Units to keep after that whitespace: 7 when `Bearer ` (any letter case, then a space)
    /// follows it, else 0. It is kept once; what follows it is looked at with `bearer_kept`.
    pub keep: usize,
    /// Whitespace after the space of that `Bearer `: drop it.
    pub after: usize,
}

/// The noise at the start of `window`, the first code units of a pasted text (or of what is left
/// of it once earlier answers were applied). `bearer_kept`: a `Bearer ` was kept before the window,
/// so another one is not noise. Removing the `space` units, and the `after` units behind a
/// `Bearer `, leaves [`trim_pasted`] of the whole text as it was, wherever the window ends:
/// `Bearer ` followed by whitespace trims as `Bearer ` followed by nothing more.
pub fn pasted_head(window: &str, bearer_kept: bool) -> PastedHead {
    let rest = window.trim_start_matches(is_space);
    let space = units(window) - units(rest);
    let bearer = if bearer_kept {
        None
    } else {
        after_bearer(rest)
    };
    match bearer {
        Some(after) => {
            let behind = after.get(1..).unwrap_or("");
            PastedHead {
                space,
                keep: units(rest) - units(behind),
                after: units(behind) - units(behind.trim_start_matches(is_space)),
            }
        }
        None => PastedHead {
            space,
            keep: 0,
            after: 0,
        },
    }
}

/// Trailing whitespace of `window`, the last code units of a pasted text, in UTF-16 code units:
/// removing it leaves [`trim_pasted`] of the whole text as it was.
pub fn pasted_tail(window: &str) -> usize {
    units(window) - units(window.trim_end_matches(is_space))
}

/// **Not API** (tests and fuzz targets): the JS layer's use of the two window functions
/// (js/tokens.js, `withoutNoise`) over the UTF-16 code units of a pasted `text`, with windows of
/// `w` units decoded as `encodeInto` does (a lone surrogate becomes U+FFFD). [`trim_pasted`] of
/// the result must be [`trim_pasted`] of the text, and `w` must be at least 8 (a window holds
/// `Bearer ` and the character after it), as the JS layer's windows are.
#[doc(hidden)]
pub fn reduce_in_windows(text: &[u16], w: usize) -> String {
    let slice = |a: usize, b: usize| String::from_utf16_lossy(text.get(a..b).unwrap_or(&[]));
    let (mut start, mut prefix) = (0, None::<String>);
    loop {
        let end = text.len().min(start + w);
        let h = pasted_head(&slice(start, end), prefix.is_some());
        if h.keep > 0 {
            prefix = Some(slice(start + h.space, start + h.space + h.keep));
            start += h.space + h.keep + h.after;
        } else if h.space == 0 {
            break;
        } else {
            start += h.space;
        }
    }
    let mut end = text.len();
    while end > start {
        let from = start.max(end.saturating_sub(w));
        let t = pasted_tail(&slice(from, end));
        let all_space = t == end - from;
        end -= t;
        if !all_space {
            break;
        }
    }
    prefix.unwrap_or_default() + &slice(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_whitespace_and_bearer() {
        for (input, want) in [
            ("  a.b.c\n", "a.b.c"),
            ("Bearer a.b.c", "a.b.c"),
            ("bEaReR  \t a.b.c \u{3000}", "a.b.c"),
            ("\u{85}Bearer a", "a"),
            ("Bearer", "Bearer"),
            ("Bearer   ", "Bearer"),
            ("Bearer\ta", "Bearer\ta"),
            ("Bearer Bearer a", "Bearer a"),
            ("\u{feff}a", "\u{feff}a"),
            ("a\u{200b}", "a\u{200b}"),
            ("", ""),
        ] {
            assert_eq!(trim_pasted(input), want, "{input:?}");
        }
    }

    #[test]
    fn window_answers() {
        let h = |w: &str, kept| {
            let p = pasted_head(w, kept);
            (p.space, p.keep, p.after)
        };
        assert_eq!(h("  \u{3000}x", false), (3, 0, 0));
        assert_eq!(h(" Bearer  \t x", false), (1, 7, 3));
        assert_eq!(h(" Bearer  \t x", true), (1, 0, 0));
        assert_eq!(h("Bearer", false), (0, 0, 0));
        assert_eq!(h("Bearer ", false), (0, 7, 0));
        assert_eq!(h("\u{feff} ", false), (0, 0, 0));
        assert_eq!(h("🚀 ", false), (0, 0, 0));
        assert_eq!(pasted_tail("x \u{2029}\n"), 3);
        assert_eq!(pasted_tail("x\u{feff}"), 0);
        assert_eq!(pasted_tail("   "), 3);
    }

    #[test]
    fn the_window_reduction_keeps_the_trimmed_token() {
        const PIECES: &[&str] = &[
            " ", " ", "\t", "\n", "\u{3000}", "\u{85}", "\u{a0}", "\u{feff}", "\u{200b}", "b", "e",
            "a", "r", "B", "E", "R", "bearer", "Bearer ", "BEARER  ", "x", ".", "🚀", "LONE",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..20_000 {
            let mut text: Vec<u16> = Vec::new();
            for _ in 0..next(24) {
                let piece = PIECES[next(PIECES.len())];
                if piece == "LONE" {
                    text.push(0xd800); // a lone surrogate, as a JS string can hold
                } else {
                    text.extend(piece.encode_utf16());
                }
            }
            let whole = String::from_utf16_lossy(&text);
            for w in [8, 9, 13, 64] {
                let reduced = reduce_in_windows(&text, w);
                assert_eq!(
                    trim_pasted(&reduced),
                    trim_pasted(&whole),
                    "{whole:?} w={w}"
                );
                assert!(reduced.len() <= whole.len(), "{whole:?} w={w}");
            }
        }
    }
}
