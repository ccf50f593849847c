//! Strict base64url: check() and decode() agree, and whatever decodes is canonical.
#![no_main]
use jwtlens::internals::base64url;
use jwtlens_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = text(data);
    let checked = base64url::check(&s);
    match base64url::decode(&s) {
        Ok(bytes) => {
            assert!(checked.is_ok());
            assert_eq!(base64url::encode(&bytes), s);
        }
        Err(e) => {
            assert_eq!(checked, Err(e));
            let _ = e.to_string();
        }
    }
    // Encoding any bytes gives text that decodes back to them.
    let enc = base64url::encode(data);
    assert_eq!(base64url::decode(&enc).as_deref(), Ok(data));
});
