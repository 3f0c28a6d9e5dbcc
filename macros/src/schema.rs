use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

use crate::ctxt::Ctxt;
use crate::serde_attr::SerdeAttrs;

/// A type's shape as two constant expressions: its fingerprint and whether it holds a custom
/// serializer.
pub struct Shape {
    pub fingerprint: TokenStream,
    pub custom_codec: TokenStream,
}

/// `#[derive(Schema)]`.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let krate = crate::attr::crate_path(&cx, &input.attrs);
    let shape = shape(&cx, input, &krate);
    match cx.check() {
        Ok(()) => schema_impl(input, &krate, &shape),
        Err(err) => {
            let mut out = err.to_compile_error();
            // A stand-in impl, so that types using this one report only the real mistake.
            out.extend(schema_impl(
                input,
                &krate,
                &Shape {
                    fingerprint: quote!(0),
                    custom_codec: quote!(false),
                },
            ));
            out
        }
    }
}

/// The `Schema` impl for `input`, with a `T: Schema` bound on each type parameter.
pub fn schema_impl(input: &DeriveInput, krate: &TokenStream, shape: &Shape) -> TokenStream {
    let ty = &input.ident;
    let mut generics = input.generics.clone();
    for param in generics.type_params_mut() {
        param
            .bounds
            .push(syn::parse_quote!(#krate::__private::Schema));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let Shape {
        fingerprint,
        custom_codec,
    } = shape;
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::Schema for #ty #ty_generics #where_clause {
            const FINGERPRINT: u64 = #fingerprint;
            const CUSTOM_CODEC: bool = #custom_codec;
        }
    }
}

/// Checks that the binary encoding can carry `input`'s serde shape and describes it. Every
/// shape it cannot carry is an error on the serde attribute that makes it.
pub fn shape(cx: &Ctxt, input: &DeriveInput, krate: &TokenStream) -> Shape {
    let attrs = SerdeAttrs::parse(cx, &input.attrs);
    let ty = input.ident.to_string();
    check_container(cx, &attrs, &ty);
    let mut b = Builder::new(krate);
    if let Some(via) = via_type(cx, &attrs, &ty) {
        b.desc.push_str("via");
        b.part(&via);
        return b.finish();
    }
    if attrs.has("transparent") {
        b.desc.push_str("transparent");
    }
    b.desc.push_str(&attrs.describe());
    match &input.data {
        Data::Struct(s) => {
            b.desc.push_str(" struct");
            b.fields(cx, &s.fields, &ty);
        }
        Data::Enum(e) => {
            b.desc.push_str(" enum");
            for v in &e.variants {
                let vattrs = SerdeAttrs::parse(cx, &v.attrs);
                let owner = format!("{ty}::{}", v.ident);
                check_variant(cx, &vattrs, &owner);
                b.desc.push_str("\nvariant ");
                b.desc.push_str(&v.ident.to_string());
                b.desc.push_str(&vattrs.describe());
                if custom(&vattrs) {
                    b.custom_codec();
                } else {
                    b.fields(cx, &v.fields, &owner);
                }
            }
        }
        Data::Union(_) => {}
    }
    b.finish()
}

struct Builder<'k> {
    krate: &'k TokenStream,
    desc: String,
    parts: Vec<TokenStream>,
    customs: Vec<TokenStream>,
}

impl<'k> Builder<'k> {
    fn new(krate: &'k TokenStream) -> Self {
        Builder {
            krate,
            desc: String::new(),
            parts: Vec::new(),
            customs: Vec::new(),
        }
    }

    /// A part of type `ty`, whose fingerprint comes from its own `Schema` impl: a type without
    /// one is an error at `ty`.
    fn part(&mut self, ty: &syn::Type) {
        let krate = self.krate;
        self.desc.push_str(" @");
        self.parts
            .push(quote_spanned!(ty.span()=> <#ty as #krate::__private::Schema>::FINGERPRINT));
        self.customs
            .push(quote_spanned!(ty.span()=> <#ty as #krate::__private::Schema>::CUSTOM_CODEC));
    }

    fn custom_codec(&mut self) {
        self.desc.push_str(" custom");
        self.customs.push(quote!(true));
    }

    fn fields(&mut self, cx: &Ctxt, fields: &Fields, owner: &str) {
        self.desc.push_str(match fields {
            Fields::Named(_) => " {",
            Fields::Unnamed(_) => " (",
            Fields::Unit => " unit",
        });
        for (i, f) in fields.iter().enumerate() {
            let attrs = SerdeAttrs::parse(cx, &f.attrs);
            let name = f
                .ident
                .as_ref()
                .map_or_else(|| i.to_string(), ToString::to_string);
            let what = format!("field `{name}` of `{owner}`");
            check_field(cx, &attrs, &what);
            if is_skipped(&attrs) {
                continue;
            }
            self.desc.push_str("\n  ");
            self.desc.push_str(&name);
            self.desc.push_str(&attrs.describe());
            if custom(&attrs) {
                self.custom_codec();
            } else {
                self.part(&f.ty);
            }
        }
    }

    fn finish(self) -> Shape {
        let Builder {
            krate,
            desc,
            parts,
            customs,
        } = self;
        Shape {
            fingerprint: quote!(#krate::__private::fingerprint(#desc, &[#(#parts),*])),
            custom_codec: quote!(#krate::__private::any(&[#(#customs),*])),
        }
    }
}

const USE_JSON: &str =
    "or store the value as `typed_cookies::Json<...>`, which carries it as JSON text";

/// Enum representations and derives that the binary encoding cannot carry.
fn check_container(cx: &Ctxt, attrs: &SerdeAttrs, ty: &str) {
    if let Some(tag) = attrs.get("tag") {
        let kind = if attrs.has("content") {
            "adjacently tagged"
        } else {
            "internally tagged"
        };
        cx.syn_error(syn::Error::new(
            tag.span,
            format!(
                "`{ty}` is {kind} (`#[serde(tag = ...)]`), which only a self-describing encoding \
                 can read back; signed and sealed cookies use a compact binary encoding that \
                 stores the variant's index: remove `tag`{}, {USE_JSON}",
                if attrs.has("content") {
                    " and `content`"
                } else {
                    ""
                }
            ),
        ));
    } else if let Some(content) = attrs.get("content") {
        cx.syn_error(syn::Error::new(
            content.span,
            format!("`content` without `tag` on `{ty}`: remove it"),
        ));
    }
    if let Some(untagged) = attrs.get("untagged") {
        cx.syn_error(syn::Error::new(
            untagged.span,
            format!(
                "`{ty}` is untagged, so reading it back means guessing the variant from the data, \
                 which the compact binary encoding of signed and sealed cookies cannot do: remove \
                 `untagged`, {USE_JSON}"
            ),
        ));
    }
    for key in ["remote", "variant_identifier", "field_identifier"] {
        if let Some(e) = attrs.get(key) {
            cx.syn_error(syn::Error::new(
                e.span,
                format!(
                    "`#[serde({key})]` on `{ty}` is not a value a cookie can store; derive `Schema` \
                     on the type that is stored"
                ),
            ));
        }
    }
}

/// `#[serde(from = "T", into = "T")]` (or `try_from`): the type is encoded as `T`.
fn via_type(cx: &Ctxt, attrs: &SerdeAttrs, ty: &str) -> Option<syn::Type> {
    let from = attrs.get("from").or_else(|| attrs.get("try_from"));
    let into = attrs.get("into");
    match (from, into) {
        (None, None) => None,
        (Some(f), Some(i)) if f.text.is_some() && f.text == i.text => {
            let text = f.text.as_deref().unwrap_or_default();
            match syn::parse_str::<syn::Type>(text) {
                Ok(t) => Some(t),
                Err(_) => {
                    cx.syn_error(syn::Error::new(f.span, format!("`{text}` is not a type")));
                    None
                }
            }
        }
        (Some(e), _) | (None, Some(e)) => {
            cx.syn_error(syn::Error::new(
                e.span,
                format!(
                    "`{ty}` is read through one type and written through another (`from`/`try_from` \
                     and `into` must name the same type), so a cookie would not read back what it \
                     wrote: name the same type in both"
                ),
            ));
            None
        }
    }
}

fn check_variant(cx: &Ctxt, attrs: &SerdeAttrs, owner: &str) {
    for key in ["skip", "skip_serializing", "skip_deserializing"] {
        if let Some(e) = attrs.get(key) {
            cx.syn_error(syn::Error::new(
                e.span,
                format!(
                    "variant `{owner}` has `#[serde({key})]`, so a cookie holding it could not be \
                     written or read back: remove the attribute, or keep the variant out of the \
                     cookie's type"
                ),
            ));
        }
    }
    for key in ["untagged", "other"] {
        if let Some(e) = attrs.get(key) {
            cx.syn_error(syn::Error::new(
                e.span,
                format!(
                    "variant `{owner}` has `#[serde({key})]`, which only a self-describing encoding \
                     can read back; signed and sealed cookies store the variant's index: remove it, \
                     {USE_JSON}"
                ),
            ));
        }
    }
}

fn check_field(cx: &Ctxt, attrs: &SerdeAttrs, what: &str) {
    if let Some(e) = attrs.get("flatten") {
        cx.syn_error(syn::Error::new(
            e.span,
            format!(
                "{what} has `#[serde(flatten)]`, which writes its fields as map entries that only \
                 a self-describing encoding can read back; signed and sealed cookies use a compact \
                 binary encoding: remove `flatten` to store the field as a nested value, {USE_JSON}"
            ),
        ));
    }
    if let Some(e) = attrs.get("skip_serializing_if") {
        cx.syn_error(syn::Error::new(
            e.span,
            format!(
                "{what} has `#[serde(skip_serializing_if = ...)]`: the compact binary encoding of \
                 signed and sealed cookies does not name fields, so a left-out field shifts every \
                 field after it and the cookie no longer reads back; remove it (an absent `Option` \
                 costs one byte), {USE_JSON}"
            ),
        ));
    }
    let (ser, de) = (
        attrs.get("skip_serializing"),
        attrs.get("skip_deserializing"),
    );
    if !attrs.has("skip")
        && let (Some(e), None) | (None, Some(e)) = (ser, de)
    {
        cx.syn_error(syn::Error::new(
            e.span,
            format!(
                "{what} is skipped on one side only, so what is written is not what is read: use \
                 `#[serde(skip)]` to leave it out of the cookie, or remove the attribute"
            ),
        ));
    }
    let (ser, de) = (attrs.get("serialize_with"), attrs.get("deserialize_with"));
    if !attrs.has("with")
        && let (Some(e), None) | (None, Some(e)) = (ser, de)
    {
        cx.syn_error(syn::Error::new(
            e.span,
            format!(
                "{what} has a custom serializer on one side only, so what is written may not be \
                 what is read: give both `serialize_with` and `deserialize_with`, or use `with`"
            ),
        ));
    }
}

fn is_skipped(attrs: &SerdeAttrs) -> bool {
    attrs.has("skip") || (attrs.has("skip_serializing") && attrs.has("skip_deserializing"))
}

/// Whether `with` (or both `serialize_with` and `deserialize_with`) replace the type's own
/// serde impls: the fingerprint then covers the functions' paths, and writes check that the
/// value reads back.
fn custom(attrs: &SerdeAttrs) -> bool {
    attrs.has("with") || (attrs.has("serialize_with") && attrs.has("deserialize_with"))
}
