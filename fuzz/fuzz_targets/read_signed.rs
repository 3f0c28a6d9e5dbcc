//! Arbitrary bytes as the `Cookie` header of a signed read: no panic, and nothing verifies but
//! a genuine cookie that the seed program wrote for this run (the oracle in `common.rs`).
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let keys = common::keys();
    let headers = [data];
    let read = common::Signed::from_header(&headers[..], &keys);
    let one_verifies = common::only_genuine_values_verify(data, "signed", |one| {
        matches!(common::Signed::from_header(&[one][..], &keys), Ok(Some(_)))
    });
    if let Ok(Some(value)) = read {
        assert!(one_verifies, "the header verified, but no copy in it does");
        let line = value.to_set_cookie(&keys).unwrap();
        assert_eq!(
            common::Signed::from_header(line.as_str(), &keys).unwrap(),
            Some(value)
        );
    }
});
