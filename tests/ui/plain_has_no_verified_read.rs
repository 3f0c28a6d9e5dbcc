use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "theme", plain)]
struct Theme(String);

fn read(header: &str, keys: &typed_cookies::Keyring) {
    let _ = Theme::from_header_verified(header, keys);
}

fn main() {}
