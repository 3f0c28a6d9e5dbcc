//! A committed snapshot of cookie types' schema fingerprints.

use std::fmt::Write as _;
use std::path::Path;

use crate::cookie::{Lineage, TypedCookie};

/// The schema fingerprints of an application's signed and sealed cookie types, checked against
/// a snapshot file committed with the tests.
///
/// A type whose shape changes gets a new fingerprint, and every cookie issued under the old one
/// then reads as invalid: everyone is logged out on deploy. [`check`](Fingerprints::check)
/// fails when a type's fingerprint differs from the snapshot, unless the type declares the
/// snapshot's fingerprint as one of its `previous` types (then its old cookies still read, and
/// the snapshot moves on to the new fingerprint). A missing snapshot is written, and a type it
/// does not know yet is added; `TYPED_COOKIES_BLESS=1` rewrites it once a change is intended.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, testing::Fingerprints};
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed, expires = "2h")]
/// struct Session { user_id: u64 }
///
/// # let dir = std::env::temp_dir().join(format!("fp-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// let snapshot = dir.join("cookie-fingerprints.txt"); // in a real app: tests/cookie-fingerprints.txt
/// Fingerprints::new().add::<Session>().check(&snapshot).unwrap(); // written the first time
/// Fingerprints::new().add::<Session>().check(&snapshot).unwrap(); // and then it holds
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug, Default)]
#[must_use]
pub struct Fingerprints {
    /// Each type: cookie name, type name, fingerprint, and its previous types' fingerprints.
    types: Vec<(&'static str, &'static str, u64, Vec<u64>)>,
}

impl Fingerprints {
    /// No types yet.
    ///
    /// ```
    /// let _ = typed_cookies::testing::Fingerprints::new();
    /// ```
    pub fn new() -> Fingerprints {
        Fingerprints::default()
    }

    /// Adds the cookie type `T`.
    ///
    /// ```
    /// # use serde::{Deserialize, Serialize};
    /// # #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// # #[cookie(name = "prefs", signed)]
    /// # struct Prefs { lang: String }
    /// let _ = typed_cookies::testing::Fingerprints::new().add::<Prefs>();
    /// ```
    pub fn add<T: TypedCookie>(mut self) -> Fingerprints {
        let previous = (1..=<T::Previous as Lineage<T>>::DEPTH)
            .filter_map(<T::Previous as Lineage<T>>::spec)
            .map(|spec| spec.schema_fingerprint())
            .collect();
        self.types.push((
            T::SPEC.name(),
            core::any::type_name::<T>(),
            T::SPEC.schema_fingerprint(),
            previous,
        ));
        self
    }

    /// Compares the types with the snapshot at `path`, and writes it when it is missing or
    /// `TYPED_COOKIES_BLESS=1` is set.
    ///
    /// # Errors
    /// A message naming each type whose fingerprint changed without a `previous` type that
    /// reads its old cookies, and what to do; or why the snapshot could not be read or written.
    ///
    /// ```
    /// # let path = std::env::temp_dir().join(format!("fp-doc2-{}.txt", std::process::id()));
    /// std::fs::write(&path, "session typed::Session 0000000000000001\n").unwrap();
    /// # use serde::{Deserialize, Serialize};
    /// # #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// # #[cookie(name = "session", sealed)]
    /// # struct Session { user_id: u64 }
    /// let err = typed_cookies::testing::Fingerprints::new().add::<Session>().check(&path);
    /// assert!(err.unwrap_err().contains("changed its schema"));
    /// # std::fs::remove_file(&path).unwrap();
    /// ```
    pub fn check(&self, path: impl AsRef<Path>) -> Result<(), String> {
        let path = path.as_ref();
        let bless = std::env::var_os("TYPED_COOKIES_BLESS").is_some_and(|v| v == "1");
        let recorded = match std::fs::read_to_string(path) {
            Ok(text) if !bless => text,
            Ok(_) => return self.write(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return self.write(path),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let mut problems = String::new();
        let mut stale = false;
        for (name, ty, fingerprint, previous) in &self.types {
            let Some(old) = recorded.lines().find_map(|line| {
                let mut words = line.split_whitespace();
                (words.next() == Some(*name)).then(|| words.nth(1))?
            }) else {
                // A type the snapshot does not know yet: recorded now.
                stale = true;
                continue;
            };
            let Ok(old) = u64::from_str_radix(old, 16) else {
                return Err(format!("{}: {old:?} is not a fingerprint", path.display()));
            };
            // A change that reads the old cookies through `previous` passes, and the snapshot
            // moves on to the new fingerprint, so the next change is judged against it.
            stale |= old != *fingerprint;
            if old != *fingerprint && !previous.contains(&old) {
                let _ = writeln!(
                    problems,
                    "cookie `{name}` ({ty}) changed its schema: every cookie issued under the old \
                     one will read as invalid and its users will be logged out. Keep the old \
                     shape as a type of its own and declare `previous = OldType` (with `From`), \
                     or, if logging everyone out is intended, run the tests once with \
                     TYPED_COOKIES_BLESS=1 to record the new fingerprint in {}",
                    path.display()
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        if stale {
            return self.write(path);
        }
        Ok(())
    }

    fn write(&self, path: &Path) -> Result<(), String> {
        let mut text = String::from(
            "# The schema fingerprints of this application's cookie types (typed_cookies::testing::Fingerprints).\n",
        );
        for (name, ty, fingerprint, _) in &self.types {
            let _ = writeln!(text, "{name} {ty} {fingerprint:016x}");
        }
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}
