//! The cookies one request re-issues: a re-issue layer puts a [`Pending`] into the request's
//! extensions, the extractors offer it every session they admit, and the layer appends what
//! is due to the response.

use crate::clock::now_secs;
use crate::cookie::TypedCookie;
use crate::keyring::Keyring;
use crate::verified::Verified;
use crate::write::Continuation;

/// The cookies one request re-issues: a re-issue layer puts one into the request's
/// extensions, the extractors add to it, and the layer appends its lines to the response.
#[derive(Debug, Default)]
pub(crate) struct Pending(std::sync::Mutex<Vec<(&'static str, String)>>);

impl Pending {
    /// Adds the re-issue of `session` if it is due; once per cookie name and request. A write
    /// that fails leaves the cookie as it is, to expire on its own terms.
    pub(crate) fn offer<T: TypedCookie>(&self, session: &Verified<T>, keys: &Keyring) {
        let now = now_secs();
        if !session.is_due_at(now) {
            return;
        }
        let Ok(mut lines) = self.0.lock() else {
            return;
        };
        if lines.iter().any(|(name, _)| *name == T::SPEC.name) {
            return;
        }
        let continuation = Continuation::of(session, now, T::SPEC.tracks_origin());
        if let Ok(line) = session.value.__reissue(keys, &continuation) {
            lines.push((T::SPEC.name, line));
        }
    }

    /// Whether nothing was found due: the common response, which the layers then leave alone
    /// without looking at its headers.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.lock().map_or(true, |lines| lines.is_empty())
    }

    /// The lines to send, except for cookies the response sets itself (`already_set`, the
    /// names of its `Set-Cookie` lines): a handler that logs in or out has the last word.
    pub(crate) fn take<'a>(
        &self,
        already_set: impl Iterator<Item = &'a [u8]> + Clone,
    ) -> Vec<String> {
        let Ok(mut lines) = self.0.lock() else {
            return Vec::new();
        };
        lines
            .drain(..)
            .filter(|(name, _)| {
                !already_set
                    .clone()
                    .any(|line| set_cookie_name(line) == name.as_bytes())
            })
            .map(|(_, line)| line)
            .collect()
    }
}

/// What a re-issue may do to a response, by its `Cache-Control` (RFC 9111): a `Set-Cookie` does
/// not by itself stop a shared cache (a CDN) from storing a response, and a stored re-issue
/// would hand one user's session to every later visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CachePolicy {
    /// `private` or `no-store`: no shared cache keeps it, so the re-issue goes on it.
    Append,
    /// No `Cache-Control`: the re-issue goes on, with `Cache-Control: private` added.
    AppendPrivate,
    /// Anything else (`public`, `max-age`, `s-maxage`, `no-cache`, …) a shared cache may store:
    /// no re-issue on it. The session is still valid and is re-issued on the next response
    /// that no shared cache keeps.
    Skip,
}

/// The policy for a response whose `Cache-Control` header values are `values`.
pub(crate) fn cache_policy<'a>(values: impl Iterator<Item = &'a [u8]>) -> CachePolicy {
    let mut any = false;
    for value in values {
        any = true;
        for directive in value.split(|&b| b == b',') {
            let name = directive
                .split(|&b| b == b'=')
                .next()
                .unwrap_or_default()
                .trim_ascii();
            if name.eq_ignore_ascii_case(b"private") || name.eq_ignore_ascii_case(b"no-store") {
                return CachePolicy::Append;
            }
        }
    }
    if any {
        CachePolicy::Skip
    } else {
        CachePolicy::AppendPrivate
    }
}

/// The cookie name of a `Set-Cookie` line, whitespace around it trimmed.
fn set_cookie_name(line: &[u8]) -> &[u8] {
    let pair = line.split(|&b| b == b';').next().unwrap_or_default();
    let name = pair.split(|&b| b == b'=').next().unwrap_or_default();
    name.trim_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_responses_no_shared_cache_keeps_carry_a_reissue() {
        let policy = |values: &[&str]| cache_policy(values.iter().map(|v| v.as_bytes()));
        assert_eq!(policy(&[]), CachePolicy::AppendPrivate);
        for kept in [
            &["private"][..],
            &["no-store"],
            &["public, max-age=60", "PRIVATE"],
            &["max-age=0, private=\"set-cookie\""],
        ] {
            assert_eq!(policy(kept), CachePolicy::Append, "{kept:?}");
        }
        for shared in [
            &["public, max-age=3600"][..],
            &["max-age=60"],
            &["s-maxage=60"],
            &["no-cache"],
            &[""],
        ] {
            assert_eq!(policy(shared), CachePolicy::Skip, "{shared:?}");
        }
    }

    #[test]
    fn names_of_set_cookie_lines() {
        assert_eq!(set_cookie_name(b"a=1; Path=/"), b"a");
        assert_eq!(set_cookie_name(b" __Host-s =; Max-Age=0"), b"__Host-s");
        assert_eq!(set_cookie_name(b""), b"");
    }
}
