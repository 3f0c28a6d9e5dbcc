use serde::{Deserialize, Serialize};
use typed_cookies::interop::django::DjangoSecret;
use typed_cookies::{Cookie, Keyring};

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "session", format = "flask")]
struct FlaskSession {
    user: String,
}

fn main() {
    let session = FlaskSession { user: "ada".into() };
    let _ = session.to_set_cookie(&Keyring::generate());
    let _ = FlaskSession::from_header("session=x", &DjangoSecret::new("k"));
}
