//! Secrets from the environment: base64 entries separated by commas.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use zeroize::Zeroizing;

use super::error::KeyError;
use super::secret::MIN_SECRET_LEN;
use super::{Keyring, KeyringBuilder};

impl KeyringBuilder {
    /// The keyring from the environment variable `var`; see [`Keyring::from_env`].
    ///
    /// # Errors
    /// As [`Keyring::from_env`].
    ///
    /// ```
    /// # unsafe { std::env::set_var("DOC_APP_SECRET", typed_cookies::Keyring::generate_secret()); }
    /// let keys = typed_cookies::Keyring::builder().application("shop").env("DOC_APP_SECRET")?;
    /// assert_eq!(keys.application(), Some("shop"));
    /// # Ok::<(), typed_cookies::keyring::KeyError>(())
    /// ```
    pub fn env(self, var: &str) -> Result<Keyring, KeyError> {
        keyring(self, var)
    }
}

impl Keyring {
    /// Builds a keyring from an environment variable holding one or more base64 secrets
    /// separated by commas: the first is the primary key, the rest are previous keys.
    ///
    /// Standard and URL-safe base64 are accepted, with or without padding. Whitespace anywhere
    /// in an entry is dropped, so a secret that a secret manager or a file wrapped or padded
    /// reads as written, and empty entries (a trailing comma) are skipped. Generate a secret
    /// with `openssl rand -base64 32` or [`Keyring::generate_secret`].
    ///
    /// # Errors
    /// [`KeyError::EnvMissing`] when the variable is unset or holds no entry,
    /// [`KeyError::EnvNotUnicode`], [`KeyError::NotBase64`] when an entry is not base64,
    /// [`KeyError::Passphrase`] when an entry is evidently a passphrase or hex digits rather than
    /// random bytes (its bytes are all printable, or its text lacks lowercase or uppercase
    /// letters), each naming the entry but never its content, and the errors of
    /// [`from_secret`](Keyring::from_secret) and [`with_previous`](Keyring::with_previous).
    ///
    /// ```
    /// use typed_cookies::Keyring;
    /// use typed_cookies::keyring::KeyError;
    ///
    /// # unsafe { std::env::set_var("DOC_SECRET", "wHnCGAtMoXAacx7Ro7lAVN5HhabQOuIgSi9utepR6iw=,"); }
    /// let keys = Keyring::from_env("DOC_SECRET")?;
    /// assert_eq!(keys.len(), 1);
    /// assert!(matches!(Keyring::from_env("DOC_UNSET"), Err(KeyError::EnvMissing { .. })));
    /// # Ok::<(), KeyError>(())
    /// ```
    pub fn from_env(var: &str) -> Result<Keyring, KeyError> {
        Keyring::builder().env(var)
    }
}

/// The keyring from `var`: the first entry is the primary key, the rest are previous keys.
pub(super) fn keyring(builder: KeyringBuilder, var: &str) -> Result<Keyring, KeyError> {
    let named = |e: KeyError| match e {
        KeyError::NotBase64 { entry, .. } => KeyError::NotBase64 {
            var: var.to_owned(),
            entry,
        },
        KeyError::Passphrase { entry, .. } => KeyError::Passphrase {
            var: var.to_owned(),
            entry,
        },
        KeyError::EnvMissing { .. } => KeyError::EnvMissing {
            var: var.to_owned(),
        },
        other => other,
    };
    // Read as bytes and held in a wiped buffer, so neither a value that is not Unicode nor any
    // other error frees an unwiped copy of the secret.
    let Some(value) = std::env::var_os(var) else {
        return Err(named(KeyError::EnvMissing { var: String::new() }));
    };
    let value = Zeroizing::new(value.into_encoded_bytes());
    let Ok(text) = core::str::from_utf8(&value) else {
        return Err(KeyError::EnvNotUnicode {
            var: var.to_owned(),
        });
    };
    from_list(builder, text).map_err(named)
}

/// The keyring from comma-separated base64 entries. Whitespace anywhere in an entry is dropped
/// (a secret manager or a file may wrap or pad it), and empty entries are skipped (a trailing
/// comma).
fn from_list(builder: KeyringBuilder, list: &str) -> Result<Keyring, KeyError> {
    let mut ring: Option<Keyring> = None;
    for (entry, text) in list.split(',').enumerate() {
        let mut compact = Zeroizing::new(String::with_capacity(text.len()));
        compact.extend(text.chars().filter(|c| !c.is_ascii_whitespace()));
        if compact.is_empty() {
            continue;
        }
        let secret = decode(&compact).ok_or(KeyError::NotBase64 {
            var: String::new(),
            entry,
        })?;
        if secret.len() >= MIN_SECRET_LEN && is_passphrase(&compact, &secret) {
            return Err(KeyError::Passphrase {
                var: String::new(),
                entry,
            });
        }
        ring = Some(match ring {
            None => builder.clone().secret(&secret)?,
            Some(r) => r.with_previous(&secret)?,
        });
    }
    ring.ok_or(KeyError::EnvMissing { var: String::new() })
}

/// Whether an entry is evidently not base64 of random bytes: its bytes are all printable text
/// (a base64-encoded passphrase), or its text lacks either lowercase or uppercase letters (a
/// passphrase or hex digits that happen to be valid base64). Base64 of 32 random bytes does
/// either with a probability below 10^-9.
fn is_passphrase(text: &str, secret: &[u8]) -> bool {
    let printable = secret.iter().all(|b| b.is_ascii_graphic() || *b == b' ');
    let lower = text.bytes().any(|b| b.is_ascii_lowercase());
    let upper = text.bytes().any(|b| b.is_ascii_uppercase());
    printable || !lower || !upper
}

/// Standard or URL-safe base64, padded or not, decoded into a buffer that is wiped when freed,
/// whether decoding succeeds or fails part way.
fn decode(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let config =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let mut out = Zeroizing::new(Vec::with_capacity(base64::decoded_len_estimate(text.len())));
    for alphabet in [&base64::alphabet::STANDARD, &base64::alphabet::URL_SAFE] {
        out.clear();
        if GeneralPurpose::new(alphabet, config)
            .decode_vec(text, &mut out)
            .is_ok()
        {
            return Some(out);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> Result<Keyring, KeyError> {
        from_list(Keyring::builder(), text)
    }

    const A: &str = "mKikfdC1orQKluiDYEuzcNVy6Ag3TeSQxZblyJOTaMQ=";
    const B: &str = "nDG1mHyNL3UY0/VvVbhb0/k5WeRw7eMs2t5DExcw+AA=";

    #[test]
    fn whitespace_and_empty_entries() {
        assert_eq!(list(&format!("  {A}\n")).unwrap().len(), 1);
        assert_eq!(
            list(&format!("{}\n{}", &A[..20], &A[20..])).unwrap().len(),
            1
        );
        assert_eq!(list(&format!("{A},")).unwrap().len(), 1);
        assert_eq!(list(&format!("{A}, ,{B}")).unwrap().len(), 2);
        assert!(matches!(list(" , ,"), Err(KeyError::EnvMissing { .. })));
    }

    #[test]
    fn passphrases_are_refused() {
        // 44 lowercase letters: valid base64 of 33 bytes, but evidently typed by hand.
        let typed = "correcthorsebatterystaplecorrecthorsebattery";
        assert_eq!(typed.len(), 44);
        assert!(decode(typed).is_some());
        assert!(matches!(
            list(typed),
            Err(KeyError::Passphrase { entry: 0, .. })
        ));
        // A passphrase that was base64-encoded: its bytes are all text.
        let encoded = base64::engine::general_purpose::STANDARD
            .encode("my very secret passphrase of some length!");
        assert!(matches!(
            list(&format!("{A},{encoded}")),
            Err(KeyError::Passphrase { entry: 1, .. })
        ));
        // Hex digits are valid base64 too.
        let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        assert!(matches!(list(hex), Err(KeyError::Passphrase { .. })));
        assert!(list(A).is_ok());
    }
}
