//! The bounds of `inspect`: its input, the findings it lists and the size of its report. A leaf
//! that the report, the finding builder and the sensitive-data walk all read.

/// Longest input `inspect` reads (1 MiB).
pub const MAX_INSPECT_BYTES: usize = 1_048_576;
/// At most this many findings of one code are listed; the rest are counted in one more finding
/// of that code (so a payload with thousands of sensitive values, or thousands of duplicated
/// registered claims, gives a report of bounded size).
pub const MAX_FINDINGS_PER_CODE: usize = 20;
/// A path to a sensitive value is cut to this many characters (its start and end kept).
pub(crate) const MAX_PATH_CHARS: usize = 160;
/// A finding's `location` is cut to this many characters (its start and end kept).
pub const MAX_LOCATION_CHARS: usize = MAX_PATH_CHARS;
/// A finding's `detail` is cut to this many characters (its start and end kept). Values quoted in
/// a detail (names, URLs, algorithm names) are cut shorter where they are written.
pub const MAX_DETAIL_CHARS: usize = 1000;
/// The report's JSON (`Report::to_json`) is at most this many bytes per byte of token, plus
/// [`REPORT_BYTES_FIXED`]: the claims list repeats each payload member with its explanation, and
/// every other part is capped (tests build the worst payloads they know and check it).
pub const REPORT_BYTES_PER_TOKEN_BYTE: usize = 24;
/// See [`REPORT_BYTES_PER_TOKEN_BYTE`].
pub const REPORT_BYTES_FIXED: usize = 65_536;
