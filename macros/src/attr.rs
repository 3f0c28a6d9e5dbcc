use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{LitBool, LitStr};

use crate::ctxt::Ctxt;
use crate::symbol::{self, *};

/// A value as written, with the span of its literal (or of the bare key).
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Plain,
    Signed,
    Sealed,
}

/// Another framework's cookie format, `format = "..."`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Flask,
    Django,
    DjangoSigned,
    Rails,
    RailsSigned,
}

impl Format {
    pub const ACCEPTED: &'static str =
        "\"flask\", \"django\", \"django-signed\", \"rails\" or \"rails-signed\"";

    /// The path of the format type below the runtime crate, and the feature that enables it.
    pub fn path_and_feature(self) -> (&'static str, &'static str) {
        match self {
            Format::Flask => ("interop::flask::Flask", "flask"),
            Format::Django => ("interop::django::Django", "django"),
            Format::DjangoSigned => ("interop::django::DjangoSigned", "django"),
            Format::Rails => ("interop::rails::Rails", "rails"),
            Format::RailsSigned => ("interop::rails::RailsSigned", "rails"),
        }
    }

    pub fn framework(self) -> &'static str {
        match self {
            Format::Flask => "Flask",
            Format::Django | Format::DjangoSigned => "Django",
            Format::Rails | Format::RailsSigned => "Rails",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SameSite {
    Strict,
    Lax,
    None,
}

/// Everything `#[cookie(...)]` said; `None` where a key was not written.
#[derive(Default)]
pub struct Attrs {
    pub name: Option<Spanned<String>>,
    pub signed: Option<Spanned<()>>,
    pub sealed: Option<Spanned<()>>,
    pub expires: Option<Spanned<u64>>,
    pub refresh: Option<Spanned<u64>>,
    pub max_lifetime: Option<Spanned<u64>>,
    pub secure: Option<Spanned<bool>>,
    pub httponly: Option<Spanned<bool>>,
    pub same_site: Option<Spanned<SameSite>>,
    pub path: Option<Spanned<String>>,
    pub domain: Option<Spanned<String>>,
    pub partitioned: Option<Spanned<bool>>,
    pub previous: Option<Spanned<syn::Type>>,
    pub write_previous: Option<Spanned<()>>,
    pub krate: Option<Spanned<syn::Path>>,
    pub format: Option<Spanned<Format>>,
    pub salt: Option<Spanned<String>>,
    pub subject: Option<Spanned<String>>,
}

impl Attrs {
    pub fn mode(&self) -> Mode {
        match (&self.signed, &self.sealed) {
            (_, Some(_)) => Mode::Sealed,
            (Some(_), None) => Mode::Signed,
            (None, None) => Mode::Plain,
        }
    }

    pub fn is_secure(&self) -> bool {
        self.secure.as_ref().is_none_or(|s| s.value)
    }

    pub fn is_httponly(&self) -> bool {
        self.httponly.as_ref().is_none_or(|s| s.value)
    }
}

const MAX_LIFETIME_SECS: u64 = 400 * 86_400;

impl Attrs {
    /// The path of the runtime crate in generated code: `crate = "..."`, else `::typed_cookies`.
    pub fn krate(&self) -> proc_macro2::TokenStream {
        match &self.krate {
            Some(p) => quote::ToTokens::to_token_stream(&p.value),
            None => quote::quote!(::typed_cookies),
        }
    }
}

/// The runtime crate's path for `#[derive(Schema)]`: only `crate = "..."` of `#[cookie(...)]`
/// is read there, since the other keys describe a cookie, not a shape.
pub fn crate_path(cx: &Ctxt, attrs: &[syn::Attribute]) -> proc_macro2::TokenStream {
    let mut krate = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident(symbol::COOKIE)) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(CRATE) {
                let lit: LitStr = meta.value()?.parse()?;
                krate = Some(lit.parse::<syn::Path>()?);
            } else if meta.input.peek(syn::Token![=]) {
                let value = meta.value()?;
                if value.peek(syn::Lit) {
                    let _: syn::Lit = value.parse()?;
                } else {
                    let _: syn::Type = value.parse()?;
                }
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    krate.map_or_else(
        || quote::quote!(::typed_cookies),
        |p| quote::ToTokens::to_token_stream(&p),
    )
}

pub fn parse(cx: &Ctxt, attrs: &[syn::Attribute]) -> Attrs {
    let mut out = Attrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident(symbol::COOKIE)) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            match key.as_str() {
                NAME => {
                    let lit: LitStr = meta.value()?.parse()?;
                    if let Some(v) = check_name(cx, &lit) {
                        set(cx, &meta, &mut out.name, v, lit.span());
                    }
                }
                SIGNED => flag_only(cx, &meta, &mut out.signed)?,
                SEALED => flag_only(cx, &meta, &mut out.sealed)?,
                EXPIRES => {
                    let lit: LitStr = meta.value()?.parse()?;
                    if let Some(v) = check_duration(cx, &lit, Duration::Lifetime) {
                        set(cx, &meta, &mut out.expires, v, lit.span());
                    }
                }
                REFRESH => {
                    let lit: LitStr = meta.value()?.parse()?;
                    if let Some(v) = check_duration(cx, &lit, Duration::Refresh) {
                        set(cx, &meta, &mut out.refresh, v, lit.span());
                    }
                }
                MAX_LIFETIME => {
                    let lit: LitStr = meta.value()?.parse()?;
                    if let Some(v) = check_duration(cx, &lit, Duration::MaxLifetime) {
                        set(cx, &meta, &mut out.max_lifetime, v, lit.span());
                    }
                }
                SECURE => flag_or_bool(cx, &meta, &mut out.secure)?,
                HTTPONLY | HTTP_ONLY => flag_or_bool(cx, &meta, &mut out.httponly)?,
                PARTITIONED => flag_or_bool(cx, &meta, &mut out.partitioned)?,
                SAME_SITE => {
                    let lit: LitStr = meta.value()?.parse()?;
                    if let Some(v) = check_same_site(cx, &lit) {
                        set(cx, &meta, &mut out.same_site, v, lit.span());
                    }
                }
                PATH => {
                    let lit: LitStr = meta.value()?.parse()?;
                    if let Some(v) = check_path(cx, &lit) {
                        set(cx, &meta, &mut out.path, v, lit.span());
                    }
                }
                DOMAIN => {
                    let lit: LitStr = meta.value()?.parse()?;
                    if let Some(v) = check_domain(cx, &lit) {
                        set(cx, &meta, &mut out.domain, v, lit.span());
                    }
                }
                PREVIOUS => {
                    let value = meta.value()?;
                    let ty: syn::Type = if value.peek(LitStr) {
                        value.parse::<LitStr>()?.parse()?
                    } else {
                        value.parse()?
                    };
                    let span = syn::spanned::Spanned::span(&ty);
                    set(cx, &meta, &mut out.previous, ty, span);
                }
                WRITE_PREVIOUS => flag_only(cx, &meta, &mut out.write_previous)?,
                CRATE => {
                    let lit: LitStr = meta.value()?.parse()?;
                    let path: syn::Path = lit.parse()?;
                    set(cx, &meta, &mut out.krate, path, lit.span());
                }
                FORMAT => {
                    let lit: LitStr = meta.value()?.parse()?;
                    let format = match lit.value().as_str() {
                        "flask" => Some(Format::Flask),
                        "django" => Some(Format::Django),
                        "django-signed" => Some(Format::DjangoSigned),
                        "rails" => Some(Format::Rails),
                        "rails-signed" => Some(Format::RailsSigned),
                        other => {
                            cx.error_spanned_by(
                                &lit,
                                format!(
                                    "unknown cookie format {other:?}: write {}, or leave `format` out for this crate's own format",
                                    Format::ACCEPTED
                                ),
                            );
                            None
                        }
                    };
                    if let Some(f) = format {
                        set(cx, &meta, &mut out.format, f, lit.span());
                    }
                }
                SALT => {
                    let lit: LitStr = meta.value()?.parse()?;
                    set(cx, &meta, &mut out.salt, lit.value(), lit.span());
                }
                SUBJECT => {
                    let lit: LitStr = meta.value()?.parse()?;
                    set(cx, &meta, &mut out.subject, lit.value(), lit.span());
                }
                _ => {
                    cx.error_spanned_by(&meta.path, unknown_key_message(&key));
                    if meta.input.peek(syn::Token![=]) {
                        let _: syn::Lit = meta.value()?.parse()?;
                    }
                }
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    out
}

fn set<T>(cx: &Ctxt, meta: &ParseNestedMeta, slot: &mut Option<Spanned<T>>, value: T, span: Span) {
    if slot.is_some() {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        cx.error_spanned_by(&meta.path, format!("duplicate cookie attribute `{key}`"));
    } else {
        *slot = Some(Spanned { value, span });
    }
}

fn flag_only(cx: &Ctxt, meta: &ParseNestedMeta, slot: &mut Option<Spanned<()>>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        return Err(meta.error(format!("`{key}` takes no value: write `{key}` alone")));
    }
    let span = meta
        .path
        .get_ident()
        .map_or_else(Span::call_site, syn::Ident::span);
    set(cx, meta, slot, (), span);
    Ok(())
}

fn flag_or_bool(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    slot: &mut Option<Spanned<bool>>,
) -> syn::Result<()> {
    let (value, span) = if meta.input.peek(syn::Token![=]) {
        let lit: LitBool = meta.value()?.parse()?;
        (lit.value, lit.span)
    } else {
        (
            true,
            meta.path
                .get_ident()
                .map_or_else(Span::call_site, syn::Ident::span),
        )
    };
    set(cx, meta, slot, value, span);
    Ok(())
}

fn unknown_key_message(key: &str) -> String {
    let normalized: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .collect::<String>()
        .to_lowercase();
    let close = symbol::ALL.iter().find(|k| {
        let k_norm = k.replace('_', "");
        k_norm == normalized || edit_distance(k, key) <= 2
    });
    let list = symbol::ALL.join(", ");
    match close {
        Some(k) => {
            format!("unknown cookie attribute `{key}`; did you mean `{k}`? (accepted: {list})")
        }
        None => format!("unknown cookie attribute `{key}` (accepted: {list})"),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// RFC 9110 section 5.6.2: a cookie name is a `token`.
pub fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn check_name(cx: &Ctxt, lit: &LitStr) -> Option<String> {
    let name = lit.value();
    check_name_text(cx, &name, lit).then_some(name)
}

/// The name rules, for a `name = "..."` literal or for the default taken from the type's
/// name; errors point at `at`.
pub fn check_name_text<T: quote::ToTokens>(cx: &Ctxt, name: &str, at: T) -> bool {
    if name.len() > 256 {
        cx.error_spanned_by(at, "a cookie name may be at most 256 bytes long");
        return false;
    }
    if name.is_empty() {
        cx.error_spanned_by(at, "a cookie name cannot be empty");
        return false;
    }
    if !is_token(name) {
        cx.error_spanned_by(
            at,
            format!(
                "a cookie name must be an RFC 9110 token: one or more ASCII letters, digits or \
                 !#$%&'*+-.^_`|~ (no spaces, `=`, `;`, quotes or separators); `{name}` is not one"
            ),
        );
        return false;
    }
    true
}

/// Which duration a literal gives, for the bounds and the messages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Duration {
    /// `expires`: what the browser keeps, at most 400 days.
    Lifetime,
    /// `refresh`: shorter than the lifetime, so at most 400 days too.
    Refresh,
    /// `max_lifetime`: a server-side limit counted from the login, which browsers never see.
    MaxLifetime,
}

fn check_duration(cx: &Ctxt, lit: &LitStr, kind: Duration) -> Option<u64> {
    const ACCEPTED: &str =
        "write whole numbers with units s, m, h, d, w, e.g. \"30m\", \"2d\" or \"1h30m\"";
    let text = lit.value();
    let mut total: u64 = 0;
    let mut digits = String::new();
    let mut any = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit: u64 = match c {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            'd' => 86_400,
            'w' => 604_800,
            _ => {
                cx.error_spanned_by(
                    lit,
                    format!("invalid duration {text:?}: unknown unit `{c}`; {ACCEPTED}"),
                );
                return None;
            }
        };
        let Ok(n) = digits.parse::<u64>() else {
            cx.error_spanned_by(
                lit,
                format!("invalid duration {text:?}: a number must come before `{c}`; {ACCEPTED}"),
            );
            return None;
        };
        digits.clear();
        any = true;
        total = total.saturating_add(n.saturating_mul(unit));
    }
    if !digits.is_empty() || !any {
        cx.error_spanned_by(
            lit,
            format!("invalid duration {text:?}: every number needs a unit; {ACCEPTED}"),
        );
        return None;
    }
    if total == 0 {
        cx.error_spanned_by(
            lit,
            match kind {
                Duration::Lifetime => {
                    "a cookie lifetime of zero deletes the cookie at once; use a lifetime of at least 1s"
                }
                Duration::Refresh => {
                    "a refresh interval of zero would re-issue the cookie on every request; use at least 1s"
                }
                Duration::MaxLifetime => {
                    "a max_lifetime of zero ends every session at once; use at least 1s"
                }
            },
        );
        return None;
    }
    if kind != Duration::MaxLifetime && total > MAX_LIFETIME_SECS {
        cx.error_spanned_by(
            lit,
            format!(
                "lifetime {text:?} is over 400 days; browsers cap cookies at 400 days \
                 (RFC 6265bis section 5.6.1), so write \"400d\" or less"
            ),
        );
        return None;
    }
    Some(total)
}

fn check_same_site(cx: &Ctxt, lit: &LitStr) -> Option<SameSite> {
    match lit.value().to_ascii_lowercase().as_str() {
        "strict" => Some(SameSite::Strict),
        "lax" => Some(SameSite::Lax),
        "none" => Some(SameSite::None),
        _ => {
            cx.error_spanned_by(lit, "same_site must be \"strict\", \"lax\" or \"none\"");
            None
        }
    }
}

fn check_path(cx: &Ctxt, lit: &LitStr) -> Option<String> {
    let path = lit.value();
    if !path.starts_with('/') {
        cx.error_spanned_by(
            lit,
            "a cookie path must start with `/` (RFC 6265bis section 5.6.4)",
        );
        return None;
    }
    if path
        .chars()
        .any(|c| c == ';' || c.is_control() || !c.is_ascii())
    {
        cx.error_spanned_by(
            lit,
            "a cookie path may not hold `;`, control or non-ASCII characters",
        );
        return None;
    }
    Some(path)
}

fn check_domain(cx: &Ctxt, lit: &LitStr) -> Option<String> {
    let domain = lit.value();
    if domain.starts_with('.') {
        cx.error_spanned_by(
            lit,
            "write the domain without a leading dot: browsers ignore it (RFC 6265bis section 5.6.3) \
             and a Domain attribute already covers subdomains",
        );
        return None;
    }
    let valid = !domain.is_empty()
        && !domain.ends_with('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !valid {
        cx.error_spanned_by(
            lit,
            "a cookie domain must be a host name: dot-separated labels of ASCII letters, digits and \
             inner hyphens (write Unicode names in their xn-- form)",
        );
        return None;
    }
    Some(domain)
}
