//! Arbitrary bytes as the `Cookie` header of a Rails encrypted-cookie read: no panic, and
//! nothing verifies but a genuine value that the seed program wrote for this run.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let secret = common::rails_secret();
    let headers = [data];
    let read = common::RailsUser::from_header(&headers[..], &secret);
    let one_verifies = common::only_genuine_values_of("user", data, "rails", |one| {
        matches!(common::RailsUser::from_header(&[one][..], &secret), Ok(Some(_)))
    });
    if let Ok(Some(_)) = read {
        assert!(one_verifies, "the header verified, but no copy in it does");
    }
});
