//! The day of the build, for what depends on it (an event that has
//! ended). `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
//! convention) fixes it, so a build can be repeated byte for byte on
//! another day; the tests set it.

use crate::model::Date;
use std::time::{SystemTime, UNIX_EPOCH};

/// Western Indonesian Time (UTC+7). Sites in WITA or WIT come with the
/// site's `timezone` setting.
const OFFSET_SECONDS: i64 = 7 * 3600;

/// Today's date in the site's time zone.
pub(crate) fn today() -> Date {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    civil((now + OFFSET_SECONDS).div_euclid(86_400))
}

/// The calendar date `days` after 1970-01-01 (proleptic Gregorian).
fn civil(days: i64) -> Date {
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)).clamp(0, 9999) as u16;
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_to_dates() {
        let d = |y, m, day| Date {
            year: y,
            month: m,
            day,
        };
        assert_eq!(civil(0), d(1970, 1, 1));
        assert_eq!(civil(20_454), d(2026, 1, 1));
        assert_eq!(civil(19_782), d(2024, 2, 29));
    }
}
