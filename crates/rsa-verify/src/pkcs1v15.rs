//! EMSA-PKCS1-v1_5 (RFC 8017 §9.2) and the comparison of RSASSA-PKCS1-V1_5-VERIFY (§8.2.2
//! step 4): the expected encoding is built and compared with the whole of EM, so no ASN.1 is
//! parsed and no alternative encoding (missing NULL, BER lengths, trailing bytes) can pass.

use crate::Hash;
use alloc::vec::Vec;

/// The DER of `DigestInfo` without the digest, RFC 8017 §9.2 note 1.
pub(crate) const fn digest_info(hash: Hash) -> &'static [u8] {
    match hash {
        Hash::Sha256 => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ],
        Hash::Sha384 => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x02, 0x05, 0x00, 0x04, 0x30,
        ],
        Hash::Sha512 => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x03, 0x05, 0x00, 0x04, 0x40,
        ],
    }
}

/// §8.2.2 steps 3 and 4, given `em` = I2OSP(RSAVP1(s), k): whether `em` is exactly
/// `0x00 0x01 PS 0x00 T` with `T = prefix || m_hash` and PS at least 8 bytes of 0xFF.
pub(crate) fn verify(em: &[u8], prefix: &[u8], m_hash: &[u8]) -> bool {
    let t_len = prefix.len() + m_hash.len();
    // §9.2 step 3: emLen < tLen + 11 is "intended encoded message length too short".
    let Some(ps_len) = em.len().checked_sub(t_len + 3) else {
        return false;
    };
    if ps_len < 8 {
        return false;
    }
    let mut expected = Vec::with_capacity(em.len());
    expected.extend_from_slice(&[0x00, 0x01]);
    expected.resize(2 + ps_len, 0xff);
    expected.push(0x00);
    expected.extend_from_slice(prefix);
    expected.extend_from_slice(m_hash);
    expected == em
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use sha2::digest::const_oid::{AssociatedOid, ObjectIdentifier};
    use sha2::{Digest, Sha256, Sha384, Sha512};

    /// DigestInfo ::= SEQUENCE { SEQUENCE { OID, NULL }, OCTET STRING }, built from the OID.
    fn der_prefix(oid: ObjectIdentifier, h_len: usize) -> Vec<u8> {
        let oid = oid.as_bytes();
        let alg_len = 2 + oid.len() + 2;
        let mut v = vec![0x30, (2 + alg_len + 2 + h_len) as u8, 0x30, alg_len as u8];
        v.extend_from_slice(&[0x06, oid.len() as u8]);
        v.extend_from_slice(oid);
        v.extend_from_slice(&[0x05, 0x00, 0x04, h_len as u8]);
        v
    }

    #[test]
    fn prefixes_match_the_oids() {
        assert_eq!(digest_info(Hash::Sha256), der_prefix(Sha256::OID, 32));
        assert_eq!(digest_info(Hash::Sha384), der_prefix(Sha384::OID, 48));
        assert_eq!(digest_info(Hash::Sha512), der_prefix(Sha512::OID, 64));
        for h in [Hash::Sha256, Hash::Sha384, Hash::Sha512] {
            assert_eq!(digest_info(h).len(), 19);
        }
        assert_eq!(Sha256::output_size(), Hash::Sha256.output_len());
        assert_eq!(Sha384::output_size(), Hash::Sha384.output_len());
        assert_eq!(Sha512::output_size(), Hash::Sha512.output_len());
    }

    #[test]
    fn padding_bounds() {
        let prefix = digest_info(Hash::Sha256);
        let h = [0xabu8; 32];
        let em = |ps: usize| {
            let mut v = vec![0, 1];
            v.extend(core::iter::repeat_n(0xff, ps));
            v.push(0);
            v.extend_from_slice(prefix);
            v.extend_from_slice(&h);
            v
        };
        assert!(verify(&em(8), prefix, &h));
        assert!(verify(&em(200), prefix, &h));
        assert!(!verify(&em(7), prefix, &h), "PS shorter than 8 bytes");
        assert!(!verify(&em(0), prefix, &h));
        assert!(!verify(&[], prefix, &h));
        let mut bad = em(10);
        bad[5] = 0xfe;
        assert!(!verify(&bad, prefix, &h));
        let mut bad = em(10);
        bad[0] = 1;
        assert!(!verify(&bad, prefix, &h));
        let mut bad = em(10);
        bad[1] = 2;
        assert!(!verify(&bad, prefix, &h));
        let mut bad = em(10);
        bad[12] = 1;
        assert!(!verify(&bad, prefix, &h), "separator");
    }
}
