//! Tera set up once per UI language: the theme's templates, and the
//! values every page shares (site, UI strings, asset addresses) in Tera's
//! global context, so they are not rebuilt for each page.

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::theme::Theme;
use tera::{Context, Kwargs, State, Tera, TeraResult};

/// Loads every template of the theme into one Tera.
pub(super) fn load(theme: &Theme, diags: &mut Vec<Diagnostic>) -> Option<Tera> {
    let mut sources = Vec::with_capacity(theme.templates.len());
    let mut ok = true;
    for (name, source) in &theme.templates {
        match source.read() {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => sources.push((name.clone(), text)),
                Err(_) => {
                    diags.push(Diagnostic::file(
                        Code::TemplateError,
                        source.label(name),
                        msg!("templat bukan teks UTF-8", "template is not UTF-8 text"),
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
    // Tera stops at the first broken template; so the broken one is set
    // aside and the rest tried again, until all load, to report every
    // broken template in one run, each at its line and column.
    let mut broken: Vec<String> = Vec::new();
    loop {
        let mut tera = new_tera();
        let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        else {
            return (ok && broken.is_empty()).then_some(tera);
        };
        let text = flatten(&e);
        let culprit = sources
            .iter()
            .position(|(n, _)| text.contains(&format!("--> {n}:")))
            .or_else(|| sources.iter().position(|(n, _)| text.contains(n.as_str())));
        let Some(at) = culprit else {
            diags.push(Diagnostic::file(
                Code::TemplateError,
                "templates",
                msg!("templat salah: {text}", "template error: {text}"),
            ));
            return None;
        };
        let (name, _) = sources.remove(at);
        // A template that only fails for want of one set aside before
        // (one that extends a broken base.html) is not reported again.
        let follows = broken.iter().any(|b| text.contains(b.as_str()));
        broken.push(name.clone());
        if follows {
            continue;
        }
        let label = theme.templates[&name].label(&name);
        diags.push(match located(&text, &name) {
            Some((pos, message)) => Diagnostic::at(
                Code::TemplateError,
                label,
                pos,
                msg!("templat salah: {message}", "template error: {message}"),
            ),
            None => Diagnostic::file(
                Code::TemplateError,
                label,
                msg!("templat salah: {text}", "template error: {text}"),
            ),
        });
    }
}

/// The place Tera gives for an error in template `name` (`--> name:3:7`),
/// and the message without Tera's drawing of the line.
fn located(text: &str, name: &str) -> Option<(Pos, String)> {
    let marker = format!("--> {name}:");
    let at = text.find(&marker)?;
    let mut numbers = text[at + marker.len()..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let line = numbers.next()?.parse().ok()?;
    let column = numbers.next()?.parse().ok()?;
    let message = text[..at].trim().trim_start_matches("error:").trim();
    Some((Pos::new(line, column), message.to_string()))
}

/// A Tera with the filters the templates may use: filters must exist when
/// templates are added.
fn new_tera() -> Tera {
    let mut tera = Tera::new();
    // Ours stops a page whose time is up (budget.rs).
    tera.register_function("range", super::budget::range);
    // Each language replaces this one with its own separator
    // (`with_globals`).
    tera.register_filter("num", |n: i64, _: Kwargs, _: &State| group_digits(n, "."));
    // Each render replaces this one with the theme's files (`with_globals`).
    tera.register_function("asset", |_: Kwargs, _: &State| -> TeraResult<String> {
        Err(tera::Error::message("no static files yet"))
    });
    // For addresses that come from free-form data (`site.extra`): only
    // http(s), mailto, tel and relative addresses pass, the rest is `#`.
    // `tel:+62…` for a phone number from free-form data (`site.extra`),
    // read as the format reads phones; empty when it is not one.
    tera.register_filter("tel", |raw: &str, _: Kwargs, _: &State| {
        crate::values::phone(raw)
            .map(|p| format!("tel:+{}", p.digits))
            .unwrap_or_default()
    });
    tera.register_filter(
        "safe_url",
        |url: tera::Value, _: Kwargs, _: &State| match url.as_str() {
            Some(u) if crate::markdown::is_safe_url(u) => u.to_string(),
            _ => "#".to_string(),
        },
    );
    tera
}

/// A Tera error and its causes on one line.
pub(super) fn flatten(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A copy of `base` for one language: `globals` as its global context,
/// the `num` filter writing numbers with that language's thousands
/// separator (`2.031` in Indonesian), and the `asset` function giving the
/// address of a static file of the theme by its path.
pub(super) fn with_globals(
    base: &Tera,
    globals: Context,
    separator: String,
    assets: std::sync::Arc<super::assets::Assets>,
) -> Tera {
    let mut tera = base.clone();
    tera.global_context().extend(globals);
    tera.register_function("asset", move |kwargs: Kwargs, _: &State| {
        let path = kwargs.must_get::<&str>("path")?;
        assets.url(path).map(str::to_string).ok_or_else(|| {
            tera::Error::message(format!(
                "the theme has no static file `{path}` (themes/NAME/static/{path})"
            ))
        })
    });
    tera.register_filter("num", move |n: i64, _: Kwargs, _: &State| {
        group_digits(n, &separator)
    });
    tera
}

/// `2031` -> `2.031` with `.` as separator.
pub(super) fn group_digits(n: i64, separator: &str) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_digits() {
        assert_eq!(super::group_digits(2031, "."), "2.031");
        assert_eq!(super::group_digits(100000, ","), "100,000");
        assert_eq!(super::group_digits(7, "."), "7");
    }
}
