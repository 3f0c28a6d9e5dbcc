//! Migrations: the earlier types a cookie type declares (`previous = ...`), so a changed type
//! carries its old cookies forward instead of logging everyone out. They are one step of the
//! read pipeline (`read`): its verify step tries each generation's binding, its decode step
//! converts what the generation that verified wrote.

use core::marker::PhantomData;

use crate::cookie::{Lineage, TypedCookie};
use crate::error::Error;
use crate::spec::CookieSpec;
use crate::wire::decode_payload;

/// A cookie type that declares no earlier type.
#[doc(hidden)]
pub struct NoPrevious;

impl<T> Lineage<T> for NoPrevious {
    const DEPTH: u8 = 0;

    fn spec(_: u8) -> Option<CookieSpec> {
        None
    }

    fn decode(_: u8, _: &[u8]) -> Result<T, Error> {
        Err(Error::Invalid)
    }
}

/// A cookie type whose previous type is `P`, converted with `From<P>`.
#[doc(hidden)]
pub struct Previous<P>(PhantomData<P>);

impl<T: MigratesFrom<P>, P: TypedCookie> Lineage<T> for Previous<P> {
    const DEPTH: u8 = 1 + <P::Previous as Lineage<P>>::DEPTH;

    fn spec(generation: u8) -> Option<CookieSpec> {
        match generation {
            0 => None,
            1 => Some(P::SPEC),
            g => <P::Previous as Lineage<P>>::spec(g - 1),
        }
    }

    fn decode(generation: u8, payload: &[u8]) -> Result<T, Error> {
        let previous = match generation {
            1 => decode_payload::<P>(payload)?,
            g => <P::Previous as Lineage<P>>::decode(g - 1, payload)?,
        };
        Ok(T::migrate(previous))
    }
}

/// A conversion from a cookie type's `previous` type.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` declares `previous = {P}` but cannot be made from it",
    label = "reads convert old cookies with `From<{P}>`",
    note = "add `impl From<{P}> for {Self}`, saying how an old value becomes a new one"
)]
pub trait MigratesFrom<P> {
    /// The new value for an old one.
    fn migrate(previous: P) -> Self;
}

#[diagnostic::do_not_recommend]
impl<T: From<P>, P> MigratesFrom<P> for T {
    fn migrate(previous: P) -> Self {
        T::from(previous)
    }
}

/// A conversion into the `previous` type that a type still writes (`write_previous`).
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is written as its previous type `{P}` (`write_previous`) but cannot be turned into it",
    label = "writes convert with `From<&{Self}> for {P}`",
    note = "add `impl From<&{Self}> for {P}`, or remove `write_previous` once every server reads the new type"
)]
pub trait WritesAs<P> {
    /// The previous type's value for this one.
    fn write_as(&self) -> P;
}

#[diagnostic::do_not_recommend]
impl<T, P: for<'a> From<&'a T>> WritesAs<P> for T {
    fn write_as(&self) -> P {
        P::from(self)
    }
}

/// Checks a type's `previous` declaration where it is made: the same name and protection
/// mode, so the earlier cookies are the same cookie, and another schema.
#[doc(hidden)]
pub const fn check_previous(current: &CookieSpec, previous: &CookieSpec) {
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
        current.mode as u8 == previous.mode as u8,
        "a `previous` type must have the same protection (signed or sealed) as the type that declares it"
    );
    assert!(
        current.schema != previous.schema,
        "a `previous` type has the same schema as the type that declares it, so there is nothing to migrate"
    );
}
