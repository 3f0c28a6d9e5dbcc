//! What the framework extractors hand a handler, and the policy they share: a session is
//! read through the one read pipeline, then admitted (a revoked session reads as absent, a due
//! one is offered to the request's re-issue layer). The integrations implement the extractor
//! traits over these types.

use crate::clock::now_secs;
use crate::cookie::TypedCookie;
use crate::error::Error;
use crate::header::CookieHeaders;
use crate::keyring::Keyring;
use crate::read;
use crate::session::pending::Pending;
use crate::spec::Mode;
use crate::verified::Verified;

/// A typed cookie read from the request, for framework extractors: `Some` only when the
/// cookie is present and verifies.
///
/// A malformed, forged or expired cookie reads as `None`, exactly like an absent one: a handler
/// never sees a value that did not verify, and treats both as "not logged in". Use
/// [`RequireCookie`] to answer `401 Unauthorized` instead, or call the type's `from_header` to
/// tell the cases apart.
///
/// With the `axum` feature it is an extractor that takes the [`Keyring`](crate::Keyring) from
/// state through `FromRef`; with `actix-web`, from `app_data` (a `Keyring` or a
/// `web::Data<Keyring>`).
///
/// ```
/// use typed_cookies::ReadCookie;
/// let ReadCookie(value) = ReadCookie(Some(5));
/// assert_eq!(value, Some(5));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadCookie<T>(pub Option<T>);

/// A signed or sealed cookie read with its [`Verified`](crate::Verified) metadata (issue time,
/// expiry, whether a previous key wrote it), for sliding sessions, revocation by issue time and
/// re-writing under the primary key. Like [`ReadCookie`], anything absent, malformed, forged or
/// expired is `None`. Only signed and sealed types ([`ProtectedCookie`](crate::ProtectedCookie))
/// qualify: a plain type does not compile.
///
/// The keyring comes from state as for [`ReadCookie`].
///
/// ```
/// use typed_cookies::ReadVerified;
/// let ReadVerified(read) = ReadVerified::<u8>(None);
/// assert!(read.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadVerified<T>(pub Option<Verified<T>>);

/// A typed cookie the handler requires: extraction fails with `401 Unauthorized` when the
/// cookie is absent, malformed, forged or expired, so the handler only runs with a verified
/// value. The keyring comes from state as for [`ReadCookie`].
///
/// ```
/// use typed_cookies::RequireCookie;
/// let RequireCookie(value) = RequireCookie(5);
/// assert_eq!(value, 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequireCookie<T>(pub T);

/// Why [`RequireCookie`] rejected a request. Its response is `401 Unauthorized` with a body
/// that names the cookie but not what was wrong with it.
///
/// ```
/// use typed_cookies::CookieRejection;
/// let r = CookieRejection::Missing { name: "session" };
/// assert_eq!(r.to_string(), "cookie `session` is missing or invalid");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CookieRejection {
    /// The cookie was not sent.
    Missing {
        /// The cookie's name.
        name: &'static str,
    },
    /// The cookie was sent but did not verify.
    Invalid {
        /// The cookie's name.
        name: &'static str,
        /// Why (kept out of the response body).
        error: Error,
    },
    /// The application has no keyring (or, for another framework's cookie, no secret of that
    /// framework) where the extractor looks for it (actix-web `app_data`).
    NoKeyring,
}

impl core::fmt::Display for CookieRejection {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            CookieRejection::Missing { name } | CookieRejection::Invalid { name, .. } => {
                write!(f, "cookie `{name}` is missing or invalid")
            }
            CookieRejection::NoKeyring => {
                f.write_str("no typed_cookies::Keyring or framework secret is configured")
            }
        }
    }
}

impl std::error::Error for CookieRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CookieRejection::Invalid { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// The outcome of a read, shaped for extractors.
pub(crate) fn require<T: TypedCookie>(
    read: Result<Option<T>, Error>,
) -> Result<T, CookieRejection> {
    require_named(T::SPEC.name(), read)
}

/// [`require`] for a cookie named `name`.
pub(crate) fn require_named<T>(
    name: &'static str,
    read: Result<Option<T>, Error>,
) -> Result<T, CookieRejection> {
    match read {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(CookieRejection::Missing { name }),
        Err(error) => Err(CookieRejection::Invalid { name, error }),
    }
}

/// The read of the extractors: the read pipeline, and for signed and sealed types what
/// [`admit`] adds: a revoked session reads as absent, and a session due to be written again is
/// offered to the request's re-issue layer, if one is installed (`pending`).
pub(crate) async fn read<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: Option<&Keyring>,
    pending: Option<&Pending>,
) -> Result<Option<T>, Error> {
    match keys {
        Some(keys)
            if T::SPEC.mode != Mode::Plain
                && (keys.revocations().is_some() || pending.is_some()) =>
        {
            Ok(read_verified::<T, H>(headers, keys, pending)
                .await?
                .map(Verified::into_inner))
        }
        // Plain, or no revocations and no re-issue layer: nothing to ask or offer.
        _ => read::read::<T, H>(headers, keys, now_secs()),
    }
}

/// [`read`] with metadata.
pub(crate) async fn read_verified<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: &Keyring,
    pending: Option<&Pending>,
) -> Result<Option<Verified<T>>, Error> {
    let Some(session) = read::pipeline::<T, H>(headers, keys, now_secs())? else {
        return Ok(None);
    };
    Ok(admit(session, keys, pending).await)
}

/// What the extractors do with a verified session before a handler sees it: ask the keyring's
/// revocation hook (a revoked session is `None`), then offer it for re-issue.
pub(crate) async fn admit<T: TypedCookie>(
    session: Verified<T>,
    keys: &Keyring,
    pending: Option<&Pending>,
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

/// Why a CSRF form was refused before its token was looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormRejection {
    /// The body is not `application/x-www-form-urlencoded` (a JSON body, say): `415`.
    NotFormEncoded,
    /// The body does not parse as a form, or not as the handler's form type: `400`.
    Mismatch,
}

impl FormRejection {
    pub(crate) fn status(self) -> u16 {
        match self {
            FormRejection::NotFormEncoded => 415,
            FormRejection::Mismatch => 400,
        }
    }

    pub(crate) fn message(self) -> &'static str {
        match self {
            FormRejection::NotFormEncoded => {
                "a CSRF form must be application/x-www-form-urlencoded; send JSON requests with \
                 the token in the X-CSRF-Token header (CsrfChecked)"
            }
            FormRejection::Mismatch => "the form does not match",
        }
    }
}

/// A CSRF form's token and fields: the `csrf_token` field, and the rest as `F`. A form with
/// nothing but the token (a logout button) is `F = ()`.
///
/// # Errors
/// [`FormRejection`] for a body of another content type, or one that is not a form of `F`.
pub(crate) fn csrf_form<F: serde::de::DeserializeOwned>(
    content_type: Option<&[u8]>,
    body: &[u8],
) -> Result<(Option<String>, F), FormRejection> {
    if let Some(ct) = content_type {
        let essence = ct
            .split(|&b| b == b';')
            .next()
            .unwrap_or_default()
            .trim_ascii();
        if !essence.eq_ignore_ascii_case(b"application/x-www-form-urlencoded") {
            return Err(FormRejection::NotFormEncoded);
        }
    }
    let fields: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| FormRejection::Mismatch)?;
    let mut token = None;
    let rest: Vec<&(String, String)> = fields
        .iter()
        .filter(|(k, v)| {
            let is_token = k == crate::csrf::CSRF_FIELD;
            if is_token && token.is_none() {
                token = Some(v.clone());
            }
            !is_token
        })
        .collect();
    let form = match serde_urlencoded::from_bytes::<F>(body) {
        Ok(form) => form,
        // `()`: nothing but the token.
        Err(_) if rest.is_empty() => {
            F::deserialize(serde::de::value::UnitDeserializer::<serde::de::value::Error>::new())
                .map_err(|_| FormRejection::Mismatch)?
        }
        Err(_) => return Err(FormRejection::Mismatch),
    };
    Ok((token, form))
}
