//! Nonces for sealed cookies.
//!
//! AES-GCM must never see one nonce twice under one key with different inputs: that leaks the
//! XOR of the two plaintexts and the authentication key. Each nonce is therefore
//!
//! ```text
//! nonce = r[..4] || SipHash-1-3(nonce key, schema || name || times || r || plaintext)
//! ```
//!
//! where `r` is 12 fresh bytes from the thread-local CSPRNG (ChaCha12, seeded from the
//! operating system), the nonce key is a subkey of the sealing key, and the rest is everything
//! the seal authenticates or encrypts. Two defences stand behind it:
//!
//! - **Fork detection.** A forked child reseeds before its first seal (see `random`), so
//!   parent and child draw different `r`.
//! - **A message-bound nonce.** A copy of the process that no handler sees, such as a restored
//!   VM snapshot, repeats `r`; the keyed hash then still gives two different nonces for any two
//!   different cookies, and the same nonce only for the same cookie sealed again, which yields
//!   the same bytes and leaks only that they are equal.
//!
//! The construction is a synthetic nonce in the manner of SIV (RFC 5297): a pseudorandom
//! function of fresh randomness and the whole input. Readers do not depend on it: the wire
//! format carries the nonce.

use core::hash::Hasher as _;

use siphasher::sip::SipHasher13;

use crate::error::Error;

/// A sealed value's nonce, in bytes (AES-GCM's 96 bits).
pub(crate) const NONCE_LEN: usize = 12;

/// Where a sealed write's nonce comes from.
#[derive(Clone, Copy)]
pub(crate) enum Nonce {
    /// A fresh synthetic nonce (every real write).
    Fresh,
    /// A given nonce, for the test vectors.
    #[cfg_attr(not(test), allow(dead_code))]
    Fixed([u8; NONCE_LEN]),
}

/// The nonce length, and where in a sealed value's hashed region the nonce stands: after the
/// issue and expiry times.
const SLOT: core::ops::Range<usize> = 16..16 + NONCE_LEN;

/// Fills the nonce slot of `region` (the times, the nonce slot, the plaintext: the contiguous
/// part of a sealed value being written) with a synthetic nonce for a cookie named `name` with
/// schema `schema` under `key` (see the module documentation).
///
/// # Errors
/// [`Error::RandomSource`] when a reseed after a fork finds the operating system's random
/// source failing.
pub(crate) fn synthetic(
    key: &[u8; 16],
    name: &str,
    schema: u64,
    region: &mut [u8],
) -> Result<(), Error> {
    crate::random::fill(&mut region[SLOT])?;
    let nonce = bind(key, name, schema, region);
    region[SLOT].copy_from_slice(&nonce);
    Ok(())
}

/// The nonce for `region` as it stands, its slot holding the randomness.
fn bind(key: &[u8; 16], name: &str, schema: u64, region: &[u8]) -> [u8; NONCE_LEN] {
    let mut h = SipHasher13::new_with_key(key);
    h.write_u64(schema);
    h.write_u64(name.len() as u64);
    h.write(name.as_bytes());
    h.write(region);
    let mut nonce = [0u8; NONCE_LEN];
    nonce[..4].copy_from_slice(&region[SLOT][..4]);
    nonce[4..].copy_from_slice(&h.finish().to_be_bytes());
    nonce
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A region with randomness `r` in its slot and `plaintext` after it.
    fn region(r: u8, plaintext: &[u8]) -> Vec<u8> {
        let mut v = vec![0; 16];
        v.extend([r; NONCE_LEN]);
        v.extend_from_slice(plaintext);
        v
    }

    /// A copy of the process that no fork handler sees (a restored VM snapshot) repeats the
    /// randomness: the nonce still differs for every different cookie, and repeats only for
    /// the very same one, which then seals to the very same bytes.
    #[test]
    fn repeated_randomness_still_gives_each_cookie_its_own_nonce() {
        let key = [9; 16];
        let a = bind(&key, "s", 1, &region(4, b"user 1"));
        assert_ne!(a, bind(&key, "s", 1, &region(4, b"user 2")));
        assert_ne!(a, bind(&key, "t", 1, &region(4, b"user 1")));
        assert_ne!(a, bind(&key, "s", 2, &region(4, b"user 1")));
        assert_ne!(a, bind(&[8; 16], "s", 1, &region(4, b"user 1")));
        assert_ne!(a, bind(&key, "s", 1, &region(5, b"user 1")));
        assert_eq!(a, bind(&key, "s", 1, &region(4, b"user 1")));
    }

    #[test]
    fn fresh_nonces_differ() {
        let key = [9; 16];
        let mut seen = std::collections::HashSet::new();
        for _ in 0..10_000 {
            let mut r = region(0, b"same");
            synthetic(&key, "s", 1, &mut r).unwrap();
            assert!(seen.insert(r[SLOT].to_vec()));
        }
    }
}
