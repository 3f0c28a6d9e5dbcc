//! Claims SECURITY.md makes that no other test states: what signed and sealed cookies do
//! not prevent, and the patterns it recommends against that.

mod common;

use std::time::{Duration, SystemTime};

use common::pair;
use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Error, Keyring, TypedCookie, Verified};

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "__Host-session", sealed, expires = "2d")]
struct Session {
    user_id: u64,
}

fn keys() -> Keyring {
    Keyring::from_secret(b"security claims, security claims").unwrap()
}

/// Replay: a copied cookie keeps working until it expires, logout or not. The crate is
/// stateless; only expiry, rotation or a server-side check ends it.
#[test]
fn a_copied_cookie_replays_until_expiry() {
    let keys = keys();
    let now = SystemTime::now();
    let stolen = Session::SPEC
        .write_at(&Session { user_id: 7 }, Some(&keys), now)
        .unwrap();
    // The user logs out: the browser deletes its copy, the thief keeps theirs.
    let _logout = Session::removal();
    let read = |at| Session::SPEC.read_at::<Session, _>(pair(&stolen), Some(&keys), at);
    assert_eq!(
        read(now + Duration::from_secs(3600)).unwrap(),
        Some(Session { user_id: 7 })
    );
    assert_eq!(
        read(now + Duration::from_secs(2 * 86_400)),
        Err(Error::Expired)
    );
}

/// Revocation with the verified metadata: reject sessions issued before the user's
/// "valid after" time (set at logout, password change, or "log out everywhere").
#[test]
fn revocation_by_valid_after_time() {
    fn still_valid(session: &Verified<Session>, valid_after: SystemTime) -> bool {
        session.issued_at() >= valid_after
    }
    let keys = keys();
    let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let old = Session::SPEC
        .write_at(&Session { user_id: 7 }, Some(&keys), t0)
        .unwrap();
    let valid_after = t0 + Duration::from_secs(10); // the user logged out everywhere at t0 + 10 s
    let new = Session::SPEC
        .write_at(&Session { user_id: 7 }, Some(&keys), valid_after)
        .unwrap();
    let later = t0 + Duration::from_secs(60);
    let old = Session::SPEC
        .read_verified_at::<Session, _>(pair(&old), &keys, later)
        .unwrap()
        .unwrap();
    let new = Session::SPEC
        .read_verified_at::<Session, _>(pair(&new), &keys, later)
        .unwrap()
        .unwrap();
    assert!(!still_valid(&old, valid_after));
    assert!(still_valid(&new, valid_after));
}

/// Rotation revokes everything written under the retired key at once.
#[test]
fn retiring_a_key_revokes_its_cookies() {
    let before = Keyring::from_secret(&[1; 32]).unwrap();
    let line = Session { user_id: 1 }.to_set_cookie(&before).unwrap();
    let after = Keyring::from_secret(&[2; 32]).unwrap();
    assert_eq!(
        Session::from_header(pair(&line), &after),
        Err(Error::Invalid)
    );
}

/// The issued-at and expiry of a sealed cookie are authenticated but not encrypted: anyone
/// holding the cookie can read when it was issued. The payload is encrypted.
#[test]
fn sealed_header_times_are_readable_payload_is_not() {
    let keys = keys();
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let line = Session::SPEC
        .write_at(
            &Session {
                user_id: 0x0102_0304,
            },
            Some(&keys),
            now,
        )
        .unwrap();
    let raw = common::decode(common::value(&line));
    assert_eq!(&raw[6..14], &1_800_000_000u64.to_be_bytes());
    assert!(!raw.windows(4).any(|w| w == [1, 2, 3, 4]));
}

/// Key ids are derived through HKDF: the same secret always has the same id, different
/// secrets different ones, and the id is not a prefix of the secret or of a subkey's input.
#[test]
fn key_ids_are_stable_and_derived() {
    let a = Keyring::from_secret(&[9; 32]).unwrap().primary_id();
    assert_eq!(a, Keyring::from_secret(&[9; 32]).unwrap().primary_id());
    assert_ne!(a, Keyring::from_secret(&[8; 32]).unwrap().primary_id());
    assert_ne!(a.as_bytes(), &[9; 4]);
}
