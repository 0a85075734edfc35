//! What a resident with a screen reader meets, and whether the pages are
//! valid HTML: axe-core (npm package `axe-core`) in Chromium over the
//! DevTools protocol, and the Nu HTML Checker (npm package `vnu-jar`, run
//! with Java), on every page type of the sample, the search page with its
//! results shown included. Without the tools these tests skip loudly,
//! unless ETALASE_REQUIRE_TOOLS=1 (CI), which installs them.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// One page of each type, and the search page with results.
fn pages() -> Vec<&'static str> {
    let mut pages = crate::browser::PAGE_TYPES.to_vec();
    pages.push("cari/?q=keripik");
    pages
}

fn axe_js() -> PathBuf {
    test_tools().join("node_modules/axe-core/axe.min.js")
}

fn vnu_jar() -> PathBuf {
    test_tools().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

fn have_java() -> bool {
    Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The sample, built and served on 127.0.0.1.
fn served() -> (Site, crate::browser::Server) {
    let site = Site::sample();
    let server = crate::browser::Server::start(site.public(), "/");
    site.build(&["--base-url", &server.base_url()]).ok();
    (site, server)
}

/// Opens `page`, waiting for the search results on the search page.
fn open(b: &mut crate::devtools::Browser, server: &crate::browser::Server, page: &str) {
    b.open(&server.url(page));
    if page.starts_with("cari/") && cfg!(feature = "search") {
        b.wait_for("document.querySelectorAll('#cari-results .result').length > 0");
    }
}

#[test]
fn axe_finds_no_serious_or_critical_violation_on_any_page_type() {
    if !require_tool(Path::new(CHROMIUM).is_file(), "Chromium", "chromium")
        || !require_tool_with(axe_js().is_file(), "axe-core", INSTALL_TEST_TOOLS)
    {
        return;
    }
    let axe = std::fs::read_to_string(axe_js()).unwrap();
    let (_site, server) = served();
    let mut problems = Vec::new();
    for width in [360, 1280] {
        let mut b = crate::devtools::Browser::start(CHROMIUM, width, 800);
        for page in pages() {
            open(&mut b, &server, page);
            b.eval(&axe);
            let found = b.eval(
                "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations \
                 .filter(v => v.impact == 'serious' || v.impact == 'critical') \
                 .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + \
                      v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))",
            );
            for v in found.as_array().unwrap() {
                problems.push(format!("/{page} at {width} px: {}", v.as_str().unwrap()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_nu_html_checker_finds_no_error_on_any_page_type() {
    if !require_tool(have_java(), "Java", "default-jre-headless")
        || !require_tool_with(
            vnu_jar().is_file(),
            "the Nu HTML Checker",
            INSTALL_TEST_TOOLS,
        )
    {
        return;
    }
    let (site, server) = served();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for page in pages() {
        let file = if page.starts_with("cari/") {
            // The search page as a resident sees it: with its results, as
            // the script made them.
            if !require_tool(Path::new(CHROMIUM).is_file(), "Chromium", "chromium") {
                continue;
            }
            let mut b = crate::devtools::Browser::start(CHROMIUM, 360, 800);
            open(&mut b, &server, page);
            let html = b.eval("'<!doctype html>\\n' + document.documentElement.outerHTML");
            let f = dir.path().join("cari-results.html");
            std::fs::write(&f, html.as_str().unwrap()).unwrap();
            f
        } else {
            site.public().join(page).join("index.html")
        };
        files.push(file);
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "text"])
        .args(&files)
        .output()
        .expect("run vnu");
    let report =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the Nu HTML Checker reports errors:\n{report}"
    );
}
