//! The demo's routes with nothing but the standard library's `TcpListener`: typed cookies need
//! no framework. One request per connection, for demonstration only.
//! `cargo run --example plain_std`, then open the printed URL.
//!
//! What the framework integrations do for the other demos is spelled out here: the refusal of
//! cross-site requests, the revocation check after verification, the re-issue of a session
//! that is due, the CSRF check of forms.

mod shared;

use std::io::{BufRead, BufReader, Read as _, Write};
use std::net::{TcpListener, TcpStream};

use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use shared::{Page, Prefs, Session, Theme};
use typed_cookies::{CsrfToken, Keyring, SetCookies, Verified};

/// Runs a future to completion on this thread: revocation hooks are async, so that they can
/// ask a database; the in-memory store answers at once.
fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            Poll::Pending => std::thread::park(),
        }
    }
}

/// The session of a request: verified, then not revoked.
fn session(req: &Request, keys: &Keyring) -> Option<Verified<Session>> {
    let session = Session::from_header_verified(&req.cookie_headers, keys).ok()??;
    match keys.revocations() {
        Some(revocations) if !block_on(revocations.allows(&session)) => None,
        _ => Some(session),
    }
}

/// What the page shows, and the re-issue of the session when it is due.
fn page(req: &Request, keys: &Keyring) -> (Page, SetCookies) {
    let session = session(req, keys);
    let reissue = session
        .as_ref()
        .and_then(|s| s.reissue(keys).ok().flatten())
        .map(|line| SetCookies::new().add(line))
        .unwrap_or_default();
    let page = Page::new(
        session,
        Prefs::from_header(&req.cookie_headers, keys).ok().flatten(),
        Theme::from_header(&req.cookie_headers).ok().flatten(),
        &req.cookie_headers,
        keys,
    );
    (page, reissue)
}

/// The session of a form post whose CSRF token matches, and not revoked.
fn checked(req: &Request, keys: &Keyring) -> Option<Verified<Session>> {
    let token = form_field(&req.body, typed_cookies::csrf::CSRF_FIELD);
    let session = CsrfToken::check::<Session, _>(&req.cookie_headers, keys, Some(&token)).ok()?;
    match keys.revocations() {
        Some(revocations) if !block_on(revocations.allows(&session)) => None,
        _ => Some(session),
    }
}

/// The parts of a request the demo needs.
struct Request {
    method: String,
    path: String,
    cookie_headers: Vec<String>,
    /// `Host`, `Origin` and `Sec-Fetch-Site`, for the cross-origin check.
    host: Option<String>,
    origin: Option<String>,
    fetch_site: Option<String>,
    body: String,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or("/").to_owned();
    let mut cookie_headers = Vec::new();
    let (mut host, mut origin, mut fetch_site) = (None, None, None);
    let mut length = 0usize;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "cookie" => cookie_headers.push(value.trim().to_owned()),
                "host" => host = Some(value.trim().to_owned()),
                "origin" => origin = Some(value.trim().to_owned()),
                "sec-fetch-site" => fetch_site = Some(value.trim().to_owned()),
                "content-length" => length = value.trim().parse().unwrap_or(0).min(4096),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Request {
        method,
        path,
        cookie_headers,
        host,
        origin,
        fetch_site,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn respond(
    mut stream: TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    cookies: &SetCookies,
    body: &str,
) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    for line in cookies.lines() {
        out.push_str(&format!("Set-Cookie: {line}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(body);
    stream.write_all(out.as_bytes())
}

fn form_field(body: &str, name: &str) -> String {
    body.split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
        .map(percent_decode_form)
        .unwrap_or_default()
}

fn percent_decode_form(v: &str) -> String {
    let v = v.replace('+', " ");
    percent_encoding::percent_decode_str(&v)
        .decode_utf8_lossy()
        .into_owned()
}

fn main() -> std::io::Result<()> {
    let (keys, store) = shared::keyring();
    let protection = typed_cookies::CrossOriginProtection::new();
    let listener = TcpListener::bind(shared::address())?;
    println!(
        "typed-cookies demo on std: open http://localhost:{}/",
        listener.local_addr()?.port()
    );
    for stream in listener.incoming() {
        let stream = stream?;
        let Ok(req) = read_request(&stream) else {
            continue;
        };
        let cross_site = protection.check(
            &req.method,
            &req.path,
            req.host.as_deref(),
            req.fetch_site.as_deref(),
            req.origin.as_deref(),
        );
        if let Err(refused) = cross_site {
            let why = refused.to_string();
            if let Err(e) = respond(stream, "403 Forbidden", &[], &SetCookies::new(), &why) {
                eprintln!("connection: {e}");
            }
            continue;
        }
        let redirect = [("Location", "/")];
        let forbidden = |stream| respond(stream, "403 Forbidden", &[], &SetCookies::new(), "");
        let result = match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/") => {
                let (page, reissue) = page(&req, &keys);
                respond(
                    stream,
                    "200 OK",
                    &[("Content-Type", "text/html; charset=utf-8")],
                    &reissue,
                    &page.page(),
                )
            }
            ("GET", "/whoami") => {
                let (page, reissue) = page(&req, &keys);
                respond(
                    stream,
                    "200 OK",
                    &[("Content-Type", "application/json")],
                    &reissue,
                    &page.json(),
                )
            }
            ("POST", "/login") => match shared::login(&form_field(&req.body, "user"), &keys) {
                Ok(cookies) => respond(
                    stream,
                    "303 See Other",
                    &redirect,
                    &cookies.unwrap_or_default(),
                    "",
                ),
                Err(_) => respond(
                    stream,
                    "500 Internal Server Error",
                    &[],
                    &SetCookies::new(),
                    "cookie error",
                ),
            },
            ("POST", "/logout") => match checked(&req, &keys) {
                Some(_) => respond(stream, "303 See Other", &redirect, &shared::logout(), ""),
                None => forbidden(stream),
            },
            ("POST", "/logout-everywhere") => match checked(&req, &keys) {
                Some(session) => {
                    let cookies = shared::log_out_everywhere(&store, &session.value.user);
                    respond(stream, "303 See Other", &redirect, &cookies, "")
                }
                None => forbidden(stream),
            },
            _ => respond(
                stream,
                "404 Not Found",
                &[],
                &SetCookies::new(),
                "not found",
            ),
        };
        if let Err(e) = result {
            eprintln!("connection: {e}");
        }
    }
    Ok(())
}
