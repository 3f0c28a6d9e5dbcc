//! A handler's `Set-Cookie` lines.

use crate::cookie::TypedCookie;

/// A handler's `Set-Cookie` lines, to return with a response.
///
/// Build it from the typed methods (`to_set_cookie`, `removal`); with the `axum` feature it is
/// response parts (`IntoResponseParts`), with `actix-web` it appends to a response builder.
/// Every line becomes its own `Set-Cookie` header, marked sensitive.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Keyring, SetCookies};
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed)]
/// struct Session { user_id: u64 }
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "theme", plain, httponly = false)]
/// struct Theme(String);
///
/// let keys = Keyring::generate();
/// let cookies = SetCookies::new()
///     .add(Session { user_id: 1 }.to_set_cookie(&keys)?)
///     .remove::<Theme>();
/// assert_eq!(cookies.lines().len(), 2);
/// assert!(cookies.lines()[1].starts_with("theme=; "));
/// # Ok::<(), typed_cookies::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct SetCookies {
    pub(crate) lines: Vec<String>,
}

/// Shows each cookie's name and attributes, never its value: sealed and signed values are
/// credentials.
///
/// ```
/// let c = typed_cookies::SetCookies::new().add("session=secret-token; Path=/".into());
/// assert_eq!(format!("{c:?}"), r#"SetCookies(["session=…; Path=/"])"#);
/// ```
impl core::fmt::Debug for SetCookies {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        struct Hidden<'a>(&'a str);
        impl core::fmt::Debug for Hidden<'_> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let (pair, attrs) = self.0.split_once(';').unwrap_or((self.0, ""));
                let name = pair.split_once('=').map_or(pair, |(n, _)| n);
                let sep = if attrs.is_empty() { "" } else { ";" };
                write!(f, "\"{name}=…{sep}{attrs}\"")
            }
        }
        f.debug_tuple("SetCookies")
            .field(&self.lines.iter().map(|l| Hidden(l)).collect::<Vec<_>>())
            .finish()
    }
}

impl SetCookies {
    /// No cookies yet.
    ///
    /// ```
    /// assert!(typed_cookies::SetCookies::new().lines().is_empty());
    /// ```
    pub fn new() -> SetCookies {
        SetCookies { lines: Vec::new() }
    }

    /// Adds a rendered `Set-Cookie` value, such as `to_set_cookie` returns.
    ///
    /// ```
    /// let c = typed_cookies::SetCookies::new().add("a=1; Path=/".to_owned());
    /// assert_eq!(c.lines(), ["a=1; Path=/"]);
    /// ```
    #[allow(clippy::should_implement_trait)] // `add`/`remove`, as axum-extra and tower-cookies say
    pub fn add(mut self, line: String) -> SetCookies {
        self.lines.push(line);
        self
    }

    /// Adds the line that deletes cookie `T`.
    ///
    /// ```
    /// # use serde::{Deserialize, Serialize};
    /// # #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// # #[cookie(plain)]
    /// # struct Theme(String);
    /// let c = typed_cookies::SetCookies::new().remove::<Theme>();
    /// assert!(c.lines()[0].contains("Max-Age=0"));
    /// ```
    pub fn remove<T: TypedCookie>(self) -> SetCookies {
        let () = T::VALID;
        self.add(crate::render::removal(&T::SPEC))
    }

    /// The lines, in the order they were added.
    ///
    /// `SetCookies` also collects lines (`FromIterator`), takes more (`Extend`) and gives them
    /// back (`IntoIterator`):
    ///
    /// ```
    /// use typed_cookies::SetCookies;
    /// let mut c: SetCookies = ["a=1".to_owned()].into_iter().collect();
    /// c.extend(["b=2".to_owned()]);
    /// assert_eq!(c.into_iter().collect::<Vec<_>>(), ["a=1", "b=2"]);
    /// ```
    ///
    /// ```
    /// assert!(typed_cookies::SetCookies::new().lines().is_empty());
    /// ```
    #[must_use]
    pub fn lines(&self) -> &[String] {
        &self.lines
    }
}

impl Extend<String> for SetCookies {
    fn extend<I: IntoIterator<Item = String>>(&mut self, lines: I) {
        self.lines.extend(lines);
    }
}

impl FromIterator<String> for SetCookies {
    fn from_iter<I: IntoIterator<Item = String>>(lines: I) -> Self {
        SetCookies {
            lines: lines.into_iter().collect(),
        }
    }
}

impl IntoIterator for SetCookies {
    type Item = String;
    type IntoIter = std::vec::IntoIter<String>;
    fn into_iter(self) -> Self::IntoIter {
        self.lines.into_iter()
    }
}

impl<'a> IntoIterator for &'a SetCookies {
    type Item = &'a String;
    type IntoIter = core::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.lines.iter()
    }
}
