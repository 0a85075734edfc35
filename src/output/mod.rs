//! Where rendered pages go: one interface, two places.
//!
//! Rendering writes every page and file through a [`Sink`]. `build` uses
//! [`Disk`], a temporary folder swapped in whole when everything
//! succeeded; `check` (and next `serve`) uses [`Memory`], which keeps the
//! site in memory and writes nothing. Stages after rendering (the search
//! index, exports) write through the same sink before the commit.

mod disk;
mod leftovers;
mod memory;
mod source;

pub(crate) use disk::Disk;
pub use leftovers::{on_signals, remove_old_output, REMOVE_OLD};
pub(crate) use memory::{Memory, Stored};
pub(crate) use source::Pinned;

use std::io;
use std::path::Path;

/// A place that receives the files of one build. Shared by the rendering
/// threads, so it must be `Sync`.
/// A shared part of a file (`write_pieces`).
pub(crate) type Piece = std::sync::Arc<Vec<u8>>;

/// The bytes of a file written in pieces.
pub(crate) fn join(pieces: &[Piece]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        out.extend_from_slice(p);
    }
    out
}

pub(crate) trait Sink: Sync {
    /// Writes `bytes` to `rel` (a `/`-separated path in the site).
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
    /// Writes the file made of `pieces` one after the other. The memory
    /// sink keeps the pieces as they are: the open data's large files
    /// share their entries' pieces from one `serve` round to the next.
    fn write_pieces(&self, rel: &str, pieces: Vec<Piece>) -> io::Result<()> {
        self.write(rel, &join(&pieces))
    }
    /// Publishes the file `from` at `rel`, as it is.
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()>;
    /// Throws away what was written, before the process ends without
    /// unwinding (a page that could not be stopped).
    fn abandon(&self) {}
    /// Whether the pictures' widths are made for this output (`check`'s
    /// is only looked through: it lists them, and makes and writes none).
    fn makes_pictures(&self) -> bool {
        true
    }
}
