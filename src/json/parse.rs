//! The bounded parser: depth and member limits, duplicate-member detection, strict grammar,
//! and the [`ParseError`] that says where and why input was refused.

use std::collections::BTreeMap;
use std::fmt;

use super::{Number, Value};

/// Deepest nesting accepted; the top-level value is level 1.
pub const MAX_DEPTH: usize = 64;

/// Most members one object may have. Far above any real header, claim set or JWK, and more than
/// a token within the default size limit (262,144 bytes, at least 5 bytes a member) can hold, so
/// it never refuses such a token; it bounds the work and memory one object can cost when the
/// caller raises `maxTokenBytes`.
pub const MAX_MEMBERS: usize = 100_000;

/// Where and why parsing failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset in the input.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What went wrong.
    pub kind: ParseErrorKind,
}

/// The kinds of JSON failure. New limits may add kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// Not UTF-8.
    NotUtf8,
    /// Anything the grammar does not allow.
    Syntax(String),
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// An object with more than [`MAX_MEMBERS`] members.
    TooManyMembers,
    /// A member name appears twice in one object.
    DuplicateMember(String),
    /// A `\uD800`-style escape that is not half of a surrogate pair.
    LoneSurrogate,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &self.kind {
            ParseErrorKind::NotUtf8 => "not valid UTF-8".to_owned(),
            ParseErrorKind::Syntax(m) => m.clone(),
            ParseErrorKind::TooDeep => format!("nested deeper than {MAX_DEPTH} levels"),
            ParseErrorKind::TooManyMembers => {
                format!("an object with more than {MAX_MEMBERS} members")
            }
            ParseErrorKind::DuplicateMember(name) => format!("duplicate member name \"{name}\""),
            ParseErrorKind::LoneSurrogate => "lone UTF-16 surrogate escape".to_owned(),
        };
        write!(f, "{what} at line {} column {}", self.line, self.column)
    }
}

/// How duplicate member names are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    /// A duplicate is a parse error.
    Reject,
    /// Duplicates are reported; as with `JSON.parse`, the member keeps its first position and
    /// takes its last value.
    Report,
}

/// A successful parse.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The value.
    pub value: Value,
    /// Duplicate member names seen (only with [`Duplicates::Report`]).
    pub duplicates: Vec<String>,
}

/// Parses JSON text strictly, rejecting duplicate member names.
///
/// # Errors
/// [`ParseError`] with the position of the first problem.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    parse_bytes(text.as_bytes(), Duplicates::Reject).map(|p| p.value)
}

/// Parses JSON bytes (which must be UTF-8).
///
/// # Errors
/// [`ParseError`] with the position of the first problem.
pub fn parse_bytes(bytes: &[u8], duplicates: Duplicates) -> Result<Parsed, ParseError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(error_at(bytes, e.valid_up_to(), ParseErrorKind::NotUtf8)),
    };
    let mut p = Parser {
        text,
        bytes,
        pos: 0,
        duplicates,
        seen_duplicates: Vec::new(),
    };
    p.skip_ws();
    let value = p.value(1)?;
    p.skip_ws();
    if p.pos < bytes.len() {
        return Err(p.err(ParseErrorKind::Syntax(
            "unexpected text after the JSON value".into(),
        )));
    }
    Ok(Parsed {
        value,
        duplicates: p.seen_duplicates,
    })
}

fn error_at(bytes: &[u8], offset: usize, kind: ParseErrorKind) -> ParseError {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or(&[]))
        .chars()
        .count()
        + 1;
    ParseError {
        offset,
        line,
        column,
        kind,
    }
}

struct Parser<'a> {
    /// The input, validated once: string runs are sliced from it without a second UTF-8 check.
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    duplicates: Duplicates,
    seen_duplicates: Vec<String>,
}

impl Parser<'_> {
    fn err(&self, kind: ParseErrorKind) -> ParseError {
        error_at(self.bytes, self.pos, kind)
    }
    fn syntax(&self, msg: &str) -> ParseError {
        let found = match self.peek() {
            None => "end of input".to_owned(),
            Some(b) if (0x20..0x7f).contains(&b) => format!("'{}'", b as char),
            Some(b) => format!("byte 0x{b:02x}"),
        };
        self.err(ParseErrorKind::Syntax(format!("{msg}, found {found}")))
    }
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }
    fn eat_literal(&mut self, lit: &[u8]) -> bool {
        if self.bytes.get(self.pos..self.pos + lit.len()) == Some(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b't') if self.eat_literal(b"true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat_literal(b"false") => Ok(Value::Bool(false)),
            Some(b'n') if self.eat_literal(b"null") => Ok(Value::Null),
            _ => Err(self.syntax("expected a JSON value")),
        }
    }

    fn enter(&self, depth: usize) -> Result<(), ParseError> {
        if depth > MAX_DEPTH {
            Err(self.err(ParseErrorKind::TooDeep))
        } else {
            Ok(())
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        const LINEAR_MEMBERS: usize = 16;
        self.enter(depth)?;
        self.pos += 1; // '{'
        let mut members: Vec<(String, Value)> = Vec::new();
        // Name -> index, made past LINEAR_MEMBERS members (smaller objects are searched linearly,
        // without allocating). A BTreeMap: O(log n) whatever the names (no hash flooding), and a
        // duplicate finds its slot directly (linear alone: ~1 s for a 570 KB inspect input).
        let mut names: Option<BTreeMap<String, usize>> = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.syntax("expected a member name in double quotes"));
            }
            let name_pos = self.pos;
            let name = self.string()?;
            let duplicate = match &names {
                Some(map) => map.get(&name).copied(),
                None => members.iter().position(|(n, _)| *n == name),
            };
            if duplicate.is_none() && members.len() >= MAX_MEMBERS {
                return Err(error_at(
                    self.bytes,
                    name_pos,
                    ParseErrorKind::TooManyMembers,
                ));
            }
            if duplicate.is_some() {
                match self.duplicates {
                    Duplicates::Reject => {
                        return Err(error_at(
                            self.bytes,
                            name_pos,
                            ParseErrorKind::DuplicateMember(name),
                        ));
                    }
                    Duplicates::Report => self.seen_duplicates.push(name.clone()),
                }
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.syntax("expected ':' after the member name"));
            }
            self.pos += 1;
            self.skip_ws();
            let v = self.value(depth + 1)?;
            if let Some(index) = duplicate {
                // Report mode reads like JSON.parse: the first position, the last value.
                if let Some(slot) = members.get_mut(index) {
                    slot.1 = v;
                }
            } else {
                if let Some(map) = names.as_mut() {
                    map.insert(name.clone(), members.len());
                } else if members.len() >= LINEAR_MEMBERS {
                    let mut map = BTreeMap::new();
                    for (i, (n, _)) in members.iter().enumerate() {
                        map.insert(n.clone(), i);
                    }
                    map.insert(name.clone(), members.len());
                    names = Some(map);
                }
                members.push((name, v));
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.syntax("expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.enter(depth)?;
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.syntax("expected ',' or ']'")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => u32::from(b - b'0'),
                Some(b @ b'a'..=b'f') => u32::from(b - b'a' + 10),
                Some(b @ b'A'..=b'F') => u32::from(b - b'A' + 10),
                _ => return Err(self.syntax("expected 4 hex digits after \\u")),
            };
            v = v * 16 + d;
            self.pos += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The run starts and ends at ASCII bytes (or the end), so it is a slice of the text.
            if let Some(chunk) = self.text.get(start..self.pos) {
                out.push_str(chunk);
            }
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = self.peek();
                    self.pos += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let esc_pos = self.pos.saturating_sub(2);
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !(self.eat_literal(b"\\u")) {
                                    return Err(error_at(
                                        self.bytes,
                                        esc_pos,
                                        ParseErrorKind::LoneSurrogate,
                                    ));
                                }
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(error_at(
                                        self.bytes,
                                        esc_pos,
                                        ParseErrorKind::LoneSurrogate,
                                    ));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&hi) {
                                return Err(error_at(
                                    self.bytes,
                                    esc_pos,
                                    ParseErrorKind::LoneSurrogate,
                                ));
                            } else {
                                hi
                            };
                            match char::from_u32(code) {
                                Some(c) => out.push(c),
                                None => {
                                    return Err(error_at(
                                        self.bytes,
                                        esc_pos,
                                        ParseErrorKind::LoneSurrogate,
                                    ))
                                }
                            }
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.syntax("invalid escape"));
                        }
                    }
                }
                Some(_) => return Err(self.syntax("unescaped control character in a string")),
                None => return Err(self.syntax("unterminated string")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Number, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.syntax("leading zero in a number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.syntax("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.syntax("expected a digit after '.'"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.syntax("expected a digit in the exponent"));
            }
        }
        let text = self.bytes.get(start..self.pos).unwrap_or(&[]);
        Ok(Number(String::from_utf8_lossy(text).into_owned()))
    }
}
