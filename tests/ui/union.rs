use typed_cookies::Cookie;

#[derive(Cookie)]
#[cookie(name = "s")]
union S {
    a: u8,
    b: u16,
}

fn main() {}
