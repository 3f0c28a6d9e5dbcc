//! `Set-Cookie` rendering.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use time_crate::OffsetDateTime;

use crate::spec::CookieSpec;

/// IMF-fixdate, RFC 9110 section 5.6.7: `Sun, 06 Nov 1994 08:49:37 GMT`.
pub(crate) const IMF_FIXDATE_LEN: usize = 29;

/// A cookie value, either text already in the cookie-octet alphabet or raw bytes to be
/// written as base64url.
pub(crate) enum Value<'a> {
    Text(&'a str),
    Base64(&'a [u8]),
}

/// Renders `name=value` and every attribute in a fixed order into a string allocated once.
///
/// `expires_at` is the `Expires` time (None for a browser-session cookie), `max_age` the
/// `Max-Age`.
pub(crate) fn set_cookie(
    spec: &CookieSpec,
    value: Value<'_>,
    max_age: Option<u64>,
    expires_at: Option<u64>,
) -> String {
    let value_len = match value {
        Value::Text(t) => t.len(),
        Value::Base64(raw) => base64::encoded_len(raw.len(), false).unwrap_or(0),
    };
    let capacity = spec.name.len()
        + 1
        + value_len
        + "; Path=".len()
        + spec.path.len()
        + spec.domain.map_or(0, |d| "; Domain=".len() + d.len())
        + max_age.map_or(0, |_| "; Max-Age=".len() + 20)
        + expires_at.map_or(0, |_| "; Expires=".len() + IMF_FIXDATE_LEN)
        + "; Secure; HttpOnly; SameSite=Strict; Partitioned".len();
    // Bytes, not chars: every part is ASCII, and base64 is written in place.
    let mut out: Vec<u8> = Vec::with_capacity(capacity);
    out.extend_from_slice(spec.name.as_bytes());
    out.push(b'=');
    match value {
        Value::Text(t) => out.extend_from_slice(t.as_bytes()),
        Value::Base64(raw) => {
            let start = out.len();
            out.resize(start + value_len, 0);
            let written = URL_SAFE_NO_PAD
                .encode_slice(raw, &mut out[start..])
                .unwrap_or(0);
            out.truncate(start + written);
        }
    }
    out.extend_from_slice(b"; Path=");
    out.extend_from_slice(spec.path.as_bytes());
    if let Some(domain) = spec.domain {
        out.extend_from_slice(b"; Domain=");
        out.extend_from_slice(domain.as_bytes());
    }
    if let Some(age) = max_age {
        out.extend_from_slice(b"; Max-Age=");
        out.extend_from_slice(itoa::Buffer::new().format(age).as_bytes());
    }
    if let Some(at) = expires_at {
        out.extend_from_slice(b"; Expires=");
        out.extend_from_slice(&imf_fixdate_cached(at));
    }
    if spec.secure {
        out.extend_from_slice(b"; Secure");
    }
    if spec.http_only {
        out.extend_from_slice(b"; HttpOnly");
    }
    out.extend_from_slice(b"; SameSite=");
    out.extend_from_slice(spec.same_site.as_str().as_bytes());
    if spec.partitioned {
        out.extend_from_slice(b"; Partitioned");
    }
    debug_assert!(out.len() <= capacity);
    // Name, path and domain are validated ASCII, values are base64url or percent-encoded:
    // the check cannot fail, and it does not allocate.
    String::from_utf8(out).unwrap_or_default()
}

/// The line that deletes the cookie: empty value, `Max-Age=0`, `Expires` in 1970, and the same
/// `Path`, `Domain` and prefix-relevant attributes as the line that set it.
pub(crate) fn removal(spec: &CookieSpec) -> String {
    set_cookie(spec, Value::Text(""), Some(0), Some(0))
}

/// [`imf_fixdate`], remembered per thread: the date changes once a second while a server
/// writes many cookies a second.
fn imf_fixdate_cached(unix: u64) -> [u8; IMF_FIXDATE_LEN] {
    use core::cell::Cell;
    thread_local! {
        static LAST: Cell<(u64, [u8; IMF_FIXDATE_LEN])> = const { Cell::new((0, *b"Thu, 01 Jan 1970 00:00:00 GMT")) };
    }
    LAST.with(|last| {
        let (at, date) = last.get();
        if at == unix {
            return date;
        }
        let date = imf_fixdate(unix);
        last.set((unix, date));
        date
    })
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`; past year 9999, which it cannot express, the latest date.
pub(crate) fn imf_fixdate(unix: u64) -> [u8; IMF_FIXDATE_LEN] {
    const DAYS: [&[u8; 3]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
    const MONTHS: [&[u8; 3]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let t = i64::try_from(unix)
        .ok()
        .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
        .filter(|t| t.year() <= 9999);
    let Some(t) = t else {
        return *b"Fri, 31 Dec 9999 23:59:59 GMT";
    };
    let (year, month, day) = t.to_calendar_date();
    let year = u16::try_from(year).unwrap_or(0);
    let mut out = *b"Ddd, dd Mmm yyyy hh:mm:ss GMT";
    out[..3].copy_from_slice(DAYS[usize::from(t.weekday().number_days_from_monday())]);
    two_digits(&mut out[5..7], day);
    out[8..11].copy_from_slice(MONTHS[usize::from(u8::from(month) - 1)]);
    two_digits(&mut out[12..14], u8::try_from(year / 100).unwrap_or(0));
    two_digits(&mut out[14..16], u8::try_from(year % 100).unwrap_or(0));
    two_digits(&mut out[17..19], t.hour());
    two_digits(&mut out[20..22], t.minute());
    two_digits(&mut out[23..25], t.second());
    out
}

fn two_digits(out: &mut [u8], n: u8) {
    out[0] = b'0' + n / 10 % 10;
    out[1] = b'0' + n % 10;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imf_fixdate_examples() {
        assert_eq!(&imf_fixdate(784_111_777), b"Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(&imf_fixdate(0), b"Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(&imf_fixdate(951_782_400), b"Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(
            &imf_fixdate(253_402_300_799),
            b"Fri, 31 Dec 9999 23:59:59 GMT"
        );
        assert_eq!(&imf_fixdate(u64::MAX), b"Fri, 31 Dec 9999 23:59:59 GMT");
        assert_eq!(imf_fixdate_cached(784_111_777), imf_fixdate(784_111_777));
        assert_eq!(imf_fixdate_cached(784_111_778), imf_fixdate(784_111_778));
        assert_eq!(imf_fixdate_cached(0), imf_fixdate(0));
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
