//! The demo's routes with nothing but the standard library's `TcpListener`: typed cookies need
//! no framework. One request per connection, for demonstration only.
//! `cargo run --example plain_std`, then open the printed URL.

mod shared;

use std::io::{BufRead, BufReader, Read as _, Write};
use std::net::{TcpListener, TcpStream};

use typed_cookies::SetCookies;

/// The parts of a request the demo needs.
struct Request {
    method: String,
    path: String,
    cookie_headers: Vec<String>,
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
    let mut length = 0usize;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "cookie" => cookie_headers.push(value.trim().to_owned()),
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

fn form_user(body: &str) -> String {
    body.split('&')
        .find_map(|kv| kv.strip_prefix("user="))
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
    let keys = shared::keyring();
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
        let read = || shared::Read::from(&req.cookie_headers, &keys);
        let redirect = [("Location", "/")];
        let result = match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/") => respond(
                stream,
                "200 OK",
                &[("Content-Type", "text/html; charset=utf-8")],
                &SetCookies::new(),
                &read().page(),
            ),
            ("GET", "/whoami") => respond(
                stream,
                "200 OK",
                &[("Content-Type", "application/json")],
                &SetCookies::new(),
                &read().json(),
            ),
            ("POST", "/login") => match shared::login(&form_user(&req.body), &keys) {
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
            ("POST", "/logout") => {
                respond(stream, "303 See Other", &redirect, &shared::logout(), "")
            }
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
