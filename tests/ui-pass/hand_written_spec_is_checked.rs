// A hand-written `TypedCookie` is checked at compile time like a derived one: this valid spec
// compiles and renders; tests/ui/hand_written_spec_that_breaks_a_rule.rs does not compile.
use serde::{Deserialize, Serialize};
use typed_cookies::{CookieSpec, SetCookies, TypedCookie};

#[derive(Serialize, Deserialize)]
struct Theme(String);

impl TypedCookie for Theme {
    const SPEC: CookieSpec = CookieSpec::new("theme").path("/app");
    type Previous = typed_cookies::__private::NoPrevious;
    type Keys = typed_cookies::__private::Plain;
}

fn main() {
    let lines = SetCookies::new().remove::<Theme>();
    assert!(lines.lines()[0].contains("Path=/app"));
}
