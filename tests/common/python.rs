//! Runs Python with Flask and Django installed, for the interop tests: the interpreter named by
//! `TYPED_COOKIES_PYTHON` (`.ci/run` makes a virtual environment with pinned versions and sets
//! it). Without it a test says that it skipped, except under `CI=true`, where it fails.

/// The interpreter, or `None` (with a loud notice) when there is none outside CI.
pub fn python(test: &str) -> Option<String> {
    match std::env::var("TYPED_COOKIES_PYTHON") {
        Ok(p) if !p.is_empty() => Some(p),
        _ => {
            super::skip::skip(
                test,
                "TYPED_COOKIES_PYTHON (a Python with Flask and Django)",
                "set it to a Python with flask==3.1.3 and django==5.2.19, as .ci/run does",
            );
            None
        }
    }
}

/// Runs `script` with `env` in `python`, returns its standard output, and fails on any error.
pub fn run(python: &str, script: &str, env: &[(&str, &str)]) -> String {
    super::script::run(python, "-c", script, env)
}
