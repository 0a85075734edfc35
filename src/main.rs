//! `etalase`: parse the command line, run, print, exit.

mod cli;

use clap::Parser;
use cli::{Cli, Command, Format, SiteArgs};
use etalase::{BuildError, BuildOptions, Diagnostic, SiteOptions, Summary};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Mutex;

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
    let (format, result) = match cli.command {
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
            report(&mut err, format, &s.warnings);
            // A closed standard output (`etalase build | head -0`) is not
            // a failure of the build.
            let _ = writeln!(std::io::stdout(), "{}", summary_line(&s));
            ExitCode::SUCCESS
        }
        Ok(Err(BuildError::Content(diags))) => {
            report(&mut err, format, &diags);
            if format == Format::Text {
                let errors = diags
                    .iter()
                    .filter(|d| d.severity() == etalase::Severity::Error)
                    .count();
                let _ = writeln!(
                    err,
                    "error: {errors} problem{} found; nothing was written",
                    if errors == 1 { "" } else { "s" }
                );
            }
            ExitCode::from(1)
        }
        Ok(Err(BuildError::Usage(m))) | Ok(Err(BuildError::Io(m))) => {
            let _ = writeln!(err, "error: {m}");
            ExitCode::from(2)
        }
        Err(_) => {
            let what = PANIC
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .unwrap_or_else(|| "(no message)".into());
            let _ = writeln!(
                err,
                "error: internal error (a bug in Etalase): {what}; nothing was written\nPlease report it, with this message and the command you ran, to the Etalase project."
            );
            ExitCode::from(2)
        }
    }
}

fn report(err: &mut impl Write, format: Format, diags: &[Diagnostic]) {
    for d in diags {
        let _ = match format {
            Format::Text => writeln!(err, "{d}"),
            Format::Json => writeln!(err, "{}", d.to_json()),
        };
    }
}

fn summary_line(s: &Summary) -> String {
    let total: usize = s.entries.iter().sum();
    let [umkm, koperasi, pkl] = s.entries;
    let made = format!(
        "{total} entries (umkm {umkm}, koperasi {koperasi}, pkl {pkl}), {} programmes, {} events, {} pages",
        s.programmes, s.events, s.pages
    );
    let secs = s.elapsed.as_secs_f64();
    match &s.output {
        Some(out) => format!(
            "Built {made}: {} pages and {} files written to {} in {secs:.2} s",
            s.written,
            s.files,
            out.display()
        ),
        None => format!(
            "Checked {made}: {} pages and {} files, {} links, no errors, in {secs:.2} s",
            s.written, s.files, s.links
        ),
    }
}
