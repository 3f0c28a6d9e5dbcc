//! Reading a cookie type together with the earlier types it declares (`previous = ...`), so a
//! changed type carries its old cookies forward instead of logging everyone out.

use core::marker::PhantomData;

use crate::clock::now_secs;
use crate::header::{self, CookieHeaders};
use crate::keyring::Keyring;
use crate::read::first_ok;
use crate::spec::Mode;
use crate::verified::Verified;
use crate::{Error, TypedCookie};

/// The earlier types of a cookie type, newest first: [`NoPrevious`] or [`Previous`].
/// The derive names it; it is not meant to be implemented by hand.
#[doc(hidden)]
pub trait Lineage<T> {
    /// How many earlier generations there are. A cycle of `previous` declarations makes this
    /// constant depend on itself, which the compiler reports.
    const DEPTH: u8;

    /// Opens `text` as one of the earlier types and converts it to `T`.
    ///
    /// # Errors
    /// As a read of the earlier types.
    fn open(text: &[u8], keys: &Keyring, now: u64) -> Result<Verified<T>, Error>;
}

/// A cookie type that declares no earlier type.
#[doc(hidden)]
pub struct NoPrevious;

impl<T> Lineage<T> for NoPrevious {
    const DEPTH: u8 = 0;

    fn open(_: &[u8], _: &Keyring, _: u64) -> Result<Verified<T>, Error> {
        Err(Error::Invalid)
    }
}

/// A cookie type whose previous type is `P`, converted with `From<P>`.
#[doc(hidden)]
pub struct Previous<P>(PhantomData<P>);

impl<T: crate::__private::MigratesFrom<P>, P: TypedCookie> Lineage<T> for Previous<P> {
    const DEPTH: u8 = 1 + <P::Previous as Lineage<P>>::DEPTH;

    fn open(text: &[u8], keys: &Keyring, now: u64) -> Result<Verified<T>, Error> {
        let Verified { value, mut stamp } = open::<P>(text, keys, now)?;
        stamp.generation += 1;
        Ok(Verified {
            value: T::migrate(value),
            stamp,
        })
    }
}

/// Opens one candidate value as `T`, or failing that as each of its earlier types in turn: one
/// verification for the current type, one more for each older generation tried.
pub(crate) fn open<T: TypedCookie>(
    text: &[u8],
    keys: &Keyring,
    now: u64,
) -> Result<Verified<T>, Error> {
    match T::SPEC.open_text::<T>(text, keys, now) {
        Ok((value, stamp)) => Ok(Verified { value, stamp }),
        Err(Error::Invalid) if <T::Previous as Lineage<T>>::DEPTH > 0 => {
            match <T::Previous as Lineage<T>>::open(text, keys, now) {
                Err(Error::Expired) => Err(Error::Expired),
                Err(_) => Err(Error::Invalid),
                Ok(mut migrated) => {
                    // The current type's timeouts govern the session it now is.
                    migrated.stamp.apply_timeouts(&T::SPEC, now)?;
                    Ok(migrated)
                }
            }
        }
        Err(e) => Err(e),
    }
}

/// Reads a signed or sealed `T` with its metadata, earlier types included.
pub(crate) fn read_verified<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: &Keyring,
    now: u64,
) -> Result<Option<Verified<T>>, Error> {
    let () = T::VALID;
    if T::SPEC.mode == Mode::Plain {
        return Err(Error::Misconfigured(
            "plain cookies carry no verified metadata",
        ));
    }
    first_ok(header::values(headers, T::SPEC.name), |text| {
        open::<T>(text, keys, now)
    })
}

/// Reads a `T` of any mode, earlier types included.
pub(crate) fn read<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: Option<&Keyring>,
    now: u64,
) -> Result<Option<T>, Error> {
    let () = T::VALID;
    if T::SPEC.mode == Mode::Plain {
        return T::SPEC.read_plain(headers);
    }
    let keys = keys.ok_or(crate::write::NO_KEYRING)?;
    Ok(read_verified::<T, H>(headers, keys, now)?.map(Verified::into_inner))
}

/// What the derive's `from_header` calls.
#[doc(hidden)]
pub fn read_derived<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: Option<&Keyring>,
) -> Result<Option<T>, Error> {
    read::<T, H>(headers, keys, now_secs())
}

/// What the derive's `from_header_verified` calls.
#[doc(hidden)]
pub fn read_verified_derived<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: &Keyring,
) -> Result<Option<Verified<T>>, Error> {
    read_verified::<T, H>(headers, keys, now_secs())
}

/// Reads a `T` the way the framework adapters do: the spec's rules checked, earlier types
/// included.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn read_checked<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: Option<&Keyring>,
) -> Result<Option<T>, Error> {
    T::SPEC.validate()?;
    read::<T, H>(headers, keys, now_secs())
}

/// [`read_checked`] with metadata.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn read_verified_checked<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: &Keyring,
) -> Result<Option<Verified<T>>, Error> {
    T::SPEC.validate()?;
    read_verified::<T, H>(headers, keys, now_secs())
}

/// The read of the extractors: [`read_checked`], and for signed and sealed types what
/// [`admit`] adds: a revoked session reads as absent, and a session due to be written again is
/// offered to the request's re-issue layer, if one is installed (`pending`).
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) async fn read_for_extractor<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: Option<&Keyring>,
    pending: Option<&crate::reissue::Pending>,
) -> Result<Option<T>, Error> {
    match keys {
        Some(keys)
            if T::SPEC.mode != Mode::Plain
                && (keys.revocations().is_some() || pending.is_some()) =>
        {
            Ok(read_verified_for_extractor::<T, H>(headers, keys, pending)
                .await?
                .map(Verified::into_inner))
        }
        _ => read_checked::<T, H>(headers, keys),
    }
}

/// [`read_for_extractor`] with metadata.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) async fn read_verified_for_extractor<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: &Keyring,
    pending: Option<&crate::reissue::Pending>,
) -> Result<Option<Verified<T>>, Error> {
    let Some(session) = read_verified_checked::<T, H>(headers, keys)? else {
        return Ok(None);
    };
    Ok(admit(session, keys, pending).await)
}

/// What the extractors do with a verified session before a handler sees it: ask the keyring's
/// revocation hook (a revoked session is `None`), then offer it for re-issue.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) async fn admit<T: TypedCookie>(
    session: Verified<T>,
    keys: &Keyring,
    pending: Option<&crate::reissue::Pending>,
) -> Option<Verified<T>> {
    if let Some(revocations) = keys.revocations()
        && !revocations.allows(&session).await
    {
        return None;
    }
    if let Some(pending) = pending {
        pending.offer(&session, keys);
    }
    Some(session)
}

/// Checks a type's `previous` declaration where it is made: the same name and protection
/// mode, so the earlier cookies are the same cookie.
#[doc(hidden)]
pub const fn check_previous(current: &crate::CookieSpec, previous: &crate::CookieSpec) {
    let (a, b) = (current.name.as_bytes(), previous.name.as_bytes());
    let mut same = a.len() == b.len();
    let mut i = 0;
    while same && i < a.len() {
        same = a[i] == b[i];
        i += 1;
    }
    assert!(
        same,
        "a `previous` type must have the same cookie name as the type that declares it"
    );
    assert!(
        current.mode.wire_byte() == previous.mode.wire_byte(),
        "a `previous` type must have the same protection (signed or sealed) as the type that declares it"
    );
    assert!(
        current.schema != previous.schema,
        "a `previous` type has the same schema as the type that declares it, so there is nothing to migrate"
    );
}

/// What the `testing` helpers read with: earlier types included, the spec not re-checked.
#[cfg(feature = "testing")]
pub(crate) fn read_for_tests<T: TypedCookie>(
    pair: &str,
    keys: Option<&Keyring>,
) -> Result<Option<T>, Error> {
    read::<T, str>(pair, keys, now_secs())
}
