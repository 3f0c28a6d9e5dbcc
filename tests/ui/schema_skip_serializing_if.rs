use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Schema};

#[derive(Schema, Serialize, Deserialize)]
struct Profile {
    #[serde(skip_serializing_if = "Option::is_none")]
    nickname: Option<String>,
    age: u8,
}

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed)]
struct Session(Box<Profile>);

fn main() {}
