//! The site in memory: what `check` renders to look at its links, and
//! what `serve` will answer from.

use super::Sink;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One file of a site held in memory.
#[derive(Debug)]
pub(crate) enum Stored {
    /// A page or generated file.
    Bytes(Vec<u8>),
    /// A generated file in pieces (`Sink::write_pieces`), joined when read.
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    Pieces(Vec<super::Piece>),
    /// A file published as it is: its source, pinned as the build saw it
    /// (`serve` reads it from there, those bytes or none).
    Copy(#[cfg_attr(not(feature = "serve"), allow(dead_code))] super::Pinned),
}

pub(crate) struct Memory {
    /// The site's folder (canonical): nothing is read from outside it.
    root: PathBuf,
    files: Mutex<HashMap<String, Stored>>,
    /// `check`: the pictures' widths are listed, not made.
    looking: bool,
}

impl Memory {
    pub(crate) fn new(root: &Path) -> Memory {
        Memory {
            root: root.to_path_buf(),
            files: Mutex::default(),
            looking: false,
        }
    }

    /// For `check`: nothing is written to the site folder, not even the
    /// picture cache.
    pub(crate) fn looking(root: &Path) -> Memory {
        Memory {
            looking: true,
            ..Memory::new(root)
        }
    }

    /// Every file, by its path in the site.
    pub(crate) fn into_files(self) -> HashMap<String, Stored> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn put(&self, rel: &str, stored: Stored) {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string(), stored);
    }
}

impl Sink for Memory {
    fn makes_pictures(&self) -> bool {
        !self.looking
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(rel, Stored::Bytes(bytes.to_vec()));
        Ok(())
    }

    fn write_pieces(&self, rel: &str, pieces: Vec<super::Piece>) -> io::Result<()> {
        self.put(rel, Stored::Pieces(pieces));
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        // The same failure as a disk build would meet: a regular file,
        // inside the site.
        let pinned = super::Pinned::take(&self.root, from)?;
        self.put(rel, Stored::Copy(pinned));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_is_written() {
        let m = Memory::new(Path::new("/nonexistent"));
        m.write("a/index.html", b"<p>x</p>").unwrap();
        assert!(m.copy("b.png", Path::new("/nonexistent/b.png")).is_err());
        let files = m.into_files();
        assert!(matches!(files.get("a/index.html"), Some(Stored::Bytes(b)) if b == b"<p>x</p>"));
        assert!(!files.contains_key("b.png"));
    }
}
