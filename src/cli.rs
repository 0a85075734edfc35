//! The command line: `etalase init`, `build`, `check`, `import`, `new` and `serve`. Each option is
//! defined once here; its doc comment is its `--help` text.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Etalase builds a public directory website of local businesses (UMKM,
/// cooperatives, street vendors) from a folder of YAML and Markdown files.
#[derive(Parser, Debug)]
#[command(name = "etalase", version, about, long_about = None)]
#[command(
    after_help = "Exit codes:\n  0  the site was built (or checked) without errors\n  1  the site's files have problems (all are listed as path:line:column: message)\n  2  wrong usage, an output folder that may not be used, a read/write failure, or an internal error"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    #[command(
        after_help = "Exit codes: 0 built, 1 content errors, 2 usage or I/O error.\nThe previous output stays untouched unless the build succeeds."
    )]
    Build(BuildArgs),
    /// Run every check of `build` and check every internal link of the
    /// pages it would write; writes nothing.
    #[command(
        after_help = "Exit codes: 0 no errors (warnings may be listed), 1 content errors, 2 usage or I/O error."
    )]
    Check(CheckArgs),
    /// Start a new site for a kota or kabupaten: site.yaml with its
    /// kecamatan and kelurahan/desa, an about page, one example of each
    /// kind of entry, a README and a GitHub Pages workflow.
    #[command(
        after_help = "Examples:\n  etalase init direktori --wilayah \"Kota Bekasi\"\n  etalase init --wilayah 32.75\n\nExit codes: 0 written, 2 an unknown or ambiguous region, a folder that is not empty, or a write failure."
    )]
    Init(InitArgs),
    /// Bring an office's spreadsheet (CSV, XLSX, ODS) into the site as
    /// entries, with a report of every row beside the input.
    #[command(
        after_help = "Examples:\n  etalase import data-umkm.xlsx --kind umkm\n  etalase import pkl.csv --kind pkl --dry-run\n\nExit codes: 0 imported (rows may be rejected: see the report), 2 an unreadable file, a sheet without the needed columns, or a write failure."
    )]
    Import(ImportArgs),
    /// Write a new entry, programme, event or page: one Markdown file in
    /// content/KIND/, named after it, with every field of its kind and the
    /// site's categories and kecamatan to choose from; its required fields
    /// hold GANTI placeholders that `check` refuses until they are replaced.
    #[command(
        after_help = "Examples:\n  etalase new umkm \"Warung Bu Sri\"\n  etalase new acara \"Bazaar Ramadhan 2026\" --root direktori\n\nExit codes: 0 written, 2 not a site, a file that already exists, a name whose address is empty or already taken, or a write failure."
    )]
    New(NewArgs),
    /// Build the site into memory and serve it for a preview: every save
    /// under content/, static/, themes/ or to site.yaml builds again what
    /// it changed and reloads the open pages; problems show on the page.
    #[cfg(feature = "serve")]
    #[command(
        after_help = "Examples:\n  etalase serve\n  etalase serve --root direktori --open\n\nStop it with Ctrl+C. Exit codes: 2 the folder is not a site or the address cannot be used; bad content never stops the server."
    )]
    Serve(ServeArgs),
}

#[cfg(feature = "serve")]
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// The address to listen on; 127.0.0.1 keeps the preview on this
    /// computer, 0.0.0.0 shows it to the local network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub interface: std::net::IpAddr,

    /// The port (default: the first free one from 8000).
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,

    /// A host name the preview answers besides localhost and its addresses
    /// (for example the preview machine's name on the office network);
    /// may be given more than once. Other names are refused (403), so a
    /// web page cannot read the preview through DNS rebinding.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,

    /// Open the site in the web browser once it is served.
    #[arg(long)]
    pub open: bool,
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The spreadsheet: .csv (comma, semicolon or tab), .xlsx, .xls or .ods.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// What the rows are.
    #[arg(long, value_parser = ["umkm", "koperasi", "pkl"])]
    pub kind: String,

    /// The sheet of a workbook (the first when not given).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// A YAML file naming columns the import does not recognise:
    /// `columns: {"Header": field}`, and `key: "Header"` to match re-imports.
    #[arg(long, value_name = "MAP.yaml")]
    pub map: Option<PathBuf>,

    /// The folder to write into, inside content/ (default content/KIND).
    #[arg(long, value_name = "content/...")]
    pub into: Option<String>,

    /// How to write the entries: `files` (one file per entry, the default
    /// for UMKM and koperasi) or `list` (one list file per sheet, the
    /// default for PKL).
    #[arg(long, value_parser = ["files", "list"])]
    pub layout: Option<String>,

    /// Write nothing but the report.
    #[arg(long)]
    pub dry_run: bool,

    /// The site folder: the one holding site.yaml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    /// The language of messages: `id` (Bahasa Indonesia) or `en`.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// What to add.
    #[arg(value_name = "KIND", value_parser = ["umkm", "koperasi", "pkl", "program", "acara", "halaman"])]
    pub kind: String,

    /// The name of the business, programme or event, or the title of the
    /// page; its address and file name are made from it.
    #[arg(value_name = "NAME")]
    pub name: String,

    /// The site folder: the one holding site.yaml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    /// The language of messages: `id` (Bahasa Indonesia) or `en`.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// The folder for the new site: missing or empty.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// The kota or kabupaten, by name ("Kota Bekasi", "Kab. Bekasi") or
    /// Kemendagri code (32.75).
    #[arg(long, value_name = "NAME|CODE")]
    pub wilayah: String,

    /// The language of messages: `id` (Bahasa Indonesia) or `en`.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// The options every command that reads a site takes.
#[derive(clap::Args, Debug)]
pub struct SiteArgs {
    /// The site folder: the one holding site.yaml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    /// Use this address instead of site.yaml's base_url (for a preview or a
    /// project site under a sub-path, e.g. https://user.github.io/direktori/).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Include entries marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,

    /// The language of messages: `id` (Bahasa Indonesia) or `en`. Without
    /// it, English when the locale (LC_ALL, LC_MESSAGES, LANG) is English,
    /// else Bahasa Indonesia.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangArg {
    Id,
    En,
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// Where to write the site; it is replaced whole on success.
    /// Defaults to public/ inside the site folder.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// Replace the output folder even if it holds files Etalase did not build.
    #[arg(long)]
    pub force: bool,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,

    /// How to print problems: `text` (path:line:column: message) or `json`
    /// (one JSON object per line, for editors and CI).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}
