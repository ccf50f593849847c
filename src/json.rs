//! A small, strict, bounded JSON parser (RFC 8259) for JOSE headers and JWT claims.
//!
//! Why not serde_json: we need duplicate-member detection (RFC 7515 §4, RFC 7519 §4 allow
//! rejecting them, and a parser that keeps the last member hides the attack), a depth limit
//! that cannot overflow the stack, positions for error messages, member order for signing, and
//! numbers kept as their exact text. Objects keep their members in order.

use std::collections::BTreeMap;
use std::fmt;

/// Deepest nesting accepted; the top-level value is level 1.
pub const MAX_DEPTH: usize = 64;

/// Most members one object may have. Far above any real header, claim set or JWK, and more than
/// a token within the default size limit (262,144 bytes, at least 5 bytes a member) can hold, so
/// it never refuses such a token; it bounds the work and memory one object can cost when the
/// caller raises `maxTokenBytes`.
pub const MAX_MEMBERS: usize = 100_000;

/// A parsed JSON value. Objects keep member order; numbers keep their text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written (validated against the RFC 8259 grammar).
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, members in document order.
    Object(Vec<(String, Value)>),
}

/// A JSON number kept as its source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number(String);

impl Number {
    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The nearest `f64` (infinite when the text overflows, e.g. `1e400`).
    pub fn as_f64(&self) -> f64 {
        self.0.parse::<f64>().unwrap_or(f64::NAN)
    }
    /// A number from a finite `f64`, written as JavaScript's `JSON.stringify` would for
    /// integers (no exponent, no fraction) and with Rust's shortest round-trip form otherwise.
    pub fn from_f64(v: f64) -> Option<Number> {
        if !v.is_finite() {
            return None;
        }
        if v.fract() == 0.0 && v.abs() < 1e21 {
            Some(Number(format!("{v:.0}")))
        } else {
            Some(Number(format!("{v}")))
        }
    }
}

impl Value {
    /// The member `name` of an object (the first, if duplicated).
    pub fn get(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    /// The number as `f64`, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }
    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    /// `true` for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    /// The JSON type name, for messages: `null`, `boolean`, `number`, `string`, `array`, `object`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// Compact JSON text (no whitespace), members in order, numbers as written.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_value(self, &mut out);
        out
    }
}

fn write_value(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write_value(item, out);
            }
            out.push('}');
        }
    }
}

/// Writes `s` as a JSON string literal, escaping as `JSON.stringify` does.
pub fn write_string(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    // Copy runs of characters that need no escape in one go; every escaped character is ASCII,
    // so each run begins and ends on a character boundary.
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

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
        self.enter(depth)?;
        self.pos += 1; // '{'
        let mut members: Vec<(String, Value)> = Vec::new();
        // Name -> index in `members`. A BTreeMap, not a HashMap: O(log n) whatever the names (no
        // hash flooding; wasm has no random hash keys), and a duplicate finds its slot directly
        // (a linear search made Report mode quadratic: ~1 s for a 570 KB inspect input).
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
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
            let duplicate = names.get(&name).copied();
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
                names.insert(name.clone(), members.len());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> ParseErrorKind {
        parse(text).unwrap_err().kind
    }

    #[test]
    fn parses_objects_in_order() {
        let v =
            parse(r#" {"b":1, "a":[true,false,null,"x\n\u00e9\ud83d\ude00"], "c":{"d":-0.5e+3}} "#)
                .unwrap();
        let m = v.as_object().unwrap();
        assert_eq!(m[0].0, "b");
        assert_eq!(m[1].0, "a");
        assert_eq!(
            v.get("a").unwrap().as_array().unwrap()[3].as_str(),
            Some("x\né😀")
        );
        assert_eq!(v.get("c").unwrap().get("d").unwrap().as_f64(), Some(-500.0));
        assert_eq!(
            v.to_json(),
            r#"{"b":1,"a":[true,false,null,"x\né😀"],"c":{"d":-0.5e+3}}"#
        );
    }

    #[test]
    fn rejects_duplicates_unless_reporting() {
        assert_eq!(
            kind(r#"{"alg":"HS256","alg":"none"}"#),
            ParseErrorKind::DuplicateMember("alg".into())
        );
        // the same name after unescaping is the same name
        assert_eq!(
            kind(r#"{"alg":1,"\u0061lg":2}"#),
            ParseErrorKind::DuplicateMember("alg".into())
        );
        let p = parse_bytes(br#"{"a":1,"a":2}"#, Duplicates::Report).unwrap();
        assert_eq!(p.duplicates, vec!["a".to_owned()]);
        assert_eq!(p.value.to_json(), r#"{"a":2}"#);
        // same name in different objects is fine
        assert!(parse(r#"{"a":{"a":1},"b":{"a":2}}"#).is_ok());
    }

    #[test]
    fn depth_is_bounded() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(kind(&deep), ParseErrorKind::TooDeep);
        let very_deep = "[".repeat(1_000_000);
        assert_eq!(kind(&very_deep), ParseErrorKind::TooDeep);
        let obj = format!(
            "{}1{}",
            r#"{"a":"#.repeat(MAX_DEPTH + 1),
            "}".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(kind(&obj), ParseErrorKind::TooDeep);
    }

    #[test]
    fn strict_grammar() {
        for bad in [
            "",
            " ",
            "{",
            "}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "[1,]",
            "[01]",
            "[1.]",
            "[.5]",
            "[1e]",
            "[+1]",
            "[NaN]",
            "[Infinity]",
            "['a']",
            "{a:1}",
            "[\"\t\"]",
            "[\"\\x\"]",
            "[\"\\u12\"]",
            "tru",
            "nul",
            "{} {}",
            "\u{feff}{}",
            "[1 2]",
            "{\"a\" 1}",
            "[\"abc",
        ] {
            assert!(
                matches!(kind(bad), ParseErrorKind::Syntax(_)),
                "{bad:?} -> {:?}",
                parse(bad)
            );
        }
        for good in [
            "{}",
            "[]",
            "0",
            "-0",
            "1.5e-3",
            "1E+2",
            "\"\"",
            "true",
            " null ",
            "[\"\\/\"]",
        ] {
            assert!(parse(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn lone_surrogates_are_refused() {
        assert_eq!(kind(r#"["\ud800"]"#), ParseErrorKind::LoneSurrogate);
        assert_eq!(kind(r#"["\udc00"]"#), ParseErrorKind::LoneSurrogate);
        assert_eq!(kind(r#"["\ud800\u0041"]"#), ParseErrorKind::LoneSurrogate);
    }

    #[test]
    fn not_utf8_and_positions() {
        let e = parse_bytes(b"{\"a\":\"\xff\"}", Duplicates::Reject).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::NotUtf8);
        assert_eq!(e.offset, 6);
        let e = parse("{\n  \"a\": x}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8));
        assert!(e.to_string().contains("line 2 column 8"), "{e}");
    }

    #[test]
    fn big_numbers_keep_their_text() {
        let v = parse("[1e400, 12345678901234567890]").unwrap();
        let a = v.as_array().unwrap();
        assert!(a[0].as_f64().unwrap().is_infinite());
        assert_eq!(v.to_json(), "[1e400,12345678901234567890]");
        assert_eq!(
            Number::from_f64(1700000000.0).unwrap().as_str(),
            "1700000000"
        );
        assert_eq!(Number::from_f64(0.5).unwrap().as_str(), "0.5");
        assert!(Number::from_f64(f64::NAN).is_none());
    }

    #[test]
    fn escapes_like_json_stringify() {
        let v = Value::String("a\"b\\c\u{1}\u{7f}é".into());
        assert_eq!(v.to_json(), "\"a\\\"b\\\\c\\u0001\u{7f}é\"");
    }
}
