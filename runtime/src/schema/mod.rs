//! What a cookie type promises about its encoded shape, checked at compile time.

/// `Schema` for types that contain no other: each has a fingerprint of its own description.
macro_rules! leaf {
    ($($ty:ty => $desc:literal),* $(,)?) => {$(
        impl $crate::schema::Schema for $ty {
            const FINGERPRINT: u64 = $crate::schema::fingerprint($desc, &[]);
        }
    )*};
}

mod fingerprint;
mod json;
mod std_impls;

#[cfg(feature = "chrono")]
mod chrono;
#[cfg(feature = "time")]
mod time;
#[cfg(feature = "uuid")]
mod uuid;

pub use fingerprint::{Schema, any, fingerprint};
pub use json::Json;
