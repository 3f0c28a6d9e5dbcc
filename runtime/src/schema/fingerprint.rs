//! The `Schema` trait and the fingerprints it is made of.

/// A type whose encoded shape is known at compile time, summarised as a 64-bit fingerprint.
///
/// Signed and sealed cookies are bound to the fingerprint of their type, so a cookie written
/// by another shape of the type fails to verify instead of decoding into the wrong fields (or
/// it migrates, see `previous` in the [crate documentation](crate)). The fingerprint covers the
/// whole shape: nested structs and enums at any depth, field and variant names and order, field
/// types, and the `#[serde]` attributes that change what is encoded.
///
/// `#[derive(Cookie)]` implements it for signed and sealed cookie types. Every type used inside
/// one needs it too: `#[derive(Schema)]` on your own structs and enums; this crate implements it
/// for the standard library's serializable types, for [`Json`](super::Json), and behind the features `uuid`,
/// `time` and `chrono` for those crates' types. A field whose type lacks it is a compile error
/// at that field.
///
/// The derive refuses the serde shapes that the compact binary encoding cannot carry back
/// (`tag`, `content`, `untagged`, `flatten`, `skip_serializing_if`, skipping on one side only);
/// wrap such a value in [`Json`](super::Json) to carry it as JSON text instead.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Schema};
///
/// #[derive(Schema, Serialize, Deserialize, PartialEq, Debug)]
/// enum Role { User, Admin }
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed)]
/// struct Session { user_id: u64, roles: Option<Vec<Role>> }
///
/// // Reordering Role's variants, renaming a field or changing a type changes this.
/// assert_ne!(<Session as Schema>::FINGERPRINT, 0);
/// ```
///
/// # Implementing it by hand
///
/// For a type with hand-written `Serialize` and `Deserialize` impls, implement it by hand with
/// [`fingerprint`]: describe what the impls write, and change the description whenever they
/// change. The derive cannot check a hand-written impl.
///
/// ```
/// use typed_cookies::{Schema, schema::fingerprint};
///
/// struct Celsius(f32); // serialized by hand as an f32
/// impl Schema for Celsius {
///     const FINGERPRINT: u64 = fingerprint("my-app Celsius as f32", &[<f32 as Schema>::FINGERPRINT]);
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no cookie schema, so a signed or sealed cookie cannot see its shape",
    label = "the derive cannot see what this type encodes",
    note = "add `#[derive(typed_cookies::Schema)]` to the type; for a type from another crate or with hand-written serde impls, implement `Schema` by hand, or store it as `typed_cookies::Json<...>` (JSON text, e.g. for `serde_json::Value`)"
)]
pub trait Schema {
    /// The fingerprint of the type's encoded shape.
    const FINGERPRINT: u64;

    /// Whether the shape includes a custom serializer (`#[serde(with = "...")]` and the like)
    /// whose output the derive cannot see; writes of such a type check that the value reads
    /// back.
    #[doc(hidden)]
    const CUSTOM_CODEC: bool = false;
}

/// The fingerprint of a shape from a description of its own and the fingerprints of its parts,
/// in order: the first 8 bytes of SHA-256, computed at compile time.
///
/// `description` names the kind of shape and everything about it that is not a part (field and
/// variant names, serde attributes); `parts` are the fingerprints of the types it contains.
///
/// ```
/// use typed_cookies::schema::fingerprint;
/// const A: u64 = fingerprint("seq", &[fingerprint("u8", &[])]);
/// const B: u64 = fingerprint("seq", &[fingerprint("u16", &[])]);
/// assert_ne!(A, B);
/// ```
#[must_use]
pub const fn fingerprint(description: &str, parts: &[u64]) -> u64 {
    let mut h = sha2_const_stable::Sha256::new()
        .update(b"typed-cookies schema v2\0")
        .update(&(description.len() as u64).to_be_bytes())
        .update(description.as_bytes());
    let mut i = 0;
    while i < parts.len() {
        h = h.update(&parts[i].to_be_bytes());
        i += 1;
    }
    let d = h.finalize();
    u64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// Whether any of `parts` has a custom codec.
#[doc(hidden)]
#[must_use]
pub const fn any(parts: &[bool]) -> bool {
    let mut i = 0;
    while i < parts.len() {
        if parts[i] {
            return true;
        }
        i += 1;
    }
    false
}
