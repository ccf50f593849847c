//! The signature segment: an empty one under a real `alg`, and an HS* signature made with a
//! well-known secret from the built-in list or with a given secret shorter than the hash.

use super::findings::{Builder, FindingCode};
use super::report::InspectOptions;
use super::report::Report;
use super::segments::{Segments, LARGE_TOKEN_BYTES};
use super::weak_secrets;
use crate::algorithm::{Algorithm, Family};
use crate::json::Value;
use crate::text::quoted;

/// Largest signing input tried against the weak-secret list: the large-token bound, so that every
/// token that is not `large-token` is scanned (its signing input is shorter than the token). The
/// scan computes one HMAC over it per listed secret: at this size about 85,000 SHA-256 blocks,
/// ~25-45 ms in wasm (`node bench/inspect.mjs`). Ordinary tokens are far smaller; a larger one
/// gets a note on its large-token and symmetric-alg findings instead.
pub(super) const WEAK_SCAN_MAX_BYTES: usize = LARGE_TOKEN_BYTES;

/// Judges the signature of a JWS whose segments all decoded: `no-signature` when it is empty
/// under an `alg` other than `none`, else for HS* the given and the listed secrets.
pub(super) fn findings(
    segments: &Segments,
    header: &Value,
    options: &InspectOptions,
    report: &mut Report,
    b: &mut Builder,
) {
    let alg_name = header.get("alg").and_then(Value::as_str).unwrap_or("");
    let sig = segments.signature().unwrap_or_default();
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
        let message = segments.signing_input().as_bytes();
        secret_findings(alg, message, sig, options, report, b);
    }
}

/// One `weak-secret` finding when the given secret verifies but is shorter than the hash, or a
/// listed secret verifies (or both); sets `secret_verified` and `weak_secret`.
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
        let ok = crate::alg::hmac::matches(alg, secret, message, sig);
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
