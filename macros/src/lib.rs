//! The derive macro of [typed-cookies](https://docs.rs/typed-cookies). Use it through that
//! crate, which re-exports it as `typed_cookies::Cookie` and documents the attribute grammar.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;
mod fallback;
mod foreign;
mod schema;
mod serde_attr;
mod symbol;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Declares a cookie as a type; see `typed_cookies::Cookie`.
#[proc_macro_derive(Cookie, attributes(cookie))]
pub fn derive_cookie(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}

/// Derives `typed_cookies::Schema`; see that trait.
#[proc_macro_derive(Schema, attributes(cookie))]
pub fn derive_schema(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    schema::derive(&input).into()
}

/// What the derive says of the keys of `#[cookie(...)]`: the cookie rules they break and the
/// spec it would emit. For the test that holds the derive and the runtime to one verdict; not
/// part of the API.
#[doc(hidden)]
#[proc_macro]
pub fn __rule_verdict(input: TokenStream) -> TokenStream {
    expand::rule_verdict(input.into()).into()
}
