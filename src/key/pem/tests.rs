//! PEM and DER parsing: layout tolerance, errors, Ed25519, and the public point read or computed.
use super::*;

#[test]
fn block_extraction_is_tolerant_of_layout() {
    let (label, der) = first_block(
        "junk\r\n-----BEGIN PUBLIC KEY-----\r\n  AAEC\r\nAwQ=\r\n-----END PUBLIC KEY-----\r\n",
    )
    .unwrap();
    assert_eq!(label, "PUBLIC KEY");
    assert_eq!(der, vec![0, 1, 2, 3, 4]);
}

#[test]
fn block_errors() {
    for bad in [
        "-----BEGIN PUBLIC KEY-----\nAAEC\n",
        "-----BEGIN PUBLIC KEY-----\nAA!C\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PRIVATE KEY-----",
    ] {
        assert_eq!(
            first_block(bad).unwrap_err().code(),
            "ERR_JWK_INVALID",
            "{bad}"
        );
    }
    let big = format!(
        "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----",
        "A".repeat(MAX_PEM_BYTES)
    );
    assert_eq!(first_block(&big).unwrap_err().code(), "ERR_JWK_INVALID");
}

#[test]
fn unknown_label_and_garbage_der() {
    assert_eq!(
        parse("-----BEGIN FOO-----\nAAEC\n-----END FOO-----")
            .err()
            .map(|e| e.code()),
        Some("ERR_JWK_INVALID")
    );
    assert_eq!(
        parse("-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----")
            .err()
            .map(|e| e.code()),
        Some("ERR_JWK_INVALID")
    );
}

#[test]
fn ed25519_spki() {
    // RFC 8410 §10.1 example public key
    let pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
    assert!(matches!(parse(pem), Ok(KeyMaterial::Ed25519(_))));
    // RFC 8410 §10.3 private key
    let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
    #[cfg(not(feature = "sign"))]
    {
        // a verifier does not compute the public key from the private one
        let e = parse(pem).err().unwrap();
        assert_eq!(e.code(), "ERR_JWK_INVALID");
        assert!(e.to_string().contains("pass the public key"), "{e}");
    }
    #[cfg(feature = "sign")]
    assert!(matches!(
        parse(pem),
        Ok(KeyMaterial::Ed25519(EdKey {
            private: Some(_),
            ..
        }))
    ));
}

/// Issue 17: a SEC1 key without its public point is refused by a verifying build (the point
/// would be computed from the secret scalar); with the point written in it, it verifies.
#[test]
fn sec1_public_point_is_read_not_computed() {
    let scalar = [0x11u8; 32];
    let der = |point: Option<&[u8]>| {
        let mut body = vec![0x02, 0x01, 0x01, 0x04, 0x20];
        body.extend_from_slice(&scalar);
        body.extend_from_slice(&[
            0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
        ]);
        if let Some(p) = point {
            body.extend_from_slice(&[0xa1, 0x44, 0x03, 0x42, 0x00]);
            body.extend_from_slice(p);
        }
        let mut out = vec![0x30, u8::try_from(body.len()).unwrap()];
        out.extend(body);
        format!(
            "-----BEGIN EC PRIVATE KEY-----\n{}\n-----END EC PRIVATE KEY-----\n",
            STANDARD.encode(out)
        )
    };
    let point = p256::ecdsa::SigningKey::from_slice(&scalar)
        .unwrap()
        .verifying_key()
        .to_sec1_point(false);
    assert!(matches!(
        parse(&der(Some(point.as_bytes()))),
        Ok(KeyMaterial::Ec(_))
    ));
    // another key's point: the signing build, which computes the point, refuses the file
    // (the verifying build cannot tell, and reads the written point)
    let other = p256::ecdsa::SigningKey::from_slice(&[0x22u8; 32])
        .unwrap()
        .verifying_key()
        .to_sec1_point(false);
    let mixed = parse(&der(Some(other.as_bytes())));
    #[cfg(feature = "sign")]
    assert_eq!(mixed.err().map(|e| e.code()), Some("ERR_JWK_INVALID"));
    #[cfg(not(feature = "sign"))]
    assert!(mixed.is_ok());
    let without = parse(&der(None));
    #[cfg(feature = "sign")]
    assert!(matches!(without, Ok(KeyMaterial::Ec(_))));
    #[cfg(not(feature = "sign"))]
    {
        let e = without.err().unwrap();
        assert_eq!(e.code(), "ERR_JWK_INVALID");
        assert!(e.to_string().contains("pass the public key"), "{e}");
    }
}
