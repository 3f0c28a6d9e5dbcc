//! The one read pipeline, in the order the data flows:
//!
//! ```text
//! headers --find--> candidates --verify--> authentic bytes --origin--> login time
//!         --timeouts--> still valid --decode--> Verified value
//! ```
//!
//! - **find** ([`header::find`]): every copy of the cookie's name in the `Cookie` headers;
//!   [`first_ok`] tries them in order, within [`MAX_CANDIDATES`].
//! - **verify** ([`verify`]): base64url, then the wire format's signature or seal
//!   ([`wire::open`]) under the reading type's binding, or under the binding of each of its
//!   `previous` types in turn ([`Lineage::spec`]); an issue time too far ahead is refused.
//! - **origin** ([`origin`]): the session's login time and id, when flagged.
//! - **timeouts** ([`timeouts::apply`]): the lifetimes, refresh and absolute limits over the
//!   authenticated times (a migrated value's older generations' first, the reader's last), so
//!   an authentic value past its time is `Expired` whatever its payload holds.
//! - **decode** ([`decode`]): the payload as the generation that verified, converted to the
//!   reading type ([`Lineage::decode`]).
//!
//! Plain cookies skip verify and timeouts: their value is text anyone can change
//! ([`plain::decode`]).

use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::de::DeserializeOwned;
use typed_cookies_rules::{ISSUED_AT_LEEWAY_SECS, MAX_CANDIDATES, MAX_COOKIE_LEN};

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
    let () = T::VALID;
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
    let (generation, opened) = verify::<T, L>(spec, raw, keys, now)?;
    // A value an earlier generation wrote fails as its own read did: expired, or else invalid
    // for the reading type.
    let migrated = |e: Error| match e {
        Error::Expired => Error::Expired,
        _ if generation > 0 => Error::Invalid,
        e => e,
    };
    let payload = &raw[opened.payload.clone()];
    let (origin, payload) =
        origin(payload, opened.has_origin, opened.issued_at).map_err(migrated)?;
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
    // The writer's generation's timeouts first, then each newer one's, the reader's last: the
    // reader's govern the session the value now is, and none of the older limits is lifted.
    for older in (1..=generation).rev() {
        if let Some(older) = L::spec(older) {
            timeouts::apply(&mut stamp, &older, now).map_err(migrated)?;
        }
    }
    timeouts::apply(&mut stamp, spec, now)?;
    let value = decode::<T, L>(generation, payload).map_err(migrated)?;
    Ok(Verified { value, stamp })
}

/// The verify step: the value under the reading type's binding, or failing that under each
/// earlier generation's (`previous`) in turn, newest first: one verification for the current
/// type, one more for each older generation tried. Returns the generation that verified. An
/// authentic value issued more than [`ISSUED_AT_LEEWAY_SECS`] after `now` is refused too: no
/// clock of a fleet runs that far ahead.
///
/// # Errors
/// [`Error::Malformed`] for bytes that are no value; [`Error::Invalid`] when no generation's
/// binding verifies them, or the issue time lies too far ahead.
fn verify<T, L: Lineage<T>>(
    spec: &CookieSpec,
    raw: &mut [u8],
    keys: &Keyring,
    now: u64,
) -> Result<(u8, wire::Opened), Error> {
    let mut found = wire::open(spec, raw, keys).map(|opened| (0, opened));
    let mut generation = 1;
    while matches!(found, Err(Error::Invalid)) && generation <= L::DEPTH {
        let Some(older) = L::spec(generation) else {
            break;
        };
        found = wire::open(&older, raw, keys).map(|opened| (generation, opened));
        generation += 1;
    }
    let (generation, opened) = found?;
    if opened.issued_at > now.saturating_add(ISSUED_AT_LEEWAY_SECS) {
        return Err(Error::Invalid);
    }
    Ok((generation, opened))
}

/// The origin step: the session origin, when the value is flagged to carry one (a login no
/// later than its issue time), and the rest of the payload.
///
/// # Errors
/// [`Error::Malformed`] for an origin that is short or later than the issue time.
fn origin(
    payload: &[u8],
    has_origin: bool,
    issued_at: u64,
) -> Result<(Option<Origin>, &[u8]), Error> {
    if !has_origin {
        return Ok((None, payload));
    }
    match Origin::split(payload) {
        Some((origin, rest)) if origin.login_at <= issued_at => Ok((Some(origin), rest)),
        _ => Err(Error::Malformed),
    }
}

/// The decode step: the payload as the generation that verified, converted to `T`.
///
/// # Errors
/// [`Error::Malformed`] for a payload that does not decode to exactly the generation's type.
fn decode<T: DeserializeOwned, L: Lineage<T>>(generation: u8, payload: &[u8]) -> Result<T, Error> {
    if generation == 0 {
        wire::decode_payload::<T>(payload)
    } else {
        L::decode(generation, payload)
    }
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
        authentic(spec, keys, 1 | ORIGIN_FLAG, issued_at, 0, payload)
    }

    /// A signed value of mode byte `mode` with these times and `payload`, with a good tag.
    fn authentic(
        spec: &CookieSpec,
        keys: &Keyring,
        mode: u8,
        issued_at: u64,
        expires_at: u64,
        payload: &[u8],
    ) -> String {
        let key = keys.primary();
        let mut raw = vec![1, mode];
        raw.extend_from_slice(key.id.as_bytes());
        raw.extend_from_slice(&issued_at.to_be_bytes());
        raw.extend_from_slice(&expires_at.to_be_bytes());
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

    /// Once a value is proven authentic, its times come before its payload: an expired value
    /// is `Expired` even when its payload no longer decodes as the reader's type, and a value
    /// issued too far ahead is `Invalid`.
    #[test]
    fn expiry_and_issue_time_are_judged_before_the_payload() {
        let keys = Keyring::from_test_secret(&[5; 32]).unwrap();
        let spec = CookieSpec::new("s").signed().expires(60);
        let now = 1_800_000_000;
        let undecodable = [0xff, 0xff, 0xff];
        let expired = authentic(&spec, &keys, 1, now - 120, now - 60, &undecodable);
        assert_eq!(read_one(&spec, &keys, &expired, now), Err(Error::Expired));
        let future = authentic(&spec, &keys, 1, now + 301, now + 361, &undecodable);
        assert_eq!(read_one(&spec, &keys, &future, now), Err(Error::Invalid));
        let current = authentic(&spec, &keys, 1, now - 10, now + 50, &undecodable);
        assert_eq!(read_one(&spec, &keys, &current, now), Err(Error::Malformed));
        let good = authentic(&spec, &keys, 1, now - 10, now + 50, &[7]);
        assert_eq!(read_one(&spec, &keys, &good, now), Ok(7));
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
