//! Reading a file the site publishes as it is (a picture, a static file)
//! without ever leaving the site: the file is opened from the site's
//! folder one name at a time, following no link, so a file or folder
//! swapped for a link between the check and the read is refused, not
//! followed. `serve` pins what the build saw (`Pinned`) and answers only
//! with those bytes: a file replaced, re-pointed or grown since is an
//! error until the next round checks it again.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

fn outside() -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, "outside the site")
}

/// Opens the regular file `path` under the folder `root` (both absolute,
/// `root` canonical), through no link below `root`.
pub(crate) fn open_inside(root: &Path, path: &Path) -> io::Result<File> {
    let rel = path.strip_prefix(root).map_err(|_| outside())?;
    let names: Vec<_> = rel.components().collect();
    if names.is_empty()
        || names
            .iter()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(outside());
    }
    let file = open_below(root, &names)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    Ok(file)
}

#[cfg(unix)]
fn open_below(root: &Path, names: &[std::path::Component]) -> io::Result<File> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::{AsRawFd, FromRawFd};
    let mut at = File::open(root)?;
    for (i, name) in names.iter().enumerate() {
        let c = CString::new(name.as_os_str().as_bytes()).map_err(io::Error::other)?;
        let last = i + 1 == names.len();
        // Never a link; a folder on the way; the file itself without
        // blocking (a FIFO put in its place must not hang the server).
        let flags = libc::O_RDONLY
            | libc::O_NOFOLLOW
            | libc::O_CLOEXEC
            | if last {
                libc::O_NONBLOCK
            } else {
                libc::O_DIRECTORY
            };
        // SAFETY: a valid directory descriptor and a NUL-terminated name;
        // the descriptor returned is owned by the File made from it.
        let fd = unsafe { libc::openat(at.as_raw_fd(), c.as_ptr(), flags) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        at = unsafe { File::from_raw_fd(fd) };
    }
    Ok(at)
}

#[cfg(not(unix))]
fn open_below(root: &Path, names: &[std::path::Component]) -> io::Result<File> {
    let path: PathBuf = names.iter().fold(root.to_path_buf(), |p, n| p.join(n));
    if !fs::canonicalize(&path)?.starts_with(root) {
        return Err(outside());
    }
    File::open(path)
}

/// A file as the build saw it: where it is, and what it was (its identity,
/// size and time), so that only those bytes are ever served from it.
#[derive(Debug, Clone)]
pub(crate) struct Pinned {
    root: PathBuf,
    path: PathBuf,
    seen: Seen,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    device: u64,
    inode: u64,
    size: u64,
    modified: Option<std::time::SystemTime>,
}

fn seen(meta: &fs::Metadata) -> Seen {
    #[cfg(unix)]
    let (device, inode) = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let (device, inode) = (0, 0);
    Seen {
        device,
        inode,
        size: meta.len(),
        modified: meta.modified().ok(),
    }
}

impl Pinned {
    /// Pins `from` (under `root`, canonical): the file there now, where a
    /// link inside the site leads (never outside it).
    pub(crate) fn take(root: &Path, from: &Path) -> io::Result<Pinned> {
        let path = fs::canonicalize(from)?;
        let file = open_inside(root, &path)?;
        Ok(Pinned {
            root: root.to_path_buf(),
            path,
            seen: seen(&file.metadata()?),
        })
    }

    /// The bytes of the pinned file, if it is still the file the build
    /// saw, whole.
    pub(crate) fn read(&self) -> io::Result<Vec<u8>> {
        let changed = || io::Error::other("changed since the build checked it");
        let file = open_inside(&self.root, &self.path)?;
        if seen(&file.metadata()?) != self.seen {
            return Err(changed());
        }
        let mut bytes = Vec::with_capacity(self.seen.size as usize);
        file.take(self.seen.size + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 != self.seen.size {
            return Err(changed());
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_no_link_and_serves_only_what_was_pinned() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap().join("site");
        let outside_file = root.parent().unwrap().join("rahasia.txt");
        fs::create_dir_all(root.join("static/img")).unwrap();
        fs::write(&outside_file, b"NIK 3275").unwrap();
        let pic = root.join("static/img/a.png");
        fs::write(&pic, b"png").unwrap();
        let pinned = Pinned::take(&root, &pic).unwrap();
        assert_eq!(pinned.read().unwrap(), b"png");
        // Grown since: refused.
        fs::write(&pic, b"png and more").unwrap();
        assert!(pinned.read().is_err());
        // Swapped for a link that leads outside: refused, and not pinned.
        fs::remove_file(&pic).unwrap();
        std::os::unix::fs::symlink(&outside_file, &pic).unwrap();
        assert!(pinned.read().is_err());
        assert!(Pinned::take(&root, &pic).is_err());
        // A folder on the way swapped for a link: refused.
        fs::remove_file(&pic).unwrap();
        fs::rename(root.join("static/img"), root.join("static/old")).unwrap();
        std::os::unix::fs::symlink(root.parent().unwrap(), root.join("static/img")).unwrap();
        assert!(open_inside(&root, &root.join("static/img/rahasia.txt")).is_err());
        assert!(open_inside(&root, &outside_file).is_err());
        assert!(open_inside(&root, &root.join("static/../../rahasia.txt")).is_err());
    }
}
