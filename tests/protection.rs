//! Signed and sealed cookies through the public API: round trips and the attacks they must stop.

mod common;

use std::time::{Duration, SystemTime};

use common::{decode, encode, pair, value};
use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, CookieSpec, Error, Keyring, TypedCookie};

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "session", sealed, expires = "2d")]
struct Sealed {
    user_id: u64,
    role: String,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "session", signed, expires = "2d")]
struct Signed {
    user_id: u64,
    role: String,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "prefs", sealed, expires = "2d")]
struct OtherName {
    user_id: u64,
    role: String,
}

/// Same name and mode as `Sealed`, another field order: another schema.
#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "session", sealed, expires = "2d")]
struct Reordered {
    role: String,
    user_id: u64,
}

fn keys() -> Keyring {
    Keyring::from_test_secret(b"0123456789abcdef0123456789abcdef").unwrap()
}

/// A ring whose primary key is `[2; 32]`, with `[1; 32]` as the previous key.
fn rotated() -> Keyring {
    Keyring::from_test_secret(&[2; 32])
        .unwrap()
        .with_previous(&[1; 32])
        .unwrap()
}

fn signed_admin() -> Signed {
    Signed {
        user_id: 42,
        role: "admin".into(),
    }
}

fn admin() -> Sealed {
    Sealed {
        user_id: 42,
        role: "admin".into(),
    }
}

#[test]
fn round_trip_in_each_mode() {
    let keys = keys();
    let s = admin();
    let line = s.to_set_cookie(&keys).unwrap();
    assert_eq!(
        Sealed::from_header(pair(&line), &keys).unwrap(),
        Some(s.clone())
    );

    let g = Signed {
        user_id: 7,
        role: "user".into(),
    };
    let line = g.to_set_cookie(&keys).unwrap();
    assert_eq!(Signed::from_header(pair(&line), &keys).unwrap(), Some(g));

    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "theme", plain, httponly = false)]
    struct Theme(String);
    let line = Theme("dark".into()).to_set_cookie().unwrap();
    assert_eq!(line, "theme=dark; Path=/; Secure; SameSite=Lax");
    assert_eq!(
        Theme::from_header("theme=dark").unwrap(),
        Some(Theme("dark".into()))
    );
}

#[test]
fn sealed_hides_the_value_and_signed_does_not() {
    let keys = keys();
    let sealed = decode(value(&admin().to_set_cookie(&keys).unwrap()));
    let signed = decode(value(
        &Signed {
            user_id: 42,
            role: "admin".into(),
        }
        .to_set_cookie(&keys)
        .unwrap(),
    ));
    let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    assert!(!contains(&sealed, b"admin"));
    assert!(contains(&signed, b"admin"));
}

#[test]
fn sealing_twice_gives_different_values() {
    let keys = keys();
    let a = admin().to_set_cookie(&keys).unwrap();
    let b = admin().to_set_cookie(&keys).unwrap();
    assert_ne!(value(&a), value(&b), "a fresh nonce per cookie");
}

#[test]
fn absent_is_none() {
    let keys = keys();
    assert_eq!(Sealed::from_header("", &keys).unwrap(), None);
    assert_eq!(
        Sealed::from_header("theme=dark; lang=en", &keys).unwrap(),
        None
    );
    assert_eq!(
        Sealed::from_header("sessionx=1; xsession=2", &keys).unwrap(),
        None
    );
}

/// Every flipped bit and every truncation fails with exactly the error the docs promise: a
/// flip in the version or mode byte (but its origin flag), or a value shorter than the format's
/// fixed parts, is `Malformed` (not in the format); any other change is `Invalid` (tampered).
fn flips_and_truncations_rejected<T: TypedCookie + std::fmt::Debug>(line: &str, keys: &Keyring) {
    let raw = decode(value(line));
    // Version, mode, key id and times; then the nonce and tag (sealed) or the tag (signed).
    let fixed = 22
        + if T::SPEC.mode() == typed_cookies::Mode::Sealed {
            12 + 16
        } else {
            32
        };
    let mut tried = 0;
    for byte in 0..raw.len() {
        for bit in 0..8 {
            let mut bad = raw.clone();
            bad[byte] ^= 1 << bit;
            let header = format!("{}={}", T::SPEC.name(), encode(&bad));
            let got = T::SPEC.read::<T, _>(&header, Some(keys));
            // The mode byte's origin flag (0x10) turns it into another well-formed mode,
            // whose authentication then fails.
            let want = if byte == 0 || (byte == 1 && 1 << bit != 0x10) {
                Error::Malformed
            } else {
                Error::Invalid
            };
            assert_eq!(got.err(), Some(want), "bit {bit} of byte {byte} flipped");
            tried += 1;
        }
    }
    for len in 0..raw.len() {
        let header = format!("{}={}", T::SPEC.name(), encode(&raw[..len]));
        let got = T::SPEC.read::<T, _>(&header, Some(keys));
        let want = if len < fixed {
            Error::Malformed
        } else {
            Error::Invalid
        };
        assert_eq!(got.err(), Some(want), "truncated to {len}");
    }
    // Truncating the text form, which may leave a partial base64 group.
    let text = value(line);
    for len in 0..text.len() {
        let header = format!("{}={}", T::SPEC.name(), &text[..len]);
        assert!(
            T::SPEC.read::<T, _>(&header, Some(keys)).is_err(),
            "text truncated to {len}"
        );
    }
    assert_eq!(tried, raw.len() * 8);
}

#[test]
fn every_bit_flip_and_truncation_of_a_sealed_value_is_rejected() {
    let keys = keys();
    flips_and_truncations_rejected::<Sealed>(&admin().to_set_cookie(&keys).unwrap(), &keys);
}

#[test]
fn every_bit_flip_and_truncation_of_a_signed_value_is_rejected() {
    let keys = keys();
    let line = signed_admin().to_set_cookie(&keys).unwrap();
    flips_and_truncations_rejected::<Signed>(&line, &keys);
}

#[test]
fn appended_bytes_are_rejected() {
    let keys = keys();
    let line = admin().to_set_cookie(&keys).unwrap();
    let mut raw = decode(value(&line));
    raw.push(0);
    let header = format!("session={}", encode(&raw));
    assert_eq!(Sealed::from_header(&header, &keys), Err(Error::Invalid));
}

#[test]
fn a_value_moved_under_another_name_is_rejected() {
    let keys = keys();
    let line = admin().to_set_cookie(&keys).unwrap();
    let moved = format!("prefs={}", value(&line));
    assert_eq!(OtherName::from_header(&moved, &keys), Err(Error::Invalid));
    let prefixed = CookieSpec::new("__Host-session")
        .sealed()
        .expires(172_800)
        .schema(Sealed::SPEC.schema_fingerprint());
    let moved = format!("__Host-session={}", value(&line));
    assert_eq!(
        prefixed.read::<Sealed, _>(&moved, Some(&keys)),
        Err(Error::Invalid)
    );
}

#[test]
fn a_signed_value_offered_to_a_sealed_reader_and_the_reverse_are_rejected() {
    let keys = keys();
    let sealed = admin().to_set_cookie(&keys).unwrap();
    let signed = signed_admin().to_set_cookie(&keys).unwrap();
    assert_eq!(
        Signed::from_header(pair(&sealed), &keys),
        Err(Error::Invalid)
    );
    assert_eq!(
        Sealed::from_header(pair(&signed), &keys),
        Err(Error::Invalid)
    );
}

#[test]
fn another_schema_is_rejected() {
    let keys = keys();
    assert_ne!(
        Sealed::SPEC.schema_fingerprint(),
        Reordered::SPEC.schema_fingerprint()
    );
    let line = admin().to_set_cookie(&keys).unwrap();
    assert_eq!(
        Reordered::from_header(pair(&line), &keys),
        Err(Error::Invalid)
    );
}

#[test]
fn expiry_is_enforced_after_authenticity() {
    let keys = keys();
    let now = SystemTime::now();
    let line = Sealed::SPEC.write_at(&admin(), Some(&keys), now).unwrap();
    let read = |at: SystemTime| Sealed::SPEC.read_at::<Sealed, _>(pair(&line), Some(&keys), at);
    assert_eq!(
        read(now + Duration::from_secs(172_799)).unwrap(),
        Some(admin())
    );
    assert_eq!(
        read(now + Duration::from_secs(172_800)),
        Err(Error::Expired),
        "expired exactly at the boundary"
    );
    assert_eq!(
        read(now + Duration::from_secs(400 * 86_400)),
        Err(Error::Expired)
    );

    // A forged value is invalid, never "expired", however old the clock says it is.
    let mut raw = decode(value(&line));
    let last = raw.len() - 1;
    raw[last] ^= 1;
    let forged = format!("session={}", encode(&raw));
    let got = Sealed::SPEC.read_at::<Sealed, _>(
        &forged,
        Some(&keys),
        now + Duration::from_secs(1_000_000),
    );
    assert_eq!(got, Err(Error::Invalid));
}

/// The reader applies its own lifetime, counted from the authenticated issue time, whatever
/// expiry the writer gave the cookie: a longer one, or none at all. No leeway: the cookie ends
/// at the second its issue time plus the reader's lifetime is reached.
#[test]
fn the_readers_lifetime_bounds_every_cookie() {
    let keys = keys();
    let now = SystemTime::now();
    let hour = Duration::from_secs(3600);
    let reader = CookieSpec::new("s").sealed().expires(3600);
    for writer in [
        CookieSpec::new("s").sealed(),
        CookieSpec::new("s").sealed().expires(2 * 3600),
        CookieSpec::new("s").sealed().expires(400 * 86_400),
    ] {
        let line = writer.write_at(&7u8, Some(&keys), now).unwrap();
        let read = |at: SystemTime| reader.read_verified_at::<u8, _>(pair(&line), &keys, at);
        let got = read(now + hour - Duration::from_secs(1)).unwrap().unwrap();
        assert_eq!(got.value, 7);
        assert_eq!(got.expires_at(), Some(from_secs(now) + hour), "{writer:?}");
        assert_eq!(read(now + hour), Err(Error::Expired), "{writer:?}");
        // The writer itself still reads it on its own terms.
        assert_eq!(
            writer
                .read_at::<u8, _>(pair(&line), Some(&keys), now + hour)
                .unwrap(),
            Some(7)
        );
    }
    // A shorter written lifetime still applies.
    let line = CookieSpec::new("s")
        .sealed()
        .expires(60)
        .write_at(&7u8, Some(&keys), now)
        .unwrap();
    assert_eq!(
        reader.read_at::<u8, _>(pair(&line), Some(&keys), now + Duration::from_secs(60)),
        Err(Error::Expired)
    );
}

/// `now` truncated to whole seconds, as the wire format carries it.
fn from_secs(t: SystemTime) -> SystemTime {
    let secs = t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    std::time::UNIX_EPOCH + Duration::from_secs(secs)
}

#[test]
fn issued_at_far_in_the_future_is_rejected() {
    let keys = keys();
    let now = SystemTime::now();
    let leeway = Duration::from_secs(typed_cookies::rules::ISSUED_AT_LEEWAY_SECS);
    let line = Sealed::SPEC
        .write_at(&admin(), Some(&keys), now + leeway)
        .unwrap();
    assert!(
        Sealed::SPEC
            .read_at::<Sealed, _>(pair(&line), Some(&keys), now)
            .unwrap()
            .is_some()
    );
    let line = Sealed::SPEC
        .write_at(&admin(), Some(&keys), now + leeway + Duration::from_secs(1))
        .unwrap();
    assert_eq!(
        Sealed::SPEC.read_at::<Sealed, _>(pair(&line), Some(&keys), now),
        Err(Error::Invalid)
    );
}

#[test]
fn rotation_reads_old_keys_flags_them_and_drops_removed_ones() {
    let old = Keyring::from_test_secret(&[1; 32]).unwrap();
    let line_old = admin().to_set_cookie(&old).unwrap();
    let rotated = rotated();

    let got = Sealed::from_header_verified(pair(&line_old), &rotated)
        .unwrap()
        .unwrap();
    assert_eq!(got.value, admin());
    assert!(got.written_by_previous_key());
    assert_eq!(got.key_id(), old.primary_id());

    let line_new = admin().to_set_cookie(&rotated).unwrap();
    let got = Sealed::from_header_verified(pair(&line_new), &rotated)
        .unwrap()
        .unwrap();
    assert!(!got.written_by_previous_key());
    assert_eq!(got.key_id(), rotated.primary_id());

    let retired = Keyring::from_test_secret(&[2; 32]).unwrap();
    assert_eq!(
        Sealed::from_header(pair(&line_old), &retired),
        Err(Error::Invalid)
    );
    assert_eq!(
        Sealed::from_header(pair(&line_new), &retired).unwrap(),
        Some(admin())
    );
    // An old key can read, never write.
    assert_eq!(
        Sealed::from_header(pair(&line_new), &old),
        Err(Error::Invalid)
    );
}

/// Relabelling a value with the id of another key in the same ring: the id is authenticated, and
/// the other key's signature or seal does not match, so the ring rejects it, while the original
/// still reads.
#[test]
fn a_value_relabelled_with_another_keys_id_is_rejected() {
    let rotated = rotated();
    let ids: Vec<_> = rotated.key_ids().collect();
    let sealed = admin().to_set_cookie(&rotated).unwrap();
    let signed = signed_admin().to_set_cookie(&rotated).unwrap();
    assert!(
        Sealed::from_header(pair(&sealed), &rotated)
            .unwrap()
            .is_some()
    );
    assert!(
        Signed::from_header(pair(&signed), &rotated)
            .unwrap()
            .is_some()
    );
    for line in [sealed, signed] {
        let mut raw = decode(value(&line));
        assert_eq!(&raw[2..6], ids[0].as_bytes());
        raw[2..6].copy_from_slice(ids[1].as_bytes());
        let header = format!("session={}", encode(&raw));
        assert_eq!(Sealed::from_header(&header, &rotated), Err(Error::Invalid));
        assert_eq!(Signed::from_header(&header, &rotated), Err(Error::Invalid));
    }
}

#[test]
fn same_secret_twice_is_refused() {
    let err = Keyring::from_test_secret(&[1; 32])
        .unwrap()
        .with_previous(&[1; 32])
        .unwrap_err();
    assert_eq!(err, typed_cookies::keyring::KeyError::DuplicateKey);
}

#[test]
fn oversized_writes_are_errors() {
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "big", sealed)]
    struct Big(String);
    #[derive(Cookie, Serialize, Deserialize)]
    #[cookie(name = "big", plain)]
    struct BigPlain(String);
    let keys = keys();
    assert!(matches!(
        Big("x".repeat(5000)).to_set_cookie(&keys),
        Err(Error::TooLarge { max: 4096, .. })
    ));
    // 22 header + 12 nonce + 2 length + n + 16 tag raw bytes, base64url, after "big=":
    // n = 3017 gives 4092 characters (fits with the name), n = 3018 gives 4094 (does not).
    let fits = Big("x".repeat(3017)).to_set_cookie(&keys).unwrap();
    assert_eq!(common::value(&fits).len(), 4092);
    // The largest value reads back too, through the large buffer; and so does one just past
    // the small buffer's 680 characters.
    assert_eq!(
        Big::from_header(pair(&fits), &keys).unwrap(),
        Some(Big("x".repeat(3017)))
    );
    let medium = Big("y".repeat(500)).to_set_cookie(&keys).unwrap();
    assert!(common::value(&medium).len() > 680);
    assert_eq!(
        Big::from_header(pair(&medium), &keys).unwrap(),
        Some(Big("y".repeat(500)))
    );
    assert_eq!(
        Big("x".repeat(3018)).to_set_cookie(&keys),
        Err(Error::TooLarge {
            len: 4097,
            max: 4096
        })
    );
    // Name plus value just at and just over the limit.
    let ok = "x".repeat(4096 - "big".len());
    assert!(BigPlain(ok.clone()).to_set_cookie().is_ok());
    assert_eq!(
        BigPlain(ok + "x").to_set_cookie(),
        Err(Error::TooLarge {
            len: 4097,
            max: 4096
        })
    );
}

#[test]
fn debug_shows_no_key_material() {
    let secret = [0xAB_u8; 32];
    let keys = Keyring::from_test_secret(&secret)
        .unwrap()
        .with_previous(&[0xCD; 32])
        .unwrap();
    let shown = format!("{keys:?} {keys:#?}");
    assert!(
        shown.contains(&keys.primary_id().to_string()),
        "ids are shown: {shown}"
    );
    for needle in [
        "ab, ab", "abab", "171", "cdcd", "205", "mac", "aead", "Hmac", "Aes",
    ] {
        assert!(!shown.contains(needle), "{needle} in {shown}");
    }
}

#[test]
fn a_forged_first_copy_does_not_hide_a_valid_second_copy() {
    let keys = keys();
    let line = admin().to_set_cookie(&keys).unwrap();
    let mut forged = decode(value(&line));
    forged[30] ^= 0x80;
    let header = format!("session={}; session={}", encode(&forged), value(&line));
    assert_eq!(Sealed::from_header(&header, &keys).unwrap(), Some(admin()));
    // Across several headers too, as HTTP/2 sends them.
    let first = format!("session={}", encode(&forged));
    let headers = [first.as_str(), "theme=dark", pair(&line)];
    assert_eq!(
        Sealed::from_header(&headers[..], &keys).unwrap(),
        Some(admin())
    );
    // With only forged copies, the read fails rather than returning None.
    assert_eq!(Sealed::from_header(&first, &keys), Err(Error::Invalid));
}

#[test]
fn expired_wins_over_invalid_when_nothing_verifies() {
    let keys = keys();
    let now = SystemTime::now();
    let line = Sealed::SPEC.write_at(&admin(), Some(&keys), now).unwrap();
    let header = format!("session=garbage; {}", pair(&line));
    let later = now + Duration::from_secs(3 * 86_400);
    assert_eq!(
        Sealed::SPEC.read_at::<Sealed, _>(&header, Some(&keys), later),
        Err(Error::Expired)
    );
}

#[test]
fn a_cookie_from_another_keyring_is_invalid() {
    let line = admin().to_set_cookie(&Keyring::generate()).unwrap();
    assert_eq!(
        Sealed::from_header(pair(&line), &Keyring::generate()),
        Err(Error::Invalid)
    );
}

/// Two applications sharing one secret, or one cookie name and schema at two paths, accept
/// each other's values unless their keyrings carry different application labels.
#[test]
fn an_application_label_separates_apps_that_share_a_secret() {
    let secret = [8; 32];
    let plain_a = Keyring::from_test_secret(&secret).unwrap();
    let plain_b = Keyring::from_test_secret(&secret).unwrap();
    let billing = Keyring::builder()
        .application("billing")
        .test_secrets()
        .secret(&secret)
        .unwrap();
    let back_office = Keyring::builder()
        .application("admin")
        .test_secrets()
        .secret(&secret)
        .unwrap();
    let line = admin_cookie(&billing);
    assert_eq!(
        Sealed::from_header(pair(&line), &back_office),
        Err(Error::Invalid)
    );
    assert_eq!(
        Sealed::from_header(pair(&line), &plain_a),
        Err(Error::Invalid)
    );
    assert_eq!(
        Sealed::from_header(pair(&line), &billing).unwrap(),
        Some(admin())
    );
    assert_ne!(billing.primary_id(), back_office.primary_id());
    // Without labels, the two apps read each other's cookies.
    let line = admin_cookie(&plain_a);
    assert_eq!(
        Sealed::from_header(pair(&line), &plain_b).unwrap(),
        Some(admin())
    );
    // Rotation keeps the label: the previous key is derived for the same application.
    let rotated = Keyring::builder()
        .application("billing")
        .test_secrets()
        .secret(&[9; 32])
        .unwrap()
        .with_previous(&secret)
        .unwrap();
    let line = admin_cookie(&billing);
    assert!(
        Sealed::from_header_verified(pair(&line), &rotated)
            .unwrap()
            .unwrap()
            .written_by_previous_key()
    );
}

fn admin_cookie(keys: &Keyring) -> String {
    admin().to_set_cookie(keys).unwrap()
}
