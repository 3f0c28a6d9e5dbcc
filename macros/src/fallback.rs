use proc_macro2::TokenStream;
use quote::quote;
use syn::Data;

use crate::ast::Mode;
use crate::expand::Cookie;
use crate::schema;

/// After an error, the same API with a placeholder spec whose methods never run, so the user
/// sees the real mistake and not a cascade of "no method named ..." errors.
pub fn fallback(cookie: &Cookie) -> TokenStream {
    let input = cookie.input;
    if !input.generics.params.is_empty() || matches!(input.data, Data::Union(_)) {
        return TokenStream::new();
    }
    let p = cookie.private();
    let name = cookie.name;
    let mut out = cookie.impls(&quote!(#p::CookieSpec::new(#name)), &quote!(false), None);
    if cookie.attrs.mode() != Mode::Plain {
        out.extend(schema::schema_impl(
            input,
            cookie.krate,
            &schema::Shape {
                fingerprint: quote!(0),
                custom_codec: quote!(false),
            },
        ));
    }
    out
}
