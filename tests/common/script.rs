//! Runs a script in another language for the interop tests.

use std::process::Command;

/// Runs `program flag script` with `env`, returns its standard output, and fails on any error.
pub fn run(program: &str, flag: &str, script: &str, env: &[(&str, &str)]) -> String {
    let out = Command::new(program)
        .arg(flag)
        .arg(script)
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("{program} does not run: {e}"));
    assert!(
        out.status.success(),
        "{program} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}
