//! The keys of `#[cookie(...)]`, one constant each for the parser's branches. The list users
//! see (in error messages and in the runtime's documentation, which a test holds to it) is the
//! rules crate's [`ALL`].

pub const NAME: &str = "name";
pub const PLAIN: &str = "plain";
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
pub const SUBJECT: &str = "subject";
pub const FORMAT: &str = "format";
pub const SALT: &str = "salt";
pub const CRATE: &str = "crate";
/// The builder's spelling of `httponly`, accepted too.
pub const HTTP_ONLY: &str = "http_only";

pub const ALL: &[&str] = typed_cookies_rules::ATTRIBUTE_KEYS;

pub const COOKIE: &str = "cookie";

#[cfg(test)]
mod tests {
    use super::*;

    /// Every branch of the parser is a key users are told about, and every key they are told
    /// about has a branch.
    #[test]
    fn the_branches_are_the_documented_keys() {
        let branches = [
            NAME,
            PLAIN,
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
            SUBJECT,
            FORMAT,
            SALT,
            CRATE,
        ];
        assert_eq!(branches.as_slice(), ALL);
    }
}
