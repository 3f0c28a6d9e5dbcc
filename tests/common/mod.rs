#![allow(dead_code)]

pub mod examples;
pub mod net;
pub mod python;
pub mod recorder;
pub mod ruby;
pub mod script;
pub mod skip;
pub mod workload;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The `name=value` pair at the start of a `Set-Cookie` line: what a browser sends back.
pub fn pair(line: &str) -> &str {
    line.split(';').next().unwrap_or_default()
}

/// The value part of a `Set-Cookie` line.
pub fn value(line: &str) -> &str {
    pair(line).split_once('=').map_or("", |(_, v)| v)
}

pub fn decode(v: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(v).expect("valid base64url")
}

pub fn encode(raw: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(raw)
}
