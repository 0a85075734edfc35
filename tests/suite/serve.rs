//! `etalase serve`: the real server on 127.0.0.1, a real HTTP client over
//! TCP, real files edited under it. The site it serves is compared, file
//! by file, with a full build of the same files after every edit.

#![cfg(feature = "serve")]

use crate::common::*;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `etalase serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT` (no slash).
    pub origin: String,
    /// The site's home page as the server printed it.
    pub home: String,
    /// What the server printed on its standard error so far.
    pub log: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(site: &Site, args: &[&str]) -> Server {
        Server::start_with(site, args, |_| {})
    }

    /// The same, the command set up further before it starts (a limit of
    /// its own, say).
    pub fn start_with(
        site: &Site,
        args: &[&str],
        setup: impl FnOnce(&mut std::process::Command),
    ) -> Server {
        let mut cmd = etalase();
        cmd.arg("serve")
            .arg("--root")
            .arg(site.root())
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        setup(&mut cmd);
        let mut child = cmd.spawn().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut l = sink.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}; log: {}", log.lock().unwrap()));
        let origin = url.trim_end_matches('/');
        let origin = origin[..origin[7..].find('/').map_or(origin.len(), |i| i + 7)].to_string();
        let home = url.to_string();
        Server {
            child,
            origin,
            home,
            log,
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub fn get(&self, path: &str) -> Response {
        request(&self.origin, "GET", path)
    }

    /// The server's list of the files it serves.
    pub fn manifest(&self) -> Manifest {
        let r = self.get("/_etalase/files");
        assert_eq!(r.status, 200);
        let text = r.text();
        let mut lines = text.lines();
        let mut head = BTreeMap::new();
        for _ in 0..4 {
            let (k, v) = lines.next().unwrap().split_once('\t').unwrap();
            head.insert(k.to_string(), v.to_string());
        }
        let files = lines
            .map(|l| {
                let mut p = l.split('\t');
                let path = p.next().unwrap().to_string();
                let len: usize = p.next().unwrap().parse().unwrap();
                (path, (len, p.next().unwrap().to_string()))
            })
            .collect();
        Manifest {
            generation: head["generation"].parse().unwrap(),
            rounds: head["rounds"].parse().unwrap(),
            search_ready: head["search"] == "ready",
            problems: head["problems"].parse().unwrap(),
            files,
        }
    }

    /// Waits for a round after `generation` (a good one, or one with
    /// problems) and for the search bundle to follow it.
    pub fn wait_round(&self, generation: u64, problems: bool) -> Manifest {
        self.wait_until(
            &format!("no new round after generation {generation}"),
            |m| {
                if problems {
                    m.problems > 0
                } else {
                    m.generation > generation && m.problems == 0 && m.search_ready
                }
            },
        )
    }

    /// Waits for the round after `rounds`, good or not (and for the
    /// search bundle of a good one).
    pub fn wait_any(&self, rounds: u64) -> Manifest {
        self.wait_until(&format!("no round after {rounds}"), |m| {
            m.rounds > rounds && (m.problems > 0 || m.search_ready)
        })
    }

    /// Polls the manifest until `done` holds; fails with `what` and the
    /// server's log after a minute.
    fn wait_until(&self, what: &str, done: impl Fn(&Manifest) -> bool) -> Manifest {
        let started = Instant::now();
        loop {
            let m = self.manifest();
            if done(&m) {
                return m;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{what}; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the page at `path` holds `text`; fails after a minute.
    #[cfg_attr(not(feature = "search"), allow(dead_code))]
    pub fn wait_until_page(&self, path: &str, text: &str) {
        let started = Instant::now();
        while !self.get(path).text().contains(text) {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{path} never showed {text}; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The server's resident memory, in KiB (Linux).
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
    }

    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Manifest {
    pub generation: u64,
    pub rounds: u64,
    pub search_ready: bool,
    pub problems: usize,
    /// Path → (size, FNV-1a 64 of the bytes, hex).
    pub files: BTreeMap<String, (usize, String)>,
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request, written as given (no normalising of the path),
/// on its own connection.
pub fn request(origin: &str, method: &str, target: &str) -> Response {
    let host = origin.trim_start_matches("http://");
    request_with(origin, method, host, target)
}

/// The same, with the `Host` header given.
fn request_with(origin: &str, method: &str, host: &str, target: &str) -> Response {
    let addr = origin.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    parse(&raw, method == "HEAD")
}

fn parse(raw: &[u8], head: bool) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head_text = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head_text.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked && !head {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let at = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let n = usize::from_str_radix(std::str::from_utf8(&rest[..at]).unwrap().trim(), 16)
                .unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&rest[at + 2..at + 2 + n]);
            rest = &rest[at + 4 + n..];
        }
        body = out;
    }
    Response {
        status,
        headers,
        body,
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Every file of a built output folder, as the server lists its own.
fn output_manifest(dir: &Path) -> BTreeMap<String, (usize, String)> {
    list_files(dir)
        .into_iter()
        .filter(|p| p != ".etalase-manifest")
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).unwrap();
            (p, (bytes.len(), format!("{:016x}", fnv(&bytes))))
        })
        .collect()
}

/// Fails, naming the first differences, unless the server's site is a
/// full build's of the same files, byte for byte.
fn assert_same_as_full_build(site: &Site, server: &Server, what: &str) {
    let out = tempfile::tempdir().unwrap();
    let run = site.build(&[
        "--base-url",
        &server.home,
        "--output",
        out.path().to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(run.code, 0, "{what}: the full build failed: {}", run.stderr);
    let want = output_manifest(out.path());
    // A later round (a save in two steps) may still be on its way.
    let mut got = server.manifest();
    for _ in 0..20 {
        if got.files == want {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
        got = server.manifest();
    }
    let mut diffs = Vec::new();
    for p in want.keys().chain(got.files.keys()) {
        if want.get(p) != got.files.get(p) && !diffs.contains(p) {
            diffs.push(p.clone());
        }
    }
    panic!(
        "{what}: the served site differs from a full build in {} files: {:?}\nlog:\n{}",
        diffs.len(),
        &diffs[..diffs.len().min(12)],
        server.log()
    );
}

#[test]
fn serves_pages_with_their_types_and_404() {
    let site = Site::sample();
    let server = Server::start(&site, &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200, "{}", server.log());
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let text = home.text();
    assert!(text.contains("Direktori UMKM Kota Bekasi"));
    // The live-reload script, only in what is served.
    // With a hash of the page's own bytes: a later round reloads the page
    // only when they changed.
    let tag = text
        .split("<script src=\"/_etalase/live.js\"")
        .nth(1)
        .unwrap_or("");
    assert!(
        tag.starts_with(" data-page=\"")
            && tag.contains("\" data-generation=\"1\" defer></script></body>"),
        "{tag}"
    );
    let m = server.manifest();
    assert!(m.files.contains_key("index.html"));
    assert_eq!(server.get("/umkm/").status, 200);
    let slashless = server.get("/umkm");
    assert_eq!(slashless.status, 308);
    assert_eq!(slashless.header("location"), Some("/umkm/"));
    let missing = server.get("/tidak-ada/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<html"), "the theme's 404 page");
    let css = m
        .files
        .keys()
        .find(|p| p.ends_with(".css"))
        .unwrap()
        .clone();
    let r = server.get(&format!("/{css}"));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/css; charset=utf-8"));
    let js = server.get("/_etalase/live.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        server.get("/sitemap.xml").header("content-type"),
        Some("application/xml")
    );
    // HEAD: the headers of GET, no body.
    let head = request(&server.origin, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let r = request(&server.origin, method, "/");
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"), "{method}");
    }
    assert!(server.log().contains("Built in"), "{}", server.log());
}

#[test]
fn serves_the_site_under_its_sub_path() {
    let site = Site::sample();
    site.edit(
        "site.yaml",
        "base_url: https://umkm.example.go.id/",
        "base_url: https://umkm.example.go.id/direktori/",
    );
    let server = Server::start(&site, &[]);
    let home = server.get("/direktori/");
    assert_eq!(home.status, 200, "{}", server.log());
    assert!(home.text().contains("href=\"/direktori/umkm/\""));
    let r = server.get("/direktori");
    assert_eq!(r.status, 308);
    assert_eq!(r.header("location"), Some("/direktori/"));
    assert_eq!(server.get("/").status, 404);
    assert_eq!(server.get("/umkm/").status, 404);
    assert_eq!(server.get("/direktori/umkm/").status, 200);
    assert_same_as_full_build(&site, &server, "under a sub-path");
}

#[test]
fn never_serves_a_file_from_outside_the_site() {
    let site = Site::sample();
    // A file beside the site that a traversal would reach.
    site.write("rahasia.txt", "RAHASIA-JANGAN-TERBIT");
    let server = Server::start(&site, &[]);
    for target in [
        "/../rahasia.txt",
        "/umkm/../../rahasia.txt",
        "/%2e%2e/rahasia.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2frahasia.txt",
        "/..%2F..%2Fetc%2Fpasswd",
        "/..\\rahasia.txt",
        "/%5c..%5crahasia.txt",
        "/umkm/%00/index.html",
        "/%00",
        "//etc/passwd",
        "/etc/passwd",
        "/site.yaml",
        "/content/umkm/",
        "http://127.0.0.1/../rahasia.txt",
        "/rahasia.txt",
        "/%c0%ae%c0%ae/rahasia.txt",
    ] {
        let r = request(&server.origin, "GET", target);
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: status {}",
            r.status
        );
        let body = r.text();
        assert!(
            !body.contains("RAHASIA") && !body.contains("root:"),
            "{target}"
        );
        assert!(!body.contains("base_url:"), "{target}: site.yaml served");
    }
}

/// A small deterministic random number generator, so a failing sequence
/// of edits can be run again with its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The entry files of a site, sorted.
fn entry_files(site: &Site) -> Vec<String> {
    list_files(&site.root().join("content"))
        .into_iter()
        .filter(|p| p.starts_with("umkm/") || p.starts_with("koperasi/"))
        .filter(|p| p.ends_with(".md"))
        .map(|p| format!("content/{p}"))
        .collect()
}

fn set_line(text: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key}:");
    let mut done = false;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if !done && l.starts_with(&prefix) {
                done = true;
                format!("{key}: {value}")
            } else {
                l.to_string()
            }
        })
        .collect();
    let mut out = lines.join("\n");
    out.push('\n');
    if !done {
        // After the opening `---`.
        out = out.replacen("---\n", &format!("---\n{key}: {value}\n"), 1);
    }
    out
}

#[test]
fn after_any_edits_the_site_is_a_full_builds() {
    let seed: u64 = std::env::var("ETALASE_SERVE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2026_1202);
    let steps: usize = std::env::var("ETALASE_SERVE_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(14);
    let mut rng = Rng(seed);
    let site = Site::sample();
    let server = Server::start(&site, &[]);
    let mut rounds = server.wait_round(0, false).rounds;
    assert_same_as_full_build(&site, &server, "at the start");
    let categories = ["kuliner", "fesyen", "kerajinan", "jasa"];
    let districts = ["Bekasi Barat", "Bekasi Timur", "Rawalumbu", "Medansatria"];
    for step in 0..steps {
        let files = entry_files(&site);
        let pick = files[rng.below(files.len())].clone();
        let path = site.root().join(&pick);
        let text = std::fs::read_to_string(&path).unwrap();
        let op = rng.below(12);
        let what = match op {
            0 => {
                let name = format!("Aaa Usaha Acak {}", rng.below(1000));
                std::fs::write(&path, set_line(&text, "name", &format!("\"{name}\""))).unwrap();
                format!("renamed the entry in {pick} to {name}")
            }
            1 => {
                let c = categories[rng.below(categories.len())];
                std::fs::write(&path, set_line(&text, "category", c)).unwrap();
                format!("moved {pick} to category {c}")
            }
            2 => {
                let d = districts[rng.below(districts.len())];
                let t = set_line(&text, "district", &format!("\"{d}\""));
                let t: String = t
                    .lines()
                    .filter(|l| !l.starts_with("village:"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                std::fs::write(&path, t).unwrap();
                format!("moved {pick} to kecamatan {d}")
            }
            3 => {
                let n = rng.below(100000);
                std::fs::write(&path, format!("{text}\nTambahan keterangan nomor {n}.\n")).unwrap();
                format!("added to the description of {pick}")
            }
            4 => {
                let n = rng.below(100000);
                let new = format!("content/umkm/usaha-baru-{n}.md");
                let t = set_line(&text, "name", &format!("\"Usaha Baru {n}\""));
                let t: String = t
                    .lines()
                    .filter(|l| !l.starts_with("slug:"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                site.write(&new, &t);
                format!("added {new}, a copy of {pick}")
            }
            9 | 10 => {
                // Edits that move nothing: served by rendering only the
                // pages that show the entry.
                let n = rng.below(100000);
                let t = set_line(&text, "address", &format!("\"Jl. Percobaan No. {n}\""));
                std::fs::write(&path, format!("{t}\nCatatan {n}.\n")).unwrap();
                format!("changed the address and description of {pick}")
            }
            11 => {
                // In place too, but a filter and the ranking change: the
                // search index's sets and its closed list.
                let closed = text.contains("status: tutup");
                let t = set_line(&text, "status", if closed { "aktif" } else { "tutup" });
                let t = if t.contains("\nqris:") {
                    t.lines()
                        .filter(|l| !l.starts_with("qris:"))
                        .map(|l| format!("{l}\n"))
                        .collect()
                } else {
                    set_line(&t, "qris", "\"ID1023249999999\"")
                };
                std::fs::write(&path, t).unwrap();
                format!("opened or closed {pick}, and its QRIS")
            }
            5 if files.len() > 40 => {
                std::fs::remove_file(&path).unwrap();
                format!("deleted {pick}")
            }
            6 => {
                let to = format!("{}-lama.md", pick.trim_end_matches(".md"));
                std::fs::rename(&path, site.root().join(&to)).unwrap();
                format!("renamed {pick} to {to}")
            }
            7 => {
                let t = set_line(
                    &text,
                    "featured",
                    if text.contains("featured: true") {
                        "false"
                    } else {
                        "true"
                    },
                );
                let t = set_line(
                    &t,
                    "updated",
                    &format!("2026-0{}-1{}", 1 + rng.below(9), rng.below(9)),
                );
                std::fs::write(&path, t).unwrap();
                format!("featured/updated {pick}")
            }
            _ => {
                let p = site.root().join("content/program/opop.md");
                let t = std::fs::read_to_string(&p).unwrap();
                let n = rng.below(1000);
                std::fs::write(&p, set_line(&t, "name", &format!("\"OPOP {n}\""))).unwrap();
                "edited the OPOP programme".to_string()
            }
        };
        let m = server.wait_any(rounds);
        rounds = m.rounds;
        let what = format!("step {step} (seed {seed}): {what}");
        eprintln!("{what}");
        if m.problems > 0 {
            // An edit that breaks the site (a participant's file renamed
            // away): a full build refuses it with the same lines.
            let out = site.root().join("out");
            let run = site.build(&["--output", out.to_str().unwrap()]);
            assert_eq!(run.code, 1, "{what}: served with problems, built without");
            let log = server.log();
            for line in run.stderr.lines().filter(|l| l.contains("[E")) {
                assert!(
                    log.contains(line),
                    "{what}: {line} not reported by serve:\n{log}"
                );
            }
        } else {
            assert_same_as_full_build(&site, &server, &what);
        }
    }
}

#[test]
fn a_broken_entry_is_reported_and_the_last_good_site_stays() {
    let site = Site::sample();
    let server = Server::start(&site, &[]);
    let before = server.wait_round(0, false);
    let page = "/umkm/karya-daur-ulang-sumurbatu/";
    let good = server.get(page);
    assert_eq!(good.status, 200);
    let rel = "content/umkm/bantargebang/karya-daur-ulang-sumurbatu.md";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(rel, &set_line(&text, "category", "tidak-ada"));
    let broken = server.wait_round(before.generation, true);
    assert_eq!(broken.generation, before.generation, "no new site");
    // In the terminal: the same line as build.
    let log = server.log();
    assert!(
        log.contains(&format!("{rel}:3:11: unknown category \"tidak-ada\"")),
        "{log}"
    );
    assert!(
        log.contains("the last good pages are still served"),
        "{log}"
    );
    // The page still answers with the last good version.
    let still = server.get(page);
    assert_eq!(still.status, 200);
    assert_eq!(
        still.text().replace("data-generation=\"1\"", ""),
        good.text().replace("data-generation=\"1\"", "")
    );
    // The event stream tells the page.
    let events = first_event(&server);
    assert!(events.contains("\"ok\":false"), "{events}");
    assert!(
        events.contains("karya-daur-ulang-sumurbatu.md:3:11"),
        "{events}"
    );
    // A broken site.yaml does not stop it either.
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", "title: [tidak ditutup\n");
    std::thread::sleep(Duration::from_millis(500));
    let mut server = server;
    assert!(server.alive());
    assert_eq!(server.get(page).status, 200);
    site.write("site.yaml", &config);
    site.write(rel, &text);
    let fixed = server.wait_round(before.generation, false);
    assert_eq!(fixed.problems, 0);
    assert!(first_event(&server).contains("\"ok\":true"));
    assert_same_as_full_build(&site, &server, "after the fix");
}

/// The first server-sent event of `/_etalase/events`: the state now.
fn first_event(server: &Server) -> String {
    let host = server.origin.trim_start_matches("http://");
    let mut s = TcpStream::connect(host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET /_etalase/events HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains("\n\n")
        || !String::from_utf8_lossy(&got).contains("data:")
    {
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "the stream ended");
        got.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&got).into_owned();
    assert!(text.contains("content-type: text/event-stream"), "{text}");
    text
}

#[test]
fn a_site_that_starts_broken_is_served_once_fixed() {
    let site = Site::sample();
    let rel = "content/umkm/bantargebang/karya-daur-ulang-sumurbatu.md";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(rel, &set_line(&text, "category", "tidak-ada"));
    let server = Server::start(&site, &[]);
    let r = server.get("/");
    assert_eq!(r.status, 503);
    assert!(
        r.text().contains("/_etalase/live.js"),
        "the page reloads when fixed"
    );
    assert!(
        server.log().contains("the site cannot be served yet"),
        "{}",
        server.log()
    );
    site.write(rel, &text);
    server.wait_round(1, false);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn template_static_and_site_yaml_changes_rebuild_what_they_change() {
    let site = Site::sample();
    let server = Server::start(&site, &[]);
    let mut generation = server.wait_round(0, false).generation;
    // A site's own template over the built-in one.
    let builtin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/page.html"),
    )
    .unwrap();
    let marked = builtin.replacen(
        "{% block content %}",
        "{% block content %}<p id=\"tanda\">TANDA-TEMA</p>",
        1,
    );
    assert_ne!(marked, builtin, "page.html has a content block");
    site.write("themes/default/templates/page.html", &marked);
    generation = server.wait_round(generation, false).generation;
    assert!(server.get("/tentang/").text().contains("TANDA-TEMA"));
    assert_same_as_full_build(&site, &server, "a template added");
    site.write("static/catatan.txt", "halo");
    generation = server.wait_round(generation, false).generation;
    assert_eq!(server.get("/catatan.txt").text(), "halo");
    site.edit(
        "site.yaml",
        "title: Direktori UMKM Kota Bekasi",
        "title: Direktori Usaha Bekasi",
    );
    server.wait_round(generation, false);
    assert!(server.get("/").text().contains("Direktori Usaha Bekasi"));
    assert_same_as_full_build(&site, &server, "site.yaml edited");
}

/// Many concurrent requests: all answered right, and the server's memory
/// settles instead of growing with them.
#[test]
fn stands_a_load_of_concurrent_requests() {
    let site = Site::sample();
    let server = Server::start(&site, &[]);
    server.wait_round(0, false);
    let paths: Vec<(String, u16)> = {
        let m = server.manifest();
        let mut p: Vec<(String, u16)> = m
            .files
            .keys()
            .filter(|k| k.ends_with("index.html"))
            .take(40)
            .map(|k| (format!("/{}", k.trim_end_matches("index.html")), 200))
            .collect();
        p.push(("/tidak-ada/".into(), 404));
        p.push(("/%2e%2e/etc/passwd".into(), 400));
        p
    };
    let origin = server.origin.clone();
    let round = |n: usize| -> (usize, Duration) {
        let started = Instant::now();
        let errors = std::thread::scope(|s| {
            let handles: Vec<_> = (0..16)
                .map(|t| {
                    let (paths, origin) = (&paths, &origin);
                    s.spawn(move || {
                        let mut bad = 0;
                        for i in 0..n {
                            let (p, want) = &paths[(t * 7 + i) % paths.len()];
                            if request(origin, "GET", p).status != *want {
                                bad += 1;
                            }
                        }
                        bad
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        (errors, started.elapsed())
    };
    let (errors, _) = round(60);
    assert_eq!(errors, 0);
    let warm = server.rss_kib();
    let (errors, took) = round(250);
    assert_eq!(errors, 0);
    let (errors, _) = round(250);
    assert_eq!(errors, 0);
    let after = server.rss_kib();
    eprintln!(
        "serve load: 16 clients x 250 requests in {:.2} s; memory {warm:?} KiB warm, {after:?} KiB after 8000 more",
        took.as_secs_f64()
    );
    if let (Some(w), Some(a)) = (warm, after) {
        assert!(a < w + 16 * 1024, "memory grew from {w} to {a} KiB");
    }
}

/// What a person at the browser sees: the page reloads itself after a
/// save, a broken entry shows its problem over the page, and the fix
/// clears it (headless Chromium over the DevTools protocol).
#[test]
fn the_open_page_reloads_and_shows_problems() {
    const CHROMIUM: &str = "/usr/bin/chromium";
    if !require_tool(
        Path::new(CHROMIUM).is_file(),
        "Chromium (/usr/bin/chromium)",
        "chromium",
    ) {
        return;
    }
    let site = Site::sample();
    let server = Server::start(&site, &[]);
    let mut rounds = server.wait_round(0, false).rounds;
    let rel = "content/umkm/bantargebang/karya-daur-ulang-sumurbatu.md";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    let mut b = crate::devtools::Browser::start(CHROMIUM, 360, 740);
    b.open(&format!(
        "{}/umkm/karya-daur-ulang-sumurbatu/",
        server.origin
    ));
    b.wait_for("document.querySelector('script[src=\"/_etalase/live.js\"]')");
    // A save that changes the page: it reloads by itself with the change.
    site.write(
        rel,
        &format!("{text}\nKini juga menerima pesanan daring.\n"),
    );
    rounds = server.wait_any(rounds).rounds;
    b.wait_for("document.body.textContent.includes('menerima pesanan daring')");
    // A save of another entry, in another kecamatan: this page's bytes
    // stay, and so does the page (no reload: the mark set on it stays).
    b.eval("window.etalaseTetap = 1");
    let other = "content/umkm/jatiasih/nasi-bakar-jatikramat.md";
    let before = std::fs::read_to_string(site.root().join(other)).unwrap();
    site.write(other, &format!("{before}\nBuka juga hari Minggu.\n"));
    rounds = server.wait_any(rounds).rounds;
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        b.eval("window.etalaseTetap === 1"),
        serde_json::json!(true),
        "a page whose bytes did not change reloaded"
    );
    // A broken save: the problem over the page, the page as it was.
    site.write(rel, &set_line(&text, "category", "tidak-ada"));
    rounds = server.wait_any(rounds).rounds;
    b.wait_for("document.getElementById('etalase-masalah')");
    let shown = b.eval("document.getElementById('etalase-masalah').textContent");
    let shown = shown.as_str().unwrap();
    assert!(shown.contains("Situs belum bisa dibangun ulang"), "{shown}");
    assert!(shown.contains(&format!("{rel}:3:11")), "{shown}");
    assert_eq!(
        b.eval("document.getElementById('etalase-masalah').getAttribute('role')"),
        serde_json::json!("alert")
    );
    assert!(
        b.eval("document.body.textContent.includes('menerima pesanan daring')")
            == serde_json::json!(true),
        "the last good page stays under the message"
    );
    // The fix: the message goes, the page shows the fixed file.
    site.write(rel, &text);
    server.wait_any(rounds);
    b.wait_for(
        "!document.getElementById('etalase-masalah') && !document.body.textContent.includes('menerima pesanan daring')",
    );
    assert!(b.errors.is_empty(), "{:#?}", b.errors);
}

/// Two languages, listings of two entries a page, a sub-path: edits in
/// place and edits that move entries still give a full build's site.
#[test]
fn a_site_in_two_languages_stays_a_full_builds() {
    let site = Site::fixture("full");
    let server = Server::start(&site, &[]);
    let mut rounds = server.wait_round(0, false).rounds;
    assert_same_as_full_build(&site, &server, "at the start");
    let entries: Vec<String> = list_files(&site.root().join("content"))
        .into_iter()
        .filter(|p| p.starts_with("umkm/") || p.starts_with("koperasi/"))
        .filter(|p| p.ends_with(".md"))
        .map(|p| format!("content/{p}"))
        .collect();
    assert!(!entries.is_empty());
    for (n, rel) in entries.iter().enumerate() {
        let path = site.root().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        // In place: only the description.
        std::fs::write(&path, format!("{text}\nTambahan nomor {n}.\n")).unwrap();
        rounds = server.wait_any(rounds).rounds;
        assert_same_as_full_build(&site, &server, &format!("{rel}: description"));
        // Moving: a new name sorts it elsewhere in every listing.
        let moved = set_line(&text, "name", &format!("\"Aaa Pindah {n}\""));
        std::fs::write(&path, moved).unwrap();
        rounds = server.wait_any(rounds).rounds;
        assert_same_as_full_build(&site, &server, &format!("{rel}: renamed"));
    }
}

/// DNS rebinding: a page on another name that resolves to this machine
/// gets nothing, from the site, the event stream or the server's own
/// addresses; localhost, IP addresses and names given with --allow-host
/// are answered.
#[test]
fn answers_only_the_hosts_it_was_started_for() {
    let site = Site::sample();
    let server = Server::start(&site, &["--allow-host", "pratinjau.kantor"]);
    let port = server.origin.rsplit(':').next().unwrap().to_string();
    for target in ["/", "/_etalase/events", "/_etalase/files", "/umkm/"] {
        for host in [
            format!("evil.example:{port}"),
            "evil.example".to_string(),
            format!("localhost.evil.example:{port}"),
            // An address it is not bound to (it listens on 127.0.0.1).
            format!("10.9.8.7:{port}"),
            String::new(),
        ] {
            let r = request_with(&server.origin, "GET", &host, target);
            assert_eq!(r.status, 403, "{host} {target}");
            assert!(!r.text().contains("<html"), "{host} {target}");
        }
    }
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("pratinjau.kantor:{port}"),
    ] {
        assert_eq!(
            request_with(&server.origin, "GET", &host, "/").status,
            200,
            "{host}"
        );
    }
}

/// A served file (a static file, an entry's picture) swapped for a link
/// that leads outside the site is never answered with the outside file's
/// bytes, however the swap falls between rounds; a file grown since the
/// round checked it is not served either.
#[test]
#[cfg(unix)]
fn a_file_swapped_for_a_link_is_not_followed() {
    let site = Site::sample();
    site.write("static/img/spanduk.png", "PNG-SPANDUK");
    site.write("static/img/kedua.png", "PNG-KEDUA");
    site.write("../rahasia-luar.txt", "RAHASIA-DI-LUAR-SITUS");
    let outside = site.root().join("../rahasia-luar.txt");
    let server = Server::start(&site, &[]);
    let files = server.manifest().files;
    let picture = files
        .keys()
        .find(|p| p.starts_with("media/") && p.ends_with(".jpg"))
        .expect("a picture of an entry")
        .clone();
    let stat = files
        .keys()
        .find(|p| p.ends_with(".png") && !p.starts_with("media/"))
        .expect("a static picture")
        .clone();
    assert_eq!(server.get(&format!("/{picture}")).status, 200);
    // Where each is in the site folder: the one file of that name.
    let source = |served: &str| -> std::path::PathBuf {
        if served.starts_with("media/") {
            // An entry's picture is served from the picture cache: the
            // cache's file with its bytes.
            let bytes = server.get(&format!("/{served}")).body;
            let dir = site.root().join(".etalase-cache/gambar");
            let found: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .filter(|p| std::fs::read(p).unwrap() == bytes)
                .collect();
            assert_eq!(found.len(), 1, "{served}");
            return found[0].clone();
        }
        let name = Path::new(served).file_name().unwrap().to_str().unwrap();
        let found: Vec<String> = list_files(site.root())
            .into_iter()
            .filter(|f| !f.starts_with("public/") && f.ends_with(&format!("/{name}")))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        site.root().join(&found[0])
    };
    for served in [&picture, &stat] {
        let path = source(served);
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&outside, &path).unwrap();
        // Before and after the next round has seen the link.
        for _ in 0..2 {
            let r = server.get(&format!("/{served}"));
            assert_ne!(r.status, 200, "{served}");
            assert!(!r.text().contains("RAHASIA"), "{served}");
            std::thread::sleep(Duration::from_millis(700));
        }
    }
    // A file that grows after the round: not served as it is now.
    let grown = source(
        files
            .keys()
            .find(|p| p.ends_with(".png") && **p != picture && **p != stat)
            .unwrap(),
    );
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&grown)
        .unwrap();
    f.write_all(b"RAHASIA-TAMBAHAN").unwrap();
    drop(f);
    let served = files
        .keys()
        .find(|p| p.ends_with(grown.file_name().unwrap().to_str().unwrap()))
        .unwrap();
    let r = server.get(&format!("/{served}"));
    assert!(!r.text().contains("RAHASIA-TAMBAHAN"), "{served}");
}

/// Idle and surplus clients cannot make the preview deaf: with an
/// open-file limit of 128, 140 idle connections are either served or
/// refused at once, a page is still answered, and idle connections are
/// closed by the server.
#[test]
#[cfg(target_os = "linux")]
fn idle_and_surplus_connections_do_not_stop_it() {
    use std::os::unix::process::CommandExt;
    let site = Site::sample();
    // The limit set for the server only (in the child, before exec).
    let server = Server::start_with(&site, &[], |cmd| unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 128,
                rlim_max: 128,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    });
    let origin = server.origin.clone();
    let idle: Vec<TcpStream> = (0..140)
        .map(|_| TcpStream::connect(origin.trim_start_matches("http://")).unwrap())
        .collect();
    let started = Instant::now();
    // Answered or refused at once: a 503, or (when the server is already
    // refusing many, as it reads each briefly first) a close that the
    // client sees as a reset. Never a wait.
    let answered = std::panic::catch_unwind(|| request(&origin, "GET", "/"));
    if let Ok(r) = &answered {
        assert!(
            r.status == 200 || r.status == 503,
            "status {} with 140 idle connections",
            r.status
        );
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // Once the idle ones are closed by the server, pages are answered.
    std::thread::sleep(Duration::from_secs(23));
    let r = request(&origin, "GET", "/");
    assert_eq!(r.status, 200);
    let mut closed = 0;
    for mut s in idle {
        s.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        let mut buf = [0u8; 256];
        // The end of the stream (or the 503 before it), or a reset.
        match s.read(&mut buf) {
            Ok(_) => closed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => closed += 1,
            Err(_) => {}
        }
    }
    assert_eq!(closed, 140, "idle connections left open by the server");
}

/// Clients that send their request a byte at a time, to hold a place each
/// (slowloris), are closed once their request has taken 10 s, well before
/// the 20 s of silence that closes an idle one: the places come back.
#[test]
fn clients_trickling_a_request_are_closed() {
    let site = Site::sample();
    let server = Server::start(&site, &[]);
    let addr = server.origin.trim_start_matches("http://").to_string();
    let started = Instant::now();
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = TcpStream::connect(&addr).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
                .unwrap();
            s
        })
        .collect();
    // A header line every 2 s: never silent long enough to be idle.
    let mut open = slow.len();
    while open > 0 && started.elapsed() < Duration::from_secs(18) {
        std::thread::sleep(Duration::from_secs(2));
        open = 0;
        for s in &mut slow {
            if s.write_all(b"X-Slow: 1\r\n").is_ok() {
                s.set_read_timeout(Some(Duration::from_millis(10))).unwrap();
                let mut buf = [0u8; 64];
                match s.read(&mut buf) {
                    Ok(0) => {}
                    Err(e)
                        if e.kind() == std::io::ErrorKind::WouldBlock
                            || e.kind() == std::io::ErrorKind::TimedOut =>
                    {
                        open += 1
                    }
                    _ => {}
                }
            }
        }
    }
    let took = started.elapsed();
    assert_eq!(open, 0, "trickling clients still open after {took:?}");
    assert!(took < Duration::from_secs(16), "{took:?}");
    assert_eq!(request(&server.origin, "GET", "/").status, 200);
}

/// A save is searchable when its page is: the index is made in the same
/// round as the pages, so the snapshot that shows a new name finds it.
#[test]
#[cfg(feature = "search")]
fn a_save_is_searchable_in_the_round_of_its_page() {
    let site = Site::sample();
    let server = Server::start(&site, &[]);
    let generation = server.wait_round(0, false).generation;
    let rel = "content/umkm/bekasi-timur/keripik-tempe-bu-sri.md";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    std::fs::write(
        site.root().join(rel),
        set_line(&text, "name", "\"Keripik Zebrakopi Bu Sri\""),
    )
    .unwrap();
    server.wait_until_page("/umkm/keripik-tempe-bu-sri/", "Zebrakopi");
    // No waiting for anything else: the page's round holds its index.
    let meta: serde_json::Value =
        serde_json::from_str(&server.get("/cari/indeks/meta.json").text()).unwrap();
    let shards = meta["shards"].as_array().unwrap();
    // The terms of every shard, their front coding undone.
    let found = (0..shards.len()).any(|i| {
        let mut prev = String::new();
        server
            .get(&format!("/cari/indeks/kata-{i}.txt"))
            .text()
            .lines()
            .any(|line| {
                let mut p = line.splitn(3, ' ');
                let shared = usize::from_str_radix(p.next().unwrap(), 36).unwrap();
                let units: Vec<u16> = prev.encode_utf16().take(shared).collect();
                prev = String::from_utf16(&units).unwrap() + p.next().unwrap();
                prev == "zebrakopi"
            })
    });
    assert!(
        found,
        "the new word is not in the index of its page's round"
    );
    assert!(server.manifest().generation > generation);
}
