//! iCalendar (RFC 5545) files of events: one per event and one of all,
//! in the site's time zone with its VTIMEZONE, lines folded at 75 octets
//! and text escaped, so a phone's calendar adds them as they are.

use crate::clock::{self, TimeZone};
use crate::index::Site;
use crate::model::{Date, DateTime, Event};
use crate::urls::Urls;

/// A calendar of `events` (indices into the site's events).
pub(crate) fn calendar(site: &Site, urls: &Urls, events: &[usize], name: &str) -> Vec<u8> {
    let tz = site.config.timezone;
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//Etalase//Direktori UMKM//ID");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.prop("X-WR-CALNAME", &text(name));
    out.prop("X-WR-TIMEZONE", tz.name);
    timezone(&mut out, tz);
    // The build's day stands for when the calendar was made (DTSTAMP must
    // be UTC): the same input on the same day gives the same file.
    let stamp = format!("{}T000000Z", compact(&site.today));
    let host = host(&site.config.base_url);
    for &i in events {
        let ev = &site.content.events[i];
        event(site, urls, &mut out, ev, &stamp, &host);
    }
    out.line("END:VCALENDAR");
    out.0.into_bytes()
}

fn event(site: &Site, urls: &Urls, out: &mut Lines, ev: &Event, stamp: &str, host: &str) {
    let tz = site.config.timezone;
    out.line("BEGIN:VEVENT");
    out.prop("UID", &format!("{}@{host}", ev.slug));
    out.prop("DTSTAMP", stamp);
    let (start, end) = span(ev);
    match (start.minutes, end) {
        // All day: the end is the day after the last (exclusive).
        (None, End::Day(last)) => {
            out.prop("DTSTART;VALUE=DATE", &compact(&start.date));
            let after = clock::civil(clock::days(last) + 1);
            out.prop("DTEND;VALUE=DATE", &compact(&after));
        }
        (_, end) => {
            let name = format!("DTSTART;TZID={}", tz.name);
            out.prop(&name, &local(&start.date, start.minutes.unwrap_or(0)));
            let (date, minutes) = match end {
                End::At(d, m) => (d, m),
                // A timed start with a date-only end lasts to that day's end.
                End::Day(d) => (clock::civil(clock::days(d) + 1), 0),
                End::Hour => {
                    let m = start.minutes.unwrap_or(0) + 60;
                    if m >= 24 * 60 {
                        (clock::civil(clock::days(start.date) + 1), m - 24 * 60)
                    } else {
                        (start.date, m)
                    }
                }
            };
            out.prop(&format!("DTEND;TZID={}", tz.name), &local(&date, minutes));
        }
    }
    out.prop("SUMMARY", &text(&ev.name));
    let place: Vec<&str> = ev
        .venue
        .iter()
        .map(String::as_str)
        .chain(ev.district.map(|d| site.config.districts[d].name.as_str()))
        .chain(site.config.city.as_deref())
        .collect();
    if !place.is_empty() {
        out.prop("LOCATION", &text(&place.join(", ")));
    }
    if let Some(g) = ev.geo {
        out.prop("GEO", &format!("{:.6};{:.6}", g.lat, g.lon));
    }
    let url = urls.permalink(&crate::paths::event(&ev.slug));
    let description = crate::markdown::plain(&ev.description);
    let description = description.trim();
    let body = if description.is_empty() {
        url.clone()
    } else {
        format!("{description}\n\n{url}")
    };
    out.prop("DESCRIPTION", &text(&body));
    out.prop("URL", &url);
    out.line("END:VEVENT");
}

enum End {
    /// Date only: the last day.
    Day(Date),
    At(Date, u16),
    /// No end given to a timed start: an hour.
    Hour,
}

fn span(ev: &Event) -> (DateTime, End) {
    let end = match ev.end {
        None if ev.start.minutes.is_none() => End::Day(ev.start.date),
        None => End::Hour,
        Some(DateTime {
            date,
            minutes: None,
        }) => End::Day(date),
        Some(DateTime {
            date,
            minutes: Some(m),
        }) => End::At(date, m),
    };
    (ev.start, end)
}

/// The zone's definition: Indonesia has kept one offset without summer
/// time since 1988, so one STANDARD part says all.
fn timezone(out: &mut Lines, tz: TimeZone) {
    let m = tz.offset_minutes;
    let offset = format!("+{:02}{:02}", m / 60, m % 60);
    out.line("BEGIN:VTIMEZONE");
    out.prop("TZID", tz.name);
    out.line("BEGIN:STANDARD");
    out.line("DTSTART:19700101T000000");
    out.prop("TZOFFSETFROM", &offset);
    out.prop("TZOFFSETTO", &offset);
    out.prop("TZNAME", tz.abbr);
    out.line("END:STANDARD");
    out.line("END:VTIMEZONE");
}

fn compact(d: &Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

fn local(d: &Date, minutes: u16) -> String {
    format!("{}T{:02}{:02}00", compact(d), minutes / 60, minutes % 60)
}

fn host(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_string()
}

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line
/// ends escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines, CRLF-ended and folded: no line longer than 75 octets,
/// never splitting a UTF-8 character.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn prop(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if width + n > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += n;
        }
        self.0.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut l = Lines::default();
        l.prop("SUMMARY", &"é".repeat(60));
        for line in l.0.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let unfolded = l.0.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(
            text("Bazaar, Alun-alun; lantai 2\\3\nmalam"),
            "Bazaar\\, Alun-alun\\; lantai 2\\\\3\\nmalam"
        );
    }
}
