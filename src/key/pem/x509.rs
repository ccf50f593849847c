//! The SubjectPublicKeyInfo inside an X.509 certificate (RFC 5280 §4.1), found by a DER walk.
//!
//! jwtlens takes a certificate only as a container for its public key: nothing in it is checked
//! against anything (no signature, validity or extension is evaluated). The walk still refuses
//! what is not a certificate, with the structure and DER rules `x509-cert` enforced before
//! (issue 19 replaced that crate, which decoded every field into owned types):
//!
//! ```text
//! Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier,
//!                            signatureValue BIT STRING }                 -- and nothing after it
//! TBSCertificate ::= SEQUENCE {
//!     version [0] EXPLICIT INTEGER { v1(0), v2(1), v3(2) } DEFAULT v1,
//!     serialNumber INTEGER (at most 21 bytes), signature AlgorithmIdentifier,
//!     issuer Name, validity SEQUENCE { Time, Time }, subject Name,
//!     subjectPublicKeyInfo SEQUENCE,                                     -- returned, whole
//!     issuerUniqueID [1] IMPLICIT BIT STRING OPTIONAL, subjectUniqueID [2] IMPLICIT BIT STRING
//!     OPTIONAL, extensions [3] EXPLICIT SEQUENCE OF Extension OPTIONAL }
//! Name ::= SEQUENCE OF SET OF SEQUENCE { type OBJECT IDENTIFIER, value ANY }
//! Time ::= UTCTime | GeneralizedTime
//! Extension ::= SEQUENCE { OBJECT IDENTIFIER, critical BOOLEAN OPTIONAL, OCTET STRING }
//! ```
//!
//! Every length is DER (definite, minimal), every element is read to its end, and a Time must be
//! a real date and time (`date_time`). `x509-cert` checked no more than this: it sorted a SET's
//! members without refusing an unsorted SET or a repeated member, and kept the values as `ANY`.

use der::asn1::{BitStringRef, ContextSpecific, IntRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Header, Reader, SliceReader, Tag, TagNumber};
use spki::AlgorithmIdentifierRef;

/// Largest serial number accepted, in bytes (RFC 5280 says 20 octets; 21 allows a leading zero).
const MAX_SERIAL_BYTES: usize = 21;

/// The DER of the certificate's SubjectPublicKeyInfo (tag and length included).
pub(super) fn subject_public_key_info(der: &[u8]) -> der::Result<&[u8]> {
    let mut r = SliceReader::new(der)?;
    let spki = r.sequence(|cert| {
        let spki = cert.sequence(tbs_certificate)?;
        AlgorithmIdentifierRef::decode(cert)?;
        BitStringRef::decode(cert)?;
        Ok::<_, der::Error>(spki)
    })?;
    r.finish()?;
    Ok(spki)
}

/// TBSCertificate: every field read in order; the SubjectPublicKeyInfo's DER returned.
fn tbs_certificate<'a>(r: &mut SliceReader<'a>) -> der::Result<&'a [u8]> {
    if let Some(version) = ContextSpecific::<u8>::decode_explicit(r, TagNumber(0))? {
        if version.value > 2 {
            return Err(r.error(Tag::Integer.value_error()));
        }
    }
    if IntRef::decode(r)?.as_bytes().len() > MAX_SERIAL_BYTES {
        return Err(r.error(Tag::Integer.value_error()));
    }
    AlgorithmIdentifierRef::decode(r)?;
    name(r)?;
    r.sequence(|validity| {
        time(validity)?;
        time(validity)
    })?;
    name(r)?;
    Header::peek(r)?.tag().assert_eq(Tag::Sequence)?;
    let spki = r.tlv_bytes()?;
    ContextSpecific::<BitStringRef<'a>>::decode_implicit(r, TagNumber(1))?;
    ContextSpecific::<BitStringRef<'a>>::decode_implicit(r, TagNumber(2))?;
    if !r.is_finished() && Tag::peek(r)? == EXTENSIONS {
        let header = Header::decode(r)?;
        r.read_nested(header.length(), |r| r.sequence(extensions))?;
    }
    Ok(spki)
}

/// `[3] EXPLICIT`: the extensions' tag.
const EXTENSIONS: Tag = Tag::ContextSpecific {
    constructed: true,
    number: TagNumber(3),
};

/// Name ::= SEQUENCE OF RelativeDistinguishedName (SET OF AttributeTypeAndValue).
fn name(r: &mut SliceReader<'_>) -> der::Result<()> {
    r.sequence(|rdns| {
        while !rdns.is_finished() {
            let header = Header::decode(rdns)?;
            header.tag().assert_eq(Tag::Set)?;
            rdns.read_nested(header.length(), |set| {
                while !set.is_finished() {
                    set.sequence(|atv| {
                        <ObjectIdentifier>::decode(atv)?;
                        atv.tlv_bytes().map(|_| ())
                    })?;
                }
                Ok::<(), der::Error>(())
            })?;
        }
        Ok(())
    })
}

/// Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }.
fn time(r: &mut SliceReader<'_>) -> der::Result<()> {
    let header = Header::decode(r)?;
    let tag = header.tag();
    let text = r.read_slice(header.length())?;
    let year_digits = match tag {
        Tag::UtcTime => 2,
        Tag::GeneralizedTime => 4,
        _ => return Err(r.error(tag.unexpected_error(None))),
    };
    date_time(text, year_digits).ok_or_else(|| r.error(tag.value_error()))
}

/// A time as RFC 5280 §4.1.2.5 writes it: `YYMMDDHHMMSSZ` (years 50-99 are 19YY) or
/// `YYYYMMDDHHMMSSZ`; a real date and time, from 1970 on (the range of `der`'s `DateTime`, which
/// `x509-cert` decoded it into).
fn date_time(text: &[u8], year_digits: usize) -> Option<()> {
    let (year, rest) = text.split_at_checked(year_digits)?;
    let &[m1, m2, d1, d2, h1, h2, i1, i2, s1, s2, b'Z'] = rest else {
        return None;
    };
    let year = match (year_digits, decimal(year)?) {
        (2, yy @ 50..) => 1900 + yy,
        (2, yy) => 2000 + yy,
        (_, yyyy) => yyyy,
    };
    let [month, day, hour, minute, second] =
        [[m1, m2], [d1, d2], [h1, h2], [i1, i2], [s1, s2]].map(|two| decimal(&two));
    let (month, day, hour, minute, second) = (month?, day?, hour?, minute?, second?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (year >= 1970
        && (1..=12).contains(&month)
        && (1..=days).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60)
        .then_some(())
}

/// The value of ASCII decimal digits (none: not all digits).
fn decimal(digits: &[u8]) -> Option<u16> {
    digits.iter().try_fold(0u16, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u16::from(d - b'0'))
    })
}

/// Extensions ::= SEQUENCE OF Extension.
fn extensions(r: &mut SliceReader<'_>) -> der::Result<()> {
    while !r.is_finished() {
        r.sequence(|ext| {
            <ObjectIdentifier>::decode(ext)?;
            if Tag::peek(ext)? == Tag::Boolean {
                bool::decode(ext)?;
            }
            <&OctetStringRef>::decode(ext).map(|_| ())
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod time_tests;
