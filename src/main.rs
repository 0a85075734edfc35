//! `etalase`: parse the command line, build, print, exit.

use clap::Parser;
use etalase::cli::{Cli, Command};
use etalase::{build, BuildError, BuildOptions};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Command::Build(args) = cli.command;
    let opts = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        force: args.force,
    };
    // A panic is a bug, but it must never reach the user as a crash
    // report: it becomes an error message and exit code 2.
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| build(&opts));
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    match result {
        Ok(Ok(s)) => {
            let total: usize = s.entries.iter().sum();
            println!(
                "Built {total} entries (umkm {}, koperasi {}, pkl {}), {} programmes, {} events, {} pages: {} pages and {} files written to {} in {:.2} s",
                s.entries[0], s.entries[1], s.entries[2], s.programmes, s.events, s.pages, s.written, s.files,
                s.output.display(), s.elapsed.as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Ok(Err(BuildError::Content(diags))) => {
            for d in &diags {
                let _ = writeln!(err, "{d}");
            }
            let n = diags.len();
            let _ = writeln!(
                err,
                "error: {n} problem{} found; nothing was written",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Ok(Err(BuildError::Usage(m))) | Ok(Err(BuildError::Io(m))) => {
            let _ = writeln!(err, "error: {m}");
            ExitCode::from(2)
        }
        Err(_) => {
            let _ = writeln!(
                err,
                "error: internal error (a bug in Etalase); nothing was written"
            );
            ExitCode::from(2)
        }
    }
}
