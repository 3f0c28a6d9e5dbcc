use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::{Data, DeriveInput};

use crate::ast::{Attrs, Mode, SameSite};
use crate::attr;
use crate::check;
use crate::ctxt::Ctxt;
use crate::schema;

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let attrs = attr::parse(&cx, &input.attrs);
    let krate = attrs.krate();
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
    // The type's own name must make a valid cookie name too (Rust allows non-ASCII
    // identifiers; cookie names are ASCII tokens).
    let (name, name_span) = match &attrs.name {
        Some(n) => (n.value.clone(), n.span),
        None => (snake_case(&input.ident.to_string()), input.ident.span()),
    };
    check::check(&cx, &attrs, &name, name_span, input.ident.span());
    check::check_subject_field(&cx, &attrs, input);
    // Plain values are JSON text, which carries every serde shape; signed and sealed values use
    // the binary encoding, whose shape the schema checks and fingerprints.
    let shape = (attrs.is_protected() && !matches!(input.data, Data::Union(_)))
        .then(|| schema::shape(&cx, input, &krate));
    let cookie = Cookie {
        input,
        attrs: &attrs,
        name: &name,
        krate: &krate,
    };
    if let Some(format) = &attrs.format {
        let ok = cx.check();
        let mut out = ok
            .as_ref()
            .err()
            .map(syn::Error::to_compile_error)
            .unwrap_or_default();
        if !input.generics.params.is_empty() || matches!(input.data, Data::Union(_)) {
            return out;
        }
        out.extend(crate::foreign::expand(
            input,
            &attrs,
            &name,
            format.value,
            &spec(&attrs, &name, &krate),
        ));
        return out;
    }
    match cx.check() {
        Ok(()) => cookie.expand(shape.as_ref()),
        Err(err) => {
            let mut out = err.to_compile_error();
            out.extend(crate::fallback::fallback(&cookie));
            out
        }
    }
}

/// What the derive says of `#[cookie(...)]` holding `tokens`, for the test that holds the
/// derive and the runtime to one verdict: the cookie rules it reports, and the spec it would
/// emit, as `(&[Violation], CookieSpec)`.
pub fn rule_verdict(tokens: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let attr: syn::Attribute = syn::parse_quote!(#[cookie(#tokens)]);
    let attrs = attr::parse(&cx, &[attr]);
    let krate = attrs.krate();
    let name = attrs
        .name
        .as_ref()
        .map_or_else(String::new, |n| n.value.clone());
    let here = proc_macro2::Span::call_site();
    check::check(&cx, &attrs, &name, here, here);
    let violations = cx.violations().into_iter().map(|v| {
        let v = format_ident!("{}", format!("{v:?}"));
        quote!(#krate::rules::Violation::#v)
    });
    let spec = spec(&attrs, &name, &krate);
    // The other errors (a key the runtime has no word for) are not the rules' to compare.
    drop(cx.check());
    quote!((&[#(#violations),*][..], #spec))
}

/// The spec expression the derive emits for `attrs`: name, protection and browser attributes.
pub fn spec(attrs: &Attrs, name: &str, krate: &TokenStream) -> TokenStream {
    // The very facts the rules judged (`Attrs::rules_cookie`), so the spec the runtime checks
    // is the cookie the derive checked.
    let facts = attrs.rules_cookie(name);
    let mode = match (facts.protected, attrs.mode()) {
        (false, _) | (true, Mode::Plain) => quote!(),
        (true, Mode::Signed) => quote!(.signed()),
        (true, Mode::Sealed) => quote!(.sealed()),
    };
    let secs = |method: &str, secs: Option<u64>| {
        let method = format_ident!("{method}");
        secs.map(|secs| quote!(.#method(#secs)))
    };
    let expires = secs("expires", facts.expires);
    let refresh = secs("refresh", facts.refresh);
    let max_lifetime = secs("max_lifetime", facts.max_lifetime);
    let (secure, http_only, path, partitioned) =
        (facts.secure, facts.http_only, facts.path, facts.partitioned);
    let same_site = format_ident!(
        "{}",
        match attrs.same_site.as_ref().map_or(SameSite::Lax, |s| s.value) {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
        }
    );
    let domain = facts.domain.map(|d| quote!(.domain(#d)));
    quote! {
        #krate::__private::CookieSpec::new(#name)
            #mode
            #expires
            #refresh
            #max_lifetime
            .secure(#secure)
            .http_only(#http_only)
            .same_site(#krate::__private::SameSite::#same_site)
            .path(#path)
            #domain
            .partitioned(#partitioned)
    }
}

/// One derived cookie type.
pub struct Cookie<'a> {
    pub input: &'a DeriveInput,
    pub attrs: &'a Attrs,
    pub name: &'a str,
    pub krate: &'a TokenStream,
}

impl Cookie<'_> {
    fn expand(&self, shape: Option<&schema::Shape>) -> TokenStream {
        let p = self.private();
        let ty = &self.input.ident;
        let schema = shape.map(|_| quote!(.schema(<#ty as #p::Schema>::FINGERPRINT)));
        let base = spec(self.attrs, self.name, self.krate);
        let spec = quote!(#base #schema);
        let schema_impl = shape.map(|s| schema::schema_impl(self.input, self.krate, s));
        let previous = self.previous_checks();
        let check = if shape.is_some() {
            quote!(<Self as #p::Schema>::CUSTOM_CODEC)
        } else {
            quote!(false)
        };
        let mut out = self.impls(&spec, &check, self.subject());
        out.extend(schema_impl);
        out.extend(previous);
        out
    }

    pub fn private(&self) -> TokenStream {
        let krate = self.krate;
        quote!(#krate::__private)
    }

    /// The compile-time checks of `previous = P`: same name and protection, a conversion, and
    /// no cycle (which would make the chain's depth depend on itself).
    fn previous_checks(&self) -> Option<TokenStream> {
        let prev = &self.attrs.previous.as_ref()?.value;
        let ty = &self.input.ident;
        let span = syn::spanned::Spanned::span(prev);
        // The checks' errors point at `previous = ...`.
        let p: TokenStream = self
            .private()
            .into_iter()
            .map(|mut t| {
                t.set_span(span);
                t
            })
            .collect();
        Some(quote_spanned! {span=>
            const _: () = {
                #p::check_previous(
                    &<#ty as #p::TypedCookie>::SPEC,
                    &<#prev as #p::TypedCookie>::SPEC,
                );
                let _ = <<#ty as #p::TypedCookie>::Previous as #p::Lineage<#ty>>::DEPTH;
            };
        })
    }

    /// The subject revocation asks about, `subject = "field"`: the field as text.
    fn subject(&self) -> Option<TokenStream> {
        let field = &self.attrs.subject.as_ref()?.value;
        let member: syn::Member = syn::parse_str(field).ok()?;
        let p = self.private();
        Some(quote! {
            fn __subject(&self) -> #p::Option<#p::String> {
                #p::Option::Some(::std::string::ToString::to_string(&self.#member))
            }
        })
    }

    /// The trait impls and inherent methods, around the spec expression `spec`; `check` says
    /// whether writes check that the value reads back.
    pub fn impls(
        &self,
        spec: &TokenStream,
        check: &TokenStream,
        subject: Option<TokenStream>,
    ) -> TokenStream {
        let ty = &self.input.ident;
        let p = self.private();
        let mode = self.attrs.mode();
        let methods = self.methods(check);
        let protected = (mode != Mode::Plain).then(|| {
            quote! {
                #[automatically_derived]
                impl #p::ProtectedCookie for #ty where for<'__a> #ty: #p::CookieValue {}
                #[automatically_derived]
                impl #p::SealedProtected for #ty {}
            }
        });
        let keys = if mode == Mode::Plain {
            quote!(#p::Plain)
        } else {
            quote!(#p::Protected)
        };
        let previous = match &self.attrs.previous {
            Some(prev) if mode != Mode::Plain => {
                let prev = &prev.value;
                quote!(#p::Previous<#prev>)
            }
            _ => quote!(#p::NoPrevious),
        };
        let writes_previous = match (&self.attrs.previous, &self.attrs.write_previous) {
            (Some(prev), Some(_)) if mode != Mode::Plain => {
                let prev = &prev.value;
                Some(quote! {
                    const __WRITES_PREVIOUS: bool = true;
                    fn __reissue(
                        &self,
                        keys: &#p::Keyring,
                        continuation: &#p::Continuation,
                    ) -> #p::Result<#p::String, #p::Error> {
                        let previous: #prev = #p::WritesAs::write_as(self);
                        #p::reissue_derived::<#prev>(&previous, keys, continuation)
                    }
                })
            }
            _ => None,
        };
        quote! {
            #[automatically_derived]
            impl #p::TypedCookie for #ty
            where
                for<'__a> #ty: #p::CookieValue,
            {
                const SPEC: #p::CookieSpec = #spec;
                type Previous = #previous;
                type Keys = #keys;
                #subject
                #writes_previous
            }
            #protected
            const _: () = #p::assert_cookie_value::<#ty>();
            #methods
        }
    }

    fn methods(&self, check: &TokenStream) -> TokenStream {
        let ty = &self.input.ident;
        let vis = &self.input.vis;
        let name = self.name;
        let p = self.private();
        // A bound under a binder is checked where a method is called, not where it is defined,
        // so a type without serde impls gets the one error of `assert_cookie_value`, not one per
        // method.
        let bound = quote!(where for<'__a> Self: #p::TypedCookie);
        let protected = self.attrs.mode() != Mode::Plain;
        let (key_param, key_arg) = if protected {
            (quote!(, keys: &#p::Keyring), quote!(#p::Option::Some(keys)))
        } else {
            (quote!(), quote!(#p::Option::None))
        };
        let write = match (&self.attrs.previous, &self.attrs.write_previous) {
            (Some(prev), Some(_)) => {
                let prev = &prev.value;
                quote! {
                    let previous: #prev = #p::WritesAs::write_as(self);
                    #p::write_derived::<#prev>(
                        &previous,
                        #key_arg,
                        <#prev as #p::Schema>::CUSTOM_CODEC,
                    )
                }
            }
            _ => quote!(#p::write_derived::<Self>(self, #key_arg, #check)),
        };
        let verified = protected.then(|| {
            quote! {
                /// Reads this cookie like `from_header`, together with its verified metadata:
                /// issued-at, expiry, whether a previous key wrote it and whether it was migrated
                /// from a previous type.
                ///
                /// # Errors
                /// As `from_header`.
                #vis fn from_header_verified<H: #p::CookieHeaders + ?::core::marker::Sized>(
                    headers: &H,
                    keys: &#p::Keyring,
                ) -> #p::Result<#p::Option<#p::Verified<Self>>, #p::Error> #bound {
                    #p::read_verified_derived::<Self, H>(headers, keys)
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
                ///
                /// # Panics
                /// A sealed write panics when the operating system's random source fails.
                #vis fn to_set_cookie(&self #key_param) -> #p::Result<#p::String, #p::Error> #bound {
                    #write
                }

                /// Reads this cookie from `Cookie` request headers (a header value, several, or a
                /// header map). `Ok(None)` when it is absent.
                ///
                /// # Errors
                /// When every copy of the cookie is malformed, fails verification or has expired.
                #vis fn from_header<H: #p::CookieHeaders + ?::core::marker::Sized>(
                    headers: &H #key_param
                ) -> #p::Result<#p::Option<Self>, #p::Error> #bound {
                    #p::read_derived::<Self, H>(headers, #key_arg)
                }

                #verified

                /// The `Set-Cookie` header value that deletes this cookie.
                #[must_use]
                #vis fn removal() -> #p::String #bound {
                    #p::removal_derived::<Self>()
                }
            }
        }
    }
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
