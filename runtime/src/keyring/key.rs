//! One key: its subkeys derived from a secret, prepared once, and the per-cookie-type HMAC
//! states it keeps.

use core::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use aes_gcm::{Aes256Gcm, KeyInit};
use hkdf::Hkdf;
use hmac::Hmac;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::error::KeyError;
use super::key_id::{KEY_ID_LEN, KeyId};
use super::secret::{MIN_SECRET_LEN, weakness};

const LABEL_SIGN: &[u8] = b"typed-cookies v1 sign";
const LABEL_SEAL: &[u8] = b"typed-cookies v1 seal";
const LABEL_ID: &[u8] = b"typed-cookies v1 key-id";
const LABEL_NONCE: &[u8] = b"typed-cookies v1 nonce";
const LABEL_CSRF: &[u8] = b"typed-cookies v1 csrf";

/// How many signed cookie types each key keeps a prepared HMAC state for; more still work, at
/// the cost of hashing their binding on every write and read.
pub(crate) const PREPARED_COOKIES: usize = 16;

/// One key's prepared state: the HMAC state after absorbing the key and the AES-256 key
/// schedule, both built once, and per signed cookie type the HMAC state after absorbing that
/// cookie's binding, built on first use. All of them zeroize themselves on drop.
pub(crate) struct Key {
    pub(crate) id: KeyId,
    mac: Hmac<Sha256>,
    pub(crate) aead: Aes256Gcm,
    /// The key of the synthetic nonces of sealed writes (see `nonce`).
    pub(crate) nonce_key: Zeroizing<[u8; 16]>,
    /// The HMAC state of the CSRF tokens bound to sessions this key wrote (see `csrf`).
    pub(crate) csrf: Hmac<Sha256>,
    pub(super) seals: AtomicU64,
    prepared: [OnceLock<Prepared>; PREPARED_COOKIES],
}

/// The HMAC state of one key with one signed cookie's binding absorbed.
struct Prepared {
    name: &'static str,
    schema: u64,
    /// The mode byte as the binding holds it (with the origin flag or without).
    mode: u8,
    mac: Hmac<Sha256>,
}

impl Prepared {
    fn is_for(&self, name: &str, schema: u64, mode: u8) -> bool {
        // A derived type's spec is one static, so its name is usually the very same `&str`.
        self.schema == schema
            && self.mode == mode
            && (core::ptr::eq(self.name, name) || self.name == name)
    }
}

impl Key {
    /// The key from `secret`, for `application` when one is given: its label is appended to
    /// every HKDF info string after a zero byte, so each application derives other keys and
    /// other key ids from the same secret.
    /// The key from `secret`; `weak_allowed` admits fixed test vectors that are evidently not
    /// random.
    pub(super) fn derive(
        secret: &[u8],
        application: Option<&str>,
        weak_allowed: bool,
    ) -> Result<Key, KeyError> {
        if secret.len() < MIN_SECRET_LEN {
            return Err(KeyError::SecretTooShort {
                len: secret.len(),
                min: MIN_SECRET_LEN,
            });
        }
        if !weak_allowed && let Some(reason) = weakness(secret) {
            return Err(KeyError::WeakSecret { reason });
        }
        let hk = Hkdf::<Sha256>::new(None, secret);
        let mut sign = Zeroizing::new([0u8; 32]);
        let mut seal = Zeroizing::new([0u8; 32]);
        let mut nonce_key = Zeroizing::new([0u8; 16]);
        let mut csrf = Zeroizing::new([0u8; 32]);
        let mut id = [0u8; KEY_ID_LEN];
        // HKDF-SHA256 yields up to 8160 bytes, HMAC takes keys of any length and AES-256 takes
        // exactly these 32 bytes: none of these can fail.
        let app = application.map_or(&[][..], str::as_bytes);
        let sep: &[u8] = if application.is_some() { b"\0" } else { b"" };
        let expand = |label: &[u8], out: &mut [u8]| hk.expand_multi_info(&[label, sep, app], out);
        let (Ok(()), Ok(()), Ok(()), Ok(()), Ok(())) = (
            expand(LABEL_SIGN, &mut sign[..]),
            expand(LABEL_SEAL, &mut seal[..]),
            expand(LABEL_NONCE, &mut nonce_key[..]),
            expand(LABEL_CSRF, &mut csrf[..]),
            expand(LABEL_ID, &mut id),
        ) else {
            unreachable!("HKDF-SHA256 output lengths are fixed and valid")
        };
        let (Ok(mac), Ok(aead), Ok(csrf)) = (
            <Hmac<Sha256> as KeyInit>::new_from_slice(&sign[..]),
            Aes256Gcm::new_from_slice(&seal[..]),
            <Hmac<Sha256> as KeyInit>::new_from_slice(&csrf[..]),
        ) else {
            unreachable!("32-byte keys are valid for HMAC-SHA256 and AES-256")
        };
        Ok(Key {
            id: KeyId(id),
            mac,
            aead,
            nonce_key,
            csrf,
            seals: AtomicU64::new(0),
            prepared: [const { OnceLock::new() }; PREPARED_COOKIES],
        })
    }

    /// The HMAC state of this key, before any binding.
    pub(crate) fn mac(&self) -> &Hmac<Sha256> {
        &self.mac
    }

    /// The HMAC state of this key with the binding of the signed cookie type `name` (with
    /// `schema` and mode byte `mode`) absorbed, which `absorb` builds on first use (wire
    /// format: the tag is HMAC over binding, times and payload).
    ///
    /// The first [`PREPARED_COOKIES`] cookie types a key signs keep their state, so the binding
    /// is hashed once per key and cookie type instead of once per cookie. `None` when every
    /// slot holds another cookie type or `absorb` fails. It returns a reference, not a clone,
    /// so the caller clones the state straight into place.
    #[inline]
    pub(crate) fn prepared(
        &self,
        name: &'static str,
        schema: u64,
        mode: u8,
        absorb: impl Fn() -> Option<Hmac<Sha256>>,
    ) -> Option<&Hmac<Sha256>> {
        for slot in &self.prepared {
            let p = match slot.get() {
                Some(p) => p,
                None => Self::fill(slot, absorb()?, name, schema, mode),
            };
            if p.is_for(name, schema, mode) {
                return Some(&p.mac);
            }
        }
        None
    }

    /// Fills an empty slot with `mac`. Another thread may fill it first, perhaps for another
    /// cookie type; then its value is returned and the caller moves on.
    #[cold]
    fn fill<'k>(
        slot: &'k OnceLock<Prepared>,
        mac: Hmac<Sha256>,
        name: &'static str,
        schema: u64,
        mode: u8,
    ) -> &'k Prepared {
        slot.get_or_init(|| Prepared {
            name,
            schema,
            mode,
            mac,
        })
    }

    /// How many slots hold a prepared state.
    #[cfg(test)]
    pub(crate) fn prepared_count(&self) -> usize {
        self.prepared.iter().flat_map(OnceLock::get).count()
    }

    pub(crate) fn count_seal(&self) {
        self.seals.fetch_add(1, Ordering::Relaxed);
    }
}

impl Key {
    /// A copy of a prepared key with a counter of its own; used when a ring is rebuilt.
    pub(super) fn derive_clone(k: &Key) -> Key {
        Key {
            id: k.id,
            mac: k.mac.clone(),
            aead: k.aead.clone(),
            nonce_key: k.nonce_key.clone(),
            csrf: k.csrf.clone(),
            seals: AtomicU64::new(k.seals.load(Ordering::Relaxed)),
            prepared: [const { OnceLock::new() }; PREPARED_COOKIES],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The AES key schedule and GHASH key of `Aes256Gcm` advertise that they wipe themselves
    /// on drop. `Hmac<Sha256>` does not advertise it (its SHA-256 cores wipe themselves with
    /// the `zeroize` feature of sha2): tests/key_residue.rs checks every freed heap block for
    /// its states, the subkeys and the secrets.
    #[test]
    fn key_state_is_zeroized_on_drop() {
        fn zeroize_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        zeroize_on_drop::<Aes256Gcm>();
        zeroize_on_drop::<Zeroizing<[u8; 32]>>();
    }
}
