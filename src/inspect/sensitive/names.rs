//! Sensitive member names: the table of stems (`password`, `client_secret`, `cvv`, `ssn`…) and
//! the rules that match a member name's words against it.

/// What a sensitive member name needs from its value to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
pub(super) struct Term {
    /// The name's words run together, in lower case.
    pub(super) stem: &'static str,
    /// The stem must start at a word boundary (`pan` in `card_pan`, not in `japan`); otherwise
    /// it may end a longer word (`dbpassword`, `mysecret`).
    whole_words: bool,
    /// What the value must look like.
    kind: Kind,
    /// What a hit is reported as (`a password`).
    what: &'static str,
}

/// A [`Term`], in the table's one-line form.
const fn term(stem: &'static str, whole_words: bool, kind: Kind, what: &'static str) -> Term {
    Term {
        stem,
        whole_words,
        kind,
        what,
    }
}

/// Tried in order: the more specific first. `pass` alone is not here (`pass: "season"`).
pub(super) const TERMS: &[Term] = &[
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
pub(super) fn words(name: &str) -> Vec<String> {
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
pub(super) const STEM_WINDOW: usize = 24;

/// Whether a member name names something sensitive, and what. Linear in the name's length: each
/// step joins only the last words that hold [`STEM_WINDOW`] bytes, and drops one trailing
/// value-suffix word. `work` counts the bytes joined (for the tests).
pub(super) fn sensitive_name(name: &str, work: &mut usize) -> Option<(Kind, &'static str)> {
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
