use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

// Rust allows this identifier; a cookie name must be an ASCII token.
#[derive(Cookie, Serialize, Deserialize)]
#[cookie(plain)]
struct Über(u8);

fn main() {}
