//! NumericDate formatting: ISO 8601 UTC (as `Date.prototype.toISOString`) and relative phrases.

/// ISO 8601 UTC with milliseconds, e.g. `2023-11-14T22:13:20.000Z`, for seconds since the epoch.
/// `None` outside JavaScript's Date range (±8.64e12 seconds... in ms: ±8.64e15).
pub(crate) fn iso8601(seconds: f64) -> Option<String> {
    if !seconds.is_finite() {
        return None;
    }
    let ms_total = (seconds * 1000.0).floor();
    if ms_total.abs() > 8.64e15 {
        return None;
    }
    let ms_total = ms_total as i64;
    let days = ms_total.div_euclid(86_400_000);
    let ms_of_day = ms_total.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss, ms) = (
        ms_of_day / 3_600_000,
        ms_of_day / 60_000 % 60,
        ms_of_day / 1000 % 60,
        ms_of_day % 1000,
    );
    let year = if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else if y < 0 {
        format!("-{:06}", -y)
    } else {
        format!("+{y:06}")
    };
    Some(format!(
        "{year}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}.{ms:03}Z"
    ))
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (the era-based algorithm published by Howard Hinnant).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// "in 14 minutes", "3 days ago", "just now": `at` relative to `now`, both in seconds.
pub(crate) fn relative(at: f64, now: f64) -> String {
    let diff = at - now;
    let abs = diff.abs();
    if abs < 5.0 {
        return "just now".to_owned();
    }
    let (n, unit) = if abs < 60.0 {
        (abs, "second")
    } else if abs < 3600.0 {
        (abs / 60.0, "minute")
    } else if abs < 86_400.0 {
        (abs / 3600.0, "hour")
    } else if abs < 30.0 * 86_400.0 {
        (abs / 86_400.0, "day")
    } else if abs < 365.0 * 86_400.0 {
        (abs / (30.0 * 86_400.0), "month")
    } else {
        (abs / (365.0 * 86_400.0), "year")
    };
    if n >= 10_000.0 {
        return if diff > 0.0 {
            "in more than 10000 years".to_owned()
        } else {
            "more than 10000 years ago".to_owned()
        };
    }
    let n = n.floor() as u64;
    let phrase = format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if diff > 0.0 {
        format!("in {phrase}")
    } else {
        format!("{phrase} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_matches_to_iso_string() {
        assert_eq!(iso8601(0.0).as_deref(), Some("1970-01-01T00:00:00.000Z"));
        assert_eq!(
            iso8601(1_700_000_000.0).as_deref(),
            Some("2023-11-14T22:13:20.000Z")
        );
        assert_eq!(
            iso8601(1_300_819_380.0).as_deref(),
            Some("2011-03-22T18:43:00.000Z")
        );
        assert_eq!(
            iso8601(951_782_400.0).as_deref(),
            Some("2000-02-29T00:00:00.000Z")
        );
        assert_eq!(
            iso8601(1_700_000_000.5).as_deref(),
            Some("2023-11-14T22:13:20.500Z")
        );
        assert_eq!(iso8601(-1.0).as_deref(), Some("1969-12-31T23:59:59.000Z"));
        assert_eq!(
            iso8601(253_402_300_800.0).as_deref(),
            Some("+010000-01-01T00:00:00.000Z")
        );
        assert_eq!(iso8601(f64::INFINITY), None);
        assert_eq!(iso8601(1e13), None);
    }

    #[test]
    fn relative_phrases_at_the_boundaries() {
        let now = 1_000_000.0;
        assert_eq!(relative(now, now), "just now");
        assert_eq!(relative(now + 4.9, now), "just now");
        assert_eq!(relative(now + 5.0, now), "in 5 seconds");
        assert_eq!(relative(now - 59.0, now), "59 seconds ago");
        assert_eq!(relative(now + 60.0, now), "in 1 minute");
        assert_eq!(relative(now + 14.0 * 60.0 + 30.0, now), "in 14 minutes");
        assert_eq!(relative(now - 3599.0, now), "59 minutes ago");
        assert_eq!(relative(now - 3600.0, now), "1 hour ago");
        assert_eq!(relative(now + 86_399.0, now), "in 23 hours");
        assert_eq!(relative(now - 3.0 * 86_400.0, now), "3 days ago");
        assert_eq!(relative(now + 45.0 * 86_400.0, now), "in 1 month");
        assert_eq!(relative(now - 800.0 * 86_400.0, now), "2 years ago");
        assert_eq!(relative(1e308, -1e308), "in more than 10000 years");
    }
}
