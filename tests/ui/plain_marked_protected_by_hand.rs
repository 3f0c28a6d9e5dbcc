use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, ProtectedCookie};

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "theme", plain)]
struct Theme(String);

impl ProtectedCookie for Theme {}

fn main() {}
