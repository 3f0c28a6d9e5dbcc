//! `Set-Cookie` rendering.

use core::fmt::Write as _;

use time::OffsetDateTime;
use time::macros::format_description;

use crate::spec::CookieSpec;

/// IMF-fixdate, RFC 9110 section 5.6.7: `Sun, 06 Nov 1994 08:49:37 GMT`.
const IMF_FIXDATE_LEN: usize = 29;

/// Renders `name=value` and every attribute in a fixed order into a string allocated once.
///
/// `value` must already be in the cookie-octet alphabet; `expires_at` is the `Expires` time
/// (None for a browser-session cookie), `max_age` the `Max-Age`.
pub(crate) fn set_cookie(
    spec: &CookieSpec,
    value: &[&str],
    max_age: Option<u64>,
    expires_at: Option<u64>,
) -> String {
    let value_len: usize = value.iter().map(|v| v.len()).sum();
    let capacity = spec.name.len()
        + 1
        + value_len
        + "; Path=".len()
        + spec.path.len()
        + spec.domain.map_or(0, |d| "; Domain=".len() + d.len())
        + max_age.map_or(0, |_| "; Max-Age=".len() + 20)
        + expires_at.map_or(0, |_| "; Expires=".len() + IMF_FIXDATE_LEN)
        + "; Secure; HttpOnly; SameSite=Strict; Partitioned".len();
    let mut out = String::with_capacity(capacity);
    out.push_str(spec.name);
    out.push('=');
    for part in value {
        out.push_str(part);
    }
    out.push_str("; Path=");
    out.push_str(spec.path);
    if let Some(domain) = spec.domain {
        out.push_str("; Domain=");
        out.push_str(domain);
    }
    if let Some(age) = max_age {
        // Writing into a String with spare capacity does not allocate.
        let _ = write!(out, "; Max-Age={age}");
    }
    if let Some(at) = expires_at {
        out.push_str("; Expires=");
        push_imf_fixdate(&mut out, at);
    }
    if spec.secure {
        out.push_str("; Secure");
    }
    if spec.http_only {
        out.push_str("; HttpOnly");
    }
    out.push_str("; SameSite=");
    out.push_str(spec.same_site.as_str());
    if spec.partitioned {
        out.push_str("; Partitioned");
    }
    debug_assert!(out.len() <= capacity);
    out
}

/// The line that deletes the cookie: empty value, `Max-Age=0`, `Expires` in 1970, and the same
/// `Path`, `Domain` and prefix-relevant attributes as the line that set it.
pub(crate) fn removal(spec: &CookieSpec) -> String {
    set_cookie(spec, &[], Some(0), Some(0))
}

fn push_imf_fixdate(out: &mut String, unix: u64) {
    let format = format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let mut buf = [0u8; IMF_FIXDATE_LEN];
    let formatted = i64::try_from(unix)
        .ok()
        .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
        .filter(|t| t.year() <= 9999)
        .and_then(|t| t.format_into(&mut &mut buf[..], format).ok())
        .and_then(|n| core::str::from_utf8(&buf[..n]).ok());
    // Past year 9999 an IMF-fixdate cannot be written: the latest one stands in.
    out.push_str(formatted.unwrap_or("Fri, 31 Dec 9999 23:59:59 GMT"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imf_fixdate() {
        let mut s = String::new();
        push_imf_fixdate(&mut s, 784_111_777);
        assert_eq!(s, "Sun, 06 Nov 1994 08:49:37 GMT");
        s.clear();
        push_imf_fixdate(&mut s, 0);
        assert_eq!(s, "Thu, 01 Jan 1970 00:00:00 GMT");
        s.clear();
        push_imf_fixdate(&mut s, u64::MAX);
        assert_eq!(s, "Fri, 31 Dec 9999 23:59:59 GMT");
    }

    #[test]
    fn removal_line() {
        let spec = CookieSpec::new("__Host-s").sealed().expires(60);
        assert_eq!(
            removal(&spec),
            "__Host-s=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; \
             HttpOnly; SameSite=Lax"
        );
    }
}
