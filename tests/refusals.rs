//! Operators see why cookies are refused: every refusal is a `tracing` event naming the cookie,
//! the reason and the key id the value names, and a store that does not answer is a warning.
//! No event carries the value, a token or a secret.

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use common::recorder::Recorder;
use serde::{Deserialize, Serialize};
use typed_cookies::revocation::{
    MemoryRevocations, Revocation, RevocationFuture, Revocations, SessionRef, StoreError,
};
use typed_cookies::{Cookie, Keyring, TypedCookie};

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "__Host-session", sealed, expires = "1h", subject = "user")]
struct Session {
    user: String,
}

struct Down;
impl Revocation for Down {
    fn is_revoked<'a>(&'a self, _: SessionRef<'a>) -> RevocationFuture<'a> {
        Box::pin(async { Err(StoreError("connection refused".into())) })
    }
    fn is_revoked_now(&self, _: SessionRef<'_>) -> Option<Result<bool, StoreError>> {
        Some(Err(StoreError("connection refused".into())))
    }
}

fn pair(line: &str) -> String {
    line.split(';').next().unwrap().to_owned()
}

#[test]
fn every_refusal_says_why_and_nothing_secret() {
    let secret = [0x5a_u8; 32];
    let keys = Keyring::from_test_secret(&secret).unwrap();
    let other = Keyring::from_test_secret(&[0x33; 32]).unwrap();
    let store = Arc::new(MemoryRevocations::new());
    let revoking = keys
        .clone()
        .with_revocations(Revocations::new(store.clone()));
    let down = keys.clone().with_revocations(Revocations::new(Down));
    let good = pair(
        &Session {
            user: "ada-lovelace".into(),
        }
        .to_set_cookie(&keys)
        .unwrap(),
    );
    let value = good.split_once('=').unwrap().1.to_owned();
    let mut forged = value.clone().into_bytes();
    let last = forged.len() - 1;
    forged[last] = if forged[last] == b'A' { b'B' } else { b'A' };
    let forged = format!("__Host-session={}", String::from_utf8(forged).unwrap());
    let expired = pair(
        &Session::SPEC
            .write_at(
                &Session {
                    user: "ada-lovelace".into(),
                },
                Some(&keys),
                SystemTime::now() - Duration::from_secs(7200),
            )
            .unwrap(),
    );
    store.revoke_all_before("ada-lovelace", SystemTime::now() + Duration::from_secs(2));

    let recorder = Recorder::default();
    tracing::subscriber::with_default(recorder.clone(), || {
        assert!(Session::from_header("__Host-session=junk!", &keys).is_err());
        assert!(Session::from_header(forged.as_str(), &keys).is_err());
        assert!(Session::from_header(good.as_str(), &other).is_err());
        assert!(Session::from_header(expired.as_str(), &keys).is_err());
        assert!(Session::from_header(good.as_str(), &revoking).is_err());
        assert!(Session::from_header(good.as_str(), &down).is_err());
    });
    let events = recorder.0.lock().unwrap().clone();
    let with = |reason: &str| {
        events
            .iter()
            .filter(|e| e.contains("__Host-session") && e.contains(reason))
            .count()
    };
    assert_eq!(with("reason=\"malformed\""), 1, "{events:#?}");
    assert_eq!(with("reason=\"invalid"), 1, "{events:#?}");
    assert_eq!(with("reason=\"unknown key id\""), 1, "{events:#?}");
    assert_eq!(with("reason=\"expired\""), 1, "{events:#?}");
    assert_eq!(with("reason=\"revoked\""), 1, "{events:#?}");
    let warnings: Vec<&String> = events.iter().filter(|e| e.starts_with("WARN")).collect();
    assert_eq!(warnings.len(), 1, "{events:#?}");
    assert!(warnings[0].contains("revocation store unavailable"));
    // The key id a forged or expired value names is there, so a fleet with a retired or
    // wrong secret shows which key its cookies were written under.
    let key_id = format!("key_id={}", keys.primary_id());
    assert_eq!(
        events.iter().filter(|e| e.contains(&key_id)).count(),
        3,
        "{events:#?}"
    );
    let secret_hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    for event in &events {
        for needle in [value.as_str(), "ada-lovelace", secret_hex.as_str()] {
            assert!(!event.contains(needle), "{needle:?} in {event}");
        }
    }
}
