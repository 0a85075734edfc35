//! The site's time zone and the day of the build, for what depends on it
//! (an event that has ended). `SOURCE_DATE_EPOCH` (seconds since 1970, the
//! reproducible-builds convention) fixes the day, so a build can be
//! repeated byte for byte on another day; the tests set it.

use crate::model::Date;
use std::time::{SystemTime, UNIX_EPOCH};

/// One of Indonesia's time zones, none of which keeps summer time: a fixed
/// offset is the whole rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeZone {
    /// The IANA name, as site.yaml's `timezone` writes it.
    pub name: &'static str,
    /// WIB, WITA or WIT.
    pub abbr: &'static str,
    /// Minutes ahead of UTC.
    pub offset_minutes: i32,
}

/// The zones site.yaml accepts: Indonesia's IANA zones (Pontianak keeps
/// WIB too).
pub(crate) const ZONES: [TimeZone; 4] = [
    TimeZone {
        name: "Asia/Jakarta",
        abbr: "WIB",
        offset_minutes: 7 * 60,
    },
    TimeZone {
        name: "Asia/Pontianak",
        abbr: "WIB",
        offset_minutes: 7 * 60,
    },
    TimeZone {
        name: "Asia/Makassar",
        abbr: "WITA",
        offset_minutes: 8 * 60,
    },
    TimeZone {
        name: "Asia/Jayapura",
        abbr: "WIT",
        offset_minutes: 9 * 60,
    },
];

impl Default for TimeZone {
    fn default() -> TimeZone {
        ZONES[0]
    }
}

impl TimeZone {
    /// The zone named `name`: an IANA name or WIB, WITA, WIT (in any case).
    pub(crate) fn parse(name: &str) -> Option<TimeZone> {
        let name = name.trim();
        ZONES
            .iter()
            .find(|z| z.name.eq_ignore_ascii_case(name))
            .or_else(|| ZONES.iter().find(|z| z.abbr.eq_ignore_ascii_case(name)))
            .copied()
    }

    /// `+07:00`, for times written with their offset (ISO 8601).
    pub(crate) fn offset_label(&self) -> String {
        let m = self.offset_minutes;
        format!("+{:02}:{:02}", m / 60, m % 60)
    }
}

/// Today's date in the site's time zone.
pub(crate) fn today(tz: TimeZone) -> Date {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    civil((now + i64::from(tz.offset_minutes) * 60).div_euclid(86_400))
}

/// The days from 1970-01-01 to `d`: `civil`'s inverse.
pub(crate) fn days(d: Date) -> i64 {
    let (m, y) = (
        i64::from(d.month),
        i64::from(d.year) - i64::from(d.month <= 2),
    );
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date `days` after 1970-01-01 (proleptic Gregorian).
pub(crate) fn civil(days: i64) -> Date {
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
    fn days_and_civil_are_inverse() {
        for n in [-1, 0, 59, 60, 365, 11_016, 20_513, 2_932_896] {
            assert_eq!(days(civil(n)), n, "{n}");
        }
    }

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

    #[test]
    fn zones_by_name_or_abbreviation() {
        assert_eq!(
            TimeZone::parse("asia/makassar").unwrap().offset_minutes,
            480
        );
        assert_eq!(TimeZone::parse(" WIT ").unwrap().name, "Asia/Jayapura");
        assert_eq!(TimeZone::parse("wib").unwrap().name, "Asia/Jakarta");
        assert_eq!(TimeZone::parse("Asia/Pontianak").unwrap().abbr, "WIB");
        assert_eq!(TimeZone::parse("Asia/Singapore"), None);
        assert_eq!(TimeZone::default().offset_label(), "+07:00");
        assert_eq!(ZONES[3].offset_label(), "+09:00");
    }
}
