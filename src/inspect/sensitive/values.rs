//! Sensitive values: card numbers (Luhn), national IDs, credential prefixes, PEM private keys and
//! JWKs with private material; and what a value under a sensitive name must look like to count.

use super::names::Kind;
use crate::json::Value;
use crate::text::contains;

/// The digits of a card-number-like value: a string of digits with single spaces or dashes
/// between groups, or a JSON integer.
pub(super) fn card_digits(v: &Value) -> Option<Vec<u8>> {
    let (text, separators) = match v {
        Value::String(s) => (s.as_str(), true),
        Value::Number(n) => (n.as_str(), false),
        _ => return None,
    };
    digit_groups(text, separators)
}

/// The digits of `s` when it is only digits, with single spaces or dashes between groups where
/// `separators` allows them.
pub(super) fn digit_groups(s: &str, separators: bool) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let is_sep = |c: &u8| separators && matches!(c, b' ' | b'-');
    let ends_ok =
        b.first().is_some_and(u8::is_ascii_digit) && b.last().is_some_and(u8::is_ascii_digit);
    if !ends_ok
        || b.iter().any(|c| !(c.is_ascii_digit() || is_sep(c)))
        || b.windows(2).any(|w| w.iter().all(is_sep))
    {
        return None;
    }
    Some(
        b.iter()
            .filter(|c| c.is_ascii_digit())
            .map(|c| c - b'0')
            .collect(),
    )
}

impl Kind {
    /// Whether a value under a name of this kind is what the name says.
    pub(super) fn carried_by(self, v: &Value) -> bool {
        match self {
            Kind::Secret => v.as_str().is_some_and(|s| !s.trim().is_empty()),
            Kind::Card => {
                card_digits(v).is_some_and(|d| (12..=19).contains(&d.len()) && luhn_ok(&d))
            }
            Kind::SecurityCode => {
                let text = match v {
                    Value::String(s) => s.as_str(),
                    Value::Number(n) => n.as_str(),
                    _ => "",
                };
                (3..=4).contains(&text.len()) && text.bytes().all(|c| c.is_ascii_digit())
            }
            Kind::Identifier => match v {
                Value::String(s) => !s.trim().is_empty(),
                Value::Number(_) => true,
                _ => false,
            },
        }
    }
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

/// Whether the last digit is the Luhn check digit of the others.
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
pub(super) fn card_number(digits: Option<Vec<u8>>) -> bool {
    let Some(digits) = digits else {
        return false;
    };
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let prefix = |n: usize| {
        digits
            .iter()
            .take(n)
            .fold(0u32, |a, d| a * 10 + u32::from(*d))
    };
    let (p1, p2, p3, p4) = (prefix(1), prefix(2), prefix(3), prefix(4));
    let known_issuer = p1 == 4 // Visa
        || (51..=55).contains(&p2) || (2221..=2720).contains(&p4) // Mastercard
        || p2 == 34 || p2 == 37 // American Express
        || p2 == 36 || p2 == 38 || (300..=305).contains(&p3) // Diners Club
        || (3528..=3589).contains(&p4) // JCB
        || p4 == 6011 || (644..=649).contains(&p3) || p2 == 65 // Discover
        || p2 == 62 // UnionPay
        || p2 == 50 || (56..=69).contains(&p2); // Maestro
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

/// What a string value is, when it is a credential, a card number or a national ID whatever its
/// member's name.
pub(super) fn sensitive_value(s: &str) -> Option<&'static str> {
    if contains(s, "-----BEGIN") && contains(s, "PRIVATE KEY") {
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
    if card_number(digit_groups(s, true)) {
        return Some("a payment card number (Luhn-valid)");
    }
    if us_ssn(s) {
        return Some("a US social security number");
    }
    if uk_nino(s) {
        return Some("a UK National Insurance number");
    }
    None
}

/// A UK National Insurance number, `AB123456C` (spaces allowed between groups): a prefix of
/// two letters that HMRC can allocate, six digits, and a suffix A to D.
fn uk_nino(s: &str) -> bool {
    let compact: Vec<u8> = s.bytes().filter(|c| *c != b' ').collect();
    if s.len() - compact.len() > 4 {
        return false;
    }
    let [a, b, digits @ .., suffix] = compact.as_slice() else {
        return false;
    };
    let prefix_ok = a.is_ascii_uppercase()
        && b.is_ascii_uppercase()
        && !b"DFIQUV".contains(a)
        && !b"DFIOQUV".contains(b)
        && ![*b"BG", *b"GB", *b"KN", *b"NK", *b"NT", *b"TN", *b"ZZ"].contains(&[*a, *b]);
    prefix_ok
        && digits.len() == 6
        && digits.iter().all(u8::is_ascii_digit)
        && (b'A'..=b'D').contains(suffix)
}

/// A JWK with private or secret material: any object with `kty` and `d` (RSA, EC, OKP private
/// keys), or an `oct` key with `k`.
pub(super) fn embedded_key(members: &[(String, Value)]) -> Option<&'static str> {
    let member = |name: &str| members.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    member("kty")?;
    if member("d").is_some() {
        Some("a private key (a JWK with \"d\")")
    } else if member("kty").and_then(Value::as_str) == Some("oct") && member("k").is_some() {
        Some("a secret key (a symmetric JWK with \"k\")")
    } else {
        None
    }
}
