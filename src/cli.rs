//! The command line: `etalase build` and its options.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Etalase builds a public directory website of local businesses (UMKM,
/// cooperatives, street vendors) from a folder of YAML and Markdown files.
#[derive(Parser, Debug)]
#[command(name = "etalase", version, about, long_about = None)]
#[command(
    after_help = "Exit codes:\n  0  the site was built\n  1  the site's files have problems (all are listed as path:line:column: message)\n  2  wrong usage, an output folder that may not be used, or a read/write failure"
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
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// The site folder: the one holding site.yaml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    /// Where to write the site; it is replaced whole on success.
    /// Defaults to public/ inside the site folder.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// Use this address instead of site.yaml's base_url (for a preview or a
    /// project site under a sub-path, e.g. https://user.github.io/direktori/).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Include entries marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,

    /// Replace the output folder even if it holds files Etalase did not build.
    #[arg(long)]
    pub force: bool,
}
