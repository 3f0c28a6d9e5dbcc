use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput};

use crate::attr::{self, Attrs, Mode, SameSite};
use crate::check;
use crate::ctxt::Ctxt;
use crate::schema;

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let attrs = attr::parse(&cx, &input.attrs);
    if let Data::Union(u) = &input.data {
        cx.syn_error(syn::Error::new(
            u.union_token.span,
            "#[derive(Cookie)] is not supported on unions, which serde cannot serialize; use a struct or an enum",
        ));
    }
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            "cookie types cannot have generic parameters: a cookie's schema fingerprint must be \
             fixed at compile time; declare one non-generic type per cookie",
        );
    }
    let name = match &attrs.name {
        Some(n) => n.value.clone(),
        None => {
            let default = snake_case(&input.ident.to_string());
            // The type's own name must make a valid cookie name too (Rust allows non-ASCII
            // identifiers; cookie names are ASCII tokens).
            attr::check_name_text(&cx, &default, &input.ident);
            default
        }
    };
    check::check(&cx, &attrs, &name);
    match cx.check() {
        Ok(()) => expand(input, &attrs, &name),
        Err(err) => {
            let mut out = err.to_compile_error();
            out.extend(fallback(input, attrs.mode(), &name));
            out
        }
    }
}

fn expand(input: &DeriveInput, attrs: &Attrs, name: &str) -> TokenStream {
    let mode = match attrs.mode() {
        Mode::Plain => quote!(),
        Mode::Signed => quote!(.signed()),
        Mode::Sealed => quote!(.sealed()),
    };
    let expires = attrs.expires.as_ref().map(|e| {
        let secs = e.value;
        quote!(.expires(#secs))
    });
    let secure = attrs.is_secure();
    let http_only = attrs.is_httponly();
    let same_site = format_ident!(
        "{}",
        match attrs.same_site.as_ref().map_or(SameSite::Lax, |s| s.value) {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
        }
    );
    let path = attrs.path.as_ref().map_or("/", |p| p.value.as_str());
    let domain = attrs.domain.as_ref().map(|d| {
        let d = &d.value;
        quote!(.domain(#d))
    });
    let partitioned = attrs.partitioned.as_ref().is_some_and(|p| p.value);
    let fingerprint = schema::fingerprint(input);
    let p = private();
    let spec = quote! {
        #p::CookieSpec::new(#name)
            #mode
            #expires
            .secure(#secure)
            .http_only(#http_only)
            .same_site(#p::SameSite::#same_site)
            .path(#path)
            #domain
            .partitioned(#partitioned)
            .schema(#fingerprint)
    };
    impls(input, attrs.mode(), name, &spec)
}

/// The trait impls and inherent methods, around the spec expression `spec`.
fn impls(input: &DeriveInput, mode: Mode, name: &str, spec: &TokenStream) -> TokenStream {
    let ty = &input.ident;
    let p = private();
    let methods = methods(input, mode, name);
    let protected = (mode != Mode::Plain).then(|| {
        quote! {
            #[automatically_derived]
            impl #p::ProtectedCookie for #ty where for<'__a> #ty: #p::CookieValue {}
        }
    });
    quote! {
        #[automatically_derived]
        impl #p::TypedCookie for #ty
        where
            for<'__a> #ty: #p::CookieValue,
        {
            const SPEC: #p::CookieSpec = #spec;
        }
        #protected
        const _: () = #p::assert_cookie_value::<#ty>();
        #methods
    }
}

fn private() -> TokenStream {
    quote!(::typed_cookies::__private)
}

fn methods(input: &DeriveInput, mode: Mode, name: &str) -> TokenStream {
    let ty = &input.ident;
    let vis = &input.vis;
    let p = private();
    let spec = quote!(<Self as #p::TypedCookie>::SPEC);
    // A bound under a binder is checked where a method is called, not where it is defined, so
    // a type without serde impls gets the one error of `assert_cookie_value`, not one per method.
    let bound = quote!(where for<'__a> Self: #p::TypedCookie);
    let protected = mode != Mode::Plain;
    let (key_param, key_arg) = if protected {
        (quote!(, keys: &#p::Keyring), quote!(#p::Option::Some(keys)))
    } else {
        (quote!(), quote!(#p::Option::None))
    };
    let verified = protected.then(|| {
        quote! {
            /// Reads this cookie like `from_header`, together with its verified metadata:
            /// issued-at, expiry and whether a previous key wrote it.
            ///
            /// # Errors
            /// As `from_header`.
            #vis fn from_header_verified<H: #p::CookieHeaders + ?::core::marker::Sized>(
                headers: &H,
                keys: &#p::Keyring,
            ) -> #p::Result<#p::Option<#p::Verified<Self>>, #p::Error> #bound {
                #spec.__read_verified_derived(headers, keys)
            }
        }
    });
    quote! {
        #[automatically_derived]
        #[allow(dead_code)]
        impl #ty {
            /// The cookie's name, prefix included.
            #vis const COOKIE_NAME: &'static str = #name;

            /// Renders the complete `Set-Cookie` header value for this cookie.
            ///
            /// # Errors
            /// When the value fails to serialize or the cookie would exceed 4096 bytes.
            #vis fn to_set_cookie(&self #key_param) -> #p::Result<#p::String, #p::Error> #bound {
                #spec.__write_derived(self, #key_arg)
            }

            /// Reads this cookie from `Cookie` request headers (a header value, several, or a
            /// header map). `Ok(None)` when it is absent.
            ///
            /// # Errors
            /// When every copy of the cookie is malformed, fails verification or has expired.
            #vis fn from_header<H: #p::CookieHeaders + ?::core::marker::Sized>(
                headers: &H #key_param
            ) -> #p::Result<#p::Option<Self>, #p::Error> #bound {
                #spec.__read_derived(headers, #key_arg)
            }

            #verified

            /// The `Set-Cookie` header value that deletes this cookie.
            #[must_use]
            #vis fn removal() -> #p::String #bound {
                #spec.removal()
            }
        }
    }
}

/// After an error, the same API with a placeholder spec whose methods never run, so the user
/// sees the real mistake and not a cascade of "no method named ..." errors.
fn fallback(input: &DeriveInput, mode: Mode, name: &str) -> TokenStream {
    if !input.generics.params.is_empty() || matches!(input.data, Data::Union(_)) {
        return TokenStream::new();
    }
    let p = private();
    impls(input, mode, name, &quote!(#p::CookieSpec::new(#name)))
}

/// `UserPrefs` -> `user_prefs`, `HTTPState` -> `http_state`.
pub fn snake_case(ident: &str) -> String {
    let ident = ident.strip_prefix("r#").unwrap_or(ident);
    let chars: Vec<char> = ident.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if prev_lower || (prev_upper && next_lower) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn snake_case_names() {
        assert_eq!(snake_case("Session"), "session");
        assert_eq!(snake_case("UserPrefs"), "user_prefs");
        assert_eq!(snake_case("HTTPState"), "http_state");
        assert_eq!(snake_case("Csrf2Token"), "csrf2_token");
    }
}
