use proc_macro2::Span;

use typed_cookies_rules::Violation;

use crate::ast::{Attrs, Duration, Format, Mode, Spanned};
use crate::ctxt::Ctxt;

/// Every rule of the cookie named `name` (`name_span`: where the name is written, or the
/// type's name it defaults to). The cookie rules are the rules crate's, each reported at the
/// literal that breaks it; the rest are rules of this derive's own keys.
pub fn check(cx: &Ctxt, attrs: &Attrs, name: &str, name_span: Span, type_span: Span) {
    check_one_mode(cx, attrs, type_span);
    check_cookie_rules(cx, attrs, name, name_span);
    check_previous(cx, attrs);
    check_format(cx, attrs);
    check_subject(cx, attrs);
}

/// The cookie rules (`typed_cookies_rules`): the same verdict as the runtime's check of the
/// spec this derive emits, each violation with its span and the words that say what to write.
fn check_cookie_rules(cx: &Ctxt, attrs: &Attrs, name: &str, name_span: Span) {
    for violation in attrs.rules_cookie(name).violations().into_iter().flatten() {
        let (span, msg) = explain(violation, attrs, name, name_span);
        cx.rule(violation, span.unwrap_or_else(Span::call_site), msg);
    }
}

fn span<T>(value: &Option<Spanned<T>>) -> Option<Span> {
    value.as_ref().map(|v| v.span)
}

fn text(value: &Option<Spanned<Duration>>) -> &str {
    value.as_ref().map_or("", |d| d.value.text.as_str())
}

/// Where a violation is written and what the derive says of it.
fn explain(v: Violation, attrs: &Attrs, name: &str, name_span: Span) -> (Option<Span>, String) {
    let secure = span(&attrs.secure);
    let timeouts = span(&attrs.refresh).or(span(&attrs.max_lifetime));
    let (at, msg) = match v {
        Violation::NameEmpty => (Some(name_span), "a cookie name cannot be empty".to_owned()),
        Violation::NameTooLong => (
            Some(name_span),
            "a cookie name may be at most 256 bytes long".to_owned(),
        ),
        Violation::NameNotToken => (
            Some(name_span),
            format!(
                "a cookie name must be an RFC 9110 token: one or more ASCII letters, digits or \
                 !#$%&'*+-.^_`|~ (no spaces, `=`, `;`, quotes or separators); `{name}` is not one"
            ),
        ),
        Violation::PathNotAbsolute => (
            span(&attrs.path),
            "a cookie path must start with `/` (RFC 6265bis section 5.6.4)".to_owned(),
        ),
        Violation::PathBadChar => (
            span(&attrs.path),
            "a cookie path may not hold `;`, control or non-ASCII characters".to_owned(),
        ),
        Violation::PathTooLong => (
            span(&attrs.path),
            "a cookie path may be at most 1024 bytes long: browsers ignore a longer one \
             (RFC 6265bis section 5.6)"
                .to_owned(),
        ),
        Violation::DomainLeadingDot => (
            span(&attrs.domain),
            "write the domain without a leading dot: browsers ignore it (RFC 6265bis section 5.6.3) \
             and a Domain attribute already covers subdomains"
                .to_owned(),
        ),
        Violation::DomainNotHost => (
            span(&attrs.domain),
            "a cookie domain must be a host name: dot-separated labels of 1 to 63 ASCII letters, \
             digits and inner hyphens, at most 253 characters, with no trailing dot (write \
             Unicode names in their xn-- form)"
                .to_owned(),
        ),
        Violation::LifetimeZero => (
            span(&attrs.expires),
            "a cookie lifetime of zero deletes the cookie at once; use a lifetime of at least 1s"
                .to_owned(),
        ),
        Violation::LifetimeTooLong | Violation::RefreshTooLong => {
            let d = if v == Violation::LifetimeTooLong {
                &attrs.expires
            } else {
                &attrs.refresh
            };
            (
                span(d),
                format!(
                    "lifetime {:?} is over 400 days; browsers cap cookies at 400 days \
                     (RFC 6265bis section 5.6.1), so write \"400d\" or less",
                    text(d)
                ),
            )
        }
        Violation::RefreshZero => (
            span(&attrs.refresh),
            "a refresh interval of zero would re-issue the cookie on every request; use at least 1s"
                .to_owned(),
        ),
        Violation::MaxLifetimeZero => (
            span(&attrs.max_lifetime),
            "a max_lifetime of zero ends every session at once; use at least 1s".to_owned(),
        ),
        Violation::TimeoutsNeedProtection => (
            timeouts,
            "`refresh` and `max_lifetime` are enforced on the cookie's authenticated times, \
             which only this crate's signed and sealed cookies carry: add `signed` or `sealed`"
                .to_owned(),
        ),
        Violation::RefreshNeedsExpires => (
            span(&attrs.refresh),
            "`refresh` re-issues a cookie before its lifetime ends, so it needs `expires` \
             (e.g. `expires = \"2h\", refresh = \"15m\"`)"
                .to_owned(),
        ),
        Violation::RefreshNotShorter => (
            span(&attrs.refresh),
            "the refresh interval must be shorter than the lifetime (`expires`), or the \
             cookie expires before it is ever re-issued"
                .to_owned(),
        ),
        Violation::MaxLifetimeShorter => (
            span(&attrs.max_lifetime),
            "`max_lifetime` (counted from the login) must be at least the lifetime (`expires`); \
             for a shorter session, shorten `expires`"
                .to_owned(),
        ),
        Violation::SecurePrefixInsecure => (
            secure,
            format!("cookie `{name}` has the __Secure- prefix, which requires Secure (RFC 6265bis section 4.1.3.1); remove `secure = false`"),
        ),
        Violation::HostPrefixInsecure => (
            secure,
            format!("cookie `{name}` has the __Host- prefix, which requires Secure (RFC 6265bis section 4.1.3.2); remove `secure = false`"),
        ),
        Violation::HostPrefixDomain => (
            span(&attrs.domain),
            format!("cookie `{name}` has the __Host- prefix, which forbids a Domain (RFC 6265bis section 4.1.3.2); remove `domain`"),
        ),
        Violation::HostPrefixPath => (
            span(&attrs.path),
            format!("cookie `{name}` has the __Host- prefix, which requires Path=/ (RFC 6265bis section 4.1.3.2); write `path = \"/\"` or remove `path`"),
        ),
        Violation::HttpPrefixScriptable => (
            span(&attrs.httponly),
            format!("cookie `{name}` has an __Http- prefix, which requires HttpOnly (draft-ietf-httpbis-layered-cookies section 4.1.3.3 and 4.1.3.4); remove `httponly = false`"),
        ),
        Violation::SameSiteNoneInsecure => (
            secure,
            "same_site = \"none\" requires Secure (RFC 6265bis section 5.6.7); remove `secure = false`"
                .to_owned(),
        ),
        Violation::PartitionedInsecure => (
            secure,
            "`partitioned` cookies must be Secure (draft-cutler-httpbis-partitioned-cookies \
             section 2.1); remove `secure = false`"
                .to_owned(),
        ),
        _ => (None, v.message().to_owned()),
    };
    (at, msg)
}

/// A value has one protection, always written out: `plain`, `signed` (authenticated) or
/// `sealed` (authenticated and encrypted). A forgotten `sealed` must not leave a session plain
/// text that anyone can write. A foreign format (`format = "..."`) fixes its own protection.
fn check_one_mode(cx: &Ctxt, attrs: &Attrs, type_span: Span) {
    let written: Vec<(&str, Span)> = [
        ("plain", span(&attrs.plain)),
        ("signed", span(&attrs.signed)),
        ("sealed", span(&attrs.sealed)),
    ]
    .into_iter()
    .filter_map(|(k, s)| Some((k, s?)))
    .collect();
    if written.is_empty() && attrs.format.is_none() && !attrs.incomplete {
        cx.syn_error(syn::Error::new(
            type_span,
            "a cookie type names its protection: add `sealed` (the browser can neither read nor \
             change the value: sessions, anything private), `signed` (the browser can read it but \
             any change is detected) or `plain` (text anyone can read and change: preferences a \
             script may read), e.g. `#[cookie(name = \"__Host-session\", sealed)]`",
        ));
    }
    if let [_, (_, second), ..] = written.as_slice() {
        let keys: Vec<String> = written.iter().map(|(k, _)| format!("`{k}`")).collect();
        cx.syn_error(syn::Error::new(
            *second,
            format!(
                "{} exclude each other: choose `sealed` to hide the value as well as protect it, \
                 `signed` to protect it only, `plain` for neither",
                keys.join(" and ")
            ),
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
        if let Some(signed) = attrs.signed.as_ref().or(attrs.plain.as_ref()) {
            cx.syn_error(syn::Error::new(
                signed.span,
                "Rails encrypts the cookies of `format = \"rails\"`, so it is neither `signed` nor `plain`: \
                 remove the key, or write `format = \"rails-signed\"` for Rails' signed cookies",
            ));
        }
    } else if let Some(sealed) = attrs.sealed.as_ref().or(attrs.plain.as_ref()) {
        cx.syn_error(syn::Error::new(
            sealed.span,
            format!(
                "{framework} signs these cookies but does not encrypt them, so a `format` cookie \
                 is neither `sealed` nor `plain`: remove the key (the value stays readable by the \
                 client, and signed), or drop `format` for a native sealed cookie"
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
