use core::fmt;

use super::secret::MIN_SECRET_LEN;

/// Why a [`Keyring`](crate::Keyring) could not be built. Messages never contain secret material.
///
/// ```
/// use typed_cookies::Keyring;
/// use typed_cookies::keyring::KeyError;
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
    /// An entry of the environment variable is evidently a passphrase (or hex digits), not
    /// base64 of random bytes.
    Passphrase {
        /// The variable's name.
        var: String,
        /// Which comma-separated entry, counting from 0.
        entry: usize,
    },
    /// The secret is evidently not random bytes: one byte or a short pattern repeated, a
    /// handful of byte values, or printable text. Generate one with
    /// [`Keyring::generate_secret`](crate::Keyring::generate_secret); fixed test vectors load
    /// through [`Keyring::from_test_secret`](crate::Keyring::from_test_secret).
    WeakSecret {
        /// What gave it away (never the secret itself).
        reason: &'static str,
    },
    /// The same secret was added twice.
    DuplicateKey,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::WeakSecret { reason } => write!(
                f,
                "the secret {reason}, so it is not random bytes: use 32 random bytes \
                 (Keyring::generate_secret, or `openssl rand -base64 32` read with \
                 Keyring::from_env, which decodes base64); fixed test vectors load with \
                 Keyring::from_test_secret"
            ),
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
            KeyError::Passphrase { var, entry } => write!(
                f,
                "entry {entry} of environment variable {var} looks like a passphrase, not random \
                 bytes in base64; generate a secret with `openssl rand -base64 32` or \
                 `typed_cookies::Keyring::generate_secret()`"
            ),
            KeyError::DuplicateKey => f.write_str("the same secret is in the keyring twice"),
        }
    }
}

impl std::error::Error for KeyError {}
