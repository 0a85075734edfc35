//! JSON helpers the open data and the structured data share.

use serde_json::{Map, Value};

/// Sets `key` unless the value is null, an empty text or an empty list:
/// the records and the structured data leave absent fields out.
pub(crate) fn put(m: &mut Map<String, Value>, key: &str, v: impl Into<Value>) {
    let v = v.into();
    let empty = match &v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    };
    if !empty {
        m.insert(key.into(), v);
    }
}
