//! Product photos made from a seed, as a phone would take them: a
//! camera-sized JPEG with an EXIF block (an orientation and a GPS
//! position) that the build must turn upright and never publish. For the
//! sample's entries (`cargo bench --bench build -- --sample-photos DIR`)
//! and for generated sites with photos.
//!
//! The pictures are drawn, not copied: batik cloth (a kawung pattern on
//! folds of cloth), keripik on a plate, coffee beans on sacking, and a
//! pandan weave, each lit from one side with a little sensor noise.

use image::{Rgb, RgbImage};

/// What a photo shows.
#[derive(Clone, Copy, Debug)]
pub enum Subject {
    Batik,
    Keripik,
    Kopi,
    Anyaman,
}

/// A small deterministic generator (splitmix64).
struct Seed(u64);

impl Seed {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

fn mix(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

/// The photo's pixels, `w` x `h`, as the camera saw them (landscape).
pub fn draw(subject: Subject, seed: u64, w: u32, h: u32) -> RgbImage {
    let mut rng = Seed(seed);
    // Things scattered on the scene: (x, y, rx, ry, angle, shade).
    let things: Vec<(f32, f32, f32, f32, f32, f32)> = (0..match subject {
        Subject::Keripik => 140,
        Subject::Kopi => 260,
        _ => 0,
    })
        .map(|_| {
            let (x, y) = (rng.unit(), rng.unit());
            let r = match subject {
                Subject::Keripik => 0.045 + rng.unit() * 0.035,
                _ => 0.018 + rng.unit() * 0.006,
            };
            (
                x,
                y,
                r,
                r * (0.55 + rng.unit() * 0.3),
                rng.unit() * std::f32::consts::PI,
                rng.unit(),
            )
        })
        .collect();
    let light = rng.unit() * 0.5 + 0.25;
    let mut noise = Seed(seed ^ 0xA5A5);
    RgbImage::from_fn(w, h, |px, py| {
        let (x, y) = (px as f32 / w as f32, py as f32 / h as f32);
        let aspect = w as f32 / h as f32;
        let mut c = match subject {
            Subject::Batik => {
                // Kawung: four ovals around each grid point, on cloth folds.
                let s = 0.16;
                let (gx, gy) = ((x * aspect / s).fract() - 0.5, (y / s).fract() - 0.5);
                let petal = |dx: f32, dy: f32| {
                    let (u, v) = ((gx - dx) / 0.2, (gy - dy) / 0.12);
                    u * u + v * v < 1.0
                };
                let on = petal(0.25, 0.0) || petal(-0.25, 0.0) || {
                    let (u, v) = (gx / 0.12, (gy.abs() - 0.25) / 0.2);
                    u * u + v * v < 1.0
                };
                let base = [236.0, 222.0, 190.0];
                let ink = if (gx * gx + gy * gy) < 0.004 {
                    [120.0, 60.0, 30.0]
                } else {
                    [40.0, 45.0, 95.0]
                };
                let c = if on { ink } else { base };
                let fold = 0.82 + 0.18 * ((x * 9.0 + (y * 4.0).sin() * 0.8).sin() * 0.5 + 0.5);
                [c[0] * fold, c[1] * fold, c[2] * fold]
            }
            Subject::Anyaman => {
                // Strips over and under, pandan green and dried tan.
                let s = 0.05;
                let (i, j) = ((x * aspect / s) as i32, (y / s) as i32);
                let (fx, fy) = ((x * aspect / s).fract(), (y / s).fract());
                let over = (i + j) % 2 == 0;
                let edge = if over {
                    (fy - 0.5).abs() * 2.0
                } else {
                    (fx - 0.5).abs() * 2.0
                };
                let tone = if over {
                    [196.0, 170.0, 110.0]
                } else {
                    [120.0, 150.0, 80.0]
                };
                let shade = 1.0 - edge.powi(4) * 0.45;
                [tone[0] * shade, tone[1] * shade, tone[2] * shade]
            }
            Subject::Keripik => {
                // A white plate on a wooden table.
                let (dx, dy) = ((x - 0.5) * aspect, y - 0.5);
                let r = (dx * dx + dy * dy).sqrt();
                if r < 0.46 {
                    mix(
                        [245.0, 243.0, 238.0],
                        [215.0, 212.0, 205.0],
                        (r / 0.46).powi(3),
                    )
                } else {
                    let grain = ((x * 40.0 + (y * 3.0).sin() * 2.0).sin() * 0.5 + 0.5) * 0.25;
                    mix([140.0, 95.0, 60.0], [110.0, 70.0, 42.0], grain)
                }
            }
            Subject::Kopi => {
                // Sacking.
                let weave = ((x * 260.0).sin() * (y * 200.0).sin()) * 0.5 + 0.5;
                mix([170.0, 140.0, 100.0], [140.0, 112.0, 78.0], weave)
            }
        };
        for &(tx, ty, rx, ry, a, shade) in &things {
            let (dx, dy) = ((x - tx) * aspect, y - ty);
            let (u, v) = (dx * a.cos() + dy * a.sin(), -dx * a.sin() + dy * a.cos());
            let d = (u / rx).powi(2) + (v / ry).powi(2);
            if d < 1.0 {
                c = match subject {
                    Subject::Keripik => {
                        let spot = ((u * 90.0).sin() * (v * 70.0).cos()).abs() * 0.15;
                        let gold = mix(
                            [226.0, 176.0, 84.0],
                            [180.0, 120.0, 50.0],
                            shade * 0.6 + spot,
                        );
                        mix(gold, [150.0, 100.0, 40.0], d * 0.5)
                    }
                    _ => {
                        // A bean with its crease.
                        let crease = if (v / ry).abs() < 0.12 { 0.55 } else { 1.0 };
                        let bean = mix(
                            [92.0, 52.0, 28.0],
                            [60.0, 32.0, 18.0],
                            shade * 0.7 + d * 0.3,
                        );
                        [bean[0] * crease, bean[1] * crease, bean[2] * crease]
                    }
                };
            }
        }
        // Light from one side, a vignette, sensor noise.
        let lit = 0.8 + 0.3 * (1.0 - (x - light).abs());
        let (vx, vy) = (x - 0.5, y - 0.5);
        let vignette = 1.0 - (vx * vx + vy * vy) * 0.6;
        let n = (noise.unit() - 0.5) * 3.0;
        Rgb(c.map(|v| (v * lit * vignette + n).clamp(0.0, 255.0) as u8))
    })
}

/// The photo as the phone saves it: a JPEG with an EXIF block holding an
/// orientation (`orientation`, 1 or 6) and a GPS position in words the
/// build must drop.
pub fn jpeg(subject: Subject, seed: u64, w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let img = draw(subject, seed, w, h);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .expect("encoding to memory");
    with_exif(out, orientation)
}

/// What a phone writes in a photo that must never be published.
pub const SECRET: &[u8] = b"GPS -6.2383,106.9756 (rumah pemilik) Kamera SN 4411-0098";

/// A JPEG with an APP1 Exif block put after its start: an orientation and
/// `SECRET`.
pub fn with_exif(mut out: Vec<u8>, orientation: u16) -> Vec<u8> {
    // TIFF header (big-endian), one IFD entry: Orientation (0x0112,
    // SHORT, 1 value), then the GPS text as trailing bytes.
    let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(b"\0\0\0\0\0\0");
    tiff.extend_from_slice(SECRET);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut seg = vec![0xFF, 0xE1];
    seg.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    seg.extend_from_slice(&app1);
    out.splice(2..2, seg);
    out
}
