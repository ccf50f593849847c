//! The bounded JSON parser: strict, duplicate members refused or reported, the compact writer
//! round-trips, and the two option readers the JS layer feeds never panic.
#![no_main]
use jwtlens::internals::json::{self, Duplicates, ParseErrorKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let strict = json::parse_bytes(data, Duplicates::Reject);
    let lenient = json::parse_bytes(data, Duplicates::Report);
    match (&strict, &lenient) {
        (Ok(s), Ok(l)) => {
            assert!(l.duplicates.is_empty());
            assert_eq!(s.value, l.value);
            let text = s.value.to_json();
            match json::parse(&text) {
                Ok(again) => assert_eq!(again, s.value, "{text}"),
                Err(e) => panic!("to_json wrote text that does not parse: {e}\n{text}"),
            }
        }
        (Err(e), Ok(l)) => {
            // Only a duplicate member separates the two modes.
            assert!(matches!(e.kind, ParseErrorKind::DuplicateMember(_)), "{e}");
            assert!(!l.duplicates.is_empty());
            let _ = l.value.to_json();
        }
        (Ok(_), Err(e)) => panic!("Report mode refused what Reject mode accepted: {e}"),
        (Err(a), Err(b)) => {
            let _ = (a.to_string(), b.to_string());
        }
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = jwtlens::internals::validation_options(s);
        let _ = jwtlens::internals::sign_options(s);
    }
});
