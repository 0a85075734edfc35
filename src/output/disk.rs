//! The output folder on disk, written safely: everything goes to a temporary folder beside
//! the output folder, which replaces it whole only when the build has
//! succeeded. A failed build leaves the previous output as it was.

use super::leftovers::remove_tree;
use super::Sink;
use crate::message::Message;
use crate::paths::MANIFEST;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The output being written. Dropped without `commit` (a failed build,
/// or a panic while rendering), it removes its temporary folder, so no
/// half-written output is ever left beside the real one.
pub(crate) struct Disk {
    /// The site's folder (canonical): copies are read from inside it only.
    site_root: PathBuf,
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

/// Makes a path absolute and resolves `..` and links in the part that exists.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut clean = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Canonicalise the longest existing ancestor, then add the rest.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_owned()),
            None => break,
        }
        existing.pop();
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    Ok(out)
}

impl Disk {
    /// Checks that `target` may be written, and opens a temporary folder
    /// beside it. `Err` is a message for the user (a usage error).
    pub(crate) fn prepare(site_root: &Path, target: &Path, force: bool) -> Result<Disk, Message> {
        let shown = target.display();
        let target = resolve(target).map_err(|e| {
            msg!(
                "folder keluaran {shown} tidak bisa dipakai: {e}",
                "cannot use output folder {shown}: {e}"
            )
        })?;
        let t = target.display();
        if site_root.starts_with(&target) {
            return Err(msg!(
                "folder keluaran {t} adalah folder situs atau memuatnya; pilih folder lain dengan --output",
                "the output folder {t} is the site folder or holds it; choose another with --output"
            ));
        }
        for inner in ["content", "static", "themes"] {
            // Also where the folder really is, when it is a link.
            let real = fs::canonicalize(site_root.join(inner)).ok();
            let inside = target.starts_with(site_root.join(inner))
                || real.is_some_and(|r| target.starts_with(r));
            if inside {
                return Err(msg!("folder keluaran {t} berada di dalam {inner}/ situs; pilih folder lain dengan --output", "the output folder {t} lies inside {inner}/ of the site; choose another with --output"));
            }
        }
        if target.exists() {
            if !target.is_dir()
                || fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink())
            {
                return Err(msg!(
                    "keluaran {t} sudah ada dan bukan folder",
                    "the output {t} exists and is not a folder"
                ));
            }
            if !force {
                if let Some(stranger) = foreign_file(&target) {
                    return Err(msg!(
                        "folder keluaran {t} memuat {stranger}, yang bukan buatan Etalase; pindahkan, atau bangun dengan --force untuk mengganti folder itu",
                        "the output folder {t} holds {stranger}, which Etalase did not build; move it away or build with --force to replace the folder"
                    ));
                }
            }
        }
        let parent = target.parent().ok_or_else(|| {
            msg!(
                "folder keluaran tidak boleh akar sistem berkas",
                "the output folder cannot be the file system root"
            )
        })?;
        let p = parent.display();
        fs::create_dir_all(parent)
            .map_err(|e| msg!("{p} tidak bisa dibuat: {e}", "cannot create {p}: {e}"))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        super::leftovers::remove_stale(parent, &name, MANIFEST);
        let tmp = parent.join(format!(".{name}.etalase-tmp-{}", std::process::id()));
        if tmp.exists() {
            let _ = fs::remove_dir_all(&tmp);
        }
        let tp = tmp.display();
        fs::create_dir(&tmp)
            .map_err(|e| msg!("{tp} tidak bisa dibuat: {e}", "cannot create {tp}: {e}"))?;
        super::leftovers::register(&tmp);
        fs::write(tmp.join(super::leftovers::MARK), super::leftovers::me())
            .map_err(|e| msg!("{tp} tidak bisa ditulisi: {e}", "cannot write in {tp}: {e}"))?;
        Ok(Disk {
            site_root: fs::canonicalize(site_root).unwrap_or_else(|_| site_root.to_path_buf()),
            target,
            tmp,
            committed: false,
        })
    }

    pub(crate) fn target(&self) -> &Path {
        &self.target
    }

    /// Puts the new output in place of the old one.
    pub(crate) fn commit(mut self, files: &[String]) -> io::Result<()> {
        let mut manifest = String::with_capacity(files.len() * 40);
        for f in files {
            manifest.push_str(f);
            manifest.push('\n');
        }
        fs::write(self.tmp.join(MANIFEST), manifest)?;
        // The build's mark goes: the folder becomes the output.
        fs::remove_file(self.tmp.join(super::leftovers::MARK))?;
        let old = self.tmp.with_file_name(format!(
            ".{}.etalase-old-{}",
            self.target
                .file_name()
                .unwrap_or_default()
                .to_string_lossy(),
            std::process::id()
        ));
        let had_old = self.target.exists();
        super::leftovers::register(&old);
        if had_old && exchange(&self.tmp, &self.target).is_ok() {
            // One step: a web server, or a kill, never sees the output
            // missing. The old output is now at the temporary path.
            self.committed = true;
            super::leftovers::unregister(&self.tmp);
            let _ = fs::rename(&self.tmp, &old);
            super::leftovers::remove_later(&old);
            super::leftovers::unregister(&old);
            return Ok(());
        }
        if had_old {
            fs::rename(&self.target, &old)?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        super::leftovers::unregister(&self.tmp);
        if had_old {
            super::leftovers::remove_later(&old);
        }
        super::leftovers::unregister(&old);
        Ok(())
    }

    /// Throws the new output away; the old one stays.
    pub(crate) fn abort(self) {
        // Drop removes the temporary folder.
    }
}

impl Disk {
    /// The path of `rel` in the temporary folder, its folder made.
    fn place(&self, rel: &str) -> io::Result<PathBuf> {
        if super::leftovers::stopping() {
            return Err(io::Error::other("stopped"));
        }
        let path = self.tmp.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        Ok(path)
    }
}

impl Sink for Disk {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        fs::write(self.place(rel)?, bytes)
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        // Read through no link that leads outside the site, even one put
        // there after the check.
        let mut source = super::source::open_inside(&self.site_root, &fs::canonicalize(from)?)?;
        let mut to = fs::File::create(self.place(rel)?)?;
        io::copy(&mut source, &mut to).map(|_| ())
    }

    fn abandon(&self) {
        remove_tree(&self.tmp);
    }
}

impl Drop for Disk {
    fn drop(&mut self) {
        if !self.committed {
            remove_tree(&self.tmp);
            super::leftovers::unregister(&self.tmp);
        }
    }
}

/// Swaps two folders in one step (Linux's `renameat2` with
/// `RENAME_EXCHANGE`); an error where the system or file system cannot,
/// and the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: two valid NUL-terminated paths; the call only renames.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The first file in `dir` that the last build did not write, if any.
fn foreign_file(dir: &Path) -> Option<String> {
    let mut entries = fs::read_dir(dir).ok()?.peekable();
    entries.peek()?; // an empty folder is fine
    let manifest = match fs::read_to_string(dir.join(MANIFEST)) {
        Ok(m) => m,
        Err(_) => {
            let first = fs::read_dir(dir)
                .ok()?
                .flatten()
                .map(|e| e.file_name())
                .min()?;
            return Some(first.to_string_lossy().into_owned());
        }
    };
    let known: HashSet<&str> = manifest.lines().collect();
    for e in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if e.file_type().is_dir() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(dir)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        if rel != MANIFEST && !known.contains(rel.as_str()) {
            return Some(rel);
        }
    }
    None
}
