use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "theme", plain)]
struct Theme(String);

fn write(keys: &typed_cookies::Keyring) {
    let _ = Theme("dark".into()).to_set_cookie(keys);
}

fn main() {}
