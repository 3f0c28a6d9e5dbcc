use core::fmt;
use core::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use aes_gcm::{Aes256Gcm, KeyInit};
use base64::Engine as _;
use hkdf::Hkdf;
use hmac::{Hmac, Mac as _};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::Error;
use crate::spec::{CookieSpec, Mode};
use crate::wire::{self, MAX_BINDING};

/// The shortest master secret a [`Keyring`] accepts, in bytes.
pub const MIN_SECRET_LEN: usize = 32;

/// How many cookies one key may seal before random 96-bit nonces start to risk a collision
/// (NIST SP 800-38D section 8.3: at most 2^32 invocations per key with random nonces).
///
/// [`Keyring::seal_count`] tells how close the primary key is; rotate well before this.
pub const SEAL_BUDGET: u64 = 1 << 32;

const LABEL_SIGN: &[u8] = b"typed-cookies v1 sign";
const LABEL_SEAL: &[u8] = b"typed-cookies v1 seal";
const LABEL_ID: &[u8] = b"typed-cookies v1 key-id";
const LABEL_NONCE: &[u8] = b"typed-cookies v1 nonce";

/// How many signed cookie types each key keeps a prepared HMAC state for; more still work, at
/// the cost of hashing their binding on every write and read.
pub(crate) const PREPARED_COOKIES: usize = 16;

/// The length of a key id on the wire.
pub(crate) const KEY_ID_LEN: usize = 4;

/// The short public identifier of one key in a [`Keyring`], carried in every signed or sealed
/// cookie so a read finds its key without trial decryption.
///
/// It is derived from the secret through HKDF and reveals nothing about it.
///
/// ```
/// use typed_cookies::Keyring;
///
/// let keys = Keyring::from_secret(&[7; 32])?;
/// assert_eq!(keys.primary_id().to_string().len(), 8);
/// # Ok::<(), typed_cookies::KeyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyId(pub(crate) [u8; KEY_ID_LEN]);

impl KeyId {
    /// The id's bytes as they appear on the wire.
    ///
    /// ```
    /// # let keys = typed_cookies::Keyring::generate();
    /// assert_eq!(keys.primary_id().as_bytes().len(), 4);
    /// ```
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; KEY_ID_LEN] {
        &self.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

/// One key's prepared state: the HMAC state after absorbing the key and the AES-256 key
/// schedule, both built once, and per signed cookie type the HMAC state after absorbing that
/// cookie's binding, built on first use. All of them zeroize themselves on drop.
pub(crate) struct Key {
    pub(crate) id: KeyId,
    mac: Hmac<Sha256>,
    pub(crate) aead: Aes256Gcm,
    /// The key of the synthetic nonces of sealed writes (see `nonce`).
    pub(crate) nonce_key: Zeroizing<[u8; 16]>,
    seals: AtomicU64,
    prepared: [OnceLock<Prepared>; PREPARED_COOKIES],
}

/// The HMAC state of one key with one signed cookie's binding absorbed.
struct Prepared {
    name: &'static str,
    schema: u64,
    mode: Mode,
    mac: Hmac<Sha256>,
}

impl Prepared {
    fn is_for(&self, spec: &CookieSpec) -> bool {
        // A derived type's spec is one static, so its name is usually the very same `&str`.
        self.schema == spec.schema
            && self.mode == spec.mode
            && (core::ptr::eq(self.name, spec.name) || self.name == spec.name)
    }
}

impl Key {
    fn derive(secret: &[u8]) -> Result<Key, KeyError> {
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
        let mut id = [0u8; KEY_ID_LEN];
        // HKDF-SHA256 yields up to 8160 bytes, HMAC takes keys of any length and AES-256 takes
        // exactly these 32 bytes: none of these can fail.
        let (Ok(()), Ok(()), Ok(()), Ok(())) = (
            hk.expand(LABEL_SIGN, &mut sign[..]),
            hk.expand(LABEL_SEAL, &mut seal[..]),
            hk.expand(LABEL_NONCE, &mut nonce_key[..]),
            hk.expand(LABEL_ID, &mut id),
        ) else {
            unreachable!("HKDF-SHA256 output lengths are fixed and valid")
        };
        let (Ok(mac), Ok(aead)) = (
            <Hmac<Sha256> as KeyInit>::new_from_slice(&sign[..]),
            Aes256Gcm::new_from_slice(&seal[..]),
        ) else {
            unreachable!("32-byte keys are valid for HMAC-SHA256 and AES-256")
        };
        Ok(Key {
            id: KeyId(id),
            mac,
            aead,
            nonce_key,
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
    pub(crate) fn prepared(&self, spec: &CookieSpec) -> Option<&Hmac<Sha256>> {
        for slot in &self.prepared {
            let p = match slot.get() {
                Some(p) => p,
                None => Self::fill(slot, self.absorb_binding(spec).ok()?, spec),
            };
            if p.is_for(spec) {
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
    ) -> &'k Prepared {
        slot.get_or_init(|| Prepared {
            name: spec.name,
            schema: spec.schema,
            mode: spec.mode,
            mac,
        })
    }

    /// The HMAC state with `spec`'s binding absorbed, built afresh.
    ///
    /// # Errors
    /// [`Error::Misconfigured`] for a name over [`MAX_NAME_LEN`](wire::MAX_NAME_LEN) bytes.
    pub(crate) fn absorb_binding(&self, spec: &CookieSpec) -> Result<Hmac<Sha256>, Error> {
        let mut buf = [0u8; MAX_BINDING];
        let len = wire::binding(spec, self.id, &mut buf)?;
        let mut mac = self.mac.clone();
        mac.update(&buf[..len]);
        Ok(mac)
    }

    pub(crate) fn count_seal(&self) {
        self.seals.fetch_add(1, Ordering::Relaxed);
    }
}

/// The keys that sign, seal and verify cookies.
///
/// A keyring holds one primary key, which writes, and any number of previous keys, which still
/// read. Every key is derived from a master secret of at least [`MIN_SECRET_LEN`] bytes: HKDF-SHA256
/// gives it a signing subkey, a sealing subkey and a public [`KeyId`]. The HMAC state and the
/// AES-256-GCM key schedule are prepared here, once, never per cookie; so is, on its first use,
/// the HMAC state of each signed cookie type with that cookie's name and schema already hashed
/// (for up to 16 cookie types per key; more still work, at the cost of one more SHA-256 block
/// per cookie). Cloning is cheap (the keys are shared) and the clones share the seal counters
/// and prepared states.
///
/// `Debug` shows key ids only; subkeys are zeroized when the last clone drops.
///
/// ```
/// use typed_cookies::Keyring;
///
/// // Rotation: the new secret writes, the old one still reads.
/// let keys = Keyring::from_secret(b"a new secret of at least 32 bytes!!")?
///     .with_previous(b"the old secret, also 32 bytes long!")?;
/// assert_eq!(keys.len(), 2);
/// assert!(!format!("{keys:?}").contains("secret"));
/// # Ok::<(), typed_cookies::KeyError>(())
/// ```
#[derive(Clone)]
pub struct Keyring {
    keys: Arc<[Key]>,
}

impl Keyring {
    /// Builds a keyring whose only (primary) key comes from `secret`.
    ///
    /// # Errors
    /// [`KeyError::SecretTooShort`] when `secret` has fewer than [`MIN_SECRET_LEN`] bytes.
    ///
    /// ```
    /// use typed_cookies::{KeyError, Keyring};
    ///
    /// assert!(Keyring::from_secret(&[1; 32]).is_ok());
    /// assert_eq!(
    ///     Keyring::from_secret(b"short").unwrap_err(),
    ///     KeyError::SecretTooShort { len: 5, min: 32 },
    /// );
    /// ```
    pub fn from_secret(secret: &[u8]) -> Result<Keyring, KeyError> {
        Ok(Keyring {
            keys: Arc::from([Key::derive(secret)?]),
        })
    }

    /// Adds a previous key: cookies it wrote still read (and are flagged as written by a
    /// previous key), but new cookies are written with the primary key only.
    ///
    /// # Errors
    /// [`KeyError::SecretTooShort`] for a short secret, [`KeyError::DuplicateKey`] when the
    /// secret is already in the ring.
    ///
    /// ```
    /// use typed_cookies::Keyring;
    ///
    /// let keys = Keyring::from_secret(&[2; 32])?.with_previous(&[1; 32])?;
    /// assert_eq!(keys.len(), 2);
    /// # Ok::<(), typed_cookies::KeyError>(())
    /// ```
    pub fn with_previous(self, secret: &[u8]) -> Result<Keyring, KeyError> {
        let key = Key::derive(secret)?;
        if self.find(key.id).is_some() {
            return Err(KeyError::DuplicateKey);
        }
        let mut keys: Vec<Key> = Vec::with_capacity(self.keys.len() + 1);
        for k in self.keys.iter() {
            keys.push(Key::derive_clone(k));
        }
        keys.push(key);
        Ok(Keyring { keys: keys.into() })
    }

    /// Builds a keyring from an environment variable holding one or more base64 secrets
    /// separated by commas: the first is the primary key, the rest are previous keys.
    ///
    /// Standard and URL-safe base64 are accepted, with or without padding. Generate a secret
    /// with `openssl rand -base64 32` or [`Keyring::generate_secret`].
    ///
    /// # Errors
    /// [`KeyError::EnvMissing`] when the variable is unset or empty, [`KeyError::EnvNotUnicode`],
    /// [`KeyError::NotBase64`] when an entry is not base64 (the message says which entry, never
    /// its content), and the errors of [`from_secret`](Keyring::from_secret) and
    /// [`with_previous`](Keyring::with_previous).
    ///
    /// ```
    /// use typed_cookies::{KeyError, Keyring};
    ///
    /// # unsafe { std::env::set_var("DOC_SECRET", "c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0IHNlY3JldCE="); }
    /// let keys = Keyring::from_env("DOC_SECRET")?;
    /// assert_eq!(keys.len(), 1);
    /// assert!(matches!(Keyring::from_env("DOC_UNSET"), Err(KeyError::EnvMissing { .. })));
    /// # Ok::<(), KeyError>(())
    /// ```
    pub fn from_env(var: &str) -> Result<Keyring, KeyError> {
        let value = match std::env::var(var) {
            Ok(v) if !v.trim().is_empty() => Zeroizing::new(v),
            Ok(_) | Err(std::env::VarError::NotPresent) => {
                return Err(KeyError::EnvMissing {
                    var: var.to_owned(),
                });
            }
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(KeyError::EnvNotUnicode {
                    var: var.to_owned(),
                });
            }
        };
        Keyring::from_base64_list(&value).map_err(|e| match e {
            KeyError::NotBase64 { entry, .. } => KeyError::NotBase64 {
                var: var.to_owned(),
                entry,
            },
            other => other,
        })
    }

    fn from_base64_list(list: &str) -> Result<Keyring, KeyError> {
        let mut ring: Option<Keyring> = None;
        for (entry, text) in list.split(',').enumerate() {
            let secret = decode_secret(text.trim()).ok_or(KeyError::NotBase64 {
                var: String::new(),
                entry,
            })?;
            ring = Some(match ring {
                None => Keyring::from_secret(&secret)?,
                Some(r) => r.with_previous(&secret)?,
            });
        }
        ring.ok_or(KeyError::EnvMissing { var: String::new() })
    }

    /// Builds a keyring around a fresh random 32-byte secret from the operating system.
    ///
    /// Cookies it writes stop verifying when the process exits: use it for tests, demos and
    /// single-process apps whose sessions may end on restart.
    ///
    /// # Panics
    /// When the operating system's random number generator fails, which leaves no safe way
    /// to continue.
    ///
    /// ```
    /// let keys = typed_cookies::Keyring::generate();
    /// assert_eq!(keys.len(), 1);
    /// ```
    #[must_use]
    pub fn generate() -> Keyring {
        let secret = random_secret();
        match Keyring::from_secret(&secret[..]) {
            Ok(k) => k,
            Err(_) => unreachable!("a 32-byte secret is long enough"),
        }
    }

    /// A fresh random 32-byte secret, base64-encoded, for an operator to put into the
    /// environment variable that [`from_env`](Keyring::from_env) reads.
    ///
    /// # Panics
    /// When the operating system's random number generator fails.
    ///
    /// ```
    /// let secret = typed_cookies::Keyring::generate_secret();
    /// assert_eq!(secret.len(), 44);
    /// ```
    #[must_use]
    pub fn generate_secret() -> String {
        base64::engine::general_purpose::STANDARD.encode(&random_secret()[..])
    }

    /// The id of the key that writes.
    ///
    /// ```
    /// let keys = typed_cookies::Keyring::from_secret(&[3; 32])?;
    /// assert_eq!(keys.primary_id(), keys.key_ids().next().unwrap());
    /// # Ok::<(), typed_cookies::KeyError>(())
    /// ```
    #[must_use]
    pub fn primary_id(&self) -> KeyId {
        self.keys[0].id
    }

    /// The ids of every key, the primary first.
    ///
    /// ```
    /// let keys = typed_cookies::Keyring::generate();
    /// assert_eq!(keys.key_ids().count(), 1);
    /// ```
    pub fn key_ids(&self) -> impl Iterator<Item = KeyId> + '_ {
        self.keys.iter().map(|k| k.id)
    }

    /// How many keys the ring holds (primary and previous).
    ///
    /// ```
    /// assert_eq!(typed_cookies::Keyring::generate().len(), 1);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Always `false`: a keyring holds at least its primary key.
    ///
    /// ```
    /// assert!(!typed_cookies::Keyring::generate().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// How many cookies the primary key has sealed through this keyring and its clones since
    /// it was built. Compare with [`SEAL_BUDGET`] and rotate well before it (see SECURITY.md).
    ///
    /// ```
    /// let keys = typed_cookies::Keyring::generate();
    /// assert_eq!(keys.seal_count(), 0);
    /// ```
    #[must_use]
    pub fn seal_count(&self) -> u64 {
        self.keys[0].seals.load(Ordering::Relaxed)
    }

    pub(crate) fn primary(&self) -> &Key {
        &self.keys[0]
    }

    /// The key with this id and whether it is the primary one.
    pub(crate) fn find(&self, id: KeyId) -> Option<(&Key, bool)> {
        self.keys
            .iter()
            .enumerate()
            .find(|(_, k)| k.id == id)
            .map(|(i, k)| (k, i == 0))
    }
}

impl Key {
    /// A copy of a prepared key with a counter of its own; used when a ring is rebuilt.
    fn derive_clone(k: &Key) -> Key {
        Key {
            id: k.id,
            mac: k.mac.clone(),
            aead: k.aead.clone(),
            nonce_key: k.nonce_key.clone(),
            seals: AtomicU64::new(k.seals.load(Ordering::Relaxed)),
            prepared: [const { OnceLock::new() }; PREPARED_COOKIES],
        }
    }
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("primary", &self.primary_id())
            .field(
                "previous",
                &self.keys[1..].iter().map(|k| k.id).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

fn random_secret() -> Zeroizing<[u8; 32]> {
    let mut secret = Zeroizing::new([0u8; 32]);
    if let Err(e) = getrandom::fill(&mut secret[..]) {
        panic!("the operating system's random number generator failed: {e}");
    }
    secret
}

fn decode_secret(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    let config =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let standard = GeneralPurpose::new(&base64::alphabet::STANDARD, config);
    let url = GeneralPurpose::new(&base64::alphabet::URL_SAFE, config);
    standard
        .decode(text)
        .or_else(|_| url.decode(text))
        .ok()
        .map(Zeroizing::new)
}

/// Why a [`Keyring`] could not be built. Messages never contain secret material.
///
/// ```
/// use typed_cookies::{KeyError, Keyring};
///
/// let err = Keyring::from_secret(&[0; 16]).unwrap_err();
/// assert_eq!(err.to_string(), "secret is 16 bytes long; at least 32 are required");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// The secret is shorter than [`MIN_SECRET_LEN`].
    SecretTooShort {
        /// The secret's length in bytes.
        len: usize,
        /// The minimum, [`MIN_SECRET_LEN`].
        min: usize,
    },
    /// The environment variable is unset or empty.
    EnvMissing {
        /// The variable's name.
        var: String,
    },
    /// The environment variable is not valid Unicode.
    EnvNotUnicode {
        /// The variable's name.
        var: String,
    },
    /// An entry of the environment variable is not base64.
    NotBase64 {
        /// The variable's name.
        var: String,
        /// Which comma-separated entry, counting from 0.
        entry: usize,
    },
    /// The same secret was added twice.
    DuplicateKey,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::SecretTooShort { len, min } => {
                write!(f, "secret is {len} bytes long; at least {min} are required")
            }
            KeyError::EnvMissing { var } => write!(
                f,
                "environment variable {var} is not set; set it to a base64 secret of at least \
                 {MIN_SECRET_LEN} bytes"
            ),
            KeyError::EnvNotUnicode { var } => {
                write!(f, "environment variable {var} is not valid Unicode")
            }
            KeyError::NotBase64 { var, entry } => {
                write!(
                    f,
                    "entry {entry} of environment variable {var} is not valid base64"
                )
            }
            KeyError::DuplicateKey => f.write_str("the same secret is in the keyring twice"),
        }
    }
}

impl std::error::Error for KeyError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prepared key state wipes itself. `Hmac<Sha256>` holds two SHA-256 cores (the
    /// states after the inner and outer padded keys) and a block buffer; with the `zeroize`
    /// features of sha2 and hmac, each wipes itself on drop, which `Sha256` (the same core and
    /// buffer) advertises. The AES key schedule and GHASH key of `Aes256Gcm` do likewise.
    #[test]
    fn key_state_is_zeroized_on_drop() {
        fn zeroize_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        zeroize_on_drop::<Sha256>();
        zeroize_on_drop::<Aes256Gcm>();
        zeroize_on_drop::<Zeroizing<[u8; 32]>>();
    }

    fn tag(mac: Hmac<Sha256>) -> [u8; 32] {
        mac.chain_update(b"times and payload")
            .finalize()
            .into_bytes()
            .into()
    }

    /// More cookie types than slots, each a distinct binding: by name, schema and mode.
    fn specs() -> Vec<CookieSpec> {
        (0..PREPARED_COOKIES + 4)
            .flat_map(|i| {
                let name: &'static str = Box::leak(format!("c{i}").into_boxed_str());
                [
                    CookieSpec::new(name).signed(),
                    CookieSpec::new(name).signed().schema(7),
                    CookieSpec::new(name).sealed(),
                ]
            })
            .collect()
    }

    /// What a write or read uses: the prepared state, or a fresh one past the slots.
    fn signer(key: &Key, spec: &CookieSpec) -> Hmac<Sha256> {
        key.prepared(spec)
            .cloned()
            .unwrap_or_else(|| key.absorb_binding(spec).unwrap())
    }

    #[test]
    fn prepared_states_match_a_fresh_absorption() {
        let keys = Keyring::from_secret(&[3; 32]).unwrap();
        let key = keys.primary();
        for round in 0..2 {
            let mut prepared = 0;
            for spec in specs() {
                let fresh = tag(key.absorb_binding(&spec).unwrap());
                if let Some(mac) = key.prepared(&spec) {
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
            .map(|s| tag(keys.primary().absorb_binding(s).unwrap()))
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
        let spec = CookieSpec::new("s").signed();
        let before = tag(signer(keys.primary(), &spec));
        let rotated = keys.with_previous(&[6; 32]).unwrap();
        assert!(rotated.keys[0].prepared.iter().all(|s| s.get().is_none()));
        assert_eq!(tag(signer(rotated.primary(), &spec)), before);
    }
}
