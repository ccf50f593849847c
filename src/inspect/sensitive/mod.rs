//! Heuristics for secrets and personal data that should never travel in a (readable) JWT: one
//! walk over the payload ([`scan`]) asks `names` about each member name and `values` about each
//! value.

mod names;
mod values;

use crate::json::Value;
use crate::text::{shorten, shorten_middle};
use names::sensitive_name;
use values::{card_digits, card_number, embedded_key, sensitive_value};

/// What was seen, and where (a dotted path in the payload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    /// `payload.user.password`, cut to [`MAX_PATH_CHARS`].
    pub path: String,
    /// `a password`.
    pub what: &'static str,
}

/// At most this many hits are kept with their paths; the rest are only counted.
pub(crate) const MAX_HITS: usize = super::bounds::MAX_FINDINGS_PER_CODE;
/// A member name in a path is cut to this many characters.
pub(crate) const MAX_NAME_CHARS: usize = 40;
pub(crate) use super::bounds::MAX_PATH_CHARS;

/// What [`scan`] found: the first [`MAX_HITS`] hits, how many more there were, and two work
/// counters that the tests use to show the scan is linear.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// The first hits, in payload order.
    pub hits: Vec<Hit>,
    /// Hits found after the first [`MAX_HITS`].
    pub more: usize,
    /// Path strings built (one per kept hit, never one per member).
    pub paths_built: usize,
    /// Bytes of member names examined.
    pub name_work: usize,
}

/// One step from the payload root to a value.
enum Step<'a> {
    Member(&'a str),
    Index(usize),
}

struct Walker<'a> {
    path: Vec<Step<'a>>,
    out: Scan,
}

/// Walks the payload once (bounded by the JSON depth limit). Paths are built only for the hits
/// that are kept, so time and output are linear in the payload's size.
pub(crate) fn scan(payload: &Value) -> Scan {
    let mut w = Walker {
        path: Vec::new(),
        out: Scan::default(),
    };
    w.walk(payload);
    w.out
}

impl<'a> Walker<'a> {
    fn hit(&mut self, what: &'static str) {
        if self.out.hits.len() >= MAX_HITS {
            self.out.more += 1;
            return;
        }
        let mut path = String::from("payload");
        for step in &self.path {
            match step {
                Step::Member(name) => {
                    path.push('.');
                    path.push_str(&shorten(name, MAX_NAME_CHARS));
                }
                Step::Index(i) => {
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                }
            }
        }
        self.out.paths_built += 1;
        self.out.hits.push(Hit {
            path: shorten_middle(&path, MAX_PATH_CHARS),
            what,
        });
    }

    fn walk(&mut self, v: &'a Value) {
        match v {
            Value::Object(members) => {
                if let Some(what) = embedded_key(members) {
                    self.hit(what);
                    return;
                }
                for (k, child) in members {
                    self.path.push(Step::Member(k));
                    match sensitive_name(k, &mut self.out.name_work) {
                        Some((kind, what)) if kind.carried_by(child) => self.hit(what),
                        _ => self.walk(child),
                    }
                    self.path.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    self.path.push(Step::Index(i));
                    self.walk(child);
                    self.path.pop();
                }
            }
            Value::String(s) => {
                if let Some(what) = sensitive_value(s) {
                    self.hit(what);
                }
            }
            Value::Number(_) if card_number(card_digits(v)) => {
                self.hit("a payment card number (Luhn-valid)");
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
