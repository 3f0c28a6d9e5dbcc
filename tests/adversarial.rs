//! Hostile input and careless configuration: each case of the threat model's test matrix.

mod common;

use std::time::{Duration, Instant};

use common::{pair, value};
use serde::{Deserialize, Serialize};
use typed_cookies::keyring::KeyError;
use typed_cookies::rules::MAX_CANDIDATES;
use typed_cookies::{Cookie, CookieSpec, Error, Keyring};

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "__Host-session", sealed, expires = "1h")]
struct Session {
    user: String,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "note", plain, httponly = false)]
struct Note(String);

fn keys() -> Keyring {
    Keyring::from_test_secret(b"adversarial tests, adversarial!!").unwrap()
}

fn ada() -> Session {
    Session { user: "ada".into() }
}

/// Generous wall-clock bound: linear scans of these inputs take milliseconds; a quadratic one
/// would take hours. Not a performance target.
fn within_seconds<R>(secs: u64, f: impl FnOnce() -> R) -> R {
    let start = Instant::now();
    let r = f();
    assert!(
        start.elapsed() < Duration::from_secs(secs),
        "took {:?}",
        start.elapsed()
    );
    r
}

#[test]
fn a_one_megabyte_header_is_scanned_once() {
    let keys = keys();
    let valid = pair(&ada().to_set_cookie(&keys).unwrap()).to_owned();
    let filler = "x".repeat(1 << 20);
    let header = format!("junk={filler}; {valid}");
    assert!(header.len() > 1 << 20);
    assert_eq!(
        within_seconds(5, || Session::from_header(&header, &keys)).unwrap(),
        Some(ada())
    );
    // A single megabyte-long value under the cookie's own name is refused before decoding.
    let huge = format!("__Host-session={filler}");
    assert_eq!(
        within_seconds(5, || Session::from_header(&huge, &keys)),
        Err(Error::Malformed)
    );
    let no_separators = ";".repeat(1 << 20);
    assert_eq!(
        within_seconds(5, || Session::from_header(&no_separators, &keys)),
        Ok(None)
    );
}

#[test]
fn ten_thousand_cookies_are_bounded() {
    let keys = keys();
    let valid = pair(&ada().to_set_cookie(&keys).unwrap()).to_owned();
    let mut others = String::new();
    for i in 0..10_000 {
        others.push_str(&format!("c{i}=v; "));
    }
    let header = format!("{others}{valid}");
    assert_eq!(
        within_seconds(5, || Session::from_header(&header, &keys)).unwrap(),
        Some(ada())
    );

    // Ten thousand copies of the name that are not even well-formed: they cost a scan and a
    // decode each, no verification, and do not hide the valid copy after them.
    let junk = "__Host-session=forged; ".repeat(10_000);
    assert_eq!(
        within_seconds(5, || Session::from_header(&format!("{junk}{valid}"), &keys)).unwrap(),
        Some(ada())
    );

    // Well-formed forgeries (a real value with its tag altered) each cost a verification:
    // only MAX_CANDIDATES of them are verified, so ten thousand cost bounded work, and a valid
    // copy placed after MAX_CANDIDATES of them is not reached.
    let forged = format!("{}; ", forge(&valid));
    let header = format!("{}{valid}", forged.repeat(10_000));
    assert_eq!(
        within_seconds(5, || Session::from_header(&header, &keys)),
        Err(Error::Invalid)
    );
    let header = format!("{}{valid}", forged.repeat(MAX_CANDIDATES));
    assert_eq!(Session::from_header(&header, &keys), Err(Error::Invalid));
    let header = format!("{}{valid}", forged.repeat(MAX_CANDIDATES - 1));
    assert_eq!(Session::from_header(&header, &keys).unwrap(), Some(ada()));
}

/// `name=value` with the last byte of the value's raw bytes flipped: well-formed, not authentic.
fn forge(pair: &str) -> String {
    let (name, value) = pair.split_once('=').unwrap();
    let mut raw = common::decode(value);
    let last = raw.len() - 1;
    raw[last] ^= 1;
    format!("{name}={}", common::encode(&raw))
}

#[test]
fn a_forged_copy_before_a_valid_one_through_a_header_map() {
    use http::{HeaderMap, HeaderValue, header::COOKIE};
    let keys = keys();
    let line = ada().to_set_cookie(&keys).unwrap();
    let evil = Session {
        user: "mallory".into(),
    }
    .to_set_cookie(&Keyring::generate())
    .unwrap();
    let mut map = HeaderMap::new();
    map.append(COOKIE, HeaderValue::from_str(pair(&evil)).unwrap());
    map.append(COOKIE, HeaderValue::from_str(pair(&line)).unwrap());
    assert_eq!(Session::from_header(&map, &keys).unwrap(), Some(ada()));
}

#[test]
fn nothing_in_a_plain_value_reaches_the_header() {
    for text in [
        "a\r\nSet-Cookie: admin=1",
        "x; Domain=evil.example",
        "a,b",
        "\u{0}\u{7f}",
        "ünï\u{1F36A}",
        "%0D%0A",
        " spaced ",
    ] {
        let line = Note(text.to_owned()).to_set_cookie().unwrap();
        let (pair_part, attrs) = line.split_once("; ").unwrap();
        assert!(
            !pair_part
                .bytes()
                .any(|b| b.is_ascii_control() || b" \",;\\".contains(&b) || !b.is_ascii()),
            "{line}"
        );
        assert_eq!(attrs, "Path=/; Secure; SameSite=Lax");
        assert!(http::HeaderValue::from_str(&line).is_ok());
        assert_eq!(
            Note::from_header(pair_part).unwrap(),
            Some(Note(text.to_owned()))
        );
    }
}

#[test]
fn names_that_differ_only_in_prefix_case_are_other_cookies() {
    let keys = keys();
    let line = ada().to_set_cookie(&keys).unwrap();
    // The browser sends the name exactly as set; another case is another cookie: absent.
    let lower = format!("__host-session={}", value(&line));
    assert_eq!(Session::from_header(&lower, &keys).unwrap(), None);
    // And a value read under that other name fails: the exact name is authenticated.
    let spec = CookieSpec::new("__host-session")
        .sealed()
        .expires(3600)
        .schema(<Session as typed_cookies::TypedCookie>::SPEC.schema_fingerprint());
    assert_eq!(
        spec.read::<Session, _>(&lower, Some(&keys)),
        Err(Error::Invalid)
    );
}

#[test]
fn issued_at_in_the_future_and_the_expiry_boundary() {
    use std::time::SystemTime;
    use typed_cookies::TypedCookie;
    use typed_cookies::rules::ISSUED_AT_LEEWAY_SECS;
    let keys = keys();
    let spec = Session::SPEC;
    let now = SystemTime::now();
    let ahead = |s: u64| {
        spec.write_at(&ada(), Some(&keys), now + Duration::from_secs(s))
            .unwrap()
    };
    assert!(
        spec.read_at::<Session, _>(pair(&ahead(ISSUED_AT_LEEWAY_SECS)), Some(&keys), now)
            .unwrap()
            .is_some()
    );
    assert_eq!(
        spec.read_at::<Session, _>(pair(&ahead(ISSUED_AT_LEEWAY_SECS + 1)), Some(&keys), now),
        Err(Error::Invalid)
    );
    let line = spec.write_at(&ada(), Some(&keys), now).unwrap();
    let at =
        |s: u64| spec.read_at::<Session, _>(pair(&line), Some(&keys), now + Duration::from_secs(s));
    assert!(at(3599).unwrap().is_some());
    assert_eq!(at(3600), Err(Error::Expired));
}

#[test]
fn a_rotated_out_key_no_longer_reads() {
    let old = Keyring::from_test_secret(&[1; 32]).unwrap();
    let line = ada().to_set_cookie(&old).unwrap();
    let during = Keyring::from_test_secret(&[2; 32])
        .unwrap()
        .with_previous(&[1; 32])
        .unwrap();
    assert!(
        Session::from_header_verified(pair(&line), &during)
            .unwrap()
            .unwrap()
            .written_by_previous_key()
    );
    let after = Keyring::from_test_secret(&[2; 32]).unwrap();
    assert_eq!(
        Session::from_header(pair(&line), &after),
        Err(Error::Invalid)
    );
}

#[test]
fn bad_secrets_in_the_environment_are_clear_errors() {
    // Each variable is used by this test alone, so tests running in parallel do not race.
    let set = |k: &str, v: &str| unsafe { std::env::set_var(k, v) };
    set("TC_ADV_EMPTY", "");
    set("TC_ADV_NOT_B64", "this is not base64 at all!!");
    set("TC_ADV_SHORT", "c2hvcnQ=");
    set(
        "TC_ADV_SECOND_BAD",
        "wHnCGAtMoXAacx7Ro7lAVN5HhabQOuIgSi9utepR6iw=,%%%",
    );
    set(
        "TC_ADV_TWO",
        "wHnCGAtMoXAacx7Ro7lAVN5HhabQOuIgSi9utepR6iw=,4PYF8YDOkoORQG/GV9yxDzqKJwy+eGaK+xeDPyXoP1U=",
    );
    assert!(matches!(
        Keyring::from_env("TC_ADV_EMPTY"),
        Err(KeyError::EnvMissing { .. })
    ));
    assert!(matches!(
        Keyring::from_env("TC_ADV_UNSET"),
        Err(KeyError::EnvMissing { .. })
    ));
    assert_eq!(
        Keyring::from_env("TC_ADV_NOT_B64").unwrap_err(),
        KeyError::NotBase64 {
            var: "TC_ADV_NOT_B64".into(),
            entry: 0
        }
    );
    assert_eq!(
        Keyring::from_env("TC_ADV_SHORT").unwrap_err(),
        KeyError::SecretTooShort { len: 5, min: 32 }
    );
    assert_eq!(
        Keyring::from_env("TC_ADV_SECOND_BAD").unwrap_err(),
        KeyError::NotBase64 {
            var: "TC_ADV_SECOND_BAD".into(),
            entry: 1
        }
    );
    assert_eq!(Keyring::from_env("TC_ADV_TWO").unwrap().len(), 2);
    // Wrapped, padded and trailing-comma values read; empty entries are skipped.
    set(
        "TC_ADV_WRAPPED",
        "  wHnCGAtMoXAacx7Ro7\n  lAVN5HhabQOuIgSi9utepR6iw=\n,\n",
    );
    assert_eq!(Keyring::from_env("TC_ADV_WRAPPED").unwrap().len(), 1);
    set("TC_ADV_ONLY_COMMAS", " , ,");
    assert!(matches!(
        Keyring::from_env("TC_ADV_ONLY_COMMAS"),
        Err(KeyError::EnvMissing { .. })
    ));
    // A passphrase that happens to be base64 is refused with a way to make a real secret.
    set(
        "TC_ADV_PASSPHRASE",
        "correcthorsebatterystaplecorrecthorsebattery",
    );
    let err = Keyring::from_env("TC_ADV_PASSPHRASE").unwrap_err();
    assert_eq!(
        err,
        KeyError::Passphrase {
            var: "TC_ADV_PASSPHRASE".into(),
            entry: 0
        }
    );
    assert!(err.to_string().contains("openssl rand -base64 32"), "{err}");
    assert_eq!(
        Keyring::from_test_secret(b"").unwrap_err(),
        KeyError::SecretTooShort { len: 0, min: 32 }
    );
    // No message repeats the secret.
    for var in ["TC_ADV_NOT_B64", "TC_ADV_SHORT", "TC_ADV_SECOND_BAD"] {
        let msg = Keyring::from_env(var).unwrap_err().to_string();
        let secret = std::env::var(var).unwrap();
        assert!(
            !msg.contains(&secret) && !msg.contains("c2hvcnQ") && !msg.contains("wHnCGAtM"),
            "{msg}"
        );
    }
}

#[test]
fn keys_and_errors_show_no_secret_or_plaintext() {
    let secret = *b"do-not-print-this-secret-value!!";
    let keys = Keyring::from_test_secret(&secret).unwrap();
    let shown = format!(
        "{keys:?} {keys:#?} {} {:?}",
        keys.primary_id(),
        keys.primary_id()
    );
    assert!(!shown.contains("do-not-print"), "{shown}");
    for b in secret.chunks(4) {
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        assert!(!shown.contains(&hex), "{shown}");
    }
    // Errors of reads carry no input, no plaintext, no key.
    let secret_user = Session {
        user: "plaintext-that-must-not-leak".into(),
    };
    let line = secret_user.to_set_cookie(&keys).unwrap();
    let tampered = format!("{}A", pair(&line));
    let expired = expired_error(&line, &keys);
    for err in [
        Session::from_header(&tampered, &keys).unwrap_err(),
        expired,
        Session::from_header(pair(&line), &Keyring::generate()).unwrap_err(),
    ] {
        let text = format!("{err} {err:?}");
        assert!(
            !text.contains("plaintext")
                && !text.contains(value(&line))
                && !text.contains("do-not-print"),
            "{text}"
        );
    }
}

fn expired_error(line: &str, keys: &Keyring) -> Error {
    use typed_cookies::TypedCookie;
    let later = std::time::SystemTime::now() + Duration::from_secs(7200);
    let err = Session::SPEC
        .read_at::<Session, _>(pair(line), Some(keys), later)
        .unwrap_err();
    assert_eq!(err, Error::Expired);
    err
}

#[test]
fn seals_are_counted_per_key_across_clones() {
    #[derive(Cookie, Serialize, Deserialize)]
    #[cookie(name = "s", signed)]
    struct SignedOnly(u8);
    let keys = keys();
    let clone = keys.clone();
    assert_eq!(keys.seal_count(), 0);
    for _ in 0..3 {
        ada().to_set_cookie(&keys).unwrap();
    }
    ada().to_set_cookie(&clone).unwrap();
    SignedOnly(1).to_set_cookie(&keys).unwrap();
    assert_eq!(keys.seal_count(), 4, "sealed writes only, shared by clones");
    assert_eq!(clone.seal_count(), 4);
    assert!(keys.seal_count() < typed_cookies::keyring::SEAL_BUDGET);
}
