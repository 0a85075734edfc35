//! `etalase new`: one new UMKM, koperasi, PKL, programme, event or page,
//! written as a Markdown file with front matter (the form of the sample's
//! single items) in `content/KIND/SLUG.md`.
//!
//! Its fields are the schema's, in the schema's order: the required ones
//! first, holding the given name or a `<GANTI: …>` placeholder, then every
//! other field of the kind as a commented-out example. Each carries the
//! schema's meaning for the staff guide as its comment, and the site's own
//! categories, kecamatan and programmes as the choices. A placeholder is
//! refused when the file is read (`load::placeholder`), so the new file
//! fails `check` until its author has replaced them, and is never
//! published half written.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::{self, placeholder};
use crate::message::{Lang, Message};
use crate::model::Kind;
use crate::schema::{self, Def, EntryField, EventField, PageField, ProgrammeField};
use crate::text::json_string;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What `etalase new` is asked to write.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The site folder: the one holding site.yaml.
    pub root: PathBuf,
    /// `umkm`, `koperasi`, `pkl`, `program`, `acara` or `halaman`.
    pub kind: String,
    /// The name of the business, programme or event, or the page's title;
    /// the file is named after it.
    pub name: String,
}

/// What `etalase new` wrote.
#[derive(Debug)]
pub struct NewReport {
    /// The new file: the site folder as given, joined with `rel`.
    pub file: PathBuf,
    /// The new file in the site: `content/umkm/warung-bu-sri.md`.
    pub rel: String,
    pub slug: String,
    /// The lines that hold a placeholder, in order.
    pub placeholders: Vec<u32>,
}

/// Writes a new item of `opts.kind` named `opts.name` into the site. Never
/// overwrites a file, and refuses a name whose address another item of the
/// same kind has, anywhere in the site (list files included).
pub fn new_item(opts: &NewOptions) -> Result<NewReport, Message> {
    let k = &opts.kind;
    let kind = Kind::from_folder(k).ok_or_else(|| {
        msg!(
            "jenis \"{k}\" tidak dikenal; pilih umkm, koperasi, pkl, program, acara atau halaman",
            "unknown kind \"{k}\"; choose umkm, koperasi, pkl, program, acara or halaman"
        )
    })?;
    let name = opts.name.trim();
    let slug = crate::slug::slugify(name);
    slug_usable(name, &slug)?;
    let site = Site::read(&opts.root)?;
    let rel = format!("content/{}/{slug}.md", kind.folder());
    let path = site.root.path.join(&rel);
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(exists(&rel));
    }
    if let Some(place) = site.taken(kind, &slug) {
        let (id, en) = label(kind);
        return Err(msg!(
            "alamat web `{slug}` sudah dipakai {id} lain, di {place}; pakai nama lain (misalnya dengan nama kelurahannya), atau ubah berkas itu",
            "the address `{slug}` is already taken by another {en}, in {place}; use another name (with its kelurahan, for example), or edit that file"
        ));
    }
    if kind == Kind::Halaman
        && (crate::paths::TOP_LEVEL.contains(&slug.as_str())
            || site.config.languages.contains(&slug))
    {
        return Err(msg!(
            "alamat /{slug}/ dipakai situs sendiri; pakai judul lain",
            "the address /{slug}/ is used by the site itself; use another title"
        ));
    }
    let text = template(kind, name, &slug, &site.choices());
    write_new(&site.root, &rel, &text)?;
    Ok(NewReport {
        file: opts.root.join(&rel),
        rel,
        slug,
        placeholders: placeholder::find(&text)
            .into_iter()
            .map(|(p, _)| p.line)
            .collect(),
    })
}

/// The problems of a name's slug that need no look at the site.
fn slug_usable(name: &str, slug: &str) -> Result<(), Message> {
    if slug.is_empty() {
        return Err(msg!(
            "nama \"{name}\" tidak bisa menjadi alamat web atau nama berkas: pakai huruf atau angka",
            "the name \"{name}\" gives no address or file name: use letters or digits"
        ));
    }
    // The file is SLUG.md, and a file system allows 255 bytes a name.
    let most = crate::validate::MAX_SLUG - ".md".len();
    let n = slug.len();
    if n > most {
        return Err(msg!(
            "nama ini terlalu panjang: alamat webnya {n} huruf, paling banyak {most}; pakai nama yang lebih pendek",
            "this name is too long: its address has {n} characters, at most {most}; use a shorter name"
        ));
    }
    if slug == crate::paths::PAGED {
        return Err(msg!(
            "alamat web `{slug}` dipakai untuk halaman daftar berikutnya (…/halaman/2/); pakai nama lain",
            "the address `{slug}` is reserved for listing pages (…/halaman/2/); use another name"
        ));
    }
    Ok(())
}

fn exists(rel: &str) -> Message {
    msg!(
        "{rel} sudah ada; `etalase new` tidak menimpa berkas: ubah berkas itu, atau pakai nama lain",
        "{rel} already exists; `etalase new` does not overwrite a file: edit that file, or use another name"
    )
}

/// What an item of `kind` is called in a sentence: Indonesian, English.
fn label(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Umkm => ("UMKM", "UMKM entry"),
        Kind::Koperasi => ("koperasi", "cooperative"),
        Kind::Pkl => ("PKL", "street vendor"),
        Kind::Program => ("program", "programme"),
        Kind::Acara => ("acara", "event"),
        Kind::Halaman => ("halaman", "page"),
    }
}

/// The site as `new` needs it: its settings and the slug every item
/// claims.
struct Site {
    root: load::SiteRoot,
    config: Config,
    /// Kind, slug, and where: `content/pkl/semua.yaml:12`.
    claims: Vec<(Kind, String, String)>,
}

impl Site {
    /// Reads site.yaml, then every item through the build's own reading
    /// and checks, so a slug is taken exactly when `check` would say so;
    /// items with problems claim theirs too.
    fn read(dir: &Path) -> Result<Site, Message> {
        let root = crate::pipeline::open_site(dir)?;
        let mut diags = Vec::new();
        let config = match crate::pipeline::read_config(&root, &mut diags) {
            Ok(Some(config)) => config,
            Ok(None) => return Err(unusable_config(&diags)),
            Err(crate::BuildError::Usage(m) | crate::BuildError::Io(m)) => return Err(m),
            Err(crate::BuildError::Content(d)) => return Err(unusable_config(&d)),
        };
        let (files, validated) = crate::pipeline::read_content(&root, &config, &mut diags);
        let read = validated.claims();
        let mut claims: Vec<(Kind, String, String)> = read
            .iter()
            .map(|c| {
                // The line matters in a list file, not at a file's top.
                let at = match c.origin.slug_pos.line {
                    0 | 1 => c.origin.file.clone(),
                    line => format!("{}:{line}", c.origin.file),
                };
                (c.kind, c.slug.to_string(), at)
            })
            .collect();
        // A file of one item that gave none (unreadable, broken YAML,
        // placeholders left) most likely claims its name's slug, as
        // `check` guesses it too.
        let gave: std::collections::HashSet<&str> =
            read.iter().map(|c| c.origin.file.as_str()).collect();
        for f in files.iter().filter(|f| !gave.contains(f.rel.as_str())) {
            let single = f.form == load::Form::Markdown
                || std::fs::read_to_string(&f.abs)
                    .is_ok_and(|t| !t.trim().is_empty() && !load::looks_like_list(&t));
            if single {
                claims.push((f.kind, crate::slug::slugify(f.stem()), f.rel.clone()));
            }
        }
        Ok(Site {
            root,
            config,
            claims,
        })
    }

    /// Where another item of `kind` has `slug`.
    fn taken(&self, kind: Kind, slug: &str) -> Option<&str> {
        self.claims
            .iter()
            .find(|(k, s, _)| *k == kind && s == slug)
            .map(|(_, _, at)| at.as_str())
    }

    /// The site's own values a new item chooses from.
    fn choices(&self) -> Choices {
        let mut programmes: Vec<String> = self
            .claims
            .iter()
            .filter(|(k, _, _)| *k == Kind::Program)
            .map(|(_, s, _)| s.clone())
            .collect();
        programmes.sort();
        programmes.dedup();
        Choices {
            categories: self
                .config
                .categories
                .iter()
                .map(|c| c.slug.clone())
                .collect(),
            districts: self
                .config
                .districts
                .iter()
                .map(|d| d.name.clone())
                .collect(),
            village: self
                .config
                .districts
                .iter()
                .find_map(|d| d.villages.first().cloned()),
            programmes,
        }
    }
}

/// Why site.yaml cannot be used, with its first problem.
fn unusable_config(diags: &[Diagnostic]) -> Message {
    let first = diags.first();
    let (id, en) = (
        first.map(|d| d.render(Lang::Id)).unwrap_or_default(),
        first.map(|d| d.render(Lang::En)).unwrap_or_default(),
    );
    msg!(
        "site.yaml tidak bisa dipakai ({id}); perbaiki dulu, `etalase check` menyebut semua masalahnya",
        "site.yaml cannot be used ({en}); fix it first: `etalase check` lists every problem"
    )
}

/// Writes `text` as the new file `rel`: never over a file (not even one
/// made a moment ago), never through a link that leads out of the site.
fn write_new(root: &load::SiteRoot, rel: &str, text: &str) -> Result<(), Message> {
    let path = root.path.join(rel);
    let fail = |e: std::io::Error| msg!("{rel} tidak bisa ditulis: {e}", "cannot write {rel}: {e}");
    let dir = path.parent().unwrap_or(&root.path);
    let mut at = root.path.clone();
    for part in Path::new(rel)
        .parent()
        .into_iter()
        .flat_map(Path::components)
    {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_ok() && !root.contains(&at) {
            let shown = root.rel(&at);
            return Err(msg!(
                "{shown} adalah tautan simbolik yang rusak atau mengarah ke luar folder situs; `etalase new` tidak menulis lewat tautan itu",
                "{shown} is a symbolic link that is broken or leads outside the site folder; `etalase new` does not write through it"
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(exists(rel)),
        Err(e) => return Err(fail(e)),
    };
    if let Err(e) = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
    {
        // No half-written file is left behind to be taken for an entry.
        let _ = std::fs::remove_file(&path);
        return Err(fail(e));
    }
    Ok(())
}

/// The site's values offered as choices.
#[derive(Debug, Clone, Default)]
pub(crate) struct Choices {
    pub(crate) categories: Vec<String>,
    pub(crate) districts: Vec<String>,
    /// A kelurahan of the site, for the example.
    pub(crate) village: Option<String>,
    pub(crate) programmes: Vec<String>,
}

/// One field of the template.
struct Field {
    key: &'static str,
    required: bool,
    /// The schema's meaning, as a comment.
    meaning: String,
    /// A value as written in YAML, or where the guide shows one.
    example: Example,
    extra: Extra,
}

enum Example {
    Value(String),
    /// "lihat bagian 9.4 di panduan": the value needs more than a line.
    Guide(String),
}

/// What a field has in this template beyond its schema row.
#[derive(Default)]
struct Extra {
    /// Written as its value instead of a placeholder (the name).
    value: Option<String>,
    /// Instead of the schema's example.
    example: Option<String>,
    /// The site's values, listed under it.
    choices: Vec<String>,
    /// A line under it: where its choices are, when they are too many.
    note: Option<&'static str>,
    /// The fields of each item of its list (products).
    items: Vec<Field>,
    /// Not in the front matter: the description is a Markdown file's body.
    skip: bool,
}

/// The fields of `kind` in `defs`, the required ones first, each in the
/// schema's order; `extra` adds what the site or the file knows.
fn fields<F: Copy>(defs: &[Def<F>], kind: Kind, extra: impl Fn(F) -> Extra) -> Vec<Field> {
    let own = || defs.iter().filter(|d| d.kinds.contains(&kind));
    let required = own().filter(|d| d.required);
    let optional = own().filter(|d| !d.required);
    required
        .chain(optional)
        .filter_map(|d| {
            let extra = extra(d.field);
            (!extra.skip).then(|| Field {
                key: d.key,
                required: d.required,
                meaning: d.meaning.replace("**", ""),
                example: example(d.example),
                extra,
            })
        })
        .collect()
}

/// The schema's example: `` `15000` `` is the value 15000; anything else
/// ("lihat 9.4") points to the guide.
fn example(text: &str) -> Example {
    if let Some(v) = text.strip_prefix('`').and_then(|t| t.strip_suffix('`')) {
        if !v.contains('`') {
            return Example::Value(v.to_string());
        }
    }
    match text.strip_prefix("lihat ") {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => {
            Example::Guide(format!("lihat bagian {rest} di panduan"))
        }
        Some(rest) => Example::Guide(format!("lihat {rest} di panduan")),
        None => Example::Guide(text.to_string()),
    }
}

/// The fields of a new item of `kind` named `name`, from the schema.
fn kind_fields(kind: Kind, name: &str, slug: &str, site: &Choices) -> Vec<Field> {
    let given = || Extra {
        value: Some(json_string(name)),
        ..Extra::default()
    };
    let own_slug = || Extra {
        example: Some(slug.to_string()),
        ..Extra::default()
    };
    let body = || Extra {
        skip: true,
        ..Extra::default()
    };
    let programmes = || Extra {
        example: site.programmes.first().map(|p| format!("[{p}]")),
        choices: site.programmes.clone(),
        ..Extra::default()
    };
    let districts = || Extra {
        example: site.districts.first().map(|d| json_string(d)),
        choices: site.districts.clone(),
        ..Extra::default()
    };
    match kind {
        Kind::Umkm | Kind::Koperasi | Kind::Pkl => fields(schema::ENTRY, kind, |f| match f {
            EntryField::Name => given(),
            EntryField::Slug => own_slug(),
            EntryField::Description => body(),
            EntryField::Category => Extra {
                example: site.categories.first().cloned(),
                choices: site.categories.clone(),
                ..Extra::default()
            },
            EntryField::District => districts(),
            EntryField::Village => Extra {
                example: site.village.as_deref().map(json_string),
                note: Some("kelurahan setiap kecamatan: `villages` kecamatan itu di site.yaml"),
                ..Extra::default()
            },
            EntryField::Programs => programmes(),
            EntryField::Products => Extra {
                items: fields(schema::PRODUCT, kind, |_| Extra::default()),
                ..Extra::default()
            },
            _ => Extra::default(),
        }),
        Kind::Program => fields(schema::PROGRAMME, kind, |f| match f {
            ProgrammeField::Name => given(),
            ProgrammeField::Slug => own_slug(),
            ProgrammeField::Description => body(),
            _ => Extra::default(),
        }),
        Kind::Acara => fields(schema::EVENT, kind, |f| match f {
            EventField::Name => given(),
            EventField::Slug => own_slug(),
            EventField::Description => body(),
            EventField::District => districts(),
            EventField::Programs => programmes(),
            EventField::Participants => Extra {
                note: Some("peserta adalah entri yang ada: umkm/slug, koperasi/slug atau pkl/slug"),
                ..Extra::default()
            },
            _ => Extra::default(),
        }),
        Kind::Halaman => fields(schema::PAGE, kind, |f| match f {
            PageField::Title => given(),
            PageField::Slug => own_slug(),
            PageField::Description => body(),
            _ => Extra::default(),
        }),
    }
}

/// What the body of a new item asks for, as its placeholder.
fn body_placeholder(kind: Kind) -> String {
    placeholder::make(match kind {
        Kind::Umkm => "tulis deskripsi usaha ini: apa yang dibuat atau dijual, sejak kapan, dan cara memesannya; atau hapus baris ini",
        Kind::Koperasi => "tulis deskripsi koperasi ini: kegiatan dan layanannya, dan cara menjadi anggota; atau hapus baris ini",
        Kind::Pkl => "tulis deskripsi dagangan ini: apa yang dijual, di mana dan kapan; atau hapus baris ini",
        Kind::Program => "tulis tujuan program ini, siapa yang boleh ikut, dan cara mendaftar; atau hapus baris ini",
        Kind::Acara => "tulis tempat dan waktu acara ini, dan cara mendaftar sebagai peserta; atau hapus baris ini",
        Kind::Halaman => "tulis isi halaman ini (Markdown, lihat bagian 15 di panduan)",
    })
}

/// The lines of a template before their comments are aligned: the YAML
/// (or the commented-out YAML) and its comment; an empty first part is a
/// comment line of its own.
type Lines = Vec<(String, String)>;

/// The comment column: wide enough for most keys and examples.
const COMMENT_AT: usize = 40;
/// Lists of choices wrap before this column.
const WIDTH: usize = 78;

/// The new file's text.
pub(crate) fn template(kind: Kind, name: &str, slug: &str, site: &Choices) -> String {
    let fields = kind_fields(kind, name, slug, site);
    let heading = match kind {
        Kind::Umkm => "UMKM",
        Kind::Koperasi => "Koperasi",
        Kind::Pkl => "PKL (pedagang kaki lima)",
        Kind::Program => "Program",
        Kind::Acara => "Acara",
        Kind::Halaman => "Halaman",
    };
    let mut out = String::from("---\n");
    let _ = writeln!(out, "# {heading} baru, ditulis oleh `etalase new`.");
    // No placeholder in these lines: they stay when every one is replaced.
    out.push_str(
        "# Ganti setiap isian yang diawali GANTI, juga di bawah front matter, dengan\n\
         # isi yang sebenarnya: `etalase check` menolak berkas ini sebelum semuanya\n\
         # diganti. Baris yang diawali # tidak dibaca; untuk mengisi kolom lain, hapus\n\
         # tanda # di depannya lalu ganti contohnya. Nomor bagian merujuk ke Panduan\n\
         # Format Data Etalase (docs/panduan-format.md).\n\n",
    );
    let mut lines: Lines = Vec::new();
    lines.push((String::new(), "Wajib:".into()));
    for f in fields.iter().filter(|f| f.required) {
        required_lines(f, &mut lines);
    }
    lines.push((String::new(), String::new()));
    lines.push((
        String::new(),
        "Tidak wajib (hapus tanda # di depan kolom untuk memakainya):".into(),
    ));
    for f in fields.iter().filter(|f| !f.required) {
        optional_lines(f, &mut lines);
    }
    aligned(&lines, &mut out);
    out.push_str("---\n");
    out.push_str(&body_placeholder(kind));
    out.push('\n');
    out
}

fn required_lines(f: &Field, lines: &mut Lines) {
    let key = f.key;
    match &f.extra.value {
        Some(v) => lines.push((format!("{key}: {v}"), f.meaning.clone())),
        None => {
            let value = json_string(&placeholder::make(&f.meaning));
            let comment = match (&f.example, f.extra.choices.is_empty()) {
                (Example::Value(v), true) => format!("contoh: {v}"),
                (Example::Guide(g), true) => g.clone(),
                (_, false) => String::new(),
            };
            lines.push((format!("{key}: {value}"), comment));
        }
    }
    more_lines(f, lines);
}

fn optional_lines(f: &Field, lines: &mut Lines) {
    let key = f.key;
    let (code, comment) = match (&f.extra.example, &f.example) {
        (Some(v), _) | (None, Example::Value(v)) => (format!("# {key}: {v}"), f.meaning.clone()),
        (None, Example::Guide(g)) => (format!("# {key}:"), format!("{}; {g}", f.meaning)),
    };
    lines.push((code, comment));
    more_lines(f, lines);
    // The fields of a list's items, the first one opening the item.
    for (i, item) in f.extra.items.iter().enumerate() {
        let lead = if i == 0 { "  - " } else { "    " };
        let ex = match &item.example {
            Example::Value(v) => v.clone(),
            Example::Guide(_) => String::new(),
        };
        let meaning = if item.required {
            format!("wajib untuk setiap butir: {}", item.meaning)
        } else {
            item.meaning.clone()
        };
        lines.push((format!("# {lead}{}: {ex}", item.key), meaning));
    }
}

/// The choices or the note under a field.
fn more_lines(f: &Field, lines: &mut Lines) {
    if !f.extra.choices.is_empty() {
        let first = "#   pilihan: ".to_string();
        let next = "#     ".to_string();
        let mut line = first.clone();
        for (i, c) in f.extra.choices.iter().enumerate() {
            let piece = if i + 1 < f.extra.choices.len() {
                format!("{c},")
            } else {
                c.clone()
            };
            let fresh = line == first || line == next;
            if !fresh && line.chars().count() + 1 + piece.chars().count() > WIDTH {
                lines.push((line.trim_end().to_string(), String::new()));
                line = next.clone();
            }
            if !(line == first || line == next) {
                line.push(' ');
            }
            line.push_str(&piece);
        }
        lines.push((line, String::new()));
    }
    if let Some(note) = f.extra.note {
        lines.push((format!("#   {note}"), String::new()));
    }
}

/// Writes `lines` with their comments in one column.
fn aligned(lines: &Lines, out: &mut String) {
    for (code, comment) in lines {
        match (code.is_empty(), comment.is_empty()) {
            (true, true) => out.push('\n'),
            (true, false) => {
                let _ = writeln!(out, "# {comment}");
            }
            (false, true) => {
                let _ = writeln!(out, "{code}");
            }
            (false, false) => {
                let pad = COMMENT_AT.saturating_sub(code.chars().count()).max(2);
                let _ = writeln!(out, "{code}{:pad$}# {comment}", "");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Choices {
        Choices {
            categories: vec!["kuliner".into(), "kerajinan".into()],
            districts: vec!["Bekasi Timur".into(), "Medansatria".into()],
            village: Some("Durenjaya".into()),
            programmes: vec!["opop".into()],
        }
    }

    /// The front matter's lines, and whether each is a field written out
    /// (`key:`) or commented out (`# key:`), by key.
    fn keys(text: &str) -> (Vec<String>, Vec<String>) {
        let yaml = text.split("---\n").nth(1).unwrap();
        let key = |l: &str| {
            let k = l.split(':').next()?;
            (!k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
                .then(|| k.to_string())
        };
        let written = yaml.lines().filter_map(key).collect();
        let commented = yaml
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter_map(key)
            .collect();
        (written, commented)
    }

    /// Every field of every kind is in its template, from the schema:
    /// the required ones written out first, the others commented out, the
    /// description as the body.
    #[test]
    fn every_field_of_the_schema_is_offered() {
        fn expect<F>(defs: &[Def<F>], kind: Kind) -> (Vec<String>, Vec<String>) {
            let own = || defs.iter().filter(|d| d.kinds.contains(&kind));
            let required = own().filter(|d| d.required).map(|d| d.key.to_string());
            let optional = own()
                .filter(|d| !d.required && d.key != "description")
                .map(|d| d.key.to_string());
            (required.collect(), optional.collect())
        }
        for kind in Kind::ALL {
            let text = template(kind, "Uji Coba", "uji-coba", &site());
            let (written, commented) = keys(&text);
            let (required, optional) = match kind {
                Kind::Program => expect(schema::PROGRAMME, kind),
                Kind::Acara => expect(schema::EVENT, kind),
                Kind::Halaman => expect(schema::PAGE, kind),
                _ => expect(schema::ENTRY, kind),
            };
            assert_eq!(written, required, "{kind:?}:\n{text}");
            assert_eq!(commented, optional, "{kind:?}:\n{text}");
            assert!(text.contains("\"Uji Coba\""), "{text}");
        }
    }

    #[test]
    fn a_umkm_has_the_sites_choices_and_placeholders() {
        let text = template(Kind::Umkm, "Warung \"Bu\" Sri", "warung-bu-sri", &site());
        assert!(text.starts_with("---\n# UMKM baru"), "{text}");
        assert!(text.contains("name: \"Warung \\\"Bu\\\" Sri\""), "{text}");
        assert!(
            text.contains("category: \"<GANTI: slug kategori dari `site.yaml`>\"\n#   pilihan: kuliner, kerajinan\n"),
            "{text}"
        );
        assert!(
            text.contains("#   pilihan: Bekasi Timur, Medansatria\n"),
            "{text}"
        );
        assert!(text.contains("# village: \"Durenjaya\""), "{text}");
        assert!(text.contains("# slug: warung-bu-sri "), "{text}");
        assert!(text.contains("# programs: [opop]"), "{text}");
        assert!(text.contains("#   pilihan: opop\n"), "{text}");
        assert!(
            text.contains("#   - name: Keripik Tempe Original"),
            "{text}"
        );
        assert!(text.contains("#     price: 15000"), "{text}");
        assert!(text.contains("# hours:"), "{text}");
        assert!(text.contains("lihat bagian 9.4 di panduan"), "{text}");
        // Two in the front matter, one as the body; none in the comments.
        let found = placeholder::find(&text);
        assert_eq!(found.len(), 3, "{text}");
        let lines: Vec<&str> = text.lines().collect();
        for (pos, _) in &found {
            let line = lines[pos.line as usize - 1];
            assert!(!line.starts_with('#'), "{line}");
        }
        assert!(!text.contains("stall"), "{text}");
        assert!(!text.contains("members"), "{text}");
    }

    #[test]
    fn long_lists_of_choices_wrap() {
        let mut s = site();
        s.districts = (1..=40).map(|i| format!("Kecamatan Nomor {i}")).collect();
        let text = template(Kind::Pkl, "Bakso", "bakso", &s);
        let choices: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("district:"))
            .skip(1)
            .take_while(|l| l.starts_with("#   "))
            .collect();
        assert!(choices.len() > 5, "{text}");
        assert!(choices.iter().all(|l| l.chars().count() <= WIDTH), "{text}");
        let listed = choices.join(" ");
        assert!(listed.contains("Kecamatan Nomor 40"), "{listed}");
        assert!(text.contains("# stall: gerobak"), "{text}");
    }

    #[test]
    fn an_event_needs_its_start_and_a_page_only_its_body() {
        let text = template(Kind::Acara, "Bazaar", "bazaar", &site());
        assert!(
            text.contains("start: \"<GANTI: mulai: tanggal `2026-02-23` atau tanggal dan jam `2026-02-23T15:00`>\""),
            "{text}"
        );
        assert!(text.contains("contoh: 2026-02-23T15:00"), "{text}");
        let page = template(Kind::Halaman, "Kontak", "kontak", &site());
        assert!(page.contains("title: \"Kontak\""), "{page}");
        assert_eq!(placeholder::find(&page).len(), 1, "{page}");
        assert!(
            page.ends_with(
                "---\n<GANTI: tulis isi halaman ini (Markdown, lihat bagian 15 di panduan)>\n"
            ),
            "{page}"
        );
    }

    #[test]
    fn names_without_an_address_are_refused() {
        assert!(slug_usable("🍜", "").is_err());
        assert!(slug_usable("Halaman", "halaman").is_err());
        let long = "a".repeat(253);
        assert!(slug_usable(&long, &long).is_err());
        assert!(slug_usable("Warung", "warung").is_ok());
    }
}
