//! Heuristics for secrets and personal data that should never travel in a (readable) JWT.

use crate::json::Value;
use crate::text::{shorten, shorten_middle};

/// What was seen, and where (a dotted path in the payload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub path: String,
    pub what: &'static str,
}

/// What a sensitive member name needs from its value to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A credential: only a non-empty string (`password_changed_at: 1699990000` and
    /// `password_policy: {...}` are not passwords).
    Secret,
    /// A card number: 12 to 19 digits with a valid Luhn check digit (`pan: "Peter"` is a name).
    Card,
    /// A card security code: 3 or 4 digits.
    SecurityCode,
    /// A personal or account identifier: a non-empty string or a number.
    Identifier,
}

/// A sensitive name, as the words of a member name run together (`aws_secret_access_key`,
/// `awsSecretAccessKey` and `AWSSecretAccessKey` are all `awssecretaccesskey`).
struct Term {
    stem: &'static str,
    /// The stem must start at a word boundary (`pan` in `card_pan`, not in `japan`); otherwise
    /// it may end a longer word (`dbpassword`, `mysecret`).
    whole_words: bool,
    kind: Kind,
    what: &'static str,
}

const fn term(stem: &'static str, whole_words: bool, kind: Kind, what: &'static str) -> Term {
    Term {
        stem,
        whole_words,
        kind,
        what,
    }
}

/// Tried in order: the more specific first. `pass` alone is not here (`pass: "season"`).
const TERMS: &[Term] = &[
    term(
        "secretaccesskey",
        false,
        Kind::Secret,
        "a cloud secret access key",
    ),
    term("passwordhash", false, Kind::Secret, "a password hash"),
    term("hashedpassword", false, Kind::Secret, "a password hash"),
    term("password", false, Kind::Secret, "a password"),
    term("passwd", false, Kind::Secret, "a password"),
    term("pwd", true, Kind::Secret, "a password"),
    term("passphrase", false, Kind::Secret, "a passphrase"),
    term("clientsecret", false, Kind::Secret, "a client secret"),
    term("appsecret", false, Kind::Secret, "an application secret"),
    term("apisecret", false, Kind::Secret, "an API secret"),
    term("secretkey", false, Kind::Secret, "a secret key"),
    term("secret", false, Kind::Secret, "a secret"),
    term("privatekey", false, Kind::Secret, "a private key"),
    term("signingkey", false, Kind::Secret, "a signing key"),
    term("apikey", false, Kind::Secret, "an API key"),
    term("accesskey", false, Kind::Secret, "an access key"),
    term("apitoken", false, Kind::Secret, "an API token"),
    // An OIDC ID token carries `at_hash`, a hash binding it to its access token, never the
    // token itself: a bearer token inside another token is a leak.
    term("accesstoken", false, Kind::Secret, "an OAuth access token"),
    term(
        "refreshtoken",
        false,
        Kind::Secret,
        "an OAuth refresh token",
    ),
    term("creditcardnumber", true, Kind::Card, "a card number"),
    term("creditcard", true, Kind::Card, "a card number"),
    term("cardnumber", true, Kind::Card, "a card number"),
    term("cardnum", true, Kind::Card, "a card number"),
    term("ccnumber", true, Kind::Card, "a card number"),
    term("ccnum", true, Kind::Card, "a card number"),
    term("card", true, Kind::Card, "a card number"),
    term("pan", true, Kind::Card, "a card number"),
    term("cvv", true, Kind::SecurityCode, "a card security code"),
    term("cvv2", true, Kind::SecurityCode, "a card security code"),
    term("cvc", true, Kind::SecurityCode, "a card security code"),
    term("cvc2", true, Kind::SecurityCode, "a card security code"),
    term("csc", true, Kind::SecurityCode, "a card security code"),
    term("ssn", true, Kind::Identifier, "a social security number"),
    term(
        "socialsecuritynumber",
        true,
        Kind::Identifier,
        "a social security number",
    ),
    term("nationalid", true, Kind::Identifier, "a national ID number"),
    term(
        "nationalidnumber",
        true,
        Kind::Identifier,
        "a national ID number",
    ),
    term(
        "nino",
        true,
        Kind::Identifier,
        "a National Insurance number",
    ),
    term(
        "nationalinsurancenumber",
        true,
        Kind::Identifier,
        "a National Insurance number",
    ),
    term("taxid", true, Kind::Identifier, "a tax ID"),
    term("iban", true, Kind::Identifier, "a bank account number"),
    term(
        "bankaccount",
        true,
        Kind::Identifier,
        "a bank account number",
    ),
    term(
        "bankaccountnumber",
        true,
        Kind::Identifier,
        "a bank account number",
    ),
    term(
        "passportnumber",
        true,
        Kind::Identifier,
        "a passport number",
    ),
];

/// Trailing words that qualify a sensitive name without changing what it holds
/// (`password_confirmation`, `private_key_pem`, `api_key_hash`). Any other trailing word makes
/// it metadata about the secret (`password_changed_at`, `password_policy`, `secret_santa`).
const VALUE_SUFFIXES: &[&str] = &[
    "hash",
    "hashed",
    "digest",
    "value",
    "val",
    "plain",
    "plaintext",
    "clear",
    "cleartext",
    "raw",
    "text",
    "str",
    "string",
    "b64",
    "base64",
    "hex",
    "enc",
    "encrypted",
    "confirm",
    "confirmation",
    "pem",
    "der",
    "bytes",
    "old",
    "new",
    "current",
];

/// A word just before a sensitive name that makes the member about it, not it
/// (`has_password: "yes"`, `min_password_length`).
const META_PREFIXES: &[&str] = &[
    "has", "is", "no", "min", "max", "last", "require", "requires", "needs", "must", "forgot",
    "reset", "change",
];

/// The words of a member name in lower case: split at anything not a letter or digit and at
/// camelCase boundaries (`clientSecret`, `APIKey` → `api`, `key`).
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|j| chars.get(j));
        let next = chars.get(i + 1);
        if c.is_uppercase() && !cur.is_empty() {
            let after_lower = prev.is_some_and(|p| p.is_lowercase() || p.is_numeric());
            let acronym_end =
                prev.is_some_and(|p| p.is_uppercase()) && next.is_some_and(|n| n.is_lowercase());
            if after_lower || acronym_end {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// More than the longest stem (`nationalinsurancenumber`, 23 bytes; a test checks): how much of
/// the end of a member name [`sensitive_name`] joins and compares.
const STEM_WINDOW: usize = 24;

/// Whether a member name names something sensitive, and what. Linear in the name's length: each
/// step joins only the last words that hold [`STEM_WINDOW`] bytes, and drops one trailing
/// value-suffix word. `work` counts the bytes joined (for the tests).
fn sensitive_name(name: &str, work: &mut usize) -> Option<(Kind, &'static str)> {
    let words = words(name);
    *work += name.len();
    let mut end = words.len();
    while end > 0 {
        // The tail of `words[..end]` joined: whole words from the back until it holds the
        // window. A word is in the tail only while the words after it (up to `end`) are shorter
        // than the window, so each word is joined at most STEM_WINDOW times: linear overall.
        let mut first = end;
        let mut len = 0;
        while first > 0 && len < STEM_WINDOW {
            first -= 1;
            len += words.get(first).map_or(0, String::len);
        }
        let head = words.get(first..end).unwrap_or(&[]);
        let tail = head.concat();
        *work += tail.len();
        for t in TERMS {
            if !tail.ends_with(t.stem) {
                continue;
            }
            let start = tail.len() - t.stem.len();
            // The index (in `words`) of the word that starts where the stem does, if one does.
            let word = head
                .iter()
                .scan(0, |at, w| {
                    let word_start = *at;
                    *at += w.len();
                    Some(word_start)
                })
                .position(|word_start| word_start == start)
                .map(|i| first + i);
            if t.whole_words && word.is_none() {
                continue;
            }
            let before = word
                .and_then(|w| w.checked_sub(1))
                .and_then(|w| words.get(w));
            if before.is_some_and(|w| META_PREFIXES.contains(&w.as_str())) {
                return None;
            }
            return Some((t.kind, t.what));
        }
        match words.get(end - 1) {
            Some(w) if end > 1 && VALUE_SUFFIXES.contains(&w.as_str()) => end -= 1,
            _ => return None,
        }
    }
    None
}

/// The digits of a card-number-like value: a string of digits with single spaces or dashes
/// between groups, or a JSON integer.
fn card_digits(v: &Value) -> Option<Vec<u8>> {
    let (text, separators) = match v {
        Value::String(s) => (s.as_str(), true),
        Value::Number(n) => (n.as_str(), false),
        _ => return None,
    };
    digit_groups(text, separators)
}

fn digit_groups(s: &str, separators: bool) -> Option<Vec<u8>> {
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
    fn carried_by(self, v: &Value) -> bool {
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
fn card_number(digits: Option<Vec<u8>>) -> bool {
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
fn embedded_key(members: &[(String, Value)]) -> Option<&'static str> {
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

/// At most this many hits are kept with their paths; the rest are only counted.
pub(crate) const MAX_HITS: usize = super::MAX_FINDINGS_PER_CODE;
/// A member name in a path is cut to this many characters.
pub(crate) const MAX_NAME_CHARS: usize = 40;
/// A path is cut to this many characters (its start and its end are kept).
pub(crate) const MAX_PATH_CHARS: usize = 160;

/// What [`scan`] found: the first [`MAX_HITS`] hits, how many more there were, and two work
/// counters that the tests use to show the scan is linear.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub hits: Vec<Hit>,
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
mod tests {
    use super::*;
    use crate::json::parse;

    fn found(json: &str) -> Vec<&'static str> {
        scan(&parse(json).unwrap())
            .hits
            .into_iter()
            .map(|h| h.what)
            .collect()
    }

    fn card(s: &str) -> bool {
        card_number(digit_groups(s, true))
    }

    #[test]
    fn names() {
        assert_eq!(found(r#"{"password":"hunter2"}"#), vec!["a password"]);
        assert_eq!(
            found(r#"{"user":{"password_hash":"$2b$10$abc"}}"#),
            vec!["a password hash"]
        );
        assert_eq!(found(r#"{"client_secret":"abc"}"#), vec!["a client secret"]);
        assert_eq!(found(r#"{"stripeSecretKey":"x"}"#), vec!["a secret key"]);
        assert_eq!(found(r#"{"SSN":"x"}"#), vec!["a social security number"]);
        for (json, what) in [
            (
                r#"{"aws_secret_access_key":"x"}"#,
                "a cloud secret access key",
            ),
            (r#"{"AWSSecretAccessKey":"x"}"#, "a cloud secret access key"),
            (r#"{"clientSecret":"x"}"#, "a client secret"),
            (r#"{"CLIENT_SECRET":"x"}"#, "a client secret"),
            (r#"{"api_key":"x"}"#, "an API key"),
            (r#"{"apikey":"x"}"#, "an API key"),
            (r#"{"x-api-key":"x"}"#, "an API key"),
            (r#"{"APIKey":"x"}"#, "an API key"),
            (r#"{"private_key":"x"}"#, "a private key"),
            (r#"{"privateKeyPem":"x"}"#, "a private key"),
            (r#"{"access_token":"x"}"#, "an OAuth access token"),
            (r#"{"refreshToken":"x"}"#, "an OAuth refresh token"),
            (r#"{"passwd":"x"}"#, "a password"),
            (r#"{"pwd":"x"}"#, "a password"),
            (r#"{"db_password":"x"}"#, "a password"),
            (r#"{"password_confirmation":"x"}"#, "a password"),
            (r#"{"mysecret":"x"}"#, "a secret"),
            (r#"{"pan":"4111 1111 1111 1111"}"#, "a card number"),
            // under a card name the issuer prefix is not needed, the Luhn check is
            (r#"{"card_number":1234567812345670}"#, "a card number"),
            (r#"{"cvv":"123"}"#, "a card security code"),
            (r#"{"nino":"x"}"#, "a National Insurance number"),
            (r#"{"ssn":123456789}"#, "a social security number"),
        ] {
            assert_eq!(found(json), vec![what], "{json}");
        }
    }

    #[test]
    fn near_misses_are_quiet() {
        for ok in [
            r#"{"email":"a@b.example","email_verified":true,"name":"Ann"}"#,
            r#"{"sub":"4111-user","passenger":"Bob","secretary":"Carol","has_password":true}"#,
            r#"{"password":""}"#,
            r#"{"password":"  "}"#,
            r#"{"password":null}"#,
            r#"{"iat":1700000000,"exp":1700003600,"n":"4111111111111112"}"#,
            r#"{"phone":"123-45-678"}"#,
            r#"{"order":"000-12-3456"}"#,
            r#"{"bypass":"x","compass":"y"}"#,
            r#"{"k":"sk_live_"}"#,
            r#"{"password_changed_at":1699990000}"#,
            r#"{"password_changed_at":"2023-11-14T00:00:00Z"}"#,
            r#"{"password_policy":{"min_length":12}}"#,
            r#"{"passwordless":true,"password_expired":false}"#,
            r#"{"has_password":"yes","min_password_length":"8"}"#,
            r#"{"pan":"Peter","card":"gold","cvv":"abc"}"#,
            r#"{"pass":"season","japan":"x","company":"y"}"#,
            r#"{"secret_santa":"Bob","secrets_manager":"vault","client_secret_expires_at":0}"#,
            r#"{"api_key_id":"k-1","at_hash":"77QmUPtjPfzWtF2AnpK9RQ","c_hash":"LDktKdoQak3Pk0cnXxCltA"}"#,
            r#"{"cnf":{"jwk":{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}}}"#,
            r#"{"ms":1700003600000,"id":40000000000000000000000}"#,
            r#"{"n":"4111--1111-1111-1111","m":"-4111111111111111"}"#,
            r#"{"ref":"AB12345C","code":"QQ123456C","c":"ab123456c","d":"AB123456E"}"#,
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
            found(r#"{"k":["-----BEGIN RSA PRIVATE KEY-----\nMIIE..."]}"#),
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
            found(r#"{"card":4111111111111111,"x":{"y":5555555555554444}}"#),
            vec!["a card number", "a payment card number (Luhn-valid)"]
        );
        assert_eq!(
            found(r#"{"id":"123-45-6789"}"#),
            vec!["a US social security number"]
        );
        for nino in ["AB123456C", "AB 12 34 56 C", "JG103759A"] {
            assert_eq!(
                found(&format!(r#"{{"id":"{nino}"}}"#)),
                vec!["a UK National Insurance number"],
                "{nino}"
            );
        }
        assert_eq!(
            found(r#"{"key":{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}}"#),
            vec!["a private key (a JWK with \"d\")"]
        );
        assert_eq!(
            found(
                r#"{"keys":[{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}]}"#
            ),
            vec!["a secret key (a symmetric JWK with \"k\")"]
        );
    }

    fn scan_of(json: &str) -> Scan {
        scan(&parse(json).unwrap())
    }

    /// Issue 14: the name check re-joined the name once per suffix word (quadratic). Now the bytes
    /// it compares grow linearly with the number of words.
    #[test]
    fn name_check_is_linear_in_the_number_of_words() {
        let work = |words: usize| {
            let mut name = "password".to_owned();
            for _ in 0..words {
                name.push_str("_val");
            }
            let mut w = 0;
            // every trailing word is a value suffix, so every step runs
            assert_eq!(
                sensitive_name(&name, &mut w).map(|(_, what)| what),
                Some("a password")
            );
            w
        };
        let (a, b) = (work(2_000), work(4_000));
        assert!(b <= a * 2 + 64, "{a} -> {b}");
        // and a name that never matches: all suffix words, then one ordinary word at the front
        let mut w = 0;
        let name = format!("user{}", "_val".repeat(20_000));
        assert_eq!(sensitive_name(&name, &mut w), None);
        assert!(
            w <= (name.len() + 1) * (STEM_WINDOW + 1) / 4 + name.len(),
            "{w}"
        );
    }

    #[test]
    fn suffix_stripping_still_finds_the_term() {
        for (name, what) in [
            ("password_val_val_hash", Some("a password")),
            ("my_api_key_hex_b64", Some("an API key")),
            ("has_password_val", None),
            ("card_val", Some("a card number")),
            ("japan_val", None),
            ("x_pan", Some("a card number")),
            (
                "nationalinsurancenumber_val_val",
                Some("a National Insurance number"),
            ),
            ("password_changed_val", None),
            ("ÄÖÜpassword_val", Some("a password")),
        ] {
            let mut w = 0;
            let value = if what == Some("a card number") {
                "4111111111111111"
            } else {
                "x"
            };
            let found = sensitive_name(name, &mut w).map(|(_, what)| what);
            assert_eq!(found, what, "{name}");
            if let Some(what) = what {
                let json = format!(r#"{{"{name}":"{value}"}}"#);
                assert_eq!(
                    scan_of(&json).hits.first().map(|h| h.what),
                    Some(what),
                    "{json}"
                );
            }
        }
    }

    /// Issue 14: a path string was built for every member and element before knowing whether
    /// there was a hit. Now only kept hits build one.
    #[test]
    fn paths_are_built_only_for_kept_hits() {
        let name = "a".repeat(50_000);
        let zeros = vec!["0"; 20_000].join(",");
        let s = scan_of(&format!(
            r#"{{"{name}":[{zeros}],"b":{{"c":[[1,2],{{"d":null}}]}}}}"#
        ));
        assert!(s.hits.is_empty());
        assert_eq!((s.paths_built, s.more), (0, 0));
    }

    #[test]
    fn hits_are_capped_and_paths_cut() {
        let name = "a".repeat(100_000);
        let cards = vec!["4222222222222"; 4_000].join(",");
        let s = scan_of(&format!(r#"{{"{name}":[{cards}]}}"#));
        assert_eq!(s.hits.len(), MAX_HITS);
        assert_eq!(s.more, 4_000 - MAX_HITS);
        assert_eq!(s.paths_built, MAX_HITS);
        for h in &s.hits {
            assert!(h.path.chars().count() <= MAX_PATH_CHARS, "{}", h.path);
            assert!(h.path.starts_with("payload.aaaa"), "{}", h.path);
        }
        assert!(s.hits[3].path.ends_with("…[3]"), "{}", s.hits[3].path);
        // a deep path keeps its start and its end
        let deep = format!(
            "{}{{\"password\":\"x\"}}{}",
            "{\"level\":".repeat(60),
            "}".repeat(60)
        );
        let s = scan_of(&deep);
        let path = &s.hits.first().unwrap().path;
        assert_eq!(path.chars().count(), MAX_PATH_CHARS, "{path}");
        assert!(path.starts_with("payload.level.level"), "{path}");
        assert!(path.ends_with("level.password"), "{path}");
        assert!(path.contains('…'), "{path}");
    }

    #[test]
    fn stems_fit_the_window() {
        for t in TERMS {
            assert!(t.stem.len() < STEM_WINDOW, "{}", t.stem);
        }
    }

    #[test]
    fn words_split_at_separators_and_case() {
        assert_eq!(
            words("aws_secret-access.key"),
            ["aws", "secret", "access", "key"]
        );
        assert_eq!(words("APIKey"), ["api", "key"]);
        assert_eq!(words("clientSecret2"), ["client", "secret2"]);
        assert_eq!(words("cvv2"), ["cvv2"]);
        assert!(words("__").is_empty());
    }

    #[test]
    fn luhn_and_issuers() {
        for ok in [
            "4111111111111111",    // Visa
            "4222222222222",       // Visa, 13 digits
            "5500-0000-0000-0004", // Mastercard
            "2223003122003222",    // Mastercard 2-series
            "378282246310005",     // American Express
            "30569309025904",      // Diners Club 305
            "36227206271667",      // Diners Club 36
            "3530111333300000",    // JCB
            "6011111111111117",    // Discover
            "6445644564456445",    // Discover 644-649
            "6200000000000005",    // UnionPay
            "6759649826438453",    // Maestro
        ] {
            assert!(card(ok), "{ok}");
        }
        assert!(!card("5018 0000 0009")); // Maestro, but 12 digits: under the 13-digit bound
        assert!(!card("4111111111111112"));
        assert!(!card("1234567812345670")); // Luhn-valid, no known issuer
        assert!(!card("7000000000000007")); // Luhn-valid, no known issuer
        assert!(!card("4111 1111 1111 1111 "));
        assert!(!card("41111111111111111111")); // 20 digits
    }
}
