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
    Keyring::from_test_secret(b"security claims, security claims").unwrap()
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
    let before = Keyring::from_test_secret(&[1; 32]).unwrap();
    let line = Session { user_id: 1 }.to_set_cookie(&before).unwrap();
    let after = Keyring::from_test_secret(&[2; 32]).unwrap();
    assert_eq!(
        Session::from_header(pair(&line), &after),
        Err(Error::Invalid)
    );
}

/// The issued-at and expiry of a sealed cookie are authenticated but not encrypted: anyone
/// holding the cookie can read when it was issued. The payload is encrypted.
#[test]
fn sealed_header_times_are_readable_payload_is_not() {
    /// A text field, which the binary encoding writes as its UTF-8 bytes: readable in a
    /// signed value, so its absence from a sealed one means something.
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "__Host-note", sealed)]
    struct SealedNote {
        note: String,
    }
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "__Host-note", signed)]
    struct SignedNote {
        note: String,
    }
    let keys = keys();
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let note = "the plaintext of this cookie".to_owned();
    let sealed = SealedNote::SPEC
        .write_at(&SealedNote { note: note.clone() }, Some(&keys), now)
        .unwrap();
    let signed = SignedNote::SPEC
        .write_at(&SignedNote { note: note.clone() }, Some(&keys), now)
        .unwrap();
    let (sealed, signed) = (
        common::decode(common::value(&sealed)),
        common::decode(common::value(&signed)),
    );
    // Issue time and expiry stand in the clear in both.
    for raw in [&sealed, &signed] {
        assert_eq!(&raw[6..14], &1_800_000_000u64.to_be_bytes());
    }
    // The payload: readable in the signed value, hidden in the sealed one.
    let contains = |raw: &[u8]| raw.windows(note.len()).any(|w| w == note.as_bytes());
    assert!(contains(&signed));
    assert!(!contains(&sealed));
    assert!(!sealed.windows(8).any(|w| w == &note.as_bytes()[..8]));
}

/// Key ids are derived through HKDF: the same secret always has the same id, different
/// secrets different ones, and the id is not a prefix of the secret or of a subkey's input.
#[test]
fn key_ids_are_stable_and_derived() {
    let a = Keyring::from_test_secret(&[9; 32]).unwrap().primary_id();
    assert_eq!(a, Keyring::from_test_secret(&[9; 32]).unwrap().primary_id());
    assert_ne!(a, Keyring::from_test_secret(&[8; 32]).unwrap().primary_id());
    assert_ne!(a.as_bytes(), &[9; 4]);
}

/// Cookie tossing, what an attacker who can set cookies for a parent domain (a sibling
/// subdomain, or a man-in-the-middle on plain HTTP) can do to a cookie without the `__Host-`
/// prefix, which browsers then send next to the real one, often first.
mod tossing {
    use super::*;

    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
    #[cookie(name = "session", sealed, expires = "2d")]
    struct Unprefixed {
        user_id: u64,
    }

    fn line(user_id: u64, keys: &Keyring) -> String {
        pair(&Unprefixed { user_id }.to_set_cookie(keys).unwrap()).to_owned()
    }

    /// They cannot forge: a tossed value that the keyring did not write never reads, first or
    /// not, and does not hide the real one.
    #[test]
    fn a_forged_copy_sent_first_neither_reads_nor_hides() {
        let keys = keys();
        let real = line(1, &keys);
        let other_keys = Keyring::from_test_secret(&[3; 32]).unwrap();
        let forged = line(666, &other_keys);
        let header = format!("{forged}; session=junk; {real}");
        assert_eq!(
            Unprefixed::from_header(&header, &keys).unwrap(),
            Some(Unprefixed { user_id: 1 })
        );
    }

    /// They can log the victim in as themselves (login CSRF, session fixation): their own
    /// genuine cookie, sent first, is the first that verifies and wins.
    #[test]
    fn the_attackers_own_genuine_cookie_sent_first_wins() {
        let keys = keys();
        let header = format!("{}; {}", line(666, &keys), line(1, &keys));
        assert_eq!(
            Unprefixed::from_header(&header, &keys).unwrap(),
            Some(Unprefixed { user_id: 666 })
        );
    }

    /// They can log the victim out: MAX_CANDIDATES well-formed forgeries sent first use up the
    /// verifications a read spends, and the read fails as `Invalid`.
    #[test]
    fn enough_well_formed_forgeries_sent_first_hide_the_real_cookie() {
        let keys = keys();
        let other_keys = Keyring::from_test_secret(&[3; 32]).unwrap();
        let forged: Vec<String> = (0..typed_cookies::rules::MAX_CANDIDATES as u64)
            .map(|i| line(i, &other_keys))
            .collect();
        let header = format!("{}; {}", forged.join("; "), line(1, &keys));
        assert_eq!(Unprefixed::from_header(&header, &keys), Err(Error::Invalid));
    }

    /// A `__Host-` name takes the attacker out: browsers accept it only from the host itself,
    /// over HTTPS, with `Path=/` and no `Domain`, and the derive refuses any other declaration
    /// (tests/ui/host_prefix_*.rs). The type's name is all that needs to change.
    #[test]
    fn host_prefixed_cookies_are_declared_host_only() {
        let spec = Session::SPEC;
        assert!(spec.name().starts_with("__Host-"));
        assert!(Session::removal().contains("; Path=/;"));
        assert!(!Session::removal().contains("Domain"));
        assert!(Session::removal().contains("; Secure"));
    }
}
