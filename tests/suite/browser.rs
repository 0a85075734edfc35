//! The built site in a real browser: headless Chromium (Debian's
//! /usr/bin/chromium, which CI installs) loads pages from a small HTTP
//! server on 127.0.0.1 serving the output folder. Without Chromium these
//! tests skip with a loud message naming the package, unless
//! ETALASE_REQUIRE_TOOLS=1 (set by .ci/run), which makes them fail.

use crate::common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// One page of each type of the sample (the search page aside, which needs
/// the bundle and its results).
pub const PAGE_TYPES: &[&str] = &[
    "",
    "umkm/",
    "umkm/halaman/2/",
    "umkm/keripik-tempe-bu-sri/",
    "koperasi/koperasi-syariah-masjid-al-ikhlas-jatibening/",
    "pkl/kerak-telor-bang-madi/",
    "kategori/",
    "kategori/kuliner/",
    "kecamatan/",
    "kecamatan/bekasi-timur/",
    "kecamatan/bekasi-timur/durenjaya/",
    "program/",
    "program/koperasi-masjid/",
    "acara/",
    "acara/bazaar-ramadhan-2026/",
    "kontak/",
    "peta/",
    "statistik/",
    "data/",
    "tentang/",
];
const TIMEOUT: Duration = Duration::from_secs(30);

fn chromium() -> &'static str {
    CHROMIUM
}

/// Whether Chromium is here; a browser test returns at once when not.
fn have_chromium() -> bool {
    require_tool(
        Path::new(CHROMIUM).is_file(),
        "Chromium (/usr/bin/chromium)",
        "chromium",
    )
}

/// A tiny static file server for an output folder, on 127.0.0.1 and a free
/// port, serving the site under `base_path`; records every request.
pub struct Server {
    port: u16,
    base_path: String,
    log: Arc<Mutex<Vec<(String, u16)>>>,
}

impl Server {
    /// Binds now (so the address is known before the site is built) and
    /// serves `root` from then on.
    pub fn start(root: PathBuf, base_path: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (l, base) = (log.clone(), base_path.to_string());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, l, base) = (root.clone(), l.clone(), base.clone());
                std::thread::spawn(move || serve(stream, &root, &base, &l));
            }
        });
        Server {
            port,
            base_path: base_path.to_string(),
            log,
        }
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn base_url(&self) -> String {
        format!("{}{}", self.origin(), self.base_path)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url())
    }

    fn requests(&self) -> Vec<(String, u16)> {
        self.log.lock().unwrap().clone()
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn serve(mut stream: TcpStream, root: &Path, base: &str, log: &Mutex<Vec<(String, u16)>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let target = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let (status, file) = match path.strip_prefix(base).map(str::to_string) {
        Some(rest) if !rest.split('/').any(|s| s == "..") => {
            let mut f = root.join(&rest);
            if f.is_dir() {
                f = f.join("index.html");
            }
            if f.is_file() {
                (200, f)
            } else {
                (404, root.join("404.html"))
            }
        }
        _ => (404, root.join("404.html")),
    };
    let body = std::fs::read(&file).unwrap_or_default();
    log.lock().unwrap().push((path, status));
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        if status == 200 { "OK" } else { "Not Found" },
        content_type(&file),
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// Runs headless Chromium with `args` then `url`, killed after TIMEOUT;
/// returns its standard output.
fn run_chromium(args: &[&str], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium())
        .args(crate::devtools::FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Its own process group, so a timeout ends its helpers too.
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {CHROMIUM}: {e}"));
    let pid = child.id() as i32;
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if started.elapsed() > TIMEOUT {
            // SAFETY: kill(2) on the process group this test started.
            unsafe { libc::kill(-pid, libc::SIGKILL) };
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    // Helpers left in the group (none, normally) end with it.
    // SAFETY: as above; ESRCH when the group is gone is fine.
    unsafe { libc::kill(-pid, libc::SIGKILL) };
    let stdout = out_t.join().unwrap();
    let stderr = err_t.join().unwrap();
    let status = status
        .unwrap_or_else(|| panic!("Chromium did not finish {url} within {TIMEOUT:?}:\n{stderr}"));
    assert!(
        status.success(),
        "Chromium failed on {url} ({status}):\n{stderr}"
    );
    stdout
}

/// The DOM of `url` after its scripts ran.
fn dump_dom(url: &str) -> scraper::Html {
    let dom = run_chromium(&["--dump-dom", "--virtual-time-budget=5000"], url);
    assert!(dom.contains("<html"), "no DOM for {url}: {dom:?}");
    scraper::Html::parse_document(&dom)
}

/// A screenshot of `url` at `width` x 800; returns the PNG's size.
fn screenshot(url: &str, width: u32, file: &Path) -> (u32, u32) {
    run_chromium(
        &[
            &format!("--screenshot={}", file.display()),
            &format!("--window-size={width},800"),
            "--virtual-time-budget=5000",
        ],
        url,
    );
    let png =
        std::fs::read(file).unwrap_or_else(|e| panic!("no screenshot of {url} at {width} px: {e}"));
    assert!(
        png.len() > 2000,
        "screenshot of {url} at {width} px is only {} bytes",
        png.len()
    );
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&png[12..16], b"IHDR");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    (w, h)
}

/// The sample site, built for and served by a fresh server.
fn served_sample(base_path: &str) -> (Site, Server) {
    let site = Site::sample();
    let server = Server::start(site.public(), base_path);
    site.build(&["--base-url", &server.base_url()]).ok();
    (site, server)
}

/// A site of `n` entries made by the bench's generator, built and served.
#[cfg(feature = "search")]
fn served_generated(n: usize) -> (Site, Server) {
    let site = Site::empty();
    crate::sitegen::generate(n, site.root()).unwrap();
    let server = Server::start(site.public(), "/");
    site.build(&["--base-url", &server.base_url()]).ok();
    (site, server)
}

#[test]
fn pages_load_in_chromium_with_their_content_styles_and_script() {
    if !have_chromium() {
        return;
    }
    let (_site, server) = served_sample("/");

    let home = dump_dom(&server.url(""));
    assert_eq!(
        home.select(&sel("h1")).map(text_of).next().as_deref(),
        Some("Direktori UMKM Kota Bekasi")
    );
    let text = body_text(&home);
    assert!(
        text.contains("Keripik Tempe Bu Sri"),
        "a featured entry on the home page"
    );
    assert!(links(&home).iter().any(|h| h == "/umkm/"));

    let entry = dump_dom(&server.url("umkm/keripik-tempe-bu-sri/"));
    let text = body_text(&entry);
    for part in ["Keripik Tempe Bu Sri", "Rp 15.000", "0812-3456-7001"] {
        assert!(
            text.contains(part),
            "{part:?} not on the entry page in the browser"
        );
    }
    assert!(links(&entry).iter().any(|h| h == "tel:+6281234567001"));
    // The theme's script ran: it fills in and shows the open-now status.
    if let Some(status) = entry.select(&sel("#open-status")).next() {
        assert!(
            status.value().attr("hidden").is_none(),
            "the open-now status was not shown: the script did not run"
        );
        assert!(!text_of(status).is_empty());
    }

    let page2 = dump_dom(&server.url("umkm/halaman/2/"));
    assert!(
        !entry_cards(&page2).is_empty(),
        "no entries on /umkm/halaman/2/ in the browser"
    );

    // An address that does not exist, at some depth: the server answers
    // with 404.html, which must still find its styles.
    let missing = dump_dom(&server.url("umkm/tidak-ada/sama-sekali/"));
    assert!(
        body_text(&missing).contains("tidak ditemukan"),
        "{}",
        body_text(&missing)
    );

    // Every page's stylesheet and script were fetched, and nothing the
    // pages asked for was missing (but the favicon and the page above).
    let requests = server.requests();
    let ok = |p: &str| requests.iter().any(|(r, s)| r.starts_with(p) && *s == 200);
    assert!(
        ok("/assets/")
            && requests
                .iter()
                .filter(|(r, s)| r.ends_with(".css") && *s == 200)
                .count()
                >= 4,
        "{requests:?}"
    );
    // The theme's script, on the entry page (pages without anything for
    // it to do do not load it).
    assert!(
        requests
            .iter()
            .any(|(r, s)| r.starts_with("/assets/etalase.js") && *s == 200),
        "{requests:?}"
    );
    let failed: Vec<&(String, u16)> = requests
        .iter()
        .filter(|(r, s)| *s != 200 && r != "/favicon.ico" && r != "/umkm/tidak-ada/sama-sekali/")
        .collect();
    assert!(failed.is_empty(), "requests that failed: {failed:?}");
}

/// Links to entry pages in a DOM.
fn entry_cards(doc: &scraper::Html) -> Vec<String> {
    links(doc)
        .into_iter()
        .filter(|h| {
            let p: Vec<&str> = h.trim_matches('/').split('/').collect();
            p.len() == 2 && ["umkm", "koperasi", "pkl"].contains(&p[0]) && p[1] != "halaman"
        })
        .collect()
}

#[test]
fn screenshots_at_phone_and_desktop_widths() {
    if !have_chromium() {
        return;
    }
    let (_site, server) = served_sample("/");
    let shots = tempfile::tempdir().unwrap();
    for (page, name) in [("", "home"), ("umkm/keripik-tempe-bu-sri/", "entry")] {
        for width in [360, 1280] {
            let file = shots.path().join(format!("{name}-{width}.png"));
            let (w, h) = screenshot(&server.url(page), width, &file);
            assert_eq!((w, h), (width, 800), "{name} at {width} px");
        }
    }
}

/// A page holding each of `pages` in a frame `width` px wide, that writes
/// what overflows sideways into its own DOM once all have loaded.
fn probe(server: &Server, pages: &[&str], width: u32) -> String {
    let frames: String = pages
        .iter()
        .map(|p| {
            format!(
                "<iframe src=\"{}\" style=\"width:{width}px;height:800px;border:0\"></iframe>\n",
                server.url(p)
            )
        })
        .collect();
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">
{frames}<pre id="result">pending</pre>
<script>
window.addEventListener("load", function () {{
  var out = [];
  document.querySelectorAll("iframe").forEach(function (f) {{
    var d = f.contentDocument, de = d.documentElement, wide = [];
    d.querySelectorAll("body *").forEach(function (el) {{
      var r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > de.clientWidth + 1 && getComputedStyle(el).position !== "fixed") {{
        wide.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : ""));
      }}
    }});
    var rules = 0;
    for (var i = 0; i < d.styleSheets.length; i++) {{ try {{ rules += d.styleSheets[i].cssRules.length; }} catch (e) {{}} }}
    out.push(f.getAttribute("src") + " scroll=" + de.scrollWidth + " client=" + de.clientWidth + " rules=" + rules + " wide=" + wide.slice(0, 8).join(","));
  }});
  document.getElementById("result").textContent = out.join("\n");
}});
</script></body></html>"#
    )
}

#[test]
fn pages_fit_a_phone_screen_without_sideways_scrolling() {
    if !have_chromium() {
        return;
    }
    let (site, server) = served_sample("/");
    let mut pages = PAGE_TYPES.to_vec();
    pages.push("404.html");
    // The probe is served from the same origin, so it may look inside.
    std::fs::write(
        site.public().join("__probe.html"),
        probe(&server, &pages, 360),
    )
    .unwrap();
    let dom = dump_dom(&server.url("__probe.html"));
    let result = dom
        .select(&sel("#result"))
        .next()
        .map(text_of)
        .unwrap_or_default();
    assert!(
        !result.contains("pending") && !result.is_empty(),
        "the probe did not run: {result:?}"
    );
    let lines: Vec<&str> = result.split(" http").collect();
    assert_eq!(lines.len(), pages.len(), "{result}");
    let mut problems = Vec::new();
    for line in &lines {
        let num = |key: &str| -> u32 {
            line.split(key)
                .nth(1)
                .and_then(|r| r.split(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0)
        };
        if num("rules=") == 0 {
            problems.push(format!("no stylesheet applied: {line}"));
        }
        if num("scroll=") > num("client=") {
            problems.push(format!("scrolls sideways at 360 px: {line}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A warung open 08.00 to 16.00 on Mondays, seen at 00.30 UTC on Monday
/// 2026-06-01: 08.30 in Makassar (open), 07.30 in Jakarta (closed); on its
/// page and on its card in the listing alike.
#[test]
fn open_now_reads_the_clock_of_the_sites_time_zone() {
    if !have_chromium() {
        return;
    }
    let site = Site::fixture("minimal");
    site.edit(
        "content/umkm/warung-sari.md",
        "district: Bekasi Timur\n",
        "district: Bekasi Timur\nhours:\n  senin: \"08:00-16:00\"\n",
    );
    let server = Server::start(site.public(), "/");
    let mut zone_line = "title:".to_string();
    for (zone, expected) in [
        ("Asia/Makassar", "Buka sekarang"),
        ("Asia/Jakarta", "Tutup sekarang"),
        ("Asia/Jayapura", "Buka sekarang"),
    ] {
        let line = format!("timezone: {zone}\ntitle:");
        site.edit("site.yaml", &zone_line, &line);
        zone_line = line;
        site.build(&["--base-url", &server.base_url()]).ok();
        let mut b = crate::devtools::Browser::start(chromium(), 360, 740);
        b.send(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({"source": "Date.now = function () { return 1780273800000; };"}),
        );
        b.open(&server.url("umkm/warung-sari/"));
        b.wait_for("document.getElementById('open-status').textContent !== ''");
        let shown = b.eval("document.getElementById('open-status').textContent");
        assert_eq!(shown, expected, "{zone}");
        assert!(b.errors.is_empty(), "{zone}: {:#?}", b.errors);
        b.open(&server.url("umkm/"));
        let card = "document.querySelector('a[href$=\"/umkm/warung-sari/\"]').closest('.card').querySelector('.open-status').textContent";
        b.wait_for(&format!("{card} !== ''"));
        assert_eq!(b.eval(card), expected, "{zone}: the card");
        assert!(b.errors.is_empty(), "{zone}: {:#?}", b.errors);
    }
}

#[test]
fn a_site_under_a_sub_path_loads_in_chromium() {
    if !have_chromium() {
        return;
    }
    let site = Site::fixture("full");
    let server = Server::start(site.public(), "/kota/");
    site.build(&["--base-url", &server.base_url()]).ok();
    let entry = dump_dom(&server.url("en/umkm/warung-lengkap/"));
    let text = body_text(&entry);
    assert!(
        text.contains("Warung Lengkap Bu Tini") && text.contains("past midnight"),
        "{text}"
    );
    let imgs: Vec<String> = attrs(&entry, "img", "src");
    assert!(
        imgs.iter().any(|s| s.starts_with("/kota/media/")),
        "{imgs:?}"
    );
    let requests = server.requests();
    let failed: Vec<&(String, u16)> = requests
        .iter()
        .filter(|(r, s)| *s != 200 && r != "/favicon.ico")
        .collect();
    assert!(
        failed.is_empty(),
        "requests that failed under /kota/: {failed:?}"
    );
    assert!(
        requests
            .iter()
            .any(|(r, s)| r.starts_with("/kota/media/") && *s == 200),
        "the pictures were not loaded: {requests:?}"
    );
    assert!(requests
        .iter()
        .any(|(r, s)| r.starts_with("/kota/assets/") && r.ends_with(".css") && *s == 200));
}

// ---- search (/cari/) ----

/// The DOM of a search page once its results are in (the index's files
/// are fetched one after another, so the budget is longer than for other
/// pages).
#[cfg(feature = "search")]
fn search_dom(url: &str) -> scraper::Html {
    // On a loaded machine Chromium may end its virtual time before the
    // index arrived; the page then still says it is loading. Up to three
    // tries: a search that never loads still fails.
    let mut doc = scraper::Html::parse_document("");
    for _ in 0..3 {
        let dom = run_chromium(&["--dump-dom", "--virtual-time-budget=20000"], url);
        doc = scraper::Html::parse_document(&dom);
        if status(&doc) != "Memuat pencarian…" {
            break;
        }
    }
    doc
}

#[cfg(feature = "search")]
fn results(doc: &scraper::Html) -> Vec<String> {
    attrs(doc, "#cari-results .result-name a", "href")
}

#[cfg(feature = "search")]
fn status(doc: &scraper::Html) -> String {
    doc.select(&sel("#cari-status"))
        .next()
        .map(text_of)
        .unwrap_or_default()
}

#[test]
#[cfg(feature = "search")]
fn search_finds_narrows_and_keeps_its_state_in_the_address() {
    if !have_chromium() {
        return;
    }
    for base in ["/", "/kota/"] {
        let (_site, server) = served_sample(base);
        let found = search_dom(&server.url("cari/?q=keripik"));
        let hrefs = results(&found);
        let tempe = format!("{base}umkm/keripik-tempe-bu-sri/");
        assert!(
            hrefs.contains(&tempe),
            "{base}: {hrefs:?} ({})",
            status(&found)
        );
        // The first page of them, and their filters with counts.
        let count: usize = status(&found)
            .trim_end_matches(" hasil")
            .parse()
            .unwrap_or(0);
        assert!(
            count >= hrefs.len() && !hrefs.is_empty(),
            "{}",
            status(&found)
        );
        assert!(
            found
                .select(&sel("#cari-filters input[name=kecamatan]"))
                .count()
                >= 1,
            "the filters of a query's results"
        );

        // A kecamatan narrows them.
        let narrowed = search_dom(&server.url("cari/?q=keripik&kecamatan=Bekasi+Timur"));
        let few = results(&narrowed);
        assert!(few.contains(&tempe) && few.len() < hrefs.len(), "{few:?}");
        let checked = attrs(&narrowed, "#cari-filters input[checked]", "value");
        assert_eq!(checked, ["Bekasi Timur"]);
        // The filters show counts for these results.
        let counts: Vec<String> = narrowed
            .select(&sel("#cari-filters input[name=kecamatan]"))
            .map(|e| e.value().attr("value").unwrap_or("").to_string())
            .collect();
        assert!(counts.contains(&"Bekasi Timur".to_string()), "{counts:?}");

        // The result has the entry's call to action.
        let wa = attrs(&narrowed, "#cari-results .btn-wa", "href");
        assert!(
            wa.iter().all(|h| h.starts_with("https://wa.me/62")) && !wa.is_empty(),
            "{wa:?}"
        );

        // The everyday spelling of a kecamatan finds its entries.
        let everyday = search_dom(&server.url("cari/?q=Medan+Satria"));
        assert!(
            results(&everyday)
                .iter()
                .any(|h| h.contains("medansatria") || h.contains("harapan")),
            "{:?}",
            results(&everyday)
        );

        // Filters alone, no query: browsing.
        let browse = search_dom(&server.url("cari/?sertifikasi=HALAL"));
        assert!(!results(&browse).is_empty(), "{}", status(&browse));

        let failed: Vec<(String, u16)> = server
            .requests()
            .into_iter()
            .filter(|(r, s)| *s != 200 && r != "/favicon.ico")
            .collect();
        assert!(failed.is_empty(), "{base}: failed requests: {failed:?}");
        assert!(server
            .requests()
            .iter()
            .all(|(r, _)| r.starts_with(base) || r == "/favicon.ico"));
    }
}

/// What a resident does on a phone, over the DevTools protocol: types a
/// query, narrows by kecamatan, goes back, opens a result; the address
/// carries the state, and the page reports no error.
#[test]
#[cfg(feature = "search")]
fn a_resident_searches_narrows_goes_back_and_opens_a_result() {
    if !have_chromium() {
        return;
    }
    let (_site, server) = served_sample("/");
    let mut b = crate::devtools::Browser::start(chromium(), 360, 740);
    b.open(&server.url("cari/"));
    b.wait_for("document.querySelectorAll('#cari-results .result').length > 0");
    b.eval("document.getElementById('cari-q').focus()");
    b.type_text("keripik");
    let tempe = "a[href='/umkm/keripik-tempe-bu-sri/']";
    b.wait_for(&format!(
        "document.querySelector(\"#cari-results {tempe}\") && location.search.includes('q=keripik')"
    ));
    let count = |b: &mut crate::devtools::Browser| {
        b.eval("document.querySelectorAll('#cari-results .result').length")
            .as_u64()
            .unwrap()
    };
    let all = count(&mut b);
    let status = b.eval("document.getElementById('cari-status').textContent");
    assert_eq!(status, format!("{all} hasil"));

    // A kecamatan narrows the results; its count changes with them.
    let bekasi_timur = "#cari-filters input[name=kecamatan][value='Bekasi Timur']";
    b.eval(&format!(
        "document.querySelector(\"{bekasi_timur}\").click()"
    ));
    b.wait_for("location.search.includes('kecamatan=Bekasi+Timur')");
    b.wait_for(&format!(
        "document.querySelectorAll('#cari-results .result').length < {all}"
    ));
    let narrowed = count(&mut b);
    assert!(narrowed >= 1, "Keripik Tempe Bu Sri is in Bekasi Timur");
    let label = b.eval(&format!(
        "document.querySelector(\"{bekasi_timur}\").parentElement.textContent"
    ));
    assert!(
        label.as_str().unwrap().contains(&format!("({narrowed})")),
        "{label}"
    );

    // The WhatsApp button of a result is the entry's, as +62.
    let wa = b.eval("[...document.querySelectorAll('#cari-results .btn-wa')].map(a => a.href)");
    assert!(
        wa.as_array()
            .unwrap()
            .iter()
            .all(|h| h.as_str().unwrap().starts_with("https://wa.me/62")),
        "{wa}"
    );

    // Back: the filter is off again, the query stays.
    b.eval("history.back()");
    b.wait_for("!location.search.includes('kecamatan')");
    b.wait_for(&format!(
        "document.querySelectorAll('#cari-results .result').length == {all}"
    ));
    assert_eq!(b.eval("document.getElementById('cari-q').value"), "keripik");

    // A result opens the entry page.
    b.eval(&format!(
        "document.querySelector(\"#cari-results {tempe}\").click()"
    ));
    b.wait_for("location.pathname == '/umkm/keripik-tempe-bu-sri/'");
    b.wait_for("document.readyState == 'complete'");
    let h1 = b.eval("document.querySelector('h1').textContent");
    assert_eq!(h1, "Keripik Tempe Bu Sri");
    assert!(b.errors.is_empty(), "the pages reported: {:#?}", b.errors);
}

/// Every page type at 320 and 360 px, over the DevTools protocol: no
/// sideways scrolling, and no error in the console or failed request
/// (the search page with its results shown).
#[test]
fn every_page_type_fits_a_phone_and_reports_no_error() {
    if !have_chromium() {
        return;
    }
    let (_site, server) = served_sample("/");
    let mut pages = PAGE_TYPES.to_vec();
    if cfg!(feature = "search") {
        pages.push("cari/?q=keripik");
    }
    for width in [320, 360] {
        let mut b = crate::devtools::Browser::start(chromium(), width, 740);
        for page in &pages {
            b.open(&server.url(page));
            if page.starts_with("cari/") {
                b.wait_for("document.querySelectorAll('#cari-results .result').length > 0");
            }
            let wide = b.eval(
                "[document.documentElement.scrollWidth, window.innerWidth, \
                 [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && getComputedStyle(e).position != 'absolute').slice(0, 3).map(e => e.tagName + '.' + e.className)]",
            );
            let (scroll, inner) = (wide[0].as_u64().unwrap(), wide[1].as_u64().unwrap());
            assert!(
                scroll <= inner,
                "/{page} at {width} px scrolls sideways ({scroll} > {inner}): {}",
                wide[2]
            );
        }
        assert!(
            offline_tiles_aside(&b.errors).is_empty(),
            "at {width} px: {:#?}",
            b.errors
        );
    }
}

/// The errors of a page but the map tiles' failed loads: the tests run
/// without the network, and the tiles come from OpenStreetMap's servers.
fn offline_tiles_aside(errors: &[String]) -> Vec<&String> {
    errors
        .iter()
        .filter(|e| !e.contains("https://tile.openstreetmap.org/"))
        .collect()
}

/// The map page in a phone's browser: the points drawn as groups and
/// markers, a filter by kind that counts, keeps itself in the address and
/// comes back from it; a group that zooms in on a tap.
#[test]
fn the_map_groups_filters_and_keeps_its_filter_in_the_address() {
    if !have_chromium() {
        return;
    }
    let (site, server) = served_sample("/");
    let points: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.public().join("peta/titik.json")).unwrap(),
    )
    .unwrap();
    let kinds = points["kind"].as_array().unwrap();
    let total = kinds.len();
    let koperasi = kinds.iter().filter(|k| k.as_u64() == Some(1)).count();
    let mut b = crate::devtools::Browser::start(chromium(), 360, 740);
    b.open(&server.url("peta/"));
    b.wait_for("document.querySelector('#peta.peta-aktif') !== null && document.querySelectorAll('.peta-kelompok').length > 0");
    let count = |b: &mut crate::devtools::Browser| {
        b.eval("document.getElementById('peta-jumlah').textContent")
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert!(
        count(&mut b).starts_with(&format!("{total} dari {total}")),
        "{}",
        count(&mut b)
    );
    b.eval("(function(){var s=document.querySelector('select[name=jenis]');s.value='koperasi';s.dispatchEvent(new Event('change',{bubbles:true}));return 1})()");
    b.wait_for(&format!(
        "document.getElementById('peta-jumlah').textContent.indexOf('{koperasi} dari {total}') === 0"
    ));
    assert!(b
        .eval("location.search")
        .as_str()
        .unwrap()
        .contains("jenis=koperasi"));
    // A shared address opens the map filtered.
    b.open(&server.url("peta/?jenis=koperasi"));
    b.wait_for(&format!(
        "document.getElementById('peta-jumlah') && document.getElementById('peta-jumlah').textContent.indexOf('{koperasi} dari') === 0"
    ));
    assert_eq!(
        b.eval("document.querySelector('select[name=jenis]').value")
            .as_str(),
        Some("koperasi")
    );
    // A tap on a group zooms in.
    b.open(&server.url("peta/"));
    b.wait_for("document.querySelectorAll('.peta-kelompok').length > 0");
    let before = b
        .eval("document.getElementById('peta').scrollIntoView(), document.querySelectorAll('.peta-kelompok').length")
        .as_u64()
        .unwrap();
    b.eval("(function(){var m=document.getElementById('peta').getBoundingClientRect();var g=[...document.querySelectorAll('.peta-kelompok')].find(function(e){var r=e.getBoundingClientRect();return r.top>m.top&&r.left>m.left&&r.right<m.right&&r.bottom<m.bottom});g.click();return 1})()");
    b.wait_for(&format!(
        "document.querySelectorAll('.peta-kelompok').length != {before}"
    ));
    assert!(offline_tiles_aside(&b.errors).is_empty(), "{:#?}", b.errors);
}

/// An entry page fetches no map tile and no Leaflet until its small map is
/// asked for; a tap shows it, centred on the entry's point.
#[test]
fn an_entry_shows_its_small_map_only_on_a_tap() {
    if !have_chromium() {
        return;
    }
    let (_site, server) = served_sample("/");
    let mut b = crate::devtools::Browser::start(chromium(), 360, 740);
    b.open(&server.url("umkm/keripik-tempe-bu-sri/"));
    b.wait_for(
        "document.querySelector('.tombol-peta') && !document.querySelector('.tombol-peta').hidden",
    );
    let before = b
        .eval("performance.getEntriesByType('resource').map(function(r){return r.name}).join(' ')");
    let before = before.as_str().unwrap();
    assert!(
        !before.contains("tile.openstreetmap") && !before.contains("leaflet"),
        "{before}"
    );
    b.eval("document.querySelector('.tombol-peta').click(), 1");
    b.wait_for("document.querySelectorAll('.peta-kecil img').length > 0");
    let tiles =
        b.eval("[...document.querySelectorAll('.peta-kecil img')].map(function(i){return i.src})");
    let tiles = tiles.as_array().unwrap();
    assert!(
        !tiles.is_empty()
            && tiles.iter().all(|t| t
                .as_str()
                .unwrap()
                .starts_with("https://tile.openstreetmap.org/16/")),
        "{tiles:?}"
    );
    assert!(offline_tiles_aside(&b.errors).is_empty(), "{:#?}", b.errors);
}

/// Without JavaScript the search page shows no empty results area and
/// no dead controls: the box with its suggestions and the lists of
/// categories, kecamatan and kelurahan, as links.
#[test]
#[cfg(feature = "search")]
fn the_search_page_without_javascript_offers_its_lists() {
    if !have_chromium() {
        return;
    }
    let (_site, server) = served_sample("/");
    let mut b = crate::devtools::Browser::start(chromium(), 360, 740);
    b.send(
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({"value": true}),
    );
    b.open(&server.url("cari/?q=keripik"));
    b.wait_for("document.readyState == 'complete'");
    let shown = |b: &mut crate::devtools::Browser, sel: &str| {
        b.eval(&format!(
            "getComputedStyle(document.querySelector('{sel}')).display != 'none'"
        ))
    };
    assert_eq!(
        shown(&mut b, "#cari-ui"),
        serde_json::json!(false),
        "the results area"
    );
    assert_eq!(
        shown(&mut b, ".search-tools"),
        serde_json::json!(false),
        "filters and order"
    );
    assert_eq!(shown(&mut b, "#cari-browse"), serde_json::json!(true));
    let options = b.eval("document.querySelectorAll('#cari-saran option').length");
    assert!(options.as_u64().unwrap() > 20, "{options}");
    let villages = b.eval("document.querySelectorAll('#cari-browse .places .chips a').length");
    assert!(villages.as_u64().unwrap() > 10, "{villages}");
}

/// Typing on after a first search fetches little: each further letter
/// of "keripik" transfers at most 12 KB (as sent, without compression; a
/// host's gzip sends about a third), a shard or two and a few card chunks.
#[test]
#[cfg(feature = "search")]
fn each_further_keystroke_fetches_a_few_kilobytes() {
    if !have_chromium() {
        return;
    }
    let (_site, server) = served_generated(1000);
    let mut b = crate::devtools::Browser::start(chromium(), 360, 740);
    b.open(&server.url("cari/?q=ke"));
    b.wait_for("document.querySelectorAll('#cari-results .result-name').length > 0");
    b.eval("document.getElementById('cari-q').focus(); document.getElementById('cari-q').setSelectionRange(2, 2)");
    let mut each = Vec::new();
    for (i, letter) in "ripik".chars().enumerate() {
        let before = b.transferred;
        b.type_text(&letter.to_string());
        let typed = &"keripik"[..3 + i];
        b.wait_for(&format!("location.search == '?q={typed}'"));
        // The results of this query drawn, their first cards filled.
        b.wait_for(
            "document.querySelectorAll('#cari-results .result-name').length > 0 \
             && !document.querySelector('#cari-results .result[aria-busy]:nth-child(-n+4)')",
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
        each.push(b.transferred - before);
    }
    eprintln!("bytes per keystroke (ker..keripik): {each:?}");
    assert!(each.iter().all(|&n| n <= 12 * 1024), "{each:?}");
    assert!(b.errors.is_empty(), "{:#?}", b.errors);
}

/// A first search for a common word, as a phone on a fresh visit makes
/// it: the page, its style, the script, the index's meta (with the filter
/// sets), the shard of the word and the first cards: at most eight requests, no
/// per-entry table, nothing from another origin; the bytes it transferred
/// are printed (benches/first-search.sh measures a large site).
#[test]
#[cfg(feature = "search")]
fn a_first_search_stays_within_its_request_budget() {
    if !have_chromium() {
        return;
    }
    // A directory of a thousand, where keripik is a common word.
    let (_site, server) = served_generated(1000);
    let mut b = crate::devtools::Browser::start(chromium(), 360, 740);
    b.open(&server.url("cari/?q=keripik"));
    b.wait_for("document.querySelectorAll('#cari-results .result-name').length > 0");
    b.wait_for("document.querySelector(\"#cari-filters input[name=kecamatan]\")");
    let requests: Vec<String> = server.requests().into_iter().map(|(r, _)| r).collect();
    let index: Vec<&String> = requests
        .iter()
        .filter(|r| r.contains("/cari/indeks/"))
        .collect();
    assert!(
        index
            .iter()
            .all(|r| ["/meta.json", "/kata-", "/kartu-", "/atas-"]
                .iter()
                .any(|part| r.contains(part))),
        "{index:?}"
    );
    assert!(
        index.iter().filter(|r| r.contains("/kata-")).count() <= 2,
        "{index:?}"
    );
    assert!(
        requests.len() <= 8,
        "{} requests: {requests:?}",
        requests.len()
    );
    eprintln!(
        "a first search for keripik: {} requests, {} bytes: {requests:?}",
        requests.len(),
        b.transferred
    );
    assert!(b.errors.is_empty(), "{:#?}", b.errors);
}
