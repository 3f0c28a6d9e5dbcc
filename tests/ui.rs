//! Compile-time rules of `#[derive(Cookie)]`: every file under tests/ui holds one mistake
//! (three_mistakes.rs holds three) and its .stderr the errors a user sees.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
