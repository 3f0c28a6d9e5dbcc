//! No freed heap block still holds key material: a recording global allocator scans every
//! block as it is freed for the secrets and the subkeys derived from them, while keyrings are
//! built, rotated, used, cloned and dropped, while `from_env` reads good and bad values, and
//! while the Flask, Django and Rails secrets are built, used, cloned and dropped.
//!
//! A test binary of its own without the test harness, so no other test's allocations mix in.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use typed_cookies::interop::django::DjangoSecret;
use typed_cookies::interop::flask::FlaskSecret;
use typed_cookies::interop::rails::RailsSecret;
use typed_cookies::{Cookie, CookieSpec, Keyring};

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "sessionid", format = "django")]
struct DjangoSession {
    user: String,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "user", format = "rails", expires = "1h")]
struct RailsUser {
    id: u64,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "prefs", format = "rails-signed")]
struct RailsPrefs(String);

const MAX_NEEDLES: usize = 32;
const NEEDLE_LEN: usize = 16;

static ACTIVE: AtomicBool = AtomicBool::new(false);
static COUNT: AtomicUsize = AtomicUsize::new(0);
static NEEDLES: [[AtomicU8; NEEDLE_LEN]; MAX_NEEDLES] =
    [const { [const { AtomicU8::new(0) }; NEEDLE_LEN] }; MAX_NEEDLES];
static HITS: [AtomicUsize; MAX_NEEDLES] = [const { AtomicUsize::new(0) }; MAX_NEEDLES];

struct Recording;

// SAFETY: every call is forwarded to the system allocator unchanged; `dealloc` only reads the
// block it is handed before freeing it.
unsafe impl GlobalAlloc for Recording {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ACTIVE.load(Ordering::Relaxed) {
            // SAFETY: the block is live until the call below.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            scan(block);
        }
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Recording = Recording;

fn scan(block: &[u8]) {
    for (i, needle) in NEEDLES
        .iter()
        .enumerate()
        .take(COUNT.load(Ordering::Relaxed))
    {
        let needle: [u8; NEEDLE_LEN] = std::array::from_fn(|j| needle[j].load(Ordering::Relaxed));
        if block.windows(NEEDLE_LEN).any(|w| w == needle) {
            HITS[i].fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Watches for the first 16 bytes of `bytes` in freed blocks; returns its index.
fn watch(bytes: &[u8]) -> usize {
    let i = COUNT.fetch_add(1, Ordering::Relaxed);
    for (slot, b) in NEEDLES[i].iter().zip(bytes) {
        slot.store(*b, Ordering::Relaxed);
    }
    i
}

/// What HKDF derives from `secret` under `label` (the labels of docs/FORMAT.md).
fn subkey<const N: usize>(secret: &[u8], label: &str) -> [u8; N] {
    let mut out = [0u8; N];
    Hkdf::<Sha256>::new(None, secret)
        .expand(label.as_bytes(), &mut out)
        .unwrap();
    out
}

/// The HMAC-SHA256 state a key keeps for `sign_key`: SHA-256's state after the key XOR `pad`,
/// as the words stand in memory.
fn hmac_state(sign_key: &[u8; 32], pad: u8) -> [u8; 32] {
    const IV: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut block = [pad; 64];
    for (b, k) in block.iter_mut().zip(sign_key) {
        *b ^= k;
    }
    let mut state = IV;
    sha2::block_api::compress256(&mut state, &[block]);
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_ne_bytes());
    }
    out
}

/// The HMAC-SHA1 state for `key`: SHA-1's state after the key XOR `pad`, as the words stand in
/// memory.
fn sha1_hmac_state(key: &[u8], pad: u8) -> [u8; 20] {
    let mut block = [pad; 64];
    for (b, k) in block.iter_mut().zip(key) {
        *b ^= k;
    }
    let mut state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    sha1::block_api::compress(&mut state, &[block]);
    let mut out = [0u8; 20];
    for (chunk, word) in out.chunks_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_ne_bytes());
    }
    out
}

/// The HMAC-SHA1 state a Flask secret keeps: itsdangerous derives the signing key as
/// HMAC-SHA1 of the salt `cookie-session` under `SECRET_KEY`.
fn flask_state(secret_key: &[u8], pad: u8) -> [u8; 20] {
    use hmac::{KeyInit, Mac};
    let mut derive = hmac::Hmac::<sha1::Sha1>::new_from_slice(secret_key).unwrap();
    derive.update(b"cookie-session");
    sha1_hmac_state(&derive.finalize().into_bytes(), pad)
}

/// The HMAC-SHA1 states of a Rails secret's signing key and its AES-256 key (whose halves the
/// key schedule's first round keys hold): PBKDF2 of `secret_key_base` with Rails 7's SHA-256
/// derivation.
fn rails_states(base: &[u8]) -> ([u8; 20], [u8; 20], [u8; 32]) {
    let mut enc = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(base, b"authenticated encrypted cookie", 1000, &mut enc);
    let mut sign = [0u8; 64];
    pbkdf2::pbkdf2_hmac::<Sha256>(base, b"signed cookie", 1000, &mut sign);
    (
        sha1_hmac_state(&sign, 0x36),
        sha1_hmac_state(&sign, 0x5c),
        enc,
    )
}

/// 32 bytes that look random (an xorshift stream from `seed`), different for every seed.
fn secret(seed: u8) -> [u8; 32] {
    let mut state = 0x9e37_79b9_u32 ^ u32::from(seed).wrapping_mul(0x85eb_ca6b);
    std::array::from_fn(|_| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state.to_be_bytes()[0]
    })
}

fn main() {
    let (s1, s2, s3, s4) = (secret(1), secret(2), secret(3), secret(4));
    let mut names = Vec::new();
    for s in [&s1, &s2, &s3] {
        names.push(("a secret", watch(s)));
        names.push((
            "the sealing subkey",
            watch(&subkey::<32>(s, "typed-cookies v1 seal")),
        ));
        names.push((
            "the second half of the sealing subkey",
            watch(&subkey::<32>(s, "typed-cookies v1 seal")[16..]),
        ));
        names.push((
            "the nonce subkey",
            watch(&subkey::<16>(s, "typed-cookies v1 nonce")),
        ));
        let sign = subkey::<32>(s, "typed-cookies v1 sign");
        names.push(("the HMAC inner state", watch(&hmac_state(&sign, 0x36))));
        names.push(("the HMAC outer state", watch(&hmac_state(&sign, 0x5c))));
    }
    names.push(("a partly decoded secret", watch(&s4)));
    let flask = ["flask key", "flask fallback one", "flask fallback two"];
    for key in flask {
        names.push((
            "a Flask HMAC inner state",
            watch(&flask_state(key.as_bytes(), 0x36)),
        ));
        names.push((
            "a Flask HMAC outer state",
            watch(&flask_state(key.as_bytes(), 0x5c)),
        ));
    }
    let django = [
        "django secret key of the residue test",
        "django fallback key of the residue test",
    ];
    for key in django {
        names.push(("a Django secret", watch(key.as_bytes())));
    }
    let rails_base = "rails secret_key_base of the residue test, long enough";
    let (inner, outer, aes) = rails_states(rails_base.as_bytes());
    names.push(("the Rails signing HMAC inner state", watch(&inner)));
    names.push(("the Rails signing HMAC outer state", watch(&outer)));
    names.push(("the Rails AES key", watch(&aes)));
    names.push(("the second half of the Rails AES key", watch(&aes[16..])));
    // The env values are set before recording starts: the environment is not ours to wipe.
    let set = |k: &str, v: &str| unsafe { std::env::set_var(k, v) };
    set("TC_RESIDUE_GOOD", &format!(" {} ,", STANDARD.encode(s3)));
    let mut broken = STANDARD.encode([s4, s4].concat());
    broken.replace_range(60..61, "!");
    set("TC_RESIDUE_BROKEN", &broken);

    // The scan works: a block freed with a secret in it is seen.
    ACTIVE.store(true, Ordering::Relaxed);
    drop(std::hint::black_box(s1.to_vec()));
    ACTIVE.store(false, Ordering::Relaxed);
    assert_eq!(
        HITS[0].swap(0, Ordering::Relaxed),
        1,
        "the scan saw nothing"
    );

    ACTIVE.store(true, Ordering::Relaxed);
    {
        let keys = Keyring::from_secret(&s1)
            .unwrap()
            .with_previous(&s2)
            .unwrap();
        let spec = CookieSpec::new("__Host-s").sealed();
        let line = spec.write("value", Some(&keys)).unwrap();
        assert!(
            spec.read::<String, _>(line.as_str(), Some(&keys))
                .unwrap()
                .is_some()
        );
        let signed = CookieSpec::new("p").signed();
        let line = signed.write(&1u8, Some(&keys)).unwrap();
        assert!(
            signed
                .read::<u8, _>(line.as_str(), Some(&keys))
                .unwrap()
                .is_some()
        );
        let clone = keys.clone();
        drop(keys);
        drop(clone);
        let from_env = Keyring::from_env("TC_RESIDUE_GOOD").unwrap();
        drop(from_env);
        assert!(Keyring::from_env("TC_RESIDUE_BROKEN").is_err());
        // Two fallbacks added to one key: more states than the first vector holds.
        let flask = FlaskSecret::new(flask[0]).with_fallbacks(&flask[1..]);
        let clone = flask.clone();
        drop(flask);
        drop(clone);
        // Django and Rails secrets, on the heap as an application's state keeps them, used
        // for a write and a read, cloned and dropped.
        let django = Box::new(DjangoSecret::new(django[0]).with_fallbacks([django[1]]));
        let line = DjangoSession { user: "7".into() }
            .to_set_cookie(&django)
            .unwrap();
        let pair = line.split(';').next().unwrap();
        assert!(DjangoSession::from_header(pair, &django).unwrap().is_some());
        let clone = django.clone();
        drop(django);
        drop(clone);
        let rails = std::sync::Arc::new(RailsSecret::new(rails_base));
        let line = RailsUser { id: 7 }.to_set_cookie(&rails).unwrap();
        let pair = line.split(';').next().unwrap();
        assert!(RailsUser::from_header(pair, &rails).unwrap().is_some());
        let line = RailsPrefs("dark".into()).to_set_cookie(&rails).unwrap();
        let pair = line.split(';').next().unwrap();
        assert!(RailsPrefs::from_header(pair, &rails).unwrap().is_some());
        let boxed = Box::new((*rails).clone());
        // The needles are what the secret holds: each one is in the live value.
        // SAFETY: reads the bytes of a live, initialised value as it stands.
        let live = unsafe {
            std::slice::from_raw_parts(
                (&*boxed as *const RailsSecret).cast::<u8>(),
                size_of::<RailsSecret>(),
            )
        };
        for needle in [&inner[..16], &outer[..16], &aes[..16], &aes[16..]] {
            assert!(
                live.windows(16).any(|w| w == needle),
                "a Rails needle is not in the live secret"
            );
        }
        drop(rails);
        drop(boxed);
    }
    ACTIVE.store(false, Ordering::Relaxed);

    let mut leaks = Vec::new();
    for (what, i) in names {
        let hits = HITS[i].load(Ordering::Relaxed);
        if hits > 0 {
            leaks.push(format!("{what} (needle {i}) in {hits} freed block(s)"));
        }
    }
    assert!(leaks.is_empty(), "key material freed unwiped: {leaks:#?}");
    println!("test no_freed_block_holds_key_material ... ok");
    println!("1 passed, 0 failed");
}
