// Shared by the fuzz targets: the cookie types and a fixed keyring.
#![allow(dead_code)]

use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Keyring};

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", sealed, expires = "2d")]
pub struct Sealed {
    pub user_id: u64,
    pub role: String,
    pub tags: Vec<String>,
    pub admin: Option<bool>,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", signed, expires = "2d")]
pub struct Signed {
    pub user_id: u64,
    pub role: String,
    pub tags: Vec<String>,
    pub admin: Option<bool>,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "theme", httponly = false)]
pub struct Plain {
    pub mode: String,
    pub size: Option<u32>,
}

pub fn keys() -> Keyring {
    Keyring::from_secret(b"fuzzing secret, fuzzing secret!!").unwrap()
}
