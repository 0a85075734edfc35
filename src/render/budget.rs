//! Bounds on the work of one page, so a theme template that loops for
//! minutes, or writes without end, is stopped with a clear error.
//!
//! Tera bounds recursion and the length of one `range()`, but not loops
//! nested inside each other. Three checks stop them:
//! - the page's buffer ([`PageBuffer`]) refuses to grow past
//!   [`MAX_PAGE_BYTES`] or to be written to after the page's time is up;
//! - `range()`, replaced by [`range`], refuses to run after the time is up,
//!   which stops nested loops that write nothing;
//! - the [`Watchdog`], for what neither sees (a loop over the site's data
//!   that writes nothing): it cannot stop a thread, so it ends the process
//!   with the error, after the output sink threw its work away.

use crate::diagnostic::{Code, Diagnostic};
use std::cell::Cell;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};
use tera::{Kwargs, State, TeraResult};

/// The longest one page may take to render. A page of the sample takes
/// well under a millisecond, a showcase of thousands of entries well
/// under a second.
pub(crate) const MAX_PAGE_TIME: Duration = Duration::from_secs(10);
/// The largest page a template may write, before compaction.
pub(crate) const MAX_PAGE_BYTES: usize = 64 << 20;
/// `range()`'s limit, as Tera's own.
const MAX_RANGE_LEN: i64 = 100_000;
/// How much longer than [`MAX_PAGE_TIME`] the watchdog waits for the
/// checks inside the page to stop it.
const GRACE: Duration = Duration::from_secs(3);

/// Why a page was stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trip {
    TooSlow,
    TooLarge,
}

thread_local! {
    /// When the page this thread renders must be done, and why it was
    /// stopped, if it was.
    static PAGE: Cell<(Option<Instant>, Option<Trip>)> = const { Cell::new((None, None)) };
}

/// Starts the clock of a page on this thread.
pub(crate) fn start_page() {
    PAGE.with(|p| p.set((Some(Instant::now() + MAX_PAGE_TIME), None)));
}

/// Why the page on this thread was stopped, if it was; ends its clock.
pub(crate) fn end_page() -> Option<Trip> {
    PAGE.with(|p| p.replace((None, None)).1)
}

fn trip(why: Trip) -> io::Error {
    PAGE.with(|p| p.set((p.get().0, Some(why))));
    io::Error::other(match why {
        Trip::TooSlow => "page took too long",
        Trip::TooLarge => "page too large",
    })
}

fn time_is_up() -> bool {
    PAGE.with(|p| p.get().0.is_some_and(|d| Instant::now() > d))
}

/// The buffer a page is rendered into.
pub(crate) struct PageBuffer {
    pub(crate) bytes: Vec<u8>,
    writes: u32,
}

impl PageBuffer {
    pub(crate) fn new() -> PageBuffer {
        PageBuffer {
            bytes: Vec::with_capacity(16 * 1024),
            writes: 0,
        }
    }
}

impl Write for PageBuffer {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + data.len() > MAX_PAGE_BYTES {
            return Err(trip(Trip::TooLarge));
        }
        // The clock is read once every 1,024 writes: cheap beside them.
        self.writes = self.writes.wrapping_add(1);
        if self.writes % 1024 == 0 && time_is_up() {
            return Err(trip(Trip::TooSlow));
        }
        self.bytes.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Tera's `range(end, start=0, step_by=1)`, which also stops a page whose
/// time is up.
pub(crate) fn range(kwargs: Kwargs, _: &State) -> TeraResult<Vec<i64>> {
    if time_is_up() {
        return Err(trip(Trip::TooSlow).into());
    }
    let start = kwargs.get::<i64>("start")?.unwrap_or(0);
    let end = kwargs.must_get::<i64>("end")?;
    let step = kwargs.get::<i64>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    let span = i128::from(end) - i128::from(start);
    let len = if (span > 0) == (step > 0) && span != 0 {
        (span.abs() + i128::from(step).abs() - 1) / i128::from(step).abs()
    } else {
        0
    };
    if len > i128::from(MAX_RANGE_LEN) {
        return Err(tera::Error::message(format!(
            "Function `range` would produce {len} elements, which exceeds the limit of {MAX_RANGE_LEN}"
        )));
    }
    Ok((0..len as i64).map(|i| start + i * step).collect())
}

/// What to do when a page cannot be stopped: set by the program (the
/// binary prints the problem in the user's language); the process then
/// ends with exit code 1.
static ON_STUCK: OnceLock<Box<StuckHook>> = OnceLock::new();

type StuckHook = dyn Fn(&Diagnostic) + Send + Sync;

/// Set by `serve`: a stuck page is reported, and the process goes on.
static KEEP_RUNNING: AtomicBool = AtomicBool::new(false);

/// Makes the watchdog report a stuck page without ending the process.
#[cfg_attr(not(feature = "serve"), allow(dead_code))]
pub(crate) fn keep_running() {
    KEEP_RUNNING.store(true, Ordering::Relaxed);
}

/// Sets what is done with the problem of a page that could not be
/// stopped, before the process ends with exit code 1 (`build`, `check`)
/// or goes on serving (`serve`).
pub fn on_stuck(hook: impl Fn(&Diagnostic) + Send + Sync + 'static) {
    let _ = ON_STUCK.set(Box::new(hook));
}

/// Since when a thread renders which file, with which template.
type OnPage = (Instant, String, String);

/// The page each rendering thread is on, and since when.
pub(crate) struct Watchdog {
    slots: Vec<Mutex<Option<OnPage>>>,
    done: AtomicBool,
    /// Wakes the watch as soon as the render is done: a render of a few
    /// pages (serve) must not wait out the watch's tick.
    wake: (Mutex<()>, std::sync::Condvar),
}

impl Watchdog {
    pub(crate) fn new() -> Watchdog {
        // One slot per pool thread, and one for a caller outside the pool.
        let threads = rayon::current_num_threads() + 1;
        Watchdog {
            slots: (0..threads).map(|_| Mutex::new(None)).collect(),
            done: AtomicBool::new(false),
            wake: (Mutex::new(()), std::sync::Condvar::new()),
        }
    }

    fn slot(&self) -> &Mutex<Option<OnPage>> {
        let i = rayon::current_thread_index().unwrap_or(self.slots.len() - 1);
        &self.slots[i.min(self.slots.len() - 1)]
    }

    /// Marks the start of `file`'s rendering with `template` on this thread.
    pub(crate) fn enter(&self, file: &str, template: String) {
        *self.slot().lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), file.to_string(), template));
    }

    pub(crate) fn leave(&self) {
        *self.slot().lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Watches until a [`Finish`] is dropped; on a page stuck past its time
    /// and the grace, calls `abandon` and ends the process.
    pub(crate) fn watch(&self, abandon: impl Fn()) {
        loop {
            let guard = self.wake.0.lock().unwrap_or_else(|e| e.into_inner());
            if self.done.load(Ordering::Relaxed) {
                return;
            }
            drop(
                self.wake
                    .1
                    .wait_timeout(guard, Duration::from_millis(100))
                    .unwrap_or_else(|e| e.into_inner()),
            );
            if self.done.load(Ordering::Relaxed) {
                return;
            }
            for slot in &self.slots {
                let stuck = slot
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .as_ref()
                    .filter(|(since, _, _)| since.elapsed() > MAX_PAGE_TIME + GRACE)
                    .map(|(_, file, template)| stopped(file, template, Trip::TooSlow));
                if let Some(d) = stuck {
                    let serving = KEEP_RUNNING.load(Ordering::Relaxed);
                    if !serving {
                        abandon();
                    }
                    match ON_STUCK.get() {
                        Some(hook) => hook(&d),
                        None => eprintln!("{d}"),
                    }
                    if !serving {
                        std::process::exit(1);
                    }
                    // Reported once; the thread cannot be stopped, and the
                    // server goes on with the pages it has.
                    *slot.lock().unwrap_or_else(|e| e.into_inner()) = None;
                }
            }
        }
    }
}

/// Ends the watch of its watchdog when dropped.
pub(crate) struct Finish<'a>(pub(crate) &'a Watchdog);

impl Drop for Finish<'_> {
    fn drop(&mut self) {
        let _guard = self.0.wake.0.lock().unwrap_or_else(|e| e.into_inner());
        self.0.done.store(true, Ordering::Relaxed);
        self.0.wake.1.notify_all();
    }
}

/// The problem of a page that was stopped.
pub(crate) fn stopped(file: &str, template: &str, why: Trip) -> Diagnostic {
    let message = match why {
        Trip::TooSlow => {
            let s = MAX_PAGE_TIME.as_secs();
            msg!(
                "{file} dihentikan: templat ini bekerja lebih dari {s} detik untuk satu halaman; periksa perulangan (`for`) yang bersarang",
                "{file} was stopped: this template worked for more than {s} seconds for one page; look for nested loops (`for`)"
            )
        }
        Trip::TooLarge => {
            let mib = MAX_PAGE_BYTES >> 20;
            msg!(
                "{file} dihentikan: templat ini menulis lebih dari {mib} MiB untuk satu halaman; periksa perulangan (`for`) yang bersarang",
                "{file} was stopped: this template wrote more than {mib} MiB for one page; look for nested loops (`for`)"
            )
        }
    };
    Diagnostic::file(Code::RenderError, template.to_string(), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_buffer_stops_at_its_size() {
        start_page();
        let mut b = PageBuffer::new();
        let chunk = vec![b'x'; 1 << 20];
        let mut result = Ok(());
        for _ in 0..=MAX_PAGE_BYTES >> 20 {
            result = b.write_all(&chunk);
            if result.is_err() {
                break;
            }
        }
        assert!(result.is_err());
        assert_eq!(end_page(), Some(Trip::TooLarge));
        assert_eq!(end_page(), None);
    }
}
