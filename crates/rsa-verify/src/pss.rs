//! EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with MGF1 (§B.2.1) over the message hash and a salt as long
//! as the hash, as JWS PS256/384/512 require (RFC 7518 §3.5).

use sha2::Digest;

/// RSASSA-PSS-VERIFY (§8.1.2) from step 2c on, given `m` = I2OSP(RSAVP1(s), k) and
/// modBits: EM is `m` as emLen = ⌈(modBits − 1)/8⌉ bytes, then EMSA-PSS-VERIFY with
/// emBits = modBits − 1.
pub(crate) fn verify<D: Digest>(m: &[u8], mod_bits: usize, m_hash: &[u8]) -> bool {
    let Some(em_bits) = mod_bits.checked_sub(1) else {
        return false;
    };
    let em_len = em_bits.div_ceil(8);
    // Step 2c: I2OSP(m, emLen). emLen is k − 1 when modBits ≡ 1 (mod 8); then the top byte of
    // the k-byte m must be zero, or I2OSP outputs "integer too large" and the signature is
    // invalid. (It cannot be dropped: m ≥ 256^emLen is not an encoding of emBits bits.)
    let Some((lead, em)) = m
        .len()
        .checked_sub(em_len)
        .and_then(|l| m.split_at_checked(l))
    else {
        return false;
    };
    if lead.iter().any(|&b| b != 0) {
        return false;
    }
    emsa_pss_verify::<D>(m_hash, em, em_bits, m_hash.len())
}

/// EMSA-PSS-VERIFY(M, EM, emBits) from step 3 on, with mHash = Hash(M) already computed (steps
/// 1 and 2) and `em.len()` = ⌈emBits/8⌉. Every "inconsistent" is `false`.
fn emsa_pss_verify<D: Digest>(m_hash: &[u8], em: &[u8], em_bits: usize, s_len: usize) -> bool {
    let h_len = <D as Digest>::output_size();
    let em_len = em.len();
    if m_hash.len() != h_len || em_len != em_bits.div_ceil(8) {
        return false;
    }
    // 3. emLen < hLen + sLen + 2.
    if em_len < h_len + s_len + 2 {
        return false;
    }
    // 4. The rightmost octet of EM must be 0xbc.
    let Some((&0xbc, rest)) = em.split_last() else {
        return false;
    };
    // 5. maskedDB = the leftmost emLen − hLen − 1 octets, H = the next hLen.
    let Some((masked_db, h)) = rest.split_at_checked(em_len - h_len - 1) else {
        return false;
    };
    // 6. The leftmost 8·emLen − emBits bits of maskedDB must be zero.
    let unused_bits = 8 * em_len - em_bits; // 0..=7
    let low_mask = 0xffu8 >> unused_bits;
    let Some(&first) = masked_db.first() else {
        return false;
    };
    if first & !low_mask != 0 {
        return false;
    }
    // 7. and 8. DB = maskedDB xor MGF1(H, emLen − hLen − 1).
    let mut db = masked_db.to_vec();
    if !mgf1_xor::<D>(&mut db, h) {
        return false;
    }
    // 9. Set the leftmost 8·emLen − emBits bits of DB to zero.
    if let Some(b) = db.first_mut() {
        *b &= low_mask;
    }
    // 10. The leftmost emLen − hLen − sLen − 2 octets of DB must be zero and the next 0x01.
    let ps_len = em_len - h_len - s_len - 2;
    let Some((ps, rest)) = db.split_at_checked(ps_len) else {
        return false;
    };
    if ps.iter().any(|&b| b != 0) {
        return false;
    }
    // 11. salt = the last sLen octets of DB (what follows the 0x01).
    let Some((&0x01, salt)) = rest.split_first() else {
        return false;
    };
    if salt.len() != s_len {
        return false;
    }
    // 12. and 13. H' = Hash(0x00 × 8 || mHash || salt).
    let h2 = D::new()
        .chain_update([0u8; 8])
        .chain_update(m_hash)
        .chain_update(salt)
        .finalize();
    // 14. H = H'.
    h2.as_slice() == h
}

/// XORs `MGF1(seed, out.len())` with `D` into `out` (RFC 8017 §B.2.1). `false` if the mask would
/// need more than 2^32 blocks ("mask too long"; unreachable under the modulus bound).
fn mgf1_xor<D: Digest>(out: &mut [u8], seed: &[u8]) -> bool {
    let h_len = <D as Digest>::output_size();
    for (counter, chunk) in out.chunks_mut(h_len).enumerate() {
        let Ok(counter) = u32::try_from(counter) else {
            return false;
        };
        let t = D::new()
            .chain_update(seed)
            .chain_update(counter.to_be_bytes())
            .finalize();
        for (o, m) in chunk.iter_mut().zip(t.iter()) {
            *o ^= m;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use sha2::{Sha256, Sha512};

    /// EMSA-PSS-ENCODE (§9.1.1) with a given salt, for the tests only.
    fn encode<D: Digest>(m_hash: &[u8], salt: &[u8], em_bits: usize) -> Vec<u8> {
        let h_len = <D as Digest>::output_size();
        let em_len = em_bits.div_ceil(8);
        let h = D::new()
            .chain_update([0u8; 8])
            .chain_update(m_hash)
            .chain_update(salt)
            .finalize();
        let mut db = alloc::vec![0u8; em_len - salt.len() - h_len - 2];
        db.push(1);
        db.extend_from_slice(salt);
        assert!(mgf1_xor::<D>(&mut db, &h));
        db[0] &= 0xff >> (8 * em_len - em_bits);
        db.extend_from_slice(&h);
        db.push(0xbc);
        db
    }

    #[test]
    fn every_step() {
        let m_hash = Sha256::digest(b"message");
        let salt = [7u8; 32];
        for em_bits in [2047usize, 2048, 2049, 2050, 2054, 2055] {
            let em = encode::<Sha256>(&m_hash, &salt, em_bits);
            assert!(
                emsa_pss_verify::<Sha256>(&m_hash, &em, em_bits, 32),
                "{em_bits}"
            );
            // 3. no room.
            assert!(!emsa_pss_verify::<Sha256>(&m_hash, &em[..65], 519, 32));
            // 4. trailer.
            let mut bad = em.clone();
            *bad.last_mut().unwrap() = 0xbd;
            assert!(!emsa_pss_verify::<Sha256>(&m_hash, &bad, em_bits, 32));
            // 6. unused top bits set (only when there are any).
            let unused = 8 * em.len() - em_bits;
            if unused > 0 {
                let mut bad = em.clone();
                bad[0] |= 0x80;
                assert!(!emsa_pss_verify::<Sha256>(&m_hash, &bad, em_bits, 32));
            }
            // 10., 11.: a salt of another length, correctly hashed.
            for other in [0usize, 20, 31, 33, 64] {
                let em = encode::<Sha256>(&m_hash, &alloc::vec![9u8; other], em_bits);
                assert!(
                    !emsa_pss_verify::<Sha256>(&m_hash, &em, em_bits, 32),
                    "{other}"
                );
                assert!(emsa_pss_verify::<Sha256>(&m_hash, &em, em_bits, other));
            }
            // 14. another hash.
            let other = Sha256::digest(b"messagf");
            assert!(!emsa_pss_verify::<Sha256>(&other, &em, em_bits, 32));
        }
    }

    #[test]
    fn leading_byte_of_k_minus_1_encodings() {
        // modBits = 2049: k = 257, emBits = 2048, emLen = 256.
        let m_hash = Sha512::digest(b"x");
        let em = encode::<Sha512>(&m_hash, &[1u8; 64], 2048);
        let mut m = alloc::vec![0u8];
        m.extend_from_slice(&em);
        assert!(verify::<Sha512>(&m, 2049, &m_hash));
        m[0] = 1;
        assert!(!verify::<Sha512>(&m, 2049, &m_hash), "m >= 256^emLen");
        // modBits = 2048: emLen = k = 256, one unused bit.
        let em = encode::<Sha512>(&m_hash, &[1u8; 64], 2047);
        assert!(verify::<Sha512>(&em, 2048, &m_hash));
        assert!(!verify::<Sha512>(&em[1..], 2048, &m_hash));
        assert!(!verify::<Sha512>(&em, 0, &m_hash));
        assert!(!verify::<Sha512>(&em, 1, &m_hash));
    }
}
