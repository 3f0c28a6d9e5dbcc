use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed, previous = B)]
struct A {
    x: u64,
}

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed, previous = A)]
struct B {
    y: u32,
}

impl From<A> for B {
    fn from(a: A) -> Self {
        B { y: a.x as u32 }
    }
}

impl From<B> for A {
    fn from(b: B) -> Self {
        A { x: b.y.into() }
    }
}

fn main() {}
