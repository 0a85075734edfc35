//! A small fuzzer that runs with the tests: random mutations of real
//! inputs fed to the front-matter split, a whole entry (Markdown and YAML
//! forms), Markdown rendering, and the phone and hours parsers. Each must
//! never panic, must keep its promises (no script out of Markdown, phones
//! of digits, hours within a day), and must stay fast. `cargo test` runs a
//! small budget; for a longer run:
//!
//! ```text
//! ETALASE_FUZZ_RUNS=200000 cargo test --release --lib fuzz
//! ```

use crate::config;
use crate::load::{Form, InputFile, SiteRoot};
use crate::model::Kind;
use crate::validate::{self, Ctx};
use crate::values;
use std::time::{Duration, Instant};

/// xorshift64*: a fixed seed, so a failure is reproduced by the same run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Characters that mean something to YAML, Markdown or the parsers.
const ALPHABET: &[char] = &[
    ':', '-', '[', ']', '{', '}', '\'', '"', '&', '*', '!', '#', '\n', ' ', '\t', '|', '>', '%',
    '@', '`', '<', '/', '\\', ',', '.', '0', '1', '9', '+', '(', ')', 'a', 'z', 'é', '\u{0}',
    '\u{1b}', '\r', '_', '=', '?', '^', '~', '…', '🍜',
];

/// `seed` with a few random edits: insert, delete, repeat or swap.
fn mutate(rng: &mut Rng, seed: &str) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for _ in 0..1 + rng.below(8) {
        let n = chars.len();
        match rng.below(5) {
            0 | 1 => {
                let at = rng.below(n + 1);
                chars.insert(at, ALPHABET[rng.below(ALPHABET.len())]);
            }
            2 if n > 0 => {
                let at = rng.below(n);
                let len = 1 + rng.below(8.min(n - at));
                chars.drain(at..at + len);
            }
            3 if n > 0 => {
                let at = rng.below(n);
                let len = 1 + rng.below(16.min(n - at));
                let piece: Vec<char> = chars[at..at + len].to_vec();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, piece);
            }
            _ if n > 1 => {
                let (a, b) = (rng.below(n), rng.below(n));
                chars.swap(a, b);
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

fn runs() -> usize {
    std::env::var("ETALASE_FUZZ_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500)
}

/// Runs `check` on `runs()` mutations of the seeds; each case must take
/// well under a second.
fn fuzz(seeds: &[&str], mut check: impl FnMut(&str)) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..runs() {
        let seed = seeds[i % seeds.len()];
        let mut input = mutate(&mut rng, seed);
        // Now and then, mutations of mutations.
        if rng.below(4) == 0 {
            input = mutate(&mut rng, &input);
        }
        if std::env::var_os("ETALASE_FUZZ_TRACE").is_some() {
            eprintln!("case {i}: {input:?}");
        }
        let started = Instant::now();
        check(&input);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "slow input ({:?}): {input:?}",
            started.elapsed()
        );
    }
}

const ENTRY: &str = "---\nname: Warung Bu Sri\ncategory: kuliner\ndistrict: Bekasi Timur\nvillage: Durenjaya\nphone: \"0812-3456-7001\"\nhours:\n  senin: \"08:00-17:00\"\n  minggu: tutup\nproducts:\n  - { name: Keripik, price: 15000, unit: bungkus }\ntags: [a, b]\ngeo: { lat: -6.2, lon: 107.0 }\nprivate:\n  nik: \"3275\"\n---\nKeripik **renyah** [toko](https://a.example/).\n";
const LIST: &str = "- name: Bakso\n  category: kuliner\n  district: Medansatria\n  stall: gerobak\n- name: Sate\n  category: &k kuliner\n  district: Bekasi Timur\n  tags: &t [sate]\n- name: Es\n  category: *k\n  district: Bekasi Timur\n  tags: *t\n";
const SITE: &str = "title: Uji\nbase_url: https://uji.example/\ncategories: [{ slug: kuliner, name: Kuliner }]\ndistricts:\n  - { name: Bekasi Timur, code: \"32.75.01\", villages: [Durenjaya] }\n  - { name: Medansatria, code: \"32.75.06\" }\n";

#[test]
fn fuzz_front_matter_split() {
    fuzz(
        &[ENTRY, "---\n---\n", "---\r\nname: A\r\n---\r\n"],
        |text| {
            if let Ok(s) = crate::load::frontmatter::split(text) {
                assert!(text.contains(s.yaml) && text.ends_with(s.body), "{text:?}");
            }
        },
    );
}

#[test]
fn fuzz_an_entry_in_both_forms() {
    let dir = tempfile::tempdir().unwrap();
    let root = SiteRoot::new(dir.path()).unwrap();
    let mut diags = Vec::new();
    let config = config::parse(SITE, &mut diags).unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    let file = |form, rel: &str| InputFile {
        kind: Kind::Umkm,
        form,
        rel: rel.into(),
        abs: dir.path().join(rel),
    };
    let (md, yaml) = (
        file(Form::Markdown, "content/umkm/a.md"),
        file(Form::Yaml, "content/umkm/a.yaml"),
    );
    let hints = validate::Hints::new(&config);
    let ctx = |file| Ctx {
        config: &config,
        hints: &hints,
        root: &root,
        file,
        body_at: None,
        text_hash: 0,
    };
    fuzz(&[ENTRY], |text| {
        let (_, diags) = validate::markdown_file(&ctx(&md), text);
        for d in &diags {
            assert!(d.pos.is_none_or(|p| p.line >= 1 && p.column >= 1), "{d:?}");
            assert!(!d.message.en.is_empty() && !d.message.id.is_empty());
        }
    });
    fuzz(&[LIST], |text| {
        let (_, diags) = validate::yaml_file(&ctx(&yaml), text.to_string());
        for d in &diags {
            assert!(d.pos.is_none_or(|p| p.line >= 1 && p.column >= 1), "{d:?}");
        }
    });
}

#[test]
fn fuzz_markdown_never_lets_html_through() {
    let seeds = [
        "Teks <b>tebal</b> [x](javascript:alert(1)) ![i](data:x)\n\n<script>alert(1)</script>",
        "# Judul\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nCatatan[^1]\n\n[^1]: kaki <!-- c -->",
        "<img src=x onerror=alert(1)>\n\n```\n<script>\n```\n",
    ];
    fuzz(&seeds, |md| {
        let html = crate::markdown::render(md, "f");
        for tag in tags(&html) {
            let lower = tag.to_ascii_lowercase();
            let name = lower.split([' ', '/', '>']).next().unwrap_or("");
            assert!(
                !matches!(
                    name,
                    "script" | "iframe" | "object" | "embed" | "style" | "svg"
                ),
                "<{tag}> from {md:?}"
            );
            for attr in lower.split_whitespace().skip(1) {
                assert!(!attr.starts_with("on"), "<{tag}> from {md:?}");
                for url in ["href=\"", "src=\""] {
                    if let Some(v) = attr.strip_prefix(url) {
                        assert!(
                            crate::markdown::is_safe_url(v.trim_end_matches(['"', '/', '>'])),
                            "<{tag}> from {md:?}"
                        );
                    }
                }
            }
        }
    });
}

/// The tags of an HTML text (what stands between `<` and `>`, a letter
/// or `/` first); text is escaped, so a `<` there is `&lt;`.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn fuzz_phones_and_hours() {
    fuzz(
        &[
            "0812-3456-7001",
            "+62 812 3456 7001",
            "(021) 8899-0201",
            "+65 6123 4567",
        ],
        |raw| {
            if let Ok(p) = values::phone(raw) {
                assert!(
                    p.digits.bytes().all(|b| b.is_ascii_digit()),
                    "{raw:?}: {p:?}"
                );
                assert!((8..=15).contains(&p.digits.len()), "{raw:?}: {p:?}");
            }
        },
    );
    fuzz(
        &["08:00-17:00", "18.00 - 02.00", "tutup", "00:00-24:00"],
        |raw| {
            if let Ok(Some((open, close))) = values::hours(raw) {
                assert!(
                    open < 24 * 60 && close <= 24 * 60 && open != close,
                    "{raw:?}"
                );
            }
        },
    );
}

/// The preview server's request paths and `Host` headers: decoding never
/// panics, a decoded path always stays inside the site (no `.` or `..`
/// segment, no NUL, no backslash, however encoded), and a host is
/// admitted only when it is localhost, an IP address or a listed name.
#[test]
#[cfg(feature = "serve")]
fn fuzz_the_servers_paths_and_hosts() {
    use crate::serve::fuzzing::{admits, decode};
    fuzz(
        &[
            "/umkm/keripik-tempe-bu-sri/",
            "/%2e%2e/%2E%2e/etc/passwd",
            "/..%2f..%2fsite.yaml",
            "/a/%252e%252e/b",
            "/%c0%ae%c0%ae/x",
            "/media/foto%20warung%201.png",
            "//etc/passwd",
            "/direktori/cari/?q=..",
        ],
        |raw| {
            if let Some(path) = decode(raw) {
                assert!(path.starts_with('/'), "{raw:?} -> {path:?}");
                assert!(!path.contains(['\0', '\\']), "{raw:?} -> {path:?}");
                let inside = std::path::Path::new("/situs").join(path.trim_start_matches('/'));
                assert!(
                    inside
                        .components()
                        .skip(2)
                        .all(|c| matches!(c, std::path::Component::Normal(_))),
                    "{raw:?} -> {path:?}"
                );
            }
        },
    );
    fuzz(
        &[
            "localhost:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
            "pratinjau.kantor",
            "evil.example",
            "localhost.evil.example:80",
        ],
        |raw| {
            if admits(raw, &["pratinjau.kantor"]) {
                let lower = raw.trim().to_ascii_lowercase();
                let name = if lower.starts_with('[') {
                    lower
                        .split(']')
                        .next()
                        .unwrap_or("")
                        .trim_start_matches('[')
                        .to_string()
                } else {
                    lower
                        .rsplit_once(':')
                        .map_or(lower.as_str(), |(n, _)| n)
                        .to_string()
                };
                let name = name.trim_end_matches('.');
                assert!(
                    name == "localhost"
                        || name == "pratinjau.kantor"
                        || name.parse::<std::net::IpAddr>().is_ok(),
                    "{raw:?} admitted as {name:?}"
                );
            }
        },
    );
}
