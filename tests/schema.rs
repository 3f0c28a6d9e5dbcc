//! What a cookie type promises: its fingerprint covers the whole shape, nested types included;
//! every type that compiles round-trips; old cookies migrate through declared previous types.

mod common;

use std::collections::{BTreeMap, HashMap};

use common::pair;
use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Error, Json, Keyring, Schema, TypedCookie};

fn keys() -> Keyring {
    Keyring::from_test_secret(&[5; 32]).unwrap()
}

fn fp<T: Schema + ?Sized>() -> u64 {
    T::FINGERPRINT
}

/// Declares `mod $m { Role, Session }`, where `Session` holds `Role` in many positions.
macro_rules! generation {
    ($m:ident, { $($variants:tt)* }) => {
        mod $m {
            use super::*;

            #[derive(Schema, Serialize, Deserialize, Debug, PartialEq, Clone)]
            pub enum Role { $($variants)* }

            #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
            #[cookie(name = "__Host-session", sealed)]
            pub struct Session {
                pub user_id: u64,
                pub role: Role,
            }
        }
    };
}

generation!(user_first, { User, Admin });
generation!(admin_first, { Admin, User });

/// The privilege escalation on an ordinary refactor: reordering a nested enum's variants
/// used to keep the fingerprint, so every `User` session decoded as `Admin`.
#[test]
fn reordering_a_nested_enum_fails_to_read_instead_of_escalating() {
    assert_ne!(fp::<user_first::Role>(), fp::<admin_first::Role>());
    assert_ne!(
        user_first::Session::SPEC.schema_fingerprint(),
        admin_first::Session::SPEC.schema_fingerprint()
    );
    let keys = keys();
    let line = user_first::Session {
        user_id: 1,
        role: user_first::Role::User,
    }
    .to_set_cookie(&keys)
    .unwrap();
    assert_eq!(
        admin_first::Session::from_header(pair(&line), &keys),
        Err(Error::Invalid)
    );
    assert_eq!(
        user_first::Session::from_header(pair(&line), &keys)
            .unwrap()
            .unwrap()
            .role,
        user_first::Role::User
    );
}

/// The same nested change is seen in every position a type can take.
#[test]
fn nested_changes_are_seen_in_every_position() {
    use admin_first::Role as B;
    use user_first::Role as A;
    let pairs: [(u64, u64); 12] = [
        (fp::<A>(), fp::<B>()),
        (fp::<Option<Vec<A>>>(), fp::<Option<Vec<B>>>()),
        (fp::<BTreeMap<String, A>>(), fp::<BTreeMap<String, B>>()),
        (fp::<HashMap<A, u8>>(), fp::<HashMap<B, u8>>()),
        (fp::<(u8, A)>(), fp::<(u8, B)>()),
        (fp::<[A; 2]>(), fp::<[B; 2]>()),
        (fp::<Box<A>>(), fp::<Box<B>>()),
        (fp::<std::sync::Arc<[A]>>(), fp::<std::sync::Arc<[B]>>()),
        (fp::<Result<A, String>>(), fp::<Result<B, String>>()),
        (fp::<Vec<Option<(A, u8)>>>(), fp::<Vec<Option<(B, u8)>>>()),
        (fp::<Wrapper<A>>(), fp::<Wrapper<B>>()),
        (fp::<Tuple<A>>(), fp::<Tuple<B>>()),
    ];
    for (i, (a, b)) in pairs.iter().enumerate() {
        assert_ne!(a, b, "position {i}");
    }
}

#[derive(Schema, Serialize, Deserialize)]
struct Wrapper<T> {
    inner: Option<T>,
}

#[derive(Schema, Serialize, Deserialize)]
struct Tuple<T>(u8, Vec<T>);

/// Fingerprints of small variations on one nested struct, each of which must differ from the
/// base (and from each other).
#[allow(dead_code)]
mod shapes {
    use super::*;

    macro_rules! shape {
        ($name:ident, $(#[$attr:meta])* { $($body:tt)* }) => {
            #[derive(Schema, Serialize, Deserialize)]
            $(#[$attr])*
            pub struct $name { $($body)* }
        };
    }

    shape!(Base, { pub a: u64, pub b: String });
    shape!(Same, { pub a: u64, pub b: String });
    shape!(FieldRenamed, { pub a: u64, pub c: String });
    shape!(FieldReordered, { pub b: String, pub a: u64 });
    shape!(FieldRetyped, { pub a: u32, pub b: String });
    shape!(FieldAdded, { pub a: u64, pub b: String, pub c: bool });
    shape!(SerdeRenamed, { pub a: u64, #[serde(rename = "bee")] pub b: String });
    shape!(SerdeDefault, { pub a: u64, #[serde(default)] pub b: String });
    shape!(SerdeSkipped, { pub a: u64, #[serde(skip)] pub b: String });
    shape!(SerdeWith, { pub a: u64, #[serde(with = "crate::as_text")] pub b: String });
    shape!(RenameAll, #[serde(rename_all = "UPPERCASE")] { pub a: u64, pub b: String });

    #[derive(Schema, Serialize, Deserialize)]
    pub struct TupleStruct(pub u64, pub String);

    #[derive(Schema, Serialize, Deserialize)]
    #[serde(transparent)]
    pub struct Transparent {
        pub a: u64,
    }

    #[derive(Schema, Serialize, Deserialize, Clone)]
    #[serde(from = "u32", into = "u32")]
    pub struct Via(pub u64);

    impl From<u32> for Via {
        fn from(v: u32) -> Self {
            Via(v.into())
        }
    }

    impl From<Via> for u32 {
        fn from(v: Via) -> Self {
            u32::try_from(v.0).unwrap_or(u32::MAX)
        }
    }

    #[derive(Schema, Serialize, Deserialize)]
    pub enum Variants {
        A,
        B(u8),
    }

    #[derive(Schema, Serialize, Deserialize)]
    pub enum VariantRenamed {
        A,
        C(u8),
    }

    #[derive(Schema, Serialize, Deserialize)]
    pub enum VariantRetyped {
        A,
        B(u16),
    }

    #[derive(Schema, Serialize, Deserialize)]
    pub enum VariantSerdeRenamed {
        #[serde(rename = "a")]
        A,
        B(u8),
    }
}

pub mod as_text {
    use serde::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::ptr_arg)] // serde's `with` passes the field by reference
    pub fn serialize<S: Serializer>(v: &String, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        String::deserialize(d)
    }
}

#[test]
fn the_fingerprint_covers_names_order_types_and_encoding_attributes() {
    use shapes::*;
    assert_eq!(fp::<Base>(), fp::<Same>());
    let all = [
        fp::<Base>(),
        fp::<FieldRenamed>(),
        fp::<FieldReordered>(),
        fp::<FieldRetyped>(),
        fp::<FieldAdded>(),
        fp::<SerdeRenamed>(),
        fp::<SerdeDefault>(),
        fp::<SerdeSkipped>(),
        fp::<SerdeWith>(),
        fp::<RenameAll>(),
        fp::<TupleStruct>(),
        fp::<Transparent>(),
        fp::<Variants>(),
        fp::<VariantRenamed>(),
        fp::<VariantRetyped>(),
        fp::<VariantSerdeRenamed>(),
    ];
    for (i, a) in all.iter().enumerate() {
        for (j, b) in all.iter().enumerate().skip(i + 1) {
            assert_ne!(a, b, "shapes {i} and {j}");
        }
    }
    assert_ne!(fp::<Transparent>(), fp::<u64>());
    assert_eq!(fp::<Via>(), {
        use typed_cookies::schema::fingerprint;
        fingerprint("via @", &[fp::<u32>()])
    });
    const { assert!(<SerdeWith as Schema>::CUSTOM_CODEC) };
    const { assert!(!<Base as Schema>::CUSTOM_CODEC) };
}

type RoleAlias = user_first::Role;

#[test]
fn type_aliases_are_seen_through() {
    assert_eq!(fp::<RoleAlias>(), fp::<user_first::Role>());
    assert_eq!(fp::<Vec<RoleAlias>>(), fp::<Vec<user_first::Role>>());
}

/// Values the binary encoding cannot carry ride along as JSON text.
#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
#[serde(tag = "kind")]
enum Login {
    Password { user: String },
    Token { id: u64 },
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Loose {
    #[serde(skip_serializing_if = "Option::is_none")]
    nickname: Option<String>,
    #[serde(flatten)]
    rest: BTreeMap<String, serde_json::Value>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
#[serde(untagged)]
enum Id {
    Number(u64),
    Name(String),
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "__Host-session", sealed)]
struct JsonSession {
    user_id: u64,
    extra: Json<serde_json::Value>,
    login: Json<Login>,
    loose: Json<Loose>,
    ids: Vec<Json<Id>>,
}

#[test]
fn json_fields_carry_the_shapes_the_binary_encoding_cannot() {
    let keys = keys();
    let value = JsonSession {
        user_id: 9,
        extra: Json(serde_json::json!({"theme": "dark", "n": [1, 2.5, null]})),
        login: Json(Login::Token { id: 4 }),
        loose: Json(Loose {
            nickname: None,
            rest: BTreeMap::from([("x".to_owned(), serde_json::json!(true))]),
        }),
        ids: vec![Json(Id::Number(3)), Json(Id::Name("ada".into()))],
    };
    let line = value.to_set_cookie(&keys).unwrap();
    assert_eq!(
        JsonSession::from_header(pair(&line), &keys).unwrap(),
        Some(value)
    );
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "prefs", signed)]
struct WithModule {
    #[serde(with = "as_text")]
    lang: String,
}

/// A custom module that needs a self-describing encoding: the derive cannot see it, so the
/// write checks that the value reads back and refuses it rather than log everyone out.
mod needs_any {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(*v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        serde_json::Value::deserialize(d).map(|v| v.as_u64().unwrap_or(0))
    }
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "prefs", signed)]
struct WithBrokenModule {
    #[serde(with = "needs_any")]
    n: u64,
}

#[test]
fn custom_serializers_round_trip_or_fail_on_write() {
    let keys = keys();
    let value = WithModule { lang: "fr".into() };
    let line = value.to_set_cookie(&keys).unwrap();
    assert_eq!(WithModule::from_header(pair(&line), &keys), Ok(Some(value)));

    assert_eq!(
        WithBrokenModule { n: 3 }.to_set_cookie(&keys),
        Err(Error::Serialize)
    );
}

/// Three generations of one cookie, each declaring the one before.
mod migration {
    use super::*;

    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
    #[cookie(name = "__Host-session", sealed, expires = "1d")]
    pub struct V1 {
        pub user_id: u64,
    }

    #[derive(Schema, Serialize, Deserialize, Debug, PartialEq, Clone)]
    pub enum Role {
        User,
        Admin,
    }

    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
    #[cookie(name = "__Host-session", sealed, expires = "1d", previous = V1)]
    pub struct V2 {
        pub user_id: u64,
        pub role: Role,
    }

    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
    #[cookie(name = "__Host-session", sealed, expires = "1d", previous = V2)]
    pub struct V3 {
        pub user_id: u64,
        pub roles: Vec<Role>,
        pub theme: Option<String>,
    }

    impl From<V1> for V2 {
        fn from(v: V1) -> Self {
            V2 {
                user_id: v.user_id,
                role: Role::User,
            }
        }
    }

    impl From<V2> for V3 {
        fn from(v: V2) -> Self {
            V3 {
                user_id: v.user_id,
                roles: vec![v.role],
                theme: None,
            }
        }
    }

    /// Phase one of a rolling change: the code knows V3, but writes V2 so that servers still
    /// on V2 read what it writes.
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
    #[cookie(
        name = "__Host-session",
        sealed,
        expires = "1d",
        previous = V2,
        write_previous
    )]
    pub struct V3Phase1 {
        pub user_id: u64,
        pub roles: Vec<Role>,
        pub theme: Option<String>,
    }

    impl From<V2> for V3Phase1 {
        fn from(v: V2) -> Self {
            let V3 {
                user_id,
                roles,
                theme,
            } = V3::from(v);
            V3Phase1 {
                user_id,
                roles,
                theme,
            }
        }
    }

    impl From<&V3Phase1> for V2 {
        fn from(v: &V3Phase1) -> Self {
            V2 {
                user_id: v.user_id,
                role: v.roles.first().cloned().unwrap_or(Role::User),
            }
        }
    }
}

#[test]
fn a_three_generation_chain_reads_every_generation() {
    use migration::*;
    let keys = keys();
    let v1 = V1 { user_id: 1 }.to_set_cookie(&keys).unwrap();
    let v2 = V2 {
        user_id: 2,
        role: Role::Admin,
    }
    .to_set_cookie(&keys)
    .unwrap();
    let v3 = V3 {
        user_id: 3,
        roles: vec![],
        theme: Some("dark".into()),
    }
    .to_set_cookie(&keys)
    .unwrap();

    let read = |line: &str| {
        V3::from_header_verified(pair(line), &keys)
            .unwrap()
            .unwrap()
    };
    let (r1, r2, r3) = (read(&v1), read(&v2), read(&v3));
    assert_eq!(
        (r1.value.user_id, r1.value.roles.clone()),
        (1, vec![Role::User])
    );
    assert_eq!(
        (r2.value.user_id, r2.value.roles.clone()),
        (2, vec![Role::Admin])
    );
    assert_eq!(r3.value.theme.as_deref(), Some("dark"));
    assert!(r1.migrated() && r2.migrated() && !r3.migrated());
    assert!(r1.needs_rewrite() && !r3.needs_rewrite());
    // The migrated value keeps the old cookie's authenticated times.
    assert!(r1.expires_at().is_some());

    // An older reader refuses newer cookies: nothing reads forward.
    assert_eq!(V1::from_header(pair(&v3), &keys), Err(Error::Invalid));
    assert_eq!(V2::from_header(pair(&v3), &keys), Err(Error::Invalid));
    assert!(V2::from_header(pair(&v1), &keys).unwrap().is_some());
}

#[test]
fn a_migrated_cookie_is_still_authenticated_and_expires() {
    use migration::*;
    use std::time::{Duration, SystemTime};
    let keys = keys();
    let spec = V1::SPEC;
    let long_ago = SystemTime::now() - Duration::from_secs(2 * 86_400);
    let old = spec
        .write_at(&V1 { user_id: 1 }, Some(&keys), long_ago)
        .unwrap();
    assert_eq!(V3::from_header(pair(&old), &keys), Err(Error::Expired));

    let fresh = V1 { user_id: 1 }.to_set_cookie(&keys).unwrap();
    let mut tampered = pair(&fresh).to_owned();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    assert_eq!(
        V3::from_header(tampered.as_str(), &keys),
        Err(Error::Invalid)
    );

    let other_keys = Keyring::from_test_secret(&[6; 32]).unwrap();
    assert_eq!(
        V3::from_header(pair(&fresh), &other_keys),
        Err(Error::Invalid)
    );
}

/// A rolling deploy: servers on V2, phase-one servers (know V3, write V2), then V3 servers.
/// At every step each server reads what every other server writes.
#[test]
fn a_two_phase_change_logs_no_one_out() {
    use migration::*;
    let keys = keys();
    let from_old = V2 {
        user_id: 7,
        role: Role::Admin,
    }
    .to_set_cookie(&keys)
    .unwrap();
    let from_phase1 = V3Phase1 {
        user_id: 8,
        roles: vec![Role::Admin],
        theme: None,
    }
    .to_set_cookie(&keys)
    .unwrap();
    let from_new = V3 {
        user_id: 9,
        roles: vec![Role::User],
        theme: None,
    }
    .to_set_cookie(&keys)
    .unwrap();

    // Step 1: old and phase-one servers side by side.
    assert_eq!(
        V2::from_header(pair(&from_phase1), &keys).unwrap().unwrap(),
        V2 {
            user_id: 8,
            role: Role::Admin
        }
    );
    assert_eq!(
        V3Phase1::from_header(pair(&from_old), &keys)
            .unwrap()
            .unwrap()
            .roles,
        vec![Role::Admin]
    );
    // Step 2: phase-one and new servers side by side.
    assert_eq!(
        V3Phase1::from_header(pair(&from_new), &keys)
            .unwrap()
            .unwrap()
            .user_id,
        9
    );
    assert_eq!(
        V3::from_header(pair(&from_phase1), &keys)
            .unwrap()
            .unwrap()
            .user_id,
        8
    );
}

mod rich {
    use super::*;

    #[derive(Schema, Serialize, Deserialize, Debug, PartialEq, Clone)]
    pub enum Permission {
        Read,
        Write { scope: String },
        Grant(u8, Option<Box<Level>>),
    }

    #[derive(Schema, Serialize, Deserialize, Debug, PartialEq, Clone)]
    pub enum Level {
        Low,
        High(i64),
    }

    #[derive(Schema, Serialize, Deserialize, Debug, PartialEq, Clone)]
    pub struct Team {
        pub name: String,
        pub members: BTreeMap<u64, Level>,
        pub tags: Vec<(String, i16)>,
    }

    macro_rules! rich {
        ($name:ident, $mode:ident) => {
            #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
            #[cookie(name = "__Host-rich", $mode)]
            pub struct $name {
                pub id: u64,
                pub name: String,
                pub nick: Option<String>,
                pub teams: Vec<Team>,
                pub perms: Option<Vec<Permission>>,
                pub scores: HashMap<String, i32>,
                pub bytes: Vec<u8>,
                pub c: char,
                pub big: u128,
                pub neg: i128,
                pub pair: (bool, [u8; 3]),
                pub nested: Option<Option<u8>>,
                pub extra: Json<serde_json::Value>,
            }
        };
    }

    rich!(SealedRich, sealed);
    rich!(SignedRich, signed);
}

mod rich_strategy {
    use super::rich::*;
    use super::*;
    use proptest::prelude::*;

    pub fn level() -> impl Strategy<Value = Level> {
        prop_oneof![Just(Level::Low), any::<i64>().prop_map(Level::High)]
    }

    pub fn permission() -> impl Strategy<Value = Permission> {
        prop_oneof![
            Just(Permission::Read),
            any::<String>().prop_map(|scope| Permission::Write { scope }),
            (
                any::<u8>(),
                proptest::option::of(level().prop_map(Box::new))
            )
                .prop_map(|(n, l)| Permission::Grant(n, l)),
        ]
    }

    pub fn team() -> impl Strategy<Value = Team> {
        (
            any::<String>(),
            proptest::collection::btree_map(any::<u64>(), level(), 0..3),
            proptest::collection::vec((any::<String>(), any::<i16>()), 0..3),
        )
            .prop_map(|(name, members, tags)| Team {
                name,
                members,
                tags,
            })
    }

    pub fn json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(3, 12, 3, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..3).prop_map(serde_json::Value::from),
                proptest::collection::btree_map(any::<String>(), inner, 0..3)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    prop_compose! {
        pub fn sealed_rich()(
            id in any::<u64>(),
            name in any::<String>(),
            nick in any::<Option<String>>(),
            teams in proptest::collection::vec(team(), 0..3),
            perms in proptest::option::of(proptest::collection::vec(permission(), 0..4)),
            scores in proptest::collection::hash_map(any::<String>(), any::<i32>(), 0..3),
            bytes in any::<Vec<u8>>(),
            c in any::<char>(),
            big in any::<u128>(),
            neg in any::<i128>(),
            pair in any::<(bool, [u8; 3])>(),
            nested in any::<Option<Option<u8>>>(),
            extra in json(),
        ) -> SealedRich {
            SealedRich { id, name, nick, teams, perms, scores, bytes, c, big, neg, pair, nested, extra: Json(extra) }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Every value of a rich type (nested enums, options, maps, strings of every character
    /// class, JSON) reads back equal, sealed and signed; only a value over the size limit is
    /// refused, and it is refused on write.
    #[test]
    fn rich_values_round_trip(value in rich_strategy::sealed_rich()) {
        let keys = keys();
        match value.to_set_cookie(&keys) {
            Ok(line) => proptest::prop_assert_eq!(
                rich::SealedRich::from_header(pair(&line), &keys).unwrap(),
                Some(value.clone())
            ),
            Err(e) => proptest::prop_assert!(matches!(e, Error::TooLarge { .. }), "{e:?}"),
        }
        let rich::SealedRich { id, name, nick, teams, perms, scores, bytes, c, big, neg, pair: p, nested, extra } = value;
        let signed = rich::SignedRich { id, name, nick, teams, perms, scores, bytes, c, big, neg, pair: p, nested, extra };
        match signed.to_set_cookie(&keys) {
            Ok(line) => proptest::prop_assert_eq!(
                rich::SignedRich::from_header(pair(&line), &keys).unwrap(),
                Some(signed)
            ),
            Err(e) => proptest::prop_assert!(matches!(e, Error::TooLarge { .. }), "{e:?}"),
        }
    }
}

/// The `uuid`, `time` and `chrono` features: their types are fields of a sealed cookie that
/// round-trips, and each has its own fingerprint.
#[test]
fn uuid_time_and_chrono_fields_round_trip() {
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "__Host-dates", sealed)]
    struct Dates {
        id: uuid::Uuid,
        at: time::OffsetDateTime,
        day: time::Date,
        utc: chrono::DateTime<chrono::Utc>,
        naive: chrono::NaiveDate,
    }
    let keys = keys();
    let value = Dates {
        id: uuid::Uuid::from_u128(0x1234_5678_9abc_def0_1122_3344_5566_7788),
        at: time::macros::datetime!(2026-11-28 09:30:15.5 +01:00),
        day: time::macros::date!(2026 - 11 - 28),
        utc: chrono::DateTime::from_timestamp(1_800_000_000, 250).unwrap(),
        naive: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
    };
    let line = value.to_set_cookie(&keys).unwrap();
    assert_eq!(Dates::from_header(pair(&line), &keys).unwrap(), Some(value));
    let all = [
        fp::<uuid::Uuid>(),
        fp::<time::OffsetDateTime>(),
        fp::<time::Date>(),
        fp::<chrono::DateTime<chrono::Utc>>(),
        fp::<chrono::NaiveDate>(),
        fp::<String>(),
    ];
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert_ne!(a, b);
        }
    }
}
