//! actix-web's requests and header maps as `Cookie` headers.

use actix_web::HttpRequest;
use actix_web::http::header::{self, HeaderValue};

use crate::CookieHeaders;

impl CookieHeaders for actix_web::http::header::HeaderMap {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        self.get_all(header::COOKIE).map(HeaderValue::as_bytes)
    }
}

impl CookieHeaders for HttpRequest {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        self.headers().cookie_headers()
    }
}
