//! Wire format v1 of signed and sealed values, docs/FORMAT.md byte by byte: the layout, the
//! binding, signing and sealing each in their own file; this one puts a value together and
//! takes one apart.

mod binding;
mod layout;
mod nonce;
mod seal;
mod sign;

pub(crate) use layout::mode_byte;
pub(crate) use layout::{MAX_RAW, ORIGIN_FLAG, SMALL_RAW};
pub(crate) use nonce::Nonce;
#[cfg(test)]
pub(crate) use {binding::MAX_BINDING, binding::binding, sign::absorb_binding};

use core::ops::Range;

use serde::Serialize;
use serde::de::DeserializeOwned;

use layout::{HEADER_LEN, Header};
use nonce::NONCE_LEN;
use seal::GCM_TAG_LEN;
use sign::MAC_LEN;

use crate::error::Error;
use crate::keyring::{Key, KeyId, Keyring};
use crate::session::origin::{self, Origin};
use crate::spec::{CookieSpec, Mode};

/// What a write stamps on a value besides the value itself.
#[derive(Clone, Copy)]
pub(crate) struct Issue {
    pub(crate) now: u64,
    /// The authenticated expiry (`None`: none).
    pub(crate) expires_at: Option<u64>,
    pub(crate) origin: Option<Origin>,
    pub(crate) nonce: Nonce,
}

/// What a verified value's header said, and where its payload stands (the origin, when
/// flagged, and the postcard bytes), plaintext once opened.
pub(crate) struct Opened {
    pub(crate) issued_at: u64,
    pub(crate) expires_at: Option<u64>,
    pub(crate) key: KeyId,
    pub(crate) primary: bool,
    pub(crate) has_origin: bool,
    pub(crate) payload: Range<usize>,
}

/// Where a mode's payload starts, and how long its tag is.
const fn body(mode: Mode) -> (usize, usize) {
    match mode {
        Mode::Sealed => (HEADER_LEN + NONCE_LEN, GCM_TAG_LEN),
        _ => (HEADER_LEN, MAC_LEN),
    }
}

/// Serializes `value`, then signs or seals it into `out`, and returns the raw length.
///
/// `Ok(None)` when the value does not fit `out`.
///
/// # Errors
/// [`Error::Serialize`] when `value` fails to serialize; those of signing and sealing.
pub(crate) fn protect<T: Serialize + ?Sized>(
    spec: &CookieSpec,
    value: &T,
    key: &Key,
    issue: &Issue,
    out: &mut [u8],
) -> Result<Option<usize>, Error> {
    let flag = if issue.origin.is_some() {
        ORIGIN_FLAG
    } else {
        0
    };
    let mode = mode_byte(spec.mode) | flag;
    let header = Header {
        mode,
        key: *key.id.as_bytes(),
        issued_at: issue.now,
        expires_at: issue.expires_at.unwrap_or(0),
    };
    header.write(out);
    let (start, tag_len) = body(spec.mode);
    let room = out.len() - tag_len;
    let Some(payload_len) = encode(value, issue.origin, &mut out[start..room])? else {
        return Ok(None);
    };
    let end = start + payload_len + tag_len;
    match spec.mode {
        Mode::Sealed => seal::seal(spec, key, issue.nonce, &mut out[..end])?,
        _ => sign::sign(spec, mode, key, &mut out[..end])?,
    }
    Ok(Some(end))
}

/// Writes the payload, the origin first when there is one; `None` when `out` is too small.
fn encode<T: Serialize + ?Sized>(
    value: &T,
    origin: Option<Origin>,
    out: &mut [u8],
) -> Result<Option<usize>, Error> {
    let prefix = match origin {
        Some(origin) if out.len() >= origin::LEN => {
            out[..origin::LEN].copy_from_slice(&origin.to_bytes());
            origin::LEN
        }
        Some(_) => return Ok(None),
        None => 0,
    };
    match postcard::to_slice(value, &mut out[prefix..]) {
        Ok(written) => Ok(Some(prefix + written.len())),
        Err(postcard::Error::SerializeBufferFull) => Ok(None),
        Err(_) => Err(Error::Serialize),
    }
}

/// A payload in the binary encoding, all of it.
///
/// # Errors
/// [`Error::Malformed`] when it does not decode to exactly a `T`.
pub(crate) fn decode_payload<T: DeserializeOwned>(payload: &[u8]) -> Result<T, Error> {
    match postcard::take_from_bytes::<T>(payload) {
        Ok((value, [])) => Ok(value),
        _ => Err(Error::Malformed),
    }
}

/// Verifies (and for sealed values decrypts, in place) the raw bytes of a value of `spec`.
/// A value that fails is left as it was, so the read of a `previous` type can try its own
/// binding on the same bytes.
///
/// # Errors
/// [`Error::Malformed`] for bytes that are not a value, [`Error::Invalid`] for a value of
/// another mode, under a key `keys` does not hold, or whose tag does not match.
#[inline]
pub(crate) fn open(spec: &CookieSpec, raw: &mut [u8], keys: &Keyring) -> Result<Opened, Error> {
    let (payload_at, tag_len) = body(spec.mode);
    let header = Header::read(raw, spec.mode, payload_at - HEADER_LEN + tag_len)?;
    let (key, primary) = keys.find(KeyId(header.key)).ok_or(Error::Invalid)?;
    match spec.mode {
        Mode::Sealed => seal::open(spec, key, raw)?,
        _ => sign::verify(spec, header.mode, key, raw)?,
    }
    Ok(Opened {
        issued_at: header.issued_at,
        expires_at: (header.expires_at != 0).then_some(header.expires_at),
        key: key.id,
        primary,
        has_origin: header.mode & ORIGIN_FLAG != 0,
        payload: payload_at..raw.len() - tag_len,
    })
}
