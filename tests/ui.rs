//! Compile-time rules of `#[derive(Cookie)]`: every file under tests/ui holds one mistake
//! (three_mistakes.rs holds three) and its .stderr the errors a user sees.
//!
//! Regenerate the .stderr files with the README's test command, since rustc's lists of "other
//! types that implement Serialize" depend on the features that command unifies:
//! `TRYBUILD=overwrite cargo test --workspace --all-features --test ui`, then review the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
