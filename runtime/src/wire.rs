//! Wire format v1 of signed and sealed values; docs/FORMAT.md states it byte by byte.

use aes_gcm::aead::AeadInOut;
use aes_gcm::{Nonce as GcmNonce, Tag};
use hmac::Mac;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Error;
use crate::keyring::{KEY_ID_LEN, Key, KeyId, Keyring};
use crate::nonce::{self, Nonce};
use crate::origin::{self, Origin};
use crate::spec::{CookieSpec, Mode};

pub(crate) const VERSION: u8 = 1;
/// version, mode, key id, issued-at, expires-at.
pub(crate) const HEADER_LEN: usize = 2 + KEY_ID_LEN + 8 + 8;
pub(crate) const NONCE_LEN: usize = 12;
pub(crate) const GCM_TAG_LEN: usize = 16;
pub(crate) const MAC_LEN: usize = 32;
/// RFC 6265bis section 5.6: name plus value at most 4096 bytes.
pub(crate) const MAX_COOKIE_LEN: usize = 4096;
/// The most raw bytes whose base64url form fits in [`MAX_COOKIE_LEN`].
pub(crate) const MAX_RAW: usize = MAX_COOKIE_LEN / 4 * 3;
/// Version, mode, key id, schema fingerprint and name length: the binding before the name.
const BINDING_FIXED: usize = 2 + KEY_ID_LEN + 8 + 2;
/// SHA-256's block size; the binding is padded to whole blocks.
const BLOCK: usize = 64;
/// The longest binding: the fixed fields and the longest name, padded to whole blocks.
pub(crate) const MAX_BINDING: usize = (BINDING_FIXED + MAX_NAME_LEN).next_multiple_of(BLOCK);
/// The offset of issued-at and expires-at in the header.
const TIMES: usize = 2 + KEY_ID_LEN;
/// The longest cookie name accepted, so a binding fits a small stack buffer.
pub const MAX_NAME_LEN: usize = 256;
/// Raw bytes of the fast path: values up to 512 raw bytes (682 base64url characters) never
/// touch the larger buffer.
pub(crate) const SMALL_RAW: usize = 512;
/// How far in the future an issued-at may lie, for clocks that differ across servers.
pub const ISSUED_AT_LEEWAY_SECS: u64 = 300;

/// What a verified value's header said about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub(crate) issued_at: u64,
    pub(crate) expires_at: Option<u64>,
    pub(crate) key: KeyId,
    pub(crate) primary: bool,
    /// 0 for the current type, 1 for its `previous` type, and so on.
    pub(crate) generation: u8,
    /// The session's origin, for types that track one.
    pub(crate) origin: Option<Origin>,
    /// When the reading type's `refresh` makes the value due to be written again.
    pub(crate) refresh_at: Option<u64>,
    /// When the reading type's `max_lifetime` ends the session.
    pub(crate) ends_at: Option<u64>,
}

impl Stamp {
    /// Applies the timeouts of the type that reads the value (which is not the writer's, for a
    /// value migrated from a previous type): its refresh time and absolute end, and the expiry
    /// they bound.
    ///
    /// The reader's own lifetime bounds the value too, whatever expiry (or none) its writer
    /// gave it: a value written before `expires` was set or shortened ends on this reader's
    /// terms, counted from its authenticated issue time; one written before `max_lifetime` was
    /// declared, which carries no login time, counts from its issue time.
    ///
    /// # Errors
    /// [`Error::Expired`] when the value has expired or the session has reached its end.
    pub(crate) fn apply_timeouts(&mut self, spec: &CookieSpec, now: u64) -> Result<(), Error> {
        self.refresh_at = spec
            .refresh
            .map(|every| self.issued_at.saturating_add(every));
        self.ends_at = origin::end_of_session(spec, self.issued_at, self.origin.as_ref());
        let ours = spec.expires.map(|age| self.issued_at.saturating_add(age));
        for bound in [ours, self.ends_at].into_iter().flatten() {
            self.expires_at = Some(self.expires_at.map_or(bound, |at| at.min(bound)));
        }
        if self.expires_at.is_some_and(|at| now >= at) {
            return Err(Error::Expired);
        }
        Ok(())
    }
}

/// What a write stamps on a value besides the value itself.
#[derive(Clone, Copy)]
pub(crate) struct Issue {
    pub(crate) now: u64,
    /// The authenticated expiry (`None`: none).
    pub(crate) expires_at: Option<u64>,
    pub(crate) origin: Option<Origin>,
    pub(crate) nonce: Nonce,
}

impl Issue {
    /// The mode byte of a value this write produces.
    fn mode_byte(&self, spec: &CookieSpec) -> u8 {
        spec.mode.wire_byte()
            | if self.origin.is_some() {
                origin::FLAG
            } else {
                0
            }
    }
}

/// Writes the binding of a cookie under one key into `buf` and returns its length: version,
/// mode byte (`mode`: the spec's mode, with the origin flag when the payload starts with one),
/// key id, schema fingerprint, name length and name, zero-padded to whole SHA-256 blocks.
///
/// It is the same for every value of one cookie under one key, so a key absorbs it into its
/// HMAC state once (see [`Key::prepared`]) and a signature hashes only the times and the payload.
pub(crate) fn binding(
    spec: &CookieSpec,
    mode: u8,
    key: KeyId,
    buf: &mut [u8],
) -> Result<usize, Error> {
    let name = spec.name.as_bytes();
    let name_len = u16::try_from(name.len())
        .ok()
        .filter(|&l| usize::from(l) <= MAX_NAME_LEN)
        .ok_or(Error::Misconfigured("cookie names are at most 256 bytes"))?;
    let end = BINDING_FIXED + name.len();
    let padded = end.next_multiple_of(BLOCK);
    let buf = &mut buf[..padded];
    buf[0] = VERSION;
    buf[1] = mode;
    buf[2..TIMES].copy_from_slice(key.as_bytes());
    buf[TIMES..TIMES + 8].copy_from_slice(&spec.schema.to_be_bytes());
    buf[TIMES + 8..BINDING_FIXED].copy_from_slice(&name_len.to_be_bytes());
    buf[BINDING_FIXED..end].copy_from_slice(name);
    buf[end..].fill(0);
    Ok(padded)
}

/// Writes the associated data of a sealed value into `buf`: the binding, then issued-at and
/// expires-at as they stand in the header.
fn sealed_ad<'b>(
    spec: &CookieSpec,
    header: &[u8],
    key: KeyId,
    buf: &'b mut [u8; MAX_BINDING + 16],
) -> Result<&'b [u8], Error> {
    let len = binding(spec, header[1], key, buf)?;
    buf[len..len + 16].copy_from_slice(&header[TIMES..HEADER_LEN]);
    Ok(&buf[..len + 16])
}

/// Serializes, signs or seals `value` into `out` and returns the raw length.
///
/// `Ok(None)` when the value does not fit `out` but might fit a larger buffer.
pub(crate) fn protect<T: Serialize + ?Sized>(
    spec: &CookieSpec,
    value: &T,
    key: &Key,
    issue: &Issue,
    out: &mut [u8],
) -> Result<Option<usize>, Error> {
    let cap = out.len();
    let now = issue.now;
    let expires_at = issue.expires_at.unwrap_or(0);
    let mode = issue.mode_byte(spec);
    out[0] = VERSION;
    out[1] = mode;
    out[2..2 + KEY_ID_LEN].copy_from_slice(key.id.as_bytes());
    out[2 + KEY_ID_LEN..10 + KEY_ID_LEN].copy_from_slice(&now.to_be_bytes());
    out[10 + KEY_ID_LEN..HEADER_LEN].copy_from_slice(&expires_at.to_be_bytes());
    let (start, tag_len) = match spec.mode {
        Mode::Sealed => (HEADER_LEN + NONCE_LEN, GCM_TAG_LEN),
        _ => (HEADER_LEN, MAC_LEN),
    };
    let too_large = Error::TooLarge {
        len: spec.name.len() + 1 + MAX_COOKIE_LEN,
        max: MAX_COOKIE_LEN,
    };
    let prefix = match issue.origin {
        Some(origin) => {
            out[start..start + origin::LEN].copy_from_slice(&origin.to_bytes());
            origin::LEN
        }
        None => 0,
    };
    let payload_len = match postcard::to_slice(value, &mut out[start + prefix..cap - tag_len]) {
        Ok(written) => prefix + written.len(),
        Err(postcard::Error::SerializeBufferFull) if cap < MAX_RAW => return Ok(None),
        Err(postcard::Error::SerializeBufferFull) => return Err(too_large),
        Err(_) => return Err(Error::Serialize),
    };
    let end = start + payload_len;
    match (spec.mode, issue.nonce) {
        (Mode::Sealed, Nonce::Fresh) => {
            nonce::synthetic(&key.nonce_key, spec.name, spec.schema, &mut out[TIMES..end])?;
        }
        (Mode::Sealed, Nonce::Fixed(n)) => out[HEADER_LEN..start].copy_from_slice(&n),
        _ => {}
    }
    let (header, rest) = out.split_at_mut(HEADER_LEN);
    match spec.mode {
        Mode::Sealed => {
            let mut ad_buf = [0u8; MAX_BINDING + 16];
            let ad = sealed_ad(spec, header, key.id, &mut ad_buf)?;
            let (nonce, rest) = rest.split_at_mut(NONCE_LEN);
            let nonce = GcmNonce::try_from(&*nonce).map_err(|_| Error::Serialize)?;
            let (payload, tag_out) = rest.split_at_mut(payload_len);
            let tag = key
                .aead
                .encrypt_inout_detached(&nonce, ad, payload.into())
                .map_err(|_| Error::Serialize)?;
            tag_out[..GCM_TAG_LEN].copy_from_slice(&tag);
            key.count_seal();
        }
        _ => {
            let mut mac = match key.prepared(spec, mode) {
                Some(prepared) => prepared.clone(),
                None => key.absorb_binding(spec, mode)?,
            };
            mac.update(&header[TIMES..]);
            mac.update(&rest[..payload_len]);
            let tag = mac.finalize().into_bytes();
            rest[payload_len..payload_len + MAC_LEN].copy_from_slice(&tag);
        }
    }
    Ok(Some(end + tag_len))
}

/// Verifies (and for sealed values decrypts) the raw bytes in `raw`, checks the expiry and
/// deserializes the payload.
pub(crate) fn open<T: DeserializeOwned>(
    spec: &CookieSpec,
    raw: &mut [u8],
    keys: &Keyring,
    now: u64,
) -> Result<(T, Stamp), Error> {
    let (nonce_len, tag_len) = match spec.mode {
        Mode::Sealed => (NONCE_LEN, GCM_TAG_LEN),
        _ => (0, MAC_LEN),
    };
    if raw.len() < HEADER_LEN + nonce_len + tag_len || raw[0] != VERSION {
        return Err(Error::Malformed);
    }
    let mode = raw[1];
    let has_origin = mode & origin::FLAG != 0;
    if !matches!(mode & !origin::FLAG, 1 | 2) {
        return Err(Error::Malformed);
    }
    if mode & !origin::FLAG != spec.mode.wire_byte() {
        // A value of another mode is well-formed but not meant for this reader.
        return Err(Error::Invalid);
    }
    let mut id = [0u8; KEY_ID_LEN];
    id.copy_from_slice(&raw[2..2 + KEY_ID_LEN]);
    let (key, primary) = keys.find(KeyId(id)).ok_or(Error::Invalid)?;
    let issued_at = read_u64(&raw[2 + KEY_ID_LEN..10 + KEY_ID_LEN]);
    let expires_at = read_u64(&raw[10 + KEY_ID_LEN..HEADER_LEN]);

    let (header, rest) = raw.split_at_mut(HEADER_LEN);
    let body_len = rest.len() - tag_len;
    let (body, tag) = rest.split_at_mut(body_len);
    let payload: &[u8] = match spec.mode {
        Mode::Sealed => {
            let mut ad_buf = [0u8; MAX_BINDING + 16];
            let ad = sealed_ad(spec, header, key.id, &mut ad_buf).map_err(|_| Error::Invalid)?;
            let (nonce, ciphertext) = body.split_at_mut(NONCE_LEN);
            let nonce = GcmNonce::try_from(&*nonce).map_err(|_| Error::Malformed)?;
            let tag = Tag::try_from(&*tag).map_err(|_| Error::Malformed)?;
            key.aead
                .decrypt_inout_detached(&nonce, ad, (&mut *ciphertext).into(), &tag)
                .map_err(|_| Error::Invalid)?;
            ciphertext
        }
        _ => {
            let mut mac = match key.prepared(spec, mode) {
                Some(prepared) => prepared.clone(),
                None => key.absorb_binding(spec, mode).map_err(|_| Error::Invalid)?,
            };
            mac.update(&header[TIMES..]);
            mac.update(body);
            mac.verify_slice(tag).map_err(|_| Error::Invalid)?;
            body
        }
    };
    // Authentic from here on.
    if issued_at > now.saturating_add(ISSUED_AT_LEEWAY_SECS) {
        return Err(Error::Invalid);
    }
    let (origin, payload) = if has_origin {
        let (origin, rest) = Origin::split(payload).ok_or(Error::Malformed)?;
        if origin.login_at > issued_at {
            return Err(Error::Malformed);
        }
        (Some(origin), rest)
    } else {
        (None, payload)
    };
    let mut stamp = Stamp {
        issued_at,
        expires_at: (expires_at != 0).then_some(expires_at),
        key: key.id,
        primary,
        generation: 0,
        origin,
        refresh_at: None,
        ends_at: None,
    };
    stamp.apply_timeouts(spec, now)?;
    let value = match postcard::take_from_bytes::<T>(payload) {
        Ok((value, [])) => value,
        _ => return Err(Error::Malformed),
    };
    Ok((value, stamp))
}

fn read_u64(bytes: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(bytes);
    u64::from_be_bytes(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A signed value with the origin flag and `payload`, authenticated as a writer would:
    /// what a reader must refuse even though its tag is good.
    fn flagged(spec: &CookieSpec, keys: &Keyring, issued_at: u64, payload: &[u8]) -> Vec<u8> {
        let key = keys.primary();
        let mode = spec.mode.wire_byte() | origin::FLAG;
        let mut raw = vec![VERSION, mode];
        raw.extend_from_slice(key.id.as_bytes());
        raw.extend_from_slice(&issued_at.to_be_bytes());
        raw.extend_from_slice(&0u64.to_be_bytes());
        raw.extend_from_slice(payload);
        let mut mac = key.absorb_binding(spec, mode).unwrap();
        mac.update(&raw[TIMES..]);
        let tag = mac.finalize().into_bytes();
        raw.extend_from_slice(&tag);
        raw
    }

    #[test]
    fn authentic_but_impossible_origins_are_malformed() {
        let keys = Keyring::from_secret(&[5; 32]).unwrap();
        let spec = CookieSpec::new("s").signed().max_lifetime(3600);
        let now = 1_800_000_000;
        // The control: a well-formed origin reads.
        let mut good = Origin {
            login_at: now - 10,
            id: [1; 8],
        }
        .to_bytes()
        .to_vec();
        good.push(7);
        let mut raw = flagged(&spec, &keys, now, &good);
        assert_eq!(
            open::<u8>(&spec, &mut raw, &keys, now).map(|(v, _)| v),
            Ok(7)
        );
        // A login after the issue time.
        let mut later = Origin {
            login_at: now + 1,
            id: [1; 8],
        }
        .to_bytes()
        .to_vec();
        later.push(7);
        let mut raw = flagged(&spec, &keys, now, &later);
        assert_eq!(
            open::<u8>(&spec, &mut raw, &keys, now).err(),
            Some(Error::Malformed)
        );
        // An origin shorter than 16 bytes.
        let mut raw = flagged(&spec, &keys, now, &good[..15]);
        assert_eq!(
            open::<u8>(&spec, &mut raw, &keys, now).err(),
            Some(Error::Malformed)
        );
    }
}
