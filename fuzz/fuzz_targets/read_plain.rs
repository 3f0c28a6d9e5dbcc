//! Arbitrary bytes as the `Cookie` header of a plain read: no panic, and whatever is read
//! writes back as a value that reads the same, with no byte that could break the header, or
//! is refused as too large (reads are lenient about raw bytes that writes percent-encode).
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let headers = [data];
    if let Ok(Some(value)) = common::Plain::from_header(&headers[..]) {
        let line = match value.to_set_cookie() {
            Ok(line) => line,
            Err(typed_cookies::Error::TooLarge { .. }) => return,
            Err(e) => panic!("{e:?}"),
        };
        let pair = line.split(';').next().unwrap();
        assert!(
            !pair
                .bytes()
                .any(|b| b.is_ascii_control() || b == b',' || b == b' ' || b == b'"')
        );
        assert_eq!(common::Plain::from_header(pair).unwrap(), Some(value));
    }
});
