//! Rails' encrypted cookies (`format = "rails"`, which is also how the cookie store keeps the
//! session) and signed cookies (`format = "rails-signed"`), as Rails 6.1 and 7.x write them
//! with metadata (`use_cookies_with_metadata`) and the JSON serializer.
//!
//! ```text
//! envelope  = {"_rails":{"message":base64(json(value)),"exp":"2026-11-28T09:00:00.000Z"|null,"pur":"cookie.NAME"}}
//! encrypted = base64(ciphertext) "--" base64(iv) "--" base64(tag)        AES-256-GCM, no AAD
//!             key = PBKDF2-HMAC-SHA256(secret_key_base, "authenticated encrypted cookie", 1000, 32)
//! signed    = base64(envelope) "--" hex(HMAC-SHA1(key, base64(envelope)))
//!             key = PBKDF2-HMAC-SHA256(secret_key_base, "signed cookie", 1000, 64)
//! ```
//!
//! Base64 is strict (with padding), and the value is percent-encoded on the wire. A read checks
//! the purpose (`cookie.NAME`, so a value moved to another cookie fails) and the expiry in the
//! envelope. Rails 7 derives keys with SHA-256; apps on Rails 6.1 or earlier defaults use SHA-1:
//! [`RailsSecret::sha1_key_derivation`].

use core::fmt;

use aes_gcm::aead::AeadInOut;
use aes_gcm::{Aes256Gcm, KeyInit, Nonce, Tag};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode, utf8_percent_encode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use sha1::Sha1;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::foreign::{Context, ForeignFormat, Sealed};
use crate::Error;

/// Rails' `secret_key_base`, with its two cookie keys derived once. `Debug` shows no key
/// material; the keys are wiped when it drops.
///
/// ```
/// use typed_cookies::interop::rails::RailsSecret;
/// let secret = RailsSecret::new("the app's secret_key_base");
/// assert_eq!(format!("{secret:?}"), "RailsSecret { .. }");
/// ```
#[derive(Clone)]
pub struct RailsSecret {
    aead: Aes256Gcm,
    signing: Hmac<Sha1>,
}

impl RailsSecret {
    /// The secret from `secret_key_base`, with Rails 7's SHA-256 key derivation.
    ///
    /// ```
    /// let secret = typed_cookies::interop::rails::RailsSecret::new("base");
    /// # let _ = secret;
    /// ```
    #[must_use]
    pub fn new(secret_key_base: impl AsRef<[u8]>) -> RailsSecret {
        Self::derive::<Sha256>(secret_key_base.as_ref())
    }

    /// The secret with the SHA-1 key derivation of Rails 6.1 and earlier defaults
    /// (`key_generator_hash_digest_class` not set to SHA-256).
    ///
    /// ```
    /// let secret = typed_cookies::interop::rails::RailsSecret::sha1_key_derivation("base");
    /// # let _ = secret;
    /// ```
    #[must_use]
    pub fn sha1_key_derivation(secret_key_base: impl AsRef<[u8]>) -> RailsSecret {
        Self::derive::<Sha1>(secret_key_base.as_ref())
    }

    fn derive<D>(secret: &[u8]) -> RailsSecret
    where
        Hmac<D>: KeyInit + Mac + Clone + Sync,
        D: hmac::EagerHash,
    {
        let mut enc = Zeroizing::new([0u8; 32]);
        pbkdf2::pbkdf2_hmac::<D>(
            secret,
            b"authenticated encrypted cookie",
            1000,
            &mut enc[..],
        );
        let mut sign = Zeroizing::new([0u8; 64]);
        pbkdf2::pbkdf2_hmac::<D>(secret, b"signed cookie", 1000, &mut sign[..]);
        RailsSecret {
            aead: Aes256Gcm::new_from_slice(&enc[..])
                .unwrap_or_else(|_| unreachable!("32 bytes are an AES-256 key")),
            signing: <Hmac<Sha1> as KeyInit>::new_from_slice(&sign[..])
                .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length")),
        }
    }
}

impl fmt::Debug for RailsSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RailsSecret").finish_non_exhaustive()
    }
}

/// `URI.encode_www_form_component`, as Rack escapes cookie values: all but `*-._` and
/// alphanumerics.
const WWW_FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

/// The metadata envelope of `value` for the cookie in `cx`.
fn envelope<T: Serialize + ?Sized>(value: &T, cx: &Context<'_>) -> Result<Vec<u8>, Error> {
    let json = serde_json::to_vec(value).map_err(|_| Error::Serialize)?;
    let exp = match cx.max_age {
        Some(age) => Value::String(iso8601(cx.now.saturating_add(age))?),
        None => Value::Null,
    };
    let mut inner = serde_json::Map::new();
    inner.insert("message".into(), Value::String(STANDARD.encode(json)));
    inner.insert("exp".into(), exp);
    inner.insert("pur".into(), Value::String(format!("cookie.{}", cx.name)));
    let mut outer = serde_json::Map::new();
    outer.insert("_rails".into(), Value::Object(inner));
    serde_json::to_vec(&Value::Object(outer)).map_err(|_| Error::Serialize)
}

/// The value in an envelope, once its purpose and expiry are checked.
fn open_envelope<T: DeserializeOwned>(envelope: &[u8], cx: &Context<'_>) -> Result<T, Error> {
    let envelope: Value = serde_json::from_slice(envelope).map_err(|_| Error::Malformed)?;
    let rails = envelope.get("_rails").ok_or(Error::Malformed)?;
    if rails.get("pur").and_then(Value::as_str) != Some(&format!("cookie.{}", cx.name)) {
        return Err(Error::Invalid);
    }
    match rails.get("exp") {
        None | Some(Value::Null) => {}
        Some(Value::String(exp)) => {
            let at = time_crate::OffsetDateTime::parse(
                exp,
                &time_crate::format_description::well_known::Rfc3339,
            )
            .map_err(|_| Error::Malformed)?;
            if i128::from(at.unix_timestamp()) <= i128::from(cx.now) {
                return Err(Error::Expired);
            }
        }
        Some(_) => return Err(Error::Malformed),
    }
    // Rails 7.1 with `use_message_serializer_for_metadata` keeps the value itself in `data`;
    // earlier versions keep base64 JSON in `message`.
    if let Some(data) = rails.get("data") {
        return T::deserialize(data).map_err(|_| Error::Malformed);
    }
    let message = rails
        .get("message")
        .and_then(Value::as_str)
        .ok_or(Error::Malformed)?;
    let json = STANDARD.decode(message).map_err(|_| Error::Malformed)?;
    serde_json::from_slice(&json).map_err(|_| Error::Malformed)
}

/// `2026-11-28T09:00:00.000Z`, as Rails writes `exp`.
fn iso8601(unix: u64) -> Result<String, Error> {
    let t = i64::try_from(unix)
        .ok()
        .and_then(|t| time_crate::OffsetDateTime::from_unix_timestamp(t).ok())
        .ok_or(Error::Serialize)?;
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.000Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    ))
}

/// The digits Rails writes a signed cookie's SHA-1 digest in.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// The 20 bytes of a digest written as Rails writes it: 40 lowercase hex digits, nothing else.
/// Rails compares the text, so any other spelling of the same bytes (capitals, a sign) is not
/// its cookie either.
fn lower_hex_digest(text: &[u8]) -> Option<[u8; 20]> {
    let nibble = |c: u8| {
        HEX.iter()
            .position(|&h| h == c)
            .and_then(|n| u8::try_from(n).ok())
    };
    let mut out = [0u8; 20];
    if text.len() != 2 * out.len() {
        return None;
    }
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some(out)
}

/// Percent-decodes a value as it came from the browser.
fn unescape(text: &[u8]) -> Result<String, Error> {
    percent_decode(text)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| Error::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only the spelling Rails writes: a `u8::from_str_radix` reading would take `+f` for `0f`
    /// and so accept many texts for one digest.
    #[test]
    fn digests_are_strict_lowercase_hex() {
        let hex = "00ff10a9b8c7d6e5f4030201000102030405060f";
        let bytes = lower_hex_digest(hex.as_bytes()).unwrap();
        assert_eq!(bytes[..4], [0x00, 0xff, 0x10, 0xa9]);
        assert_eq!(bytes[19], 0x0f);
        for bad in [
            hex.replacen("00", "+0", 1),
            hex.replacen("ff", "FF", 1),
            hex.replacen("0f", "+f", 1),
            hex.replacen("00", "0g", 1),
            hex[..38].to_owned(),
            format!("{hex}00"),
        ] {
            assert_eq!(lower_hex_digest(bad.as_bytes()), None, "{bad}");
        }
    }

    fn cx() -> Context<'static> {
        Context {
            name: "user",
            salt: "",
            now: 1_800_000_000,
            max_age: None,
        }
    }

    /// Both envelopes: base64 JSON in `message` (Rails 6.1 and 7.0), the value in `data`
    /// (Rails 7.1's `use_message_serializer_for_metadata`).
    #[test]
    fn both_envelopes_open() {
        let message = br#"{"_rails":{"message":"eyJpZCI6N30=","exp":null,"pur":"cookie.user"}}"#;
        let data =
            br#"{"_rails":{"data":{"id":7},"exp":"2099-01-01T00:00:00.000Z","pur":"cookie.user"}}"#;
        for envelope in [&message[..], &data[..]] {
            let v: Value = open_envelope(envelope, &cx()).unwrap();
            assert_eq!(v["id"], 7);
        }
        let expired =
            br#"{"_rails":{"data":1,"exp":"2020-01-01T00:00:00.000Z","pur":"cookie.user"}}"#;
        assert_eq!(open_envelope::<u8>(expired, &cx()), Err(Error::Expired));
        let other = br#"{"_rails":{"data":1,"exp":null,"pur":"cookie.other"}}"#;
        assert_eq!(open_envelope::<u8>(other, &cx()), Err(Error::Invalid));
    }
}

/// Rails' encrypted cookies and cookie-store session (`format = "rails"`).
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::Cookie;
/// use typed_cookies::interop::{ForeignCookie, rails::{Rails, RailsSecret}};
///
/// #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
/// #[cookie(name = "user", format = "rails", expires = "1h")]
/// struct User { id: u64 }
///
/// fn format_of<T: ForeignCookie<Format = Rails>>() {}
/// format_of::<User>();
/// let secret = RailsSecret::new("secret_key_base");
/// let line = User { id: 7 }.to_set_cookie(&secret)?;
/// let back = User::from_header(line.split(';').next().unwrap(), &secret)?;
/// assert_eq!(back, Some(User { id: 7 }));
/// # Ok::<(), typed_cookies::Error>(())
/// ```
#[derive(Debug)]
pub enum Rails {}

impl Sealed for Rails {}

impl ForeignFormat for Rails {
    type Secret = RailsSecret;

    /// Rails checks the expiry it wrote into the envelope, not an age.
    const DEFAULT_MAX_AGE: Option<u64> = None;

    fn encode<T: Serialize + ?Sized>(
        value: &T,
        secret: &RailsSecret,
        cx: &Context<'_>,
    ) -> Result<String, Error> {
        let mut data = envelope(value, cx)?;
        let mut iv = [0u8; 12];
        getrandom::fill(&mut iv).map_err(|_| Error::RandomSource)?;
        let tag = secret
            .aead
            .encrypt_inout_detached(&Nonce::from(iv), b"", data.as_mut_slice().into())
            .map_err(|_| Error::Serialize)?;
        let blob = format!(
            "{}--{}--{}",
            STANDARD.encode(&data),
            STANDARD.encode(iv),
            STANDARD.encode(tag)
        );
        Ok(utf8_percent_encode(&blob, WWW_FORM).to_string())
    }

    fn decode<T: DeserializeOwned>(
        text: &[u8],
        secret: &RailsSecret,
        cx: &Context<'_>,
    ) -> Result<T, Error> {
        let blob = unescape(text)?;
        let mut parts = blob.split("--");
        let (Some(ct), Some(iv), Some(tag), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(Error::Malformed);
        };
        let mut data = STANDARD.decode(ct).map_err(|_| Error::Malformed)?;
        let iv = STANDARD.decode(iv).map_err(|_| Error::Malformed)?;
        let tag = STANDARD.decode(tag).map_err(|_| Error::Malformed)?;
        let iv = Nonce::try_from(iv.as_slice()).map_err(|_| Error::Malformed)?;
        let tag = Tag::try_from(tag.as_slice()).map_err(|_| Error::Malformed)?;
        secret
            .aead
            .decrypt_inout_detached(&iv, b"", data.as_mut_slice().into(), &tag)
            .map_err(|_| Error::Invalid)?;
        open_envelope(&data, cx)
    }
}

/// Rails' signed cookies (`format = "rails-signed"`): readable by the client, not changeable.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Error};
/// use typed_cookies::interop::{ForeignCookie, rails::{RailsSecret, RailsSigned}};
///
/// #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
/// #[cookie(name = "prefs", format = "rails-signed")]
/// struct Prefs(String);
///
/// fn format_of<T: ForeignCookie<Format = RailsSigned>>() {}
/// format_of::<Prefs>();
/// let secret = RailsSecret::new("secret_key_base");
/// let line = Prefs("dark".into()).to_set_cookie(&secret)?;
/// let other = RailsSecret::new("another base");
/// assert_eq!(Prefs::from_header(line.split(';').next().unwrap(), &other), Err(Error::Invalid));
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug)]
pub enum RailsSigned {}

impl Sealed for RailsSigned {}

impl ForeignFormat for RailsSigned {
    type Secret = RailsSecret;

    /// Rails checks the expiry it wrote into the envelope, not an age.
    const DEFAULT_MAX_AGE: Option<u64> = None;

    fn encode<T: Serialize + ?Sized>(
        value: &T,
        secret: &RailsSecret,
        cx: &Context<'_>,
    ) -> Result<String, Error> {
        let data = STANDARD.encode(envelope(value, cx)?);
        let mut mac = secret.signing.clone();
        mac.update(data.as_bytes());
        let mut blob = String::with_capacity(data.len() + 42);
        blob.push_str(&data);
        blob.push_str("--");
        for b in mac.finalize().into_bytes() {
            blob.push(char::from(HEX[usize::from(b >> 4)]));
            blob.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        Ok(utf8_percent_encode(&blob, WWW_FORM).to_string())
    }

    fn decode<T: DeserializeOwned>(
        text: &[u8],
        secret: &RailsSecret,
        cx: &Context<'_>,
    ) -> Result<T, Error> {
        let value = unescape(text)?;
        let (data, digest) = value.rsplit_once("--").ok_or(Error::Malformed)?;
        let expected = lower_hex_digest(digest.as_bytes()).ok_or(Error::Malformed)?;
        let mut mac = secret.signing.clone();
        mac.update(data.as_bytes());
        mac.verify_slice(&expected).map_err(|_| Error::Invalid)?;
        let envelope = STANDARD.decode(data).map_err(|_| Error::Malformed)?;
        open_envelope(&envelope, cx)
    }
}
