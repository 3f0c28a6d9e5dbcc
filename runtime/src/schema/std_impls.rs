//! [`Schema`] for the standard library's serializable types.
//!
//! Types that serde encodes alike and that mean the same share a fingerprint, so a change
//! between them keeps existing cookies: `Box<T>`, `Rc<T>`, `Arc<T>` and `T`; `String`, `str`,
//! `Box<str>` and `Cow<str>`; every sequence and set; every map.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::marker::PhantomData;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::num::{
    NonZeroI8, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI128, NonZeroIsize, NonZeroU8,
    NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU128, NonZeroUsize, Wrapping,
};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::fingerprint::{Schema, any, fingerprint};

leaf! {
    bool => "bool", char => "char", () => "unit",
    i8 => "i8", i16 => "i16", i32 => "i32", i64 => "i64", i128 => "i128", isize => "i64",
    u8 => "u8", u16 => "u16", u32 => "u32", u64 => "u64", u128 => "u128", usize => "u64",
    f32 => "f32", f64 => "f64",
    str => "string", String => "string",
    NonZeroI8 => "nonzero i8", NonZeroI16 => "nonzero i16", NonZeroI32 => "nonzero i32",
    NonZeroI64 => "nonzero i64", NonZeroI128 => "nonzero i128", NonZeroIsize => "nonzero i64",
    NonZeroU8 => "nonzero u8", NonZeroU16 => "nonzero u16", NonZeroU32 => "nonzero u32",
    NonZeroU64 => "nonzero u64", NonZeroU128 => "nonzero u128", NonZeroUsize => "nonzero u64",
    Duration => "std Duration", SystemTime => "std SystemTime",
    IpAddr => "ip", Ipv4Addr => "ipv4", Ipv6Addr => "ipv6",
    SocketAddr => "socket", SocketAddrV4 => "socket v4", SocketAddrV6 => "socket v6",
    Path => "path", PathBuf => "path",
    std::ffi::OsStr => "os string", std::ffi::OsString => "os string",
    std::ffi::CStr => "c string", std::ffi::CString => "c string",
}

/// Wrappers that serde encodes as their contents.
macro_rules! transparent {
    ($($ty:ident),*) => {$(
        impl<T: Schema + ?Sized> Schema for $ty<T> {
            const FINGERPRINT: u64 = T::FINGERPRINT;
            const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
        }
    )*};
}

transparent!(Box, Rc, Arc);

/// Interior mutability that serde encodes as the contents.
macro_rules! transparent_sized {
    ($($ty:ty),*) => {$(
        impl<T: Schema> Schema for $ty {
            const FINGERPRINT: u64 = T::FINGERPRINT;
            const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
        }
    )*};
}

transparent_sized!(
    std::cell::Cell<T>,
    std::cell::RefCell<T>,
    std::sync::Mutex<T>,
    std::sync::RwLock<T>
);

impl<T: Schema> Schema for std::ops::Range<T> {
    const FINGERPRINT: u64 = fingerprint("range", &[T::FINGERPRINT]);
    const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
}

impl<T: Schema> Schema for std::ops::RangeInclusive<T> {
    const FINGERPRINT: u64 = fingerprint("range inclusive", &[T::FINGERPRINT]);
    const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
}

impl<T: Schema> Schema for std::ops::Bound<T> {
    const FINGERPRINT: u64 = fingerprint("bound", &[T::FINGERPRINT]);
    const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
}

impl<T: Schema> Schema for Wrapping<T> {
    const FINGERPRINT: u64 = T::FINGERPRINT;
    const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
}

impl<T: Schema> Schema for std::cmp::Reverse<T> {
    const FINGERPRINT: u64 = T::FINGERPRINT;
    const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
}

impl<T: Schema + ToOwned + ?Sized> Schema for Cow<'_, T> {
    const FINGERPRINT: u64 = T::FINGERPRINT;
    const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
}

impl<T: ?Sized> Schema for PhantomData<T> {
    const FINGERPRINT: u64 = fingerprint("unit", &[]);
}

impl<T: Schema> Schema for Option<T> {
    const FINGERPRINT: u64 = fingerprint("option", &[T::FINGERPRINT]);
    const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
}

impl<T: Schema, E: Schema> Schema for Result<T, E> {
    const FINGERPRINT: u64 = fingerprint("result", &[T::FINGERPRINT, E::FINGERPRINT]);
    const CUSTOM_CODEC: bool = any(&[T::CUSTOM_CODEC, E::CUSTOM_CODEC]);
}

macro_rules! seq {
    ($($ty:ident $(<$extra:ident>)?),*) => {$(
        impl<T: Schema $(, $extra)?> Schema for $ty<T $(, $extra)?> {
            const FINGERPRINT: u64 = fingerprint("seq", &[T::FINGERPRINT]);
            const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
        }
    )*};
}

seq!(Vec, VecDeque, LinkedList, BinaryHeap, BTreeSet, HashSet<S>);

impl<T: Schema> Schema for [T] {
    const FINGERPRINT: u64 = fingerprint("seq", &[T::FINGERPRINT]);
    const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
}

impl<T: Schema, const N: usize> Schema for [T; N] {
    const FINGERPRINT: u64 = fingerprint("array", &[N as u64, T::FINGERPRINT]);
    const CUSTOM_CODEC: bool = T::CUSTOM_CODEC;
}

impl<K: Schema, V: Schema> Schema for BTreeMap<K, V> {
    const FINGERPRINT: u64 = fingerprint("map", &[K::FINGERPRINT, V::FINGERPRINT]);
    const CUSTOM_CODEC: bool = any(&[K::CUSTOM_CODEC, V::CUSTOM_CODEC]);
}

impl<K: Schema, V: Schema, S> Schema for HashMap<K, V, S> {
    const FINGERPRINT: u64 = fingerprint("map", &[K::FINGERPRINT, V::FINGERPRINT]);
    const CUSTOM_CODEC: bool = any(&[K::CUSTOM_CODEC, V::CUSTOM_CODEC]);
}

macro_rules! tuple {
    ($($name:ident)+) => {
        impl<$($name: Schema),+> Schema for ($($name,)+) {
            const FINGERPRINT: u64 = fingerprint("tuple", &[$($name::FINGERPRINT),+]);
            const CUSTOM_CODEC: bool = any(&[$($name::CUSTOM_CODEC),+]);
        }
    };
}

tuple!(A);
tuple!(A B);
tuple!(A B C);
tuple!(A B C D);
tuple!(A B C D E);
tuple!(A B C D E F);
tuple!(A B C D E F G);
tuple!(A B C D E F G H);
tuple!(A B C D E F G H I);
tuple!(A B C D E F G H I J);
tuple!(A B C D E F G H I J K);
tuple!(A B C D E F G H I J K L);
tuple!(A B C D E F G H I J K L M);
tuple!(A B C D E F G H I J K L M N);
tuple!(A B C D E F G H I J K L M N O);
tuple!(A B C D E F G H I J K L M N O P);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_that_mean_the_same_share_a_fingerprint() {
        assert_eq!(<Box<u8>>::FINGERPRINT, u8::FINGERPRINT);
        assert_eq!(<Arc<str>>::FINGERPRINT, String::FINGERPRINT);
        assert_eq!(<Cow<'static, str>>::FINGERPRINT, String::FINGERPRINT);
        assert_eq!(<VecDeque<u8>>::FINGERPRINT, <Vec<u8>>::FINGERPRINT);
        assert_eq!(
            <HashMap<u8, u8>>::FINGERPRINT,
            <BTreeMap<u8, u8>>::FINGERPRINT
        );
    }

    #[test]
    fn different_shapes_differ() {
        let all = [
            u8::FINGERPRINT,
            u16::FINGERPRINT,
            i8::FINGERPRINT,
            <Option<u8>>::FINGERPRINT,
            <Vec<u8>>::FINGERPRINT,
            <[u8; 2]>::FINGERPRINT,
            <[u8; 3]>::FINGERPRINT,
            <(u8, u8)>::FINGERPRINT,
            <(u8, u8, u8)>::FINGERPRINT,
            <(u8, u16)>::FINGERPRINT,
            <BTreeMap<u8, u16>>::FINGERPRINT,
            <BTreeMap<u16, u8>>::FINGERPRINT,
            <Result<u8, u16>>::FINGERPRINT,
            <Result<u16, u8>>::FINGERPRINT,
            <Option<Vec<u8>>>::FINGERPRINT,
            <Vec<Option<u8>>>::FINGERPRINT,
            String::FINGERPRINT,
            bool::FINGERPRINT,
            <std::ops::Range<u8>>::FINGERPRINT,
            <std::ops::RangeInclusive<u8>>::FINGERPRINT,
            <std::ops::Bound<u8>>::FINGERPRINT,
            std::ffi::OsString::FINGERPRINT,
            std::ffi::CString::FINGERPRINT,
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
