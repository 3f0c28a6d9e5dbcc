//! Sealed values: AES-256-GCM over the payload, with the binding and the times as associated
//! data and a synthetic nonce (see `nonce`).

use aes_gcm::aead::AeadInOut;
use aes_gcm::{Nonce as GcmNonce, Tag};

use super::binding::{MAX_SEALED_AD, sealed_ad};
use super::layout::{HEADER_LEN, TIMES};
use super::nonce::{self, NONCE_LEN, Nonce};
use crate::error::Error;
use crate::keyring::Key;
use crate::spec::CookieSpec;

/// The tag's length: all of GCM's 128 bits.
pub(crate) const GCM_TAG_LEN: usize = 16;

/// Seals `value` in place: header, a [`NONCE_LEN`]-byte slot for the nonce, the plaintext,
/// and a [`GCM_TAG_LEN`]-byte slot for the tag, in that order.
///
/// # Errors
/// [`Error::RandomSource`] when the nonce's randomness fails; [`Error::Serialize`] when the
/// cipher refuses (a plaintext past GCM's limit, which no cookie reaches).
#[inline]
pub(crate) fn seal(
    spec: &CookieSpec,
    key: &Key,
    nonce: Nonce,
    value: &mut [u8],
) -> Result<(), Error> {
    let tag_at = value.len() - GCM_TAG_LEN;
    match nonce {
        Nonce::Fresh => {
            nonce::synthetic(
                &key.nonce_key,
                spec.name,
                spec.schema,
                &mut value[TIMES..tag_at],
            )?;
        }
        Nonce::Fixed(n) => value[HEADER_LEN..HEADER_LEN + NONCE_LEN].copy_from_slice(&n),
    }
    let (header, rest) = value.split_at_mut(HEADER_LEN);
    let mut ad_buf = [0u8; MAX_SEALED_AD];
    let ad = sealed_ad(spec, header, key.id, &mut ad_buf)?;
    let (nonce, rest) = rest.split_at_mut(NONCE_LEN);
    let nonce = GcmNonce::try_from(&*nonce).map_err(|_| Error::Serialize)?;
    let (plaintext, tag_out) = rest.split_at_mut(rest.len() - GCM_TAG_LEN);
    let tag = key
        .aead
        .encrypt_inout_detached(&nonce, ad, plaintext.into())
        .map_err(|_| Error::Serialize)?;
    tag_out.copy_from_slice(&tag);
    key.count_seal();
    Ok(())
}

/// Opens `value` (header, nonce, ciphertext, tag) in place: the ciphertext becomes the
/// plaintext. A value that fails is left as it was (GCM checks the tag before it decrypts), so
/// it can be opened under another binding.
///
/// # Errors
/// [`Error::Invalid`] when the tag does not match.
#[inline]
pub(crate) fn open(spec: &CookieSpec, key: &Key, value: &mut [u8]) -> Result<(), Error> {
    let (header, rest) = value.split_at_mut(HEADER_LEN);
    let mut ad_buf = [0u8; MAX_SEALED_AD];
    let ad = sealed_ad(spec, header, key.id, &mut ad_buf).map_err(|_| Error::Invalid)?;
    let (nonce, rest) = rest.split_at_mut(NONCE_LEN);
    let nonce = GcmNonce::try_from(&*nonce).map_err(|_| Error::Malformed)?;
    let (ciphertext, tag) = rest.split_at_mut(rest.len() - GCM_TAG_LEN);
    let tag = Tag::try_from(&*tag).map_err(|_| Error::Malformed)?;
    key.aead
        .decrypt_inout_detached(&nonce, ad, (&mut *ciphertext).into(), &tag)
        .map_err(|_| Error::Invalid)
}
