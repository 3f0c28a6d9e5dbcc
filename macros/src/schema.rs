use quote::ToTokens;
use sha2::{Digest, Sha256};
use syn::{Data, DeriveInput, Fields};

/// A 64-bit fingerprint of the type's serialized shape: container kind, variant and field
/// names in order, each field's type as written, and every `#[serde(...)]` attribute. Signed
/// and sealed values are bound to it, so a value written by another layout fails to verify
/// instead of decoding into the wrong fields.
///
/// It sees tokens, not resolved types: changing what a type alias or an imported name
/// refers to does not change it.
pub fn fingerprint(input: &DeriveInput) -> u64 {
    let mut h = Sha256::new();
    h.update(b"typed-cookies schema v1\n");
    serde_attrs(&mut h, &input.attrs);
    match &input.data {
        Data::Struct(s) => {
            h.update(b"struct");
            fields(&mut h, &s.fields);
        }
        Data::Enum(e) => {
            h.update(b"enum");
            for v in &e.variants {
                h.update(b"\nvariant ");
                h.update(v.ident.to_string().as_bytes());
                serde_attrs(&mut h, &v.attrs);
                fields(&mut h, &v.fields);
            }
        }
        Data::Union(_) => {}
    }
    let digest = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

fn fields(h: &mut Sha256, fields: &Fields) {
    h.update(match fields {
        Fields::Named(_) => &b" {"[..],
        Fields::Unnamed(_) => b" (",
        Fields::Unit => b" unit",
    });
    for (i, f) in fields.iter().enumerate() {
        h.update(b"\n  ");
        match &f.ident {
            Some(ident) => h.update(ident.to_string().as_bytes()),
            None => h.update(i.to_string().as_bytes()),
        }
        h.update(b": ");
        h.update(f.ty.to_token_stream().to_string().as_bytes());
        serde_attrs(h, &f.attrs);
    }
}

fn serde_attrs(h: &mut Sha256, attrs: &[syn::Attribute]) {
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        h.update(b" #");
        h.update(a.to_token_stream().to_string().as_bytes());
    }
}
