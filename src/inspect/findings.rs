//! What a report lists: [`Finding`]s, their [`FindingCode`]s and [`Severity`], and the
//! [`Builder`] that caps how many of one code a report carries.

use super::bounds::{MAX_DETAIL_CHARS, MAX_FINDINGS_PER_CODE, MAX_LOCATION_CHARS};
use crate::text::shorten_middle;
use std::collections::BTreeMap;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Forgeable or unverifiable.
    Critical,
    /// Dangerous.
    High,
    /// Worth fixing.
    Medium,
    /// Worth knowing.
    Low,
    /// Information.
    Info,
}

impl Severity {
    /// `critical`, `high`, `medium`, `low`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }
}

/// What a finding is about: one variant per stable code of the report's `findings[].code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingCode {
    /// `malformed`: the input is not a readable compact JWT (too large, empty, wrong number of
    /// segments, a segment that is not base64url, a header or payload that is not a JSON object).
    Malformed,
    /// `large-token`: over the size a cookie or a request header comfortably holds.
    LargeToken,
    /// `non-canonical`: a segment decodes only leniently (padding, `+` `/`, stray bits).
    NonCanonical,
    /// `duplicate-key`: the header or payload repeats a member name.
    DuplicateKey,
    /// `jwe`: an encrypted token, whose payload cannot be read.
    Jwe,
    /// `alg-missing`: the header has no `alg`.
    AlgMissing,
    /// `alg-none`: `alg` is `none` in any case: an unsigned token.
    AlgNone,
    /// `alg-unknown`: `alg` is not a string, or names no algorithm jwtlens verifies.
    AlgUnknown,
    /// `symmetric-alg`: an HS* algorithm, whose secret both signs and verifies.
    SymmetricAlg,
    /// `header-jwk`: the header embeds a key (`jwk`) or a certificate chain (`x5c`).
    HeaderJwk,
    /// `header-url`: the header names a key URL (`jku`, `x5u`).
    HeaderUrl,
    /// `kid-suspicious`: a `kid` that looks like path traversal or an injection.
    KidSuspicious,
    /// `crit`: the header lists critical extensions.
    Crit,
    /// `no-signature`: an `alg` other than `none` with an empty signature segment.
    NoSignature,
    /// `weak-secret`: the HS* signature verifies with a listed or a too-short secret.
    WeakSecret,
    /// `claim-type`: a registered claim of the wrong JSON type (or null, or milliseconds).
    ClaimType,
    /// `exp-missing`: no (or a null) `exp`: the token never expires.
    ExpMissing,
    /// `expired`: `exp` has passed.
    Expired,
    /// `not-yet-valid`: `nbf` is still ahead.
    NotYetValid,
    /// `iat-future`: `iat` is later than now beyond the allowed clock skew.
    IatFuture,
    /// `long-lifetime`: valid for more than a day.
    LongLifetime,
    /// `sensitive-data`: the payload carries a secret or personal data.
    SensitiveData,
}

impl FindingCode {
    /// Every code, in the order of the table above.
    pub const ALL: [FindingCode; 22] = [
        FindingCode::Malformed,
        FindingCode::LargeToken,
        FindingCode::NonCanonical,
        FindingCode::DuplicateKey,
        FindingCode::Jwe,
        FindingCode::AlgMissing,
        FindingCode::AlgNone,
        FindingCode::AlgUnknown,
        FindingCode::SymmetricAlg,
        FindingCode::HeaderJwk,
        FindingCode::HeaderUrl,
        FindingCode::KidSuspicious,
        FindingCode::Crit,
        FindingCode::NoSignature,
        FindingCode::WeakSecret,
        FindingCode::ClaimType,
        FindingCode::ExpMissing,
        FindingCode::Expired,
        FindingCode::NotYetValid,
        FindingCode::IatFuture,
        FindingCode::LongLifetime,
        FindingCode::SensitiveData,
    ];

    /// The stable kebab-case code, as the report's JSON carries it.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::Malformed => "malformed",
            FindingCode::LargeToken => "large-token",
            FindingCode::NonCanonical => "non-canonical",
            FindingCode::DuplicateKey => "duplicate-key",
            FindingCode::Jwe => "jwe",
            FindingCode::AlgMissing => "alg-missing",
            FindingCode::AlgNone => "alg-none",
            FindingCode::AlgUnknown => "alg-unknown",
            FindingCode::SymmetricAlg => "symmetric-alg",
            FindingCode::HeaderJwk => "header-jwk",
            FindingCode::HeaderUrl => "header-url",
            FindingCode::KidSuspicious => "kid-suspicious",
            FindingCode::Crit => "crit",
            FindingCode::NoSignature => "no-signature",
            FindingCode::WeakSecret => "weak-secret",
            FindingCode::ClaimType => "claim-type",
            FindingCode::ExpMissing => "exp-missing",
            FindingCode::Expired => "expired",
            FindingCode::NotYetValid => "not-yet-valid",
            FindingCode::IatFuture => "iat-future",
            FindingCode::LongLifetime => "long-lifetime",
            FindingCode::SensitiveData => "sensitive-data",
        }
    }

    /// The severity of every finding of this code: the one place it is decided. (Each code has
    /// a single severity; the summary finding of a code over the cap has it too.)
    pub fn severity(self) -> Severity {
        use FindingCode as C;
        match self {
            C::AlgNone | C::NoSignature | C::WeakSecret => Severity::Critical,
            C::Malformed
            | C::AlgMissing
            | C::AlgUnknown
            | C::HeaderJwk
            | C::HeaderUrl
            | C::SensitiveData => Severity::High,
            C::DuplicateKey | C::KidSuspicious | C::ClaimType | C::ExpMissing | C::Expired => {
                Severity::Medium
            }
            C::NonCanonical | C::NotYetValid | C::IatFuture | C::LongLifetime => Severity::Low,
            C::LargeToken | C::Jwe | C::SymmetricAlg | C::Crit => Severity::Info,
        }
    }
}

/// One problem or notable fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable kebab-case code ([`FindingCode::as_str`]).
    pub code: &'static str,
    /// Severity ([`FindingCode::severity`]).
    pub severity: Severity,
    /// One line.
    pub title: String,
    /// What was seen and why it matters.
    pub detail: String,
    /// Where: `header.alg`, `payload.exp`, `signature`, `token`.
    pub location: Option<String>,
}

/// Per code: how many findings were listed and how many left out.
#[derive(Debug, Clone, Copy, Default)]
struct Count {
    listed: usize,
    more: usize,
}

/// Collects the findings of one report: at most [`MAX_FINDINGS_PER_CODE`] per code, details and
/// locations cut to their caps.
pub(crate) struct Builder {
    findings: Vec<Finding>,
    /// Keyed by the code string, so that the summaries come out in code-name order.
    counts: BTreeMap<&'static str, (FindingCode, Count)>,
}

impl Builder {
    /// No findings yet.
    pub(crate) fn new() -> Builder {
        Builder {
            findings: Vec::new(),
            counts: BTreeMap::new(),
        }
    }

    fn count(&mut self, code: FindingCode) -> &mut Count {
        &mut self
            .counts
            .entry(code.as_str())
            .or_insert((code, Count::default()))
            .1
    }

    /// Adds a finding of `code` (with the code's severity), or only counts it once the code has
    /// [`MAX_FINDINGS_PER_CODE`]. An empty `location` is none.
    pub(crate) fn add(&mut self, code: FindingCode, title: &str, detail: String, location: &str) {
        let count = self.count(code);
        if count.listed >= MAX_FINDINGS_PER_CODE {
            count.more += 1;
            return;
        }
        count.listed += 1;
        self.findings.push(Finding {
            code: code.as_str(),
            severity: code.severity(),
            title: title.to_owned(),
            detail: if detail.chars().count() > MAX_DETAIL_CHARS {
                shorten_middle(&detail, MAX_DETAIL_CHARS)
            } else {
                detail
            },
            location: if location.is_empty() {
                None
            } else {
                Some(shorten_middle(location, MAX_LOCATION_CHARS))
            },
        });
    }

    /// Counts `n` findings of `code` that were found but not built (the sensitive-data scan
    /// stops building them at its own cap).
    pub(crate) fn left_out(&mut self, code: FindingCode, n: usize) {
        if n > 0 {
            self.count(code).more += n;
        }
    }

    /// Appends `note` to the detail of every finding so far of one of `codes` (after the detail
    /// was cut: notes are short).
    pub(crate) fn append_to_detail(&mut self, codes: &[FindingCode], note: &str) {
        for f in self
            .findings
            .iter_mut()
            .filter(|f| codes.iter().any(|c| c.as_str() == f.code))
        {
            f.detail.push_str(note);
        }
    }

    /// The findings, with one summary per code that had more than the cap, most severe first.
    pub(crate) fn finish(mut self) -> Vec<Finding> {
        for (code, Count { listed, more }) in self.counts.values() {
            if *more > 0 {
                let name = code.as_str();
                self.findings.push(Finding {
                    code: name,
                    severity: code.severity(),
                    title: format!("{more} more \"{name}\" findings"),
                    detail: format!(
                        "{more} more findings of this kind were left out of the report; the first {listed} are listed"
                    ),
                    location: None,
                });
            }
        }
        // Most severe first, in the order found within a severity: five stable passes, not a
        // stable sort (whose driftsort code is a kilobyte or two of wasm, issue 19).
        let mut rest = self.findings;
        let mut sorted = Vec::with_capacity(rest.len());
        for severity in [
            Severity::Critical,
            Severity::High,
            Severity::Medium,
            Severity::Low,
            Severity::Info,
        ] {
            let (these, others): (Vec<Finding>, Vec<Finding>) =
                rest.into_iter().partition(|f| f.severity == severity);
            sorted.extend(these);
            rest = others;
        }
        // Empty unless a severity is added to the enum and not to the list above: never drop one.
        sorted.extend(rest);
        sorted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_kebab_case_and_all_listed() {
        let mut names: Vec<&str> = FindingCode::ALL.iter().map(|c| c.as_str()).collect();
        assert!(names
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_lowercase() || c == b'-')));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FindingCode::ALL.len());
    }

    /// The severity table as the contract documents it (API.md): changing a severity is a
    /// change of the report, so it shows here.
    #[test]
    fn severity_table() {
        let table: Vec<(&str, &str)> = FindingCode::ALL
            .iter()
            .map(|c| (c.as_str(), c.severity().as_str()))
            .collect();
        assert_eq!(
            table,
            [
                ("malformed", "high"),
                ("large-token", "info"),
                ("non-canonical", "low"),
                ("duplicate-key", "medium"),
                ("jwe", "info"),
                ("alg-missing", "high"),
                ("alg-none", "critical"),
                ("alg-unknown", "high"),
                ("symmetric-alg", "info"),
                ("header-jwk", "high"),
                ("header-url", "high"),
                ("kid-suspicious", "medium"),
                ("crit", "info"),
                ("no-signature", "critical"),
                ("weak-secret", "critical"),
                ("claim-type", "medium"),
                ("exp-missing", "medium"),
                ("expired", "medium"),
                ("not-yet-valid", "low"),
                ("iat-future", "low"),
                ("long-lifetime", "low"),
                ("sensitive-data", "high"),
            ]
        );
    }

    #[test]
    fn notes_go_to_the_named_codes_only() {
        let mut b = Builder::new();
        b.add(FindingCode::LargeToken, "t", "large".into(), "token");
        b.add(FindingCode::Crit, "t", "crit".into(), "header.crit");
        b.add(FindingCode::SymmetricAlg, "t", "sym".into(), "header.alg");
        b.append_to_detail(&[FindingCode::SymmetricAlg, FindingCode::LargeToken], "; n");
        let details: Vec<String> = b.finish().into_iter().map(|f| f.detail).collect();
        assert_eq!(details, ["large; n", "crit", "sym; n"]);
    }

    /// Most severe first; within one severity, the order in which they were found.
    #[test]
    fn finish_orders_by_severity_keeping_the_order_found() {
        use FindingCode as C;
        let mut b = Builder::new();
        for (i, code) in [
            C::Crit,
            C::Expired,
            C::LargeToken,
            C::AlgNone,
            C::NonCanonical,
            C::ExpMissing,
            C::Malformed,
            C::WeakSecret,
            C::SymmetricAlg,
            C::DuplicateKey,
        ]
        .into_iter()
        .enumerate()
        {
            b.add(code, "t", format!("{i}"), "");
        }
        let order: Vec<String> = b.finish().into_iter().map(|f| f.detail).collect();
        assert_eq!(order, ["3", "7", "6", "1", "5", "9", "4", "0", "2", "8"]);
    }
}
