//! Arbitrary bytes as a `Cookie` header: scanning never panics, and every value found lies
//! inside the header.
#![no_main]

use libfuzzer_sys::fuzz_target;
use typed_cookies::CookieHeaders;

fuzz_target!(|data: &[u8]| {
    let headers = [data];
    for name in ["session", "a", "__Host-session", ""] {
        for value in headers.cookie_values(name) {
            let start = value.as_ptr() as usize - data.as_ptr() as usize;
            assert!(start + value.len() <= data.len());
        }
    }
});
