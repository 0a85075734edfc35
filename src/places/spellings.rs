//! The spellings a resident may type for a place: the official
//! "Medansatria" and the everyday "Medan Satria", "Pondok Gede" and
//! "Pondokgede". Search matches words, so both forms are indexed.

/// Words that Indonesian place names are commonly made of; a name that
/// splits wholly into them is also indexed with spaces between them.
const WORDS: &[&str] = &[
    "aren", "asih", "baru", "bantar", "barat", "bojong", "cempaka", "duren", "gebang", "gede",
    "harapan", "indah", "jaka", "jati", "jaya", "kali", "kota", "lumbu", "makmur", "marga",
    "mekar", "melati", "medan", "mulia", "mulya", "mustika", "pondok", "rahayu", "raya", "rawa",
    "sampurna", "sari", "satria", "selatan", "sumur", "tengah", "timur", "utara", "wangi",
];

/// The name, its aliases, and each with words split or joined; no two
/// the same ignoring case.
pub(crate) fn spellings(name: &str, aliases: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !s.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&s)) {
            out.push(s);
        }
    };
    for n in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        push(n.to_string());
        if n.contains(' ') {
            // "Pondok Gede" → "Pondokgede": one word, as it is often written.
            let mut words = n.split_whitespace();
            let first = words.next().unwrap_or("").to_string();
            push(words.fold(first, |acc, w| acc + &w.to_lowercase()));
        } else if let Some(split) = split(n) {
            push(split);
        }
    }
    out
}

/// `Medansatria` → `Medan Satria`, when the name splits wholly into
/// [`WORDS`] (at least two).
fn split(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    if !lower.is_ascii() {
        return None;
    }
    // best[i]: the words that make up lower[..i], fewest first.
    let n = lower.len();
    let mut best: Vec<Option<Vec<&str>>> = vec![None; n + 1];
    best[0] = Some(Vec::new());
    for i in 0..n {
        let Some(before) = best[i].clone() else {
            continue;
        };
        for w in WORDS {
            if lower[i..].starts_with(w) {
                let j = i + w.len();
                let mut words = before.clone();
                words.push(w);
                if best[j].as_ref().is_none_or(|b| b.len() > words.len()) {
                    best[j] = Some(words);
                }
            }
        }
    }
    let words = best[n].take()?;
    (words.len() >= 2).then(|| {
        words
            .iter()
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_and_everyday_spellings() {
        assert_eq!(
            spellings("Medansatria", &[]),
            ["Medansatria", "Medan Satria"]
        );
        assert_eq!(spellings("Pondok Gede", &[]), ["Pondok Gede", "Pondokgede"]);
        assert_eq!(
            spellings("Bantargebang", &["Bantergebang".into()]),
            ["Bantargebang", "Bantar Gebang", "Bantergebang"]
        );
        assert_eq!(spellings("Jatiasih", &[]), ["Jatiasih", "Jati Asih"]);
        assert_eq!(
            spellings("Bekasi Timur", &[]),
            ["Bekasi Timur", "Bekasitimur"]
        );
        assert_eq!(spellings("Kranji", &[]), ["Kranji"]);
    }
}
