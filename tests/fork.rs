//! Sealed nonces never repeat across `fork()`: a parent and its child seal after the fork,
//! with the thread's generator used before it (as any crate in the process may do), and every
//! nonce differs, for the same value and for different ones, so no keystream is shared.
//!
//! A test binary of its own without the test harness, so the process is single-threaded when
//! it forks.

use std::io::{Read, Write};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use typed_cookies::{CookieSpec, Keyring};

const SPEC: CookieSpec = CookieSpec::new("__Host-s").sealed();
/// Version, mode, key id and times come before the nonce.
const NONCE_AT: usize = 2 + 4 + 16;

/// Seals the values both processes seal, and returns each cookie's nonce and ciphertext.
fn seal_all(keys: &Keyring, who: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut values: Vec<String> = (0..64).map(|_| "the same value".to_owned()).collect();
    values.extend((0..64).map(|i| format!("{who} {i}")));
    values
        .iter()
        .map(|v| {
            let line = SPEC.write(v, Some(keys)).unwrap();
            let value = line.split(';').next().unwrap().split_once('=').unwrap().1;
            let raw = URL_SAFE_NO_PAD.decode(value).unwrap();
            (
                raw[NONCE_AT..NONCE_AT + 12].to_vec(),
                raw[NONCE_AT + 12..].to_vec(),
            )
        })
        .collect()
}

fn encode(sealed: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    sealed
        .iter()
        .map(|(n, c)| {
            format!(
                "{} {}\n",
                URL_SAFE_NO_PAD.encode(n),
                URL_SAFE_NO_PAD.encode(c)
            )
        })
        .collect::<String>()
        .into_bytes()
}

#[cfg(unix)]
fn main() {
    let keys = Keyring::from_test_secret(&[1; 32]).unwrap();
    // The generator is in use on this thread before the fork.
    let _ = seal_all(&keys, "before");
    let (mut reader, mut writer) = std::io::pipe().unwrap();
    // SAFETY: the process is single-threaded; the child only seals, writes to the pipe and
    // leaves with `_exit`.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        let out = encode(&seal_all(&keys, "child"));
        let ok = writer.write_all(&out).is_ok();
        drop(writer);
        // SAFETY: ends the child without running the parent's exit handlers.
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    drop(writer);
    let parent = encode(&seal_all(&keys, "parent"));
    let mut child = Vec::new();
    reader.read_to_end(&mut child).unwrap();
    let mut status = 0;
    // SAFETY: waits for the child forked above.
    assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
    assert_eq!(status, 0, "the child failed");

    let lines = |b: &[u8]| -> Vec<(String, String)> {
        String::from_utf8(b.to_vec())
            .unwrap()
            .lines()
            .map(|l| {
                let (n, c) = l.split_once(' ').unwrap();
                (n.to_owned(), c.to_owned())
            })
            .collect()
    };
    let (parent, child) = (lines(&parent), lines(&child));
    assert_eq!((parent.len(), child.len()), (128, 128));
    let mut nonces = std::collections::HashSet::new();
    for (n, _) in parent.iter().chain(&child) {
        assert!(nonces.insert(n.clone()), "nonce {n} was used twice");
    }
    // The same value sealed on both sides gives different bytes.
    for (p, c) in parent[..64].iter().zip(&child[..64]) {
        assert_ne!(p.1, c.1);
    }
    println!("test parent_and_child_never_share_a_nonce ... ok");
    println!("1 passed, 0 failed");
}

#[cfg(not(unix))]
fn main() {
    println!("test parent_and_child_never_share_a_nonce ... SKIPPED: fork() exists only on Unix");
}
