//! The example programs, which `cargo test --workspace` builds next to the test binaries.

use std::path::PathBuf;

/// `cargo test` builds the examples next to the test binaries: target/<profile>/examples/NAME.
pub fn example_binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let path = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: run through `cargo test --workspace --all-features`, which builds the examples",
        path.display()
    );
    path
}
