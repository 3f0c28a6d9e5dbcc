use serde::{Deserialize, Serialize};
use typed_cookies::{CookieSpec, SetCookies, TypedCookie};

#[derive(Serialize, Deserialize)]
struct Evil(u8);

impl TypedCookie for Evil {
    const SPEC: CookieSpec = CookieSpec::new("a").path("/a; Domain=evil.example; SameSite=None");
    type Previous = typed_cookies::__private::NoPrevious;
    type Keys = typed_cookies::__private::Plain;
}

fn main() {
    let _ = SetCookies::new().remove::<Evil>();
}
