//! Checks the test vectors of docs/FORMAT.md, so an accidental change of wire format v1 fails.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::{CookieSpec, Keyring, wire};

const FORMAT_MD: &str = include_str!("../../docs/FORMAT.md");
const NOW: u64 = 1_700_000_000;
const NONCE: [u8; 12] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

fn secret() -> [u8; 32] {
    core::array::from_fn(|i| u8::try_from(i).unwrap_or(0))
}

fn documented(label: &str) -> &'static str {
    let prefix = format!("{label}: ");
    FORMAT_MD
        .lines()
        .find_map(|l| l.strip_prefix(prefix.as_str()))
        .unwrap_or_else(|| panic!("docs/FORMAT.md has no line `{prefix}...`"))
}

fn value_of(line: &str) -> &str {
    let pair = line.split(';').next().unwrap_or_default();
    pair.split_once('=').map_or("", |(_, v)| v)
}

fn spec() -> CookieSpec {
    CookieSpec::new("session")
        .expires(2 * 86_400)
        .schema(0x0123_4567_89ab_cdef)
}

#[test]
fn signed_vector() {
    let keys = Keyring::from_test_secret(&secret()).unwrap();
    let line = spec()
        .signed()
        .write_with(
            &(42u64, "admin"),
            Some(&keys),
            NOW,
            wire::Nonce::Fixed(NONCE),
        )
        .unwrap();
    assert_eq!(line, documented("signed Set-Cookie"));
    let raw = URL_SAFE_NO_PAD.decode(value_of(&line)).unwrap();
    assert_eq!(hex(&raw[..22]), documented("signed header"));
    assert_eq!(hex(&raw[22..raw.len() - 32]), documented("signed payload"));
    assert_eq!(hex(&raw[raw.len() - 32..]), documented("signed tag"));
}

#[test]
fn sealed_vector() {
    let keys = Keyring::from_test_secret(&secret()).unwrap();
    let line = spec()
        .sealed()
        .write_with(
            &(42u64, "admin"),
            Some(&keys),
            NOW,
            wire::Nonce::Fixed(NONCE),
        )
        .unwrap();
    assert_eq!(line, documented("sealed Set-Cookie"));
    let raw = URL_SAFE_NO_PAD.decode(value_of(&line)).unwrap();
    assert_eq!(hex(&raw[..22]), documented("sealed header"));
    assert_eq!(hex(&raw[22..34]), documented("sealed nonce"));
    assert_eq!(
        hex(&raw[34..raw.len() - 16]),
        documented("sealed ciphertext")
    );
    assert_eq!(hex(&raw[raw.len() - 16..]), documented("sealed tag"));
}

#[test]
fn binding_vectors() {
    let keys = Keyring::from_test_secret(&secret()).unwrap();
    for (spec, label) in [
        (spec().signed(), "signed binding"),
        (spec().sealed(), "sealed binding"),
    ] {
        let mut buf = [0u8; wire::MAX_BINDING];
        let len = wire::binding(
            &spec,
            wire::mode_byte(spec.mode),
            keys.primary_id(),
            &mut buf,
        )
        .unwrap();
        assert_eq!(hex(&buf[..len]), documented(label));
    }
}

#[test]
fn bindings_are_whole_blocks_and_grow_with_the_name() {
    let id = Keyring::from_test_secret(&secret()).unwrap().primary_id();
    let mut buf = [0u8; wire::MAX_BINDING];
    // 16 fixed bytes: names up to 48 bytes fit one block, 49 need two, 256 need five.
    for (name, blocks) in [("s", 1), (&"n".repeat(48)[..], 1), (&"n".repeat(49)[..], 2)] {
        let name: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let len = wire::binding(&CookieSpec::new(name).signed(), 1, id, &mut buf).unwrap();
        assert_eq!(len, 64 * blocks, "{name}");
        assert!(buf[16 + name.len()..len].iter().all(|&b| b == 0));
    }
    let longest: &'static str = Box::leak("n".repeat(crate::rules::MAX_NAME_LEN).into_boxed_str());
    assert_eq!(
        wire::binding(&CookieSpec::new(longest).signed(), 1, id, &mut buf),
        Ok(wire::MAX_BINDING)
    );
    let too_long: &'static str =
        Box::leak("n".repeat(crate::rules::MAX_NAME_LEN + 1).into_boxed_str());
    assert!(wire::binding(&CookieSpec::new(too_long).signed(), 1, id, &mut buf).is_err());
}

#[test]
fn key_id_vector() {
    let keys = Keyring::from_test_secret(&secret()).unwrap();
    assert_eq!(keys.primary_id().to_string(), documented("key id"));
    let billing = Keyring::builder()
        .application("billing")
        .test_secrets()
        .secret(&secret())
        .unwrap();
    assert_eq!(
        billing.primary_id().to_string(),
        documented("key id, application billing")
    );
}

#[test]
fn csrf_token_vector() {
    let keys = Keyring::from_test_secret(&secret()).unwrap();
    let value = value_of(documented("signed Set-Cookie"));
    let token = crate::csrf::token(
        keys.primary(),
        "session",
        crate::csrf::Bound::Value(value.as_bytes()),
    );
    assert_eq!(token.as_str(), documented("csrf token of the signed value"));
}

/// A session with an origin: its login 30 days minus one hour ago, so `max_lifetime` cuts the
/// two-day lifetime to one hour.
#[test]
fn signed_session_vector() {
    let keys = Keyring::from_test_secret(&secret()).unwrap();
    let spec = spec().signed().refresh(3600).max_lifetime(30 * 86_400);
    let origin = crate::session::origin::Origin {
        login_at: NOW - 30 * 86_400 + 3600,
        id: core::array::from_fn(|i| 0x10 + u8::try_from(i).unwrap_or(0)),
    };
    let line = spec
        .write_session(
            &(42u64, "admin"),
            Some(&keys),
            NOW,
            wire::Nonce::Fixed(NONCE),
            Some(origin),
        )
        .unwrap();
    assert_eq!(line, documented("signed session Set-Cookie"));
    let raw = URL_SAFE_NO_PAD.decode(value_of(&line)).unwrap();
    assert_eq!(hex(&raw[..22]), documented("signed session header"));
    assert_eq!(
        hex(&raw[22..raw.len() - 32]),
        documented("signed session payload")
    );
    assert_eq!(
        hex(&raw[raw.len() - 32..]),
        documented("signed session tag")
    );
    let mut buf = [0u8; wire::MAX_BINDING];
    let len = wire::binding(&spec, raw[1], keys.primary_id(), &mut buf).unwrap();
    assert_eq!(hex(&buf[..len]), documented("signed session binding"));
    let token = crate::csrf::token(
        keys.primary(),
        "session",
        crate::csrf::Bound::Origin(&origin),
    );
    assert_eq!(
        token.as_str(),
        documented("csrf token of the signed session")
    );
}

#[test]
fn nonce_key_vector() {
    let keys = Keyring::from_test_secret(&secret()).unwrap();
    assert_eq!(hex(&keys.primary().nonce_key[..]), documented("nonce key"));
}

#[test]
fn plain_vector() {
    let line = CookieSpec::new("theme")
        .http_only(false)
        .write_with("dark blue; \"x\"", None, NOW, wire::Nonce::Fixed(NONCE))
        .unwrap();
    assert_eq!(line, documented("plain Set-Cookie"));
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
