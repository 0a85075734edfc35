//! The map file an office gives with `--map`: which column holds which
//! field, the column a re-import matches rows on, and the office's own
//! words for values (`values: { category: { "Snack": makanan-ringan } }`).

use crate::message::Message;
use serde_yaml::Value;
use std::path::Path;

#[derive(Default)]
pub(super) struct MapFile {
    pub(super) columns: Vec<(String, String)>,
    pub(super) key: Option<String>,
    /// By field (`category`, `stall`, `halal`): a cell's words, compared
    /// as header keys, and the value to write instead.
    pub(super) values: Vec<(String, Vec<(String, String)>)>,
}

impl MapFile {
    /// The office's value for the cell `v` of a column filling `field`.
    pub(super) fn value(&self, field: &str, v: &str) -> Option<&str> {
        let k = super::columns::header_key(v);
        self.values
            .iter()
            .find(|(f, _)| f == field)?
            .1
            .iter()
            .find(|(from, _)| super::columns::header_key(from) == k)
            .map(|(_, to)| to.as_str())
    }
}

pub(super) fn read(path: Option<&Path>) -> Result<MapFile, Message> {
    let Some(path) = path else {
        return Ok(MapFile::default());
    };
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| msg!("{shown} tidak bisa dibaca: {e}", "cannot read {shown}: {e}"))?;
    let bad = || {
        msg!(
        "{shown} harus berisi `columns:` dengan baris `\"Judul Kolom\": kolom`, dan boleh `key: \"Judul Kolom\"` serta `values:` dengan `kolom: {{ \"kata kantor\": nilai }}`",
        "{shown} must hold `columns:` with `\"Column header\": field` lines, and may have `key: \"Column header\"` and `values:` with `field: {{ \"office word\": value }}`"
    )
    };
    let v: Value = serde_yaml::from_str(&text).map_err(|_| bad())?;
    let mut map = MapFile::default();
    if let Some(cols) = v.get("columns") {
        for (h, t) in cols.as_mapping().ok_or_else(bad)? {
            let (Some(h), Some(t)) = (scalar(h), scalar(t)) else {
                return Err(bad());
            };
            map.columns.push((h, t));
        }
    }
    map.key = v.get("key").and_then(scalar);
    if let Some(values) = v.get("values") {
        for (field, words) in values.as_mapping().ok_or_else(bad)? {
            let (Some(field), Some(words)) = (scalar(field), words.as_mapping()) else {
                return Err(bad());
            };
            let mut list = Vec::new();
            for (from, to) in words {
                let (Some(from), Some(to)) = (scalar(from), scalar(to)) else {
                    return Err(bad());
                };
                list.push((from, to));
            }
            map.values.push((field, list));
        }
    }
    Ok(map)
}

pub(super) fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
