//! The protected header: its algorithm, the keys and key URLs it carries, its `kid` and `crit`.

use super::findings::{Builder, FindingCode};
use super::report::{AlgorithmInfo, Report};
use crate::algorithm::{Algorithm, Family, REGISTERED_UNSUPPORTED};
use crate::json::Value;
use crate::text::{contains, quoted};

/// Explains the protected header's algorithm into `report` and adds the header's findings. For
/// an encrypted token (`jwe`) the header is all jwtlens reads: its `alg` and `enc`, the key
/// findings, and the `jwe` finding.
pub(super) fn findings(header: &Value, jwe: bool, report: &mut Report, b: &mut Builder) {
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
    if jwe {
        b.add(
            FindingCode::Jwe,
            "Encrypted token (JWE)",
            "the payload is encrypted; it cannot be read or checked without the recipient's key"
                .into(),
            "token",
        );
    }
}

/// `alg`: missing, `none`, unknown, or HS*; sets the kind `unsecured` for `none`.
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

/// Keys and key URLs carried in the header, a suspicious `kid`, and `crit`.
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
    if ENCODED_PATH_CHARS.iter().any(|e| contains(&lower, e)) {
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
    if sql_comment
        || contains(kid, "/*")
        || contains(&lower, " or ")
        || contains(&lower, "union select")
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
