//! Stage timings behind `ETALASE_TIMINGS`: for profiling a build without a
//! profiler.

use std::time::{Duration, Instant};

pub(crate) struct Timer {
    on: bool,
    last: Instant,
}

impl Timer {
    pub(crate) fn new() -> Timer {
        Timer {
            on: std::env::var_os("ETALASE_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    /// Prints the time since the last lap, and resident memory now and at
    /// its peak, from the kernel (Linux).
    pub(crate) fn lap(&mut self, stage: &str) {
        if self.on {
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let mib = |name: &str| {
                status
                    .lines()
                    .find(|l| l.starts_with(name))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|kb| kb.parse::<u64>().ok())
                    .map_or(0, |kb| kb / 1024)
            };
            eprintln!(
                "timing: {stage:<10} {:>8.1} ms  rss {:>5} MiB  peak {:>5} MiB",
                self.last.elapsed().as_secs_f64() * 1000.0,
                mib("VmRSS:"),
                mib("VmHWM:")
            );
        }
        self.last = Instant::now();
    }

    /// Prints a time measured elsewhere (on another thread), not a lap.
    #[cfg_attr(not(feature = "search"), allow(dead_code))]
    pub(crate) fn span(&self, what: &str, took: Duration) {
        if self.on {
            eprintln!("timing: {what} {:.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
}
