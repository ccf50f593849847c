//! Issue 14: reports bounded in size and in findings per code, whatever the payload.

use super::*;
use crate::inspect::findings::Builder;

/// Payloads built to make the report large or slow (issue 14), as `(what, payload JSON)`.
fn hostile_payloads(n: usize) -> Vec<(&'static str, String)> {
    let cards = |k: usize| vec!["4222222222222"; k].join(",");
    vec![
        (
            "long name x zeros",
            format!(
                r#"{{"{}":[{}]}}"#,
                "a".repeat(n / 2),
                vec!["0"; n / 4].join(",")
            ),
        ),
        (
            "long name x card numbers",
            format!(r#"{{"{}":[{}]}}"#, "a".repeat(n / 2), cards(n / 28)),
        ),
        (
            "suffix words",
            format!(r#"{{"password{}":"x"}}"#, "_val".repeat(n / 4)),
        ),
        (
            "many secrets",
            format!(
                "{{{}}}",
                (0..n / 20)
                    .map(|i| format!(r#""pw{i}_password":"x""#))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ),
        (
            "many small members",
            format!(
                "{{{}}}",
                (0..n / 8)
                    .map(|i| format!(r#""{i:x}":0"#))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ),
        (
            "duplicated exp of the wrong type",
            format!("{{{}}}", vec![r#""exp":"x""#; n / 9].join(",")),
        ),
        (
            "duplicated names",
            format!(
                "{{{}}}",
                (0..n / 16)
                    .flat_map(|i| [format!(r#""d{i}":1"#), format!(r#""d{i}":2"#)])
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ),
        (
            "deep arrays of long strings",
            format!(
                "{{\"a\":{}\"{}\"{}}}",
                "[".repeat(60),
                "x".repeat(n),
                "]".repeat(60)
            ),
        ),
    ]
}

/// Issue 14: the report is bounded in size by the token's length, no code has more than the cap
/// plus one summary finding, and no finding quotes more than the cut lengths.
#[test]
fn report_size_and_findings_are_bounded() {
    for n in [4_096, 65_536, 262_144] {
        for (what, payload) in hostile_payloads(n) {
            let header = r#"{"alg":"HS256","jku":"https://example.com/keys"}"#;
            let token = es256(header, &payload);
            let r = report(&token);
            assert!(r.payload.is_some(), "{what}: {:?}", codes(&r));
            let json = r.to_json();
            assert!(
                json.len() <= REPORT_BYTES_PER_TOKEN_BYTE * token.len() + REPORT_BYTES_FIXED,
                "{what} at {n}: report {} bytes for a {}-byte token",
                json.len(),
                token.len()
            );
            let mut per_code = std::collections::BTreeMap::new();
            for f in &r.findings {
                *per_code.entry(f.code).or_insert(0) += 1;
                assert!(
                    f.detail.chars().count() <= MAX_DETAIL_CHARS,
                    "{what}: {}",
                    f.code
                );
                assert!(
                    f.location.as_deref().map_or(0, |l| l.chars().count()) <= MAX_LOCATION_CHARS,
                    "{what}: {:?}",
                    f.location
                );
            }
            for (code, count) in per_code {
                assert!(count <= MAX_FINDINGS_PER_CODE + 1, "{what}: {count} {code}");
            }
        }
    }
}

#[test]
fn findings_over_the_cap_are_summarised() {
    let payload = format!(
        r#"{{"exp":1700003600,"{}":[{}]}}"#,
        "a".repeat(100_000),
        vec!["4222222222222"; 4_000].join(",")
    );
    let r = report(&es256(r#"{"alg":"ES256"}"#, &payload));
    let f = finding(&r, "sensitive-data");
    assert_eq!(f.len(), MAX_FINDINGS_PER_CODE + 1);
    let summary = f.last().unwrap();
    assert_eq!(summary.location, None);
    assert!(summary.title.starts_with("3980 more"), "{}", summary.title);
    assert!(summary.detail.contains("first 20"), "{}", summary.detail);
    for f in &f[..MAX_FINDINGS_PER_CODE] {
        let location = f.location.as_deref().unwrap();
        assert!(location.chars().count() <= MAX_LOCATION_CHARS);
        assert!(f.detail.starts_with(location), "{}", f.detail);
    }

    // a repeated member is one claim (the last value wins, as in JSON.parse): one claim-type
    let payload = format!("{{{}}}", vec![r#""exp":"x""#; 500].join(","));
    let r = report(&es256(r#"{"alg":"ES256"}"#, &payload));
    assert_eq!(finding(&r, "claim-type").len(), 1);
    // the cap holds for every code, whichever producer adds the findings
    let mut b = Builder::new();
    for i in 0..25 {
        b.add(FindingCode::ClaimType, "t", format!("d{i}"), "payload.x");
    }
    b.add(FindingCode::Expired, "t", "d".into(), "");
    let all = b.finish();
    assert_eq!(
        all.iter().filter(|f| f.code == "claim-type").count(),
        MAX_FINDINGS_PER_CODE + 1
    );
    assert_eq!(all.last().unwrap().title, "5 more \"claim-type\" findings");
    // the duplicate-key finding quotes each name once, ten at most
    let payload = format!(
        "{{{}}}",
        (0..30)
            .flat_map(|i| [
                format!(r#""d{i}":1"#),
                format!(r#""d{i}":2"#),
                format!(r#""d{i}":3"#)
            ])
            .collect::<Vec<_>>()
            .join(",")
    );
    let r = report(&es256(r#"{"alg":"ES256"}"#, &payload));
    let dup = finding(&r, "duplicate-key");
    let detail = &dup.first().unwrap().detail;
    assert!(detail.contains(r#""d0", "d1", "#), "{detail}");
    assert!(detail.contains("and 20 more names"), "{detail}");
    assert_eq!(detail.matches("\"d0\"").count(), 1, "{detail}");
}
