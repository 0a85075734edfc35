//! Whole-program build benchmark: generates synthetic Kota Bekasi sites of N
//! entries (benches/build/sitegen.rs) and times the release `etalase build`
//! on them, next to the floor of copying its output with `cp -r`.
//!
//! ```text
//! cargo bench --bench build                          # N = 1000, 10000, 100000
//! ETALASE_BENCH_N=10000 cargo bench --bench build    # or: -- 1000,10000
//! cargo bench --bench build -- --generate-only 5000 /tmp/site   # input only
//! cargo bench --bench build -- --generate-only 2000 /tmp/s --photos 1000
//!                                              # and 1,000 phone photos
//! ```
//!
//! Environment: `ETALASE_BENCH_N` (comma-separated sizes), `ETALASE_BENCH_RUNS`
//! (default 3), `ETALASE_BENCH_DIR` (work folder, default
//! `$TMPDIR/etalase-bench-rs`; a site already generated there for an N by
//! the same generator version is reused).
//!
//! Each size gets one untimed warm-up build, then timed builds, each into a
//! new output folder after a `sync` (see `bench_size` for why nothing is
//! deleted between runs). Wall time is taken around spawn..reap, CPU time
//! and peak resident memory from the child's rusage (`wait4`), the method of
//! shared/bench/bench_time.py (which also warms up once).
//!
//! Run without `--bench` (as `cargo test --benches` does) it is a quick
//! smoke test: one build of a 200-entry site.

#[path = "build/data.rs"]
mod data;
#[path = "build/photos.rs"]
mod photos;
#[path = "build/sitegen.rs"]
mod sitegen;

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const DEFAULT_SIZES: &[usize] = &[1000, 10_000, 100_000];
const SMOKE_SIZE: usize = 200;
const DEFAULT_RUNS: usize = 3;

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::from(2)
        }
    }
}

/// What the command line asked for.
struct Args {
    /// `--bench` given: cargo bench, not cargo test.
    bench: bool,
    sizes: Vec<usize>,
    generate_only: Option<(usize, PathBuf)>,
    sample_photos: Option<PathBuf>,
    /// With `--generate-only`: this many UMKM entries get a phone photo.
    photos: usize,
}

/// Sizes come from positional arguments (`1000,10000` or `1000 10000`), then
/// `ETALASE_BENCH_N`, then the defaults. Unknown flags and words (such as a
/// filter cargo passes along) are ignored.
fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        bench: false,
        sizes: Vec::new(),
        generate_only: None,
        sample_photos: None,
        photos: 0,
    };
    let mut it = env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--bench" => args.bench = true,
            "--generate-only" => {
                let usage = "usage: --generate-only N DIR";
                let n = it.next().and_then(|v| parse_count(&v)).ok_or(usage)?;
                let dir = it.next().ok_or(usage)?;
                args.generate_only = Some((n, PathBuf::from(dir)));
            }
            "--photos" => {
                args.photos = it
                    .next()
                    .and_then(|v| parse_count(&v))
                    .ok_or("usage: --photos N (with --generate-only)")?;
            }
            "--sample-photos" => {
                let dir = it.next().ok_or("usage: --sample-photos REPOSITORY")?;
                args.sample_photos = Some(PathBuf::from(dir));
            }
            other if other.starts_with('-') => {}
            other => {
                if let Some(sizes) = parse_sizes(other) {
                    args.sizes.extend(sizes);
                }
            }
        }
    }
    if args.sizes.is_empty() {
        if let Ok(list) = env::var("ETALASE_BENCH_N") {
            args.sizes = parse_sizes(&list).ok_or(format!("bad ETALASE_BENCH_N: {list:?}"))?;
        }
    }
    Ok(args)
}

/// "1000" or "10_000" or "10k".
fn parse_count(text: &str) -> Option<usize> {
    let t = text.trim().replace('_', "").to_ascii_lowercase();
    match t.strip_suffix('k') {
        Some(k) => k.parse::<usize>().ok().map(|v| v * 1000),
        None => t.parse().ok(),
    }
}

fn parse_sizes(text: &str) -> Option<Vec<usize>> {
    text.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(parse_count)
        .collect()
}

fn env_usize(name: &str, default: usize) -> Result<usize, String> {
    match env::var(name) {
        Ok(v) => v.trim().parse().map_err(|_| format!("bad {name}: {v:?}")),
        Err(_) => Ok(default),
    }
}

fn run() -> Result<bool, Box<dyn std::error::Error>> {
    let args = parse_args()?;
    if let Some(repo) = args.sample_photos {
        // The sample's product photos (content/), drawn from seeds: the
        // same bytes every time.
        use photos::Subject;
        let shots: [(&str, Subject, u64, u16); 5] = [
            (
                "content/umkm/bekasi-timur/foto-batik-sekar-patriot-1.jpg",
                Subject::Batik,
                1,
                1,
            ),
            (
                "content/umkm/bekasi-timur/foto-batik-sekar-patriot-2.jpg",
                Subject::Batik,
                2,
                6,
            ),
            (
                "content/umkm/bekasi-timur/foto-keripik-tempe-bu-sri.jpg",
                Subject::Keripik,
                3,
                1,
            ),
            (
                "content/umkm/bekasi-barat/foto-kopi-kampoeng.jpg",
                Subject::Kopi,
                4,
                1,
            ),
            (
                "content/umkm/jatisampurna/foto-anyaman-pandan.jpg",
                Subject::Anyaman,
                5,
                1,
            ),
        ];
        for (rel, subject, seed, orientation) in shots {
            let bytes = photos::jpeg(subject, seed, 1800, 1350, orientation);
            std::fs::write(repo.join(rel), &bytes)?;
            println!("{rel}: {} KB", bytes.len() / 1024);
        }
        return Ok(true);
    }
    if let Some((n, dir)) = args.generate_only {
        let stats = generate_into(n, &dir)?;
        if args.photos > 0 {
            let made = add_photos(&dir, args.photos)?;
            println!("{made} UMKM entries given a phone photo (1600x1200, with EXIF)");
        }
        println!(
            "generated {} entries ({} umkm, {} koperasi, {} pkl, {} drafts) in {}: {} files, {}",
            stats.entries(),
            stats.kinds[0],
            stats.kinds[1],
            stats.kinds[2],
            stats.drafts,
            dir.display(),
            stats.files,
            mb(stats.bytes)
        );
        return Ok(true);
    }
    let (sizes, runs) = if args.bench {
        let sizes = if args.sizes.is_empty() {
            DEFAULT_SIZES.to_vec()
        } else {
            args.sizes
        };
        (sizes, env_usize("ETALASE_BENCH_RUNS", DEFAULT_RUNS)?.max(1))
    } else {
        println!("(no --bench: smoke test, one build of {SMOKE_SIZE} entries)");
        sitegen::self_check();
        (vec![SMOKE_SIZE], 1)
    };
    let base = env::var_os("ETALASE_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| env::temp_dir().join("etalase-bench-rs"));
    let bin = Path::new(env!("CARGO_BIN_EXE_etalase"));
    println!("etalase: {}", bin.display());
    println!(
        "work folder: {}; {runs} run(s) per size; {} cores",
        base.display(),
        cores()
    );

    let mut rows = Vec::new();
    let mut all_ok = true;
    for &n in &sizes {
        match bench_size(bin, &base.join(n.to_string()), n, runs)? {
            Some(row) => rows.push(row),
            None => all_ok = false,
        }
    }
    print_table(&rows);
    Ok(all_ok)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

// ---------------------------------------------------------------------------
// Generating
// ---------------------------------------------------------------------------

/// Generates a site into `dir` unless it already holds this generator's site
/// for `n`. A folder with other files in it is refused, so a mistyped path
/// never loses anything; a stale generated site is replaced.
/// Gives `count` UMKM entries of a generated site (spread over it, in
/// file order) a phone photo beside their file, named in `images`: for
/// the pictures' cold and warm build figures. Entries given one before
/// keep theirs.
fn add_photos(dir: &Path, count: usize) -> io::Result<usize> {
    let files = sitegen::umkm_files(dir);
    let step = (files.len() / count.max(1)).max(1);
    let mut made = 0;
    for (k, file) in files.iter().step_by(step).take(count).enumerate() {
        let text = fs::read_to_string(file)?;
        if text.contains("\nimages:") {
            made += 1;
            continue;
        }
        let Some(end) = text.match_indices("\n---").next().map(|(i, _)| i) else {
            continue;
        };
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        let name = format!("foto-{stem}.jpg");
        // Two subjects drawn without scattered things: quick to make.
        let subject = if k % 2 == 0 {
            photos::Subject::Batik
        } else {
            photos::Subject::Anyaman
        };
        let orientation = if k % 5 == 0 { 6 } else { 1 };
        fs::write(
            file.with_file_name(&name),
            photos::jpeg(subject, k as u64, 1600, 1200, orientation),
        )?;
        let text = format!("{}\nimages:\n  - {name}{}", &text[..end], &text[end..]);
        fs::write(file, text)?;
        made += 1;
    }
    Ok(made)
}

fn generate_into(n: usize, dir: &Path) -> io::Result<sitegen::Stats> {
    if let Some(stats) = sitegen::finished_site(n, dir) {
        return Ok(stats);
    }
    if dir.join(sitegen::MARKER).exists() {
        // our own site of another size or version: remove only what we wrote
        fs::remove_file(dir.join(sitegen::MARKER))?;
        fs::remove_file(dir.join("site.yaml"))?;
        fs::remove_dir_all(dir.join("content"))?;
    }
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::other(format!(
            "{} is not empty and holds no generated site; give an empty or new folder",
            dir.display()
        )));
    }
    fs::create_dir_all(dir)?;
    sitegen::generate(n, dir)
}

/// Files and bytes under a folder (0 when it is missing).
fn tree_size(dir: &Path) -> (u64, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            match entry.metadata() {
                Ok(m) if m.is_dir() => stack.push(entry.path()),
                Ok(m) => {
                    files += 1;
                    bytes += m.len();
                }
                Err(_) => {}
            }
        }
    }
    (files, bytes)
}

// ---------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------

/// One finished child process.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    user: Duration,
    sys: Duration,
    /// Peak resident set size in bytes.
    peak: u64,
    /// Exit code, or 128 + signal.
    code: i32,
}

/// Runs a command to its end and measures it: wall clock around spawn..reap,
/// CPU and peak RSS from `wait4`'s rusage of that child.
fn measure(cmd: &mut Command) -> io::Result<Sample> {
    let start = Instant::now();
    let child = cmd.stdin(Stdio::null()).spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data, so all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: we own this child (std never waits for it: we don't call
        // wait on `child`), and both out-pointers are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
    let wall = start.elapsed();
    drop(child);
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    Ok(Sample {
        wall,
        user: tv(usage.ru_utime),
        sys: tv(usage.ru_stime),
        peak: usage.ru_maxrss as u64 * 1024, // KiB on Linux
        code,
    })
}

/// min, median, max of some durations.
fn spread(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    (v[0], v[v.len() / 2], v[v.len() - 1])
}

/// The figures of one size, for the final table.
struct Row {
    n: usize,
    entries: usize,
    out_files: u64,
    out_bytes: u64,
    build: (Duration, Duration, Duration),
    user: Duration,
    sys: Duration,
    peak: u64,
    copy: Duration,
}

/// Generates (or reuses) the site of `n` entries in `work`, builds it once
/// untimed and `runs` times timed, then copies the output `runs` times.
/// `None` when the build failed.
///
/// Every build and copy writes a folder of its own and nothing is deleted
/// until the size is done: on this VM's disk (ext4 with `discard`) the first
/// large write after a large delete costs seconds of kernel time, so
/// deleting between runs made each run slower than the last. The warm-up run
/// absorbs what earlier deletes left behind (and warms the input's cache).
/// At 100k this needs about 11 GB free.
fn bench_size(bin: &Path, work: &Path, n: usize, runs: usize) -> io::Result<Option<Row>> {
    let site = work.join("site");
    println!("\n== N = {n}");
    remove_outputs(work)?;

    let t = Instant::now();
    let stats = generate_into(n, &site)?;
    println!(
        "input: {} entries ({} umkm, {} koperasi, {} pkl), {} files, {}; ready in {:.1} s",
        stats.entries(),
        stats.kinds[0],
        stats.kinds[1],
        stats.kinds[2],
        stats.files,
        mb(stats.bytes),
        t.elapsed().as_secs_f64()
    );

    let stderr_path = work.join("build.stderr");
    let mut builds = Vec::new();
    for run in 0..=runs {
        let out = work.join(format!("out-{run}"));
        let mut cmd = Command::new(bin);
        cmd.arg("build")
            .arg("--root")
            .arg(&site)
            .arg("--output")
            .arg(&out)
            .arg("--force");
        cmd.stdout(Stdio::null())
            .stderr(fs::File::create(&stderr_path)?);
        settle();
        let sample = measure(&mut cmd)?;
        if sample.code != 0 {
            report_failure(&site, &stderr_path, sample.code);
            remove_outputs(work)?;
            return Ok(None);
        }
        let label = if run == 0 {
            "warm-up".to_string()
        } else {
            format!("build {run}/{runs}")
        };
        println!(
            "{label}: {:.3} s wall, {:.3} s user, {:.3} s sys, peak {}",
            sample.wall.as_secs_f64(),
            sample.user.as_secs_f64(),
            sample.sys.as_secs_f64(),
            mib(sample.peak)
        );
        if run > 0 {
            builds.push(sample);
        }
    }
    let out = work.join("out-1");
    let (out_files, out_bytes) = tree_size(&out);
    println!("output: {out_files} files, {}", mb(out_bytes));

    let mut copies = Vec::new();
    for run in 1..=runs {
        let copy = work.join(format!("cp-{run}"));
        settle();
        let sample = measure(Command::new("cp").arg("-r").arg(&out).arg(&copy))?;
        if sample.code != 0 {
            return Err(io::Error::other(format!(
                "cp -r exited with {}",
                sample.code
            )));
        }
        println!(
            "cp -r {run}/{runs}: {:.3} s wall, {:.3} s sys",
            sample.wall.as_secs_f64(),
            sample.sys.as_secs_f64()
        );
        copies.push(sample.wall);
    }
    remove_outputs(work)?;

    let build = spread(builds.iter().map(|s| s.wall).collect());
    let user = spread(builds.iter().map(|s| s.user).collect()).1;
    let sys = spread(builds.iter().map(|s| s.sys).collect()).1;
    let peak = builds.iter().map(|s| s.peak).max().unwrap_or(0);
    let copy_median = spread(copies).1;
    println!(
        "build: median {:.3} s (min {:.3}, max {:.3}), user {:.3} s, sys {:.3} s, peak RSS {}; \
         cp -r median {:.3} s; build/cp {:.2}",
        build.1.as_secs_f64(),
        build.0.as_secs_f64(),
        build.2.as_secs_f64(),
        user.as_secs_f64(),
        sys.as_secs_f64(),
        mib(peak),
        copy_median.as_secs_f64(),
        ratio(build.1, copy_median)
    );
    Ok(Some(Row {
        n,
        entries: stats.entries(),
        out_files,
        out_bytes,
        build,
        user,
        sys,
        peak,
        copy: copy_median,
    }))
}

/// Prints the build's exit code and the start of its error output.
fn report_failure(site: &Path, stderr_path: &Path, code: i32) {
    let text = fs::read_to_string(stderr_path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    println!("BUILD FAILED: exit code {code} on {}", site.display());
    for line in lines.iter().take(40) {
        println!("  {line}");
    }
    if lines.len() > 40 {
        println!(
            "  ... {} more lines in {}",
            lines.len() - 40,
            stderr_path.display()
        );
    }
}

/// Before a timed run: flushes dirty pages, so the run does not pay for
/// writing back what came before it.
fn settle() {
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
}

/// Removes the build outputs and copies of a size's work folder.
fn remove_outputs(work: &Path) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(work) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("out") || name.starts_with("cp") {
            remove_dir(&entry.path())?;
        }
    }
    Ok(())
}

fn remove_dir(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn print_table(rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    println!("\n| N | entries | output files | output MB | build wall median (min-max) | user | sys | peak RSS | cp -r | build/cp |");
    println!("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} | {} | {:.1} | {:.2} s ({:.2}-{:.2}) | {:.2} s | {:.2} s | {} | {:.2} s | {:.2} |",
            r.n,
            r.entries,
            r.out_files,
            r.out_bytes as f64 / 1e6,
            r.build.1.as_secs_f64(),
            r.build.0.as_secs_f64(),
            r.build.2.as_secs_f64(),
            r.user.as_secs_f64(),
            r.sys.as_secs_f64(),
            mib(r.peak),
            r.copy.as_secs_f64(),
            ratio(r.build.1, r.copy)
        );
    }
}
