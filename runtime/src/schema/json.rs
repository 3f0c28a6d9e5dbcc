use core::fmt;
use core::ops::{Deref, DerefMut};

use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::ser::{Error as _, Serializer};
use serde::{Deserialize, Serialize};

use super::fingerprint::{Schema, fingerprint};

/// A value carried as JSON text inside a signed or sealed cookie.
///
/// The compact binary encoding of signed and sealed cookies is not self-describing, so it cannot
/// carry values whose serde impls need to look at what comes next: `serde_json::Value`,
/// internally, adjacently tagged and untagged enums, `#[serde(flatten)]`,
/// `#[serde(skip_serializing_if)]`. Wrapped in `Json`, such a value is written as a JSON string
/// and reads back as whatever `serde_json` reads back. JSON names every field and variant, so
/// its fingerprint stays the same when the wrapped type changes; a value that no longer fits
/// the type fails to read ([`Error::Malformed`](crate::Error::Malformed)) rather than being
/// misread.
///
/// It costs more bytes and time than the binary encoding: keep to it for the fields that need it.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Json, Keyring};
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed)]
/// struct Session { user_id: u64, extra: Json<serde_json::Value> }
///
/// let keys = Keyring::generate();
/// let session = Session { user_id: 7, extra: Json(serde_json::json!({"theme": "dark"})) };
/// let line = session.to_set_cookie(&keys)?;
/// let pair = line.split(';').next().unwrap();
/// let back = Session::from_header(pair, &keys)?.unwrap();
/// assert_eq!(back.extra["theme"], "dark");
/// # Ok::<(), typed_cookies::Error>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The wrapped value.
    ///
    /// ```
    /// assert_eq!(typed_cookies::Json(3).into_inner(), 3);
    /// ```
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Schema for Json<T> {
    const FINGERPRINT: u64 = fingerprint("json", &[]);
}

impl<T: Serialize> Serialize for Json<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(&self.0).map_err(S::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Json<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        serde_json::from_str(&text)
            .map(Json)
            .map_err(D::Error::custom)
    }
}

impl<T> Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Json<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T> From<T> for Json<T> {
    fn from(value: T) -> Self {
        Json(value)
    }
}

impl<T: fmt::Debug> fmt::Debug for Json<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
