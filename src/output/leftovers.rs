//! Nothing left behind by an interrupted build. A build writes into a
//! temporary folder beside its output (`.public.etalase-tmp-PID`, marked
//! as Etalase's with a small file naming the process), and moves the old
//! output aside (`.public.etalase-old-PID`, holding its manifest) while it
//! swaps. Ctrl-C and SIGTERM remove those folders before the process ends
//! (`on_signals`); what a kill or a power cut left is removed by the next
//! build, once it is sure the folder is Etalase's and its process gone.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The file that marks a temporary folder as a build's.
pub(super) const MARK: &str = ".etalase-build";

/// The folders to remove if the process is stopped.
static OPEN: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set once a stop began: writers give up rather than refill a folder
/// being removed.
static STOPPING: AtomicBool = AtomicBool::new(false);

pub(super) fn stopping() -> bool {
    STOPPING.load(Ordering::Acquire)
}

pub(super) fn register(dir: &Path) {
    OPEN.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(dir.to_path_buf());
}

pub(super) fn unregister(dir: &Path) {
    OPEN.lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|d| d != dir);
}

/// This process, as its mark names it: its id and when it started, so a
/// later process given the same id is not taken for it.
pub(super) fn me() -> String {
    let id = std::process::id();
    format!("{id} {}", started(id).unwrap_or_default())
}

/// When process `id` started (clock ticks since boot), on Linux.
fn started(id: u32) -> Option<String> {
    let stat = fs::read_to_string(format!("/proc/{id}/stat")).ok()?;
    // After the command name in parentheses, field 22 is the start time.
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split(' ').nth(19).map(str::to_string)
}

/// Whether the process a mark names is still running.
fn running(mark: &str) -> bool {
    let mut parts = mark.split_whitespace();
    let Some(id) = parts.next().and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    if id == std::process::id() {
        return true;
    }
    match (parts.next(), started(id)) {
        (_, None) => false,
        (Some(at), Some(now)) => at == now,
        (None, Some(_)) => true,
    }
}

/// Removes what an earlier build of `name` left in `parent`: a temporary
/// or old folder of a process that is gone, holding a build's mark or an
/// output's manifest, or nothing. Anything else that merely looks like one
/// is left alone.
pub(super) fn remove_stale(parent: &Path, name: &str, manifest: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let tmp = format!(".{name}.etalase-tmp-");
    let old = format!(".{name}.etalase-old-");
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        if !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        // Etalase's: a build's mark, or an output's manifest (the swap
        // moves outputs through these names), or nothing at all (a kill
        // between making the folder and marking it).
        let ours = |path: &Path| {
            path.join(MARK).is_file()
                || path.join(manifest).is_file()
                || fs::read_dir(path).is_ok_and(|mut d| d.next().is_none())
        };
        let Some(pid) = file
            .strip_prefix(&tmp)
            .or_else(|| file.strip_prefix(&old))
            .filter(|_| ours(&path))
        else {
            continue;
        };
        // The mark says which process, with its start (an id reused by
        // another process is not the build); without one, the id alone.
        let alive = match fs::read_to_string(path.join(MARK)) {
            Ok(mark) => running(&mark),
            Err(_) => pid.parse::<u32>().is_ok_and(|p| {
                p == std::process::id() || Path::new(&format!("/proc/{p}")).exists()
            }),
        };
        if !alive {
            remove_tree(&path);
        }
    }
}

/// Ctrl-C and SIGTERM end the process cleanly: the folders of a build in
/// progress are removed first, then it exits with 130 or 143. Call before
/// any thread starts (the signals are taken by one thread of its own).
#[cfg(unix)]
pub fn on_signals() {
    // SAFETY: a signal set made and used on this thread only; the mask is
    // inherited by the threads started after.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        let set = set;
        std::thread::spawn(move || {
            let mut sig: libc::c_int = 0;
            if libc::sigwait(&set, &mut sig) != 0 {
                return;
            }
            STOPPING.store(true, Ordering::Release);
            let dirs = OPEN.lock().unwrap_or_else(|e| e.into_inner()).clone();
            for dir in dirs {
                // Writers stop at the flag; a file made meanwhile is
                // caught by the second pass.
                for _ in 0..3 {
                    remove_tree(&dir);
                    if !dir.exists() {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            }
            std::process::exit(128 + sig);
        });
    }
}

#[cfg(not(unix))]
pub fn on_signals() {}

/// Removes the output a build replaced. Someone waiting at a terminal is
/// not made to wait for it: a process of its own removes it after this one
/// has reported (a 10,000-entry output takes seconds to remove); elsewhere
/// (CI, a script, the tests) it is removed before the build ends. Either
/// way, a folder left by a process that died is removed by the next build.
pub(super) fn remove_later(old: &Path) {
    #[cfg(unix)]
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        use std::os::unix::process::CommandExt;
        let spawned = std::env::current_exe().and_then(|exe| {
            std::process::Command::new(exe)
                .arg(REMOVE_OLD)
                .arg(old)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                // Not in the terminal's group: a Ctrl-C meant for the next
                // command does not stop it.
                .process_group(0)
                .spawn()
        });
        if spawned.is_ok() {
            return;
        }
    }
    remove_tree(old);
}

/// The argument `remove_later` starts Etalase with (not a command).
pub const REMOVE_OLD: &str = "__hapus-keluaran-lama";

/// What a process started by `remove_later` does: removes `old` if it is
/// an output a build put aside (its name `.NAME.etalase-old-PID` and its
/// manifest), nothing else.
pub fn remove_old_output(old: &Path) {
    let name = old.file_name().unwrap_or_default().to_string_lossy();
    let aside = name.starts_with('.') && name.contains(".etalase-old-");
    if aside && old.join(crate::paths::MANIFEST).is_file() {
        remove_tree(old);
    }
}

/// Removes a folder, its top-level parts in parallel. What marks it as
/// Etalase's (the build's mark, the output's manifest) goes last, and
/// only once the rest is gone: a kill in the middle, or a part that cannot
/// be removed, leaves a folder the next build still knows as its own.
pub(super) fn remove_tree(dir: &Path) {
    remove_tree_with(dir, |p| {
        if p.is_dir() && !p.is_symlink() {
            fs::remove_dir_all(p)
        } else {
            fs::remove_file(p)
        }
    });
}

fn remove_tree_with(dir: &Path, remove: impl Fn(&Path) -> std::io::Result<()> + Sync) {
    use rayon::prelude::*;
    let marks = [MARK, crate::paths::MANIFEST];
    let is_mark = |e: &fs::DirEntry| marks.iter().any(|m| e.file_name() == *m);
    if let Ok(entries) = fs::read_dir(dir) {
        let paths: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| !is_mark(e))
            .map(|e| e.path())
            .collect();
        paths.par_iter().for_each(|p| {
            let _ = remove(p);
        });
    }
    let rest = fs::read_dir(dir).map(|d| d.flatten().any(|e| !is_mark(&e)));
    if rest.unwrap_or(false) {
        return;
    }
    for m in marks {
        let _ = fs::remove_file(dir.join(m));
    }
    let _ = fs::remove_dir(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The process `remove_later` starts removes an output put aside, and
    /// nothing else, whatever path it is given.
    #[test]
    fn only_an_output_put_aside_is_removed_later() {
        let base = tempfile::tempdir().unwrap();
        let make = |name: &str, manifest: bool| {
            let dir = base.path().join(name);
            fs::create_dir_all(dir.join("umkm")).unwrap();
            fs::write(dir.join("umkm/index.html"), "x").unwrap();
            if manifest {
                fs::write(dir.join(crate::paths::MANIFEST), "umkm/index.html\n").unwrap();
            }
            dir
        };
        let aside = make(".public.etalase-old-123", true);
        let unmarked = make(".public.etalase-old-124", false);
        let output = make("public", true);
        let other = make("dokumen", true);
        for dir in [&aside, &unmarked, &output, &other] {
            remove_old_output(dir);
        }
        assert!(!aside.exists());
        for kept in [&unmarked, &output, &other] {
            assert!(kept.join("umkm/index.html").is_file(), "{kept:?}");
        }
    }

    #[test]
    fn a_folder_that_cannot_be_emptied_keeps_its_mark() {
        let dir = std::env::temp_dir().join(format!("etalase-remove-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("stuck")).unwrap();
        fs::write(dir.join("stuck/page.html"), "x").unwrap();
        fs::write(dir.join("loose.html"), "x").unwrap();
        fs::write(dir.join(MARK), "1 1").unwrap();
        // As a kill, or a part the system refuses, would leave it.
        remove_tree_with(&dir, |p| {
            if p.ends_with("stuck") {
                Err(std::io::Error::other("refused"))
            } else {
                fs::remove_file(p)
            }
        });
        assert!(dir.join(MARK).is_file(), "the mark went before the rest");
        assert!(!dir.join("loose.html").exists());
        remove_tree(&dir);
        assert!(!dir.exists());
    }
}
