//! `inspect`: a report that explains a token to a person and lists what is wrong with it.
//! It never fails: everything wrong is a finding.
//!
//! [`inspect`] runs the producers in order, each adding to the [`Report`] and its findings:
//! `segments` (size, structure, decoding), `header` (algorithm, keys, `kid`, `crit`), `claims`
//! (claims explained, their types and times, sensitive data) and `signature` (missing, weak or
//! given secret). `findings` holds the codes and their severities, `report` the report's types,
//! `json_out` its JSON. Data tables: `claims_info` (claims explained), `weak_secrets` (the list).

mod bounds;
mod claims;
mod claims_info;
mod findings;
mod header;
mod json_out;
mod report;
mod segments;
mod sensitive;
mod signature;
mod time;
pub mod weak_secrets;

use crate::paste::trim_pasted;
pub use bounds::{
    MAX_DETAIL_CHARS, MAX_FINDINGS_PER_CODE, MAX_INSPECT_BYTES, MAX_LOCATION_CHARS,
    REPORT_BYTES_FIXED, REPORT_BYTES_PER_TOKEN_BYTE,
};
use findings::Builder;
pub use findings::{Finding, FindingCode, Severity};
pub use report::{AlgorithmInfo, ClaimInfo, InspectOptions, Report, Size, Status};

/// Inspects a pasted token. Never fails.
pub fn inspect(input: &str, options: &InspectOptions) -> Report {
    let token = trim_pasted(input);
    if token.len() > MAX_INSPECT_BYTES {
        return too_large(token.len());
    }
    let mut b = Builder::new();
    let mut report = Report::invalid();
    report.size.bytes = token.len();
    run(token, options, &mut report, &mut b);
    report.findings = b.finish();
    report
}

/// The report on a token of `bytes` bytes (once trimmed) over [`MAX_INSPECT_BYTES`]: one
/// `malformed` finding, nothing read. The JS layer asks for it by size, without copying such an
/// input into wasm.
pub fn too_large(bytes: usize) -> Report {
    let mut b = Builder::new();
    let mut report = Report::invalid();
    report.size.bytes = bytes;
    b.add(
        FindingCode::Malformed,
        "Input too large",
        format!(
            "the input is {bytes} bytes; inspect reads at most {MAX_INSPECT_BYTES} bytes (1 MiB)"
        ),
        "token",
    );
    report.findings = b.finish();
    report
}

/// The producers, in the order their findings are added (findings of one severity keep it).
fn run(token: &str, options: &InspectOptions, report: &mut Report, b: &mut Builder) {
    let Some(segments) = segments::split(token, report, b) else {
        return;
    };
    let header = segments
        .header()
        .and_then(|bytes| segments::json_object("header", bytes, b));
    let Some(header) = header else {
        // Not a valid JWS (the kind stays `invalid`), but a readable payload is still reported:
        // the contract makes `payload` null only for a JWE or an undecodable payload.
        if !segments.jwe {
            claims::payload(&segments, options.now, report, b);
        }
        return;
    };
    report.header = Some(header.clone());
    report.kind = if segments.jwe { "JWE" } else { "JWS" };
    header::findings(&header, segments.jwe, report, b);
    if segments.jwe {
        return;
    }
    claims::payload(&segments, options.now, report, b);
    // A signature is judged only when every segment decoded.
    if !segments.malformed {
        signature::findings(&segments, &header, options, report, b);
    }
}

#[cfg(test)]
mod tests;
