use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{LitBool, LitStr};

use crate::ast::{Attrs, Duration, Format, SameSite, Spanned};
use crate::ctxt::Ctxt;
use crate::symbol::{self, *};

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

/// Parses every `#[cookie(...)]` into [`Attrs`]: one branch per key, each value parsed by the
/// grammar of its kind. The cookie rules are `check`'s.
pub fn parse(cx: &Ctxt, attrs: &[syn::Attribute]) -> Attrs {
    let mut out = Attrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident(symbol::COOKIE)) {
        let result = attr.parse_nested_meta(|meta| parse_key(cx, &meta, &mut out));
        if let Err(err) = result {
            out.incomplete = true;
            cx.syn_error(err);
        }
    }
    out
}

fn parse_key(cx: &Ctxt, meta: &ParseNestedMeta, out: &mut Attrs) -> syn::Result<()> {
    let key = key_of(meta);
    match key.as_str() {
        NAME => set(cx, meta, &mut out.name, string(meta)?),
        PLAIN => set(cx, meta, &mut out.plain, flag(meta)?),
        SIGNED => set(cx, meta, &mut out.signed, flag(meta)?),
        SEALED => set(cx, meta, &mut out.sealed, flag(meta)?),
        EXPIRES => set(cx, meta, &mut out.expires, duration(cx, meta)?),
        REFRESH => set(cx, meta, &mut out.refresh, duration(cx, meta)?),
        MAX_LIFETIME => set(cx, meta, &mut out.max_lifetime, duration(cx, meta)?),
        SECURE => set(cx, meta, &mut out.secure, boolean(meta)?),
        HTTPONLY | HTTP_ONLY => set(cx, meta, &mut out.httponly, boolean(meta)?),
        PARTITIONED => set(cx, meta, &mut out.partitioned, boolean(meta)?),
        SAME_SITE => set(cx, meta, &mut out.same_site, same_site(cx, meta)?),
        PATH => set(cx, meta, &mut out.path, string(meta)?),
        DOMAIN => set(cx, meta, &mut out.domain, string(meta)?),
        PREVIOUS => set(cx, meta, &mut out.previous, ty(meta)?),
        WRITE_PREVIOUS => set(cx, meta, &mut out.write_previous, flag(meta)?),
        CRATE => set(cx, meta, &mut out.krate, crate_path_value(meta)?),
        FORMAT => {
            let format = format(cx, meta)?;
            out.incomplete |= format.is_none();
            set(cx, meta, &mut out.format, format);
        }
        SALT => set(cx, meta, &mut out.salt, string(meta)?),
        SUBJECT => set(cx, meta, &mut out.subject, string(meta)?),
        _ => {
            cx.error_spanned_by(&meta.path, unknown_key_message(&key));
            if meta.input.peek(syn::Token![=]) {
                let _: syn::Lit = meta.value()?.parse()?;
            }
        }
    }
    Ok(())
}

fn key_of(meta: &ParseNestedMeta) -> String {
    meta.path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// Stores a parsed value (`None`: it was refused, and the error reported); a key written
/// twice is an error at its second occurrence.
fn set<T>(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    slot: &mut Option<Spanned<T>>,
    value: Option<Spanned<T>>,
) {
    if slot.is_some() {
        let key = key_of(meta);
        cx.error_spanned_by(&meta.path, format!("duplicate cookie attribute `{key}`"));
    } else if value.is_some() {
        *slot = value;
    }
}

fn key_span(meta: &ParseNestedMeta) -> Span {
    meta.path
        .get_ident()
        .map_or_else(Span::call_site, syn::Ident::span)
}

fn string(meta: &ParseNestedMeta) -> syn::Result<Option<Spanned<String>>> {
    let lit: LitStr = meta.value()?.parse()?;
    Ok(Some(Spanned {
        value: lit.value(),
        span: lit.span(),
    }))
}

/// A key written alone, such as `sealed`.
fn flag(meta: &ParseNestedMeta) -> syn::Result<Option<Spanned<()>>> {
    if meta.input.peek(syn::Token![=]) {
        let key = key_of(meta);
        return Err(meta.error(format!("`{key}` takes no value: write `{key}` alone")));
    }
    Ok(Some(Spanned {
        value: (),
        span: key_span(meta),
    }))
}

/// A key written alone (`true`) or with `= true` / `= false`.
fn boolean(meta: &ParseNestedMeta) -> syn::Result<Option<Spanned<bool>>> {
    if meta.input.peek(syn::Token![=]) {
        let lit: LitBool = meta.value()?.parse()?;
        return Ok(Some(Spanned {
            value: lit.value,
            span: lit.span,
        }));
    }
    Ok(Some(Spanned {
        value: true,
        span: key_span(meta),
    }))
}

/// `previous = OldType`, or the type in a string.
fn ty(meta: &ParseNestedMeta) -> syn::Result<Option<Spanned<syn::Type>>> {
    let value = meta.value()?;
    let ty: syn::Type = if value.peek(LitStr) {
        value.parse::<LitStr>()?.parse()?
    } else {
        value.parse()?
    };
    let span = syn::spanned::Spanned::span(&ty);
    Ok(Some(Spanned { value: ty, span }))
}

fn crate_path_value(meta: &ParseNestedMeta) -> syn::Result<Option<Spanned<syn::Path>>> {
    let lit: LitStr = meta.value()?.parse()?;
    let path: syn::Path = lit.parse()?;
    Ok(Some(Spanned {
        value: path,
        span: lit.span(),
    }))
}

fn format(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Spanned<Format>>> {
    let lit: LitStr = meta.value()?.parse()?;
    let Some(format) = Format::from_name(&lit.value()) else {
        cx.error_spanned_by(
            &lit,
            format!(
                "unknown cookie format {:?}: write {}, or leave `format` out for this crate's own format",
                lit.value(),
                Format::ACCEPTED
            ),
        );
        return Ok(None);
    };
    Ok(Some(Spanned {
        value: format,
        span: lit.span(),
    }))
}

fn same_site(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Spanned<SameSite>>> {
    let lit: LitStr = meta.value()?.parse()?;
    let value = match lit.value().to_ascii_lowercase().as_str() {
        "strict" => SameSite::Strict,
        "lax" => SameSite::Lax,
        "none" => SameSite::None,
        _ => {
            cx.error_spanned_by(&lit, "same_site must be \"strict\", \"lax\" or \"none\"");
            return Ok(None);
        }
    };
    Ok(Some(Spanned {
        value,
        span: lit.span(),
    }))
}

/// A duration's grammar: whole numbers with units, combinable. Its bounds are rules.
fn duration(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Spanned<Duration>>> {
    const ACCEPTED: &str =
        "write whole numbers with units s, m, h, d, w, e.g. \"30m\", \"2d\" or \"1h30m\"";
    let lit: LitStr = meta.value()?.parse()?;
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
                    &lit,
                    format!("invalid duration {text:?}: unknown unit `{c}`; {ACCEPTED}"),
                );
                return Ok(None);
            }
        };
        let Ok(n) = digits.parse::<u64>() else {
            cx.error_spanned_by(
                &lit,
                format!("invalid duration {text:?}: a number must come before `{c}`; {ACCEPTED}"),
            );
            return Ok(None);
        };
        digits.clear();
        any = true;
        total = total.saturating_add(n.saturating_mul(unit));
    }
    if !digits.is_empty() || !any {
        cx.error_spanned_by(
            &lit,
            format!("invalid duration {text:?}: every number needs a unit; {ACCEPTED}"),
        );
        return Ok(None);
    }
    Ok(Some(Spanned {
        value: Duration { secs: total, text },
        span: lit.span(),
    }))
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
