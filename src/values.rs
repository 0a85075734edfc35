//! Parsers for the field values of an entry: phone numbers, opening hours,
//! dates, web addresses. Pure functions, each returning what is wrong in
//! words an office clerk can act on.

use crate::message::Message;
use crate::model::{Date, DateTime, Phone};
use crate::text::parse_grouped;

/// A phone number in any common Indonesian form; a number with another
/// country code (`+65 6123 4567`, `0065 6123 4567`) is kept as written and
/// linked as that country's, never made Indonesian.
pub(crate) fn phone(raw: &str) -> Result<Phone, Message> {
    let mut digits = String::new();
    for (i, c) in raw.trim().chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => {}
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(msg!("\"{raw}\" bukan nomor telepon: pakai angka, spasi dan tanda hubung, misalnya 0812-3456-789 atau +62 812 3456 789", "\"{raw}\" is not a phone number: use digits, spaces and hyphens, e.g. 0812-3456-789 or +62 812 3456 789")),
        }
    }
    let written = raw.trim();
    let international = written.starts_with('+') || written.starts_with("00");
    let foreign = international && !digits.trim_start_matches("00").starts_with("62");
    if foreign {
        let digits = digits.trim_start_matches("00").to_string();
        // E.164: a country code and the number, 15 digits at most.
        if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
            return Err(msg!(
                "\"{raw}\" bukan nomor telepon internasional yang lengkap (misalnya +65 6123 4567)",
                "\"{raw}\" is not a complete international phone number (e.g. +65 6123 4567)"
            ));
        }
        let display = written.split_whitespace().collect::<Vec<_>>().join(" ");
        return Ok(Phone { digits, display });
    }
    let digits = digits.trim_start_matches("00").to_string();
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest.trim_start_matches('0').to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest.to_string()
    } else {
        // A number written without quotes loses its leading 0 in YAML.
        digits.clone()
    };
    if !(7..=13).contains(&national.len()) || national.starts_with('0') {
        return Err(msg!(
            "\"{raw}\" bukan nomor telepon Indonesia (misalnya 0812-3456-789 atau (021) 8834-1234)",
            "\"{raw}\" is not an Indonesian phone number (e.g. 0812-3456-789 or (021) 8834-1234)"
        ));
    }
    Ok(Phone {
        display: display_phone(&national),
        digits: format!("62{national}"),
    })
}

/// The number the way residents read and dial it at home: `0812-3456-7890`
/// for mobiles, `(021) 8834-1234` for fixed lines (two-digit area codes
/// for Jakarta, Bandung, Semarang and Surabaya, three digits elsewhere).
/// Links use the international digits.
fn display_phone(n: &str) -> String {
    let area = if n.starts_with('8') {
        3
    } else if ["21", "22", "24", "31"].iter().any(|a| n.starts_with(a)) {
        2
    } else {
        3
    };
    let (head, rest) = n.split_at(area.min(n.len()));
    let (a, b) = rest.split_at(rest.len().min(4));
    let tail = if b.is_empty() {
        a.to_string()
    } else {
        format!("{a}-{b}")
    };
    if n.starts_with('8') {
        format!("0{head}-{tail}")
    } else {
        format!("(0{head}) {tail}")
    }
}

/// `HH:MM-HH:MM` (minutes from midnight) or `tutup` (None).
pub(crate) fn hours(raw: &str) -> Result<Option<(u16, u16)>, Message> {
    let s = raw.trim();
    if s.eq_ignore_ascii_case("tutup") || s.eq_ignore_ascii_case("libur") {
        return Ok(None);
    }
    let bad = || {
        msg!(
            "jam buka harus `JJ:MM-JJ:MM` atau `tutup`, tertulis \"{raw}\"",
            "opening hours must be `HH:MM-HH:MM` or `tutup`, found \"{raw}\""
        )
    };
    let (a, b) = s
        .split_once('-')
        .or_else(|| s.split_once('–'))
        .ok_or_else(bad)?;
    let open = time(a.trim()).ok_or_else(bad)?;
    let close = time(b.trim()).ok_or_else(bad)?;
    if open == 24 * 60 {
        return Err(msg!(
            "24:00 hanya boleh sebagai jam tutup; untuk buka tengah malam tulis 00:00, tertulis \"{raw}\"",
            "24:00 is only a closing time; to open at midnight write 00:00, found \"{raw}\""
        ));
    }
    if open == close {
        return Err(msg!(
            "jam buka dan tutup sama di \"{raw}\"; untuk sehari penuh tulis 00:00-24:00",
            "opening and closing time are the same in \"{raw}\"; for a whole day write 00:00-24:00"
        ));
    }
    Ok(Some((open, close)))
}

/// `HH:MM` (or `HH.MM`, as often written in Indonesia) -> minutes; 24:00 allowed.
pub(crate) fn time(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':').or_else(|| s.split_once('.'))?;
    if h.is_empty()
        || h.len() > 2
        || m.len() != 2
        || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// A date `YYYY-MM-DD` that exists.
pub(crate) fn date(raw: &str) -> Result<Date, Message> {
    let s = raw.trim();
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(msg!(
            "tanggal ditulis TTTT-BB-HH (tahun-bulan-hari), tertulis \"{raw}\"",
            "a date must be written YYYY-MM-DD, found \"{raw}\""
        ));
    }
    let year: u16 = s[..4].parse().unwrap_or(0);
    let month: u8 = s[5..7].parse().unwrap_or(0);
    let day: u8 = s[8..].parse().unwrap_or(0);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || year < 1800 {
        return Err(msg!(
            "tanggal {s} tidak ada di kalender",
            "{s} is not a date that exists"
        ));
    }
    Ok(Date { year, month, day })
}

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date, or a date and time (`2026-03-01T16:00`, `2026-03-01 16:00`).
pub(crate) fn date_time(raw: &str) -> Result<DateTime, Message> {
    let s = raw.trim();
    if s.len() <= 10 {
        return Ok(DateTime {
            date: date(s)?,
            minutes: None,
        });
    }
    let (d, t) = s
        .split_once('T')
        .or_else(|| s.split_once(' '))
        .ok_or_else(|| msg!("tulis tanggal sebagai TTTT-BB-HH atau tanggal dan jam sebagai TTTT-BB-HHTJJ:MM, tertulis \"{raw}\"", "write a date as YYYY-MM-DD or a date and time as YYYY-MM-DDTHH:MM, found \"{raw}\""))?;
    let date = date(d)?;
    // Seconds and a zone are accepted and not shown.
    let t = t.trim();
    let hm = t
        .get(..5)
        .filter(|_| t.len() == 5 || t[5..].starts_with([':', '+', 'Z', '-']));
    let minutes = hm.and_then(time).filter(|&m| m < 24 * 60).ok_or_else(|| {
        msg!(
            "\"{t}\" bukan jam (JJ:MM)",
            "\"{t}\" is not a time of day (HH:MM)"
        )
    })?;
    Ok(DateTime {
        date,
        minutes: Some(minutes),
    })
}

/// An absolute http(s) address with a host; nothing else is ever linked.
pub(crate) fn web_url(raw: &str) -> Result<String, Message> {
    let s = raw.trim();
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| {
            msg!(
                "\"{raw}\" harus alamat web yang diawali http:// atau https://",
                "\"{raw}\" must be a web address starting with http:// or https://"
            )
        })?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let clean = !s
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'));
    if host.is_empty() || !clean || host.starts_with('.') || host.contains('@') {
        return Err(msg!(
            "\"{raw}\" bukan alamat web yang benar",
            "\"{raw}\" is not a valid web address"
        ));
    }
    Ok(s.to_string())
}

/// An http(s) address on a platform's own `hosts` or their subdomains
/// (`https://shopee.co.id/x` for `shopee`): a field named after a
/// platform never leads elsewhere.
pub(crate) fn platform_url(raw: &str, network: &str, hosts: &[&str]) -> Result<String, Message> {
    let url = web_url(raw)?;
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host
        .rsplit_once(':')
        .map_or(host, |(h, _)| h)
        .to_ascii_lowercase();
    let on_platform = hosts
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")));
    if !on_platform {
        let first = hosts.first().copied().unwrap_or("");
        return Err(msg!(
            "\"{raw}\" bukan alamat {network}: alamat di kolom `{network}` harus menuju {first}",
            "\"{raw}\" is not an address on {network}: the `{network}` field must lead to {first}"
        ));
    }
    Ok(url)
}

/// A social-media handle (`@warungbusri`) or an http(s) address on the
/// network's own site.
pub(crate) fn social(
    raw: &str,
    network: &str,
    hosts: &[&str],
    profile_base: &str,
) -> Result<(String, String), Message> {
    let s = raw.trim();
    if s.contains("://") {
        let url = platform_url(s, network, hosts)?;
        return Ok((url.clone(), url));
    }
    let handle = s.trim_start_matches('@');
    let ok = !handle.is_empty()
        && handle.len() <= 64
        && handle
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if !ok {
        return Err(msg!(
            "\"{raw}\" harus nama akun seperti @warungbusri atau alamat web yang diawali https://",
            "\"{raw}\" must be a handle like @warungbusri or a web address starting with https://"
        ));
    }
    Ok((format!("@{handle}"), format!("{profile_base}{handle}")))
}

/// A plain e-mail address.
pub(crate) fn email(raw: &str) -> Result<String, Message> {
    let s = raw.trim();
    let ok = match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "@._+-".contains(c))
                && !domain.contains('@')
        }
        None => false,
    };
    if ok {
        Ok(s.to_string())
    } else {
        Err(msg!(
            "\"{raw}\" bukan alamat e-mail",
            "\"{raw}\" is not an e-mail address"
        ))
    }
}

/// Whole rupiah, written as a number or as text like "Rp 15.000" or
/// "Rp15.000,-". A dot only ever separates thousands.
pub(crate) fn rupiah(raw: &str) -> Option<u64> {
    let s = raw.trim();
    let s = ["Rp", "rp", "RP"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s)
        .trim_start_matches('.')
        .trim();
    let s = [",-", ",00"]
        .iter()
        .find_map(|p| s.strip_suffix(p))
        .unwrap_or(s)
        .trim_end();
    parse_grouped(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_in_common_forms() {
        let p = phone("0812-3456-789").unwrap();
        assert_eq!(p.digits, "628123456789");
        assert_eq!(p.display, "0812-3456-789");
        assert_eq!(phone("+62 812 3456 789").unwrap().digits, "628123456789");
        // Another country's number stays that country's.
        let sg = phone("+65 6123 4567").unwrap();
        assert_eq!(
            (sg.digits.as_str(), sg.display.as_str()),
            ("6561234567", "+65 6123 4567")
        );
        assert_eq!(phone("0065 6123 4567").unwrap().digits, "6561234567");
        assert_eq!(phone("+1 415 555 0100").unwrap().digits, "14155550100");
        assert!(phone("+1 41").is_err());
        assert_eq!(phone("(021) 8834-1234").unwrap().display, "(021) 8834-1234");
        assert_eq!(phone("6281234567890").unwrap().digits, "6281234567890");
        assert_eq!(phone("81234567890").unwrap().digits, "6281234567890");
        assert!(phone("javascript:alert(1)").is_err());
        assert!(phone("12").is_err());
    }

    #[test]
    fn hours_and_overnight() {
        assert_eq!(hours("08:00-17:00").unwrap(), Some((480, 1020)));
        assert_eq!(hours("18:00 - 02:00").unwrap(), Some((1080, 120)));
        assert_eq!(hours("Tutup").unwrap(), None);
        assert!(hours("8-17").is_err());
        assert!(hours("08:00-25:00").is_err());
        assert_eq!(hours("00:00-24:00").unwrap(), Some((0, 1440)));
        assert!(hours("24:00-08:00").is_err());
    }

    #[test]
    fn dates_must_exist() {
        assert!(date("2024-02-29").is_ok());
        assert!(date("2023-02-29").is_err());
        assert!(date("2024-02-30").is_err());
        assert!(date("2024-13-01").is_err());
        assert!(date("24-01-01").is_err());
        assert_eq!(date_time("2026-03-01T16:30").unwrap().minutes, Some(990));
        assert!(date_time("2026-03-01T25:30").is_err());
    }

    const IG: &[&str] = &["instagram.com", "instagr.am"];
    const FB: &[&str] = &["facebook.com", "fb.com", "fb.me"];

    #[test]
    fn only_web_addresses_are_linked() {
        assert!(web_url("https://toko.example/a?b=1").is_ok());
        assert!(web_url("javascript:alert(1)").is_err());
        assert!(web_url("data:text/html,x").is_err());
        assert!(web_url("https://a.example/\"onmouseover=x").is_err());
        assert_eq!(
            social(
                "@warung.bu_sri",
                "instagram",
                IG,
                "https://www.instagram.com/"
            )
            .unwrap()
            .1,
            "https://www.instagram.com/warung.bu_sri"
        );
        assert!(social("javascript:alert(1)", "instagram", IG, "https://x/").is_err());
        // A platform's field leads to that platform only.
        assert!(social("https://www.instagram.com/warung", "instagram", IG, "").is_ok());
        assert!(social("https://m.facebook.com/warung", "facebook", FB, "").is_ok());
        assert!(social("https://evil.example/instagram.com", "instagram", IG, "").is_err());
        assert!(social("https://instagram.com.evil.example/", "instagram", IG, "").is_err());
        assert!(social("https://www.instagram.com/x", "facebook", FB, "").is_err());
        assert!(platform_url("https://shopee.co.id/toko", "shopee", &["shopee.co.id"]).is_ok());
        assert!(
            platform_url("https://shopee.co.id/toko", "tokopedia", &["tokopedia.com"]).is_err()
        );
    }

    #[test]
    fn rupiah_in_and_out() {
        assert_eq!(rupiah("Rp 15.000"), Some(15000));
        assert_eq!(rupiah("Rp15.000,-"), Some(15000));
        assert_eq!(rupiah("1.250.000"), Some(1250000));
        assert_eq!(rupiah("15000"), Some(15000));
        assert_eq!(rupiah("15.5"), None);
        assert_eq!(rupiah("15.0000"), None);
        assert_eq!(rupiah("-3"), None);
        assert_eq!(rupiah("lima ribu"), None);
    }
}
