//! The binding: what ties a value to its cookie. It is the same for every value of one cookie
//! under one key, so a key absorbs it into its HMAC state once (see `sign`).

use typed_cookies_rules::MAX_NAME_LEN;

use super::layout::{HEADER_LEN, TIMES, VERSION};
use crate::error::Error;
use crate::keyring::{KEY_ID_LEN, KeyId};
use crate::spec::CookieSpec;

/// Version, mode, key id, schema fingerprint and name length: the binding before the name.
const FIXED: usize = 2 + KEY_ID_LEN + 8 + 2;
/// SHA-256's block size; the binding is padded to whole blocks.
const BLOCK: usize = 64;
/// The longest binding: the fixed fields and the longest name, padded to whole blocks.
pub(crate) const MAX_BINDING: usize = (FIXED + MAX_NAME_LEN).next_multiple_of(BLOCK);
/// The longest associated data of a sealed value: a binding and the two times.
pub(crate) const MAX_SEALED_AD: usize = MAX_BINDING + 16;

/// Writes the binding of a cookie under one key into `buf` and returns its length: version,
/// mode byte (the spec's mode, with the origin flag when the payload starts with one), key id,
/// schema fingerprint, name length and name, zero-padded to whole SHA-256 blocks. `buf` holds
/// at least [`MAX_BINDING`] bytes.
///
/// # Errors
/// [`Error::Misconfigured`] for a name over [`MAX_NAME_LEN`] bytes, which no valid spec has.
#[inline]
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
    let end = FIXED + name.len();
    let padded = end.next_multiple_of(BLOCK);
    let buf = &mut buf[..padded];
    buf[0] = VERSION;
    buf[1] = mode;
    buf[2..TIMES].copy_from_slice(key.as_bytes());
    buf[TIMES..TIMES + 8].copy_from_slice(&spec.schema.to_be_bytes());
    buf[TIMES + 8..FIXED].copy_from_slice(&name_len.to_be_bytes());
    buf[FIXED..end].copy_from_slice(name);
    buf[end..].fill(0);
    Ok(padded)
}

/// Writes the associated data of a sealed value into `buf`: the binding, then issued-at and
/// expires-at as they stand in `header`.
///
/// # Errors
/// As [`binding`].
#[inline]
pub(crate) fn sealed_ad<'b>(
    spec: &CookieSpec,
    header: &[u8],
    key: KeyId,
    buf: &'b mut [u8; MAX_SEALED_AD],
) -> Result<&'b [u8], Error> {
    let len = binding(spec, header[1], key, buf)?;
    buf[len..len + 16].copy_from_slice(&header[TIMES..HEADER_LEN]);
    Ok(&buf[..len + 16])
}
