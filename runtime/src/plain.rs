//! Plain cookie values: text a script can read.
//!
//! A string is written as itself and a number or boolean as its JSON text; anything else is
//! JSON. A string that would read back as JSON (`"42"`, `"true"`, `"{}"`) keeps its quotes so
//! it reads back as the same string. Bytes outside the RFC 6265 `cookie-octet` set, and `%`
//! itself, are percent-encoded, so no value can break out of the header.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode, utf8_percent_encode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Error;

/// Everything that is not a `cookie-octet` (RFC 6265 section 4.1.1), plus `%`.
/// Non-ASCII bytes are always encoded.
const NOT_COOKIE_OCTET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

pub(crate) fn encode<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let json = serde_json::to_string(value).map_err(|_| Error::Serialize)?;
    let text = match serde_json::from_str::<String>(&json) {
        Ok(s) if serde_json::from_str::<serde::de::IgnoredAny>(&s).is_err() => s,
        _ => json,
    };
    Ok(utf8_percent_encode(&text, NOT_COOKIE_OCTET).to_string())
}

pub(crate) fn decode<T: DeserializeOwned>(raw: &[u8]) -> Result<T, Error> {
    let text = percent_decode(raw)
        .decode_utf8()
        .map_err(|_| Error::Malformed)?;
    serde_json::from_str::<T>(&text)
        .or_else(|_| serde_json::from_value::<T>(serde_json::Value::String(text.into_owned())))
        .map_err(|_| Error::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_as_themselves_unless_they_look_like_json() {
        assert_eq!(encode("dark").unwrap(), "dark");
        assert_eq!(encode("42").unwrap(), "%2242%22");
        assert_eq!(encode(&42u8).unwrap(), "42");
        assert_eq!(
            encode("a b;c,d\r\n\u{e9}%").unwrap(),
            "a%20b%3Bc%2Cd%0D%0A%C3%A9%25"
        );
        assert_eq!(decode::<String>(b"%2242%22").unwrap(), "42");
        assert_eq!(decode::<u8>(b"42").unwrap(), 42);
        assert_eq!(decode::<String>(b"42").unwrap(), "42");
        assert_eq!(decode::<u8>(b"x"), Err(Error::Malformed));
        assert_eq!(decode::<String>(b"%FF"), Err(Error::Malformed));
    }
}
