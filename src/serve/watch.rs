//! Watching the site's inputs: site.yaml, content/, static/ and themes/.
//!
//! The site folder itself is watched alone (not its subfolders: public/
//! or a .git folder would cost a watch per folder), each input folder
//! with everything under it. An input folder made while serving is
//! watched from the next batch on (`refresh`, on the builder's thread:
//! the watcher's own thread may not add watches).

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// The folders whose every change counts.
const FOLDERS: &[&str] = &["content", "static", "themes"];

pub(super) struct Watch {
    watcher: RecommendedWatcher,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watch {
    /// Starts watching; changes arrive on `tx` as batches of paths. The
    /// watching stops when this is dropped.
    pub(super) fn start(root: &Path, tx: Sender<Vec<PathBuf>>) -> notify::Result<Watch> {
        let root = root.to_path_buf();
        let inside = root.clone();
        let mut watcher =
            notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
                let Ok(event) = res else { return };
                // Reading a file is not a change; writes, new files, renames,
                // removals and metadata may be.
                if matches!(event.kind, EventKind::Access(_)) {
                    return;
                }
                let paths: Vec<PathBuf> = event
                    .paths
                    .into_iter()
                    .filter(|p| is_input(&inside, p))
                    .collect();
                if !paths.is_empty() {
                    let _ = tx.send(paths);
                }
            })?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut w = Watch {
            watcher,
            root,
            watched: Vec::new(),
        };
        w.refresh();
        Ok(w)
    }

    /// Watches each input folder that exists and is not watched yet.
    pub(super) fn refresh(&mut self) {
        for f in FOLDERS {
            let folder = self.root.join(f);
            if folder.is_dir() && !self.watched.contains(&folder) {
                if self
                    .watcher
                    .watch(&folder, RecursiveMode::Recursive)
                    .is_ok()
                {
                    self.watched.push(folder);
                }
            } else if !folder.is_dir() {
                // Removed: watched again if it comes back.
                self.watched.retain(|p| p != &folder);
            }
        }
    }
}

/// Whether `p` is site.yaml or under an input folder.
fn is_input(root: &Path, p: &Path) -> bool {
    let Some(top) = p
        .strip_prefix(root)
        .ok()
        .and_then(|r| r.components().next())
    else {
        return false;
    };
    let top = top.as_os_str();
    top == "site.yaml" || FOLDERS.iter().any(|f| top == *f)
}
