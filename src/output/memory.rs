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
    /// A file published as it is; only its source is kept (`serve` will
    /// read it from there).
    Copy(#[allow(dead_code)] PathBuf),
}

#[derive(Default)]
pub(crate) struct Memory {
    files: Mutex<HashMap<String, Stored>>,
}

impl Memory {
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
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(rel, Stored::Bytes(bytes.to_vec()));
        Ok(())
    }

    fn write_pieces(&self, rel: &str, pieces: Vec<super::Piece>) -> io::Result<()> {
        self.put(rel, Stored::Pieces(pieces));
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        // The same failure as a disk build would meet: the file must be
        // there and readable as a file.
        if !std::fs::metadata(from)?.is_file() {
            return Err(io::Error::other("not a regular file"));
        }
        self.put(rel, Stored::Copy(from.to_path_buf()));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_is_written() {
        let m = Memory::default();
        m.write("a/index.html", b"<p>x</p>").unwrap();
        assert!(m.copy("b.png", Path::new("/nonexistent/b.png")).is_err());
        let files = m.into_files();
        assert!(matches!(files.get("a/index.html"), Some(Stored::Bytes(b)) if b == b"<p>x</p>"));
        assert!(!files.contains_key("b.png"));
    }
}
