//! Messages for office staff, in Bahasa Indonesia first and in English.
//!
//! Every problem is written in both languages where it is found, with
//! `msg!("…", "…")` (Indonesian, then English), so no message can exist in
//! one language only. The report picks one: Indonesian unless `--lang en`
//! or an English locale asks otherwise.

/// The language of a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// From `--lang`, else from the locale (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`, the first one set): English for `en…`, else Indonesian.
    pub fn choose(flag: Option<&str>) -> Lang {
        let pick = |v: &str| {
            if v.to_ascii_lowercase().starts_with("en") {
                Lang::En
            } else {
                Lang::Id
            }
        };
        if let Some(f) = flag {
            return pick(f);
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::Id, |v| pick(&v))
    }
}

/// A message in both languages. Reports sort by the English text (its
/// field comes first), so the order is the same in either language.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    pub en: String,
    pub id: String,
}

impl Message {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }

    /// `self`, then `sep`, then `more`, in each language.
    pub(crate) fn then(mut self, sep: &str, more: &Message) -> Message {
        self.id.push_str(sep);
        self.id.push_str(&more.id);
        self.en.push_str(sep);
        self.en.push_str(&more.en);
        self
    }
}

/// `msg!("Indonesian {x}", "English {x}")`: a `Message`, each text
/// formatted like `format!` with the names in scope; or, with arguments
/// per language, `msg!("… {}", a.id; "… {}", a.en)`.
macro_rules! msg {
    ($id:literal, $en:literal $(,)?) => {
        $crate::message::Message {
            id: format!($id),
            en: format!($en),
        }
    };
    ($id:literal $(, $ia:expr)* ; $en:literal $(, $ea:expr)* $(,)?) => {
        $crate::message::Message {
            id: format!($id $(, $ia)*),
            en: format!($en $(, $ea)*),
        }
    };
}
