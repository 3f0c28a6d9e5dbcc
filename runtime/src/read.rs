//! The one read pipeline, in the order the data flows:
//!
//! ```text
//! headers --find--> candidates --verify--> authentic bytes --decode--> value
//!         --timeouts--> Verified value
//! ```
//!
//! - **find** ([`header::find`]): every copy of the cookie's name in the `Cookie` headers;
//!   [`first_ok`] tries them in order, within [`MAX_CANDIDATES`].
//! - **verify** ([`verify`]): base64url, then the wire format's signature or seal
//!   ([`wire::open`]) under the reading type's binding, or under the binding of each of its
//!   `previous` types in turn ([`Lineage::spec`]).
//! - **decode** ([`decode`]): the session origin, when flagged, and the payload as the
//!   generation that verified, converted to the reading type ([`Lineage::decode`]).
//! - **timeouts** ([`timeouts::apply`]): the reading type's lifetime, refresh and absolute
//!   limit over the authenticated times.
//!
//! Plain cookies skip verify and timeouts: their value is text anyone can change
//! ([`plain::decode`]).

use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::de::DeserializeOwned;
use typed_cookies_rules::{MAX_CANDIDATES, MAX_COOKIE_LEN};

use crate::clock::{now_secs, to_unix};
use crate::cookie::{Lineage, TypedCookie};
use crate::error::{Error, NO_KEYRING};
use crate::header::{self, CookieHeaders};
use crate::keyring::{KEY_ID_LEN, KeyId, Keyring};
use crate::lineage::NoPrevious;
use crate::plain;
use crate::refusal::{self, Reason};
use crate::session::origin::Origin;
use crate::session::timeouts;
use crate::spec::{CookieSpec, Mode};
use crate::verified::{Stamp, Verified};
use crate::wire::{self, MAX_RAW, SMALL_RAW};

/// What a read of signed or sealed metadata from a plain spec fails with.
const PLAIN_HAS_NO_METADATA: Error =
    Error::Misconfigured("plain cookies carry no verified metadata");

/// Reads a `T` of any mode, its `previous` types included: what `from_header` calls. A session
/// read through a keyring with revocations attached is asked about at once ([`admit_now`]).
pub(crate) fn read<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: Option<&Keyring>,
    now: u64,
) -> Result<Option<T>, Error> {
    let () = T::VALID;
    if T::SPEC.mode == Mode::Plain {
        return read_plain(&T::SPEC, headers);
    }
    let keys = keys.ok_or(NO_KEYRING)?;
    Ok(read_verified::<T, H>(headers, keys, now)?.map(Verified::into_inner))
}

/// Reads a signed or sealed `T` with its metadata, its `previous` types included, and asked
/// about at once where revocations are attached: what `from_header_verified` calls.
pub(crate) fn read_verified<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: &Keyring,
    now: u64,
) -> Result<Option<Verified<T>>, Error> {
    match pipeline::<T, H>(headers, keys, now)? {
        Some(session) => admit_now(session, keys).map(Some),
        None => Ok(None),
    }
}

/// A synchronous read's answer from the keyring's revocation hook: the session, or
/// [`Error::Revoked`]; [`Error::RevocationNeedsAsync`] when the hook cannot answer at once.
///
/// # Errors
/// As above.
pub(crate) fn admit_now<T: TypedCookie>(
    session: Verified<T>,
    keys: &Keyring,
) -> Result<Verified<T>, Error> {
    match keys.revocations() {
        Some(revocations) if !revocations.allows_now(&session)? => Err(Error::Revoked),
        _ => Ok(session),
    }
}

/// The read pipeline for a signed or sealed `T`, revocation left to the caller (the
/// extractors ask asynchronously).
pub(crate) fn pipeline<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: &Keyring,
    now: u64,
) -> Result<Option<Verified<T>>, Error> {
    let () = T::VALID;
    if T::SPEC.mode == Mode::Plain {
        return Err(PLAIN_HAS_NO_METADATA);
    }
    first_ok(header::find(headers, T::SPEC.name), |text| {
        open::<T>(text, keys, now)
    })
}

/// One candidate value of `T`, as it stands in the header, through verify, decode and
/// timeouts.
pub(crate) fn open<T: TypedCookie>(
    text: &[u8],
    keys: &Keyring,
    now: u64,
) -> Result<Verified<T>, Error> {
    open_as::<T, T::Previous>(&T::SPEC, text, keys, now)
}

/// Reads a plain cookie of `spec`.
fn read_plain<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
    spec: &CookieSpec,
    headers: &H,
) -> Result<Option<T>, Error> {
    first_ok(header::find(headers, spec.name), plain::decode)
}

/// One candidate of a cookie of `spec` whose earlier generations are `L`. The decoded bytes
/// live on the stack: a buffer of [`SMALL_RAW`] bytes for most cookies, [`MAX_RAW`] for the
/// rest.
fn open_as<T: DeserializeOwned, L: Lineage<T>>(
    spec: &CookieSpec,
    text: &[u8],
    keys: &Keyring,
    now: u64,
) -> Result<Verified<T>, Error> {
    if text.len() <= SMALL_RAW / 3 * 4 {
        open_in::<T, L, SMALL_RAW>(spec, text, keys, now)
    } else {
        open_in::<T, L, MAX_RAW>(spec, text, keys, now)
    }
}

/// [`open_as`] through a stack buffer of `N` bytes; never inlined, so each buffer size keeps
/// its own stack frame.
#[inline(never)]
fn open_in<T: DeserializeOwned, L: Lineage<T>, const N: usize>(
    spec: &CookieSpec,
    text: &[u8],
    keys: &Keyring,
    now: u64,
) -> Result<Verified<T>, Error> {
    let mut buf = [0u8; N];
    let Ok(n) = URL_SAFE_NO_PAD.decode_slice(text, &mut buf) else {
        refusal::report(spec.name, Reason::Malformed, None);
        return Err(Error::Malformed);
    };
    let raw = &mut buf[..n];
    let key = raw
        .get(2..2 + KEY_ID_LEN)
        .and_then(|id| <[u8; KEY_ID_LEN]>::try_from(id).ok())
        .map(KeyId);
    let result = open_raw::<T, L>(spec, raw, keys, now);
    if let Err(error) = &result {
        let known = key.is_some_and(|k| keys.find(k).is_some());
        refusal::report(spec.name, Reason::of(error, known), key);
    }
    result
}

/// Verify, decode and timeouts over the decoded bytes of one candidate.
#[inline]
fn open_raw<T: DeserializeOwned, L: Lineage<T>>(
    spec: &CookieSpec,
    raw: &mut [u8],
    keys: &Keyring,
    now: u64,
) -> Result<Verified<T>, Error> {
    let (generation, opened) = verify::<T, L>(spec, raw, keys)?;
    let payload = &raw[opened.payload.clone()];
    let (value, origin) = decode::<T, L>(generation, payload, opened.has_origin, opened.issued_at)?;
    let mut stamp = Stamp {
        issued_at: opened.issued_at,
        expires_at: opened.expires_at,
        key: opened.key,
        primary: opened.primary,
        generation,
        origin,
        refresh_at: None,
        ends_at: None,
    };
    timeouts::apply(&mut stamp, spec, now)?;
    Ok(Verified { value, stamp })
}

/// The verify step: the value under the reading type's binding, or failing that under each
/// earlier generation's (`previous`) in turn, newest first: one verification for the current
/// type, one more for each older generation tried. Returns the generation that verified.
///
/// # Errors
/// [`Error::Malformed`] for bytes that are no value; [`Error::Invalid`] when no generation's
/// binding verifies them.
fn verify<T, L: Lineage<T>>(
    spec: &CookieSpec,
    raw: &mut [u8],
    keys: &Keyring,
) -> Result<(u8, wire::Opened), Error> {
    match wire::open(spec, raw, keys) {
        Err(Error::Invalid) => {}
        result => return result.map(|opened| (0, opened)),
    }
    for generation in 1..=L::DEPTH {
        let Some(spec) = L::spec(generation) else {
            break;
        };
        match wire::open(&spec, raw, keys) {
            Err(Error::Invalid) => {}
            result => return result.map(|opened| (generation, opened)),
        }
    }
    Err(Error::Invalid)
}

/// The decode step: the session origin, when the value is flagged to carry one (a login no
/// later than its issue time), then the payload as the generation that verified, converted to
/// `T`.
///
/// # Errors
/// [`Error::Malformed`] for an origin that is short or later than the issue time, or a payload
/// that does not decode to exactly the generation's type.
fn decode<T: DeserializeOwned, L: Lineage<T>>(
    generation: u8,
    payload: &[u8],
    has_origin: bool,
    issued_at: u64,
) -> Result<(T, Option<Origin>), Error> {
    let (origin, payload) = if has_origin {
        match Origin::split(payload) {
            Some((origin, rest)) if origin.login_at <= issued_at => (Some(origin), rest),
            _ => return Err(Error::Malformed),
        }
    } else {
        (None, payload)
    };
    let value = if generation == 0 {
        wire::decode_payload::<T>(payload)?
    } else {
        L::decode(generation, payload)?
    };
    Ok((value, origin))
}

/// Tries each candidate in order and returns the first success; when none succeeds, the most
/// telling failure (expired over invalid over malformed).
///
/// The work is bounded twice: a value longer than browsers send is malformed before it is
/// decoded, and at most [`MAX_CANDIDATES`] well-formed copies are verified. Copies that are not
/// even well-formed cost a scan and a decode, no cryptography, and do not count, so junk placed
/// before the real cookie cannot use up the budget.
pub(crate) fn first_ok<'h, T>(
    candidates: impl Iterator<Item = &'h [u8]>,
    mut decode: impl FnMut(&'h [u8]) -> Result<T, Error>,
) -> Result<Option<T>, Error> {
    let mut worst: Option<Error> = None;
    let mut verified = 0;
    for candidate in candidates {
        let result = if candidate.len() > MAX_COOKIE_LEN {
            Err(Error::Malformed)
        } else {
            decode(candidate)
        };
        match result {
            Ok(v) => return Ok(Some(v)),
            Err(e) => {
                let rank = |e: &Error| match e {
                    Error::Expired => 3,
                    Error::Invalid => 2,
                    _ => 1,
                };
                if rank(&e) > 1 {
                    verified += 1;
                }
                if worst.as_ref().is_none_or(|w| rank(&e) > rank(w)) {
                    worst = Some(e);
                }
                if verified == MAX_CANDIDATES {
                    break;
                }
            }
        }
    }
    worst.map_or(Ok(None), Err)
}

impl Keyring {
    /// Reads the cookie type `T` from `headers` as `T::from_header` does, asking the keyring's
    /// revocation hook however it answers, over the network too: the read for session types
    /// outside the extractors when the store is remote (Redis). A revoked session is
    /// [`Error::Revoked`].
    ///
    /// # Errors
    /// As `T::from_header`, and [`Error::Revoked`].
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use serde::{Deserialize, Serialize};
    /// use typed_cookies::revocation::{MemoryRevocations, Revocations};
    /// use typed_cookies::{Cookie, Error, Keyring};
    ///
    /// #[derive(Cookie, Serialize, Deserialize)]
    /// #[cookie(name = "__Host-session", sealed, expires = "1h", subject = "user")]
    /// struct Session { user: u64 }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let store = std::sync::Arc::new(MemoryRevocations::new());
    /// let keys = Keyring::generate().with_revocations(Revocations::new(store.clone()));
    /// let line = Session { user: 7 }.to_set_cookie(&keys)?;
    /// let header = line.split(';').next().unwrap();
    /// assert!(keys.read::<Session, _>(header).await?.is_some());
    /// store.revoke_all_before("7", SystemTime::now() + Duration::from_secs(1));
    /// assert_eq!(keys.read::<Session, _>(header).await.err(), Some(Error::Revoked));
    /// # Ok::<(), Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn read<T: TypedCookie, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
    ) -> Result<Option<T>, Error> {
        let () = T::VALID;
        if T::SPEC.mode == Mode::Plain {
            return read_plain(&T::SPEC, headers);
        }
        Ok(self
            .read_verified::<T, H>(headers)
            .await?
            .map(Verified::into_inner))
    }

    /// [`read`](Keyring::read) with the session's [`Verified`] metadata.
    ///
    /// # Errors
    /// As [`read`](Keyring::read); [`Error::Misconfigured`] for a plain type.
    ///
    /// ```
    /// # use serde::{Deserialize, Serialize};
    /// # use typed_cookies::{Cookie, Keyring};
    /// # #[derive(Cookie, Serialize, Deserialize)]
    /// # #[cookie(name = "__Host-session", sealed, subject = "user")]
    /// # struct Session { user: u64 }
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let keys = Keyring::generate();
    /// let line = Session { user: 7 }.to_set_cookie(&keys)?;
    /// let session = keys.read_verified::<Session, _>(line.split(';').next().unwrap()).await?;
    /// assert!(!session.unwrap().written_by_previous_key());
    /// # Ok::<(), typed_cookies::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn read_verified<T: TypedCookie, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
    ) -> Result<Option<Verified<T>>, Error> {
        let Some(session) = pipeline::<T, H>(headers, self, now_secs())? else {
            return Ok(None);
        };
        match self.revocations() {
            Some(revocations) if !revocations.allows(&session).await => Err(Error::Revoked),
            _ => Ok(Some(session)),
        }
    }
}

impl CookieSpec {
    /// Reads this cookie from `headers` (a `Cookie` header value, several, or a header map).
    ///
    /// `Ok(None)` when the cookie is absent. When the name appears more than once, each copy is
    /// tried in order (at most [`MAX_CANDIDATES`]) and the first that verifies wins, so a forged
    /// copy tossed in from a sibling subdomain cannot hide the real one.
    ///
    /// # Errors
    /// When no copy verifies: [`Error::Expired`] if some copy was authentic but expired, else
    /// [`Error::Invalid`] if some copy was well-formed, else [`Error::Malformed`].
    /// [`Error::BrokenRule`] for a spec that breaks a rule, [`Error::Misconfigured`] for a
    /// signed or sealed spec without `keys`.
    ///
    /// ```
    /// use typed_cookies::{CookieSpec, Error, Keyring};
    ///
    /// let spec = CookieSpec::new("n").signed();
    /// let keys = Keyring::generate();
    /// let line = spec.write(&5u16, Some(&keys))?;
    /// let pair = line.split(';').next().unwrap();
    /// let header = format!("n=forged; {pair}");
    /// assert_eq!(spec.read::<u16, _>(&header, Some(&keys))?, Some(5));
    /// assert_eq!(spec.read::<u16, _>("other=1", Some(&keys))?, None);
    /// assert_eq!(spec.read::<u16, _>("n=forged", Some(&keys)), Err(Error::Malformed));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn read<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
        keys: Option<&Keyring>,
    ) -> Result<Option<T>, Error> {
        self.read_at(headers, keys, SystemTime::now())
    }

    /// [`read`](CookieSpec::read) with an explicit clock.
    ///
    /// # Errors
    /// As [`read`](CookieSpec::read).
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use typed_cookies::{CookieSpec, Error, Keyring};
    ///
    /// let spec = CookieSpec::new("n").sealed().expires(60);
    /// let keys = Keyring::generate();
    /// let now = SystemTime::now();
    /// let line = spec.write_at(&5u16, Some(&keys), now)?;
    /// let later = now + Duration::from_secs(61);
    /// assert_eq!(spec.read_at::<u16, _>(&line, Some(&keys), later), Err(Error::Expired));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn read_at<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
        keys: Option<&Keyring>,
        now: SystemTime,
    ) -> Result<Option<T>, Error> {
        self.validate()?;
        if self.mode == Mode::Plain {
            return read_plain(self, headers);
        }
        let keys = keys.ok_or(NO_KEYRING)?;
        Ok(self
            .read_verified_at(headers, keys, now)?
            .map(Verified::into_inner))
    }

    /// Reads a signed or sealed cookie with its verified metadata (see [`Verified`]).
    ///
    /// # Errors
    /// As [`read`](CookieSpec::read); [`Error::Misconfigured`] for a plain spec, which has no
    /// metadata to verify.
    ///
    /// ```
    /// use typed_cookies::{CookieSpec, Keyring};
    ///
    /// let spec = CookieSpec::new("n").sealed();
    /// let keys = Keyring::generate();
    /// let line = spec.write("hi", Some(&keys))?;
    /// let got = spec.read_verified::<String, _>(&line, &keys)?.unwrap();
    /// assert_eq!(got.value, "hi");
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn read_verified<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
        keys: &Keyring,
    ) -> Result<Option<Verified<T>>, Error> {
        self.read_verified_at(headers, keys, SystemTime::now())
    }

    /// [`read_verified`](CookieSpec::read_verified) with an explicit clock.
    ///
    /// # Errors
    /// As [`read_verified`](CookieSpec::read_verified).
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use typed_cookies::{CookieSpec, Keyring};
    ///
    /// let spec = CookieSpec::new("n").signed();
    /// let keys = Keyring::generate();
    /// let now = SystemTime::now();
    /// let line = spec.write_at(&1u8, Some(&keys), now)?;
    /// assert!(spec.read_verified_at::<u8, _>(&line, &keys, now)?.is_some());
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn read_verified_at<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
        keys: &Keyring,
        now: SystemTime,
    ) -> Result<Option<Verified<T>>, Error> {
        self.validate()?;
        if self.mode == Mode::Plain {
            return Err(PLAIN_HAS_NO_METADATA);
        }
        let now = to_unix(now);
        first_ok(header::find(headers, self.name), |text| {
            open_as::<T, NoPrevious>(self, text, keys, now)
        })
    }

    /// Whether a line this spec just wrote reads back as a `T`, for types whose shape includes
    /// a custom serializer that the derive cannot see.
    pub(crate) fn reads_back<T: DeserializeOwned>(
        &self,
        line: &str,
        keys: Option<&Keyring>,
    ) -> bool {
        let pair = line.split(';').next().unwrap_or_default();
        match keys {
            Some(keys) if self.mode != Mode::Plain => {
                let text = pair.split_once('=').map_or("", |(_, v)| v);
                open_as::<T, NoPrevious>(self, text.as_bytes(), keys, now_secs()).is_ok()
            }
            _ => read_plain::<T, _>(self, pair).is_ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{ORIGIN_FLAG, absorb_binding};

    /// A signed value with the origin flag and `payload`, authenticated as a writer would:
    /// what a reader must refuse even though its tag is good.
    fn flagged(spec: &CookieSpec, keys: &Keyring, issued_at: u64, payload: &[u8]) -> String {
        let key = keys.primary();
        let mode = 1 | ORIGIN_FLAG;
        let mut raw = vec![1, mode];
        raw.extend_from_slice(key.id.as_bytes());
        raw.extend_from_slice(&issued_at.to_be_bytes());
        raw.extend_from_slice(&0u64.to_be_bytes());
        raw.extend_from_slice(payload);
        let mut mac = absorb_binding(spec, mode, key).unwrap();
        hmac::Mac::update(&mut mac, &raw[2 + crate::keyring::KEY_ID_LEN..]);
        let tag = hmac::Mac::finalize(mac).into_bytes();
        raw.extend_from_slice(&tag);
        URL_SAFE_NO_PAD.encode(raw)
    }

    fn read_one(spec: &CookieSpec, keys: &Keyring, text: &str, now: u64) -> Result<u8, Error> {
        open_as::<u8, NoPrevious>(spec, text.as_bytes(), keys, now).map(Verified::into_inner)
    }

    #[test]
    fn authentic_but_impossible_origins_are_malformed() {
        let keys = Keyring::from_test_secret(&[5; 32]).unwrap();
        let spec = CookieSpec::new("s").signed().max_lifetime(3600);
        let now = 1_800_000_000;
        let origin = |login_at| {
            let mut bytes = Origin {
                login_at,
                id: [1; 8],
            }
            .to_bytes()
            .to_vec();
            bytes.push(7);
            bytes
        };
        // The control: a well-formed origin reads.
        let good = origin(now - 10);
        assert_eq!(
            read_one(&spec, &keys, &flagged(&spec, &keys, now, &good), now),
            Ok(7)
        );
        // A login after the issue time.
        let later = flagged(&spec, &keys, now, &origin(now + 1));
        assert_eq!(read_one(&spec, &keys, &later, now), Err(Error::Malformed));
        // An origin shorter than 16 bytes.
        let short = flagged(&spec, &keys, now, &good[..15]);
        assert_eq!(read_one(&spec, &keys, &short, now), Err(Error::Malformed));
    }
}
