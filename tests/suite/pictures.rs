//! Pictures as residents get them: made again at a few widths with no
//! metadata, the same bytes cold or warm, and bad files reported at the
//! entry's line.

use crate::common::*;
use std::fs;

/// A phone photo: a JPEG with an EXIF block (orientation 6 and a GPS
/// position that must never be published), from the benches' maker.
fn phone_photo(w: u32, h: u32) -> Vec<u8> {
    crate::photos::jpeg(crate::photos::Subject::Anyaman, 11, w, h, 6)
}

/// Whether a published picture holds metadata: JPEG APP1..APP15 segments
/// (EXIF, XMP, ...) or comments, PNG text, EXIF or time chunks, WebP
/// EXIF, XMP or ICC chunks.
fn has_metadata(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        let mut at = 12;
        while at + 8 <= bytes.len() {
            let kind = &bytes[at..at + 4];
            let len = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap()) as usize;
            if [&b"EXIF"[..], b"XMP ", b"ICCP"].contains(&kind) {
                return true;
            }
            at += 8 + len + (len & 1);
        }
        return false;
    }
    if bytes.starts_with(b"\x89PNG") {
        let mut at = 8;
        while at + 8 <= bytes.len() {
            let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
            let kind = &bytes[at + 4..at + 8];
            if [&b"tEXt"[..], b"iTXt", b"zTXt", b"eXIf", b"tIME"].contains(&kind) {
                return true;
            }
            at += 12 + len;
        }
        return false;
    }
    // JPEG: the segments before the scan.
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        if marker == 0xDA {
            break;
        }
        if (0xE1..=0xEF).contains(&marker) || marker == 0xFE {
            return true;
        }
        let len = u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]) as usize;
        at += 2 + len;
    }
    false
}

fn site_with_photo() -> Site {
    let site = Site::fixture("full");
    fs::write(
        site.root()
            .join("content/umkm/bekasi-timur/foto warung 1.png"),
        phone_photo(1600, 1200),
    )
    .unwrap();
    site
}

#[test]
fn published_pictures_carry_no_metadata_and_are_upright() {
    let site = site_with_photo();
    site.build(&[]).ok();
    let mut seen = 0;
    for f in list_files(&site.public()) {
        if ![".jpg", ".png", ".jpeg", ".webp"]
            .iter()
            .any(|e| f.ends_with(e))
            || !f.starts_with("media/")
        {
            continue;
        }
        let bytes = fs::read(site.public().join(&f)).unwrap();
        assert!(!has_metadata(&bytes), "{f} holds metadata");
        let secret = crate::photos::SECRET;
        assert!(!bytes.windows(secret.len()).any(|w| w == secret), "{f}");
        seen += 1;
    }
    assert!(seen >= 10, "{seen} pictures");
    // The photo, 1600 x 1200 turned by its orientation: 1200 wide; its
    // widths 160 to 640 and 1200 (never wider than it is), none the original.
    let photo = |w: u32| format!("media/umkm/bekasi-timur/foto warung 1-{w}.jpg");
    for w in [160, 320, 480, 640, 1200] {
        // Each width twice: WebP, and JPEG for browsers without it.
        for f in [photo(w), photo(w).replace(".jpg", ".webp")] {
            let bytes = fs::read(site.public().join(&f)).unwrap();
            let img = image::load_from_memory(&bytes).unwrap();
            assert_eq!(img.width(), w, "{f}");
            assert_eq!(img.height(), (w * 1600 + 600) / 1200, "{f}");
        }
    }
    assert!(!site.public().join(photo(1280)).exists());
    // The page keeps each picture's room and offers its widths.
    let page = site.read("umkm/warung-lengkap/index.html");
    assert!(
        page.contains("foto%20warung%201-320.jpg 320w, /kota/media/umkm/bekasi-timur/foto%20warung%201-480.jpg 480w"),
        "{page}"
    );
    assert!(page.contains("width=\"640\" height=\"853\""), "{page}");
    assert!(
        page.contains("<source type=\"image/webp\" srcset=\"/kota/media/umkm/bekasi-timur/foto%20warung%201-160.webp 160w,"),
        "{page}"
    );
}

#[test]
fn the_full_size_is_published_only_when_site_yaml_asks() {
    let site = Site::fixture("full");
    let dir = site.root().join("content/umkm/bekasi-timur");
    fs::write(dir.join("foto warung 1.png"), phone_photo(1800, 1400)).unwrap();
    site.build(&[]).ok();
    let photo = |w: u32| format!("media/umkm/bekasi-timur/foto warung 1-{w}.jpg");
    assert!(site.public().join(photo(1280)).exists());
    assert!(!site.public().join(photo(1400)).exists());
    let yaml = site.root().join("site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, format!("{text}\nimages:\n  full_size: true\n")).unwrap();
    site.build(&[]).ok();
    // Upright (turned by its orientation): 1400 wide, and still no metadata.
    let bytes = fs::read(site.public().join(photo(1400))).unwrap();
    assert!(!has_metadata(&bytes));
    assert_eq!(image::load_from_memory(&bytes).unwrap().width(), 1400);
    let page = site.read("umkm/warung-lengkap/index.html");
    assert!(page.contains("foto%20warung%201-1400.webp 1400w"), "{page}");
}

#[test]
fn a_warm_build_is_the_cold_builds_byte_for_byte() {
    let site = site_with_photo();
    let cold = site.root().join("kosong");
    site.build(&["--output", cold.to_str().unwrap()]).ok();
    let warm = site.root().join("hangat");
    site.build(&["--output", warm.to_str().unwrap()]).ok();
    // One thread, the cache emptied: the same again.
    fs::remove_dir_all(site.root().join(".etalase-cache")).unwrap();
    let one = site.root().join("satu");
    site.build_env(
        &["--output", one.to_str().unwrap()],
        &[("RAYON_NUM_THREADS", "1")],
    )
    .ok();
    let files = list_files(&cold);
    assert_eq!(files, list_files(&warm));
    assert_eq!(files, list_files(&one));
    for f in &files {
        let a = fs::read(cold.join(f)).unwrap();
        assert!(a == fs::read(warm.join(f)).unwrap(), "{f} differs warm");
        assert!(
            a == fs::read(one.join(f)).unwrap(),
            "{f} differs on one thread"
        );
    }
}

#[test]
fn bad_pictures_are_reported_at_the_entrys_line_all_at_once() {
    let site = Site::fixture("full");
    let dir = site.root().join("content/umkm/bekasi-timur");
    fs::write(dir.join("bukan.jpg"), "ini teks, bukan foto").unwrap();
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    fs::write(dir.join("iphone.jpg"), heic).unwrap();
    let photo = phone_photo(64, 48);
    fs::write(dir.join("potong.jpg"), &photo[..photo.len() / 2]).unwrap();
    site.write(
        "content/umkm/bekasi-timur/foto-rusak.md",
        "---\nname: Foto Rusak\ncategory: kuliner\ndistrict: Bekasi Timur\nlogo: bukan.jpg\nimages:\n  - iphone.jpg\n  - potong.jpg\n---\nTeks.\n",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let file = "content/umkm/bekasi-timur/foto-rusak.md";
    for (line, says) in [(5, "not a JPEG"), (7, "HEIC"), (8, "damaged or cut short")] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(&format!("{file}:{line}:")) && l.contains(says)),
            "{line} {says}:\n{}",
            run.stderr
        );
    }
    // check wrote nothing into the site, not even the picture cache.
    assert!(!site.root().join(".etalase-cache").exists());
}
