//! The README's first command works on a fresh machine: the demo starts without
//! `TYPED_COOKIES_SECRET`, on its embedded key, says so, and serves its login page.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn the_demo_starts_on_its_embedded_key_and_serves_the_login_page() {
    let port = common::net::free_port();
    let mut demo = Command::new(common::examples::example_binary("demo"))
        .env_remove("TYPED_COOKIES_SECRET")
        .env("PORT", port.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(demo.stdout.take().unwrap()).lines();
    let said: Vec<String> = (&mut lines).take(2).map_while(Result::ok).collect();
    let outcome = std::panic::catch_unwind(|| {
        assert!(
            said.iter()
                .any(|l| l.contains("embedded key, which is public")),
            "{said:?}"
        );
        assert!(said.iter().any(|l| l.contains("open http://")), "{said:?}");
        common::net::wait_for_port(port, "the demo", Duration::from_secs(20));
        let mut conn = TcpStream::connect(("127.0.0.1", port)).unwrap();
        conn.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut page = String::new();
        conn.read_to_string(&mut page).unwrap();
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        assert!(page.contains("Log in"), "{page}");
    });
    let _ = demo.kill();
    let mut errors = String::new();
    if let Some(mut e) = demo.stderr.take() {
        let _ = e.read_to_string(&mut errors);
    }
    let _ = demo.wait();
    if let Err(panic) = outcome {
        eprintln!("the demo's standard error: {errors}");
        std::panic::resume_unwind(panic);
    }
}
