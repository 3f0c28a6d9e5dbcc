//! `#[derive(Cookie)]` through the public API: every accepted shape and attribute round-trips,
//! and the defaults render exactly as documented.

mod common;

use std::collections::BTreeMap;

use common::pair;
use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, CookieSpec, Keyring, Mode, Schema, TypedCookie};

fn keys() -> Keyring {
    Keyring::from_test_secret(&[9; 32]).unwrap()
}

/// Writes, then reads back through the `Cookie` header a browser would send.
macro_rules! round_trip {
    ($value:expr, $ty:ty, keys) => {{
        let keys = keys();
        let line = $value.to_set_cookie(&keys).unwrap();
        let header = format!("a=1; {}; z=2", pair(&line));
        assert_eq!(
            <$ty>::from_header(&header, &keys).unwrap(),
            Some($value),
            "{line}"
        );
        line
    }};
    ($value:expr, $ty:ty) => {{
        let line = $value.to_set_cookie().unwrap();
        let header = format!("a=1; {}; z=2", pair(&line));
        assert_eq!(<$ty>::from_header(&header).unwrap(), Some($value), "{line}");
        line
    }};
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(secure, httponly, expires = "2d", sealed)]
struct UserSession {
    user_id: u64,
    role: String,
}

#[test]
fn the_documented_line_without_a_name_does_what_it_says() {
    assert_eq!(UserSession::COOKIE_NAME, "user_session");
    let spec = UserSession::SPEC;
    assert_eq!(spec.mode(), Mode::Sealed);
    assert_eq!(spec.expires_secs(), Some(2 * 86_400));
    let line = round_trip!(
        UserSession {
            user_id: 1,
            role: "r".into()
        },
        UserSession,
        keys
    );
    assert!(line.starts_with("user_session="));
    assert!(line.contains("; Path=/; Max-Age=172800; Expires="));
    assert!(
        line.ends_with(" GMT; Secure; HttpOnly; SameSite=Lax"),
        "{line}"
    );
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(plain)]
struct Defaults(u8);

#[test]
fn defaults_are_exactly_as_documented() {
    assert_eq!(
        Defaults(1).to_set_cookie().unwrap(),
        "defaults=1; Path=/; Secure; HttpOnly; SameSite=Lax"
    );
    assert_eq!(
        Defaults::removal(),
        "defaults=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax"
    );
    let expected = CookieSpec::new("defaults").schema(Defaults::SPEC.schema_fingerprint());
    assert_eq!(Defaults::SPEC, expected);
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(
    name = "__Secure-all",
    signed,
    expires = "1h30m",
    secure,
    httponly = false,
    same_site = "none",
    path = "/app",
    domain = "example.com",
    partitioned
)]
struct Everything {
    n: i32,
}

#[test]
fn every_attribute_renders_in_a_fixed_order() {
    let line = round_trip!(Everything { n: -3 }, Everything, keys);
    let (_, attrs) = line.split_once("; ").unwrap();
    let attrs: Vec<&str> = attrs
        .split("; ")
        .map(|a| a.split('=').next().unwrap())
        .collect();
    assert_eq!(
        attrs,
        [
            "Path",
            "Domain",
            "Max-Age",
            "Expires",
            "Secure",
            "SameSite",
            "Partitioned"
        ]
    );
    assert!(line.contains("; Path=/app; Domain=example.com; Max-Age=5400; Expires="));
    assert!(line.ends_with("; Secure; SameSite=None; Partitioned"));
    assert_eq!(Everything::SPEC.mode(), Mode::Signed);
    assert_eq!(
        Everything::removal(),
        "__Secure-all=; Path=/app; Domain=example.com; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=None; Partitioned"
    );
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "strict", plain, same_site = "strict", secure = false)]
struct Strict(bool);

#[test]
fn insecure_and_strict() {
    assert_eq!(
        Strict(true).to_set_cookie().unwrap(),
        "strict=true; Path=/; HttpOnly; SameSite=Strict"
    );
}

#[derive(Schema, Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Address {
    city: String,
    zip: Option<u32>,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "profile", sealed)]
struct Profile {
    #[serde(rename = "n")]
    name: String,
    nickname: Option<String>,
    address: Address,
    tags: Vec<String>,
    scores: BTreeMap<String, f64>,
}

#[test]
fn named_struct_with_option_and_nested_types_round_trips_in_each_mode() {
    let p = || Profile {
        name: "Zoë".into(),
        nickname: None,
        address: Address {
            city: "Köln".into(),
            zip: Some(50667),
        },
        tags: vec!["a".into(), "b;c".into()],
        scores: BTreeMap::from([("x".into(), 1.5)]),
    };
    round_trip!(p(), Profile, keys);

    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "profile", signed)]
    struct SignedProfile(Address, Option<String>);
    round_trip!(
        SignedProfile(p().address, Some("n".into())),
        SignedProfile,
        keys
    );

    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "profile", plain, httponly = false)]
    struct PlainProfile {
        #[serde(rename = "c")]
        city: String,
        zip: Option<u32>,
    }
    let line = round_trip!(
        PlainProfile {
            city: "Köln".into(),
            zip: None
        },
        PlainProfile
    );
    // Plain JSON honours serde's renames; a script can read it after decodeURIComponent.
    assert!(
        line.starts_with("profile={%22c%22:%22K%C3%B6ln%22%2C%22zip%22:null};"),
        "{line}"
    );
}

#[test]
fn serde_rename_is_respected_on_the_plain_wire() {
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "r", plain)]
    #[serde(rename_all = "UPPERCASE")]
    struct Renamed {
        lang: String,
    }
    let line = round_trip!(Renamed { lang: "en".into() }, Renamed);
    assert!(line.starts_with("r={%22LANG%22:%22en%22};"), "{line}");
}

#[test]
fn tuple_newtype_and_unit_structs() {
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "t", sealed)]
    struct Tuple(u64, String, bool);
    round_trip!(Tuple(1, "x".into(), true), Tuple, keys);

    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "n", plain)]
    struct Newtype(u64);
    assert_eq!(
        round_trip!(Newtype(7), Newtype),
        "n=7; Path=/; Secure; HttpOnly; SameSite=Lax"
    );

    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "consent", signed, expires = "400d")]
    struct Consent;
    round_trip!(Consent, Consent, keys);
}

#[test]
fn enums_are_supported() {
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "state", sealed)]
    enum State {
        Anonymous,
        LoggedIn { user: u64 },
        Pending(String),
    }
    round_trip!(State::Anonymous, State, keys);
    round_trip!(State::LoggedIn { user: 3 }, State, keys);
    round_trip!(State::Pending("x".into()), State, keys);

    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "mode", plain)]
    #[serde(rename_all = "lowercase")]
    enum Theme {
        Dark,
        Light,
    }
    assert!(round_trip!(Theme::Dark, Theme).starts_with("mode=dark;"));
    round_trip!(Theme::Light, Theme);
}

#[test]
fn plain_strings_that_look_like_json_round_trip() {
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "s", plain)]
    struct S(String);
    for text in [
        "", "42", "true", "null", "\"q\"", "{}", "[1]", "a b", "%41", "x=y", "é",
    ] {
        round_trip!(S(text.to_owned()), S);
    }
}

#[test]
fn schema_fingerprint_follows_the_shape() {
    mod v1 {
        #[derive(typed_cookies::Cookie, serde::Serialize, serde::Deserialize)]
        #[cookie(name = "s", sealed)]
        pub struct S {
            pub a: u64,
            pub b: String,
        }
    }
    mod same {
        #[derive(typed_cookies::Cookie, serde::Serialize, serde::Deserialize)]
        #[cookie(name = "s", sealed)]
        pub struct S {
            pub a: u64,
            pub b: String,
        }
    }
    mod renamed {
        #[derive(typed_cookies::Cookie, serde::Serialize, serde::Deserialize)]
        #[cookie(name = "s", sealed)]
        pub struct S {
            pub a: u64,
            pub c: String,
        }
    }
    mod retyped {
        #[derive(typed_cookies::Cookie, serde::Serialize, serde::Deserialize)]
        #[cookie(name = "s", sealed)]
        pub struct S {
            pub a: u32,
            pub b: String,
        }
    }
    mod reordered {
        #[derive(typed_cookies::Cookie, serde::Serialize, serde::Deserialize)]
        #[cookie(name = "s", sealed)]
        pub struct S {
            pub b: String,
            pub a: u64,
        }
    }
    mod serde_attr {
        #[derive(typed_cookies::Cookie, serde::Serialize, serde::Deserialize)]
        #[cookie(name = "s", sealed)]
        pub struct S {
            pub a: u64,
            #[serde(default)]
            pub b: String,
        }
    }
    let fp = |s: CookieSpec| s.schema_fingerprint();
    let base = fp(v1::S::SPEC);
    assert_eq!(base, fp(same::S::SPEC));
    for other in [
        renamed::S::SPEC,
        retyped::S::SPEC,
        reordered::S::SPEC,
        serde_attr::S::SPEC,
    ] {
        assert_ne!(base, fp(other));
    }

    // An old cookie read by the renamed struct fails cleanly, although postcard alone would
    // decode it (same types in the same order).
    let keys = keys();
    let line = v1::S {
        a: 1,
        b: "x".into(),
    }
    .to_set_cookie(&keys)
    .unwrap();
    assert_eq!(
        renamed::S::from_header(pair(&line), &keys).err(),
        Some(typed_cookies::Error::Invalid)
    );
}

#[test]
fn typed_cookie_trait_serves_generic_code() {
    fn name_and_mode<C: TypedCookie>() -> (&'static str, Mode) {
        (C::SPEC.name(), C::SPEC.mode())
    }
    assert_eq!(
        name_and_mode::<UserSession>(),
        ("user_session", Mode::Sealed)
    );
    assert_eq!(name_and_mode::<Defaults>(), ("defaults", Mode::Plain));
}

/// Generated methods skip the runtime re-check of the rules, since the derive enforces them at
/// compile time: every spec the derive makes must pass the runtime's own check.
#[test]
fn derived_specs_pass_the_runtime_rules() {
    for spec in [
        UserSession::SPEC,
        Defaults::SPEC,
        Everything::SPEC,
        Strict::SPEC,
        Profile::SPEC,
    ] {
        assert_eq!(spec.validate(), Ok(()), "{spec:?}");
    }
    #[derive(Cookie, Serialize, Deserialize)]
    #[cookie(
        name = "__Host-Http-x",
        sealed,
        expires = "400d",
        same_site = "none",
        partitioned
    )]
    struct Strictest(u8);
    assert_eq!(Strictest::SPEC.validate(), Ok(()));
}

/// The attribute takes the builder's spelling `http_only` as well as `httponly`.
#[test]
fn http_only_is_accepted_in_both_spellings() {
    #[derive(Cookie, Serialize, Deserialize)]
    #[cookie(name = "a", plain, http_only = false)]
    struct A(u8);
    #[derive(Cookie, Serialize, Deserialize)]
    #[cookie(name = "a", plain, httponly = false)]
    struct B(u8);
    assert_eq!(A::SPEC, B::SPEC);
    assert!(!A(1).to_set_cookie().unwrap().contains("HttpOnly"));
}
