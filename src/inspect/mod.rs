//! `inspect`: a report that explains a token to a person and lists what is wrong with it.
//! It never fails: everything wrong is a finding.

mod claims_info;
mod findings;
mod json_out;
mod report;
mod sensitive;
mod time;
pub mod weak_secrets;

use crate::alg::{Algorithm, Family, REGISTERED_UNSUPPORTED};
use crate::base64url::{self, B64Error};
use crate::json::{self, Duplicates, Value};
use crate::text::quoted;
use crate::token::trim_pasted;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use findings::Builder;
pub use findings::{Finding, FindingCode, Severity};
pub use report::{
    AlgorithmInfo, ClaimInfo, Report, Size, Status, MAX_DETAIL_CHARS, MAX_FINDINGS_PER_CODE,
    MAX_LOCATION_CHARS, REPORT_BYTES_FIXED, REPORT_BYTES_PER_TOKEN_BYTE,
};

/// Longest input `inspect` reads (1 MiB).
pub const MAX_INSPECT_BYTES: usize = 1_048_576;
/// Tokens over this size do not fit in one cookie.
const LARGE_TOKEN_BYTES: usize = 4096;
/// Largest signing input tried against the weak-secret list: the large-token bound, so that every
/// token that is not `large-token` is scanned (its signing input is shorter than the token). The
/// scan computes one HMAC over it per listed secret: at this size about 85,000 SHA-256 blocks,
/// ~25-45 ms in wasm (`node bench/inspect.mjs`). Ordinary tokens are far smaller; a larger one
/// gets a note on its large-token and symmetric-alg findings instead.
const WEAK_SCAN_MAX_BYTES: usize = LARGE_TOKEN_BYTES;
/// Allowed clock skew before `iat` counts as in the future.
const IAT_SKEW: f64 = 60.0;
/// Lifetimes over this many seconds are flagged.
const LONG_LIFETIME: f64 = 86_400.0;

/// Options of [`inspect`].
#[derive(Debug, Clone, Default)]
pub struct InspectOptions {
    /// Seconds since the epoch to judge time claims against.
    pub now: f64,
    /// A secret to check an HS* signature with.
    pub secret: Option<Vec<u8>>,
}

const SEGMENT_NAMES_JWS: [&str; 3] = ["header", "payload", "signature"];
const SEGMENT_NAMES_JWE: [&str; 5] = [
    "header",
    "encrypted key",
    "initialization vector",
    "ciphertext",
    "authentication tag",
];

/// Decodes a segment, tolerating what a sloppy encoder writes (and reporting it).
fn lenient_decode(seg: &str) -> Result<(Vec<u8>, Option<B64Error>), B64Error> {
    match base64url::check(seg) {
        Ok(()) => base64url::decode(seg).map(|b| (b, None)),
        Err(problem) => {
            let cleaned: String = seg
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .map(|c| match c {
                    '+' => '-',
                    '/' => '_',
                    c => c,
                })
                .collect();
            let cleaned = cleaned.trim_end_matches('=');
            let engine = GeneralPurpose::new(
                &base64::alphabet::URL_SAFE,
                GeneralPurposeConfig::new()
                    .with_decode_allow_trailing_bits(true)
                    .with_decode_padding_mode(DecodePaddingMode::RequireNone),
            );
            match engine.decode(cleaned) {
                Ok(bytes) => Ok((bytes, Some(problem))),
                Err(_) => Err(problem),
            }
        }
    }
}

/// Inspects a pasted token. Never fails.
pub fn inspect(input: &str, options: &InspectOptions) -> Report {
    let mut b = Builder::new();
    let mut report = Report::invalid();
    let token = trim_pasted(input);
    report.size.bytes = token.len();
    if token.len() > MAX_INSPECT_BYTES {
        b.add(
            FindingCode::Malformed,
            "Input too large",
            format!(
                "the input is {} bytes; inspect reads at most {MAX_INSPECT_BYTES} bytes (1 MiB)",
                token.len()
            ),
            "token",
        );
        report.findings = b.finish();
        return report;
    }
    run(token, options, &mut report, &mut b);
    report.findings = b.finish();
    report
}

fn run(token: &str, options: &InspectOptions, report: &mut Report, b: &mut Builder) {
    // First, so that it is there whatever else is wrong with the input.
    if token.len() > LARGE_TOKEN_BYTES {
        b.add(
            FindingCode::LargeToken,
            "Large token",
            format!(
                "the token is {} bytes; browsers limit a cookie to about {LARGE_TOKEN_BYTES} bytes and many servers limit header size",
                token.len()
            ),
            "token",
        );
    }
    if token.is_empty() {
        b.add(
            FindingCode::Malformed,
            "Empty input",
            "there is no token to read".into(),
            "token",
        );
        return;
    }
    let segments: Vec<&str> = token.split('.').collect();
    report.segments = segments.iter().map(|s| (*s).to_owned()).collect();
    let jwe = segments.len() == 5;
    if segments.len() != 3 && !jwe {
        b.add(
            FindingCode::Malformed,
            "Not a compact JWT",
            format!(
                "a signed JWT (JWS) has 3 dot-separated segments and an encrypted one (JWE) has 5; this input has {}",
                segments.len()
            ),
            "token",
        );
        return;
    }
    let names: &[&str] = if jwe {
        &SEGMENT_NAMES_JWE
    } else {
        &SEGMENT_NAMES_JWS
    };
    if !jwe {
        report.size.header = segments.first().map_or(0, |s| s.len());
        report.size.payload = segments.get(1).map_or(0, |s| s.len());
        report.size.signature = segments.get(2).map_or(0, |s| s.len());
    } else {
        report.size.header = segments.first().map_or(0, |s| s.len());
        report.size.payload = segments.get(3).map_or(0, |s| s.len());
        report.size.signature = segments.get(4).map_or(0, |s| s.len());
    }

    // Decode every segment, noting non-canonical encodings.
    let mut decoded: Vec<Option<Vec<u8>>> = Vec::with_capacity(segments.len());
    let mut non_canonical: Vec<String> = Vec::new();
    let mut malformed_segment = false;
    for (i, seg) in segments.iter().enumerate() {
        let name = names.get(i).copied().unwrap_or("segment");
        match lenient_decode(seg) {
            Ok((bytes, problem)) => {
                if let Some(p) = problem {
                    non_canonical.push(format!("{name} segment: {p}"));
                }
                decoded.push(Some(bytes));
            }
            Err(p) => {
                malformed_segment = true;
                b.add(
                    FindingCode::Malformed,
                    "Undecodable segment",
                    format!("the {name} segment is not base64url: {p}"),
                    if i == 0 {
                        "header"
                    } else if i == 1 && !jwe {
                        "payload"
                    } else {
                        "signature"
                    },
                );
                decoded.push(None);
            }
        }
    }
    if !non_canonical.is_empty() {
        b.add(
            FindingCode::NonCanonical,
            "Non-canonical base64url",
            format!(
                "{}; RFC 7515 §2 requires unpadded base64url, and strict verifiers (jwtlens among them) reject such a token",
                non_canonical.join("; ")
            ),
            "token",
        );
    }

    // Header.
    let header = match decoded.first() {
        Some(Some(header_bytes)) => parse_json_object("header", header_bytes, b),
        _ => None,
    };
    let Some(header) = header else {
        // Not a valid JWS (the kind stays `invalid`), but a readable payload is still reported:
        // the contract makes `payload` null only for a JWE or an undecodable payload.
        if !jwe {
            payload_findings(&decoded, options, report, b);
        }
        return;
    };
    report.header = Some(header.clone());
    report.kind = if jwe { "JWE" } else { "JWS" };
    header_findings(&header, jwe, report, b);

    if jwe {
        b.add(
            FindingCode::Jwe,
            "Encrypted token (JWE)",
            "the payload is encrypted; it cannot be read or checked without the recipient's key"
                .into(),
            "token",
        );
        return;
    }

    payload_findings(&decoded, options, report, b);

    // Signature.
    let sig = decoded.get(2).cloned().flatten();
    if malformed_segment {
        return;
    }
    let alg_name = header.get("alg").and_then(Value::as_str).unwrap_or("");
    let sig = sig.unwrap_or_default();
    if report.kind != "unsecured" && sig.is_empty() && header.get("alg").is_some() {
        b.add(
            FindingCode::NoSignature,
            "Missing signature",
            format!("the header says \"{}\" but the signature segment is empty; the token is unsigned and anyone could have written it", quoted(alg_name)),
            "signature",
        );
        return;
    }
    if let Some(alg) = Algorithm::from_name(alg_name).filter(|a| a.family() == Family::Hmac) {
        let message = token.get(
            ..segments.first().map_or(0, |s| s.len()) + 1 + segments.get(1).map_or(0, |s| s.len()),
        );
        let message = message.unwrap_or("").as_bytes();
        secret_findings(alg, message, &sig, options, report, b);
    }
}

/// Parses the JWS payload segment, when it decoded, and reports its claims.
fn payload_findings(
    decoded: &[Option<Vec<u8>>],
    options: &InspectOptions,
    report: &mut Report,
    b: &mut Builder,
) {
    if let Some(Some(payload_bytes)) = decoded.get(1) {
        if let Some(payload) = parse_json_object("payload", payload_bytes, b) {
            claim_findings(&payload, options.now, report, b);
            report.payload = Some(payload);
        }
    }
}

fn parse_json_object(name: &str, bytes: &[u8], b: &mut Builder) -> Option<Value> {
    match json::parse_bytes(bytes, Duplicates::Report) {
        Ok(parsed) => {
            if !matches!(parsed.value, Value::Object(_)) {
                b.add(
                    FindingCode::Malformed,
                    &format!("{} is not a JSON object", capitalize(name)),
                    format!(
                        "the {name} decodes to a JSON {}, but a JWT {name} must be an object",
                        parsed.value.type_name()
                    ),
                    name,
                );
                return None;
            }
            if !parsed.duplicates.is_empty() {
                // Each name once, in the order first repeated; at most ten are quoted.
                let mut seen = std::collections::BTreeSet::new();
                let names: Vec<&String> = parsed
                    .duplicates
                    .iter()
                    .filter(|n| seen.insert(n.as_str()))
                    .collect();
                const QUOTED_NAMES: usize = 10;
                let mut list = names
                    .iter()
                    .take(QUOTED_NAMES)
                    .map(|n| format!("\"{}\"", quoted(n)))
                    .collect::<Vec<_>>()
                    .join(", ");
                if names.len() > QUOTED_NAMES {
                    list.push_str(&format!(" and {} more names", names.len() - QUOTED_NAMES));
                }
                b.add(
                    FindingCode::DuplicateKey,
                    "Duplicate member names",
                    format!(
                        "the {name} repeats {list}; parsers disagree on which value wins (first or last), which attackers use to make a verifier and an application read different values (RFC 7515 §4, RFC 8725 §3.1)"
                    ),
                    name,
                );
            }
            Some(parsed.value)
        }
        Err(e) => {
            let why = match e.kind {
                json::ParseErrorKind::NotUtf8 => {
                    format!("it is not valid UTF-8 (byte offset {})", e.offset)
                }
                _ => format!("it is not valid JSON: {e}"),
            };
            b.add(
                FindingCode::Malformed,
                &format!("Unreadable {name}"),
                format!("the {name} segment decodes, but {why}"),
                name,
            );
            None
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn header_findings(header: &Value, jwe: bool, report: &mut Report, b: &mut Builder) {
    if jwe {
        // A JWE's "alg" is a key management algorithm; jwtlens only reads the header.
        let name = header.get("alg").and_then(Value::as_str).unwrap_or("");
        let enc = header.get("enc").and_then(Value::as_str).unwrap_or("?");
        report.algorithm = Some(AlgorithmInfo {
            name: name.to_owned(),
            family: "unknown",
            description: format!("JWE key management \"{name}\" with content encryption \"{enc}\""),
        });
    } else {
        alg_findings(header, report, b);
    }
    key_findings(header, b);
}

fn alg_findings(header: &Value, report: &mut Report, b: &mut Builder) {
    match header.get("alg") {
        None => b.add(
            FindingCode::AlgMissing,
            "No algorithm",
            "the header has no \"alg\"; RFC 7515 §4.1.1 requires it and no verifier can check this token".into(),
            "header.alg",
        ),
        Some(Value::String(name)) => {
            if name.eq_ignore_ascii_case("none") {
                report.kind = "unsecured";
                report.algorithm = Some(AlgorithmInfo {
                    name: name.clone(),
                    family: "none",
                    description: "Unsecured JWS: no signature at all".into(),
                });
                b.add(
                    FindingCode::AlgNone,
                    "Unsigned token (alg: none)",
                    format!("\"alg\" is \"{name}\": the token carries no signature, so anyone can write one; a verifier that accepts it can be bypassed entirely (RFC 8725 §3.1, CVE-2015-9235)"),
                    "header.alg",
                );
            } else if let Some(alg) = Algorithm::from_name(name) {
                report.algorithm = Some(AlgorithmInfo {
                    name: name.clone(),
                    family: alg.family().name(),
                    description: alg.description().into(),
                });
                if alg.family() == Family::Hmac {
                    b.add(
                        FindingCode::SymmetricAlg,
                        "Shared-secret algorithm",
                        format!("{name} uses one secret to sign and verify: every service that can verify these tokens can also forge them"),
                        "header.alg",
                    );
                }
            } else {
                report.algorithm = Some(AlgorithmInfo {
                    name: name.clone(),
                    family: "unknown",
                    description: "An algorithm jwtlens cannot verify".into(),
                });
                let why = if REGISTERED_UNSUPPORTED.contains(&name.as_str()) || name.starts_with("ESP") || name.starts_with("ML-DSA") {
                    format!("\"{}\" is a registered JOSE algorithm that jwtlens does not implement", quoted(name))
                } else if Algorithm::from_name(&name.to_ascii_uppercase()).is_some() || name.eq_ignore_ascii_case("eddsa") {
                    format!("\"{}\" is not a registered algorithm name (names are case-sensitive)", quoted(name))
                } else {
                    format!("\"{}\" is not a registered JWS algorithm", quoted(name))
                };
                b.add(FindingCode::AlgUnknown, "Unknown algorithm", format!("{why}; this token cannot be verified here"), "header.alg");
            }
        }
        Some(other) => b.add(
            FindingCode::AlgUnknown,
            "Unknown algorithm",
            format!("\"alg\" must be a string, this header has a {}", other.type_name()),
            "header.alg",
        ),
    }
}

fn key_findings(header: &Value, b: &mut Builder) {
    for (member, what) in [
        ("jwk", "a public key (jwk)"),
        ("x5c", "a certificate chain (x5c)"),
    ] {
        if header.get(member).is_some() {
            b.add(
                FindingCode::HeaderJwk,
                "Key embedded in the header",
                format!("the header carries {what}; a verifier that trusts it lets the token choose its own key, so anyone can sign (CVE-2018-0114). Verify with a key you already hold"),
                &format!("header.{member}"),
            );
        }
    }
    for member in ["jku", "x5u"] {
        if let Some(v) = header.get(member) {
            let url = v.as_str().unwrap_or("(not a string)");
            b.add(
                FindingCode::HeaderUrl,
                "Key URL in the header",
                format!("\"{member}\" points to {}; a verifier that fetches keys from a URL the token names can be made to trust an attacker's key or to make requests for them (SSRF, RFC 8725 §3.10)", quoted(url)),
                &format!("header.{member}"),
            );
        }
    }
    if let Some(kid) = header.get("kid") {
        if let Some(s) = kid.as_str() {
            if let Some(why) = suspicious_kid(s) {
                b.add(
                    FindingCode::KidSuspicious,
                    "Suspicious key ID",
                    format!("\"kid\" {why}; servers that use kid in a file path, SQL query or shell command have been exploited this way. Look it up only as an opaque string"),
                    "header.kid",
                );
            }
        }
    }
    if header.get("crit").is_some() {
        b.add(
            FindingCode::Crit,
            "Critical header extensions",
            "the header lists \"crit\" extensions; a verifier must reject the token unless it understands every one of them (RFC 7515 §4.1.11)".into(),
            "header.crit",
        );
    }
}

/// Percent-encoded `.`, `/`, `\` and NUL, also double-encoded (`%252e`) and as overlong UTF-8
/// (`%c0%ae`), compared in lower case: what traversal payloads use to slip past a filter.
const ENCODED_PATH_CHARS: &[&str] = &[
    "%2e", "%2f", "%5c", "%00", "%252e", "%252f", "%255c", "%c0%ae", "%c0%af", "%c1%9c",
];

/// Why a `kid` looks like an injection attempt, if it does. A `kid` is opaque (RFC 7515
/// §4.1.4): thumbprints, UUIDs, dates, dotted versions, relative names such as
/// `projects/p/keys/k` and URLs are all ordinary.
fn suspicious_kid(kid: &str) -> Option<&'static str> {
    let lower = kid.to_ascii_lowercase();
    let bytes = kid.as_bytes();
    if kid.contains('\0') {
        return Some("contains a NUL character");
    }
    if kid.split(['/', '\\']).any(|segment| segment == "..") {
        return Some("contains a \"..\" path segment (path traversal)");
    }
    let drive = matches!(bytes, [d, b':', b'/' | b'\\', ..] if d.is_ascii_alphabetic());
    if kid.starts_with(['/', '\\']) || drive || lower.starts_with("file:") {
        return Some("is an absolute file path");
    }
    if ENCODED_PATH_CHARS.iter().any(|e| lower.contains(e)) {
        return Some("contains percent-encoded path characters or NUL (encoded path traversal)");
    }
    if kid.contains(['\n', '\r']) {
        return Some("contains a line break (a shell command separator)");
    }
    if kid.chars().any(char::is_control) {
        return Some("contains control characters");
    }
    if kid.contains(['\'', '"']) {
        return Some("contains quotes");
    }
    // `--` starts an SQL comment only when whitespace or the end follows it: `rsa--2024` is a
    // name. (A quote, which an injection also needs, was caught above.)
    let sql_comment = (0..bytes.len()).any(|i| {
        bytes.get(i..i + 2) == Some(b"--".as_slice())
            && bytes.get(i + 2).is_none_or(u8::is_ascii_whitespace)
    });
    if sql_comment || kid.contains("/*") || lower.contains(" or ") || lower.contains("union select")
    {
        return Some("contains SQL metacharacters");
    }
    // `$HOME`, `${IFS}`, `$(id)`, `$1`: shell expansion.
    let expansion = (0..bytes.len()).any(|i| {
        bytes.get(i) == Some(&b'$')
            && bytes
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'{' | b'('))
    });
    if expansion || kid.contains(['|', ';', '&', '`', '>', '<']) {
        return Some("contains shell metacharacters");
    }
    None
}

fn numeric(v: &Value) -> Option<f64> {
    v.as_f64().filter(|f| f.is_finite())
}

fn claim_findings(payload: &Value, now: f64, report: &mut Report, b: &mut Builder) {
    let members = payload.as_object().unwrap_or(&[]);
    for (name, value) in members {
        let known = claims_info::lookup(name);
        let (label, description, registered) = match known {
            Some((l, d)) => (l.to_owned(), d.to_owned(), true),
            None => (
                "Custom claim".to_owned(),
                "A claim defined by the issuer or application, not a registered one.".to_owned(),
                false,
            ),
        };
        let mut info = ClaimInfo {
            name: name.clone(),
            value: value.clone(),
            label,
            description,
            registered,
            time: None,
            relative: None,
        };
        if claims_info::NUMERIC_DATE_CLAIMS.contains(&name.as_str()) {
            if let Some(t) = numeric(value) {
                info.time = time::iso8601(t);
                info.relative = Some(time::relative(t, now));
            }
        }
        report.claims.push(info);
    }

    // Types of registered claims, in payload order. Only a present claim of the wrong JSON type
    // is flagged, never a missing one.
    for (name, v) in members {
        if let Some((rule, source)) = claims_info::type_rule(name) {
            claim_type_findings(name, v, rule, source, b);
        }
    }

    let exp = payload.get("exp").and_then(numeric);
    let nbf = payload.get("nbf").and_then(numeric);
    let iat = payload.get("iat").and_then(numeric);
    let when = |t: f64| {
        format!(
            "{} ({})",
            time::iso8601(t).unwrap_or_default(),
            time::relative(t, now)
        )
    };
    let window = crate::validate::time::window(exp, nbf, now, 0.0);
    // A null exp is what verifiers read as a missing one (and it is also a claim-type).
    let exp_member = payload.get("exp").filter(|v| !v.is_null());
    match exp {
        None if exp_member.is_none() => b.add(
            FindingCode::ExpMissing,
            "No expiration",
            format!(
                "the token has {}, so it never expires: if it leaks it stays usable until the key changes",
                if payload.get("exp").is_some() {
                    "\"exp\": null, which verifiers treat as no \"exp\" claim"
                } else {
                    "no \"exp\" claim"
                }
            ),
            "payload.exp",
        ),
        Some(e) if window.expired => b.add(
            FindingCode::Expired,
            "Expired",
            format!("the token expired {}", when(e)),
            "payload.exp",
        ),
        _ => {}
    }
    if let Some(n) = nbf.filter(|_| window.not_yet_valid) {
        b.add(
            FindingCode::NotYetValid,
            "Not yet valid",
            format!("the token is not valid before {}", when(n)),
            "payload.nbf",
        );
    }
    if let Some(i) = iat {
        if i > now + IAT_SKEW {
            b.add(
                FindingCode::IatFuture,
                "Issued in the future",
                format!(
                    "\"iat\" is {}, later than now by more than {IAT_SKEW} seconds of clock skew",
                    when(i)
                ),
                "payload.iat",
            );
        }
    }
    if let Some(e) = exp {
        let (from, what) = match iat {
            Some(i) => (i, "issued"),
            None => (now, "now"),
        };
        let lifetime = e - from;
        if lifetime > LONG_LIFETIME {
            b.add(
                FindingCode::LongLifetime,
                "Long lifetime",
                format!(
                    "the token is valid for {} from {what}; short-lived access tokens (minutes) with refresh tokens limit the damage of a leak",
                    time::relative(from + lifetime, from).trim_start_matches("in ")
                ),
                "payload.exp",
            );
        }
    }

    // The contract: no exp is no_expiry (a future nbf still gets its finding); expired wins
    // over not_yet_valid. An exp that is not a usable number (null, a string such as
    // "1700000600", or out of range like 1e400) gives the token no usable expiry either, so it
    // is no_expiry too (with its claim-type finding); `unknown` is kept for an unreadable payload.
    report.status.state = match exp {
        None => "no_expiry",
        Some(_) if window.expired => "expired",
        Some(_) if window.not_yet_valid => "not_yet_valid",
        Some(_) => "active",
    };
    // Both are finite, but their difference can overflow: clamp it to a finite number.
    report.status.seconds_left = exp.map(|e| (e - now).floor().clamp(-f64::MAX, f64::MAX));

    let scan = sensitive::scan(payload);
    for hit in scan.hits {
        b.add(
            FindingCode::SensitiveData,
            "Sensitive data in the payload",
            format!("{} looks like {}; a JWT payload is only base64url-encoded, not encrypted: anyone who sees the token can read it", hit.path, hit.what),
            &hit.path,
        );
    }
    b.left_out(FindingCode::SensitiveData, scan.more);
}

fn claim_type_findings(
    name: &str,
    v: &Value,
    rule: claims_info::ClaimType,
    source: &str,
    b: &mut Builder,
) {
    let location = format!("payload.{name}");
    let expected = rule.expected();
    if v.is_null() {
        b.add(
            FindingCode::ClaimType,
            "Claim of the wrong type",
            format!("\"{name}\" is null, but it must be {expected} ({source}); verifiers treat a null claim as missing, so leave it out instead"),
            &location,
        );
        return;
    }
    if !rule.accepts(v) {
        use claims_info::ClaimType as T;
        let seen = match v {
            Value::Array(_)
                if matches!(
                    rule,
                    T::StringOrStringArray | T::MultiValued | T::ArrayOfStringsOrObjects
                ) =>
            {
                "an array with an element of another type".to_owned()
            }
            Value::Array(_) => "an array".to_owned(),
            Value::Object(_) => "an object".to_owned(),
            other => format!("a {}", other.type_name()),
        };
        b.add(
            FindingCode::ClaimType,
            "Claim of the wrong type",
            format!("\"{name}\" must be {expected} ({source}), this one is {seen}"),
            &location,
        );
        return;
    }
    if rule == claims_info::ClaimType::NumericDate {
        match numeric(v) {
            None => b.add(
                FindingCode::ClaimType,
                "Claim of the wrong type",
                format!("\"{name}\" must be {expected} ({source}), this one is a number that is out of range"),
                &location,
            ),
            Some(t) if t > 1e11 => b.add(
                FindingCode::ClaimType,
                "Timestamp in milliseconds?",
                format!("\"{name}\" is {t}, which as seconds is the year {}; it looks like milliseconds (NumericDate is seconds, RFC 7519 §2)", time::iso8601(t).map_or_else(|| "?".to_owned(), |s| s.get(..s.find('-').filter(|&i| i > 0).unwrap_or(4)).unwrap_or("?").to_owned())),
                &location,
            ),
            Some(_) => {}
        }
    }
}

fn secret_findings(
    alg: Algorithm,
    message: &[u8],
    sig: &[u8],
    options: &InspectOptions,
    report: &mut Report,
    b: &mut Builder,
) {
    let need = alg.hash().output_len();
    // The given secret, when the signature verifies with it and it is shorter than the hash.
    let mut short_given: Option<&[u8]> = None;
    if let Some(secret) = &options.secret {
        let ok = weak_secrets::hmac_matches(alg, secret, message, sig);
        report.secret_verified = Some(ok);
        if ok && secret.len() < need {
            short_given = Some(secret);
        }
    }
    let found = if message.len() > WEAK_SCAN_MAX_BYTES {
        // The scan costs one HMAC of the whole token per listed secret: bounded so that a large
        // token cannot stall the caller. Such a token is always a large-token (its signing input
        // is shorter than it), and that finding and symmetric-alg (always there for HS*) say so.
        let note = format!(
            "; its signing input is {} bytes, over the {WEAK_SCAN_MAX_BYTES} bytes jwtlens tries against its list of weak secrets, so that check was skipped",
            message.len()
        );
        b.append_to_detail(&[FindingCode::SymmetricAlg, FindingCode::LargeToken], &note);
        None
    } else {
        weak_secrets::find(alg, message, sig)
    };
    report.weak_secret = found.map(str::to_owned);
    let listed = |s: &str| {
        format!(
            "the well-known secret \"{s}\" from jwtlens's list of {} weak secrets",
            weak_secrets::count()
        )
    };
    let short = |len: usize| {
        format!(
            "the signature verifies with the given secret, which is {len} bytes; {} needs at least {need} bytes (RFC 7518 §3.2), and short secrets can be brute-forced offline from any token",
            alg.name()
        )
    };
    // One finding, whichever of the two checks (or both) found the secret weak.
    let (title, detail) = match (short_given, found) {
        (None, None) => return,
        (Some(given), None) => ("Secret shorter than the hash", short(given.len())),
        (None, Some(s)) => (
            "Signed with a well-known secret",
            format!(
                "the signature verifies with {}: anyone can forge tokens for this issuer",
                listed(s)
            ),
        ),
        (Some(given), Some(s)) => (
            "Signed with a well-known secret",
            format!(
                "{}; it {} {}: anyone can forge tokens for this issuer",
                short(given.len()),
                if given == s.as_bytes() {
                    "is also"
                } else {
                    "also verifies with"
                },
                listed(s)
            ),
        ),
    };
    b.add(FindingCode::WeakSecret, title, detail, "signature");
}

#[cfg(test)]
mod tests;
