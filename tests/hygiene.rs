//! Generated code compiles under strict lints, with serde renamed or not imported at all, and
//! with user items that shadow the names generated code might otherwise pick up.
#![deny(
    warnings,
    unused_qualifications,
    missing_docs,
    unreachable_pub,
    clippy::all,
    clippy::pedantic
)]

/// Shadows that generated code must not pick up.
#[allow(dead_code)]
mod shadows {
    pub(crate) struct Option;
    pub(crate) struct Result;
    pub(crate) struct String;
    pub(crate) struct Keyring;
    pub(crate) struct Error;
    pub(crate) mod typed_cookies {}
    pub(crate) mod core {}
    pub(crate) mod std {}
}

mod not_imported {
    #[allow(clippy::wildcard_imports, unused_imports)]
    use super::shadows::*;

    /// A sealed session; nothing but the derive paths is imported.
    #[derive(
        ::typed_cookies::Cookie, ::serde::Serialize, ::serde::Deserialize, Debug, PartialEq,
    )]
    #[cookie(name = "__Host-s", sealed, expires = "1h")]
    pub(crate) struct Session {
        pub(crate) id: u64,
    }

    /// A plain cookie.
    #[derive(
        ::typed_cookies::Cookie, ::serde::Serialize, ::serde::Deserialize, Debug, PartialEq,
    )]
    #[cookie(plain)]
    pub(crate) struct Theme(pub(crate) ::std::string::String);
}

mod renamed_serde {
    use ::serde as s;

    /// serde renamed, as `use serde as s` users do; the derive needs no `serde` in scope.
    #[derive(::typed_cookies::Cookie, s::Serialize, s::Deserialize, Debug, PartialEq)]
    #[serde(crate = "s")]
    #[cookie(signed)]
    pub(crate) struct Prefs {
        pub(crate) lang: ::std::string::String,
    }
}

#[test]
fn generated_code_is_hygienic() {
    let keys = typed_cookies::Keyring::generate();
    let line = not_imported::Session { id: 5 }
        .to_set_cookie(&keys)
        .unwrap();
    let pair = line.split(';').next().unwrap();
    assert_eq!(
        not_imported::Session::from_header(pair, &keys).unwrap(),
        Some(not_imported::Session { id: 5 })
    );
    let theme = not_imported::Theme("x".into()).to_set_cookie().unwrap();
    assert!(theme.starts_with("theme=x;"));
    let prefs = renamed_serde::Prefs { lang: "en".into() }
        .to_set_cookie(&keys)
        .unwrap();
    assert!(prefs.starts_with("prefs="));
    assert_eq!(renamed_serde::Prefs::COOKIE_NAME, "prefs");
}
