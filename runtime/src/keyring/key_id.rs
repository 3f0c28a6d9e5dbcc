use core::fmt;

/// The length of a key id on the wire.
pub(crate) const KEY_ID_LEN: usize = 4;

/// The short public identifier of one key in a [`Keyring`](crate::Keyring), carried in every signed or sealed
/// cookie so a read finds its key without trial decryption.
///
/// It is derived from the secret through HKDF and reveals nothing about it.
///
/// ```
/// use typed_cookies::Keyring;
///
/// let keys = Keyring::from_test_secret(&[7; 32])?;
/// assert_eq!(keys.primary_id().to_string().len(), 8);
/// # Ok::<(), typed_cookies::keyring::KeyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
