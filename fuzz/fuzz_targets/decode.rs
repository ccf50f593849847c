//! decode(): split, strict base64url, bounded JSON, with the default and a small size limit; and
//! the JS layer's trimming of a huge paste window by window, which must trim to the same token.
#![no_main]
use jwtlens::internals::{reduce_in_windows, trim_pasted};
use jwtlens_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = text(data);
    match jwtlens::decode(&s) {
        Ok(d) => {
            // What decode accepts is exactly the three segments of the trimmed input.
            assert_eq!(d.segments.join("."), trim_pasted(&s));
            assert_eq!(d.signature, d.segments[2]);
            assert!(d.header.as_object().is_some() && d.payload.as_object().is_some());
            // The JSON texts handed to JavaScript parse again to the same values.
            assert_eq!(jwtlens::internals::json::parse(&d.header_json).ok(), Some(d.header));
            assert_eq!(jwtlens::internals::json::parse(&d.payload_json).ok(), Some(d.payload));
        }
        Err(e) => assert_eq!(e.code(), "ERR_JWT_INVALID", "{e}"),
    }
    let units: Vec<u16> = s.encode_utf16().collect();
    let window = 8 + usize::from(data.first().copied().unwrap_or(0) % 57);
    assert_eq!(trim_pasted(&reduce_in_windows(&units, window)), trim_pasted(&s));
    if let Err(e) = jwtlens::decode_with_limit(&s, 64) {
        assert_eq!(e.code(), "ERR_JWT_INVALID");
    } else {
        assert!(trim_pasted(&s).len() <= 64);
    }
});
