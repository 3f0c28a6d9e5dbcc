use proc_macro2::Span;

use crate::attr::{Attrs, Format, Mode, SameSite};
use crate::ctxt::Ctxt;

/// The rules that span several keys. Each error points at the literal that breaks the rule.
pub fn check(cx: &Ctxt, attrs: &Attrs, name: &str) {
    check_one_mode(cx, attrs);
    check_secure_prefix(cx, attrs, name);
    check_host_prefix(cx, attrs, name);
    check_http_prefix(cx, attrs, name);
    check_same_site_none(cx, attrs);
    check_partitioned(cx, attrs);
    check_previous(cx, attrs);
    check_format(cx, attrs);
    check_subject(cx, attrs);
    check_timeouts(cx, attrs);
}

fn has_prefix(name: &str, prefix: &str) -> bool {
    name.len() >= prefix.len()
        && name.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn secure_false_span(attrs: &Attrs) -> Option<Span> {
    attrs.secure.as_ref().filter(|s| !s.value).map(|s| s.span)
}

/// `signed` authenticates and `sealed` authenticates and encrypts: a value has one protection.
fn check_one_mode(cx: &Ctxt, attrs: &Attrs) {
    if let (Some(_), Some(sealed)) = (&attrs.signed, &attrs.sealed) {
        cx.syn_error(syn::Error::new(
            sealed.span,
            "`signed` and `sealed` exclude each other: choose `sealed` to hide the value as well \
             as protect it, `signed` to protect it only",
        ));
    }
}

/// RFC 6265bis section 4.1.3.1: browsers drop a `__Secure-` cookie set without `Secure`.
/// Browsers match prefixes case-insensitively, and so does this rule.
fn check_secure_prefix(cx: &Ctxt, attrs: &Attrs, name: &str) {
    if has_prefix(name, "__Secure-")
        && let Some(span) = secure_false_span(attrs)
    {
        cx.syn_error(syn::Error::new(
            span,
            format!("cookie `{name}` has the __Secure- prefix, which requires Secure (RFC 6265bis section 4.1.3.1); remove `secure = false`"),
        ));
    }
}

/// RFC 6265bis section 4.1.3.2: a `__Host-` cookie must be Secure, host-only (no Domain) and
/// set for Path=/, so no sibling subdomain or sub-path can shadow it.
fn check_host_prefix(cx: &Ctxt, attrs: &Attrs, name: &str) {
    if !has_prefix(name, "__Host-") {
        return;
    }
    if let Some(span) = secure_false_span(attrs) {
        cx.syn_error(syn::Error::new(
            span,
            format!("cookie `{name}` has the __Host- prefix, which requires Secure (RFC 6265bis section 4.1.3.2); remove `secure = false`"),
        ));
    }
    if let Some(domain) = &attrs.domain {
        cx.syn_error(syn::Error::new(
            domain.span,
            format!("cookie `{name}` has the __Host- prefix, which forbids a Domain (RFC 6265bis section 4.1.3.2); remove `domain`"),
        ));
    }
    if let Some(path) = attrs.path.as_ref().filter(|p| p.value != "/") {
        cx.syn_error(syn::Error::new(
            path.span,
            format!("cookie `{name}` has the __Host- prefix, which requires Path=/ (RFC 6265bis section 4.1.3.2); write `path = \"/\"` or remove `path`"),
        ));
    }
}

/// RFC 6265bis (draft 20) section 4.1.3.3 and 4.1.3.4: `__Http-` and `__Host-Http-` cookies
/// must be HttpOnly, so a page's scripts can never have set them.
fn check_http_prefix(cx: &Ctxt, attrs: &Attrs, name: &str) {
    if !(has_prefix(name, "__Http-") || has_prefix(name, "__Host-Http-")) {
        return;
    }
    if let Some(span) = attrs.httponly.as_ref().filter(|h| !h.value).map(|h| h.span) {
        cx.syn_error(syn::Error::new(
            span,
            format!("cookie `{name}` has an __Http- prefix, which requires HttpOnly (RFC 6265bis section 4.1.3); remove `httponly = false`"),
        ));
    }
}

/// RFC 6265bis section 5.6.7: browsers reject `SameSite=None` without `Secure`.
fn check_same_site_none(cx: &Ctxt, attrs: &Attrs) {
    if attrs
        .same_site
        .as_ref()
        .is_some_and(|s| s.value == SameSite::None)
        && let Some(span) = secure_false_span(attrs)
    {
        cx.syn_error(syn::Error::new(
            span,
            "same_site = \"none\" requires Secure (RFC 6265bis section 5.6.7); remove `secure = false`",
        ));
    }
}

/// CHIPS (draft-cutler-httpbis-partitioned-cookies section 2.1): a `Partitioned` cookie
/// must be Secure.
fn check_partitioned(cx: &Ctxt, attrs: &Attrs) {
    if attrs.partitioned.as_ref().is_some_and(|p| p.value)
        && let Some(span) = secure_false_span(attrs)
    {
        cx.syn_error(syn::Error::new(
            span,
            "`partitioned` cookies must be Secure (CHIPS section 2.1); remove `secure = false`",
        ));
    }
}

/// Migrations read an old cookie by its schema fingerprint, which only signed and sealed values
/// carry; plain values are JSON that the new type reads directly or refuses. Writing the
/// previous type only makes sense when there is one.
fn check_previous(cx: &Ctxt, attrs: &Attrs) {
    if let Some(prev) = &attrs.previous
        && attrs.mode() == Mode::Plain
        && attrs.format.is_none()
    {
        cx.syn_error(syn::Error::new(
            prev.span,
            "`previous` needs a signed or sealed cookie: plain values carry no schema to tell \
             generations apart; add `signed` or `sealed`, or remove `previous`",
        ));
    }
    if let (Some(w), None) = (&attrs.write_previous, &attrs.previous) {
        cx.syn_error(syn::Error::new(
            w.span,
            "`write_previous` writes the type named by `previous`, and there is none: add \
             `previous = OldType`, or remove `write_previous`",
        ));
    }
}

/// A foreign format fixes its own protection: Flask and Django sign and never encrypt. It has
/// no schema fingerprint to migrate by, and only Django's signed cookies take a salt.
fn check_format(cx: &Ctxt, attrs: &Attrs) {
    let Some(format) = &attrs.format else {
        if let Some(salt) = &attrs.salt {
            cx.syn_error(syn::Error::new(
                salt.span,
                "`salt` belongs to `format = \"django-signed\"` (Django's `set_signed_cookie`); remove it",
            ));
        }
        return;
    };
    let framework = format.value.framework();
    if format.value == Format::Rails {
        if let Some(signed) = &attrs.signed {
            cx.syn_error(syn::Error::new(
                signed.span,
                "Rails encrypts the cookies of `format = \"rails\"`, so it cannot be `signed`: \
                 remove `signed`, or write `format = \"rails-signed\"` for Rails' signed cookies",
            ));
        }
    } else if let Some(sealed) = &attrs.sealed {
        cx.syn_error(syn::Error::new(
            sealed.span,
            format!(
                "{framework} signs these cookies but does not encrypt them, so a `format` cookie \
                 cannot be `sealed`: remove `sealed` (the value stays readable by the client), \
                 or drop `format` for a native sealed cookie"
            ),
        ));
    }
    for (span, key) in [
        (attrs.previous.as_ref().map(|p| p.span), "previous"),
        (
            attrs.write_previous.as_ref().map(|w| w.span),
            "write_previous",
        ),
    ] {
        if let Some(span) = span {
            cx.syn_error(syn::Error::new(
                span,
                format!(
                    "`{key}` migrates this crate's own cookies by their schema; {framework}'s JSON \
                     carries none: remove `{key}`"
                ),
            ));
        }
    }
    if let Some(salt) = &attrs.salt
        && format.value != Format::DjangoSigned
    {
        cx.syn_error(syn::Error::new(
            salt.span,
            "`salt` belongs to `format = \"django-signed\"` (Django's `set_signed_cookie`); remove it",
        ));
    }
}

/// Revocation asks about a subject with the verified issue time, which only signed and sealed
/// cookies carry. The field must exist (checked in `check_subject_field`).
fn check_subject(cx: &Ctxt, attrs: &Attrs) {
    if let Some(subject) = &attrs.subject
        && (attrs.mode() == Mode::Plain || attrs.format.is_some())
    {
        cx.syn_error(syn::Error::new(
            subject.span,
            "`subject` names who a session belongs to, for revocation, which needs this crate's \
             signed or sealed cookies: add `signed` or `sealed`, or remove `subject`",
        ));
    }
}

/// `subject = "field"` names a field of the struct (by name, or by index for a tuple struct).
pub fn check_subject_field(cx: &Ctxt, attrs: &Attrs, input: &syn::DeriveInput) {
    let Some(subject) = &attrs.subject else {
        return;
    };
    let found = match &input.data {
        syn::Data::Struct(s) => s.fields.iter().enumerate().any(|(i, f)| match &f.ident {
            Some(ident) => *ident == subject.value,
            None => i.to_string() == subject.value,
        }),
        _ => false,
    };
    if !found {
        cx.syn_error(syn::Error::new(
            subject.span,
            format!(
                "`subject = {:?}` must name a field of this struct (its value, as text, is the \
                 subject revocation asks about)",
                subject.value
            ),
        ));
    }
}

/// `refresh` and `max_lifetime` are checked by the server against the authenticated times of
/// signed and sealed cookies, and must agree with `expires`: a cookie is re-issued before it
/// expires, and the absolute limit is no shorter than one lifetime.
fn check_timeouts(cx: &Ctxt, attrs: &Attrs) {
    let spans = [&attrs.refresh, &attrs.max_lifetime];
    if let Some(first) = spans.into_iter().flatten().next()
        && (attrs.mode() == Mode::Plain || attrs.format.is_some())
    {
        cx.syn_error(syn::Error::new(
            first.span,
            "`refresh` and `max_lifetime` are enforced on the cookie's authenticated times, \
             which only this crate's signed and sealed cookies carry: add `signed` or `sealed`",
        ));
        return;
    }
    if let Some(refresh) = &attrs.refresh {
        match &attrs.expires {
            None => cx.syn_error(syn::Error::new(
                refresh.span,
                "`refresh` re-issues a cookie before its lifetime ends, so it needs `expires` \
                 (e.g. `expires = \"2h\", refresh = \"15m\"`)",
            )),
            Some(expires) if refresh.value >= expires.value => cx.syn_error(syn::Error::new(
                refresh.span,
                "the refresh interval must be shorter than the lifetime (`expires`), or the \
                 cookie expires before it is ever re-issued",
            )),
            Some(_) => {}
        }
    }
    if let (Some(max), Some(expires)) = (&attrs.max_lifetime, &attrs.expires)
        && max.value < expires.value
    {
        cx.syn_error(syn::Error::new(
            max.span,
            "`max_lifetime` (counted from the login) must be at least the lifetime (`expires`); \
             for a shorter session, shorten `expires`",
        ));
    }
}
