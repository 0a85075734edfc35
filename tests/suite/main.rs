//! The integration tests: one binary, a module per area. Each test copies a
//! fixture site from tests/fixtures/ (or writes one inline) into a temporary
//! folder and runs the real `etalase` binary on it. See README.md here.

mod common;

// The bench's generator of synthetic sites, for tests that need a large,
// realistic directory.
#[path = "../../benches/build/data.rs"]
#[allow(dead_code)]
mod data;
#[path = "../../benches/build/photos.rs"]
#[allow(dead_code)]
mod photos;
#[path = "../../benches/build/sitegen.rs"]
#[allow(dead_code)]
mod sitegen;

mod a11y;
mod browser;
mod build;
mod check;
mod codes;
mod context;
mod determinism;
mod devtools;
mod floors;
mod hostile;
mod import;
mod init;
mod links;
mod messages;
mod new;
mod opendata;
mod output;
mod pictures;
mod search;
mod serve;
mod snapshots;
mod validate;
mod values;
mod workflows;
mod xss;
