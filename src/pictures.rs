//! Pictures as a phone on a slow network needs them: every logo, photo
//! and product image an entry names is decoded once, turned upright by
//! its EXIF orientation, and published as a few widths (never wider than
//! the original), encoded again from the pixels alone, so no metadata
//! (GPS position, camera serial, owner's name) survives. Photos become
//! WebP, with a JPEG of each width for browsers without WebP; a picture
//! with transparency stays PNG.
//!
//! The widths are kept in a cache folder inside the site (`.etalase-cache/
//! gambar/`, out of the output and of Git), named by a hash of the
//! source's bytes and of the settings, so a build encodes only pictures it
//! has not seen. Bytes are the same cold or warm and at any thread count:
//! the cache holds exactly what encoding gives.

use crate::message::Message;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// The widths published (each only when the original is wider; the
/// original's width when it is narrower than the first): 160 for a
/// card's thumbnail, 320 to 640 for a phone's screen, 1280 for a wide one.
pub(crate) const WIDTHS: [u32; 5] = [160, 320, 480, 640, 1280];
/// JPEG quality: the usual trade for photos on a phone's screen.
const QUALITY: u8 = 72;
/// WebP quality: about JPEG's look at a third of its bytes.
const WEBP_QUALITY: u8 = 75;
/// The cache's folder in the site.
pub(crate) const CACHE: &str = ".etalase-cache/gambar";
/// Changes whenever what is made of a picture changes: part of the key.
const RECIPE: &str = "etalase-gambar-3";

/// What site.yaml allows (`images:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Limits {
    /// A picture file larger than this is refused.
    pub max_bytes: u64,
    /// A picture of more pixels than this is refused before it is decoded
    /// (a "decompression bomb" is a small file of a huge picture).
    pub max_pixels: u64,
    /// Publish the picture at its own size too (`images.full_size`), made
    /// again like the other widths: still without its metadata.
    pub full_size: bool,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 20 * 1024 * 1024,
            max_pixels: 50_000_000,
            full_size: false,
        }
    }
}

/// One width of a picture, made.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Size {
    pub width: u32,
    pub height: u32,
    /// `jpg` or `png`.
    pub ext: &'static str,
    /// Its bytes, in the cache.
    pub file: PathBuf,
    /// The same width in WebP, in the cache, beside a JPEG.
    pub webp: Option<PathBuf>,
}

impl Size {
    pub(crate) fn files(&self) -> impl Iterator<Item = &Path> {
        std::iter::once(self.file.as_path()).chain(self.webp.as_deref())
    }
}

/// A picture made ready: its upright size and its widths, narrowest first.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Made {
    pub width: u32,
    pub height: u32,
    pub sizes: Vec<Size>,
}

/// What is known of a picture before it is made: its upright size and
/// the widths it will have, in the cache (made already or not), or what is
/// wrong with the file. Reads its header, not its pixels, and writes
/// nothing (`check` runs this too).
pub(crate) fn plan(abs: &Path, site: &Path, limits: Limits) -> Result<Made, Message> {
    let len = std::fs::metadata(abs)
        .map_err(|e| msg!("tidak bisa dibaca: {e}", "cannot be read: {e}"))?
        .len();
    if len > limits.max_bytes {
        let (mb, max) = (mib(len), mib(limits.max_bytes));
        return Err(msg!(
            "berkasnya {mb} MB, lebih dari batas {max} MB (`images.max_mb` di site.yaml): perkecil fotonya dulu",
            "the file is {mb} MB, over the limit of {max} MB (`images.max_mb` in site.yaml): make the photo smaller first"
        ));
    }
    let bytes =
        std::fs::read(abs).map_err(|e| msg!("tidak bisa dibaca: {e}", "cannot be read: {e}"))?;
    let key = format!(
        "{:016x}",
        crate::hash::fnv(&bytes)
            ^ crate::hash::fnv(
                format!("{RECIPE} {QUALITY} {WEBP_QUALITY} {WIDTHS:?} {limits:?}").as_bytes()
            )
    );
    let dir = cache_dir(site)?;
    if let Some(made) = cached(&dir, &key) {
        return Ok(made);
    }
    let (w, h, clear) = header(&bytes, limits)?;
    let ext = if clear { "png" } else { "jpg" };
    Ok(widths(&dir, &key, (w, h), ext, limits.full_size))
}

/// Makes the widths `made` plans, from the picture at `abs`, into the
/// cache; nothing when they are there.
pub(crate) fn make(made: &Made, abs: &Path, limits: Limits) -> Result<(), Message> {
    if made.sizes.iter().flat_map(Size::files).all(Path::is_file) {
        return Ok(());
    }
    let bytes =
        std::fs::read(abs).map_err(|e| msg!("tidak bisa dibaca: {e}", "cannot be read: {e}"))?;
    let picture = decode(&bytes, limits)?;
    drop(bytes);
    encode(&picture, made)
}

/// The cache's folder: the site's own, never a link to elsewhere.
fn cache_dir(site: &Path) -> Result<PathBuf, Message> {
    let mut at = site.to_path_buf();
    for part in Path::new(CACHE).components() {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
            let f = at.display();
            return Err(msg!(
                "{f} harus folder biasa di dalam situs (tembolok gambar), bukan tautan atau berkas",
                "{f} must be a plain folder inside the site (the picture cache), not a link or a file"
            ));
        }
    }
    Ok(at)
}

/// The widths of a picture `w` x `h` (upright), each in the cache; its
/// own width too when `full` (or when it is narrower than the widest).
fn widths(dir: &Path, key: &str, (w, h): (u32, u32), ext: &'static str, full: bool) -> Made {
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&x| x < w).collect();
    if widths.len() < WIDTHS.len() || full {
        // The original's own width, as the widest.
        widths.push(w);
    }
    let sizes = widths
        .into_iter()
        .map(|width| size(dir, key, width, (w, h), ext))
        .collect();
    Made {
        width: w,
        height: h,
        sizes,
    }
}

/// One width of a picture `w` x `h`, in the cache.
fn size(dir: &Path, key: &str, width: u32, (w, h): (u32, u32), ext: &'static str) -> Size {
    Size {
        width,
        height: ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w)).max(1) as u32,
        ext,
        file: dir.join(format!("{key}-{width}.{ext}")),
        webp: (ext == "jpg").then(|| dir.join(format!("{key}-{width}.webp"))),
    }
}

fn mib(n: u64) -> String {
    format!("{:.1}", n as f64 / (1024.0 * 1024.0)).replace(".0", "")
}

/// The checks a file passes before its pixels are read: a format read
/// here, not a moving GIF, not cut short, not too many pixels. Its upright
/// size and whether it has transparency.
fn header(bytes: &[u8], limits: Limits) -> Result<(u32, u32, bool), Message> {
    let decoder = checked(bytes, limits)?;
    let (w, h) = decoder.dimensions();
    let clear = decoder.color_type().has_alpha();
    let mut decoder = decoder;
    let turned = matches!(
        decoder.orientation(),
        Ok(image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH)
    );
    Ok(if turned { (h, w, clear) } else { (w, h, clear) })
}

/// The picture, upright, or what is wrong with it.
fn decode(bytes: &[u8], limits: Limits) -> Result<DynamicImage, Message> {
    let mut decoder = checked(bytes, limits)?;
    let mut within = image::Limits::default();
    within.max_alloc = Some(limits.max_pixels.saturating_mul(8));
    decoder
        .set_limits(within)
        .map_err(|e| broken(&e.to_string()))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| broken(&e.to_string()))?;
    picture.apply_orientation(orientation);
    Ok(picture)
}

/// A decoder of the picture, once its header passed the checks.
fn checked(bytes: &[u8], limits: Limits) -> Result<Box<dyn ImageDecoder + '_>, Message> {
    // What phones send that no maintained pure-Rust decoder reads.
    if bytes.len() > 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        if [
            b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1",
        ]
        .contains(&brand.try_into().unwrap_or(b"    "))
        {
            return Err(msg!(
                "foto HEIC (dari iPhone) belum bisa dibaca: simpan ulang sebagai JPEG (di iPhone: Pengaturan › Kamera › Format › Paling Kompatibel, atau kirim lewat WhatsApp)",
                "a HEIC photo (from an iPhone) cannot be read yet: save it again as JPEG (on the iPhone: Settings › Camera › Formats › Most Compatible, or send it through WhatsApp)"
            ));
        }
        if brand == b"avif" || brand == b"avis" {
            return Err(msg!(
                "gambar AVIF belum bisa dibaca: simpan ulang sebagai JPEG atau PNG",
                "an AVIF picture cannot be read yet: save it again as JPEG or PNG"
            ));
        }
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| msg!("tidak bisa dibaca: {e}", "cannot be read: {e}"))?;
    let format = match reader.format() {
        Some(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::Gif | ImageFormat::WebP)) => {
            f
        }
        _ => {
            return Err(msg!(
                "isinya bukan gambar JPEG, PNG, WebP atau GIF (apa pun akhiran namanya)",
                "its content is not a JPEG, PNG, WebP or GIF picture (whatever its name ends with)"
            ))
        }
    };
    // A JPEG cut short (a transfer that stopped) decodes with a grey
    // bottom: its end marker is missing.
    if format == ImageFormat::Jpeg {
        let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        if end < 2 || bytes[end - 2..end] != [0xFF, 0xD9] {
            return Err(broken("JPEG tanpa penanda akhir / no end marker"));
        }
    }
    if format == ImageFormat::Gif && animated(bytes) {
        return Err(msg!(
            "GIF bergerak tidak dipakai di direktori: pilih satu gambar diam (JPEG atau PNG)",
            "a moving GIF is not used in the directory: choose one still picture (JPEG or PNG)"
        ));
    }
    let decoder = reader.into_decoder().map_err(|e| broken(&e.to_string()))?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 || u64::from(w) * u64::from(h) > limits.max_pixels {
        let mp = u64::from(w) * u64::from(h) / 1_000_000;
        let max = limits.max_pixels / 1_000_000;
        return Err(msg!(
            "gambarnya {w} x {h} piksel ({mp} juta), lebih dari batas {max} juta piksel: perkecil dulu",
            "the picture is {w} x {h} pixels ({mp} million), over the limit of {max} million: make it smaller first"
        ));
    }
    Ok(Box::new(decoder))
}

fn broken(e: &str) -> Message {
    msg!(
        "gambarnya rusak atau terpotong ({e}): simpan atau kirim ulang fotonya",
        "the picture is damaged or cut short ({e}): save or send the photo again"
    )
}

/// Whether a GIF has more than one frame.
fn animated(bytes: &[u8]) -> bool {
    use image::AnimationDecoder;
    image::codecs::gif::GifDecoder::new(Cursor::new(bytes))
        .map(|d| d.into_frames().take(2).count() > 1)
        .unwrap_or(false)
}

/// The widths `made` plans of `picture`, encoded, written to the cache;
/// the list last, so an entry of the cache is whole once it is there.
fn encode(picture: &DynamicImage, made: &Made) -> Result<(), Message> {
    // Widest first, each width made from the one before it: a resize costs
    // what its source weighs, and a phone photo is many times the widest.
    let mut from = std::borrow::Cow::Borrowed(picture);
    for size in made.sizes.iter().rev() {
        let small = if size.width == from.width() {
            from.clone().into_owned()
        } else {
            from.resize_exact(
                size.width,
                size.height,
                image::imageops::FilterType::CatmullRom,
            )
        };
        let mut out = Vec::new();
        let written =
            if size.ext == "png" {
                small.write_with_encoder(image::codecs::png::PngEncoder::new_with_quality(
                    &mut out,
                    image::codecs::png::CompressionType::Best,
                    image::codecs::png::FilterType::Adaptive,
                ))
            } else {
                small.to_rgb8().write_with_encoder(
                    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY),
                )
            };
        written.map_err(|e| msg!("tidak bisa dibuat ulang: {e}", "cannot be made again: {e}"))?;
        store(&size.file, &out)?;
        if let Some(file) = &size.webp {
            store(file, &webp(&small)?)?;
        }
        from = std::borrow::Cow::Owned(small);
    }
    let Some(first) = made.sizes.first() else {
        return Ok(());
    };
    let list: String = made
        .sizes
        .iter()
        .map(|s| format!("{} {} {}\n", s.width, s.height, s.ext))
        .collect();
    let name = first.file.file_name().unwrap_or_default().to_string_lossy();
    let key = name.split('-').next().unwrap_or_default();
    let dir = first.file.parent().unwrap_or(Path::new("."));
    store(
        &dir.join(format!("{key}.txt")),
        format!("{} {}\n{list}", made.width, made.height).as_bytes(),
    )
}

/// A photo's width in lossy WebP, from its pixels alone.
fn webp(picture: &DynamicImage) -> Result<Vec<u8>, Message> {
    let rgb = picture.to_rgb8();
    let mut out = Vec::new();
    let mut encoder = webp::WebPEncoder::new(&mut out);
    let mut params = webp::EncoderParams::default();
    params.use_lossy = true;
    params.lossy_quality = WEBP_QUALITY;
    encoder.set_params(params);
    encoder
        .encode(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            webp::ColorType::Rgb8,
        )
        .map_err(|e| msg!("tidak bisa dibuat ulang: {e}", "cannot be made again: {e}"))?;
    Ok(out)
}

/// Writes a cache file whole (a temporary name, then renamed).
fn store(file: &Path, bytes: &[u8]) -> Result<(), Message> {
    let fail = |e: std::io::Error| {
        let f = file.display();
        msg!(
            "tembolok gambar {f} tidak bisa ditulis: {e}",
            "the picture cache {f} cannot be written: {e}"
        )
    };
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(fail)?;
    // Unique to this write: two processes (a build and `serve`) or threads
    // may make the same picture at once; the last rename wins, whole.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let tmp = dir.join(format!(
        ".{}.{}-{}.tmp",
        file.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id(),
        WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, file).map_err(fail)
}

/// A picture made before, when its list and every width are in the cache.
fn cached(dir: &Path, key: &str) -> Option<Made> {
    let list = std::fs::read_to_string(dir.join(format!("{key}.txt"))).ok()?;
    let mut lines = list.lines();
    let mut first = lines.next()?.split(' ');
    let width = first.next()?.parse().ok()?;
    let height = first.next()?.parse().ok()?;
    let mut sizes = Vec::new();
    for line in lines {
        let mut p = line.split(' ');
        let w: u32 = p.next()?.parse().ok()?;
        let h: u32 = p.next()?.parse().ok()?;
        let ext = match p.next()? {
            "jpg" => "jpg",
            "png" => "png",
            _ => return None,
        };
        let mut size = size(dir, key, w, (width, height), ext);
        size.height = h;
        // Plain files of the cache, not links put there.
        for file in size.files() {
            if !std::fs::symlink_metadata(file).ok()?.is_file() {
                return None;
            }
        }
        sizes.push(size);
    }
    (!sizes.is_empty()).then_some(Made {
        width,
        height,
        sizes,
    })
}

/// The benches' phone photos (an EXIF block with a GPS position), for the
/// tests.
#[cfg(test)]
#[path = "../benches/build/photos.rs"]
#[allow(dead_code, unreachable_pub)]
mod photos;

#[cfg(test)]
mod tests {
    use super::*;

    /// A phone photo: orientation 6 (turn right) and a GPS text in its
    /// EXIF block, made by the benches' photo maker.
    fn jpeg_with_exif(w: u32, h: u32) -> Vec<u8> {
        super::photos::jpeg(super::photos::Subject::Anyaman, 7, w, h, 6)
    }

    #[test]
    fn a_phone_photo_is_upright_smaller_and_tells_nothing() {
        let site = tempfile::tempdir().unwrap();
        let src = site.path().join("foto.jpg");
        std::fs::write(&src, jpeg_with_exif(1600, 900)).unwrap();
        let made = plan(&src, site.path(), Limits::default()).unwrap();
        make(&made, &src, Limits::default()).unwrap();
        // Turned by its orientation: 900 wide, 1600 high.
        assert_eq!((made.width, made.height), (900, 1600));
        let widths: Vec<u32> = made.sizes.iter().map(|s| s.width).collect();
        assert_eq!(widths, [160, 320, 480, 640, 900]);
        for s in &made.sizes {
            assert!(s.webp.is_some(), "a photo has its WebP beside its JPEG");
            for file in s.files() {
                let bytes = std::fs::read(file).unwrap();
                assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{file:?}");
                assert!(!bytes.windows(4).any(|w| w == b"EXIF"), "{file:?}");
                let secret = super::photos::SECRET;
                assert!(!bytes.windows(secret.len()).any(|w| w == secret));
                let back = image::load_from_memory(&bytes).unwrap();
                assert_eq!((back.width(), back.height()), (s.width, s.height));
            }
        }
        // Warm: the same, from the cache, byte for byte.
        let before: Vec<Vec<u8>> = made
            .sizes
            .iter()
            .flat_map(Size::files)
            .map(|f| std::fs::read(f).unwrap())
            .collect();
        let again = plan(&src, site.path(), Limits::default()).unwrap();
        assert_eq!(again, made);
        std::fs::remove_dir_all(site.path().join(CACHE)).unwrap();
        let cold = plan(&src, site.path(), Limits::default()).unwrap();
        make(&cold, &src, Limits::default()).unwrap();
        let after: Vec<Vec<u8>> = cold
            .sizes
            .iter()
            .flat_map(Size::files)
            .map(|f| std::fs::read(f).unwrap())
            .collect();
        assert_eq!(before, after);
    }

    /// PNG's chunk checksum (CRC-32, as zlib's).
    fn crc32(bytes: &[u8]) -> u32 {
        let mut c = !0u32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }

    #[test]
    fn bad_pictures_are_refused_with_a_reason() {
        let site = tempfile::tempdir().unwrap();
        let check = |name: &str, bytes: &[u8], limits: Limits, says: &str| {
            let p = site.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            let e = plan(&p, site.path(), limits)
                .and_then(|m| make(&m, &p, limits))
                .unwrap_err();
            let text = e.get(crate::message::Lang::En);
            assert!(text.contains(says), "{name}: {text}");
        };
        check(
            "teks.jpg",
            b"bukan gambar sama sekali",
            Limits::default(),
            "not a JPEG",
        );
        let good = jpeg_with_exif(400, 300);
        check(
            "potong.jpg",
            &good[..good.len() / 2],
            Limits::default(),
            "damaged or cut short",
        );
        let mut heic = vec![0, 0, 0, 24];
        heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
        check("iphone.jpg", &heic, Limits::default(), "HEIC");
        check(
            "besar.jpg",
            &good,
            Limits {
                max_bytes: 100,
                ..Limits::default()
            },
            "over the limit",
        );
        // A bomb: a PNG header of 50,000 x 50,000 pixels in a few bytes.
        use image::ImageEncoder;
        let mut bomb = Vec::new();
        image::codecs::png::PngEncoder::new(&mut bomb)
            .write_image(&[0u8; 1], 1, 1, image::ExtendedColorType::L8)
            .unwrap();
        bomb[16..20].copy_from_slice(&50_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&50_000u32.to_be_bytes());
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        check("bom.png", &bomb, Limits::default(), "50000 x 50000");
        // A moving GIF.
        let mut gif = Vec::new();
        {
            let mut enc = image::codecs::gif::GifEncoder::new(&mut gif);
            let frame = |c: u8| {
                image::Frame::new(image::RgbaImage::from_pixel(
                    4,
                    4,
                    image::Rgba([c, 0, 0, 255]),
                ))
            };
            enc.encode_frames(vec![frame(10), frame(200)]).unwrap();
        }
        check("gerak.gif", &gif, Limits::default(), "moving GIF");
    }
}
