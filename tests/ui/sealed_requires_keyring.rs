use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "s", sealed)]
struct Session(u64);

fn read(header: &str) {
    let _ = Session::from_header(header);
}

fn main() {}
