//! Properties over generated inputs: arbitrary values round-trip in every mode, sliding
//! sessions with their login time; arbitrary headers never panic and never verify; arbitrary
//! mutations of valid cookies, sliding sessions included, never verify.

mod common;

use std::collections::BTreeMap;

use common::{decode, encode, pair, value};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Error, Keyring, Schema, TypedCookie};

#[derive(Schema, Serialize, Deserialize, Debug, PartialEq, Clone)]
enum Kind {
    A,
    B(i32),
    C { text: String },
}

macro_rules! record {
    ($name:ident, $($attr:tt)*) => {
        #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
        #[cookie($($attr)*)]
        struct $name {
            id: u64,
            text: String,
            bytes: Vec<u8>,
            maybe: Option<i64>,
            map: BTreeMap<String, u16>,
            flag: bool,
            kind: Kind,
        }
    };
}

record!(SealedRecord, name = "session", sealed, expires = "1h");
record!(SignedRecord, name = "session", signed, expires = "1h");
record!(PlainRecord, name = "session", plain);
record!(
    SlidingSealed,
    name = "session",
    sealed,
    expires = "1h",
    refresh = "10m",
    max_lifetime = "1d"
);
record!(
    SlidingSigned,
    name = "session",
    signed,
    expires = "1h",
    refresh = "10m",
    max_lifetime = "1d"
);

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "s", plain)]
struct PlainString(String);

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::A),
        any::<i32>().prop_map(Kind::B),
        "(?s).{0,12}".prop_map(|text| Kind::C { text })
    ]
}

prop_compose! {
    fn parts()(
        id in any::<u64>(),
        text in "(?s).{0,40}",
        bytes in proptest::collection::vec(any::<u8>(), 0..40),
        maybe in any::<Option<i64>>(),
        map in proptest::collection::btree_map("(?s).{0,6}", any::<u16>(), 0..4),
        flag in any::<bool>(),
        kind in kind(),
    ) -> (u64, String, Vec<u8>, Option<i64>, BTreeMap<String, u16>, bool, Kind) {
        (id, text, bytes, maybe, map, flag, kind)
    }
}

fn keys() -> Keyring {
    Keyring::from_test_secret(b"property tests, property tests!!").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn values_round_trip_in_every_mode((id, text, bytes, maybe, map, flag, kind) in parts()) {
        let keys = keys();
        let sealed = SealedRecord { id, text: text.clone(), bytes: bytes.clone(), maybe, map: map.clone(), flag, kind: kind.clone() };
        let line = sealed.to_set_cookie(&keys).unwrap();
        prop_assert_eq!(SealedRecord::from_header(pair(&line), &keys).unwrap(), Some(sealed));

        let signed = SignedRecord { id, text: text.clone(), bytes: bytes.clone(), maybe, map: map.clone(), flag, kind: kind.clone() };
        let line = signed.to_set_cookie(&keys).unwrap();
        prop_assert_eq!(SignedRecord::from_header(pair(&line), &keys).unwrap(), Some(signed));

        let plain = PlainRecord { id, text, bytes, maybe, map, flag, kind };
        let line = plain.to_set_cookie().unwrap();
        prop_assert!(!pair(&line).bytes().any(|b| b.is_ascii_control() || b" \",;\\".contains(&b)), "{}", line);
        prop_assert_eq!(PlainRecord::from_header(pair(&line)).unwrap(), Some(plain));
    }

    #[test]
    fn any_string_is_a_plain_value(text in any::<String>()) {
        let v = PlainString(text);
        match v.to_set_cookie() {
            Ok(line) => {
                prop_assert!(!pair(&line).bytes().any(|b| b.is_ascii_control() || b" \",;\\".contains(&b)));
                prop_assert_eq!(PlainString::from_header(pair(&line)).unwrap(), Some(v));
            }
            Err(e) => prop_assert!(matches!(e, Error::TooLarge { .. }), "{e:?}"),
        }
    }

    #[test]
    fn arbitrary_headers_never_panic_and_never_verify(header in any::<Vec<u8>>(), text in "(?s).{0,200}") {
        let keys = keys();
        for h in [&header[..], text.as_bytes()] {
            let headers = [h];
            prop_assert!(!matches!(SealedRecord::from_header(&headers[..], &keys), Ok(Some(_))));
            prop_assert!(!matches!(SignedRecord::from_header(&headers[..], &keys), Ok(Some(_))));
            let _ = PlainRecord::from_header(&headers[..]);
        }
        // The same bytes as the value of the right name.
        let named = format!("session={text}");
        prop_assert!(!matches!(SealedRecord::from_header(&named, &keys), Ok(Some(_))));
        prop_assert!(!matches!(SignedRecord::from_header(&named, &keys), Ok(Some(_))));
        let raw = format!("session={}", encode(&header));
        prop_assert!(!matches!(SealedRecord::from_header(&raw, &keys), Ok(Some(_))));
        prop_assert!(!matches!(SignedRecord::from_header(&raw, &keys), Ok(Some(_))));
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bit: u8 },
    Insert { at: usize, byte: u8 },
    Delete { at: usize, len: usize },
    Splice { at_a: usize, at_b: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Insert { at, byte }),
        (any::<usize>(), 1usize..8).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), any::<usize>()).prop_map(|(at_a, at_b)| Mutation::Splice { at_a, at_b }),
    ]
}

fn mutate(a: &[u8], b: &[u8], m: &Mutation) -> Vec<u8> {
    let mut out = a.to_vec();
    match *m {
        Mutation::Flip { at, bit } => {
            let i = at % out.len();
            out[i] ^= 1 << bit;
        }
        Mutation::Insert { at, byte } => out.insert(at % (out.len() + 1), byte),
        Mutation::Delete { at, len } => {
            let i = at % out.len();
            out.drain(i..(i + len).min(out.len()));
        }
        Mutation::Splice { at_a, at_b } => {
            out.truncate(at_a % (a.len() + 1));
            out.extend_from_slice(&b[at_b % (b.len() + 1)..]);
        }
    }
    out
}

proptest! {
    /// A sliding session written `ago` seconds ago (within its lifetime) reads back equal, with
    /// its login at its issue time, due for refresh exactly from the refresh interval on; its
    /// re-issue keeps the login time and reads back equal too.
    #[test]
    fn sliding_sessions_round_trip_and_keep_their_login(
        (id, text, bytes, maybe, map, flag, kind) in parts(),
        ago in 0u64..3_599,
    ) {
        use std::time::{Duration, UNIX_EPOCH};
        let keys = keys();
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let then = now - Duration::from_secs(ago);
        let v = SlidingSealed { id, text: text.clone(), bytes: bytes.clone(), maybe, map: map.clone(), flag, kind: kind.clone() };
        let line = SlidingSealed::SPEC.write_at(&v, Some(&keys), then).unwrap();
        let got = SlidingSealed::SPEC.read_verified_at::<SlidingSealed, _>(pair(&line), &keys, now).unwrap().unwrap();
        prop_assert_eq!(&got.value, &v);
        prop_assert_eq!(got.login_at(), then);
        let again = SlidingSealed::SPEC.reissue_at(&got, &keys, now).unwrap();
        prop_assert_eq!(again.is_some(), ago >= 600);
        if let Some(again) = again {
            let renewed = SlidingSealed::SPEC.read_verified_at::<SlidingSealed, _>(pair(&again), &keys, now).unwrap().unwrap();
            prop_assert_eq!(&renewed.value, &v);
            prop_assert_eq!(renewed.login_at(), then);
            prop_assert_eq!(renewed.issued_at(), now);
        }
        let s = SlidingSigned { id, text, bytes, maybe, map, flag, kind };
        let line = SlidingSigned::SPEC.write_at(&s, Some(&keys), then).unwrap();
        let got = SlidingSigned::SPEC.read_verified_at::<SlidingSigned, _>(pair(&line), &keys, now).unwrap().unwrap();
        prop_assert_eq!(&got.value, &s);
        prop_assert_eq!(got.login_at(), then);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn mutated_cookies_never_verify(
        (id, text, bytes, maybe, map, flag, kind) in parts(),
        other_id in any::<u64>(),
        m in mutation(),
        on_text in any::<bool>(),
    ) {
        let keys = keys();
        let a = SealedRecord { id, text: text.clone(), bytes: bytes.clone(), maybe, map: map.clone(), flag, kind: kind.clone() };
        let b = SealedRecord { id: other_id, ..a.clone() };
        let (la, lb) = (a.to_set_cookie(&keys).unwrap(), b.to_set_cookie(&keys).unwrap());
        let sa = SignedRecord { id, text: text.clone(), bytes: bytes.clone(), maybe, map: map.clone(), flag, kind: kind.clone() };
        let sb = SignedRecord { id: other_id, ..sa.clone() };
        let (sla, slb) = (sa.to_set_cookie(&keys).unwrap(), sb.to_set_cookie(&keys).unwrap());
        // Sliding sessions: an origin at the front of the payload, flagged in the mode byte.
        let ta = SlidingSealed { id, text: text.clone(), bytes: bytes.clone(), maybe, map: map.clone(), flag, kind: kind.clone() };
        let tb = SlidingSealed { id: other_id, ..ta.clone() };
        let (tla, tlb) = (ta.to_set_cookie(&keys).unwrap(), tb.to_set_cookie(&keys).unwrap());
        let ua = SlidingSigned { id, text, bytes, maybe, map, flag, kind };
        let ub = SlidingSigned { id: other_id, ..ua.clone() };
        let (ula, ulb) = (ua.to_set_cookie(&keys).unwrap(), ub.to_set_cookie(&keys).unwrap());

        for (x, y) in [
            (value(&la), value(&lb)),
            (value(&sla), value(&slb)),
            (value(&tla), value(&tlb)),
            (value(&ula), value(&ulb)),
        ] {
            let mutated = if on_text {
                String::from_utf8_lossy(&mutate(x.as_bytes(), y.as_bytes(), &m)).into_owned()
            } else {
                encode(&mutate(&decode(x), &decode(y), &m))
            };
            // A mutation that gives back one of the two genuine values is no forgery; nor is
            // one that only adds blanks around it, which the header grammar lets a reader
            // drop (optional whitespace around a cookie value).
            let as_read = mutated.trim_matches([' ', '\t']);
            prop_assume!(as_read != x && as_read != y);
            let header = format!("session={mutated}");
            prop_assert!(!matches!(SealedRecord::from_header(&header, &keys), Ok(Some(_))), "{:?} verified", m);
            prop_assert!(!matches!(SignedRecord::from_header(&header, &keys), Ok(Some(_))), "{:?} verified", m);
            prop_assert!(!matches!(SlidingSealed::from_header(&header, &keys), Ok(Some(_))), "{:?} verified", m);
            prop_assert!(!matches!(SlidingSigned::from_header(&header, &keys), Ok(Some(_))), "{:?} verified", m);
        }
    }
}
