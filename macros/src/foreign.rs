use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::{Attrs, Format};

/// The impls and methods of a cookie in another framework's format: the methods take that
/// framework's secret type.
pub fn expand(
    input: &DeriveInput,
    attrs: &Attrs,
    name: &str,
    format: Format,
    spec: &TokenStream,
) -> TokenStream {
    let ty = &input.ident;
    let vis = &input.vis;
    let krate = attrs.krate();
    let p = quote!(#krate::__private);
    let path = format.path();
    let format_ty: syn::Path = syn::parse_str(path).unwrap_or_else(|_| unreachable!("a path"));
    let salt = attrs.salt.as_ref().map_or("", |s| s.value.as_str());
    let secret = quote!(<#krate::#format_ty as #p::ForeignFormat>::Secret);
    let framework = format.framework();
    let to_doc =
        format!("Renders the complete `Set-Cookie` header value, in {framework}'s format.");
    let from_doc = format!(
        "Reads this cookie, in {framework}'s format, from `Cookie` request headers. `Ok(None)` when it is absent."
    );
    quote! {
        #[automatically_derived]
        impl #p::ForeignCookie for #ty {
            const SPEC: #p::CookieSpec = #spec;
            const SALT: &'static str = #salt;
            type Format = #krate::#format_ty;
        }
        const _: () = #p::assert_cookie_value::<#ty>();

        #[automatically_derived]
        #[allow(dead_code)]
        impl #ty {
            /// The cookie's name, prefix included.
            #vis const COOKIE_NAME: &'static str = #name;

            #[doc = #to_doc]
            ///
            /// # Errors
            /// When the value fails to serialize or the cookie would exceed 4096 bytes.
            #vis fn to_set_cookie(&self, secret: &#secret) -> #p::Result<#p::String, #p::Error> {
                #p::foreign_write::<Self>(self, secret)
            }

            #[doc = #from_doc]
            ///
            /// # Errors
            /// When every copy of the cookie is malformed, fails verification or has expired.
            #vis fn from_header<H: #p::CookieHeaders + ?::core::marker::Sized>(
                headers: &H,
                secret: &#secret,
            ) -> #p::Result<#p::Option<Self>, #p::Error> {
                #p::foreign_read::<Self, H>(headers, secret)
            }

            /// The `Set-Cookie` header value that deletes this cookie.
            #[must_use]
            #vis fn removal() -> #p::String {
                #p::foreign_removal::<Self>()
            }
        }
    }
}
