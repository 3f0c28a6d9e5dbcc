use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "prefs", signed)]
struct Prefs {
    #[serde(skip_deserializing)]
    lang: String,
    dark: bool,
}

fn main() {}
