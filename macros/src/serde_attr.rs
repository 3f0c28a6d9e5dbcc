use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;

use crate::ctxt::Ctxt;

/// One `key` or `key = value` of a `#[serde(...)]` attribute, with its value in a canonical
/// text form (string literals by their value), so a fingerprint never depends on how the
/// compiler prints tokens.
pub struct Entry {
    pub key: String,
    pub value: String,
    /// The value of a string literal, as written.
    pub text: Option<String>,
    pub span: Span,
}

/// Every `#[serde(...)]` entry on one item, in order.
pub struct SerdeAttrs {
    pub entries: Vec<Entry>,
}

/// Keys that do not change what the binary encoding writes or reads, left out of fingerprints
/// so that changing them keeps existing cookies.
const NOT_ENCODED: &[&str] = &[
    "alias",
    "bound",
    "borrow",
    "crate",
    "deny_unknown_fields",
    "expecting",
    "getter",
];

impl SerdeAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[syn::Attribute]) -> SerdeAttrs {
        let mut entries = Vec::new();
        for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
            let result = attr.parse_nested_meta(|meta| {
                let key = path_text(&meta.path);
                let span = meta.path.span();
                let fork = meta.input.fork();
                let text = fork
                    .parse::<syn::Token![=]>()
                    .ok()
                    .and_then(|_| fork.parse::<syn::LitStr>().ok())
                    .map(|l| l.value());
                let value = value_text(&meta)?;
                entries.push(Entry {
                    key,
                    value,
                    text,
                    span,
                });
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        SerdeAttrs { entries }
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The entries that change the encoding, as text for a fingerprint.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for e in self
            .entries
            .iter()
            .filter(|e| !NOT_ENCODED.contains(&e.key.as_str()))
        {
            out.push_str(" #");
            out.push_str(&e.key);
            if !e.value.is_empty() {
                out.push('=');
                out.push_str(&e.value);
            }
        }
        out
    }
}

fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn value_text(meta: &ParseNestedMeta) -> syn::Result<String> {
    if meta.input.peek(syn::Token![=]) {
        let lit: syn::Lit = meta.value()?.parse()?;
        return Ok(match lit {
            syn::Lit::Str(s) => format!("{:?}", s.value()),
            syn::Lit::Bool(b) => b.value.to_string(),
            other => quote::ToTokens::to_token_stream(&other).to_string(),
        });
    }
    if meta.input.peek(syn::token::Paren) {
        let mut parts = Vec::new();
        meta.parse_nested_meta(|inner| {
            let key = path_text(&inner.path);
            let value = value_text(&inner)?;
            parts.push(if value.is_empty() {
                key
            } else {
                format!("{key}={value}")
            });
            Ok(())
        })?;
        return Ok(format!("({})", parts.join(",")));
    }
    Ok(String::new())
}
