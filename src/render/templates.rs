//! Tera set up once per UI language: the theme's templates, and the
//! values every page shares (site, UI strings, asset addresses) in Tera's
//! global context, so they are not rebuilt for each page.

use crate::diagnostic::Diagnostic;
use crate::theme::Theme;
use tera::{Context, Tera};

/// Loads every template of the theme into one Tera.
pub fn load(theme: &Theme, diags: &mut Vec<Diagnostic>) -> Option<Tera> {
    let mut sources = Vec::with_capacity(theme.templates.len());
    let mut ok = true;
    for (name, source) in &theme.templates {
        match source.read() {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => sources.push((name.clone(), text)),
                Err(_) => {
                    diags.push(Diagnostic::file(
                        source.label(name),
                        "template is not UTF-8 text",
                    ));
                    ok = false;
                }
            },
            Err(d) => {
                diags.push(d);
                ok = false;
            }
        }
    }
    let mut tera = Tera::new();
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        let label = theme
            .templates
            .iter()
            .find(|(n, _)| e.to_string().contains(n.as_str()))
            .map(|(n, s)| s.label(n))
            .unwrap_or_else(|| "templates".into());
        diags.push(Diagnostic::file(
            label,
            format!("template error: {}", flatten(&e)),
        ));
        return None;
    }
    ok.then_some(tera)
}

/// A Tera error and its causes on one line.
pub fn flatten(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A copy of `base` with `globals` as its global context.
pub fn with_globals(base: &Tera, globals: Context) -> Tera {
    let mut tera = base.clone();
    tera.global_context().extend(globals);
    tera
}
