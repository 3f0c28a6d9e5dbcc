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
    fn names_of_set_cookie_lines() {
        assert_eq!(set_cookie_name(b"a=1; Path=/"), b"a");
        assert_eq!(set_cookie_name(b" __Host-s =; Max-Age=0"), b"__Host-s");
        assert_eq!(set_cookie_name(b""), b"");
    }
}
