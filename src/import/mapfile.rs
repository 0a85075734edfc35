//! The map file an office gives with `--map`: which column holds which
//! field, and the column a re-import matches rows on.

use crate::message::Message;
use serde_yaml::Value;
use std::path::Path;

#[derive(Default)]
pub(super) struct MapFile {
    pub(super) columns: Vec<(String, String)>,
    pub(super) key: Option<String>,
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
        "{shown} harus berisi `columns:` dengan baris `\"Judul Kolom\": kolom`, dan boleh `key: \"Judul Kolom\"`",
        "{shown} must hold `columns:` with `\"Column header\": field` lines, and may have `key: \"Column header\"`"
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
