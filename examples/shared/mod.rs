//! What the demo apps share: the cookie types, the keyring, and the pages. Every framework's
//! example only wires these to routes, so the cookie code is identical across them.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use typed_cookies::revocation::{MemoryRevocations, Revocations};
use typed_cookies::{Cookie, CsrfToken, Keyring, SetCookies, Verified};

/// Who is logged in. Sealed: the browser can neither read nor change it. A sliding session:
/// used 15 minutes or more after it was issued, it is issued again for another two hours, but
/// it ends for good 7 days after the login. `subject` says whose session it is, for "log out
/// everywhere".
#[derive(Cookie, Serialize, Deserialize, Debug, Clone)]
#[cookie(
    name = "__Host-session",
    sealed,
    expires = "2h",
    refresh = "15m",
    max_lifetime = "7d",
    subject = "user"
)]
pub struct Session {
    pub user: String,
}

/// Preferences. Signed: the browser may read them, but a change is detected.
#[derive(Cookie, Serialize, Deserialize, Debug, Clone)]
#[cookie(name = "prefs", signed, expires = "30d")]
pub struct Prefs {
    pub lang: String,
    pub visits: u32,
}

/// The colour scheme. Plain and readable by the page's scripts.
#[derive(Cookie, Serialize, Deserialize, Debug, Clone)]
#[cookie(name = "theme", plain, httponly = false, expires = "400d")]
pub struct Theme(pub String);

/// The demo's embedded key, for a first run without configuration: 32 random bytes, and public,
/// so anyone can forge this demo's sessions: never use it for anything real.
const DEMO_SECRET: &[u8; 32] = &[
    0x49, 0xbd, 0x5e, 0xae, 0xf6, 0x7d, 0x1f, 0x0c, 0xc4, 0x48, 0x6e, 0x9e, 0xd9, 0x34, 0x1d, 0x7c,
    0x4a, 0x77, 0x44, 0x58, 0x0c, 0x32, 0xa8, 0xb3, 0xbf, 0x57, 0x91, 0x01, 0xd1, 0x90, 0x95, 0xa9,
];

/// The keyring from `TYPED_COOKIES_SECRET`, or from the embedded demo key with a warning; with
/// the revocations of this process attached, which "log out everywhere" adds to.
pub fn keyring() -> (Keyring, Arc<MemoryRevocations>) {
    let keys = match Keyring::from_env("TYPED_COOKIES_SECRET") {
        Ok(keys) => keys,
        Err(typed_cookies::keyring::KeyError::EnvMissing { .. }) => {
            println!(
                "TYPED_COOKIES_SECRET is not set: using the demo's embedded key, which is public \
                 (anyone can forge this demo's sessions); set TYPED_COOKIES_SECRET for anything real"
            );
            // A label of its own: the embedded bytes never derive the keys of another app.
            Keyring::builder()
                .application("typed-cookies demo")
                .secret(DEMO_SECRET)
                .unwrap_or_else(|e| unreachable!("32 random bytes make a key: {e}"))
        }
        Err(e) => {
            eprintln!("TYPED_COOKIES_SECRET: {e}");
            std::process::exit(2);
        }
    };
    let store = Arc::new(MemoryRevocations::new());
    (
        keys.with_revocations(Revocations::new(store.clone())),
        store,
    )
}

/// `127.0.0.1:$PORT`, 3000 by default.
pub fn address() -> String {
    let port = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse::<u16>().ok())
        .unwrap_or(3000);
    format!("127.0.0.1:{port}")
}

/// What the extractors handed the handler: each cookie that verified (and, for the session,
/// was not revoked), and the session's CSRF token for the page's forms.
pub struct Page {
    pub session: Option<Verified<Session>>,
    pub prefs: Option<Prefs>,
    pub theme: Option<Theme>,
    pub csrf: Option<CsrfToken>,
}

impl Page {
    /// The page for what the extractors read from `headers`, with the CSRF token of the
    /// session, if there is one.
    pub fn new<H: typed_cookies::CookieHeaders + ?Sized>(
        session: Option<Verified<Session>>,
        prefs: Option<Prefs>,
        theme: Option<Theme>,
        headers: &H,
        keys: &Keyring,
    ) -> Page {
        let csrf = session
            .as_ref()
            .and_then(|_| CsrfToken::for_session::<Session, H>(headers, keys).ok())
            .flatten();
        Page {
            session,
            prefs,
            theme,
            csrf,
        }
    }

    /// `GET /whoami`: JSON, `null` for each absent or invalid cookie.
    pub fn json(&self) -> String {
        self.value().to_string()
    }

    fn value(&self) -> serde_json::Value {
        let unix = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        serde_json::json!({
            "user": self.session.as_ref().map(|s| &s.value.user),
            "session": self.session.as_ref().map(|s| serde_json::json!({
                "login_at": unix(s.login_at()),
                "issued_at": unix(s.issued_at()),
                "refresh_at": s.refresh_at().map(unix),
                "expires_at": s.expires_at().map(unix),
                "ends_at": s.ends_at().map(unix),
            })),
            "prefs": self.prefs,
            "theme": self.theme.as_ref().map(|t| &t.0),
        })
    }

    /// `GET /`: the login form, or who is logged in, the session's times, its protected forms,
    /// and what the server and the page's scripts can see.
    pub fn page(&self) -> String {
        let body = match (&self.session, &self.csrf) {
            (Some(s), Some(csrf)) => {
                let row = |id: &str, what: &str, t: Option<SystemTime>| match t {
                    Some(t) => format!(
                        r#"<tr><th>{what}</th><td id="{id}" data-unix="{unix}">{text}</td></tr>"#,
                        unix = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()),
                        text = rfc3339(t),
                    ),
                    None => String::new(),
                };
                let form = |action: &str, id: &str, label: &str| {
                    format!(
                        r#"<form method="post" action="{action}"><input type="hidden" name="{field}" value="{csrf}"><button id="{id}" type="submit">{label}</button></form>"#,
                        field = typed_cookies::csrf::CSRF_FIELD,
                        csrf = escape(csrf.as_str()),
                    )
                };
                format!(
                    r#"<h1>Hello, <span id="who">{user}</span></h1>
<table>
{login}
{issued}
{refresh}
{expires}
{ends}
</table>
<p>Use the page after its refresh time and the server issues the session again; it keeps the
login time, and the session ends for good at the last time above, however often it is used.</p>
{logout}
{everywhere}
<h2>What the server decoded</h2>
<pre id="server">{server}</pre>"#,
                    user = escape(&s.value.user),
                    login = row("login-at", "Logged in", Some(s.login_at())),
                    issued = row("issued", "This cookie was issued", Some(s.issued_at())),
                    refresh = row("refresh", "Issued again when used after", s.refresh_at()),
                    expires = row("expires", "Expires unless used", s.expires_at()),
                    ends = row("ends", "Ends for good", s.ends_at()),
                    logout = form("/logout", "logout", "Log out"),
                    everywhere = form(
                        "/logout-everywhere",
                        "logout-everywhere",
                        "Log out everywhere"
                    ),
                    server =
                        escape(&serde_json::to_string_pretty(&self.value()).unwrap_or_default()),
                )
            }
            _ => r#"<h1>typed-cookies demo</h1>
<p>Not logged in.</p>
<form method="post" action="/login">
  <label>User <input id="user" name="user" required maxlength="64" autofocus></label>
  <button id="login" type="submit">Log in</button>
</form>"#
                .to_owned(),
        };
        format!(
            r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>typed-cookies demo</title>
<style>body{{font-family:sans-serif;max-width:46rem;margin:2rem auto}}pre{{white-space:pre-wrap;background:#eee;padding:.5rem}}th{{text-align:left;padding-right:1rem}}form{{display:inline-block;margin-right:.5rem}}</style>
</head><body>
{body}
<h2>What this page's JavaScript sees in <code>document.cookie</code></h2>
<pre id="js"></pre>
<p>The session and prefs cookies are HttpOnly, so only <code>theme</code> shows up here.</p>
<script>document.getElementById("js").textContent = document.cookie || "(nothing)";</script>
</body></html>"#
        )
    }
}

/// `POST /login`: the three cookies, or `None` for an empty or overlong user name.
pub fn login(user: &str, keys: &Keyring) -> Result<Option<SetCookies>, typed_cookies::Error> {
    let user = user.trim();
    if user.is_empty() || user.chars().count() > 64 {
        return Ok(None);
    }
    let session = Session {
        user: user.to_owned(),
    };
    let prefs = Prefs {
        lang: "en".to_owned(),
        visits: 1,
    };
    Ok(Some(
        SetCookies::new()
            .add(session.to_set_cookie(keys)?)
            .add(prefs.to_set_cookie(keys)?)
            .add(Theme("dark".to_owned()).to_set_cookie()?),
    ))
}

/// `POST /logout`: the lines that delete all three.
pub fn logout() -> SetCookies {
    SetCookies::new()
        .remove::<Session>()
        .remove::<Prefs>()
        .remove::<Theme>()
}

/// `POST /logout-everywhere`: every session of `user` that began until now is refused from
/// here on, on every device; and this browser's cookies are deleted.
pub fn log_out_everywhere(store: &MemoryRevocations, user: &str) -> SetCookies {
    store.revoke_all_before(user, SystemTime::now());
    logout()
}

fn rfc3339(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    i64::try_from(secs)
        .ok()
        .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
