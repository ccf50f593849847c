//! inspect(): never panics, and its report is always valid JSON. Byte 0 picks the options.
#![no_main]
use jwtlens::{inspect, InspectOptions};
use jwtlens_fuzz::{split_first, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = split_first(data);
    let s = text(rest);
    let options = InspectOptions {
        now: match sel & 0x03 {
            0 => 1_700_000_000.0,
            1 => 0.0,
            2 => 1e300,
            _ => -1.5e9,
        },
        secret: match sel & 0x0c {
            0 => None,
            4 => Some(b"secret".to_vec()),
            8 => Some(vec![0x5a; 64]),
            _ => Some(Vec::new()),
        },
    };
    let report = inspect(&s, &options);
    let json = report.to_json();
    if let Err(e) = jwtlens::internals::json::parse(&json) {
        panic!("inspect report is not JSON: {e}\n{json}");
    }
    assert!(!report.kind.is_empty());
});
