//! `data/datapackage.json`: the Frictionless Data package (Data Package
//! v1) that describes every download under /data/, its format, size,
//! rows and, for tables, each column with its type.

use super::File;
use crate::index::Site;
use crate::paths;
use serde_json::{json, Map, Value};

pub(crate) fn datapackage(site: &Site, files: &[File]) -> Vec<u8> {
    let c = &site.config;
    let prefix = format!("{}/", paths::DATA);
    let resources: Vec<Value> = files
        .iter()
        .filter_map(|f| Some((f.path.strip_prefix(&prefix)?, f)))
        // The workbook holds the tables again, for Excel: a validator
        // without an Excel reader would call it invalid, and the tables
        // it copies are described here.
        .filter(|(_, f)| f.info.format != "xlsx")
        .map(|(path, f)| {
            let i = &f.info;
            let mut r = Map::new();
            r.insert("name".into(), i.name.clone().into());
            r.insert("path".into(), path.into());
            r.insert("title".into(), i.title.clone().into());
            r.insert("format".into(), i.format.into());
            r.insert("mediatype".into(), i.media_type.into());
            r.insert("encoding".into(), "utf-8".into());
            r.insert("bytes".into(), i.bytes.into());
            if i.format == "csv" {
                // A row count belongs to tables: on JSON a validator
                // counts none and fails the resource.
                r.insert("rows".into(), i.rows.into());
                r.insert("profile".into(), "tabular-data-resource".into());
                r.insert(
                    "dialect".into(),
                    json!({"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "header": true}),
                );
            }
            if !i.columns.is_empty() {
                let fields: Vec<Value> = i
                    .columns
                    .iter()
                    .map(|(name, ty, title)| {
                        let mut field = json!({"name": name, "type": ty, "title": title});
                        if *ty == "boolean" {
                            // The tables write flags as staff read them.
                            field["trueValues"] = json!(["ya"]);
                            field["falseValues"] = json!(["tidak"]);
                        }
                        field
                    })
                    .collect();
                r.insert("schema".into(), json!({ "fields": fields }));
            }
            Value::Object(r)
        })
        .collect();
    let name = crate::slug::slugify(&c.title);
    let license = &c.data_license;
    let mut lic = Map::new();
    lic.insert("name".into(), license.name.replace(' ', "-").into());
    lic.insert("title".into(), license.name.clone().into());
    if let Some(url) = &license.url {
        lic.insert("path".into(), url.clone().into());
    }
    let mut package = Map::new();
    package.insert("profile".into(), "data-package".into());
    package.insert("name".into(), name.into());
    package.insert("title".into(), c.title.clone().into());
    if !c.description.is_empty() {
        package.insert("description".into(), c.description.clone().into());
    }
    package.insert("homepage".into(), c.base_url.clone().into());
    package.insert("version".into(), site.today.iso().into());
    package.insert(
        "created".into(),
        format!("{}T00:00:00Z", site.today.iso()).into(),
    );
    package.insert("licenses".into(), Value::Array(vec![Value::Object(lic)]));
    package.insert(
        "sources".into(),
        json!([{ "title": c.title, "path": c.base_url }]),
    );
    package.insert("resources".into(), Value::Array(resources));
    let mut out = serde_json::to_vec_pretty(&Value::Object(package)).unwrap_or_default();
    out.push(b'\n');
    out
}
