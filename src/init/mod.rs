//! `etalase init`: a new site for one kota or kabupaten, with its
//! kecamatan and villages from the bundled region table, one example of
//! each kind of content, and what a first deployment needs.

mod files;

use crate::message::Message;
use std::path::{Path, PathBuf};

pub struct InitOptions {
    /// The folder to create the site in: missing or empty.
    pub dir: PathBuf,
    /// A kota or kabupaten, by name or Kemendagri code.
    pub wilayah: String,
}

/// What `init` made.
pub struct InitReport {
    pub dir: PathBuf,
    /// `Kota Bekasi (32.75), Jawa Barat`
    pub region: String,
    pub districts: usize,
    pub villages: usize,
    /// Site paths of the files written, sorted.
    pub files: Vec<String>,
}

/// Writes a new site into `opts.dir`. A folder that holds anything is
/// refused, and so is a name that matches no region or several.
pub fn init(opts: &InitOptions) -> Result<InitReport, Message> {
    let table = crate::places::region::table();
    let regency = crate::places::region::find(&table, &opts.wilayah)?;
    refuse_non_empty(&opts.dir)?;
    let files = files::site(&regency);
    write_all(&opts.dir, &files)?;
    let mut written: Vec<String> = files.into_iter().map(|(p, _)| p).collect();
    written.sort();
    Ok(InitReport {
        dir: opts.dir.clone(),
        region: format!("{} ({}), {}", regency.name, regency.code, regency.province),
        districts: regency.districts.len(),
        villages: regency.districts.iter().map(|d| d.villages.len()).sum(),
        files: written,
    })
}

fn refuse_non_empty(dir: &Path) -> Result<(), Message> {
    let shown = dir.display();
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(msg!(
                    "{shown} tidak kosong; `etalase init` hanya menulis ke folder baru atau kosong, supaya tidak ada berkas yang tertimpa",
                    "{shown} is not empty; `etalase init` writes only into a new or empty folder, so that no file is overwritten"
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(msg!(
            "{shown} adalah berkas, bukan folder",
            "{shown} is a file, not a folder"
        )),
        Err(e) => Err(msg!(
            "{shown} tidak bisa dibaca: {e}",
            "cannot read {shown}: {e}"
        )),
    }
}

/// Writes every file; on a failure, removes what it wrote, so a failed
/// `init` leaves the folder as it found it.
fn write_all(dir: &Path, files: &[(String, String)]) -> Result<(), Message> {
    let existed = dir.exists();
    let result = files.iter().try_for_each(|(rel, text)| {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)
    });
    result.map_err(|e| {
        if existed {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = entry.path();
                let _ = if p.is_dir() {
                    std::fs::remove_dir_all(&p)
                } else {
                    std::fs::remove_file(&p)
                };
            }
        } else {
            let _ = std::fs::remove_dir_all(dir);
        }
        let shown = dir.display();
        msg!(
            "situs baru tidak bisa ditulis di {shown}: {e}",
            "cannot write the new site in {shown}: {e}"
        )
    })
}
