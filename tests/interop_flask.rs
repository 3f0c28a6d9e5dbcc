//! Flask's session cookie, against Flask itself (3.1, itsdangerous 2): Flask writes and Rust
//! reads an equal value; Rust changes one field and writes, and Flask reads every key back with
//! its Python type; and the attacks: tampered, another secret, expired, fallback keys.

mod common;

use std::collections::BTreeMap;

use common::pair;
use common::python::{python, run};
use serde::{Deserialize, Serialize};
use typed_cookies::interop::flask::{Bytes, DateTime, FlaskSecret, Markup, Tuple, Uuid};
use typed_cookies::{Cookie, Error};

const SECRET: &str = "flask secret key for the interop tests";

/// The session dict, mirrored: the keys this code uses, typed; everything else kept.
#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", format = "flask", secure = false)]
struct FlaskSession {
    #[serde(rename = "_user_id")]
    user_id: String,
    cart: Tuple<(u32, String)>,
    avatar: Bytes,
    token: Uuid,
    seen: DateTime,
    banner: Markup,
    prefs: BTreeMap<String, i64>,
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

/// Sets up a Flask app and the serializer its session interface uses.
const FLASK: &str = r#"
import os, json, uuid, datetime
from flask import Flask
from markupsafe import Markup
app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["KEY"]
if os.environ.get("FALLBACKS"):
    app.config["SECRET_KEY_FALLBACKS"] = os.environ["FALLBACKS"].split(",")
s = app.session_interface.get_signing_serializer(app)
"#;

fn flask_writes(py: &str, key: &str, extra: &str) -> String {
    let script = format!(
        "{FLASK}
session = {{
    '_user_id': '42', '_fresh': True, 'csrf_token': 'abc123',
    'cart': (3, 'apples'), 'avatar': b'\\x00\\xffpng', 'token': uuid.UUID(int=0x1234),
    'seen': datetime.datetime(2026, 11, 28, 9, 30, 15, tzinfo=datetime.timezone.utc),
    'banner': Markup('<b>hi</b>'), 'prefs': {{'a': 1}},
    'looks_like_a_tag': {{' t': [1, 2]}}, 'nested': {{'ids': (1, 2), 'b': b'x'}},
    {extra}
}}
print(s.dumps(session))"
    );
    run(py, &script, &[("KEY", key)])
}

#[test]
fn flask_writes_rust_reads_changes_one_field_and_flask_reads_it_all_back() {
    let Some(py) = python("flask_writes_rust_reads") else {
        return;
    };
    let secret = FlaskSecret::new(SECRET);
    for (extra, compressed) in [("", false), ("'padding': 'x' * 3000,", true)] {
        let value = flask_writes(&py, SECRET, extra);
        if compressed {
            assert!(
                value.starts_with('.'),
                "zlib-compressed, marked by a dot: {value}"
            );
        }
        let header = format!("session={value}");
        let mut session = FlaskSession::from_header(header.as_str(), &secret)
            .unwrap()
            .unwrap();
        assert_eq!(session.user_id, "42");
        assert_eq!(session.cart, Tuple((3, "apples".to_owned())));
        assert_eq!(session.avatar, Bytes(b"\x00\xffpng".to_vec()));
        assert_eq!(session.token, Uuid(0x1234));
        assert_eq!(session.seen, DateTime(1_795_858_215));
        assert_eq!(session.banner, Markup("<b>hi</b>".to_owned()));
        assert_eq!(session.prefs["a"], 1);
        assert_eq!(session.rest["_fresh"], true);
        assert_eq!(session.rest["csrf_token"], "abc123");

        // Rust changes one field and writes the session back.
        session.user_id = "43".to_owned();
        let line = session.to_set_cookie(&secret).unwrap();
        let value = pair(&line).split_once('=').unwrap().1.to_owned();
        let script = format!(
            "{FLASK}
d = s.loads(os.environ['VALUE'], max_age=60)
kinds = {{k: type(v).__name__ for k, v in d.items()}}
print(json.dumps({{'kinds': kinds, 'user': d['_user_id'], 'cart': list(d['cart']),
    'avatar': list(d['avatar']), 'token': d['token'].int, 'seen': d['seen'].isoformat(),
    'banner': str(d['banner']), 'tag': d['looks_like_a_tag'], 'nested_ids': type(d['nested']['ids']).__name__,
    'nested_b': type(d['nested']['b']).__name__, 'csrf': d['csrf_token'], 'fresh': d['_fresh'],
    'padding': len(d.get('padding', ''))}}, sort_keys=True))"
        );
        let back: serde_json::Value =
            serde_json::from_str(&run(&py, &script, &[("KEY", SECRET), ("VALUE", &value)]))
                .unwrap();
        assert_eq!(back["user"], "43");
        assert_eq!(back["kinds"]["cart"], "tuple");
        assert_eq!(back["kinds"]["avatar"], "bytes");
        assert_eq!(back["kinds"]["token"], "UUID");
        assert_eq!(back["kinds"]["seen"], "datetime");
        assert_eq!(back["kinds"]["banner"], "Markup");
        assert_eq!(back["kinds"]["looks_like_a_tag"], "dict");
        assert_eq!(back["cart"], serde_json::json!([3, "apples"]));
        assert_eq!(back["avatar"], serde_json::json!([0, 255, 112, 110, 103]));
        assert_eq!(back["token"], 0x1234);
        assert_eq!(back["seen"], "2026-11-28T09:30:15+00:00");
        assert_eq!(back["banner"], "<b>hi</b>");
        assert_eq!(back["tag"], serde_json::json!({" t": [1, 2]}));
        assert_eq!(back["nested_ids"], "tuple");
        assert_eq!(back["nested_b"], "bytes");
        assert_eq!(back["csrf"], "abc123");
        assert_eq!(back["fresh"], true);
        assert_eq!(back["padding"], if compressed { 3000 } else { 0 });
    }
}

#[test]
fn tampered_foreign_expired_and_fallback_keys() {
    let Some(py) = python("flask_attacks") else {
        return;
    };
    let value = flask_writes(&py, SECRET, "");
    let header = format!("session={value}");

    // Another secret.
    let other = FlaskSecret::new("another key");
    assert_eq!(
        FlaskSession::from_header(header.as_str(), &other),
        Err(Error::Invalid)
    );
    // Tampered: one character of the payload changed.
    let mut tampered = value.clone().into_bytes();
    tampered[5] = if tampered[5] == b'A' { b'B' } else { b'A' };
    let tampered = format!("session={}", String::from_utf8(tampered).unwrap());
    assert_eq!(
        FlaskSession::from_header(tampered.as_str(), &FlaskSecret::new(SECRET)),
        Err(Error::Invalid)
    );
    // Expired: Flask's PERMANENT_SESSION_LIFETIME, 31 days by default.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let secret = FlaskSecret::new(SECRET);
    let read_at =
        |at: u64| typed_cookies::interop::read_at::<FlaskSession, _>(header.as_str(), &secret, at);
    assert!(read_at(now + 30 * 86_400).unwrap().is_some());
    assert_eq!(read_at(now + 32 * 86_400), Err(Error::Expired));

    // SECRET_KEY_FALLBACKS: written under the old key, read by a secret that lists it.
    let old = flask_writes(&py, "the old key", "");
    let rotated = FlaskSecret::new(SECRET).with_fallbacks(["the old key"]);
    let header = format!("session={old}");
    assert!(
        FlaskSession::from_header(header.as_str(), &rotated)
            .unwrap()
            .is_some()
    );
    assert_eq!(
        FlaskSession::from_header(header.as_str(), &FlaskSecret::new(SECRET)),
        Err(Error::Invalid)
    );

    // Flask refuses what Rust signs with another secret, and reads it with that secret as a
    // fallback.
    let mut session = FlaskSession::from_header(header.as_str(), &rotated)
        .unwrap()
        .unwrap();
    session.user_id = "7".into();
    let line = session
        .to_set_cookie(&FlaskSecret::new("a third key"))
        .unwrap();
    let value = pair(&line).split_once('=').unwrap().1.to_owned();
    let check = format!(
        "{FLASK}
from itsdangerous import BadSignature
try:
    print(s.loads(os.environ['VALUE'])['_user_id'])
except BadSignature:
    print('BadSignature')"
    );
    assert_eq!(
        run(&py, &check, &[("KEY", SECRET), ("VALUE", &value)]),
        "BadSignature"
    );
    assert_eq!(
        run(
            &py,
            &check,
            &[
                ("KEY", SECRET),
                ("FALLBACKS", "a third key"),
                ("VALUE", &value)
            ]
        ),
        "7"
    );
}
