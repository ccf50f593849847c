//! Tokens with a valid signature over arbitrary header and payload bytes, so that the header
//! rules and every claim check run (a random token never gets past the signature).
//!
//! Input: byte 0 picks the algorithm (when the header does not name a known one) and the mode,
//! byte 1 the verification options, then `header NUL payload` (no NUL: a default header).
//! Mode bit 0x80 signs through `jwtlens::sign` (header members and payload from the input) and
//! then requires the token to verify.
#![no_main]
use jwtlens::internals::json::{self, Value};
use jwtlens::internals::sign_raw;
use jwtlens::IssuedAt;
use jwtlens::{internals::base64url, verify_at, verify_jws, Algorithm, SignOptions, Validation};
use jwtlens_fuzz::{key_for, keys, split_first, NOW};
use libfuzzer_sys::fuzz_target;

fn options(alg: Algorithm, flags: u8) -> Validation {
    let mut v = Validation::new(&[alg]);
    if flags & 0x01 != 0 {
        v.required_claims.clear();
    }
    if flags & 0x02 != 0 {
        v.issuer = vec!["joe".into(), "https://issuer.example".into()];
    }
    if flags & 0x04 != 0 {
        v.audience = vec!["a".into(), "api".into()];
    }
    if flags & 0x08 != 0 {
        v.subject = Some("user-42".into());
        v.typ = Some("at+jwt".into());
    }
    if flags & 0x10 != 0 {
        v.clock_tolerance = 30.5;
    }
    if flags & 0x20 != 0 {
        v.max_token_age = Some(3600.0);
    }
    if flags & 0x40 != 0 {
        v.crit = vec!["exp-ext".into(), "http://example.com/x".into()];
    }
    if flags & 0x80 != 0 {
        v.required_claims = vec!["exp".into(), "iat".into(), "nbf".into(), "jti".into()];
    }
    v
}

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = split_first(data);
    let (flags, rest) = split_first(rest);
    let fallback = jwtlens::internals::ALL_ALGORITHMS[usize::from(sel & 0x0f) % jwtlens::internals::ALL_ALGORITHMS.len()];
    let (header_bytes, payload_bytes): (Vec<u8>, &[u8]) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (rest[..i].to_vec(), &rest[i + 1..]),
        None => (
            format!(r#"{{"alg":"{}"}}"#, fallback.name()).into_bytes(),
            rest,
        ),
    };
    let header = json::parse_bytes(&header_bytes, json::Duplicates::Report).ok();
    let named = header
        .as_ref()
        .and_then(|h| h.value.get("alg"))
        .and_then(Value::as_str)
        .and_then(Algorithm::from_name);
    let alg = named.unwrap_or(fallback);
    let fixed = key_for(alg);

    if sel & 0x80 != 0 {
        // Through the public signer: whatever it signs must verify.
        let Some(Ok(payload)) = std::str::from_utf8(payload_bytes).ok().map(json::parse) else {
            return;
        };
        let members = match header.map(|h| h.value) {
            Some(Value::Object(m)) => m,
            _ => Vec::new(),
        };
        let opts = SignOptions {
            alg,
            header: members,
            expires_in: (flags & 0x01 != 0).then_some(600.0),
            not_before: (flags & 0x02 != 0).then_some(-5.0),
            issued_at: match flags & 0x0c {
                0 => IssuedAt::Default,
                4 => IssuedAt::No,
                8 => IssuedAt::Now,
                _ => IssuedAt::At(f64::from(flags) * 1e7),
            },
            allow_short_secrets: true,
        };
        if let Ok(token) = jwtlens::sign(&payload, &fixed.key, &opts, NOW) {
            let mut v = Validation::new(&[alg]);
            v.required_claims.clear();
            v.allow_short_secrets = true;
            if let Err(e) = verify_jws(&token, &fixed.key, &v) {
                panic!("sign() made a token that verify_jws refuses: {e}\n{token}");
            }
            let d = jwtlens::decode(&token).expect("a signed token decodes");
            assert_eq!(d.payload.get("sub"), payload.get("sub"));
        }
        return;
    }

    let signing_input = format!(
        "{}.{}",
        base64url::encode(&header_bytes),
        base64url::encode(payload_bytes)
    );
    let sig = match sign_raw(alg, &fixed.key, signing_input.as_bytes(), true) {
        Ok(s) => s,
        Err(e) => panic!(
            "the fixed {} key cannot sign {}: {e}",
            fixed.name,
            alg.name()
        ),
    };
    let token = format!("{signing_input}.{}", base64url::encode(&sig));
    let mut v = options(alg, flags);
    v.allow_short_secrets = true;
    let jws = verify_jws(&token, &fixed.key, &v);
    if let Err(e) = &jws {
        // Signed correctly with the key for the header's own alg: the signature is never the problem.
        if named.is_some() {
            assert_ne!(
                e.code(),
                "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
                "{} token signed with the {} key did not verify",
                alg.name(),
                fixed.name
            );
        }
    }
    match verify_at(&token, &fixed.key, &v, NOW) {
        Ok(r) => {
            assert!(jws.is_ok());
            assert_eq!(r.payload_json.as_bytes(), payload_bytes);
            assert_eq!(r.header_json.as_bytes(), &header_bytes[..]);
        }
        Err(e) => {
            let _ = e.code();
            let _ = e.claim();
        }
    }
    // The same token through key-set selection (kid, kty, crv).
    let set = if alg.family() == jwtlens::Family::Hmac {
        &keys().jwks_oct
    } else {
        &keys().jwks
    };
    let _ = verify_at(&token, set, &v, NOW);
});
