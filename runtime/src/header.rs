/// Where `Cookie` request headers come from: a single header value, several of them, or a whole
/// header map. Every read takes any of these.
///
/// HTTP/2 and HTTP/3 clients may split cookies over several `Cookie` headers
/// (RFC 9113 section 8.2.3); sources with many values yield them all.
///
/// ```
/// use typed_cookies::{CookieHeaders, CookieSpec};
///
/// let theme = CookieSpec::new("theme");
/// let one = "lang=en; theme=dark";
/// let many = ["lang=en", "theme=dark"];
/// assert_eq!(theme.read::<String, _>(one, None)?.as_deref(), Some("dark"));
/// assert_eq!(theme.read::<String, _>(&many[..], None)?.as_deref(), Some("dark"));
/// # Ok::<(), typed_cookies::Error>(())
/// ```
pub trait CookieHeaders {
    /// Each `Cookie` header's raw bytes, in the order they arrived.
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]>;

    /// Every raw value sent under `name`, in order, without allocating and without verifying
    /// anything: the building block of every typed read.
    ///
    /// Pairs are split on `;`; spaces and tabs around names and values are dropped; a value in
    /// double quotes loses them; pairs without `=` are skipped (RFC 6265bis section 5.4).
    /// Names compare exactly, as browsers send them.
    ///
    /// ```
    /// use typed_cookies::CookieHeaders;
    ///
    /// let header = "a=1; b=2; a=\"3\"";
    /// let values: Vec<&[u8]> = header.cookie_values("a").collect();
    /// assert_eq!(values, [&b"1"[..], b"3"]);
    /// ```
    fn cookie_values<'h>(&'h self, name: &'h str) -> impl Iterator<Item = &'h [u8]> + 'h {
        find(self, name)
    }
}

impl CookieHeaders for str {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        core::iter::once(self.as_bytes())
    }
}

impl CookieHeaders for String {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        core::iter::once(self.as_bytes())
    }
}

impl<T: AsRef<[u8]>> CookieHeaders for [T] {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        self.iter().map(AsRef::as_ref)
    }
}

impl<T: AsRef<[u8]>, const N: usize> CookieHeaders for [T; N] {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        self.iter().map(AsRef::as_ref)
    }
}

impl<T: AsRef<[u8]>> CookieHeaders for Vec<T> {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        self.iter().map(AsRef::as_ref)
    }
}

impl<H: CookieHeaders + ?Sized> CookieHeaders for &H {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        (**self).cookie_headers()
    }
}

/// The find step of a read: every raw value sent under `name`, in order (see
/// [`CookieHeaders::cookie_values`]).
pub(crate) fn find<'h, H: CookieHeaders + ?Sized>(
    headers: &'h H,
    name: &'h str,
) -> impl Iterator<Item = &'h [u8]> + 'h {
    headers
        .cookie_headers()
        .flat_map(|h| Pairs { rest: Some(h) })
        .filter_map(move |pair| value_if_named(pair, name.as_bytes()))
}

/// The `;`-separated pieces of one header, found with a vectorized search.
struct Pairs<'h> {
    rest: Option<&'h [u8]>,
}

impl<'h> Iterator for Pairs<'h> {
    type Item = &'h [u8];

    fn next(&mut self) -> Option<&'h [u8]> {
        let rest = self.rest?;
        match memchr::memchr(b';', rest) {
            Some(i) => {
                self.rest = Some(&rest[i + 1..]);
                Some(&rest[..i])
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// The value of `pair` when its name is `name`, without scanning values of other cookies.
fn value_if_named<'h>(pair: &'h [u8], name: &[u8]) -> Option<&'h [u8]> {
    let after_name = trim_start(pair).strip_prefix(name)?;
    let value = trim_start(after_name).strip_prefix(b"=")?;
    Some(match trim(value) {
        [b'"', inner @ .., b'"'] => inner,
        v => v,
    })
}

fn trim_start(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    s
}

fn trim(mut s: &[u8]) -> &[u8] {
    s = trim_start(s);
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::find;

    fn all<'a>(h: &'a str, n: &'a str) -> Vec<&'a [u8]> {
        find(h, n).collect()
    }

    #[test]
    fn finds_every_copy_in_order() {
        let h = "a=1; b=2;a=3 ;  a = \"4\"; a; =5; ab=6";
        assert_eq!(all(h, "a"), [&b"1"[..], b"3", b"4"]);
        assert_eq!(all(h, "b"), [&b"2"[..]]);
        assert!(all(h, "c").is_empty());
    }

    #[test]
    fn names_are_case_sensitive_and_exact() {
        assert!(all("Session=1; session_x=2; session y=3; xsession=4", "session").is_empty());
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(all("", "a").is_empty());
        assert!(all(";;;", "a").is_empty());
        assert_eq!(all("a=", "a"), [&b""[..]]);
        assert_eq!(all("a=\"", "a"), [&b"\""[..]]);
        assert_eq!(all("a==b", "a"), [&b"=b"[..]]);
    }
}
