//! Runs Ruby with Rails' `activesupport` and `actionpack` (Debian's packages, which `.ci/run`
//! installs), for the Rails interop tests. Without them a test says that it skipped, except
//! under `CI=true`, where it fails.

use std::process::Command;

/// Whether Ruby with Rails' libraries is there (with a loud notice when not, outside CI).
pub fn ruby(test: &str) -> bool {
    let ok = Command::new("ruby")
        .args(["-e", "require 'action_dispatch'"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        super::skip::skip(
            test,
            "Ruby with Rails' libraries",
            "apt-get install ruby-activesupport ruby-actionpack",
        );
    }
    ok
}

/// Runs `script` with `env` in Ruby, returns its standard output, and fails on any error.
pub fn run(script: &str, env: &[(&str, &str)]) -> String {
    super::script::run("ruby", "-e", script, env)
}
