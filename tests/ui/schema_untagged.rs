use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Schema};

#[derive(Schema, Serialize, Deserialize)]
#[serde(untagged)]
enum Id {
    Number(u64),
    Name(String),
}

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed)]
struct Session {
    ids: Vec<Id>,
}

fn main() {}
