//! Compile-time rules of `#[derive(Cookie)]`: every file under tests/ui holds one mistake
//! (three_mistakes.rs holds three) and its .stderr the errors a user sees; every file under
//! tests/ui-pass compiles and runs.
//!
//! Regenerate the .stderr files with the README's test command, then review the diff:
//! `TRYBUILD=overwrite cargo test --workspace --all-features --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    // With a passing case, trybuild builds instead of checking, so the errors that only
    // appear when generic code is instantiated (a hand-written spec that breaks a rule) show.
    t.pass("tests/ui-pass/*.rs");
}
