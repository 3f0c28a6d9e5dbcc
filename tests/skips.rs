//! A skipped test shows in a normal run's output: the harness captures what a passing test
//! prints with `println!` and `eprintln!`, so a skip notice written that way vanishes and the
//! test looks like a pass. This runs a test binary the way `cargo test` does, without
//! `--nocapture`, and looks for the notice.

mod common;

/// The child: skips when asked to by the parent.
#[test]
fn a_test_that_skips() {
    if std::env::var_os("TYPED_COOKIES_SKIP_PROBE").is_some() {
        common::skip::skip(
            "a_test_that_skips",
            "the probe's program",
            "nothing to install",
        );
    }
}

#[test]
fn a_skip_shows_without_nocapture() {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "a_test_that_skips", "--test-threads", "1"])
        .env("TYPED_COOKIES_SKIP_PROBE", "1")
        .env_remove("CI")
        // With it the harness would not capture `eprint!` either, and prove nothing.
        .env_remove("RUST_TEST_NOCAPTURE")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("1 passed"), "{stdout}");
    assert!(
        stderr.contains("SKIPPED a_test_that_skips: the probe's program is not here"),
        "the notice was swallowed: {stderr:?}"
    );
}
