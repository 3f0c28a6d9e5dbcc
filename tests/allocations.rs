//! Allocation counts of the standard workload, which are deterministic: a write allocates
//! exactly once (its output line); a read allocates nothing beyond what the value's own
//! `Deserialize` allocates.

use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Keyring};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", sealed, expires = "2d")]
struct Sealed {
    user_id: u64,
    role: String,
    csrf: String,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", signed, expires = "2d")]
struct Signed {
    user_id: u64,
    role: String,
    csrf: String,
}

/// How many heap blocks `f` allocates (and what it returns).
fn blocks<R>(f: impl FnOnce() -> R) -> (u64, R) {
    let before = dhat::HeapStats::get().total_blocks;
    let r = f();
    (dhat::HeapStats::get().total_blocks - before, r)
}

#[test]
fn allocation_counts() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let keys = Keyring::from_secret(&[7; 32]).unwrap();
    let sealed = Sealed {
        user_id: 42,
        role: "admin".into(),
        csrf: "q3Zp9xY2LmN8bV4cT1sR0w".into(),
    };
    let signed = Signed {
        user_id: 42,
        role: "admin".into(),
        csrf: "q3Zp9xY2LmN8bV4cT1sR0w".into(),
    };

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
    let header = format!("theme=dark; {}; lang=en", line.split(';').next().unwrap());
    let (n, read) = blocks(|| Sealed::from_header(&header, &keys).unwrap());
    assert_eq!(read.as_ref(), Some(&sealed));
    assert_eq!(n, own, "a sealed read allocates only what Deserialize does");

    let (n, line) = blocks(|| signed.to_set_cookie(&keys).unwrap());
    assert_eq!(n, 1, "a signed write allocates its output line only");
    let header = format!("theme=dark; {}; lang=en", line.split(';').next().unwrap());
    let (n, read) = blocks(|| Signed::from_header(&header, &keys).unwrap());
    assert_eq!(read.as_ref(), Some(&signed));
    assert_eq!(n, own, "a signed read allocates only what Deserialize does");

    // Absent and forged reads allocate nothing at all.
    let (n, _) = blocks(|| Sealed::from_header("theme=dark; lang=en", &keys).unwrap());
    assert_eq!(n, 0);
    let (n, _) = blocks(|| {
        Sealed::from_header(
            "session=AQIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            &keys,
        )
    });
    assert_eq!(n, 0);
}
