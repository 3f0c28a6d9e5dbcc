//! Flask's default session cookie: itsdangerous' `URLSafeTimedSerializer` with the salt
//! `cookie-session`, HMAC-SHA1 and Flask's tagged JSON (tested against Flask 3.1.3 with
//! itsdangerous 2.2; Flask has written this format since 2.2).
//!
//! ```text
//! value     = payload "." timestamp "." signature
//! payload   = base64url(json)  |  "." base64url(zlib(json))   (when that is shorter)
//! timestamp = base64url(the Unix time as big-endian bytes, leading zeros dropped)
//! signature = base64url(HMAC-SHA1(HMAC-SHA1(SECRET_KEY, "cookie-session"), payload "." timestamp))
//! ```
//!
//! The JSON is Flask's tagged JSON: tuples, bytes, UUIDs, datetimes and `Markup` are one-key
//! objects (`{" t": [...]}`, `{" b": "..."}`, ...), and a dict whose one key looks like a tag is
//! escaped as `{" di": {"key__": ...}}`. The wrapper types of this module read and write the
//! tagged forms; any other field reads and writes plain JSON; values kept in a flattened
//! `serde_json::Map` keep their tags as Flask wrote them.

use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, KeyInit, Mac};
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha1::Sha1;
use zeroize::Zeroizing;

use super::ascii_json;
use super::dotted::{dotted_payload, undotted_payload};
use super::foreign::{Context, ForeignFormat, Sealed};
use crate::Error;

/// Flask's `SECRET_KEY`, with its `SECRET_KEY_FALLBACKS`: the key writes, the fallbacks still
/// read. Each key's HMAC state is prepared once. `Debug` shows no key material.
///
/// ```
/// use typed_cookies::interop::flask::FlaskSecret;
/// let secret = FlaskSecret::new("current key").with_fallbacks(["older key"]);
/// assert_eq!(format!("{secret:?}"), "FlaskSecret { fallbacks: 1, .. }");
/// ```
#[derive(Clone)]
pub struct FlaskSecret {
    keys: Vec<Hmac<Sha1>>,
}

impl FlaskSecret {
    /// The secret from Flask's `SECRET_KEY` (its UTF-8 bytes, or raw bytes).
    ///
    /// ```
    /// let secret = typed_cookies::interop::flask::FlaskSecret::new(b"raw key bytes".as_slice());
    /// # let _ = secret;
    /// ```
    #[must_use]
    pub fn new(secret_key: impl AsRef<[u8]>) -> FlaskSecret {
        FlaskSecret {
            keys: vec![signing_key(secret_key.as_ref())],
        }
    }

    /// Adds `SECRET_KEY_FALLBACKS` (Flask 3.1), in Flask's order: cookies signed with them still
    /// read; new cookies are signed with the key.
    ///
    /// ```
    /// let secret = typed_cookies::interop::flask::FlaskSecret::new("k").with_fallbacks(["a", "b"]);
    /// # let _ = secret;
    /// ```
    #[must_use]
    pub fn with_fallbacks<K: AsRef<[u8]>>(
        mut self,
        fallbacks: impl IntoIterator<Item = K>,
    ) -> FlaskSecret {
        // The secrets first (each in a wiped buffer), then the key states into a vector of their
        // final size: no key state is moved by a growing vector and left in freed memory, and
        // the old vector's states wipe themselves as it drops.
        let secrets: Vec<Zeroizing<Vec<u8>>> = fallbacks
            .into_iter()
            .map(|k| Zeroizing::new(k.as_ref().to_vec()))
            .collect();
        let mut keys = Vec::with_capacity(self.keys.len() + secrets.len());
        keys.extend(self.keys.iter().cloned());
        keys.extend(secrets.iter().map(|s| signing_key(s)));
        self.keys = keys;
        self
    }
}

impl fmt::Debug for FlaskSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FlaskSecret")
            .field("fallbacks", &(self.keys.len() - 1))
            .finish_non_exhaustive()
    }
}

/// itsdangerous' `key_derivation="hmac"`: HMAC-SHA1 of the salt under the secret key.
fn signing_key(secret_key: &[u8]) -> Hmac<Sha1> {
    let mut derive = <Hmac<Sha1> as KeyInit>::new_from_slice(secret_key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    derive.update(b"cookie-session");
    let mut key = Zeroizing::new([0u8; 20]);
    key.copy_from_slice(&derive.finalize().into_bytes());
    <Hmac<Sha1> as KeyInit>::new_from_slice(&key[..])
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"))
}

/// Flask's session cookie format (`format = "flask"`).
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::Cookie;
/// use typed_cookies::interop::{ForeignCookie, flask::{Flask, FlaskSecret}};
///
/// #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
/// #[cookie(name = "session", format = "flask")]
/// struct FlaskSession { user: String }
///
/// fn format_of<T: ForeignCookie<Format = Flask>>() {}
/// format_of::<FlaskSession>();
/// let secret = FlaskSecret::new("k");
/// let line = FlaskSession { user: "ada".into() }.to_set_cookie(&secret)?;
/// let back = FlaskSession::from_header(line.split(';').next().unwrap(), &secret)?;
/// assert_eq!(back, Some(FlaskSession { user: "ada".into() }));
/// # Ok::<(), typed_cookies::Error>(())
/// ```
#[derive(Debug)]
pub enum Flask {}

impl Sealed for Flask {}

impl ForeignFormat for Flask {
    type Secret = FlaskSecret;

    /// `PERMANENT_SESSION_LIFETIME`'s default: 31 days.
    const DEFAULT_MAX_AGE: Option<u64> = Some(31 * 86_400);

    fn encode<T: Serialize + ?Sized>(
        value: &T,
        secret: &FlaskSecret,
        cx: &Context<'_>,
    ) -> Result<String, Error> {
        let mut json = serde_json::to_value(value).map_err(|_| Error::Serialize)?;
        tag(&mut json);
        let json = ascii_json::to_vec(&json).map_err(|_| Error::Serialize)?;
        let mut out = dotted_payload(&json);
        out.push('.');
        let ts = cx.now.to_be_bytes();
        let first = ts.iter().position(|&b| b != 0).unwrap_or(ts.len());
        URL_SAFE_NO_PAD.encode_string(&ts[first..], &mut out);
        let mut mac = secret.keys[0].clone();
        mac.update(out.as_bytes());
        let sig = mac.finalize().into_bytes();
        out.push('.');
        URL_SAFE_NO_PAD.encode_string(sig, &mut out);
        Ok(out)
    }

    fn decode<T: DeserializeOwned>(
        text: &[u8],
        secret: &FlaskSecret,
        cx: &Context<'_>,
    ) -> Result<T, Error> {
        let dot = text
            .iter()
            .rposition(|&b| b == b'.')
            .ok_or(Error::Malformed)?;
        let (signed, sig) = (&text[..dot], &text[dot + 1..]);
        let mut tag_bytes = [0u8; 20];
        match URL_SAFE_NO_PAD.decode_slice(sig, &mut tag_bytes) {
            Ok(20) => {}
            _ => return Err(Error::Malformed),
        }
        let verified = secret.keys.iter().any(|key| {
            let mut mac = key.clone();
            mac.update(signed);
            mac.verify_slice(&tag_bytes).is_ok()
        });
        if !verified {
            return Err(Error::Invalid);
        }
        // Authentic from here on.
        let dot = signed
            .iter()
            .rposition(|&b| b == b'.')
            .ok_or(Error::Malformed)?;
        let (payload, ts) = (&signed[..dot], &signed[dot + 1..]);
        let ts = URL_SAFE_NO_PAD.decode(ts).map_err(|_| Error::Malformed)?;
        if ts.len() > 8 {
            return Err(Error::Malformed);
        }
        let mut be = [0u8; 8];
        be[8 - ts.len()..].copy_from_slice(&ts);
        let issued = u64::from_be_bytes(be);
        if let Some(max_age) = cx.max_age
            && (issued > cx.now || cx.now - issued > max_age)
        {
            return Err(Error::Expired);
        }
        let json = undotted_payload(payload)?;
        let mut json: Value = serde_json::from_slice(&json).map_err(|_| Error::Malformed)?;
        untag(&mut json);
        serde_json::from_value(json).map_err(|_| Error::Malformed)
    }
}

/// The tags of Flask's tagged JSON.
const TAGS: [&str; 6] = [" di", " t", " b", " m", " u", " d"];
/// How this crate marks a tagged value while it is a `serde_json::Value`, so that a dict that
/// merely looks like a tag is told apart from a real one.
const MARK: &str = "\u{0}typed-cookies tag:";

/// Flask's tagged form from this crate's marked form: marks become tags, and a dict whose one
/// key is a tag is escaped.
fn tag(value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(tag),
        Value::Object(map) => {
            map.values_mut().for_each(tag);
            if map.len() != 1 {
                return;
            }
            let Some((key, inner)) = map.iter().next().map(|(k, v)| (k.clone(), v.clone())) else {
                return;
            };
            if let Some(real) = key.strip_prefix(MARK) {
                map.clear();
                map.insert(real.to_owned(), inner);
            } else if TAGS.contains(&key.as_str()) {
                let mut escaped = serde_json::Map::new();
                escaped.insert(format!("{key}__"), inner);
                map.clear();
                map.insert(" di".to_owned(), Value::Object(escaped));
            }
        }
        _ => {}
    }
}

/// This crate's marked form from Flask's tagged form: tags become marks, and an escaped dict
/// becomes the dict it stands for.
fn untag(value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(untag),
        Value::Object(map) => {
            map.values_mut().for_each(untag);
            if map.len() != 1 {
                return;
            }
            let Some((key, inner)) = map.iter().next().map(|(k, v)| (k.clone(), v.clone())) else {
                return;
            };
            if key == " di" {
                if let Value::Object(escaped) = inner
                    && escaped.len() == 1
                    && let Some((k, v)) = escaped.into_iter().next()
                    && let Some(k) = k.strip_suffix("__")
                {
                    map.clear();
                    map.insert(k.to_owned(), v);
                }
            } else if TAGS.contains(&key.as_str()) {
                map.clear();
                map.insert(format!("{MARK}{key}"), inner);
            }
        }
        _ => {}
    }
}

/// Serializes `inner` as a one-key map under the mark of `tag`.
fn serialize_tagged<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    tag: &str,
    inner: &T,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(1))?;
    map.serialize_entry(&format!("{MARK}{tag}"), inner)?;
    map.end()
}

/// Deserializes the inner value of a one-key map under the mark of `tag`.
fn deserialize_tagged<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
    tag: &'static str,
) -> Result<T, D::Error> {
    struct Tagged<T>(&'static str, core::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Tagged<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a value tagged {:?} in Flask's tagged JSON", self.0)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let key: String = map
                .next_key()?
                .ok_or_else(|| de::Error::invalid_length(0, &self))?;
            if key.strip_prefix(MARK) != Some(self.0) {
                return Err(de::Error::custom("another tag"));
            }
            let value = map.next_value()?;
            if map.next_key::<de::IgnoredAny>()?.is_some() {
                return Err(de::Error::invalid_length(2, &self));
            }
            Ok(value)
        }
    }
    deserializer.deserialize_map(Tagged(tag, core::marker::PhantomData))
}

/// A Python `tuple`: a sequence written with Flask's `" t"` tag (a list would be written
/// untagged and read back by Python as a `list`).
///
/// ```
/// use typed_cookies::interop::flask::Tuple;
/// let pair: Tuple<(u32, String)> = Tuple((1, "a".into()));
/// # let _ = pair;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Tuple<T>(pub T);

impl<T: Serialize> Serialize for Tuple<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_tagged(s, " t", &self.0)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Tuple<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_tagged(d, " t").map(Tuple)
    }
}

/// Python `bytes`: written with the `" b"` tag, as standard base64.
///
/// ```
/// let b = typed_cookies::interop::flask::Bytes(vec![0, 255]);
/// # let _ = b;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Bytes(pub Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_tagged(s, " b", &STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text: String = deserialize_tagged(d, " b")?;
        STANDARD.decode(text).map(Bytes).map_err(de::Error::custom)
    }
}

/// A Python `uuid.UUID`: written with the `" u"` tag, as 32 lowercase hex digits.
///
/// ```
/// let id = typed_cookies::interop::flask::Uuid(0x1234);
/// assert_eq!(id.to_string(), "00000000000000000000000000001234");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Uuid(pub u128);

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl Serialize for Uuid {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_tagged(s, " u", &self.to_string())
    }
}

impl<'de> Deserialize<'de> for Uuid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text: String = deserialize_tagged(d, " u")?;
        let hex: String = text.chars().filter(|c| *c != '-').collect();
        if hex.len() != 32 {
            return Err(de::Error::custom("a UUID has 32 hex digits"));
        }
        u128::from_str_radix(&hex, 16)
            .map(Uuid)
            .map_err(de::Error::custom)
    }
}

/// A Python `datetime`: written with the `" d"` tag as an HTTP date, which keeps whole
/// seconds in UTC. Holds Unix seconds.
///
/// ```
/// let at = typed_cookies::interop::flask::DateTime(784_111_777);
/// # let _ = at;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct DateTime(pub i64);

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let secs = u64::try_from(self.0)
            .map_err(|_| serde::ser::Error::custom("dates before 1970 have no HTTP date"))?;
        let date = crate::render::imf_fixdate(secs);
        let date = core::str::from_utf8(&date).map_err(serde::ser::Error::custom)?;
        serialize_tagged(s, " d", date)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text: String = deserialize_tagged(d, " d")?;
        time_crate::OffsetDateTime::parse(
            &text,
            &time_crate::format_description::well_known::Rfc2822,
        )
        .map(|t| DateTime(t.unix_timestamp()))
        .map_err(de::Error::custom)
    }
}

/// `markupsafe.Markup`: HTML that Jinja does not escape, written with the `" m"` tag.
///
/// ```
/// let m = typed_cookies::interop::flask::Markup("<b>hi</b>".into());
/// # let _ = m;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Markup(pub String);

impl Serialize for Markup {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_tagged(s, " m", &self.0)
    }
}

impl<'de> Deserialize<'de> for Markup {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_tagged(d, " m").map(Markup)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_escapes_round_trip() {
        let flask = serde_json::json!({
            "t": {" t": [1, {" b": "AAE="}]},
            "looks_like_a_tag": {" di": {" t__": [1]}},
            "plain": {"a": 1},
        });
        let mut v = flask.clone();
        untag(&mut v);
        assert_eq!(v["looks_like_a_tag"], serde_json::json!({" t": [1]}));
        assert!(
            v["t"]
                .as_object()
                .unwrap()
                .keys()
                .all(|k| k.starts_with(MARK))
        );
        tag(&mut v);
        assert_eq!(v, flask);
    }
}
