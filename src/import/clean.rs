//! Cleaning a cell as an office needs it: each function returns the value
//! in the site's format, or why the cell cannot be used.

use crate::values;

/// A phone number from a sheet: a lost leading 0 (Excel keeps numbers as
/// numbers), `62...`, `+62 ...`, spaces: written as residents read it.
pub(crate) fn phone(raw: &str) -> Result<String, String> {
    let raw = raw.trim().trim_end_matches(".0");
    values::phone(raw).map(|p| p.display).map_err(|m| m.id)
}

/// The numbers of one cell, as offices write two in one (`0812… / 0813…`,
/// `0812… (WA)`, `HP: 0812…, WA: 0813…`): each cleaned, with whether it
/// is marked as WhatsApp; the parts that are no number, with why.
pub(crate) fn phones(raw: &str) -> (Vec<(String, bool)>, Vec<String>) {
    let lower = raw.to_lowercase();
    let mut parts: Vec<&str> = vec![lower.as_str()];
    for sep in ["/", ",", ";", "\n", " atau ", " dan ", " & "] {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let (mut numbers, mut bad) = (Vec::new(), Vec::new());
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        let wa = part.contains("wa") || part.contains("whatsapp");
        let bare: String = part
            .replace("whatsapp", "")
            .replace("wa", "")
            .replace("hp", "")
            .replace("telp", "")
            .replace("tlp", "")
            .chars()
            .filter(|c| !matches!(c, '(' | ')' | ':' | '.'))
            .collect();
        match phone(bare.trim()) {
            Ok(p) => numbers.push((p, wa)),
            Err(why) => bad.push(why),
        }
    }
    (numbers, bad)
}

/// A cell that says "nothing here" the way offices write it: `-`,
/// `Belum Ada`, `Tidak Ada`, `N/A`, `Proses` (for a number not issued yet).
pub(crate) fn placeholder(raw: &str) -> bool {
    let k: String = raw
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    raw.trim()
        .chars()
        .all(|c| matches!(c, '-' | '–' | '—' | '.' | ' ' | '/'))
        || matches!(
            k.as_str(),
            "belumada"
                | "tidakada"
                | "belum"
                | "tidak"
                | "na"
                | "nihil"
                | "kosong"
                | "proses"
                | "dalamproses"
                | "tdkada"
                | "blmada"
        )
}

/// Whole rupiah: `Rp 15.000`, `15.000,-`, `15000`, `15rb`, `15 ribu`,
/// `15k`, `1,5 jt`, `2 juta`.
pub(crate) fn price(raw: &str) -> Option<u64> {
    let s = raw.trim().to_lowercase();
    let s = s
        .trim_start_matches("rp")
        .trim_start_matches("idr")
        .trim_start_matches('.');
    let s = s.trim();
    for (suffixes, factor) in [
        (&["ribu", "rb", "k"][..], 1_000u64),
        (&["juta", "jt"][..], 1_000_000),
    ] {
        for suf in suffixes {
            if let Some(n) = s.strip_suffix(suf) {
                let n = n.trim().replace(',', ".");
                let v: f64 = n.parse().ok()?;
                return (0.0..1e12)
                    .contains(&v)
                    .then(|| (v * factor as f64).round() as u64);
            }
        }
    }
    if let Some(v) = values::rupiah(s) {
        return Some(v);
    }
    // A number cell (`15000` or `15000.0`).
    let f: f64 = s.parse().ok()?;
    (f >= 0.0 && f.fract() == 0.0 && f < 1e15).then_some(f as u64)
}

/// A price as offices write it with more than the number: a unit after
/// `/` (`15rb/kg`, `Rp 25.000/porsi`) and ranges (`10-15 ribu`,
/// `10.000 - 15.000`), read as the from-price. Gives the price, the unit
/// when one was written, and whether it was a range.
pub(crate) fn price_with_unit(raw: &str) -> Option<(u64, Option<String>, bool)> {
    if let Some(p) = price(raw) {
        return Some((p, None, false));
    }
    let (amount, unit) = match raw.split_once('/') {
        Some((a, u)) if !u.trim().is_empty() && !u.trim().starts_with(char::is_numeric) => {
            (a, Some(u.trim().to_string()))
        }
        _ => (raw, None),
    };
    if let Some(p) = price(amount) {
        return Some((p, unit, false));
    }
    // A range: the first number, with the unit word of the last
    // (`10-15 ribu` is 10 ribu).
    let (from, to) = amount
        .split_once(['-', '–', '—'])
        .or_else(|| amount.split_once(" s.d. "))?;
    let word: String = to
        .trim()
        .trim_start_matches(|c: char| c.is_numeric() || c == '.' || c == ',')
        .trim()
        .to_string();
    let from = from.trim();
    let p = price(from)
        .filter(|_| word.is_empty() || from.ends_with(char::is_alphabetic))
        .or_else(|| price(&format!("{from} {word}")))?;
    Some((p, unit, true))
}

/// A decimal number written with `.` or `,` (`-6,2337`).
fn decimal(raw: &str) -> Option<f64> {
    raw.trim().replace(',', ".").parse().ok()
}

/// Latitude and longitude from one cell (`-6.24, 106.99`, `-6.24;106.99`,
/// `-6,24 106,99`); swapped back when the longitude came first.
pub(crate) fn geo(raw: &str) -> Result<((f64, f64), bool), String> {
    if let Some(point) = map_link(raw).or_else(|| dms_pair(raw)) {
        return lat_lon(point.0, point.1).ok_or_else(|| format!("\"{raw}\" di luar peta"));
    }
    let s = raw.trim();
    let parts: Vec<&str> = if s.contains(';') {
        s.split(';').collect()
    } else if s.matches(',').count() == 1 && !s.contains(' ') || s.contains(", ") {
        s.split(", ")
            .flat_map(|p| p.split(','))
            .filter(|p| !p.trim().is_empty())
            .collect()
    } else {
        s.split_whitespace().collect()
    };
    let bad =
        || format!("\"{raw}\" bukan koordinat: tulis lintang, bujur, misalnya -6.2337, 107.0212");
    if parts.len() != 2 {
        return Err(bad());
    }
    let (a, b) = (
        decimal(parts[0]).ok_or_else(bad)?,
        decimal(parts[1]).ok_or_else(bad)?,
    );
    lat_lon(a, b).ok_or_else(bad)
}

/// The point of a Google Maps link: `…/@-6.2337,107.0212,17z`,
/// `…?q=-6.2337,107.0212`, `…!3d-6.2337!4d107.0212`.
fn map_link(raw: &str) -> Option<(f64, f64)> {
    let s = raw.trim();
    if !(s.contains("google.") || s.contains("goo.gl") || s.contains("maps.")) {
        return None;
    }
    let number = |t: &str| -> Option<f64> {
        let end = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .unwrap_or(t.len());
        t[..end].parse().ok()
    };
    if let (Some(a), Some(b)) = (s.find("!3d"), s.find("!4d")) {
        return Some((number(&s[a + 3..])?, number(&s[b + 3..])?));
    }
    for marker in ["@", "q=", "query=", "ll=", "destination="] {
        if let Some(at) = s.find(marker) {
            let rest = &s[at + marker.len()..];
            let (a, b) = rest.split_once(',')?;
            return Some((number(a)?, number(b.trim_start_matches("%20").trim())?));
        }
    }
    None
}

/// Degrees, minutes and seconds: `6°14'01.3"S 107°01'16.3"E`.
fn dms_pair(raw: &str) -> Option<(f64, f64)> {
    // Indonesian hemispheres: LU/LS (lintang utara/selatan), BT/BB.
    let s = raw
        .trim()
        .to_uppercase()
        .replace(['’', '′'], "'")
        .replace(['”', '″'], "\"")
        .replace("LU", "N")
        .replace("LS", "S")
        .replace("BT", "E")
        .replace("BB", "W");
    if !s.contains('°') {
        return None;
    }
    let one = |t: &str| -> Option<(f64, char)> {
        let t = t.trim().trim_matches(',');
        let hemi = t
            .chars()
            .rev()
            .find(|c| matches!(c, 'N' | 'S' | 'E' | 'W'))?;
        let body: String = t.chars().filter(|c| !c.is_alphabetic()).collect();
        let mut parts = body
            .split(['°', '\'', '"'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| p.replace(',', ".").parse::<f64>());
        let d = parts.next()?.ok()?;
        let m = parts.next().transpose().ok()?.unwrap_or(0.0);
        let sec = parts.next().transpose().ok()?.unwrap_or(0.0);
        Some((d + m / 60.0 + sec / 3600.0, hemi))
    };
    // Split after the first hemisphere letter.
    let cut = s.find(['N', 'S'])? + 1;
    let (a, b) = s.split_at(cut);
    let (lat, h1) = one(a)?;
    let (lon, h2) = one(b)?;
    let lat = if h1 == 'S' { -lat } else { lat };
    let lon = if h2 == 'W' { -lon } else { lon };
    Some((lat, lon))
}

/// A point, checked: (lat, lon), and whether it was written the other way.
pub(crate) fn lat_lon(a: f64, b: f64) -> Option<((f64, f64), bool)> {
    let ok = |lat: f64, lon: f64| (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
    if ok(a, b) && !(a.abs() > 60.0 && b.abs() < 15.0) {
        Some(((a, b), false))
    } else if ok(b, a) {
        Some(((b, a), true))
    } else {
        None
    }
}

pub(crate) fn coordinate(raw: &str) -> Option<f64> {
    decimal(raw)
}

const MONTHS: [&[&str]; 12] = [
    &["januari", "jan", "january"],
    &["februari", "feb", "pebruari", "february"],
    &["maret", "mar", "march"],
    &["april", "apr"],
    &["mei", "may"],
    &["juni", "jun", "june"],
    &["juli", "jul", "july"],
    &["agustus", "agu", "agt", "ags", "aug", "august"],
    &["september", "sep", "sept"],
    &["oktober", "okt", "oct", "october"],
    &["november", "nov", "nop", "nopember"],
    &["desember", "des", "dec", "december"],
];

/// A date from a sheet: `2024-01-12`, `12/01/2024` and `12-01-2024` (day
/// first, as Indonesia writes it), `12 Januari 2024`, or an Excel serial
/// number (`45303`). `YYYY-MM-DD`, and whether it was rewritten.
pub(crate) fn date(raw: &str) -> Result<(String, bool), String> {
    let s = raw.trim();
    let bad = || {
        format!("\"{raw}\" bukan tanggal yang dikenali: tulis misalnya 2024-01-12 atau 12/01/2024")
    };
    if values::date(s).is_ok() {
        return Ok((s.to_string(), false));
    }
    let ymd = |y: i64, m: i64, d: i64| {
        let t = format!("{y:04}-{m:02}-{d:02}");
        values::date(&t).ok().map(|_| (t, true))
    };
    if let Ok(serial) = s.parse::<f64>() {
        // Excel's day 1 is 1900-01-01, counted from 1899-12-30 for its
        // leap-year bug; serials of 1950 to 2100 only.
        if (18_264.0..73_051.0).contains(&serial) {
            let days = serial.floor() as i64 - 25_569; // to 1970-01-01
            let d = crate::clock::civil(days);
            return ymd(d.year.into(), d.month.into(), d.day.into()).ok_or_else(bad);
        }
        return Err(bad());
    }
    let parts: Vec<&str> = s
        .split(|c: char| c == '/' || c == '-' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() == 3 {
        let day: i64 = parts[0].parse().map_err(|_| bad())?;
        let month: i64 = match parts[1].parse() {
            Ok(m) => m,
            Err(_) => {
                let m = parts[1].to_lowercase();
                MONTHS
                    .iter()
                    .position(|names| names.contains(&m.as_str()))
                    .ok_or_else(bad)? as i64
                    + 1
            }
        };
        let mut year: i64 = parts[2].parse().map_err(|_| bad())?;
        if year < 100 {
            year += 2000;
        }
        return ymd(year, month, day).ok_or_else(bad);
    }
    Err(bad())
}

/// A year founded: `2012`, a date, or an Excel serial.
pub(crate) fn year(raw: &str) -> Result<(u16, bool), String> {
    let s = raw.trim().trim_end_matches(".0");
    if let Ok(y) = s.parse::<u16>() {
        if (1800..=2100).contains(&y) {
            return Ok((y, false));
        }
    }
    let (d, _) = date(s).map_err(|_| format!("\"{raw}\" bukan tahun (misalnya 2012)"))?;
    Ok((d[..4].parse().unwrap_or(0), true))
}

/// Several values in one cell: one per line, or separated by `;`.
/// A cell without the apostrophe that guards a text starting with `=`,
/// `+`, `-` or `@` from being run as a formula by a spreadsheet (the
/// exports under /data/ write it so): `'+65 6123 4567` -> `+65 6123 4567`.
pub(crate) fn unguarded(raw: &str) -> &str {
    match raw.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => raw,
    }
}

/// One cell per line, empty lines and `-` kept as "none": the prices or
/// units of products listed one per line, where a product without one
/// has a `-` (as the exports write it) or an empty line.
pub(crate) fn lines(raw: &str) -> Vec<String> {
    if raw.contains('\n') {
        raw.split('\n')
            .map(|s| match s.trim() {
                "-" => String::new(),
                s => s.to_string(),
            })
            .collect()
    } else {
        list(raw)
    }
}

/// The lines of a cell that holds one value per item (a product's
/// description, an award's title): only a line break separates them, and
/// `-` is an item without one.
pub(crate) fn item_lines(raw: &str) -> Vec<String> {
    raw.split('\n')
        .map(|s| match s.trim() {
            "-" => String::new(),
            s => s.to_string(),
        })
        .collect()
}

pub(crate) fn list(raw: &str) -> Vec<String> {
    raw.split(['\n', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A yes in a sheet's cell.
pub(crate) fn yes(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "ya" | "y" | "yes" | "true" | "1" | "ada" | "sudah" | "v" | "✓" | "√" | "x" => {
            Some(true)
        }
        "tidak" | "t" | "no" | "false" | "0" | "belum" | "tidak ada" | "-" | "" => Some(false),
        _ => None,
    }
}

/// `mikro`, `kecil` or `menengah` from `Usaha Mikro`, `MIKRO`, `Kecil`.
/// The one of `words` a cell holds (`Usaha Mikro` holds `mikro`).
pub(crate) fn choice(raw: &str, words: &'static [&'static str]) -> Option<&'static str> {
    let s = raw.to_lowercase();
    words.iter().copied().find(|w| s.contains(w))
}

/// Digits only, for codes stored as numbers (`9120301234501.0`).
pub(crate) fn digits(raw: &str) -> String {
    raw.trim()
        .trim_end_matches(".0")
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_as_sheets_hold_them() {
        assert_eq!(phone("81234567001").unwrap(), "0812-3456-7001");
        assert_eq!(phone("6281234567001").unwrap(), "0812-3456-7001");
        assert_eq!(phone("+62 812 3456 7001").unwrap(), "0812-3456-7001");
        assert_eq!(phone("2188990201").unwrap(), "(021) 8899-0201");
        assert!(phone("nomor menyusul").is_err());
    }

    #[test]
    fn prices_with_units_and_ranges() {
        assert_eq!(
            price_with_unit("15rb/kg"),
            Some((15_000, Some("kg".into()), false))
        );
        assert_eq!(
            price_with_unit("Rp 25.000/porsi"),
            Some((25_000, Some("porsi".into()), false))
        );
        assert_eq!(price_with_unit("10-15 ribu"), Some((10_000, None, true)));
        assert_eq!(
            price_with_unit("10.000 - 15.000"),
            Some((10_000, None, true))
        );
        assert_eq!(price_with_unit("15000"), Some((15_000, None, false)));
        assert_eq!(price_with_unit("murah"), None);
    }

    #[test]
    fn points_from_map_links_and_degrees() {
        let near = |got: Result<((f64, f64), bool), String>, lat: f64, lon: f64| {
            let ((a, b), _) = got.unwrap();
            assert!((a - lat).abs() < 1e-4 && (b - lon).abs() < 1e-4, "{a}, {b}");
        };
        near(
            geo("https://www.google.com/maps/place/Warung/@-6.2337,107.0212,17z"),
            -6.2337,
            107.0212,
        );
        near(
            geo("https://maps.google.com/?q=-6.2337,107.0212"),
            -6.2337,
            107.0212,
        );
        near(
            geo("https://www.google.com/maps/place/X/data=!3d-6.2337!4d107.0212"),
            -6.2337,
            107.0212,
        );
        near(geo("6°14'01.3\"S 107°01'16.3\"E"), -6.233_694, 107.021_194);
        near(
            geo("6° 14' 1.3\" LS, 107° 1' 16.3\" BT"),
            -6.233_694,
            107.021_194,
        );
        near(geo("-6,2337; 107,0212"), -6.2337, 107.0212);
    }

    #[test]
    fn prices_as_offices_write_them() {
        for (raw, v) in [
            ("Rp 15.000", 15_000),
            ("15.000,-", 15_000),
            ("15rb", 15_000),
            ("15 ribu", 15_000),
            ("1,5 jt", 1_500_000),
            ("15000", 15_000),
            ("Rp15.000,00", 15_000),
        ] {
            assert_eq!(price(raw), Some(v), "{raw}");
        }
        assert_eq!(price("gratis"), None);
    }

    #[test]
    fn coordinates_and_dates() {
        assert_eq!(geo("-6.24, 106.99").unwrap(), ((-6.24, 106.99), false));
        assert_eq!(geo("-6,24 106,99").unwrap(), ((-6.24, 106.99), false));
        assert_eq!(geo("106.99, -6.24").unwrap(), ((-6.24, 106.99), true));
        assert!(geo("Bekasi").is_err());
        assert_eq!(date("2024-01-12").unwrap(), ("2024-01-12".into(), false));
        assert_eq!(date("12/01/2024").unwrap().0, "2024-01-12");
        assert_eq!(date("12 Januari 2024").unwrap().0, "2024-01-12");
        assert_eq!(date("3 Agt 2023").unwrap().0, "2023-08-03");
        assert_eq!(date("45303").unwrap().0, "2024-01-12");
        assert!(date("31/02/2024").is_err());
        assert_eq!(year("2012").unwrap(), (2012, false));
        assert_eq!(year("12/01/2012").unwrap(), (2012, true));
    }

    #[test]
    fn lists_and_yes() {
        assert_eq!(
            list("Keripik\nRengginang; Opak"),
            ["Keripik", "Rengginang", "Opak"]
        );
        assert_eq!(yes("Ya"), Some(true));
        assert_eq!(yes("belum"), Some(false));
        assert_eq!(choice("Usaha Mikro", crate::schema::SCALES), Some("mikro"));
    }
}
