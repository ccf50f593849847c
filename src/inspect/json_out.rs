//! The report as JSON text, in the contract's shape (camelCase members, docs/API.md `Report`).

use super::findings::Finding;
use super::report::{AlgorithmInfo, ClaimInfo, Report, Size, Status};
use crate::json::{Number, Value};

fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

fn num(v: f64) -> Value {
    Number::from_f64(v).map_or(Value::Null, Value::Number)
}

impl Report {
    /// The report as JSON text in the contract's shape (camelCase members).
    pub fn to_json(&self) -> String {
        let mut members = vec![
            ("kind".to_owned(), s(self.kind)),
            ("header".to_owned(), opt(&self.header)),
            ("payload".to_owned(), opt(&self.payload)),
            (
                "segments".to_owned(),
                Value::Array(self.segments.iter().map(|x| s(x)).collect()),
            ),
            (
                "algorithm".to_owned(),
                self.algorithm.as_ref().map_or(Value::Null, algorithm),
            ),
            (
                "claims".to_owned(),
                Value::Array(self.claims.iter().map(claim).collect()),
            ),
            ("status".into(), status(&self.status)),
            (
                "findings".into(),
                Value::Array(self.findings.iter().map(finding).collect()),
            ),
            ("size".into(), size(&self.size)),
        ];
        if let Some(v) = self.secret_verified {
            members.push(("secretVerified".into(), Value::Bool(v)));
        }
        if let Some(w) = &self.weak_secret {
            members.push(("weakSecret".into(), s(w)));
        }
        Value::Object(members).to_json()
    }
}

fn opt(v: &Option<Value>) -> Value {
    v.clone().unwrap_or(Value::Null)
}

fn algorithm(a: &AlgorithmInfo) -> Value {
    Value::Object(vec![
        ("name".into(), s(&a.name)),
        ("family".into(), s(a.family)),
        ("description".into(), s(&a.description)),
    ])
}

fn claim(c: &ClaimInfo) -> Value {
    let mut m = vec![
        ("name".into(), s(&c.name)),
        ("value".into(), c.value.clone()),
        ("label".into(), s(&c.label)),
        ("description".into(), s(&c.description)),
        ("registered".into(), Value::Bool(c.registered)),
    ];
    if let Some(t) = &c.time {
        m.push(("time".into(), s(t)));
    }
    if let Some(r) = &c.relative {
        m.push(("relative".into(), s(r)));
    }
    Value::Object(m)
}

fn status(st: &Status) -> Value {
    let mut m = vec![("state".to_owned(), s(st.state))];
    if let Some(left) = st.seconds_left {
        m.push(("secondsLeft".into(), num(left)));
    }
    Value::Object(m)
}

fn finding(f: &Finding) -> Value {
    let mut m = vec![
        ("code".into(), s(f.code)),
        ("severity".into(), s(f.severity.as_str())),
        ("title".into(), s(&f.title)),
        ("detail".into(), s(&f.detail)),
    ];
    if let Some(l) = &f.location {
        m.push(("location".into(), s(l)));
    }
    Value::Object(m)
}

fn size(z: &Size) -> Value {
    Value::Object(vec![
        ("bytes".into(), num(z.bytes as f64)),
        ("header".into(), num(z.header as f64)),
        ("payload".into(), num(z.payload as f64)),
        ("signature".into(), num(z.signature as f64)),
    ])
}
