//! The keys that sign, seal and verify cookies.

mod env;
mod error;
mod key;
mod key_id;
mod secret;

use core::fmt;
use core::sync::atomic::Ordering;
use std::sync::Arc;

use base64::Engine as _;
use zeroize::Zeroizing;

use crate::revocation::Revocations;

pub use error::KeyError;
pub(crate) use key::Key;
#[cfg(test)]
pub(crate) use key::PREPARED_COOKIES;
pub(crate) use key_id::KEY_ID_LEN;
pub use key_id::KeyId;
pub use secret::MIN_SECRET_LEN;

/// How many cookies one key may seal before random 96-bit nonces start to risk a collision
/// (NIST SP 800-38D section 8.3: at most 2^32 invocations per key with random nonces).
///
/// [`Keyring::seal_count`] tells how close the primary key is; rotate well before this.
pub const SEAL_BUDGET: u64 = 1 << 32;

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
/// let keys = Keyring::from_test_secret(b"a new secret of at least 32 bytes!!")?
///     .with_previous(b"the old secret, also 32 bytes long!")?;
/// assert_eq!(keys.len(), 2);
/// assert!(!format!("{keys:?}").contains("secret"));
/// # Ok::<(), typed_cookies::keyring::KeyError>(())
/// ```
#[derive(Clone)]
pub struct Keyring {
    keys: Arc<[Key]>,
    application: Option<Arc<str>>,
    revocations: Option<Revocations>,
    /// Built for fixed test vectors ([`Keyring::from_test_secret`]): weak secrets admitted.
    test_secrets: bool,
}

/// Builds a [`Keyring`] for one application: [`Keyring::builder`].
///
/// An application label is mixed into the derivation of every key, so two applications that
/// share a secret (or one application and another under the same cookie name and schema at
/// another path) accept none of each other's cookies.
///
/// ```
/// use typed_cookies::{CookieSpec, Keyring};
///
/// let billing = Keyring::builder().application("billing").test_secrets().secret(&[7; 32])?;
/// let admin = Keyring::builder().application("admin").test_secrets().secret(&[7; 32])?;
/// let spec = CookieSpec::new("session").sealed();
/// let line = spec.write(&1u8, Some(&billing)).unwrap();
/// assert!(spec.read::<u8, _>(&line, Some(&admin)).is_err());
/// assert_eq!(spec.read::<u8, _>(&line, Some(&billing)).unwrap(), Some(1));
/// # Ok::<(), typed_cookies::keyring::KeyError>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct KeyringBuilder {
    application: Option<Arc<str>>,
    test_secrets: bool,
}

impl KeyringBuilder {
    /// Labels the keys with an application name (any text; empty means none).
    ///
    /// ```
    /// let keys = typed_cookies::Keyring::builder().application("shop").test_secrets().secret(&[1; 32])?;
    /// assert_eq!(keys.application(), Some("shop"));
    /// # Ok::<(), typed_cookies::keyring::KeyError>(())
    /// ```
    pub fn application(mut self, label: &str) -> KeyringBuilder {
        self.application = (!label.is_empty()).then(|| Arc::from(label));
        self
    }

    /// Admits secrets that are evidently not random (`[7; 32]`, a phrase): for fixed test
    /// vectors only, never for a deployment. [`Keyring::from_test_secret`] is the short form.
    ///
    /// ```
    /// let keys = typed_cookies::Keyring::builder().test_secrets().secret(&[1; 32])?;
    /// assert_eq!(keys.len(), 1);
    /// # Ok::<(), typed_cookies::keyring::KeyError>(())
    /// ```
    pub fn test_secrets(mut self) -> KeyringBuilder {
        self.test_secrets = true;
        self
    }

    /// The keyring whose only (primary) key comes from `secret`; see
    /// [`Keyring::from_secret`].
    ///
    /// # Errors
    /// As [`Keyring::from_secret`].
    ///
    /// ```
    /// let keys = typed_cookies::Keyring::builder().test_secrets().secret(&[1; 32])?;
    /// assert_eq!(keys.len(), 1);
    /// # Ok::<(), typed_cookies::keyring::KeyError>(())
    /// ```
    pub fn secret(self, secret: &[u8]) -> Result<Keyring, KeyError> {
        let weak_allowed = self.test_secrets;
        self.secret_checked(secret, weak_allowed)
    }

    /// [`secret`](KeyringBuilder::secret), `weak_allowed` admitting secrets that look chosen.
    fn secret_checked(self, secret: &[u8], weak_allowed: bool) -> Result<Keyring, KeyError> {
        let key = Key::derive(secret, self.application.as_deref(), weak_allowed)?;
        Ok(Keyring {
            test_secrets: self.test_secrets,
            keys: Arc::from([key]),
            application: self.application,
            revocations: None,
        })
    }
}

impl Keyring {
    /// A builder, for a keyring labelled with an application name.
    ///
    /// ```
    /// let keys = typed_cookies::Keyring::builder().application("shop").test_secrets().secret(&[1; 32])?;
    /// assert_eq!(keys.application(), Some("shop"));
    /// # Ok::<(), typed_cookies::keyring::KeyError>(())
    /// ```
    pub fn builder() -> KeyringBuilder {
        KeyringBuilder::default()
    }

    /// Attaches a revocation hook: the extractors of signed and sealed cookie types that name a
    /// subject ask it before they hand a session to a handler (see [`crate::revocation`]).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use typed_cookies::Keyring;
    /// use typed_cookies::revocation::{MemoryRevocations, Revocations};
    ///
    /// let store = Arc::new(MemoryRevocations::new());
    /// let keys = Keyring::generate().with_revocations(Revocations::new(store.clone()));
    /// assert!(keys.revocations().is_some());
    /// ```
    #[must_use]
    pub fn with_revocations(mut self, revocations: Revocations) -> Keyring {
        self.revocations = Some(revocations);
        self
    }

    /// The revocation hook, if one is attached.
    ///
    /// ```
    /// assert!(typed_cookies::Keyring::generate().revocations().is_none());
    /// ```
    #[must_use]
    pub fn revocations(&self) -> Option<&Revocations> {
        self.revocations.as_ref()
    }

    /// The application label the keys were derived with, if any.
    ///
    /// ```
    /// assert_eq!(typed_cookies::Keyring::generate().application(), None);
    /// ```
    #[must_use]
    pub fn application(&self) -> Option<&str> {
        self.application.as_deref()
    }

    /// Builds a keyring whose only (primary) key comes from `secret`: at least
    /// [`MIN_SECRET_LEN`] random bytes, such as [`generate_secret`](Keyring::generate_secret)
    /// gives (base64, so decode it first, or read it with [`from_env`](Keyring::from_env)).
    ///
    /// # Errors
    /// [`KeyError::SecretTooShort`] when `secret` has fewer than [`MIN_SECRET_LEN`] bytes;
    /// [`KeyError::WeakSecret`] when it is evidently not random: one byte or a short pattern
    /// repeated, a handful of byte values, or printable text (a passphrase, or base64 or hex
    /// that was meant to be decoded). A random secret is refused with a probability below
    /// 10^-13. Fixed test vectors load with [`from_test_secret`](Keyring::from_test_secret).
    ///
    /// ```
    /// use typed_cookies::Keyring;
    /// use typed_cookies::keyring::KeyError;
    ///
    /// let random: [u8; 32] = core::array::from_fn(|i| (i as u8).wrapping_mul(151) ^ 0x5c);
    /// assert!(Keyring::from_secret(&random).is_ok());
    /// assert!(matches!(
    ///     Keyring::from_secret(b"correct horse battery staple 1234"),
    ///     Err(KeyError::WeakSecret { .. }),
    /// ));
    /// assert_eq!(
    ///     Keyring::from_secret(b"short").unwrap_err(),
    ///     KeyError::SecretTooShort { len: 5, min: 32 },
    /// );
    /// ```
    pub fn from_secret(secret: &[u8]) -> Result<Keyring, KeyError> {
        Keyring::builder().secret(secret)
    }

    /// [`from_secret`](Keyring::from_secret) for fixed test vectors: admits secrets that are
    /// evidently not random, here and in [`with_previous`](Keyring::with_previous). Never for
    /// a deployment: such a secret is guessable.
    ///
    /// # Errors
    /// [`KeyError::SecretTooShort`] when `secret` has fewer than [`MIN_SECRET_LEN`] bytes.
    ///
    /// ```
    /// use typed_cookies::Keyring;
    /// use typed_cookies::keyring::KeyError;
    ///
    /// assert!(matches!(Keyring::from_secret(&[7; 32]), Err(KeyError::WeakSecret { .. })));
    /// let keys = Keyring::from_test_secret(&[7; 32])?.with_previous(&[8; 32])?;
    /// assert_eq!(keys.len(), 2);
    /// # Ok::<(), KeyError>(())
    /// ```
    pub fn from_test_secret(secret: &[u8]) -> Result<Keyring, KeyError> {
        Keyring::builder().test_secrets().secret(secret)
    }

    /// Adds a previous key: cookies it wrote still read (and are flagged as written by a
    /// previous key), but new cookies are written with the primary key only.
    ///
    /// # Errors
    /// [`KeyError::SecretTooShort`] for a short secret, [`KeyError::WeakSecret`] for one that
    /// is evidently not random (as in [`from_secret`](Keyring::from_secret)),
    /// [`KeyError::DuplicateKey`] when the secret is already in the ring.
    ///
    /// ```
    /// use typed_cookies::Keyring;
    ///
    /// let keys = Keyring::from_test_secret(&[2; 32])?.with_previous(&[1; 32])?;
    /// assert_eq!(keys.len(), 2);
    /// # Ok::<(), typed_cookies::keyring::KeyError>(())
    /// ```
    pub fn with_previous(self, secret: &[u8]) -> Result<Keyring, KeyError> {
        let key = Key::derive(secret, self.application.as_deref(), self.test_secrets)?;
        if self.find(key.id).is_some() {
            return Err(KeyError::DuplicateKey);
        }
        // Collected straight into its final allocation, so no intermediate buffer of key
        // states is freed unwiped.
        let keys: Arc<[Key]> = self
            .keys
            .iter()
            .map(Key::derive_clone)
            .chain(core::iter::once(key))
            .collect();
        Ok(Keyring {
            keys,
            application: self.application,
            revocations: self.revocations,
            test_secrets: self.test_secrets,
        })
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
        // Bytes from the operating system's random source are random, even in the 1 in 10^13
        // draws that would look chosen.
        match Keyring::builder().secret_checked(&secret[..], true) {
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
    /// let keys = typed_cookies::Keyring::from_test_secret(&[3; 32])?;
    /// assert_eq!(keys.primary_id(), keys.key_ids().next().unwrap());
    /// # Ok::<(), typed_cookies::keyring::KeyError>(())
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

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("application", &self.application)
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
