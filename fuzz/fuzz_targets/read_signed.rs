//! Arbitrary bytes as the `Cookie` header of a signed read: no panic, and nothing verifies
//! unless it is an untouched cookie this keyring wrote.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let keys = common::keys();
    let headers = [data];
    if let Ok(Some(value)) = common::Signed::from_header(&headers[..], &keys) {
        // Only a genuine cookie verifies: writing the value again must give one that reads
        // back the same.
        let line = value.to_set_cookie(&keys).unwrap();
        assert_eq!(common::Signed::from_header(line.as_str(), &keys).unwrap(), Some(value));
    }
});
