use typed_cookies::Cookie;

#[derive(Cookie)]
#[cookie(name = "s", plain)]
union S {
    a: u8,
    b: u16,
}

fn main() {}
