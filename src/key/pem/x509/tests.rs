//! The certificate walk: real v1 and v3 certificates, then certificates built field by field
//! (every field's tag, DER lengths, truncation, trailing bytes).
use super::*;
use crate::key::pem::{parse, KeyMaterial};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// A v1 certificate (no version field, no extensions), P-256:
/// `openssl req -new -key p256.key -subj "/CN=jwtlens x509 v1" -out v1.csr`, then
/// `openssl x509 -req -in v1.csr -key p256.key -days 36500 -set_serial 1` (OpenSSL 3.0.19).
const V1_P256: &str = "-----BEGIN CERTIFICATE-----
MIIBHjCBxAIBATAKBggqhkjOPQQDAjAaMRgwFgYDVQQDDA9qd3RsZW5zIHg1MDkg
djEwIBcNMjYxMjA3MTEwNjM0WhgPMjEyNjExMTMxMTA2MzRaMBoxGDAWBgNVBAMM
D2p3dGxlbnMgeDUwOSB2MTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABGKDYSO6
7FZfFPuiResxt7lh8icm6ZoIr7IP+smlekoIiPNLN9onNFsvuLhJYIZxO4cXcRAa
fIxwGUFNzbGroNgwCgYIKoZIzj0EAwIDSQAwRgIhAJ+LAluUHtYp9yhFerjEFpUv
KEu6UHkEyg4VRvXKQZrIAiEA84VCqRlaMXhup9gBEiF6Iyo0Awpr4qx5oD6IpCk1
p+U=
-----END CERTIFICATE-----
";
/// Its public key (`openssl x509 -noout -pubkey`).
const V1_P256_SPKI: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYoNhI7rsVl8U+6JF6zG3uWHyJybp\
mgivsg/6yaV6SgiI80s32ic0Wy+4uElghnE7hxdxEBp8jHAZQU3Nsaug2A==";

/// A v3 certificate, Ed25519, with a 21-byte serial (the most accepted), three RDNs and four
/// extensions, two of them critical (an explicit BOOLEAN): `openssl req -x509 -new -key ed.key
/// -subj "/C=NL/O=jwtlens/CN=jwtlens x509 v3" -days 36500 -set_serial
/// 0x00ff112233445566778899aabbccddeeff00112233 -addext "basicConstraints=critical,CA:FALSE"
/// -addext "keyUsage=critical,digitalSignature"`.
const V3_ED25519: &str = "-----BEGIN CERTIFICATE-----
MIIBlzCCAUmgAwIBAgIVAP8RIjNEVWZ3iJmqu8zd7v8AESIzMAUGAytlcDA5MQsw
CQYDVQQGEwJOTDEQMA4GA1UECgwHand0bGVuczEYMBYGA1UEAwwPand0bGVucyB4
NTA5IHYzMCAXDTI2MTIwNzExMDY0MloYDzIxMjYxMTEzMTEwNjQyWjA5MQswCQYD
VQQGEwJOTDEQMA4GA1UECgwHand0bGVuczEYMBYGA1UEAwwPand0bGVucyB4NTA5
IHYzMCowBQYDK2VwAyEAERlbCY5sWJgCJivjytClmXBlh4nrmFYisHux08LS2sqj
YDBeMB0GA1UdDgQWBBRdvSpF9GTPCAfLeBnOFZF9FCDvizAfBgNVHSMEGDAWgBRd
vSpF9GTPCAfLeBnOFZF9FCDvizAMBgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQEAwIH
gDAFBgMrZXADQQBTZ9jnln+r538tOw8U9CyIcchkxQKQUpkbycZb9L/GJulvybUc
Ru5huX/HZ9RieW4EjYxi+VUNaWgkpalN8GQB
-----END CERTIFICATE-----
";
const V3_ED25519_SPKI: &str = "MCowBQYDK2VwAyEAERlbCY5sWJgCJivjytClmXBlh4nrmFYisHux08LS2so=";

fn der_of(pem: &str) -> Vec<u8> {
    crate::key::pem::first_block(pem).unwrap().1
}

#[test]
fn v1_and_v3_certificates_give_their_public_key() {
    for (pem, spki) in [(V1_P256, V1_P256_SPKI), (V3_ED25519, V3_ED25519_SPKI)] {
        let der = der_of(pem);
        assert_eq!(
            subject_public_key_info(&der).unwrap(),
            STANDARD.decode(spki).unwrap()
        );
    }
    assert!(matches!(parse(V1_P256), Ok(KeyMaterial::Ec(_))));
    assert!(matches!(parse(V3_ED25519), Ok(KeyMaterial::Ed25519(_))));
}

/// A refusal is ERR_JWK_INVALID, and says it is the certificate.
#[test]
fn refusals_are_jwk_invalid() {
    let mut der = der_of(V3_ED25519);
    der.push(0);
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        STANDARD.encode(&der)
    );
    let e = parse(&pem).err().unwrap();
    assert_eq!(e.code(), "ERR_JWK_INVALID");
    assert!(
        e.to_string()
            .starts_with("invalid PEM key: X.509 certificate: "),
        "{e}"
    );
}

#[test]
fn truncated_or_followed_by_anything_is_refused() {
    for pem in [V1_P256, V3_ED25519] {
        let der = der_of(pem);
        for len in 0..der.len() {
            assert!(subject_public_key_info(&der[..len]).is_err(), "{len}");
        }
        for tail in [&[0u8][..], &[0, 0], &[0x30, 0], &[0x05, 0x00]] {
            let mut longer = der.clone();
            longer.extend_from_slice(tail);
            assert!(subject_public_key_info(&longer).is_err(), "{tail:?}");
        }
    }
}

// --- certificates built field by field ---------------------------------------------------------

/// One DER element (definite length, minimal form).
pub(super) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: Vec<Vec<u8>>) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

const ECDSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];

/// The fields of a v3 TBSCertificate, in order: version, serial, signature, issuer, validity,
/// subject, subjectPublicKeyInfo.
fn tbs_fields() -> Vec<Vec<u8>> {
    let name = seq(vec![tlv(
        0x31,
        &seq(vec![tlv(0x06, &[0x55, 4, 3]), tlv(0x0c, b"jwtlens")]),
    )]);
    vec![
        tlv(0xa0, &tlv(0x02, &[2])),
        tlv(0x02, &[0x01]),
        seq(vec![tlv(0x06, ECDSA_SHA256)]),
        name.clone(),
        seq(vec![
            tlv(0x17, b"200101000000Z"),
            tlv(0x18, b"21000101000000Z"),
        ]),
        name,
        STANDARD.decode(V1_P256_SPKI).unwrap(),
    ]
}

/// A certificate of these TBSCertificate fields, then signatureAlgorithm and signatureValue.
fn cert(tbs: &[Vec<u8>]) -> Vec<u8> {
    seq(vec![
        seq(tbs.to_vec()),
        seq(vec![tlv(0x06, ECDSA_SHA256)]),
        tlv(0x03, &[0, 1, 2, 3]),
    ])
}

fn with(mut fields: Vec<Vec<u8>>, index: usize, field: Vec<u8>) -> Vec<Vec<u8>> {
    fields[index] = field;
    fields
}

fn plus(mut fields: Vec<Vec<u8>>, more: &[Vec<u8>]) -> Vec<Vec<u8>> {
    fields.extend_from_slice(more);
    fields
}

fn accepted(tbs: &[Vec<u8>]) -> bool {
    let der = cert(tbs);
    match subject_public_key_info(&der) {
        Ok(spki) => {
            assert_eq!(spki, STANDARD.decode(V1_P256_SPKI).unwrap());
            true
        }
        Err(_) => false,
    }
}

#[test]
fn built_certificate_is_accepted() {
    assert!(accepted(&tbs_fields()));
    assert!(accepted(&tbs_fields()[1..]), "v1: no version field");
}

#[test]
fn version_is_v1_v2_or_v3_in_an_explicit_tag() {
    for v in 0..=2 {
        assert!(accepted(&with(
            tbs_fields(),
            0,
            tlv(0xa0, &tlv(0x02, &[v]))
        )));
    }
    for bad in [
        tlv(0xa0, &tlv(0x02, &[3])),
        tlv(0xa0, &tlv(0x02, &[0xff])),
        tlv(0xa0, &tlv(0x02, &[0, 2])),
        tlv(0xa0, &tlv(0x02, &[])),
        tlv(0x80, &tlv(0x02, &[2])),
        tlv(0xa0, &[tlv(0x02, &[2]), tlv(0x02, &[2])].concat()),
        tlv(0xa0, &[]),
        tlv(0xa1, &tlv(0x02, &[2])),
    ] {
        assert!(!accepted(&with(tbs_fields(), 0, bad.clone())), "{bad:02x?}");
    }
}

#[test]
fn serial_is_a_der_integer_of_at_most_21_bytes() {
    for ok in [vec![0], vec![0x80; 21], [vec![0], vec![0xff; 20]].concat()] {
        assert!(
            accepted(&with(tbs_fields(), 1, tlv(0x02, &ok))),
            "{ok:02x?}"
        );
    }
    for bad in [vec![], vec![0x01; 22], vec![0, 1], vec![0xff, 0x80]] {
        assert!(
            !accepted(&with(tbs_fields(), 1, tlv(0x02, &bad))),
            "{bad:02x?}"
        );
    }
}

#[test]
fn every_field_must_have_its_tag() {
    let fields = tbs_fields();
    for (index, field) in fields.iter().enumerate() {
        for tag in [0x02, 0x03, 0x04, 0x05, 0x06, 0x30, 0x31, 0xa0, 0xa3, 0x80] {
            if tag == field[0] {
                continue;
            }
            let mut changed = field.clone();
            changed[0] = tag;
            assert!(
                !accepted(&with(fields.clone(), index, changed)),
                "field {index} tag {tag:02x}"
            );
        }
        let mut missing = fields.clone();
        missing.remove(index);
        assert!(index == 0 || !accepted(&missing), "field {index} missing");
    }
}

#[test]
fn names_are_sequences_of_sets_of_type_and_value() {
    let atv = seq(vec![tlv(0x06, &[0x55, 4, 3]), tlv(0x13, b"x")]);
    for ok in [
        seq(vec![]),
        seq(vec![tlv(0x31, &[])]),
        seq(vec![tlv(0x31, &[atv.clone(), atv.clone()].concat())]),
        seq(vec![tlv(0x31, &atv), tlv(0x31, &atv)]),
    ] {
        assert!(accepted(&with(tbs_fields(), 3, ok.clone())), "{ok:02x?}");
    }
    for bad in [
        seq(vec![atv.clone()]),
        seq(vec![tlv(0x31, &seq(vec![tlv(0x06, &[0x55, 4, 3])]))]),
        seq(vec![tlv(
            0x31,
            &seq(vec![tlv(0x04, &[0x55]), tlv(0x13, b"x")]),
        )]),
        seq(vec![tlv(0x31, &seq(vec![tlv(0x06, &[]), tlv(0x13, b"x")]))]),
        seq(vec![tlv(0x31, &[atv.clone(), vec![0]].concat())]),
    ] {
        assert!(!accepted(&with(tbs_fields(), 5, bad.clone())), "{bad:02x?}");
    }
}

#[test]
fn validity_is_two_times() {
    let time = |tag, text: &[u8]| tlv(tag, text);
    for ok in [
        seq(vec![
            time(0x17, b"491231235959Z"),
            time(0x17, b"700101000000Z"),
        ]),
        seq(vec![
            time(0x18, b"19700101000000Z"),
            time(0x18, b"99991231235959Z"),
        ]),
    ] {
        assert!(accepted(&with(tbs_fields(), 4, ok)));
    }
    for bad in [
        seq(vec![time(0x17, b"200101000000Z")]),
        seq(vec![time(0x17, b"200101000000Z"); 3]),
        seq(vec![
            time(0x17, b"200101000000Z"),
            time(0x16, b"200101000000Z"),
        ]),
        seq(vec![
            time(0x17, b"200101000000Z"),
            time(0x17, b"20010100000Z"),
        ]),
        seq(vec![
            time(0x17, b"200101000000Z"),
            time(0x18, b"200101000000Z"),
        ]),
        seq(vec![
            time(0x17, b"600101000000Z"),
            time(0x17, b"200101000000Z"),
        ]),
    ] {
        assert!(!accepted(&with(tbs_fields(), 4, bad.clone())), "{bad:02x?}");
    }
}

#[test]
fn unique_ids_then_extensions_in_order() {
    let issuer_uid = tlv(0x81, &[0, 0xaa]);
    let subject_uid = tlv(0x82, &[0, 0xbb]);
    let ext = seq;
    let oid = tlv(0x06, &[0x55, 0x1d, 0x13]);
    let value = tlv(0x04, &[0x30, 0x00]);
    let critical = tlv(0x01, &[0xff]);
    let exts = |list: Vec<Vec<u8>>| tlv(0xa3, &seq(list));
    let good_ext = ext(vec![oid.clone(), critical.clone(), value.clone()]);
    for more in [
        vec![issuer_uid.clone()],
        vec![subject_uid.clone()],
        vec![issuer_uid.clone(), subject_uid.clone()],
        vec![
            issuer_uid.clone(),
            subject_uid.clone(),
            exts(vec![good_ext.clone()]),
        ],
        vec![exts(vec![])],
        vec![exts(vec![
            ext(vec![oid.clone(), value.clone()]),
            good_ext.clone(),
        ])],
        vec![exts(vec![ext(vec![
            oid.clone(),
            tlv(0x01, &[0]),
            value.clone(),
        ])])],
    ] {
        assert!(accepted(&plus(tbs_fields(), &more)), "{more:02x?}");
    }
    for more in [
        vec![subject_uid.clone(), issuer_uid.clone()],
        vec![exts(vec![good_ext.clone()]), issuer_uid.clone()],
        vec![issuer_uid.clone(), issuer_uid.clone()],
        vec![exts(vec![good_ext.clone()]), exts(vec![good_ext.clone()])],
        vec![tlv(0xa1, &[0, 0xaa])],
        vec![tlv(0x81, &[])],
        vec![tlv(0x81, &[8, 0xaa])],
        vec![tlv(0x83, &seq(vec![good_ext.clone()]))],
        vec![tlv(0xa4, &seq(vec![good_ext.clone()]))],
        vec![tlv(
            0xa3,
            &[seq(vec![good_ext.clone()]), vec![0x05, 0x00]].concat(),
        )],
        vec![tlv(0xa3, &tlv(0x31, &good_ext))],
        vec![exts(vec![ext(vec![oid.clone()])])],
        vec![exts(vec![ext(vec![oid.clone(), critical.clone()])])],
        vec![exts(vec![ext(vec![
            oid.clone(),
            critical.clone(),
            critical.clone(),
            value.clone(),
        ])])],
        vec![exts(vec![ext(vec![
            oid.clone(),
            tlv(0x01, &[1]),
            value.clone(),
        ])])],
        vec![exts(vec![ext(vec![
            oid.clone(),
            value.clone(),
            value.clone(),
        ])])],
        vec![exts(vec![ext(vec![value.clone(), oid.clone()])])],
        vec![exts(vec![value.clone()])],
        vec![vec![0x05, 0x00]],
    ] {
        assert!(!accepted(&plus(tbs_fields(), &more)), "{more:02x?}");
    }
}

#[test]
fn outer_structure_and_der_lengths() {
    let tbs = seq(tbs_fields());
    let alg = seq(vec![tlv(0x06, ECDSA_SHA256)]);
    let sig = tlv(0x03, &[0, 1, 2, 3]);
    assert!(subject_public_key_info(&seq(vec![tbs.clone(), alg.clone(), sig.clone()])).is_ok());
    for bad in [
        tlv(0x31, &[tbs.clone(), alg.clone(), sig.clone()].concat()),
        tlv(0xa0, &[tbs.clone(), alg.clone(), sig.clone()].concat()),
        seq(vec![tbs.clone(), alg.clone()]),
        seq(vec![tbs.clone(), sig.clone()]),
        seq(vec![tbs.clone(), alg.clone(), tlv(0x04, &[0, 1, 2, 3])]),
        seq(vec![tbs.clone(), alg.clone(), sig.clone(), sig.clone()]),
        seq(vec![tlv(0x31, &tbs[2..]), alg.clone(), sig.clone()]),
        seq(vec![alg.clone(), tbs.clone(), sig.clone()]),
    ] {
        assert!(subject_public_key_info(&bad).is_err(), "{bad:02x?}");
    }
    // the outer length in a longer form than needed, or indefinite: not DER
    let good = seq(vec![tbs, alg, sig]);
    let length_bytes = usize::from(good[1] & 0x7f);
    assert!(good[1] & 0x80 != 0 && length_bytes >= 1);
    let body = &good[2 + length_bytes..];
    let mut padded = vec![0x30, good[1] + 1, 0x00];
    padded.extend_from_slice(&good[2..]);
    assert!(subject_public_key_info(&padded).is_err());
    let mut indefinite = vec![0x30, 0x80];
    indefinite.extend_from_slice(body);
    indefinite.extend_from_slice(&[0, 0]);
    assert!(subject_public_key_info(&indefinite).is_err());
}
