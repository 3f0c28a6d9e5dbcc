/// The keys of `#[cookie(...)]`, in the order the documentation lists them.
pub const NAME: &str = "name";
pub const SIGNED: &str = "signed";
pub const SEALED: &str = "sealed";
pub const EXPIRES: &str = "expires";
pub const REFRESH: &str = "refresh";
pub const MAX_LIFETIME: &str = "max_lifetime";
pub const SECURE: &str = "secure";
pub const HTTPONLY: &str = "httponly";
pub const SAME_SITE: &str = "same_site";
pub const PATH: &str = "path";
pub const DOMAIN: &str = "domain";
pub const PARTITIONED: &str = "partitioned";
pub const PREVIOUS: &str = "previous";
pub const WRITE_PREVIOUS: &str = "write_previous";
pub const CRATE: &str = "crate";
pub const FORMAT: &str = "format";
pub const SALT: &str = "salt";
pub const SUBJECT: &str = "subject";
/// The builder's spelling of `httponly`, accepted too.
pub const HTTP_ONLY: &str = "http_only";

pub const ALL: &[&str] = &[
    NAME,
    SIGNED,
    SEALED,
    EXPIRES,
    REFRESH,
    MAX_LIFETIME,
    SECURE,
    HTTPONLY,
    SAME_SITE,
    PATH,
    DOMAIN,
    PARTITIONED,
    PREVIOUS,
    WRITE_PREVIOUS,
    CRATE,
    FORMAT,
    SALT,
    SUBJECT,
];

pub const COOKIE: &str = "cookie";
