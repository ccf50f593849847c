//! The time check (`date_time`) against `der`'s own UTCTime and GeneralizedTime decoding, which
//! `x509-cert` used.
use super::tests::tlv;
use super::*;

/// `date_time` accepts exactly what `der`'s UTCTime and GeneralizedTime decoding accept, over
/// every boundary of every field.
#[test]
fn date_time_matches_der() {
    use der::asn1::{GeneralizedTime, UtcTime};
    let years: Vec<u16> = [0, 1, 49, 50, 69, 70, 99, 1969, 1970, 2000, 2024, 2100, 9999]
        .into_iter()
        .chain(1896..1905)
        .collect();
    let mut checked = 0;
    for year in years {
        for month in [0, 1, 2, 3, 4, 6, 9, 11, 12, 13] {
            for day in [0, 1, 28, 29, 30, 31, 32] {
                for (hour, minute, second) in
                    [(0, 0, 0), (23, 59, 59), (24, 0, 0), (0, 60, 0), (0, 0, 60)]
                {
                    let rest = format!("{month:02}{day:02}{hour:02}{minute:02}{second:02}Z");
                    if year < 100 {
                        let text = format!("{year:02}{rest}");
                        let der = tlv(0x17, text.as_bytes());
                        let want = UtcTime::from_der(&der).is_ok();
                        assert_eq!(date_time(text.as_bytes(), 2).is_some(), want, "{text}");
                    }
                    let text = format!("{year:04}{rest}");
                    let der = tlv(0x18, text.as_bytes());
                    let want = GeneralizedTime::from_der(&der).is_ok();
                    assert_eq!(date_time(text.as_bytes(), 4).is_some(), want, "{text}");
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 22 * 10 * 7 * 5);
    for bad in [
        &b"2001010000000Z"[..],
        b"20010100000Z",
        b"200101000000",
        b"2001010000000",
        b"200101000000+0100",
        b"200101000000.5Z",
        b"2O0101000000Z",
        b"20 101000000Z",
        b"+20101000000Z",
        b"",
    ] {
        assert!(date_time(bad, 2).is_none(), "{bad:?}");
        assert!(UtcTime::from_der(&tlv(0x17, bad)).is_err(), "{bad:?}");
    }
}
