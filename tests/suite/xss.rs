//! Hostile text in every field and in every Markdown body: the output must
//! hold no script but the theme's own, no event handler attribute, no
//! frame or plug-in, and no address with a scheme other than http, https,
//! mailto and tel. Every output HTML file is parsed, as a browser would.

use crate::common::*;
use std::path::Path;

/// Breaks out of text, of a double- and a single-quoted attribute, and of
/// a script, and tries the usual tags.
const P: &str = r#""><script>alert('x')</script><img src=x onerror=alert(1)><svg onload=alert(1)>' onmouseover='alert(1)' </textarea></title><iframe src=javascript:alert(1)>{{ 7*7 }}{% raw %}"#;

/// Markdown that tries every way to a script: raw HTML blocks and inline
/// HTML, unsafe link and image schemes (mixed case, entity-encoded, split
/// by white space and control characters), reference links, autolinks and
/// heading attributes.
const MD: &str = "Teks biasa dengan **tebal**.

<script>alert(1)</script>

<SCRIPT SRC=https://evil.example/x.js></SCRIPT>

<img src=x onerror=alert(1)> <IMG SRC=\"javascript:alert(1)\">

<iframe src=\"https://evil.example/\"></iframe>

<svg onload=alert(1)><circle r=1 /></svg>

<object data=\"x.swf\"></object><embed src=\"x.swf\"><applet code=x></applet>

<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">kirim</button></form>

<a href=\"javascript:alert(1)\">mentah</a> <a href=x onclick=alert(1)>klik</a>

<div onclick=\"alert(1)\" style=\"background:url(javascript:alert(1))\">div</div>

<style>body{display:none}</style>

<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">
<base href=\"javascript:alert(1)//\">
<link rel=stylesheet href=\"javascript:alert(1)\">

<details open ontoggle=alert(1)><summary>x</summary></details>

<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>

<!-- <img src=x onerror=alert(1)> -->

<![CDATA[<script>alert(1)</script>]]>

[js](javascript:alert(1))
[JS](JaVaScRiPt:alert(1))
[spasi](  javascript:alert(1)  )
[kurung](<javascript:alert(1)>)
[entitas](&#106;avascript:alert(1))
[entitas hex](&#x6A;&#x61;vascript&#x3A;alert(1))
[titik dua](javascript&colon;alert(1))
[tab](java&#9;script:alert(1))
[baris](java&#10;script:alert(1))
[nul](java&#0;script:alert(1))
[kontrol](\u{1}javascript:alert(1))
[vb](vbscript:msgbox(1))
[VB](VbScRiPt:msgbox(1))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[DATA](DaTa:text/html,<script>alert(1)</script>)
[file](file:///etc/passwd)
[judul](https://ok.example/ \"a\\\" onmouseover=\\\"alert(1)\")
[ref js][r1] [ref data][r2]

![gambar js](javascript:alert(1))
![gambar data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)
![gambar DATA](DATA:image/png;base64,AAAA)
![gambar vb](vbscript:msgbox(1))
![gambar entitas](&#x64;ata:image/svg+xml,<svg onload=alert(1)>)
![ref gambar][r2]

<javascript:alert(1)>
<JAVASCRIPT:alert(1)>
<vbscript:msgbox(1)>
<data:text/html,alert(1)>
<x@example.com?subject=\"><script>alert(1)</script>>

[r1]: javascript:alert(1)
[r2]: data:text/html,alert(1) \"t\"

# Judul {onclick=alert(1)}

## Judul dua {#id .kelas onmouseover=\"alert(1)\"}

| kolom | <b onmouseover=alert(1)>x</b> |
|---|---|
| <script>alert(1)</script> | [x](javascript:alert(1)) |

Catatan[^\"><script>alert(1)</script>].

[^\"><script>alert(1)</script>]: <img src=x onerror=alert(1)>

`<script>alert(1)</script>` dan

    <script>alert(1)</script>
";

/// YAML double-quoted scalar.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `md` without the control characters YAML does not allow in a block.
fn yaml_safe(md: &str) -> String {
    md.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

/// YAML literal block, indented by `n` spaces.
fn block(s: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    let mut out = String::from("|-\n");
    for line in s.lines() {
        out.push_str(&pad);
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn p(field: &str) -> String {
    q(&format!("{P} {field}"))
}

/// A site with hostile text in every text field of every kind of file.
fn hostile_site() -> Site {
    let site = Site::empty();
    site.write(
        "site.yaml",
        &format!(
            "title: {}\ndescription: {}\nbase_url: https://xss.example/\nlanguages: [id, en]\npaginate: 2\n\
             categories:\n  - {{ slug: kuliner, name: {} }}\n  - {{ slug: lain, name: {} }}\n\
             districts:\n  - name: {}\n    code: {}\n    aliases: [{}]\n    villages: [{}]\n  - name: Biasa\n",
            p("title"),
            p("description"),
            p("category"),
            p("category 2"),
            p("district"),
            p("code"),
            p("alias"),
            p("village"),
        ),
    );
    // Pictures whose file names are themselves hostile.
    let png = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/full/static/img/spanduk.png"),
    )
    .unwrap();
    let logo = "x\" onerror=\"alert(1) '><svg onload=alert(1)>.png";
    std::fs::create_dir_all(site.root().join("content/umkm")).unwrap();
    std::fs::write(site.root().join("content/umkm").join(logo), &png).unwrap();
    site.write("static/img/a b\"><script>alert(1)<.png", "");
    std::fs::write(
        site.root().join("static/img/a b\"><script>alert(1)<.png"),
        &png,
    )
    .unwrap();

    site.write(
        "content/umkm/usaha.md",
        &format!(
            "---\nname: {name}\ncategory: kuliner\ndistrict: {district}\nvillage: {village}\naddress: {address}\n\
             phone: \"0812-3456-7890\"\nwhatsapp: \"0812-3456-7891\"\nemail: a@example.com\nwebsite: https://ok.example/?a=1&b='2'\n\
             instagram: \"@ok_handle\"\nfacebook: https://www.facebook.com/x?q=%3Cscript%3E\n\
             tokopedia: https://www.tokopedia.com/x#'onmouseover=alert(1)\n\
             hours: {{ senin: \"18:00-02:00\", selasa: tutup }}\nqris: {qris}\nkbli: [\"10794\"]\n\
             certifications:\n  - {cert}\n  - {{ type: halal, number: {certno} }}\n  - {{ type: {certtype}, number: {certno2} }}\n\
             awards:\n  - {{ year: 2024, title: {atitle}, prize: {aprize} }}\n\
             tags: [{tag1}, {tag2}]\n\
             products:\n  - name: {pname}\n    price: 15000\n    unit: {punit}\n    description: {pdesc}\n    image: {logo_q}\n\
             logo: {logo_q}\nimages: [{static_q}]\nprograms: [program]\nfeatured: true\nupdated: 2026-01-01\nverified: 2026-01-02\n\
             extra: {{ catatan: {extra} }}\n---\n{MD}",
            name = p("name"),
            district = p("alias"),
            village = p("village"),
            address = p("address"),
            qris = p("qris"),
            cert = p("cert"),
            certno = p("cert number"),
            certtype = p("cert type"),
            certno2 = p("cert number 2"),
            atitle = p("award title"),
            aprize = p("award prize"),
            tag1 = p("tag"),
            tag2 = q("<b>tag</b>"),
            pname = p("product"),
            punit = p("unit"),
            pdesc = q(MD),
            logo_q = q(logo),
            static_q = q("/img/a b\"><script>alert(1)<.png"),
            extra = p("extra"),
        ),
    );
    site.write(
        "content/koperasi/kop.yaml",
        &format!(
            "name: {}\ncategory: lain\ndistrict: {}\nlegal_number: {}\ncooperative_type: {}\nsharia: true\nmembers: 10\n\
             mosque: {}\ndeed: {{ notary: {}, number: {}, date: 2020-01-01 }}\nprograms: [program]\ndescription: {}\n",
            p("coop"),
            p("district"),
            p("legal"),
            p("coop type"),
            p("mosque"),
            p("notary"),
            p("deed"),
            block(&yaml_safe(MD), 2),
        ),
    );
    site.write(
        "content/pkl/semua.yaml",
        &format!(
            "- name: {}\n  category: kuliner\n  district: Biasa\n  stall: tenda\n  schedule: {}\n  products:\n    - {{ name: {}, unit: {} }}\n  description: {}\
             - name: {}\n  category: kuliner\n  district: biasa\n  status: tutup\n",
            p("vendor"),
            p("schedule"),
            p("vendor product"),
            p("vendor unit"),
            block(&yaml_safe(MD), 4),
            p("vendor 2"),
        ),
    );
    site.write(
        "content/program/program.md",
        &format!(
            "---\nname: {}\nsummary: {}\ntarget: {{ count: 10, year: 2026, label: {} }}\n---\n{MD}",
            p("programme"),
            p("summary"),
            p("target label"),
        ),
    );
    site.write(
        "content/acara/acara.md",
        &format!(
            "---\nname: {}\nstart: 2026-02-23T15:00\nvenue: {}\ndistrict: {}\nprograms: [program]\n\
             participants: [umkm/usaha, koperasi/kop]\n---\n{MD}",
            p("event"),
            p("venue"),
            p("district"),
        ),
    );
    site.write(
        "content/halaman/info.md",
        &format!("---\ntitle: {}\n---\n{MD}", p("page title")),
    );
    // A file name that is itself hostile (the slug comes from it).
    site.write(
        "content/halaman/\"><script>alert(1)<-script>.md",
        &format!("---\ntitle: {}\n---\n{MD}", p("page 2")),
    );
    site
}

const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Attributes whose value a browser loads or follows as an address.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "cite",
    "longdesc",
    "ping",
    "xlink:href",
    "srcset",
    "imagesrcset",
    "manifest",
    "codebase",
    "dynsrc",
    "lowsrc",
];

/// The problems of one parsed page; `assets` is the path prefix of the
/// theme's own files (`/assets/`, or `/sub/assets/`).
fn problems(file: &str, doc: &scraper::Html, assets: &str) -> Vec<String> {
    let mut out = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let v = el.value();
        let name = v.name();
        match name {
            "script" => {
                // The theme's own script file, and nothing else.
                let theirs = v.attr("src").is_some_and(|s| {
                    let path = s.split(['?', '#']).next().unwrap_or("");
                    path.starts_with(assets) && path.ends_with(".js") && !path.contains("..")
                }) && el.text().all(|t| t.trim().is_empty());
                let json_ld = v.attr("type") == Some("application/ld+json");
                if !theirs && !json_ld {
                    out.push(format!("{file}: <script> {}", el.html()));
                }
            }
            "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base" | "portal" => {
                out.push(format!("{file}: <{name}>"))
            }
            "meta"
                if v.attr("http-equiv")
                    .is_some_and(|h| h.eq_ignore_ascii_case("refresh")) =>
            {
                out.push(format!("{file}: <meta http-equiv=refresh>"))
            }
            "style" if el.text().any(|t| t.contains("display:none")) => {
                out.push(format!("{file}: a <style> from content"))
            }
            _ => {}
        }
        for (attr, value) in v.attrs() {
            let lower = attr.to_ascii_lowercase();
            if lower.starts_with("on") {
                out.push(format!("{file}: <{name} {attr}={value:?}>"));
            }
            if URL_ATTRS.contains(&lower.as_str()) {
                let urls: Vec<&str> = if lower.ends_with("srcset") {
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .collect()
                } else {
                    vec![value]
                };
                for u in urls {
                    if let Some(s) = scheme_of(u) {
                        if !SAFE_SCHEMES.contains(&s.as_str()) {
                            out.push(format!("{file}: <{name} {attr}={u:?}> (scheme {s})"));
                        }
                    }
                }
            }
            if lower == "style" && value.to_ascii_lowercase().contains("javascript") {
                out.push(format!("{file}: <{name} style={value:?}>"));
            }
        }
    }
    out
}

/// Every HTML file of an output, checked; panics listing every problem.
fn assert_clean(out: &Path, assets: &str) -> usize {
    let files = html_files(out);
    let mut all = Vec::new();
    for f in &files {
        all.extend(problems(f, &parse_file(&out.join(f)), assets));
    }
    all.dedup();
    assert!(
        all.is_empty(),
        "{} unsafe things in the output:\n{}",
        all.len(),
        all.join("\n")
    );
    files.len()
}

#[test]
fn hostile_text_and_markdown_leave_no_script_handler_frame_or_unsafe_url() {
    let site = hostile_site();
    site.build(&[]).ok();
    let out = site.public();
    let pages = assert_clean(&out, "/assets/");
    assert!(pages >= 20, "only {pages} pages");

    // The theme's scripts are there (the search page's, at least), so the
    // check above looked at something.
    let search = site.html("cari/index.html");
    let scripts = attrs(&search, "script", "src");
    assert!(!scripts.is_empty(), "the theme ships a script; none found");

    // The hostile text is shown, as text, where it belongs.
    let entry_page = html_files(&out)
        .into_iter()
        .find(|f| f.starts_with("umkm/") && !f.starts_with("umkm/index"))
        .unwrap();
    let doc = parse_file(&out.join(&entry_page));
    // The first heading is the entry's name (the Markdown has its own).
    let h1: Vec<String> = doc.select(&sel("h1")).map(text_of).collect();
    assert!(
        h1[0].starts_with("\"><script>alert('x')</script><img src=x onerror=alert(1)>"),
        "{h1:?}"
    );
    let text = body_text(&doc);
    for field in [
        "address",
        "tag",
        "product",
        "unit",
        "award title",
        "award prize",
        "cert",
        "qris",
        "village",
    ] {
        assert!(
            text.contains(&format!("{{{{ 7*7 }}}}{{% raw %}} {field}")),
            "the {field} is not shown as text"
        );
    }
    assert!(text.contains("<b>tag</b>"));
    assert!(
        text.contains("<script>alert(1)</script>"),
        "raw HTML in Markdown is shown as text (or dropped)"
    );
    // Safe Markdown still works.
    assert!(doc.select(&sel("strong")).any(|s| text_of(s) == "tebal"));
    assert!(links(&doc)
        .iter()
        .any(|h| h.starts_with("https://ok.example/")));
    // The title and description are escaped in the head, too.
    let titles: Vec<String> = doc.select(&sel("title")).map(text_of).collect();
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert_eq!(doc.select(&sel("head meta[name=description]")).count(), 1);
    // Nothing hostile in the sitemap either.
    let sitemap = site.read("sitemap.xml");
    assert!(
        !sitemap.contains("<script") && !sitemap.contains("<img"),
        "{sitemap}"
    );
    for loc in sitemap.split("<loc>").skip(1) {
        let loc = &loc[..loc.find("</loc>").unwrap()];
        assert!(
            loc.starts_with("https://xss.example/") && !loc.contains(['"', '<', '>', ' ']),
            "{loc}"
        );
    }
}

#[test]
fn hostile_text_under_a_sub_path_and_in_the_second_language_is_escaped() {
    let site = hostile_site();
    site.build(&["--base-url", "https://xss.example/direktori/"])
        .ok();
    assert_clean(&site.public(), "/direktori/assets/");
    assert!(site.public().join("en/index.html").is_file());
}

#[test]
fn a_hostile_base_url_is_refused_or_escaped() {
    let site = hostile_site();
    let run = site.build(&[
        "--base-url",
        "https://xss.example/a\"><script>alert(1)</script>/",
    ]);
    if run.code == 0 {
        assert_clean(&site.public(), "/a\"><script>alert(1)</script>/assets/");
    } else {
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(!site.public().exists());
    }
}

#[test]
fn hostile_site_extra_links_are_not_followed() {
    // The default theme links `extra.office_url` and `extra.report_url`
    // from site.yaml: they must not become javascript: links either.
    let site = Site::fixture("full");
    site.edit(
        "site.yaml",
        "extra:\n  office: Dinas Koperasi dan UKM Kota Uji",
        "extra:\n  office: Dinas Uji\n  office_url: \"javascript:alert(1)\"\n  report_url: \" JaVa\\tScRiPt:alert(1)\"\n  footer_note: \"<script>alert(1)</script>\"",
    );
    let run = site.build(&[]);
    if run.code == 0 {
        assert_clean(&site.public(), "/kota/assets/");
    } else {
        // Refusing such a site.yaml is fine too.
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("site.yaml"), "{}", run.stderr);
    }
}

#[test]
fn the_sample_site_is_clean() {
    let site = Site::sample();
    site.build(&[]).ok();
    assert_clean(&site.public(), "/assets/");
}

/// Builds a one-entry site with `field: value` (quoted) and expects it refused.
#[track_caller]
fn refused(field: &str, value: &str) {
    refused_yaml(field, &q(value));
}

/// Builds a one-entry site with `field: value` (`value` written as YAML as
/// it is) and expects it refused, with a message at the field's line.
#[track_caller]
fn refused_yaml(field: &str, value: &str) {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://t.example/\ncategories: [{ slug: kuliner, name: Kuliner }]\ndistricts: [{ name: Satu }]\n",
    );
    site.write(
        "content/umkm/usaha.md",
        &format!(
            "---\nname: Usaha\ncategory: kuliner\ndistrict: Satu\n{field}: {value}\n---\nTeks.\n"
        ),
    );
    let run = site.build(&[]);
    assert_eq!(
        run.code, 1,
        "{field}: {value:?} was accepted (exit {}):\n{}",
        run.code, run.stderr
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("content/umkm/usaha.md:5:")),
        "{field}: no message naming the file and line:\n{}",
        run.stderr
    );
    assert!(!site.public().exists(), "a refused build wrote output");
}

#[test]
fn unsafe_addresses_in_link_fields_are_refused_at_validation() {
    let bad = [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "//evil.example/",
        "https://ok.example/\" onmouseover=\"alert(1)",
        "https://ok.example/<script>",
        "https:javascript:alert(1)",
        "http://",
        "ftp://ok.example/",
    ];
    for field in ["website", "tokopedia", "shopee"] {
        for v in bad.iter().chain(&["&#106;avascript:alert(1)", "https://"]) {
            refused(field, v);
        }
    }
    for field in ["instagram", "facebook", "tiktok"] {
        for v in [
            "javascript:alert(1)",
            "data:text/html,x",
            "@a\" onclick=\"x",
            "https://ok.example/\"><script>",
            "<script>",
        ] {
            refused(field, v);
        }
    }
    for (field, v) in [
        ("logo", "javascript:alert(1).png"),
        ("logo", "data:image/png;base64,AAAA"),
        ("logo", "https://evil.example/x.png"),
        ("logo", "../../etc/x.png"),
        ("images", "javascript:alert(1).png"),
        ("email", "a@b.c\"><script>"),
        ("email", "javascript:alert(1)"),
        ("phone", "javascript:alert(1)"),
        ("whatsapp", "0812<script>"),
        ("hours", "<script>alert(1)</script>"),
        ("nib", "<script>alert(1)</script>"),
    ] {
        refused(field, v);
    }
}

#[test]
fn hostile_hours_and_numbers_are_refused() {
    for (field, v) in [
        ("hours", "{ senin: \"08:00-16:00<script>\" }"),
        ("hours", "{ senin: \"javascript:alert(1)\" }"),
        ("kbli", "[\"1079<\"]"),
        ("geo", "{ lat: \"<script>\", lon: 1 }"),
    ] {
        refused_yaml(field, v);
    }
}

#[test]
fn the_checker_finds_what_it_looks_for() {
    // The checks above pass only if they would fail on unsafe output.
    let bad = [
        "<script>alert(1)</script>",
        "<script src=\"/elsewhere/x.js\"></script>",
        "<script src=\"/assets/x.js\">alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg><circle onload=alert(1) /></svg>",
        "<iframe src=\"https://a.example/\"></iframe>",
        "<object data=\"x\"></object>",
        "<embed src=\"x\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" JaVa&#x09;ScRiPt&colon;alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<img srcset=\"/a.png 1x, data:image/png,x 2x\">",
        "<form action=\"vbscript:x\"></form>",
        "<button formaction=\"javascript:x\">b</button>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:x\">",
        "<base href=\"https://evil.example/\">",
    ];
    for html in bad {
        let doc = scraper::Html::parse_document(&format!(
            "<!doctype html><html><head></head><body>{html}</body></html>"
        ));
        assert!(
            !problems("t.html", &doc, "/assets/").is_empty(),
            "not caught: {html}"
        );
    }
    let good = "<script src=\"/assets/etalase.js?v=1\" defer></script><a href=\"/umkm/\">a</a><a href=\"tel:+62\">t</a>\
                <a href=\"mailto:a@b.c\">m</a><a href=\"https://a.example/?q=javascript:x\">h</a><a href=\"#isi\">f</a>\
                <img src=\"/media/a%20b.png\" alt=\"\"><p title=\"javascript:alert(1)\">&lt;script&gt;</p>";
    let doc = scraper::Html::parse_document(&format!(
        "<!doctype html><html><head></head><body>{good}</body></html>"
    ));
    assert_eq!(problems("t.html", &doc, "/assets/"), Vec::<String>::new());
}
