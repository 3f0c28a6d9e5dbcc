//! Where each part of a signed or sealed value stands (docs/FORMAT.md):
//!
//! ```text
//! value  = version (1) || mode (1) || key id (8) || issued-at (8) || expires-at (8)
//!          || body || tag
//! body   = payload                    signed: tag = HMAC-SHA256 (32), see `sign`
//!        | nonce (12) || ciphertext   sealed: tag = AES-256-GCM (16), see `seal`
//! payload = [origin (16), when the mode byte has ORIGIN_FLAG] || postcard bytes
//! ```

use typed_cookies_rules::MAX_COOKIE_LEN;

use crate::keyring::KEY_ID_LEN;
use crate::spec::Mode;

/// The format version, the first byte of every value.
pub(crate) const VERSION: u8 = 1;
/// Version, mode, key id, issued-at, expires-at.
pub(crate) const HEADER_LEN: usize = 2 + KEY_ID_LEN + 8 + 8;
/// The offset of issued-at and expires-at in the header.
pub(crate) const TIMES: usize = 2 + KEY_ID_LEN;
/// The bit of the mode byte that says the payload starts with a session origin.
pub(crate) const ORIGIN_FLAG: u8 = 0x10;
/// The most raw bytes whose base64url form fits in a cookie.
pub(crate) const MAX_RAW: usize = MAX_COOKIE_LEN / 4 * 3;
/// Raw bytes of the fast path: values up to 512 raw bytes (682 base64url characters) never
/// touch the larger buffer.
pub(crate) const SMALL_RAW: usize = 512;

/// The mode's byte (plain cookies have no binary form).
pub(crate) const fn mode_byte(mode: Mode) -> u8 {
    match mode {
        Mode::Plain => 0,
        Mode::Signed => 1,
        Mode::Sealed => 2,
    }
}

/// What a value's header says, as it stands in the first [`HEADER_LEN`] bytes.
pub(crate) struct Header {
    /// The mode byte, with its flags.
    pub(crate) mode: u8,
    pub(crate) key: [u8; KEY_ID_LEN],
    pub(crate) issued_at: u64,
    /// 0 for none.
    pub(crate) expires_at: u64,
}

impl Header {
    /// Writes the header into the front of `out`.
    #[inline]
    pub(crate) fn write(&self, out: &mut [u8]) {
        out[0] = VERSION;
        out[1] = self.mode;
        out[2..TIMES].copy_from_slice(&self.key);
        out[TIMES..TIMES + 8].copy_from_slice(&self.issued_at.to_be_bytes());
        out[TIMES + 8..HEADER_LEN].copy_from_slice(&self.expires_at.to_be_bytes());
    }

    /// Reads the header of a value meant for a reader of `mode`, whose body and tag take at
    /// least `min_rest` bytes.
    ///
    /// # Errors
    /// [`Error::Malformed`](crate::error::Error::Malformed) for a short value, another version
    /// or an unknown mode; [`Error::Invalid`](crate::error::Error::Invalid) for a well-formed
    /// value of the other mode, which is not meant for this reader.
    #[inline]
    pub(crate) fn read(
        raw: &[u8],
        mode: Mode,
        min_rest: usize,
    ) -> Result<Header, crate::error::Error> {
        use crate::error::Error;
        if raw.len() < HEADER_LEN + min_rest || raw[0] != VERSION {
            return Err(Error::Malformed);
        }
        let byte = raw[1];
        if !matches!(byte & !ORIGIN_FLAG, 1 | 2) {
            return Err(Error::Malformed);
        }
        if byte & !ORIGIN_FLAG != mode_byte(mode) {
            return Err(Error::Invalid);
        }
        let mut key = [0u8; KEY_ID_LEN];
        key.copy_from_slice(&raw[2..TIMES]);
        Ok(Header {
            mode: byte,
            key,
            issued_at: read_u64(&raw[TIMES..TIMES + 8]),
            expires_at: read_u64(&raw[TIMES + 8..HEADER_LEN]),
        })
    }
}

fn read_u64(bytes: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(bytes);
    u64::from_be_bytes(b)
}
