// The derive adds inherent methods (`to_set_cookie`, `from_header`, `removal`, ...). A type that
// needs its own method of one of these names declares it in a trait: trait methods never
// collide with inherent ones, and the generated method stays reachable by its path.
use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "theme", plain, httponly = false)]
struct Theme(String);

trait Cleanup {
    fn removal(&self) -> &'static str;
}

impl Cleanup for Theme {
    fn removal(&self) -> &'static str {
        "clears the theme"
    }
}

fn main() {
    let theme = Theme("dark".into());
    assert_eq!(Cleanup::removal(&theme), "clears the theme");
    assert!(Theme::removal().starts_with("theme=;"));
}
