//! Heuristics for secrets and personal data that should never travel in a (readable) JWT.

use crate::json::Value;

/// What was seen, and where (a dotted path in the payload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub path: String,
    pub what: &'static str,
}

/// Member names that carry secrets or regulated data, compared after removing `_`, `-`, `.`
/// and spaces and folding case.
const SENSITIVE_NAMES: &[(&str, &str)] = &[
    ("password", "a password"),
    ("passwd", "a password"),
    ("pwd", "a password"),
    ("pass", "a password"),
    ("passphrase", "a passphrase"),
    ("passwordhash", "a password hash"),
    ("hashedpassword", "a password hash"),
    ("secret", "a secret"),
    ("clientsecret", "a client secret"),
    ("appsecret", "an application secret"),
    ("apisecret", "an API secret"),
    ("secretkey", "a secret key"),
    ("secretaccesskey", "a cloud secret access key"),
    ("privatekey", "a private key"),
    ("apikey", "an API key"),
    ("accesskey", "an access key"),
    ("ssn", "a social security number"),
    ("socialsecuritynumber", "a social security number"),
    ("nationalid", "a national ID number"),
    ("taxid", "a tax ID"),
    ("creditcard", "a card number"),
    ("creditcardnumber", "a card number"),
    ("cardnumber", "a card number"),
    ("ccnumber", "a card number"),
    ("pan", "a card number"),
    ("cvv", "a card security code"),
    ("cvc", "a card security code"),
    ("iban", "a bank account number"),
    ("bankaccount", "a bank account number"),
    ("passportnumber", "a passport number"),
];

fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '.' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

fn sensitive_name(name: &str) -> Option<&'static str> {
    let n = normalize(name);
    if let Some((_, what)) = SENSITIVE_NAMES.iter().find(|(k, _)| *k == n) {
        return Some(what);
    }
    // Compound names: "user_password", "db_password_hash", "stripe_secret_key".
    if n.contains("password") || n.contains("passwd") {
        return Some("a password");
    }
    if n.ends_with("secret") || n.contains("secretkey") || n.contains("clientsecret") {
        return Some("a secret");
    }
    if n.contains("privatekey") {
        return Some("a private key");
    }
    if n.ends_with("apikey") {
        return Some("an API key");
    }
    None
}

/// Well-known credential prefixes, with the shortest plausible total length.
const KEY_PREFIXES: &[(&str, usize, &str)] = &[
    ("sk_live_", 20, "a Stripe secret key"),
    ("sk_test_", 20, "a Stripe test secret key"),
    ("rk_live_", 20, "a Stripe restricted key"),
    ("ghp_", 40, "a GitHub personal access token"),
    ("gho_", 40, "a GitHub OAuth token"),
    ("ghs_", 40, "a GitHub app token"),
    ("github_pat_", 40, "a GitHub fine-grained token"),
    ("glpat-", 26, "a GitLab personal access token"),
    ("xoxb-", 30, "a Slack bot token"),
    ("xoxp-", 30, "a Slack user token"),
    ("AIza", 39, "a Google API key"),
    ("sk-proj-", 40, "an OpenAI API key"),
    ("sk-ant-", 40, "an Anthropic API key"),
    ("SG.", 60, "a SendGrid API key"),
    ("npm_", 40, "an npm access token"),
];

fn luhn_ok(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(*d);
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

/// A payment card number: 13–19 digits (spaces or dashes allowed between groups), a known
/// issuer prefix, and a valid Luhn check digit.
fn card_number(s: &str) -> bool {
    if s.chars()
        .any(|c| !(c.is_ascii_digit() || c == ' ' || c == '-'))
    {
        return false;
    }
    let digits: Vec<u8> = s
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let prefix2 = digits
        .iter()
        .take(2)
        .fold(0u32, |a, d| a * 10 + u32::from(*d));
    let prefix4 = digits
        .iter()
        .take(4)
        .fold(0u32, |a, d| a * 10 + u32::from(*d));
    let known_issuer = digits.first() == Some(&4)
        || (51..=55).contains(&prefix2)
        || (2221..=2720).contains(&prefix4)
        || prefix2 == 34
        || prefix2 == 37
        || prefix4 == 6011
        || prefix2 == 65
        || (3528..=3589).contains(&prefix4);
    known_issuer && luhn_ok(&digits)
}

/// A US social security number written `AAA-GG-SSSS` with a possible area and group.
fn us_ssn(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 11 || b.get(3) != Some(&b'-') || b.get(6) != Some(&b'-') {
        return false;
    }
    let part = |r: std::ops::Range<usize>| -> Option<u32> {
        let p = s.get(r)?;
        if p.bytes().all(|c| c.is_ascii_digit()) {
            p.parse().ok()
        } else {
            None
        }
    };
    match (part(0..3), part(4..6), part(7..11)) {
        (Some(area), Some(group), Some(serial)) => {
            area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
        }
        _ => false,
    }
}

fn sensitive_value(s: &str) -> Option<&'static str> {
    if s.contains("-----BEGIN") && s.contains("PRIVATE KEY") {
        return Some("a PEM private key");
    }
    for (prefix, min_len, what) in KEY_PREFIXES {
        if s.starts_with(prefix) && s.len() >= *min_len && !s.contains(' ') {
            return Some(what);
        }
    }
    // AWS access key IDs: AKIA/ASIA + 16 upper-case letters or digits.
    if s.len() == 20
        && (s.starts_with("AKIA") || s.starts_with("ASIA"))
        && s.bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Some("an AWS access key ID");
    }
    if card_number(s) {
        return Some("a payment card number (Luhn-valid)");
    }
    if us_ssn(s) {
        return Some("a US social security number");
    }
    None
}

/// Walks the payload and returns every hit (bounded by the JSON depth limit).
pub(crate) fn scan(payload: &Value) -> Vec<Hit> {
    let mut hits = Vec::new();
    walk(payload, "payload", &mut hits);
    hits
}

fn walk(v: &Value, path: &str, hits: &mut Vec<Hit>) {
    match v {
        Value::Object(members) => {
            for (k, child) in members {
                let p = format!("{path}.{k}");
                // An empty or null value under a sensitive name carries nothing.
                let carries =
                    !matches!(child, Value::Null | Value::Bool(_)) && child.as_str() != Some("");
                if let (Some(what), true) = (sensitive_name(k), carries) {
                    hits.push(Hit {
                        path: p.clone(),
                        what,
                    });
                    continue;
                }
                walk(child, &p, hits);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, &format!("{path}[{i}]"), hits);
            }
        }
        Value::String(s) => {
            if let Some(what) = sensitive_value(s) {
                hits.push(Hit {
                    path: path.to_owned(),
                    what,
                });
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn found(json: &str) -> Vec<&'static str> {
        scan(&parse(json).unwrap())
            .into_iter()
            .map(|h| h.what)
            .collect()
    }

    #[test]
    fn names() {
        assert_eq!(found(r#"{"password":"hunter2"}"#), vec!["a password"]);
        assert_eq!(
            found(r#"{"user":{"password_hash":"$2b$10$abc"}}"#),
            vec!["a password hash"]
        );
        assert_eq!(found(r#"{"client_secret":"abc"}"#), vec!["a client secret"]);
        assert_eq!(found(r#"{"stripeSecretKey":"x"}"#), vec!["a secret"]);
        assert_eq!(found(r#"{"SSN":"x"}"#), vec!["a social security number"]);
    }

    #[test]
    fn near_misses_are_quiet() {
        for ok in [
            r#"{"email":"a@b.example","email_verified":true,"name":"Ann"}"#,
            r#"{"sub":"4111-user","passenger":"Bob","secretary":"Carol","has_password":true}"#,
            r#"{"password":""}"#,
            r#"{"password":null}"#,
            r#"{"iat":1700000000,"exp":1700003600,"n":"4111111111111112"}"#,
            r#"{"phone":"123-45-678"}"#,
            r#"{"order":"000-12-3456"}"#,
            r#"{"bypass":"x","compass":"y"}"#,
            r#"{"k":"sk_live_"}"#,
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }

    #[test]
    fn values() {
        assert_eq!(
            found(r#"{"k":"-----BEGIN PRIVATE KEY-----\nMIIE..."}"#),
            vec!["a PEM private key"]
        );
        assert_eq!(
            found(r#"{"k":"AKIAIOSFODNN7EXAMPLE"}"#),
            vec!["an AWS access key ID"]
        );
        assert_eq!(
            found(r#"{"k":"sk_live_51Habcdefghijklmnop"}"#),
            vec!["a Stripe secret key"]
        );
        assert_eq!(
            found(r#"{"cc":["x","4111 1111 1111 1111"]}"#),
            vec!["a payment card number (Luhn-valid)"]
        );
        assert_eq!(
            found(r#"{"id":"123-45-6789"}"#),
            vec!["a US social security number"]
        );
    }

    #[test]
    fn luhn() {
        assert!(card_number("4111111111111111"));
        assert!(card_number("5500-0000-0000-0004"));
        assert!(card_number("378282246310005"));
        assert!(!card_number("4111111111111112"));
        assert!(!card_number("1234567812345670")); // Luhn-valid, no known issuer
    }
}
