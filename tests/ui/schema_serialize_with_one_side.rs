use serde::{Deserialize, Serialize, Serializer};
use typed_cookies::Cookie;

fn as_text<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "prefs", signed)]
struct Prefs {
    #[serde(serialize_with = "as_text")]
    id: u64,
}

fn main() {}
