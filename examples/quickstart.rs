//! Writes and reads one cookie in each protection mode, printing the `Set-Cookie` lines and
//! what was read back. No network. Run with `cargo run --example quickstart`.

use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Keyring};

/// Sealed: the browser can neither read nor change it.
#[derive(Cookie, Serialize, Deserialize, Debug)]
#[cookie(name = "__Host-session", sealed, expires = "2d")]
struct Session {
    user_id: u64,
    role: String,
}

/// Signed: the browser can read it but any change is detected.
#[derive(Cookie, Serialize, Deserialize, Debug)]
#[cookie(name = "prefs", signed, expires = "30d")]
struct Prefs {
    lang: String,
    tz_offset_minutes: i16,
}

/// Plain: readable by the page's scripts (`httponly = false`).
#[derive(Cookie, Serialize, Deserialize, Debug)]
#[cookie(name = "theme", plain, httponly = false, expires = "400d")]
struct Theme(String);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let keys = match Keyring::from_env("TYPED_COOKIES_SECRET") {
        Ok(keys) => keys,
        Err(_) => {
            eprintln!("TYPED_COOKIES_SECRET is not set: using a random key for this run");
            Keyring::generate()
        }
    };

    let session = Session {
        user_id: 42,
        role: "admin".into(),
    }
    .to_set_cookie(&keys)?;
    let prefs = Prefs {
        lang: "en".into(),
        tz_offset_minutes: 60,
    }
    .to_set_cookie(&keys)?;
    let theme = Theme("dark".into()).to_set_cookie()?;
    for line in [&session, &prefs, &theme] {
        println!("Set-Cookie: {line}");
    }

    // What the browser sends back: the name=value pairs, joined by "; ".
    let header = [&session, &prefs, &theme]
        .iter()
        .map(|line| line.split(';').next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("; ");
    println!("\nCookie: {header}\n");

    let read = Session::from_header_verified(&header, &keys)?;
    if let Some(s) = &read {
        println!(
            "session: {:?} (issued {:?}, expires {:?})",
            s.value,
            s.issued_at(),
            s.expires_at()
        );
    }
    println!("prefs:   {:?}", Prefs::from_header(&header, &keys)?);
    println!("theme:   {:?}", Theme::from_header(&header)?);

    // Change one character in the middle of the sealed value, as an attacker would.
    let at = "__Host-session=".len() + 40;
    let swap = if &header[at..=at] == "A" { "B" } else { "A" };
    let tampered = format!("{}{swap}{}", &header[..at], &header[at + 1..]);
    println!(
        "\ntampered session: {:?}",
        Session::from_header(&tampered, &keys)
    );
    println!("\nSet-Cookie to log out: {}", Session::removal());
    Ok(())
}
