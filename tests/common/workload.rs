//! The standard workload of BENCHMARKS.md, shared by the benchmarks and the allocation test:
//! `Session { user_id: 42, role: "admin", csrf: <22 base64url chars> }`, cookie `session`,
//! two days' lifetime.

use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

pub const CSRF: &str = "q3Zp9xY2LmN8bV4cT1sR0w";

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", sealed, expires = "2d", subject = "user_id")]
pub struct Sealed {
    pub user_id: u64,
    pub role: String,
    pub csrf: String,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", signed, expires = "2d")]
pub struct Signed {
    pub user_id: u64,
    pub role: String,
    pub csrf: String,
}

pub fn sealed() -> Sealed {
    Sealed {
        user_id: 42,
        role: "admin".into(),
        csrf: CSRF.into(),
    }
}

pub fn signed() -> Signed {
    Signed {
        user_id: 42,
        role: "admin".into(),
        csrf: CSRF.into(),
    }
}

/// The request header of the standard workload around a `Set-Cookie` line's pair.
pub fn request_header(set_cookie: &str) -> String {
    let pair = set_cookie.split(';').next().unwrap_or_default();
    format!("theme=dark; {pair}; lang=en")
}

/// The standard workload's type as it was one generation ago, for the migration benchmarks.
#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", sealed, expires = "2d")]
pub struct SealedV1 {
    pub user_id: u64,
    pub role: String,
}

/// The standard workload's sealed type, declaring its previous generation.
#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", sealed, expires = "2d", previous = SealedV1)]
pub struct Migrating {
    pub user_id: u64,
    pub role: String,
    pub csrf: String,
}

impl From<SealedV1> for Migrating {
    fn from(old: SealedV1) -> Self {
        Migrating {
            user_id: old.user_id,
            role: old.role,
            csrf: String::new(),
        }
    }
}

/// The standard workload's sealed type as a sliding session: a login time and session id
/// travel in the value, and reads apply the refresh time and absolute limit.
#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(
    name = "session",
    sealed,
    expires = "2d",
    refresh = "1h",
    max_lifetime = "30d"
)]
pub struct Sliding {
    pub user_id: u64,
    pub role: String,
    pub csrf: String,
}

pub fn sliding() -> Sliding {
    Sliding {
        user_id: 42,
        role: "admin".into(),
        csrf: CSRF.into(),
    }
}
