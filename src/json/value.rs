//! [`Value`] and [`Number`]: the parsed tree, objects in document order, numbers as written.

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
// `pub(super)`: the parser builds one from the text it has checked against the grammar.
pub struct Number(pub(super) String);

impl Number {
    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The nearest `f64` (infinite when the text overflows, e.g. `1e400`), as
    /// `str::parse::<f64>` gives it (`decimal.rs`).
    pub fn as_f64(&self) -> f64 {
        super::decimal::parse(&self.0)
    }
    /// A number from a finite `f64`, written as JavaScript's `JSON.stringify` would for
    /// integers (no exponent, no fraction) and with Rust's shortest round-trip form otherwise
    /// (`format!("{v:.0}")` and `format!("{v}")`, written by `display.rs`).
    pub fn from_f64(v: f64) -> Option<Number> {
        if v.abs() < 1e21 {
            if let Some(text) = super::display::integer(v) {
                return Some(Number(text));
            }
        }
        super::display::shortest(v).map(Number)
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

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
}
