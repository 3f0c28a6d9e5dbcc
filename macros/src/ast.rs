use proc_macro2::{Span, TokenStream};

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

/// A duration as written (`"1h30m"`) and its seconds.
pub struct Duration {
    pub secs: u64,
    pub text: String,
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

    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name {
            "flask" => Format::Flask,
            "django" => Format::Django,
            "django-signed" => Format::DjangoSigned,
            "rails" => Format::Rails,
            "rails-signed" => Format::RailsSigned,
            _ => return None,
        })
    }

    /// The path of the format type below the runtime crate.
    pub fn path(self) -> &'static str {
        match self {
            Format::Flask => "interop::flask::Flask",
            Format::Django => "interop::django::Django",
            Format::DjangoSigned => "interop::django::DjangoSigned",
            Format::Rails => "interop::rails::Rails",
            Format::RailsSigned => "interop::rails::RailsSigned",
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

/// Everything `#[cookie(...)]` said, as written; `None` where a key was not written. The
/// values are parsed but not judged: `check` applies the rules.
#[derive(Default)]
pub struct Attrs {
    pub name: Option<Spanned<String>>,
    pub plain: Option<Spanned<()>>,
    pub signed: Option<Spanned<()>>,
    pub sealed: Option<Spanned<()>>,
    pub expires: Option<Spanned<Duration>>,
    pub refresh: Option<Spanned<Duration>>,
    pub max_lifetime: Option<Spanned<Duration>>,
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
    /// Whether a key could not be read (its error is reported): what it said is unknown, so no
    /// rule that depends on a key's absence is judged.
    pub incomplete: bool,
}

impl Attrs {
    /// The protection, the strongest one written when several are (`check` reports that).
    ///
    /// A type that names none (an error `check` reports) is taken as sealed everywhere else,
    /// so the rest of the expansion adds no errors of its own that steer towards plain (a
    /// keyring argument "to remove", timeouts that "need signed or sealed").
    pub fn mode(&self) -> Mode {
        if self.sealed.is_some() {
            Mode::Sealed
        } else if self.signed.is_some() {
            Mode::Signed
        } else if self.plain.is_some() || self.format.is_some() {
            Mode::Plain
        } else {
            Mode::Sealed
        }
    }

    /// Whether this crate authenticates the value and its times: signed or sealed, in this
    /// crate's own format.
    pub fn is_protected(&self) -> bool {
        self.mode() != Mode::Plain && self.format.is_none()
    }

    pub fn is_secure(&self) -> bool {
        self.secure.as_ref().is_none_or(|s| s.value)
    }

    pub fn is_httponly(&self) -> bool {
        self.httponly.as_ref().is_none_or(|s| s.value)
    }

    pub fn path(&self) -> &str {
        self.path.as_ref().map_or("/", |p| p.value.as_str())
    }

    pub fn secs(d: &Option<Spanned<Duration>>) -> Option<u64> {
        d.as_ref().map(|d| d.value.secs)
    }

    /// The facts the cookie rules judge, for the cookie named `name`.
    pub fn rules_cookie<'a>(&'a self, name: &'a str) -> typed_cookies_rules::Cookie<'a> {
        typed_cookies_rules::Cookie {
            name,
            protected: self.is_protected(),
            expires: Attrs::secs(&self.expires),
            refresh: Attrs::secs(&self.refresh),
            max_lifetime: Attrs::secs(&self.max_lifetime),
            secure: self.is_secure(),
            http_only: self.is_httponly(),
            same_site_none: self
                .same_site
                .as_ref()
                .is_some_and(|s| s.value == SameSite::None),
            path: self.path(),
            domain: self.domain.as_ref().map(|d| d.value.as_str()),
            partitioned: self.partitioned.as_ref().is_some_and(|p| p.value),
        }
    }

    /// The path of the runtime crate in generated code: `crate = "..."`, else `::typed_cookies`.
    pub fn krate(&self) -> TokenStream {
        match &self.krate {
            Some(p) => quote::ToTokens::to_token_stream(&p.value),
            None => quote::quote!(::typed_cookies),
        }
    }
}
