//! Checks the test vectors of docs/FORMAT.md, so an accidental change of wire format v1 fails.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::{CookieSpec, Keyring};

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
    let keys = Keyring::from_secret(&secret()).unwrap();
    let line = spec()
        .signed()
        .write_with(&(42u64, "admin"), Some(&keys), NOW, NONCE)
        .unwrap();
    assert_eq!(line, documented("signed Set-Cookie"));
    let raw = URL_SAFE_NO_PAD.decode(value_of(&line)).unwrap();
    assert_eq!(hex(&raw[..22]), documented("signed header"));
    assert_eq!(hex(&raw[22..raw.len() - 32]), documented("signed payload"));
    assert_eq!(hex(&raw[raw.len() - 32..]), documented("signed tag"));
}

#[test]
fn sealed_vector() {
    let keys = Keyring::from_secret(&secret()).unwrap();
    let line = spec()
        .sealed()
        .write_with(&(42u64, "admin"), Some(&keys), NOW, NONCE)
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
fn key_id_vector() {
    let keys = Keyring::from_secret(&secret()).unwrap();
    assert_eq!(keys.primary_id().to_string(), documented("key id"));
}

#[test]
fn plain_vector() {
    let line = CookieSpec::new("theme")
        .http_only(false)
        .write_with("dark blue; \"x\"", None, NOW, NONCE)
        .unwrap();
    assert_eq!(line, documented("plain Set-Cookie"));
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
