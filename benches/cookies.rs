//! typed-cookies next to the `cookie` crate's signed and private jars, and next to the floor:
//! prepared HMAC-SHA256 / AES-256-GCM plus base64 over the same payload, with no cookie logic.
//!
//! `cargo bench --bench cookies` runs everything and ends with one table of medians and ratios.
//! The standard workload: `Session { user_id: 42, role: "admin", csrf: <22 base64url chars> }`,
//! cookie `session`, two days' lifetime, read from `theme=dark; session=<value>; lang=en`.

use std::hint::black_box;
use std::time::Duration;

use aes_gcm::aead::AeadInOut;
use aes_gcm::{Aes256Gcm, KeyInit, Nonce, Tag};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::Criterion;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use typed_cookies::{CookieHeaders, Keyring, TypedCookie};

const SECRET: [u8; 32] = [7; 32];

#[path = "../tests/common/workload.rs"]
mod workload;

use workload::{
    Migrating, Sealed, SealedV1, Signed, Sliding, request_header, sealed, signed, sliding,
};

/// The `cookie` crate as its users (and axum-extra, tower-cookies, actix-session) use it.
mod cookie_crate {
    use cookie::time::{Duration, OffsetDateTime};
    use cookie::{Cookie, CookieJar, Key, SameSite};
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    pub fn key() -> Key {
        Key::from(&[7u8; 64])
    }

    fn build(json: String) -> Cookie<'static> {
        Cookie::build(("session", json))
            .path("/")
            .secure(true)
            .http_only(true)
            .same_site(SameSite::Lax)
            .max_age(Duration::days(2))
            .expires(OffsetDateTime::now_utc() + Duration::days(2))
            .build()
    }

    pub fn set<T: Serialize>(value: &T, key: &Key, private: bool) -> String {
        let mut jar = CookieJar::new();
        let c = build(serde_json::to_string(value).unwrap());
        if private {
            jar.private_mut(key).add(c);
        } else {
            jar.signed_mut(key).add(c);
        }
        jar.delta().next().unwrap().to_string()
    }

    pub fn get<T: DeserializeOwned>(header: &str, key: &Key, private: bool) -> Option<T> {
        let mut jar = CookieJar::new();
        for c in Cookie::split_parse(header).flatten() {
            jar.add_original(c.into_owned());
        }
        let c = if private {
            jar.private(key).get("session")
        } else {
            jar.signed(key).get("session")
        };
        c.and_then(|c| serde_json::from_str(c.value()).ok())
    }
}

/// The least any implementation of the same format must do, with none of the cookie logic:
/// serialize with postcard, MAC or seal the same bytes typed-cookies authenticates (the
/// cookie's binding of version, mode, key id, schema and name, then the times and the payload;
/// for signing, the binding absorbed once into the HMAC state, as a keyring does), base64url.
/// No header scan, no attributes, no dates, no clock, no validation.
mod floor {
    use super::*;

    pub struct Keys {
        /// The HMAC state with the signed binding absorbed, as a keyring prepares it.
        pub signer: Hmac<Sha256>,
        pub aead: Aes256Gcm,
        /// The 22-byte header: version, mode, key id, issued-at, expires-at.
        pub header: [u8; 22],
        /// The sealed associated data: binding (64 bytes) || issued-at || expires-at.
        pub sealed_ad: [u8; 80],
    }

    /// version || mode || key id (4) || schema (8) || name length (2) || "session", padded
    /// to one SHA-256 block.
    fn binding(mode: u8) -> [u8; 64] {
        let mut b = [0u8; 64];
        b[0] = 1;
        b[1] = mode;
        b[15] = 7;
        b[16..23].copy_from_slice(b"session");
        b
    }

    pub fn keys() -> Keys {
        let mut sealed_ad = [0u8; 80];
        sealed_ad[..64].copy_from_slice(&binding(2));
        let mut header = [0u8; 22];
        header[0] = 1;
        Keys {
            signer: <Hmac<Sha256> as KeyInit>::new_from_slice(&SECRET)
                .unwrap()
                .chain_update(binding(1)),
            aead: Aes256Gcm::new_from_slice(&SECRET).unwrap(),
            header,
            sealed_ad,
        }
    }

    pub fn set_signed<T: Serialize>(value: &T, keys: &Keys) -> String {
        let mut buf = [0u8; 512];
        buf[..22].copy_from_slice(&keys.header);
        let n = postcard::to_slice(value, &mut buf[22..]).unwrap().len();
        let mut mac = keys.signer.clone();
        mac.update(&buf[6..22 + n]);
        let tag = mac.finalize().into_bytes();
        buf[22 + n..22 + n + 32].copy_from_slice(&tag);
        URL_SAFE_NO_PAD.encode(&buf[..22 + n + 32])
    }

    pub fn get_signed<T: serde::de::DeserializeOwned>(value: &str, keys: &Keys) -> Option<T> {
        let mut buf = [0u8; 512];
        let n = URL_SAFE_NO_PAD.decode_slice(value, &mut buf).ok()?;
        let (body, tag) = buf[..n].split_at(n.checked_sub(32)?);
        let mut mac = keys.signer.clone();
        mac.update(body.get(6..)?);
        mac.verify_slice(tag).ok()?;
        postcard::from_bytes(body.get(22..)?).ok()
    }

    pub fn set_sealed<T: Serialize>(value: &T, keys: &Keys) -> String {
        let mut buf = [0u8; 512];
        buf[..22].copy_from_slice(&keys.header);
        // The same nonce source as typed-cookies: the thread-local CSPRNG, seeded by the OS.
        rand::Rng::fill_bytes(&mut rand::rng(), &mut buf[22..34]);
        let n = postcard::to_slice(value, &mut buf[34..]).unwrap().len();
        let nonce = Nonce::try_from(&buf[22..34]).unwrap();
        let (_, rest) = buf.split_at_mut(34);
        let tag = keys
            .aead
            .encrypt_inout_detached(&nonce, &keys.sealed_ad, (&mut rest[..n]).into())
            .unwrap();
        rest[n..n + 16].copy_from_slice(&tag);
        URL_SAFE_NO_PAD.encode(&buf[..34 + n + 16])
    }

    pub fn get_sealed<T: serde::de::DeserializeOwned>(value: &str, keys: &Keys) -> Option<T> {
        let mut buf = [0u8; 512];
        let n = URL_SAFE_NO_PAD.decode_slice(value, &mut buf).ok()?;
        let (head, rest) = buf[..n].split_at_mut(34);
        let (ct, tag) = rest.split_at_mut(rest.len().checked_sub(16)?);
        let nonce = Nonce::try_from(&head[22..34]).ok()?;
        let tag = Tag::try_from(&*tag).ok()?;
        keys.aead
            .decrypt_inout_detached(&nonce, &keys.sealed_ad, ct.into(), &tag)
            .ok()?;
        postcard::from_bytes(ct).ok()
    }
}

fn benches(c: &mut Criterion) {
    let keys = Keyring::from_test_secret(&SECRET).unwrap();
    let ckey = cookie_crate::key();
    let fkeys = floor::keys();

    let (sig, sea) = (signed(), sealed());
    let mut g = c.benchmark_group("set-signed");
    g.bench_function("typed-cookies", |b| {
        b.iter(|| black_box(&sig).to_set_cookie(&keys).unwrap())
    });
    g.bench_function("cookie-0.18", |b| {
        b.iter(|| cookie_crate::set(black_box(&sig), &ckey, false))
    });
    g.bench_function("floor", |b| {
        b.iter(|| floor::set_signed(black_box(&sig), &fkeys))
    });
    g.finish();

    let mut g = c.benchmark_group("set-sealed");
    g.bench_function("typed-cookies", |b| {
        b.iter(|| black_box(&sea).to_set_cookie(&keys).unwrap())
    });
    g.bench_function("cookie-0.18", |b| {
        b.iter(|| cookie_crate::set(black_box(&sea), &ckey, true))
    });
    g.bench_function("floor", |b| {
        b.iter(|| floor::set_sealed(black_box(&sea), &fkeys))
    });
    g.finish();

    let ours = request_header(&signed().to_set_cookie(&keys).unwrap());
    let theirs = request_header(&cookie_crate::set(&signed(), &ckey, false));
    let floor_value = floor::set_signed(&signed(), &fkeys);
    assert_eq!(Signed::from_header(&ours, &keys).unwrap(), Some(signed()));
    assert_eq!(
        cookie_crate::get::<Signed>(&theirs, &ckey, false),
        Some(signed())
    );
    assert_eq!(
        floor::get_signed::<Signed>(&floor_value, &fkeys),
        Some(signed())
    );
    let mut g = c.benchmark_group("get-signed");
    g.bench_function("typed-cookies", |b| {
        b.iter(|| Signed::from_header(black_box(&ours), &keys).unwrap())
    });
    g.bench_function("cookie-0.18", |b| {
        b.iter(|| cookie_crate::get::<Signed>(black_box(&theirs), &ckey, false))
    });
    g.bench_function("floor", |b| {
        b.iter(|| floor::get_signed::<Signed>(black_box(&floor_value), &fkeys))
    });
    g.finish();

    let ours = request_header(&sealed().to_set_cookie(&keys).unwrap());
    let theirs = request_header(&cookie_crate::set(&sealed(), &ckey, true));
    let floor_value = floor::set_sealed(&sealed(), &fkeys);
    assert_eq!(Sealed::from_header(&ours, &keys).unwrap(), Some(sealed()));
    assert_eq!(
        cookie_crate::get::<Sealed>(&theirs, &ckey, true),
        Some(sealed())
    );
    assert_eq!(
        floor::get_sealed::<Sealed>(&floor_value, &fkeys),
        Some(sealed())
    );
    let mut g = c.benchmark_group("get-sealed");
    g.bench_function("typed-cookies", |b| {
        b.iter(|| Sealed::from_header(black_box(&ours), &keys).unwrap())
    });
    g.bench_function("cookie-0.18", |b| {
        b.iter(|| cookie_crate::get::<Sealed>(black_box(&theirs), &ckey, true))
    });
    g.bench_function("floor", |b| {
        b.iter(|| floor::get_sealed::<Sealed>(black_box(&floor_value), &fkeys))
    });
    g.finish();

    // A type that declares a previous generation: a current cookie costs what it costs a type
    // without one; an old one costs one more verification.
    let old = request_header(
        &SealedV1 {
            user_id: 42,
            role: "admin".into(),
        }
        .to_set_cookie(&keys)
        .unwrap(),
    );
    assert_eq!(
        Migrating::from_header(&ours, &keys).unwrap().unwrap().csrf,
        workload::CSRF
    );
    assert_eq!(
        Migrating::from_header(&old, &keys)
            .unwrap()
            .unwrap()
            .user_id,
        42
    );
    let mut g = c.benchmark_group("get-sealed-migrating");
    g.bench_function("current", |b| {
        b.iter(|| Migrating::from_header(black_box(&ours), &keys).unwrap())
    });
    g.bench_function("previous", |b| {
        b.iter(|| Migrating::from_header(black_box(&old), &keys).unwrap())
    });
    g.finish();

    // What the production checks add to a sealed read: the CSRF token compared with the one the
    // session derives, and a revocation hook asked (in memory, so the store costs nothing).
    let token = typed_cookies::CsrfToken::for_session::<Sealed, _>(ours.as_str(), &keys)
        .unwrap()
        .unwrap();
    let store = std::sync::Arc::new(typed_cookies::revocation::MemoryRevocations::new());
    let revocations = typed_cookies::revocation::Revocations::new(store);
    let mut g = c.benchmark_group("get-sealed-checked");
    g.bench_function("csrf", |b| {
        b.iter(|| {
            typed_cookies::CsrfToken::check::<Sealed, _>(
                black_box(ours.as_str()),
                &keys,
                Some(token.as_str()),
            )
            .unwrap()
        })
    });
    g.bench_function("revocation", |b| {
        b.iter(|| {
            let v = Sealed::from_header_verified(black_box(ours.as_str()), &keys)
                .unwrap()
                .unwrap();
            let allowed = poll_ready(revocations.allows(&v));
            assert!(allowed);
            v
        })
    });
    g.finish();

    // The revocation check alone, per request, against the in-memory store and a real Redis on
    // loopback (started here when `redis-server` is installed), both through one runtime.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let session = Sealed::from_header_verified(ours.as_str(), &keys)
        .unwrap()
        .unwrap();
    let mut g = c.benchmark_group("revocation-store");
    g.bench_function("memory", |b| {
        b.iter(|| assert!(rt.block_on(revocations.allows(black_box(&session)))))
    });
    if let Some(redis) = LocalRedis::start() {
        let store = rt
            .block_on(typed_cookies::revocation::RedisRevocations::connect(
                &redis.url(),
            ))
            .unwrap();
        let remote = typed_cookies::revocation::Revocations::new(store);
        g.bench_function("redis", |b| {
            b.iter(|| assert!(rt.block_on(remote.allows(black_box(&session)))))
        });
        drop(redis);
    } else {
        eprintln!("revocation-store/redis: redis-server is not installed, so not measured");
    }
    g.finish();

    // A sliding session: the login time and session id parsed, the refresh time and absolute
    // limit applied; and a session due for refresh, read and sealed again.
    let timed = request_header(&sliding().to_set_cookie(&keys).unwrap());
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3700);
    let due = request_header(
        &Sliding::SPEC
            .write_at(&sliding(), Some(&keys), hour_ago)
            .unwrap(),
    );
    assert!(
        Sliding::from_header_verified(&due, &keys)
            .unwrap()
            .unwrap()
            .is_due()
    );
    let mut g = c.benchmark_group("get-sealed-sliding");
    g.bench_function("read", |b| {
        b.iter(|| {
            Sliding::from_header_verified(black_box(timed.as_str()), &keys)
                .unwrap()
                .unwrap()
        })
    });
    g.bench_function("reissue", |b| {
        b.iter(|| {
            let v = Sliding::from_header_verified(black_box(due.as_str()), &keys)
                .unwrap()
                .unwrap();
            v.reissue(&keys).unwrap().unwrap()
        })
    });
    g.finish();

    // Find one cookie at the end of a 4 KB header holding 30.
    let mut big = String::new();
    for i in 0..29 {
        big.push_str(&format!("cookie{i:02}={}; ", "v".repeat(127)));
    }
    big.push_str("needle=found");
    assert!((4000..=4200).contains(&big.len()), "{}", big.len());
    let mut g = c.benchmark_group("header-scan");
    g.bench_function("typed-cookies", |b| {
        b.iter(|| {
            black_box(&big)
                .cookie_values("needle")
                .next()
                .unwrap()
                .len()
        })
    });
    g.bench_function("cookie-0.18", |b| {
        b.iter(|| {
            cookie::Cookie::split_parse(black_box(&big))
                .flatten()
                .find(|c| c.name() == "needle")
                .unwrap()
                .value()
                .len()
        })
    });
    g.finish();
}

/// The output of a future that is ready at once (an in-memory revocation store).
fn poll_ready<F: std::future::Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match fut.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => unreachable!("an in-memory store answers at once"),
    }
}

/// Reads criterion's medians back and prints them as one table.
fn table() {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(
            || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
            Into::into,
        )
        .join("criterion");
    let median = |group: &str, id: &str| -> Option<f64> {
        let path = dir.join(group).join(id).join("new").join("estimates.json");
        let text = std::fs::read_to_string(path).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        v["median"]["point_estimate"].as_f64()
    };
    println!("\n| workload | typed-cookies | cookie 0.18 | floor | cookie / ours | ours / floor |");
    println!("|---|---:|---:|---:|---:|---:|");
    for group in [
        "set-signed",
        "set-sealed",
        "get-signed",
        "get-sealed",
        "header-scan",
    ] {
        let (Some(ours), Some(theirs)) =
            (median(group, "typed-cookies"), median(group, "cookie-0.18"))
        else {
            continue;
        };
        let floor = median(group, "floor");
        println!(
            "| {group} | {ours:.0} ns | {theirs:.0} ns | {} | {:.2}× | {} |",
            floor.map_or("–".to_owned(), |f| format!("{f:.0} ns")),
            theirs / ours,
            floor.map_or("–".to_owned(), |f| format!("{:.2}×", ours / f)),
        );
    }
    if let Some(base) = median("get-sealed", "typed-cookies") {
        println!("\n| read of a type with `previous` | time | / get-sealed |");
        println!("|---|---:|---:|");
        for (id, what) in [
            ("current", "a current cookie"),
            ("previous", "a previous generation's cookie"),
        ] {
            if let Some(t) = median("get-sealed-migrating", id) {
                println!("| {what} | {t:.0} ns | {:.2}× |", t / base);
            }
        }
        println!("\n| a sealed read with | time | / get-sealed |");
        println!("|---|---:|---:|");
        for (id, what) in [
            ("csrf", "its CSRF token checked"),
            ("revocation", "a revocation hook asked (in memory)"),
        ] {
            if let Some(t) = median("get-sealed-checked", id) {
                println!("| {what} | {t:.0} ns | {:.2}× |", t / base);
            }
        }
        for (id, what) in [
            ("read", "timeouts (`refresh`, `max_lifetime`) applied"),
            ("reissue", "a refresh due: read, then sealed again"),
        ] {
            if let Some(t) = median("get-sealed-sliding", id) {
                println!("| {what} | {t:.0} ns | {:.2}× |", t / base);
            }
        }
        println!("\n| a revocation check alone, per request | time |");
        println!("|---|---:|");
        for (id, what) in [
            ("memory", "`MemoryRevocations`"),
            (
                "redis",
                "`RedisRevocations`, a local `redis-server` (one `MGET` round trip)",
            ),
        ] {
            if let Some(t) = median("revocation-store", id) {
                println!("| {what} | {t:.0} ns |");
            }
        }
    }
}

/// `redis-server` on a free loopback port, for the revocation-store group; stopped when dropped.
struct LocalRedis(std::process::Child, u16);

impl LocalRedis {
    fn start() -> Option<LocalRedis> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let child = std::process::Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .ok()?;
        let server = LocalRedis(child, port);
        let start = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if start.elapsed() > Duration::from_secs(10) {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(server)
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.1)
    }
}

impl Drop for LocalRedis {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    benches(&mut c);
    c.final_summary();
    table();
}
