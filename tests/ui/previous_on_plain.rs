use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "theme", plain)]
struct ThemeV1(String);

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "theme", plain, previous = ThemeV1)]
struct Theme {
    name: String,
}

impl From<ThemeV1> for Theme {
    fn from(old: ThemeV1) -> Self {
        Theme { name: old.0 }
    }
}

fn main() {}
