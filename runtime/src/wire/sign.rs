//! Signed values: an HMAC-SHA256 tag over the binding, the times and the payload.

use hmac::{Hmac, Mac as _};
use sha2::Sha256;

use super::binding::{MAX_BINDING, binding};
use super::layout::TIMES;
use crate::error::Error;
use crate::keyring::Key;
use crate::spec::CookieSpec;

/// The tag's length: all of HMAC-SHA256.
pub(crate) const MAC_LEN: usize = 32;

/// Signs `value` (header, payload and a [`MAC_LEN`]-byte slot for the tag, in that order) of a
/// cookie of `spec` whose mode byte is `mode`.
///
/// # Errors
/// As [`binding`].
#[inline]
pub(crate) fn sign(spec: &CookieSpec, mode: u8, key: &Key, value: &mut [u8]) -> Result<(), Error> {
    let (signed, tag) = value.split_at_mut(value.len() - MAC_LEN);
    // Cloned straight into place: the state is a few hundred bytes.
    let mut mac = match key.prepared(spec.name, spec.schema, mode, absorber(spec, mode, key)) {
        Some(prepared) => prepared.clone(),
        None => absorb_binding(spec, mode, key)?,
    };
    mac.update(&signed[TIMES..]);
    tag.copy_from_slice(&mac.finalize().into_bytes());
    Ok(())
}

/// Verifies `value` (header, payload, tag).
///
/// # Errors
/// [`Error::Invalid`] when the tag does not match.
#[inline]
pub(crate) fn verify(spec: &CookieSpec, mode: u8, key: &Key, value: &[u8]) -> Result<(), Error> {
    let (signed, tag) = value.split_at(value.len() - MAC_LEN);
    let mut mac = match key.prepared(spec.name, spec.schema, mode, absorber(spec, mode, key)) {
        Some(prepared) => prepared.clone(),
        None => absorb_binding(spec, mode, key).map_err(|_| Error::Invalid)?,
    };
    mac.update(&signed[TIMES..]);
    mac.verify_slice(tag).map_err(|_| Error::Invalid)
}

/// What fills a key's empty slot for the cookie type of `spec` (see `Key::prepared`): its
/// binding absorbed.
#[inline]
fn absorber<'a>(
    spec: &'a CookieSpec,
    mode: u8,
    key: &'a Key,
) -> impl Fn() -> Option<Hmac<Sha256>> + 'a {
    move || absorb_binding(spec, mode, key).ok()
}

/// The HMAC state with the binding of `spec` under `key` absorbed, built afresh.
///
/// # Errors
/// As [`binding`].
pub(crate) fn absorb_binding(
    spec: &CookieSpec,
    mode: u8,
    key: &Key,
) -> Result<Hmac<Sha256>, Error> {
    let mut buf = [0u8; MAX_BINDING];
    let len = binding(spec, mode, key.id, &mut buf)?;
    let mut mac = key.mac().clone();
    mac.update(&buf[..len]);
    Ok(mac)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keyring::{Keyring, PREPARED_COOKIES};

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
                    (CookieSpec::new(name).signed(), 1 | crate::wire::ORIGIN_FLAG),
                ]
            })
            .collect()
    }

    /// What a write or read uses: the prepared state, or a fresh one past the slots.
    fn signer(key: &Key, (spec, mode): &(CookieSpec, u8)) -> Hmac<Sha256> {
        slot(key, &(*spec, *mode)).unwrap_or_else(|| absorb_binding(spec, *mode, key).unwrap())
    }

    fn slot(key: &Key, (spec, mode): &(CookieSpec, u8)) -> Option<Hmac<Sha256>> {
        key.prepared(spec.name, spec.schema, *mode, || {
            absorb_binding(spec, *mode, key).ok()
        })
        .cloned()
    }

    #[test]
    fn prepared_states_match_a_fresh_absorption() {
        let keys = Keyring::from_test_secret(&[3; 32]).unwrap();
        let key = keys.primary();
        for round in 0..2 {
            let mut prepared = 0;
            for (spec, mode) in specs() {
                let fresh = tag(absorb_binding(&spec, mode, key).unwrap());
                if let Some(mac) = slot(key, &(spec, mode)) {
                    assert_eq!(tag(mac), fresh, "round {round}");
                    prepared += 1;
                }
            }
            // The first cookie types fill the slots; later ones are hashed afresh each time.
            assert_eq!(prepared, PREPARED_COOKIES, "round {round}");
        }
    }

    #[test]
    fn every_binding_gives_its_own_tag() {
        let keys = Keyring::from_test_secret(&[3; 32]).unwrap();
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
        let keys = Keyring::from_test_secret(&[4; 32]).unwrap();
        let expected: Vec<[u8; 32]> = specs()
            .iter()
            .map(|(s, mode)| tag(absorb_binding(s, *mode, keys.primary()).unwrap()))
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
        assert_eq!(keys.primary().prepared_count(), PREPARED_COOKIES);
    }

    #[test]
    fn a_rebuilt_ring_prepares_afresh() {
        let keys = Keyring::from_test_secret(&[5; 32]).unwrap();
        let spec = (CookieSpec::new("s").signed(), 1);
        let before = tag(signer(keys.primary(), &spec));
        let rotated = keys.with_previous(&[6; 32]).unwrap();
        assert_eq!(rotated.primary().prepared_count(), 0);
        assert_eq!(tag(signer(rotated.primary(), &spec)), before);
    }
}
