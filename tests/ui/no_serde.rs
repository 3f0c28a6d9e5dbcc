use typed_cookies::Cookie;

#[derive(Cookie)]
#[cookie(name = "s", sealed)]
struct S {
    user_id: u64,
}

fn main() {}
