//! One key: its subkeys derived from a secret, prepared once, and the per-cookie-type HMAC
//! states it keeps.

use core::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use aes_gcm::{Aes256Gcm, KeyInit};
use hkdf::Hkdf;
use hmac::{Hmac, Mac as _};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::{KEY_ID_LEN, KeyError, KeyId, MIN_SECRET_LEN};
use crate::Error;
use crate::spec::CookieSpec;
use crate::wire::{self, MAX_BINDING};

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
    fn is_for(&self, spec: &CookieSpec, mode: u8) -> bool {
        // A derived type's spec is one static, so its name is usually the very same `&str`.
        self.schema == spec.schema
            && self.mode == mode
            && (core::ptr::eq(self.name, spec.name) || self.name == spec.name)
    }
}

impl Key {
    /// The key from `secret`, for `application` when one is given: its label is appended to
    /// every HKDF info string after a zero byte, so each application derives other keys and
    /// other key ids from the same secret.
    pub(super) fn derive(secret: &[u8], application: Option<&str>) -> Result<Key, KeyError> {
        if secret.len() < MIN_SECRET_LEN {
            return Err(KeyError::SecretTooShort {
                len: secret.len(),
                min: MIN_SECRET_LEN,
            });
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

    /// The HMAC state of this key with `spec`'s binding absorbed (wire format: the tag is
    /// HMAC over binding, times and payload), ready to be cloned for the times and payload.
    ///
    /// The first [`PREPARED_COOKIES`] cookie types a key signs keep their state, so the binding
    /// is hashed once per key and cookie type instead of once per cookie. `None` when every
    /// slot holds another cookie type or the binding cannot be built; then use
    /// [`absorb_binding`](Key::absorb_binding). It returns a reference, not a clone, so the
    /// caller clones the state straight into place.
    #[inline]
    pub(crate) fn prepared(&self, spec: &CookieSpec, mode: u8) -> Option<&Hmac<Sha256>> {
        for slot in &self.prepared {
            let p = match slot.get() {
                Some(p) => p,
                None => Self::fill(slot, self.absorb_binding(spec, mode).ok()?, spec, mode),
            };
            if p.is_for(spec, mode) {
                return Some(&p.mac);
            }
        }
        None
    }

    /// Fills an empty slot with `mac`, prepared for `spec`. Another thread may fill it first,
    /// perhaps for another cookie type; then its value is returned and the caller moves on.
    #[cold]
    fn fill<'k>(
        slot: &'k OnceLock<Prepared>,
        mac: Hmac<Sha256>,
        spec: &CookieSpec,
        mode: u8,
    ) -> &'k Prepared {
        slot.get_or_init(|| Prepared {
            name: spec.name,
            schema: spec.schema,
            mode,
            mac,
        })
    }

    /// The HMAC state with `spec`'s binding absorbed, built afresh.
    ///
    /// # Errors
    /// [`Error::Misconfigured`] for a name over [`MAX_NAME_LEN`](wire::MAX_NAME_LEN) bytes.
    pub(crate) fn absorb_binding(
        &self,
        spec: &CookieSpec,
        mode: u8,
    ) -> Result<Hmac<Sha256>, Error> {
        let mut buf = [0u8; MAX_BINDING];
        let len = wire::binding(spec, mode, self.id, &mut buf)?;
        let mut mac = self.mac.clone();
        mac.update(&buf[..len]);
        Ok(mac)
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
    use crate::Keyring;

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

    fn tag(mac: Hmac<Sha256>) -> [u8; 32] {
        mac.chain_update(b"times and payload")
            .finalize()
            .into_bytes()
            .into()
    }

    /// More cookie types than slots, each a distinct binding: by name, schema and mode byte
    /// (the origin flag included), with the mode byte the binding holds.
    fn specs() -> Vec<(CookieSpec, u8)> {
        (0..PREPARED_COOKIES + 4)
            .flat_map(|i| {
                let name: &'static str = Box::leak(format!("c{i}").into_boxed_str());
                [
                    (CookieSpec::new(name).signed(), 1),
                    (CookieSpec::new(name).signed().schema(7), 1),
                    (CookieSpec::new(name).sealed(), 2),
                    (CookieSpec::new(name).signed(), 1 | crate::origin::FLAG),
                ]
            })
            .collect()
    }

    /// What a write or read uses: the prepared state, or a fresh one past the slots.
    fn signer(key: &Key, (spec, mode): &(CookieSpec, u8)) -> Hmac<Sha256> {
        key.prepared(spec, *mode)
            .cloned()
            .unwrap_or_else(|| key.absorb_binding(spec, *mode).unwrap())
    }

    #[test]
    fn prepared_states_match_a_fresh_absorption() {
        let keys = Keyring::from_secret(&[3; 32]).unwrap();
        let key = keys.primary();
        for round in 0..2 {
            let mut prepared = 0;
            for (spec, mode) in specs() {
                let fresh = tag(key.absorb_binding(&spec, mode).unwrap());
                if let Some(mac) = key.prepared(&spec, mode) {
                    assert_eq!(tag(mac.clone()), fresh, "round {round}");
                    prepared += 1;
                }
            }
            // The first cookie types fill the slots; later ones are hashed afresh each time.
            assert_eq!(prepared, PREPARED_COOKIES, "round {round}");
        }
    }

    #[test]
    fn every_binding_gives_its_own_tag() {
        let keys = Keyring::from_secret(&[3; 32]).unwrap();
        let mut tags: Vec<[u8; 32]> = specs()
            .iter()
            .map(|s| tag(signer(keys.primary(), s)))
            .collect();
        let n = tags.len();
        tags.sort_unstable();
        tags.dedup();
        assert_eq!(tags.len(), n);
    }

    #[test]
    fn threads_filling_the_slots_at_once_agree() {
        let keys = Keyring::from_secret(&[4; 32]).unwrap();
        let expected: Vec<[u8; 32]> = specs()
            .iter()
            .map(|(s, mode)| tag(keys.primary().absorb_binding(s, *mode).unwrap()))
            .collect();
        std::thread::scope(|scope| {
            for t in 0..4 {
                let (keys, expected) = (&keys, &expected);
                scope.spawn(move || {
                    let mut specs = specs();
                    let mut expected = expected.clone();
                    specs.rotate_left(t * 5);
                    expected.rotate_left(t * 5);
                    for (spec, want) in specs.iter().zip(&expected) {
                        assert_eq!(tag(signer(keys.primary(), spec)), *want);
                    }
                });
            }
        });
        let filled = keys.primary().prepared.iter().flat_map(OnceLock::get);
        assert_eq!(filled.count(), PREPARED_COOKIES);
    }

    #[test]
    fn a_rebuilt_ring_prepares_afresh() {
        let keys = Keyring::from_secret(&[5; 32]).unwrap();
        let spec = (CookieSpec::new("s").signed(), 1);
        let before = tag(signer(keys.primary(), &spec));
        let rotated = keys.with_previous(&[6; 32]).unwrap();
        assert!(rotated.keys[0].prepared.iter().all(|s| s.get().is_none()));
        assert_eq!(tag(signer(rotated.primary(), &spec)), before);
    }
}
