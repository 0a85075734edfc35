//! `etalase`: parse the command line, run, print, exit.

mod cli;

use clap::Parser;
use cli::{Cli, Command, Format, SiteArgs};
use etalase::{BuildError, BuildOptions, Diagnostic, Lang, SiteOptions, Summary};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Mutex;

/// mimalloc instead of the system's allocator: a build makes and drops
/// millions of small strings across threads, which glibc's malloc paid for
/// in time and in memory it kept (see the commit that added it).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The message and place of the first panic, for the internal-error report.
static PANIC: Mutex<Option<String>> = Mutex::new(None);

fn site_options(args: SiteArgs) -> SiteOptions {
    SiteOptions {
        root: args.root,
        base_url: args.base_url,
        drafts: args.drafts,
    }
}

fn main() -> ExitCode {
    // A build's replaced output, removed after the build has reported.
    let mut args = std::env::args_os().skip(1);
    if args.next().is_some_and(|a| a == etalase::REMOVE_OLD) {
        if let Some(old) = args.next() {
            etalase::remove_old_output(std::path::Path::new(&old));
        }
        return ExitCode::SUCCESS;
    }
    // Before any thread: a stopped build leaves no temporary folder.
    etalase::on_signals();
    let cli = Cli::parse();
    // A panic is a bug, but it must never reach the user as a crash
    // report: it becomes one clear message and exit code 2.
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        let mut first = PANIC.lock().unwrap_or_else(|e| e.into_inner());
        first.get_or_insert(format!("{message}{place}"));
    }));
    let lang = match &cli.command {
        Command::Build(a) => a.site.lang,
        Command::Check(a) => a.site.lang,
        Command::Init(a) => a.lang,
        Command::Import(a) => a.lang,
        Command::New(a) => a.lang,
        #[cfg(feature = "serve")]
        Command::Serve(a) => a.site.lang,
    };
    let lang = Lang::choose(lang.map(|l| match l {
        cli::LangArg::Id => "id",
        cli::LangArg::En => "en",
    }));
    let format = match &cli.command {
        Command::Check(a) => a.format,
        _ => Format::Text,
    };
    // A page whose template cannot be stopped ends the process (exit 1)
    // with its problem, reported like any other.
    etalase::on_stuck(move |d| {
        content_failure(
            &mut std::io::stderr().lock(),
            format,
            lang,
            std::slice::from_ref(d),
        )
    });
    let (format, result) = match cli.command {
        Command::Init(args) => {
            let opts = etalase::InitOptions {
                dir: args.dir,
                wilayah: args.wilayah,
            };
            return init(&opts, lang);
        }
        Command::Import(args) => {
            let opts = etalase::ImportOptions {
                root: args.root,
                file: args.file,
                kind: args.kind,
                sheet: args.sheet,
                map: args.map,
                into: args.into,
                layout: args.layout,
                dry_run: args.dry_run,
            };
            return import(&opts, lang);
        }
        Command::New(args) => {
            let opts = etalase::NewOptions {
                root: args.root,
                kind: args.kind,
                name: args.name,
            };
            return new_item(&opts, lang);
        }
        #[cfg(feature = "serve")]
        Command::Serve(args) => return serve(args, lang),
        Command::Build(args) => {
            let opts = BuildOptions {
                site: site_options(args.site),
                output: args.output,
                force: args.force,
            };
            (
                Format::Text,
                std::panic::catch_unwind(|| etalase::build(&opts)),
            )
        }
        Command::Check(args) => {
            let opts = site_options(args.site);
            (
                args.format,
                std::panic::catch_unwind(|| etalase::check(&opts)),
            )
        }
    };
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    match result {
        Ok(Ok(s)) => {
            report(&mut err, format, lang, &s.warnings);
            // A closed standard output (`etalase build | head -0`) is not
            // a failure of the build.
            let _ = writeln!(std::io::stdout(), "{}", summary_line(&s, lang));
            ExitCode::SUCCESS
        }
        Ok(Err(BuildError::Content(diags))) => {
            content_failure(&mut err, format, lang, &diags);
            ExitCode::from(1)
        }
        Ok(Err(BuildError::Usage(m))) | Ok(Err(BuildError::Io(m))) => {
            usage_error(&mut err, lang, &m)
        }
        Err(_) => {
            let what = PANIC
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .unwrap_or_else(|| "(no message)".into());
            let _ = match lang {
                Lang::Id => writeln!(
                    err,
                    "kesalahan: internal error (kesalahan di dalam Etalase): {what}; tidak ada yang ditulis\nMohon laporkan ke proyek Etalase, dengan pesan ini dan perintah yang dijalankan."
                ),
                Lang::En => writeln!(
                    err,
                    "error: internal error (a bug in Etalase): {what}; nothing was written\nPlease report it, with this message and the command you ran, to the Etalase project."
                ),
            };
            ExitCode::from(2)
        }
    }
}

/// A problem that stopped a command before or outside the site's content
/// (usage, I/O, an unknown region, a bad sheet): one line, exit 2.
fn usage_error(err: &mut impl Write, lang: Lang, m: &etalase::Message) -> ExitCode {
    let _ = match lang {
        Lang::Id => writeln!(err, "kesalahan: {}", shown(m.get(lang))),
        Lang::En => writeln!(err, "error: {}", shown(m.get(lang))),
    };
    ExitCode::from(2)
}

/// Text for the terminal on one line: a control character (a line break or
/// an escape sequence in a file's name) is shown escaped, never obeyed.
fn shown(text: &str) -> String {
    etalase::one_line(text).into_owned()
}

/// `etalase import`: each column's target, each rejected row and guess,
/// and the counts; or why nothing was read.
fn import(opts: &etalase::ImportOptions, lang: Lang) -> ExitCode {
    let result = match std::panic::catch_unwind(|| etalase::import(opts)) {
        Ok(r) => r,
        Err(_) => {
            let _ = writeln!(std::io::stderr(), "error: internal error (a bug in Etalase) in import; nothing was written; please report it");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(r) => {
            let mut out = std::io::stdout().lock();
            // The library gives them with control characters escaped.
            for c in &r.columns {
                let _ = writeln!(out, "kolom {c}");
            }
            for row in &r.rows {
                for n in &row.notes {
                    let _ = writeln!(out, "{}: {}: {n}", row.cell, row.status.label());
                }
            }
            let count = |s: etalase::RowStatus| r.rows.iter().filter(|x| x.status == s).count();
            let (new, upd, rej) = (
                count(etalase::RowStatus::Imported),
                count(etalase::RowStatus::Updated),
                count(etalase::RowStatus::Rejected),
            );
            let report = shown(&r.report.display().to_string());
            let skipped = count(etalase::RowStatus::Skipped);
            let (mut skip_id, mut skip_en) = match skipped {
                0 => (String::new(), String::new()),
                n => (format!(", {n} dilewati"), format!(", {n} skipped")),
            };
            match count(etalase::RowStatus::Unchanged) {
                0 => {}
                n => {
                    skip_id.push_str(&format!(", {n} tidak berubah"));
                    skip_en.push_str(&format!(", {n} unchanged"));
                }
            }
            match count(etalase::RowStatus::Conflict) {
                0 => {}
                n => {
                    skip_id.push_str(&format!(", {n} konflik (tidak ditulis)"));
                    skip_en.push_str(&format!(", {n} in conflict (not written)"));
                }
            }
            let _ = match lang {
                Lang::Id => writeln!(out, "{new} baris diimpor, {upd} diperbarui, {rej} ditolak{skip_id}; {} berkas ditulis{}; laporan: {report}", r.files.len(), if opts.dry_run { " (uji coba: tidak ada yang ditulis)" } else { "" }),
                Lang::En => writeln!(out, "{new} rows imported, {upd} updated, {rej} rejected{skip_en}; {} files written{}; report: {report}", r.files.len(), if opts.dry_run { " (dry run: nothing written)" } else { "" }),
            };
            ExitCode::SUCCESS
        }
        Err(m) => usage_error(&mut std::io::stderr(), lang, &m),
    }
}

/// Makes mimalloc keep the memory it frees rather than hand it back to
/// the system after a delay. For `serve`: a round's memory handed back in
/// the middle of the next round was taken again page by page (once four
/// times that round's own work; see benches/serve.rs). The peak stays
/// what it was.
#[cfg(feature = "serve")]
fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc 3's mimalloc.h; the option is
    // set only where it holds its default (1000 ms in mimalloc 3), so another
    // mimalloc's numbering cannot change a different option.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: reading and setting an option of the allocator in use; both
    // functions take any option number.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == 1000 {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
        }
    }
    // No transparent huge pages for this process: a round touches a few
    // kilobytes here and there, and each first touch of a huge page
    // zeroed two megabytes (half of a save's round at 10,000 entries).
    #[cfg(target_os = "linux")]
    // SAFETY: a process setting of its own, no memory handed over.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// `etalase serve`: the address, then a line per build, until stopped.
#[cfg(feature = "serve")]
fn serve(args: cli::ServeArgs, lang: Lang) -> ExitCode {
    keep_freed_memory();
    use etalase::ServeEvent;
    let open = args.open;
    let opts = etalase::ServeOptions {
        site: site_options(args.site),
        interface: args.interface,
        port: args.port,
        allow_hosts: args.allow_hosts,
        lang,
    };
    let result = etalase::serve(&opts, move |event| {
        let mut err = std::io::stderr().lock();
        match event {
            ServeEvent::Listening(url) => {
                let mut out = std::io::stdout().lock();
                let _ = match lang {
                    Lang::Id => writeln!(out, "Melayani situs di {url} (hentikan dengan Ctrl+C)"),
                    Lang::En => writeln!(out, "Serving the site at {url} (stop with Ctrl+C)"),
                };
                let _ = out.flush();
                if open {
                    open_browser(url);
                }
            }
            ServeEvent::Built {
                problems,
                rendered,
                elapsed,
                first,
            } => {
                report(&mut err, Format::Text, lang, problems);
                let errors = problems
                    .iter()
                    .filter(|d| d.severity() == etalase::Severity::Error)
                    .count();
                let ms = elapsed.as_millis();
                let _ = match (lang, errors, first) {
                    (Lang::Id, 0, _) => {
                        writeln!(err, "Dibangun dalam {ms} ms: {rendered} halaman disusun")
                    }
                    (Lang::En, 0, _) => {
                        writeln!(err, "Built in {ms} ms: {rendered} pages rendered")
                    }
                    (Lang::Id, n, true) => writeln!(
                        err,
                        "kesalahan: {n} masalah; situs belum bisa dilayani, perbaiki lalu simpan"
                    ),
                    (Lang::En, n, true) => writeln!(
                        err,
                        "error: {n} problems; the site cannot be served yet, fix them and save"
                    ),
                    (Lang::Id, n, false) => writeln!(
                        err,
                        "kesalahan: {n} masalah; halaman terakhir yang berhasil tetap dilayani"
                    ),
                    (Lang::En, n, false) => writeln!(
                        err,
                        "error: {n} problems; the last good pages are still served"
                    ),
                };
            }
            ServeEvent::Search(elapsed) => {
                let ms = elapsed.as_secs_f64() * 1000.0;
                let _ = match lang {
                    Lang::Id => writeln!(err, "Indeks pencarian dibuat ulang dalam {ms:.0} ms"),
                    Lang::En => writeln!(err, "Search index made again in {ms:.0} ms"),
                };
            }
        }
    });
    let mut err = std::io::stderr().lock();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(BuildError::Content(d)) => {
            content_failure(&mut err, Format::Text, lang, &d);
            ExitCode::from(1)
        }
        Err(BuildError::Usage(m)) | Err(BuildError::Io(m)) => usage_error(&mut err, lang, &m),
    }
}

/// Opens `url` in the desktop's browser; a failure only loses the
/// convenience (the address is printed).
#[cfg(feature = "serve")]
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let _ = cmd
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

/// `etalase new`: the file it wrote and what to do next, or why it wrote
/// nothing.
fn new_item(opts: &etalase::NewOptions, lang: Lang) -> ExitCode {
    written(
        "new",
        lang,
        std::panic::catch_unwind(|| etalase::new_item(opts)).map(|r| {
            r.map(|r| {
                // The commands to run next name the site folder unless it is
                // the current one.
                let (file, root) = if opts.root == std::path::Path::new(".") {
                    (shown(&r.rel), String::new())
                } else {
                    let root = shown(&opts.root.display().to_string());
                    let root = if root.contains(char::is_whitespace) {
                        format!(" --root \"{root}\"")
                    } else {
                        format!(" --root {root}")
                    };
                    (shown(&r.file.display().to_string()), root)
                };
                let lines: Vec<String> = r.placeholders.iter().map(u32::to_string).collect();
                let lines = match lines.split_last() {
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => match lang {
                        Lang::Id => format!("{} dan {last}", rest.join(", ")),
                        Lang::En => format!("{} and {last}", rest.join(", ")),
                    },
                    None => String::new(),
                };
                let serve = if cfg!(feature = "serve") {
                    match lang {
                        Lang::Id => {
                            format!(", atau `etalase serve{root}` untuk melihatnya di peramban")
                        }
                        Lang::En => format!(", or `etalase serve{root}` to see it in the browser"),
                    }
                } else {
                    String::new()
                };
                let s = if r.placeholders.len() > 1 { "s" } else { "" };
                let text = match lang {
                    Lang::Id => format!(
                        "Ditulis: {file}\nLangkah berikutnya: buka berkas itu, ganti isian GANTI di baris {lines} dengan isi yang sebenarnya (dan isi kolom lain yang perlu dari contoh bertanda #), lalu jalankan `etalase check{root}`{serve}."
                    ),
                    Lang::En => format!(
                        "Written: {file}\nNext: open that file, replace the GANTI placeholder{s} on line{s} {lines} with the real value{s} (and fill in any commented-out field you need), then run `etalase check{root}`{serve}."
                    ),
                };
                text
            })
        }),
    )
}

/// The end of a command that writes files (`init`, `new`): its report
/// on standard output, or why it wrote nothing (exit 2).
fn written(
    command: &str,
    lang: Lang,
    result: std::thread::Result<Result<String, etalase::Message>>,
) -> ExitCode {
    match result {
        Ok(Ok(text)) => {
            let _ = writeln!(std::io::stdout(), "{text}");
            ExitCode::SUCCESS
        }
        Ok(Err(m)) => usage_error(&mut std::io::stderr(), lang, &m),
        Err(_) => {
            let _ = writeln!(
                std::io::stderr(),
                "error: internal error (a bug in Etalase) in {command}; please report it"
            );
            ExitCode::from(2)
        }
    }
}

/// `etalase init`: what it wrote, or why it wrote nothing.
fn init(opts: &etalase::InitOptions, lang: Lang) -> ExitCode {
    written(
        "init",
        lang,
        std::panic::catch_unwind(|| etalase::init(opts)).map(|r| {
            r.map(|r| {
                let dir = shown(&r.dir.display().to_string());
                let (districts, villages, files) = (r.districts, r.villages, r.files.len());
                let text = match lang {
                    Lang::Id => format!(
                        "Situs baru untuk {} ditulis ke {dir}: {districts} kecamatan, {villages} kelurahan/desa, {files} berkas.\nLangkah berikutnya: ganti base_url di site.yaml, ubah atau hapus contoh di content/, lalu jalankan `etalase check --root {dir}`.",
                        r.region
                    ),
                    Lang::En => format!(
                        "A new site for {} was written to {dir}: {districts} kecamatan, {villages} kelurahan/desa, {files} files.\nNext: set base_url in site.yaml, edit or remove the examples in content/, then run `etalase check --root {dir}`.",
                        r.region
                    ),
                };
                text
            })
        }),
    )
}

/// The problems that stopped a build, and the line that counts them.
fn content_failure(err: &mut impl Write, format: Format, lang: Lang, diags: &[Diagnostic]) {
    report(err, format, lang, diags);
    if format == Format::Text {
        let errors = diags
            .iter()
            .filter(|d| d.severity() == etalase::Severity::Error)
            .count();
        let _ = match lang {
            Lang::Id => writeln!(
                err,
                "kesalahan: {errors} masalah ditemukan; tidak ada yang ditulis"
            ),
            Lang::En => writeln!(
                err,
                "error: {errors} problem{} found; nothing was written",
                if errors == 1 { "" } else { "s" }
            ),
        };
    }
}

fn report(err: &mut impl Write, format: Format, lang: Lang, diags: &[Diagnostic]) {
    for d in diags {
        let _ = match format {
            Format::Text => writeln!(err, "{}", d.render(lang)),
            Format::Json => writeln!(err, "{}", d.to_json(lang)),
        };
    }
}

fn summary_line(s: &Summary, lang: Lang) -> String {
    let total: usize = s.entries.iter().sum();
    let [umkm, koperasi, pkl] = s.entries;
    let secs = s.elapsed.as_secs_f64();
    let (programmes, events, pages, written, files) =
        (s.programmes, s.events, s.pages, s.written, s.files);
    if lang == Lang::Id {
        let made = format!(
            "{total} entri (umkm {umkm}, koperasi {koperasi}, pkl {pkl}), {programmes} program, {events} acara, {pages} halaman bebas"
        );
        let secs = format!("{secs:.2}").replace('.', ",");
        return match &s.output {
            Some(out) => format!(
                "Selesai: {made}; {written} halaman dan {files} berkas ditulis ke {} dalam {secs} detik",
                shown(&out.display().to_string())
            ),
            None => format!(
                "Diperiksa: {made}; {written} halaman, {files} berkas, {} tautan, tanpa kesalahan, dalam {secs} detik",
                s.links
            ),
        };
    }
    let made = format!(
        "{total} entries (umkm {umkm}, koperasi {koperasi}, pkl {pkl}), {} programmes, {} events, {} pages",
        s.programmes, s.events, s.pages
    );
    match &s.output {
        Some(out) => format!(
            "Built {made}: {} pages and {} files written to {} in {secs:.2} s",
            s.written,
            s.files,
            shown(&out.display().to_string())
        ),
        None => format!(
            "Checked {made}: {} pages and {} files, {} links, no errors, in {secs:.2} s",
            s.written, s.files, s.links
        ),
    }
}
