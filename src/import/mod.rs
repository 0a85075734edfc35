//! `etalase import`: an office's spreadsheet (CSV, XLSX, ODS) into entries
//! in the site's format, with every row accounted for in a report.

mod clean;
pub(crate) mod columns;
mod edit;
mod mapfile;
mod matching;
mod merge;
mod products;
mod report;
mod row;
mod table;

use crate::config::Config;
use crate::load::SiteRoot;
use crate::message::Message;
use crate::model::Kind;
use crate::schema::EntryField;
use columns::Target;
use merge::{key_of, unique_slug, Existing, Match, Output};
use row::Row;
use serde_yaml::Value;
use std::path::{Path, PathBuf};

pub struct ImportOptions {
    /// The site folder (holding site.yaml).
    pub root: PathBuf,
    pub file: PathBuf,
    /// `umkm`, `koperasi` or `pkl`.
    pub kind: String,
    pub sheet: Option<String>,
    /// A YAML file naming columns: `columns: {"Header": target}`, and
    /// optionally `key: "Header"` (what identifies a row on re-import).
    pub map: Option<PathBuf>,
    /// The folder under the site to write into (`content/umkm`, ...).
    pub into: Option<String>,
    /// `files` (one per entry) or `list` (one list file per sheet);
    /// without it, a list for PKL and files for the others.
    pub layout: Option<String>,
    pub dry_run: bool,
}

/// What happened to one row.
pub struct RowReport {
    /// `Sheet1!A5`
    pub cell: String,
    pub status: RowStatus,
    pub slug: String,
    /// Why it was rejected, or the guesses made for it, each with its cell.
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RowStatus {
    Imported,
    Updated,
    Rejected,
    /// Matched an entry that already says what the row says.
    Unchanged,
    /// Fits more than one entry, or an entry another row fits too, or a
    /// hand-written one: nothing written for it.
    Conflict,
    /// Not a row of the table: a title above it, a total or a signature
    /// block below it.
    Skipped,
}

impl RowStatus {
    pub fn label(self) -> &'static str {
        match self {
            RowStatus::Imported => "diimpor",
            RowStatus::Updated => "diperbarui",
            RowStatus::Rejected => "ditolak",
            RowStatus::Unchanged => "tidak berubah",
            RowStatus::Conflict => "konflik",
            RowStatus::Skipped => "dilewati",
        }
    }
}

pub struct ImportReport {
    /// What each column became (`Nama Usaha -> name`).
    pub columns: Vec<String>,
    pub rows: Vec<RowReport>,
    /// The report CSV written beside the input.
    pub report: PathBuf,
    /// Files written (none in a dry run), site paths.
    pub files: Vec<String>,
}

/// One column: its header, letter index and target.
pub(super) struct Column {
    pub(super) header: String,
    pub(super) index: usize,
    pub(super) target: Target,
}

pub fn import(opts: &ImportOptions) -> Result<ImportReport, Message> {
    let kind = match opts.kind.as_str() {
        "umkm" => Kind::Umkm,
        "koperasi" => Kind::Koperasi,
        "pkl" => Kind::Pkl,
        other => {
            return Err(msg!(
                "--kind harus umkm, koperasi atau pkl, tertulis \"{other}\"",
                "--kind must be umkm, koperasi or pkl, found \"{other}\""
            ))
        }
    };
    let (root, config) = site_config(&opts.root)?;
    let table = table::read(&opts.file, opts.sheet.as_deref(), kind.folder())?;
    let map = mapfile::read(opts.map.as_deref())?;
    let named = |h: &str| {
        map.columns
            .iter()
            .any(|(m, _)| columns::header_key(m) == columns::header_key(h))
    };
    let Some(header_row) = columns::header_row(&table.rows, kind, named) else {
        let shown = opts.file.display();
        return Err(msg!(
            "{shown}: baris judul kolom tidak ditemukan di 30 baris pertama (dicari judul seperti \"Nama Usaha\", \"Kategori\", \"Kecamatan\"); sebutkan kolomnya di berkas peta",
            "{shown}: no header row in the first 30 rows (looked for headers such as \"Nama Usaha\", \"Kategori\", \"Kecamatan\"); name the columns in a map file"
        ));
    };
    let mut cols = Vec::new();
    let mut column_lines = Vec::new();
    for (index, header) in table.rows[header_row].iter().enumerate() {
        let named = map
            .columns
            .iter()
            .find(|(h, _)| columns::header_key(h) == columns::header_key(header));
        let target = match named {
            Some((_, t)) => columns::named(t, header, kind).ok_or_else(|| {
                let k = &opts.kind;
                msg!(
                    "berkas peta: kolom \"{header}\" diarahkan ke \"{t}\", yang bukan kolom {k} yang dikenal",
                    "map file: column \"{header}\" is mapped to \"{t}\", which is not a known {k} field"
                )
            })?,
            None => columns::recognise(header, kind),
        };
        if header.is_empty()
            && !table.rows[header_row + 1..]
                .iter()
                .any(|r| r.get(index).is_some_and(|c| !c.is_empty()))
        {
            continue; // an empty column with no header
        }
        // Data under no header is kept, under its column's letter.
        let target = match target {
            Target::Skip if header.is_empty() => {
                let letter = table::cell_ref(index, 0);
                Target::Extra(format!(
                    "kolom_{}",
                    letter.trim_end_matches('1').to_lowercase()
                ))
            }
            t => t,
        };
        cols.push(Column {
            header: header.clone(),
            index,
            target,
        });
    }
    let notes = columns::settle_conflicts(&mut cols, |h| named(h))?;
    for c in &cols {
        let note = notes
            .iter()
            .find(|(i, _)| *i == c.index)
            .map(|(_, n)| format!(" ({n})"))
            .unwrap_or_default();
        column_lines.push(format!(
            "{} ({}) -> {}{note}",
            c.header,
            table::cell_ref(c.index, header_row),
            row::describe(&c.target)
        ));
    }
    // The products sheet of Etalase's workbook: a row per product, folded
    // into one per entry; it changes the products of entries that exist.
    let products_only = products::is_products_sheet(&cols);
    let mut table = table;
    let mut rows = Vec::new();
    if products_only {
        let sheet = table.sheet.clone();
        rows = products::fold(&mut table.rows, header_row, &cols, kind, &sheet);
    }
    for needed in
        [EntryField::Name, EntryField::Category, EntryField::District].map(EntryField::key)
    {
        if products_only {
            break;
        }
        if !cols.iter().any(|c| c.target == Target::Field(needed)) {
            return Err(msg!(
                "lembar tidak punya kolom untuk `{needed}` (misalnya \"Nama Usaha\", \"Kategori\", \"Kecamatan\"); tambahkan kolomnya atau sebutkan di berkas peta",
                "the sheet has no column for `{needed}` (such as \"Nama Usaha\", \"Kategori\", \"Kecamatan\"); add it, or name it in the map file"
            ));
        }
    }
    let folder = opts
        .into
        .clone()
        .unwrap_or_else(|| format!("content/{}", kind.folder()));
    let folder = folder.trim_matches('/').to_string();
    if !folder.starts_with("content/") || folder.split('/').any(|p| p == ".." || p.is_empty()) {
        return Err(msg!(
            "--into harus folder di dalam content/, tertulis \"{folder}\"",
            "--into must be a folder inside content/, found \"{folder}\""
        ));
    }
    // The key a re-import matches rows by: the map's, else NIB.
    let key_col = match &map.key {
        Some(h) => Some(
            cols.iter()
                .position(|c| columns::header_key(&c.header) == columns::header_key(h))
                .ok_or_else(|| {
                    msg!(
                        "berkas peta: kolom kunci \"{h}\" tidak ada di lembar",
                        "map file: the key column \"{h}\" is not in the sheet"
                    )
                })?,
        ),
        None => cols
            .iter()
            .position(|c| c.target == Target::Field(EntryField::Nib.key())),
    };
    let list_file = match opts.layout.as_deref() {
        Some("list") => true,
        Some("files") => false,
        _ => kind == Kind::Pkl,
    };
    // The list file's name: the sheet's file, or `daftar` when its name
    // has no letter or digit (never a hidden `.yaml`).
    let stem = match crate::slug::slugify(&report::file_stem(&opts.file)) {
        s if s.is_empty() => "daftar".to_string(),
        s => s,
    };
    // Where the key's value sits in an entry written before: a field, or
    // a key of `extra` or `private`.
    let key_at: (Option<&str>, String) = match key_col.map(|k| &cols[k].target) {
        Some(Target::Field(f)) => (None, (*f).to_string()),
        Some(Target::Extra(k)) => (Some(EntryField::Extra.key()), k.clone()),
        Some(Target::Private(k)) => (Some(EntryField::Private.key()), k.clone()),
        _ => (None, EntryField::Nib.key().into()),
    };
    // The site's entry files, found once as the pipeline's discover stage
    // finds them (its problems are `check`'s to report).
    let site_files = crate::load::discover(&root, &mut Vec::new());
    let existing = Existing::read(&site_files, &config, kind, &key_at)?;
    let programmes = merge::programme_slugs(&site_files);
    let mut slugs = existing.slugs.clone();
    let mut out = Output::default();
    // The rows that make an entry, matched: written after all are known.
    let mut pending = Vec::new();
    // What stands above the header: the sheet's title and subtitle.
    for (r, cells) in table.rows.iter().enumerate().take(header_row) {
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push(RowReport {
                cell: format!("{}!{}", table.sheet, table::cell_ref(0, r)),
                status: RowStatus::Skipped,
                slug: String::new(),
                notes: vec!["di atas baris judul kolom (judul lembar)".into()],
            });
        }
    }
    let filled = |cells: &[String], field: &'static str| {
        cols.iter()
            .filter(|c| c.target == Target::Field(field))
            .any(|c| cells.get(c.index).is_some_and(|v| !v.trim().is_empty()))
    };
    for (r, cells) in table.rows.iter().enumerate().skip(header_row + 1) {
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        // A total row, a note or a signature block: no name, no category,
        // no kecamatan. Said in the report, not rejected as a business.
        let [name, category, district] =
            [EntryField::Name, EntryField::Category, EntryField::District].map(EntryField::key);
        let place = filled(cells, category) || filled(cells, district);
        let in_row = cells.iter().filter(|c| !c.trim().is_empty()).count();
        let total = cols
            .iter()
            .filter(|c| c.target == Target::Field(name))
            .filter_map(|c| cells.get(c.index))
            .any(|v| {
                let k = columns::header_key(v);
                ["jumlah", "total", "subtotal", "grandtotal", "jumlahtotal"].contains(&k.as_str())
            });
        // The table of all kinds: a row of another kind is not this one's.
        let other_kind = cols
            .iter()
            .filter(|c| c.target == Target::Kind)
            .filter_map(|c| cells.get(c.index))
            .map(|v| v.trim().to_lowercase())
            .find(|v| !v.is_empty() && v != kind.folder());
        if let Some(k) = other_kind {
            rows.push(RowReport {
                cell: format!("{}!{}", table.sheet, table::cell_ref(0, r)),
                status: RowStatus::Skipped,
                slug: String::new(),
                notes: vec![format!("baris {k}: impor dengan --kind {k} untuk itu")],
            });
            continue;
        }
        let no_business = if products_only {
            false
        } else if filled(cells, name) {
            total && !place
        } else {
            !place || in_row <= 2
        };
        if no_business {
            rows.push(RowReport {
                cell: format!("{}!{}", table.sheet, table::cell_ref(0, r)),
                status: RowStatus::Skipped,
                slug: String::new(),
                notes: vec![
                    "bukan baris usaha: tanpa nama, kategori dan kecamatan (jumlah, catatan atau tanda tangan)"
                        .into(),
                ],
            });
            continue;
        }
        let cell = |c: &Column| table::cell_ref(c.index, r);
        let at = format!("{}!{}", table.sheet, table::cell_ref(0, r));
        let mut row = Row::new(&config, &programmes);
        row.partial = products_only;
        for c in &cols {
            row.has_column(c);
            let Some(v) = cells.get(c.index).filter(|v| !v.trim().is_empty()) else {
                row.clear(c);
                continue;
            };
            let v = clean::unguarded(v);
            // The office's own word for a value, from the map file.
            let field = match &c.target {
                Target::Field(f) => Some(*f),
                Target::Certificate(k) => Some(*k),
                _ => None,
            };
            match field.and_then(|f| map.value(f, v)) {
                Some(to) => {
                    row.guesses.push(format!(
                        "{}: \"{}\" ditulis \"{to}\" (berkas peta)",
                        cell(c),
                        v.trim()
                    ));
                    row.set(c, to, &cell(c));
                }
                None => row.set(c, v, &cell(c)),
            }
        }
        // "-", "Belum Ada": no key, so never the key of another row.
        let key = key_col
            .and_then(|k| cells.get(cols[k].index))
            .filter(|v| !v.is_empty() && !clean::placeholder(v) && v.trim() != "0")
            .map(|v| key_of(v));
        match row.finish() {
            Err(reasons) => {
                rows.push(RowReport {
                    cell: at,
                    status: RowStatus::Rejected,
                    slug: String::new(),
                    notes: reasons,
                });
                continue;
            }
            Ok(map) => {
                let text = |f: EntryField| {
                    map.get(f.key())
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                };
                let found = existing.find(
                    map.get(EntryField::Slug.key()).and_then(Value::as_str),
                    row.file.as_deref(),
                    key.as_deref(),
                    &text(EntryField::Name),
                    config.district(&text(EntryField::District)),
                    &text(EntryField::Village),
                );
                pending.push((at, map, row.guesses, row.district_name.clone(), found));
            }
        }
    }
    // Two rows that fit one entry: neither is written.
    let mut claimed: std::collections::HashMap<usize, usize> = Default::default();
    for (_, _, _, _, found) in &pending {
        if let Match::One(i) = found {
            *claimed.entry(*i).or_default() += 1;
        }
    }
    for (at, map, mut notes, district_name, found) in pending {
        let conflict = |notes: &mut Vec<String>, why: String| {
            notes.push(why);
            (RowStatus::Conflict, String::new())
        };
        let (status, slug) = match found {
            Match::Many(list) => {
                let places: Vec<String> = list.iter().map(|&i| existing.place(i)).collect();
                conflict(
                    &mut notes,
                    format!("cocok dengan lebih dari satu entri ({}); tidak ada yang ditulis: beri kolom slug", places.join(", ")),
                )
            }
            Match::One(i) if claimed[&i] > 1 => conflict(
                &mut notes,
                format!(
                    "baris lain di lembar ini juga cocok dengan {}; tidak ada yang ditulis",
                    existing.place(i)
                ),
            ),
            Match::One(i) => {
                let prev = existing.get(i);
                let mut map = map;
                // A place named as the entry names it (an alias, another
                // spelling) is no change.
                let text = |m: &serde_yaml::Mapping, f: EntryField| {
                    m.get(f.key()).and_then(Value::as_str).map(str::to_string)
                };
                if let Some(d) = text(&map, EntryField::District) {
                    if config.district(&d).is_some() && config.district(&d) == prev.district {
                        map.remove(EntryField::District.key());
                    }
                }
                if let Some(v) = text(&map, EntryField::Village) {
                    if crate::places::match_key(&v) == prev.village {
                        map.remove(EntryField::Village.key());
                    }
                }
                out.update(prev, map);
                (RowStatus::Updated, prev.slug.clone())
            }
            Match::New if products_only => {
                notes.push(format!(
                    "tidak ada entri {} dengan slug ini; lembar produk hanya mengubah produk entri yang ada",
                    kind.folder()
                ));
                (RowStatus::Rejected, String::new())
            }
            Match::New => {
                let name = map
                    .get(EntryField::Name.key())
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let slug = unique_slug(&name, &district_name, &mut slugs);
                out.add(slug.clone(), row::settled(&map));
                (RowStatus::Imported, slug)
            }
        };
        rows.push(RowReport {
            cell: at,
            status,
            slug,
            notes,
        });
    }
    // In the sheet's order (rows matched later come back to their place).
    let row_number = |cell: &str| -> usize {
        let tail = cell.rsplit('!').next().unwrap_or(cell);
        tail.trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .unwrap_or(0)
    };
    rows.sort_by_key(|r| row_number(&r.cell));
    // Headers, sheet names and cells come from the office's file: shown
    // on one line, with no escape sequence for the terminal.
    let one_line = |s: &mut String| *s = crate::text::one_line(s).into_owned();
    for r in &mut rows {
        one_line(&mut r.cell);
        r.notes.iter_mut().for_each(one_line);
    }
    column_lines.iter_mut().for_each(one_line);
    // A products sheet serves every kind: one report per kind.
    let sheet = if products_only {
        format!("{}-{}", table.sheet, kind.folder())
    } else {
        table.sheet.clone()
    };
    let report = report::path(&opts.file, &sheet);
    let private = format!("{}/{}", crate::load::PRIVATE, kind.folder());
    let (files, unchanged) = out.write(
        &opts.root,
        &folder,
        list_file,
        &stem,
        &private,
        opts.dry_run,
    )?;
    for r in &mut rows {
        if r.status == RowStatus::Updated && unchanged.contains(&r.slug) {
            r.status = RowStatus::Unchanged;
        }
    }
    report::write(&report, &rows)?;
    Ok(ImportReport {
        columns: column_lines,
        rows,
        report,
        files,
    })
}

/// The site and its site.yaml, read as the pipeline reads them (inside
/// the site only); a site.yaml with problems stops the import before
/// anything is written.
fn site_config(root: &Path) -> Result<(SiteRoot, Config), Message> {
    let root = crate::pipeline::open_site(root)?;
    let mut diags = Vec::new();
    let broken = || {
        msg!(
            "site.yaml bermasalah; jalankan `etalase check` dan perbaiki dulu",
            "site.yaml has problems; run `etalase check` and fix them first"
        )
    };
    match crate::pipeline::read_config(&root, &mut diags) {
        Ok(Some(c))
            if diags
                .iter()
                .all(|d| d.severity() != crate::diagnostic::Severity::Error) =>
        {
            Ok((root, c))
        }
        Ok(_) | Err(crate::pipeline::BuildError::Content(_)) => Err(broken()),
        Err(crate::pipeline::BuildError::Usage(m) | crate::pipeline::BuildError::Io(m)) => Err(m),
    }
}
