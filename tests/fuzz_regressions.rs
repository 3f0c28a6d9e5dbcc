//! Every input the fuzzers ever flagged (tests/fuzz-regressions/), kept as a test.

use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Error};

/// The fuzz targets' plain cookie type (fuzz/fuzz_targets/common.rs).
#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "theme", plain, httponly = false)]
struct Plain {
    mode: String,
    size: Option<u32>,
}

/// A plain value with raw DEL bytes reads (reads are lenient) but percent-encodes to more
/// than 4096 bytes: writing it back is `TooLarge`, never a panic or a truncated cookie.
#[test]
fn read_plain_raw_bytes_expand_past_the_limit() {
    let input = include_bytes!("fuzz-regressions/read_plain-4cc0df57");
    let headers = [&input[..]];
    let read = Plain::from_header(&headers[..])
        .unwrap()
        .expect("the value reads");
    assert!(matches!(
        read.to_set_cookie(),
        Err(Error::TooLarge { max: 4096, .. })
    ));
}

/// Plain values longer than browsers send are refused before decoding, like signed and
/// sealed ones.
#[test]
fn plain_values_over_4096_bytes_are_malformed() {
    let ok = format!("theme={{\"mode\":\"{}\",\"size\":null}}", "a".repeat(4000));
    assert!(Plain::from_header(ok.as_str()).unwrap().is_some());
    let long = format!("theme={{\"mode\":\"{}\",\"size\":null}}", "a".repeat(4100));
    assert_eq!(Plain::from_header(long.as_str()), Err(Error::Malformed));
}
