//! Django's `signing`: the `signed_cookies` session backend (`format = "django"`) and the values
//! of `set_signed_cookie` / `get_signed_cookie` (`format = "django-signed"`), as Django writes
//! them with its default HMAC-SHA256 signer (tested against Django 5.2.19).
//!
//! ```text
//! session   = payload ":" timestamp ":" signature
//! payload   = base64url(json)  |  "." base64url(zlib(json))   (when that is shorter)
//! timestamp = the Unix time in base62 (0-9, A-Z, a-z)
//! signature = base64url(HMAC-SHA256(SHA-256(salt "signer" SECRET_KEY), payload ":" timestamp))
//! salt      = "django.contrib.sessions.backends.signed_cookies"
//!
//! signed    = value ":" timestamp ":" signature, with the key "django.http.cookies" SECRET_KEY
//!             and the salt "django.http.cookies.v2:" len(salt) ":" salt name
//! ```
//!
//! The salt of signed cookies changed in Django's 2025 security releases (4.2.x, 5.1.x, 5.2.x);
//! reads fall back to the earlier salt (`name salt`) as Django does while
//! `SIGNED_COOKIE_LEGACY_SALT_FALLBACK` is on, and [`DjangoSecret::legacy_signed_cookies`]
//! writes it for apps that have not upgraded.

use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::ascii_json;
use super::dotted::{dotted_payload, undotted_payload};
use super::foreign::{Context, ForeignFormat, Sealed};
use crate::Error;

/// Django's `SECRET_KEY`, with its `SECRET_KEY_FALLBACKS`: the key signs, the fallbacks still
/// read. `Debug` shows no key material; the keys are wiped when it drops.
///
/// ```
/// use typed_cookies::interop::django::DjangoSecret;
/// let secret = DjangoSecret::new("django-insecure-key").with_fallbacks(["old key"]);
/// assert_eq!(format!("{secret:?}"), "DjangoSecret { fallbacks: 1, .. }");
/// ```
#[derive(Clone)]
pub struct DjangoSecret {
    keys: Vec<Zeroizing<Vec<u8>>>,
    legacy_write: bool,
    legacy_read: bool,
}

impl DjangoSecret {
    /// The secret from Django's `SECRET_KEY`.
    ///
    /// ```
    /// let secret = typed_cookies::interop::django::DjangoSecret::new("k");
    /// # let _ = secret;
    /// ```
    #[must_use]
    pub fn new(secret_key: impl AsRef<[u8]>) -> DjangoSecret {
        DjangoSecret {
            keys: vec![Zeroizing::new(secret_key.as_ref().to_vec())],
            legacy_write: false,
            legacy_read: true,
        }
    }

    /// Adds `SECRET_KEY_FALLBACKS`: values signed with them still read.
    ///
    /// ```
    /// let secret = typed_cookies::interop::django::DjangoSecret::new("k").with_fallbacks(["a"]);
    /// # let _ = secret;
    /// ```
    #[must_use]
    pub fn with_fallbacks<K: AsRef<[u8]>>(
        mut self,
        fallbacks: impl IntoIterator<Item = K>,
    ) -> DjangoSecret {
        self.keys.extend(
            fallbacks
                .into_iter()
                .map(|k| Zeroizing::new(k.as_ref().to_vec())),
        );
        self
    }

    /// Signed cookies (`format = "django-signed"`) are written with the salt of Django before
    /// its 2025 security releases, for an app that has not upgraded. Reads accept both salts
    /// either way, unless [`no_legacy_salt_on_read`](DjangoSecret::no_legacy_salt_on_read).
    ///
    /// ```
    /// let secret = typed_cookies::interop::django::DjangoSecret::new("k").legacy_signed_cookies();
    /// # let _ = secret;
    /// ```
    #[must_use]
    pub fn legacy_signed_cookies(mut self) -> DjangoSecret {
        self.legacy_write = true;
        self
    }

    /// Reads of signed cookies accept only the current salt, as Django does with
    /// `SIGNED_COOKIE_LEGACY_SALT_FALLBACK = False`.
    ///
    /// ```
    /// let secret = typed_cookies::interop::django::DjangoSecret::new("k").no_legacy_salt_on_read();
    /// # let _ = secret;
    /// ```
    #[must_use]
    pub fn no_legacy_salt_on_read(mut self) -> DjangoSecret {
        self.legacy_read = false;
        self
    }
}

impl fmt::Debug for DjangoSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DjangoSecret")
            .field("fallbacks", &(self.keys.len() - 1))
            .finish_non_exhaustive()
    }
}

/// Django's `salted_hmac(salt + "signer", value, key, algorithm="sha256")`, ready for `value`.
fn signer(salt: &[u8], key_prefix: &[u8], key: &[u8]) -> Hmac<Sha256> {
    let mut derived = Zeroizing::new([0u8; 32]);
    derived.copy_from_slice(
        &Sha256::new()
            .chain_update(salt)
            .chain_update(b"signer")
            .chain_update(key_prefix)
            .chain_update(key)
            .finalize(),
    );
    <Hmac<Sha256> as KeyInit>::new_from_slice(&derived[..])
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"))
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn b62_encode(mut n: u64, out: &mut String) {
    let mut digits = [0u8; 11];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = BASE62[(n % 62) as usize];
        n /= 62;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&b| char::from(b)));
}

fn b62_decode(text: &[u8]) -> Option<u64> {
    if text.is_empty() || text.len() > 11 {
        return None;
    }
    text.iter().try_fold(0u64, |n, &c| {
        let digit = BASE62.iter().position(|&b| b == c)?;
        n.checked_mul(62)?.checked_add(digit as u64)
    })
}

/// `TimestampSigner(key, salt).sign(value)`.
fn sign(value: &str, mac: &Hmac<Sha256>, now: u64) -> String {
    let mut out = String::with_capacity(value.len() + 60);
    out.push_str(value);
    out.push(':');
    b62_encode(now, &mut out);
    let mut mac = mac.clone();
    mac.update(out.as_bytes());
    out.push(':');
    URL_SAFE_NO_PAD.encode_string(mac.finalize().into_bytes(), &mut out);
    out
}

/// `TimestampSigner(key, salt, fallback_keys).unsign(value, max_age)`: the value, verified under
/// any of `macs`, and not older than `max_age`.
fn unsign<'t>(
    text: &'t [u8],
    macs: impl Iterator<Item = Hmac<Sha256>>,
    cx: &Context<'_>,
) -> Result<&'t [u8], Error> {
    let colon = text
        .iter()
        .rposition(|&b| b == b':')
        .ok_or(Error::Malformed)?;
    let (signed, sig) = (&text[..colon], &text[colon + 1..]);
    let mut tag = [0u8; 32];
    match URL_SAFE_NO_PAD.decode_slice(sig, &mut tag) {
        Ok(32) => {}
        _ => return Err(Error::Malformed),
    }
    let mut verified = false;
    for mut mac in macs {
        mac.update(signed);
        verified |= mac.verify_slice(&tag).is_ok();
    }
    if !verified {
        return Err(Error::Invalid);
    }
    let colon = signed
        .iter()
        .rposition(|&b| b == b':')
        .ok_or(Error::Malformed)?;
    let issued = b62_decode(&signed[colon + 1..]).ok_or(Error::Malformed)?;
    if let Some(max_age) = cx.max_age
        && cx.now.saturating_sub(issued) > max_age
    {
        return Err(Error::Expired);
    }
    Ok(&signed[..colon])
}

const SESSION_SALT: &[u8] = b"django.contrib.sessions.backends.signed_cookies";

/// The `signed_cookies` session backend (`format = "django"`).
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::Cookie;
/// use typed_cookies::interop::{ForeignCookie, django::{Django, DjangoSecret}};
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "sessionid", format = "django")]
/// struct DjangoSession { #[serde(rename = "_auth_user_id")] user_id: String }
///
/// fn format_of<T: ForeignCookie<Format = Django>>() {}
/// format_of::<DjangoSession>();
/// let line = DjangoSession { user_id: "7".into() }.to_set_cookie(&DjangoSecret::new("k"))?;
/// assert!(line.starts_with("sessionid="));
/// # Ok::<(), typed_cookies::Error>(())
/// ```
#[derive(Debug)]
pub enum Django {}

impl Sealed for Django {}

impl ForeignFormat for Django {
    type Secret = DjangoSecret;

    /// `SESSION_COOKIE_AGE`'s default: two weeks.
    const DEFAULT_MAX_AGE: Option<u64> = Some(14 * 86_400);

    fn encode<T: Serialize + ?Sized>(
        value: &T,
        secret: &DjangoSecret,
        cx: &Context<'_>,
    ) -> Result<String, Error> {
        let json = ascii_json::to_vec(value).map_err(|_| Error::Serialize)?;
        let payload = dotted_payload(&json);
        Ok(sign(
            &payload,
            &signer(SESSION_SALT, b"", &secret.keys[0]),
            cx.now,
        ))
    }

    fn decode<T: DeserializeOwned>(
        text: &[u8],
        secret: &DjangoSecret,
        cx: &Context<'_>,
    ) -> Result<T, Error> {
        let macs = secret.keys.iter().map(|k| signer(SESSION_SALT, b"", k));
        let json = undotted_payload(unsign(text, macs, cx)?)?;
        // Django reads the JSON as Latin-1 text; what it writes is ASCII.
        serde_json::from_slice(&json).map_err(|_| Error::Malformed)
    }
}

/// The values of `set_signed_cookie` / `get_signed_cookie` (`format = "django-signed"`): text,
/// signed with a salt of the cookie's name and the `salt` attribute.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::Cookie;
/// use typed_cookies::interop::{ForeignCookie, django::{DjangoSecret, DjangoSigned}};
///
/// #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
/// #[cookie(name = "theme", format = "django-signed", salt = "prefs")]
/// struct Theme(String);
///
/// fn format_of<T: ForeignCookie<Format = DjangoSigned>>() {}
/// format_of::<Theme>();
/// let secret = DjangoSecret::new("k");
/// let line = Theme("dark".into()).to_set_cookie(&secret)?;
/// let back = Theme::from_header(line.split(';').next().unwrap(), &secret)?;
/// assert_eq!(back, Some(Theme("dark".into())));
/// # Ok::<(), typed_cookies::Error>(())
/// ```
#[derive(Debug)]
pub enum DjangoSigned {}

impl Sealed for DjangoSigned {}

const COOKIE_KEY_PREFIX: &[u8] = b"django.http.cookies";

fn v2_salt(cx: &Context<'_>) -> String {
    format!(
        "django.http.cookies.v2:{}:{}{}",
        cx.salt.chars().count(),
        cx.salt,
        cx.name
    )
}

fn legacy_salt(cx: &Context<'_>) -> String {
    format!("{}{}", cx.name, cx.salt)
}

impl ForeignFormat for DjangoSigned {
    type Secret = DjangoSecret;

    /// `get_signed_cookie` checks no age unless asked: give the type an `expires`.
    const DEFAULT_MAX_AGE: Option<u64> = None;

    fn encode<T: Serialize + ?Sized>(
        value: &T,
        secret: &DjangoSecret,
        cx: &Context<'_>,
    ) -> Result<String, Error> {
        let text = match serde_json::to_value(value).map_err(|_| Error::Serialize)? {
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            _ => return Err(Error::Serialize),
        };
        // Django sends the value as it is; it must need no quoting.
        if !text.bytes().all(is_cookie_octet) {
            return Err(Error::Serialize);
        }
        let salt = if secret.legacy_write {
            legacy_salt(cx)
        } else {
            v2_salt(cx)
        };
        Ok(sign(
            &text,
            &signer(salt.as_bytes(), COOKIE_KEY_PREFIX, &secret.keys[0]),
            cx.now,
        ))
    }

    fn decode<T: DeserializeOwned>(
        text: &[u8],
        secret: &DjangoSecret,
        cx: &Context<'_>,
    ) -> Result<T, Error> {
        let macs = |salt: String| {
            secret
                .keys
                .iter()
                .map(move |k| signer(salt.as_bytes(), COOKIE_KEY_PREFIX, k))
        };
        let value = match unsign(text, macs(v2_salt(cx)), cx) {
            Err(Error::Invalid) if secret.legacy_read => unsign(text, macs(legacy_salt(cx)), cx)?,
            other => other?,
        };
        let value = core::str::from_utf8(value).map_err(|_| Error::Malformed)?;
        serde_json::from_value(Value::String(value.to_owned())).map_err(|_| Error::Malformed)
    }
}

/// RFC 6265 section 4.1.1 `cookie-octet`.
fn is_cookie_octet(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base62_matches_django() {
        let mut s = String::new();
        b62_encode(1_700_000_000, &mut s);
        // django.core.signing.b62_encode(1700000000)
        assert_eq!(s, "1r31eq");
        assert_eq!(b62_decode(s.as_bytes()), Some(1_700_000_000));
        let mut zero = String::new();
        b62_encode(0, &mut zero);
        assert_eq!(zero, "0");
        assert_eq!(b62_decode(b"zzzzzzzzzzzz"), None);
    }
}
