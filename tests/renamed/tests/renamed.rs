//! `#[cookie(crate = "...")]`: the derive's generated code names the runtime by the path given,
//! for a crate that depends on typed-cookies under another name.

use renamed_cookies::{Cookie, Keyring, Schema};
use serde::{Deserialize, Serialize};

#[derive(Schema, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(crate = "renamed_cookies")]
enum Role {
    User,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "__Host-session", sealed, crate = "renamed_cookies")]
struct Session {
    role: Role,
}

#[test]
fn a_renamed_runtime_serves_the_derive() {
    let keys = Keyring::generate();
    let line = Session { role: Role::User }.to_set_cookie(&keys).unwrap();
    let pair = line.split(';').next().unwrap();
    assert_eq!(
        Session::from_header(pair, &keys).unwrap(),
        Some(Session { role: Role::User })
    );
}
