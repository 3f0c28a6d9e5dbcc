//! A test that cannot run here says so where a normal `cargo test` shows it, and fails under
//! `CI=true`, where `.ci/run` installs what every test needs.

use std::io::Write as _;

/// Reports that `test` skipped because `missing` is not here (`install` says how to get it):
/// written straight to standard error, which the test harness does not capture (its capture
/// takes only `print!` and `eprint!`), so it shows in a normal run. Under `CI=true`, fails.
pub fn skip(test: &str, missing: &str, install: &str) {
    assert!(
        std::env::var("CI").is_err(),
        "CI=true but {missing} is missing: .ci/run installs it ({install})"
    );
    let line = format!("\nSKIPPED {test}: {missing} is not here ({install}); CI fails instead\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}
