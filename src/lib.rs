//! Etalase: a static site generator for a public directory of local
//! businesses.
//!
//! The stages of a run are in `pipeline` (ARCHITECTURE.md draws it):
//! `load` (find and read files) → `validate` (check every field, every
//! reference; the theme is checked beside it by `render::prepare`) →
//! `index` (sort and group once) → `render` (the route table's pages
//! through the theme, in parallel, into an output sink) → the sink's
//! commit (`build`: a temporary folder swapped in whole) or the link check
//! (`check`: the site in memory, nothing written).
//!
//! The API is the commands ([`build`], [`check`], [`serve`], [`import`],
//! [`init`], [`new_item`]) and their reports; the rest is private to the
//! crate; `unreachable_pub` keeps it so.

#![deny(unreachable_pub)]

#[macro_use]
mod message;
mod clock;
mod codes;
mod config;
mod diagnostic;
#[cfg(test)]
mod fuzz;
mod hash;
mod import;
mod index;
mod init;
mod json;
mod links;
mod load;
mod markdown;
mod model;
mod opendata;
mod output;
mod paths;
mod pictures;
mod pipeline;
mod places;
mod project;
mod render;
mod routes;
mod scaffold;
mod schema;
mod schemaorg;
mod search;
#[cfg(feature = "serve")]
mod serve;
mod slug;
mod source;
mod text;
mod theme;
mod timings;
mod urls;
mod validate;
mod values;
mod yaml;

pub use diagnostic::{Code, Diagnostic, Pos, Severity};
pub use import::{import, ImportOptions, ImportReport, RowStatus};
pub use init::{init, InitOptions, InitReport};
pub use message::{Lang, Message};
/// Ctrl-C and SIGTERM remove a build's temporary folders before the end.
pub use output::{on_signals, remove_old_output, REMOVE_OLD};
pub use render::on_stuck;
pub use scaffold::{new_item, NewOptions, NewReport};
#[cfg(feature = "serve")]
pub use serve::{serve, ServeEvent, ServeOptions, DEFAULT_PORT};
pub use text::one_line;

pub use pipeline::{build, check, BuildError, BuildOptions, SiteOptions, Summary};
