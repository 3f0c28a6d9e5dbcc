//! The mistakes a hurried developer makes are compile errors (tests/ui/mode_missing.rs) or
//! loud errors, never a silent hazard: a signed or sealed value always expires on the server,
//! no synchronous read hands out a revoked session, a type that revocation cannot see is
//! reported, and a secret that is evidently not random is refused.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use typed_cookies::csrf::CsrfRejection;
use typed_cookies::keyring::KeyError;
use typed_cookies::revocation::{
    MemoryRevocations, Revocation, RevocationFuture, Revocations, SessionRef, StoreError,
};
use typed_cookies::rules::DEFAULT_SERVER_LIFETIME_SECS;
use typed_cookies::{Cookie, CsrfToken, Error, Keyring, TypedCookie};

mod common;
use common::recorder::Recorder;

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "__Host-session", sealed, subject = "user")]
struct BrowserSession {
    user: u64,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "prefs", signed)]
struct Prefs {
    lang: String,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "__Host-sid", sealed, expires = "2h", subject = "user")]
struct Session {
    user: u64,
}

fn pair(line: &str) -> &str {
    line.split(';').next().unwrap()
}

#[test]
fn a_value_without_expires_is_a_browser_session_cookie_that_the_server_still_ends() {
    let keys = Keyring::generate();
    let issued = SystemTime::now() - Duration::from_secs(DEFAULT_SERVER_LIFETIME_SECS + 60);
    for spec in [BrowserSession::SPEC, Prefs::SPEC] {
        let line = spec.write_at(&7u64, Some(&keys), issued).unwrap();
        assert!(
            !line.contains("Max-Age") && !line.contains("Expires"),
            "{line}"
        );
        let just_before = issued + Duration::from_secs(DEFAULT_SERVER_LIFETIME_SECS - 1);
        assert_eq!(
            spec.read_at::<u64, _>(pair(&line), Some(&keys), just_before),
            Ok(Some(7))
        );
        assert_eq!(
            spec.read::<u64, _>(pair(&line), Some(&keys)),
            Err(Error::Expired),
            "a {} value issued 31 days ago",
            spec.mode()
        );
    }
    const { assert!(DEFAULT_SERVER_LIFETIME_SECS <= 31 * 86_400) };
}

#[test]
fn a_session_without_expires_does_not_read_five_years_later() {
    let keys = Keyring::generate();
    let five_years = Duration::from_secs(5 * 365 * 86_400);
    let line = BrowserSession { user: 1 }.to_set_cookie(&keys).unwrap();
    let back = BrowserSession::SPEC.read_at::<BrowserSession, _>(
        pair(&line),
        Some(&keys),
        SystemTime::now() + five_years,
    );
    assert_eq!(back, Err(Error::Expired));
}

fn revoked_store() -> Arc<MemoryRevocations> {
    let store = Arc::new(MemoryRevocations::new());
    store.revoke_all_before("7", SystemTime::now() + Duration::from_secs(2));
    store
}

#[test]
fn from_header_refuses_a_revoked_session() {
    let keys = Keyring::generate().with_revocations(Revocations::new(revoked_store()));
    let line = Session { user: 7 }.to_set_cookie(&keys).unwrap();
    assert_eq!(
        Session::from_header(pair(&line), &keys),
        Err(Error::Revoked)
    );
    assert_eq!(
        Session::from_header_verified(pair(&line), &keys).err(),
        Some(Error::Revoked)
    );
    // Another user of the same store still reads.
    let other = Session { user: 8 }.to_set_cookie(&keys).unwrap();
    assert_eq!(
        Session::from_header(pair(&other), &keys),
        Ok(Some(Session { user: 8 }))
    );
}

#[test]
fn the_csrf_check_refuses_a_revoked_session() {
    let plain_keys = Keyring::from_test_secret(&[4; 32]).unwrap();
    let keys = plain_keys
        .clone()
        .with_revocations(Revocations::new(revoked_store()));
    let line = Session { user: 7 }.to_set_cookie(&keys).unwrap();
    let token = CsrfToken::for_set_cookie::<Session>(&line, &plain_keys).unwrap();
    // The control: without revocations the token checks.
    assert!(CsrfToken::check::<Session, _>(pair(&line), &plain_keys, Some(token.as_str())).is_ok());
    assert_eq!(
        CsrfToken::check::<Session, _>(pair(&line), &keys, Some(token.as_str())).err(),
        Some(CsrfRejection::NoSession)
    );
    assert!(
        CsrfToken::for_session::<Session, _>(pair(&line), &keys)
            .unwrap()
            .is_some()
    );
}

/// A store that answers only over the network, and says whether it was asked.
struct Remote {
    revoked: bool,
    asked: Mutex<u32>,
}

impl Revocation for Remote {
    fn is_revoked<'a>(&'a self, _: SessionRef<'a>) -> RevocationFuture<'a> {
        *self.asked.lock().unwrap() += 1;
        let revoked = self.revoked;
        Box::pin(async move { Ok(revoked) })
    }

    /// Answers nothing at once, like a store over the network; counted like an answer.
    fn is_revoked_now(&self, _: SessionRef<'_>) -> Option<Result<bool, StoreError>> {
        *self.asked.lock().unwrap() += 1;
        None
    }
}

#[test]
fn a_synchronous_read_through_a_remote_store_refuses_and_says_which_read_can() {
    let store = Arc::new(Remote {
        revoked: true,
        asked: Mutex::new(0),
    });
    let keys = Keyring::generate().with_revocations(Revocations::new(store.clone()));
    let line = Session { user: 7 }.to_set_cookie(&keys).unwrap();
    let err = Session::from_header(pair(&line), &keys).unwrap_err();
    assert_eq!(err, Error::RevocationNeedsAsync);
    assert!(
        err.to_string()
            .contains("keys.read::<T, _>(&headers).await")
    );
    assert_eq!(
        *store.asked.lock().unwrap(),
        1,
        "from_header asked the store"
    );
    assert_eq!(
        CsrfToken::check::<Session, _>(pair(&line), &keys, Some("x")).err(),
        Some(CsrfRejection::WrongToken),
        "a wrong token is refused before the store is asked"
    );
    assert_eq!(
        *store.asked.lock().unwrap(),
        1,
        "the wrong token reached the store"
    );
    // A token is minted without the store (it is worth nothing unless `check` admits the
    // session); the check then says which read can ask.
    let token = CsrfToken::for_session::<Session, _>(pair(&line), &keys)
        .unwrap()
        .unwrap();
    assert_eq!(
        CsrfToken::check::<Session, _>(pair(&line), &keys, Some(token.as_str())).err(),
        Some(CsrfRejection::RevocationNeedsAsync)
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let read = rt.block_on(keys.read::<Session, _>(pair(&line)));
    assert_eq!(read, Err(Error::Revoked));
    assert_eq!(*store.asked.lock().unwrap(), 3);
    // A type without a subject is not a session revocation can see: it still reads.
    let prefs = Prefs { lang: "fr".into() }.to_set_cookie(&keys).unwrap();
    assert!(Prefs::from_header(pair(&prefs), &keys).unwrap().is_some());
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "__Host-forgot-subject", sealed, expires = "2h")]
struct ForgotSubject {
    user: u64,
}

#[test]
fn a_type_revocation_cannot_see_is_reported_once_and_still_reads() {
    let recorder = Recorder::default();
    let keys = Keyring::generate().with_revocations(Revocations::new(MemoryRevocations::new()));
    let line = ForgotSubject { user: 1 }.to_set_cookie(&keys).unwrap();
    tracing::subscriber::with_default(recorder.clone(), || {
        for _ in 0..3 {
            assert!(
                ForgotSubject::from_header(pair(&line), &keys)
                    .unwrap()
                    .is_some()
            );
        }
    });
    let events = recorder.0.lock().unwrap();
    let warnings: Vec<&String> = events
        .iter()
        .filter(|e| e.contains("__Host-forgot-subject"))
        .collect();
    assert_eq!(warnings.len(), 1, "{events:?}");
    assert!(warnings[0].starts_with("WARN") && warnings[0].contains("subject"));
}

#[test]
fn secrets_that_are_evidently_not_random_are_refused() {
    let base64_text = Keyring::generate_secret();
    let weak: [&[u8]; 6] = [
        &[0; 32],
        b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        b"correct horse battery staple 1234",
        base64_text.as_bytes(),
        b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        b"abcabcabcabcabcabcabcabcabcabcabcabc",
    ];
    for secret in weak {
        let err = Keyring::from_secret(secret).unwrap_err();
        assert!(
            matches!(err, KeyError::WeakSecret { .. }),
            "{secret:?}: {err:?}"
        );
        assert!(err.to_string().contains("from_test_secret"));
        assert!(Keyring::from_test_secret(secret).is_ok());
        assert!(matches!(
            Keyring::generate().with_previous(secret),
            Err(KeyError::WeakSecret { .. })
        ));
    }
    // Every generated secret, decoded, is accepted.
    use base64::Engine as _;
    for _ in 0..1000 {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(Keyring::generate_secret())
            .unwrap();
        assert!(Keyring::from_secret(&bytes).is_ok());
    }
}

mod generations {
    use serde::{Deserialize, Serialize};
    use typed_cookies::Cookie;

    #[derive(Cookie, Serialize, Deserialize)]
    #[cookie(name = "__Host-cart", signed, expires = "1d")]
    pub struct CartV1 {
        pub items: Vec<u32>,
    }

    /// CartV1 changed without a `previous`: its cookies would read as invalid.
    #[derive(Cookie, Serialize, Deserialize)]
    #[cookie(name = "__Host-cart", signed, expires = "1d")]
    pub struct CartChanged {
        pub items: Vec<u32>,
        pub coupon: Option<String>,
    }

    /// The same change, reading the old cookies.
    #[derive(Cookie, Serialize, Deserialize)]
    #[cookie(name = "__Host-cart", signed, expires = "1d", previous = CartV1)]
    pub struct CartMigrated {
        pub items: Vec<u32>,
        pub coupon: Option<String>,
    }

    /// A further change that reads the first generation only, not the migrated one.
    #[derive(Cookie, Serialize, Deserialize)]
    #[cookie(name = "__Host-cart", signed, expires = "1d", previous = CartV1)]
    pub struct CartV3 {
        pub items: Vec<u32>,
        pub coupon: Option<String>,
        pub note: String,
    }

    impl From<CartV1> for CartV3 {
        fn from(v1: CartV1) -> Self {
            CartV3 {
                items: v1.items,
                coupon: None,
                note: String::new(),
            }
        }
    }

    impl From<CartV1> for CartMigrated {
        fn from(v1: CartV1) -> Self {
            CartMigrated {
                items: v1.items,
                coupon: None,
            }
        }
    }
}

#[test]
fn a_type_changed_without_previous_fails_the_fingerprint_snapshot() {
    use generations::{CartChanged, CartMigrated, CartV1};
    use typed_cookies::testing::Fingerprints;
    let dir = std::env::temp_dir().join(format!("typed-cookies-fp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let snapshot = dir.join("fingerprints.txt");
    let _ = std::fs::remove_file(&snapshot);
    Fingerprints::new()
        .add::<CartV1>()
        .check(&snapshot)
        .unwrap();
    assert!(
        std::fs::read_to_string(&snapshot)
            .unwrap()
            .contains("__Host-cart")
    );
    Fingerprints::new()
        .add::<CartV1>()
        .check(&snapshot)
        .unwrap();
    let err = Fingerprints::new()
        .add::<CartChanged>()
        .check(&snapshot)
        .unwrap_err();
    assert!(
        err.contains("`__Host-cart`") && err.contains("previous = OldType"),
        "{err}"
    );
    Fingerprints::new()
        .add::<CartMigrated>()
        .check(&snapshot)
        .unwrap();
    // The snapshot moved on to the migrated type: a further change that still names only the
    // first generation as `previous` would log out everyone holding a migrated cookie.
    let err = Fingerprints::new()
        .add::<generations::CartV3>()
        .check(&snapshot)
        .unwrap_err();
    assert!(err.contains("`__Host-cart`"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
