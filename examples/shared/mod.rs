//! What the demo apps share: the cookie types, the keyring, and the pages. Every framework's
//! example only wires these to routes, so the cookie code is identical across them.

use serde::{Deserialize, Serialize};
use std::time::{SystemTime, UNIX_EPOCH};
use typed_cookies::{Cookie, Keyring, SetCookies};

/// Who is logged in. Sealed: the browser can neither read nor change it.
#[derive(Cookie, Serialize, Deserialize, Debug, Clone)]
#[cookie(name = "__Host-session", sealed, expires = "2d")]
pub struct Session {
    pub user: String,
    pub logged_in_at: u64,
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
#[cookie(name = "theme", httponly = false, expires = "400d")]
pub struct Theme(pub String);

/// The keyring from `TYPED_COOKIES_SECRET`, or a random one with a notice.
pub fn keyring() -> Keyring {
    match Keyring::from_env("TYPED_COOKIES_SECRET") {
        Ok(keys) => keys,
        Err(typed_cookies::KeyError::EnvMissing { .. }) => {
            println!(
                "TYPED_COOKIES_SECRET is not set: using a random key, so sessions will not survive a restart"
            );
            Keyring::generate()
        }
        Err(e) => {
            eprintln!("TYPED_COOKIES_SECRET: {e}");
            std::process::exit(2);
        }
    }
}

/// `127.0.0.1:$PORT`, 3000 by default.
pub fn address() -> String {
    let port = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse::<u16>().ok())
        .unwrap_or(3000);
    format!("127.0.0.1:{port}")
}

/// What the server decoded from the request.
pub struct Read {
    pub session: Option<Session>,
    pub prefs: Option<Prefs>,
    pub theme: Option<Theme>,
}

impl Read {
    /// Reads every demo cookie; anything absent, malformed, forged or expired is `None`.
    pub fn from<H: typed_cookies::CookieHeaders + ?Sized>(headers: &H, keys: &Keyring) -> Read {
        Read {
            session: Session::from_header(headers, keys).ok().flatten(),
            prefs: Prefs::from_header(headers, keys).ok().flatten(),
            theme: Theme::from_header(headers).ok().flatten(),
        }
    }

    /// `GET /whoami`: JSON, `null` for each absent or invalid cookie.
    pub fn json(&self) -> String {
        self.value().to_string()
    }

    fn value(&self) -> serde_json::Value {
        serde_json::json!({
            "user": self.session.as_ref().map(|s| &s.user),
            "session": self.session,
            "prefs": self.prefs,
            "theme": self.theme.as_ref().map(|t| &t.0),
        })
    }

    /// `GET /`: the login form, or who is logged in and what the server and the page's
    /// scripts can see.
    pub fn page(&self) -> String {
        let body = match &self.session {
            None => r#"<h1>typed-cookies demo</h1>
<p>Not logged in.</p>
<form method="post" action="/login">
  <label>User <input id="user" name="user" required maxlength="64" autofocus></label>
  <button id="login" type="submit">Log in</button>
</form>"#
                .to_owned(),
            Some(s) => format!(
                r#"<h1>Hello, <span id="who">{user}</span></h1>
<form method="post" action="/logout"><button id="logout" type="submit">Log out</button></form>
<h2>What the server decoded</h2>
<pre id="server">{server}</pre>"#,
                user = escape(&s.user),
                server = escape(&serde_json::to_string_pretty(&self.value()).unwrap_or_default()),
            ),
        };
        format!(
            r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>typed-cookies demo</title>
<style>body{{font-family:sans-serif;max-width:46rem;margin:2rem auto}}pre{{white-space:pre-wrap;background:#eee;padding:.5rem}}</style>
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
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let session = Session {
        user: user.to_owned(),
        logged_in_at: now,
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

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
