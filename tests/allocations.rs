//! Allocation counts of the standard workload, which are deterministic: a write allocates
//! exactly once (its output line); a read allocates nothing beyond what the value's own
//! `Deserialize` allocates.

mod common;

use common::workload::{Sealed, Signed, request_header, sealed, signed};
use typed_cookies::Keyring;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// How many heap blocks `f` allocates (and what it returns).
fn blocks<R>(f: impl FnOnce() -> R) -> (u64, R) {
    let before = dhat::HeapStats::get().total_blocks;
    let r = f();
    (dhat::HeapStats::get().total_blocks - before, r)
}

#[test]
fn allocation_counts() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let keys = Keyring::from_test_secret(&[7; 32]).unwrap();
    let (sealed, signed) = (sealed(), signed());

    // What the value's own Deserialize allocates: its two Strings.
    let bytes = postcard::to_stdvec(&sealed).unwrap();
    let (own, _) = blocks(|| postcard::from_bytes::<Sealed>(&bytes).unwrap());
    assert_eq!(own, 2);

    // The first seal on a thread sets up the thread's random number generator, once per
    // thread; every seal after it is measured.
    let (first, _) = blocks(|| sealed.to_set_cookie(&keys).unwrap());
    assert!(first <= 2, "{first}");
    let (n, line) = blocks(|| sealed.to_set_cookie(&keys).unwrap());
    assert_eq!(n, 1, "a sealed write allocates its output line only");
    let header = request_header(&line);
    let (n, read) = blocks(|| Sealed::from_header(&header, &keys).unwrap());
    assert_eq!(read.as_ref(), Some(&sealed));
    assert_eq!(n, own, "a sealed read allocates only what Deserialize does");

    let (n, line) = blocks(|| signed.to_set_cookie(&keys).unwrap());
    assert_eq!(n, 1, "a signed write allocates its output line only");
    let header = request_header(&line);
    let (n, read) = blocks(|| Signed::from_header(&header, &keys).unwrap());
    assert_eq!(read.as_ref(), Some(&signed));
    assert_eq!(n, own, "a signed read allocates only what Deserialize does");

    // Absent and forged reads allocate nothing at all. The forgeries are genuine values with
    // their last byte changed: well-formed, under a known key, so the read goes all the way to
    // the tag check.
    let (n, _) = blocks(|| Sealed::from_header("theme=dark; lang=en", &keys).unwrap());
    assert_eq!(n, 0);
    let forged = forge(&sealed.to_set_cookie(&keys).unwrap());
    let (n, got) = blocks(|| Sealed::from_header(&forged, &keys));
    assert_eq!(got, Err(typed_cookies::Error::Invalid));
    assert_eq!(n, 0, "a forged sealed read allocates nothing");
    let forged = forge(&signed.to_set_cookie(&keys).unwrap());
    let (n, got) = blocks(|| Signed::from_header(&forged, &keys));
    assert_eq!(got, Err(typed_cookies::Error::Invalid));
    assert_eq!(n, 0, "a forged signed read allocates nothing");
}

/// The request header of `line` with the last byte of its raw value flipped.
fn forge(line: &str) -> String {
    let mut raw = common::decode(common::value(line));
    let last = raw.len() - 1;
    raw[last] ^= 1;
    request_header(&format!("session={}", common::encode(&raw)))
}
