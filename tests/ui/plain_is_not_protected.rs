use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, ProtectedCookie};

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "theme", plain)]
struct Theme(String);

fn verified_only<C: ProtectedCookie>() {}

fn main() {
    verified_only::<Theme>();
}
