//! Rails' encrypted and signed cookies, against Rails' own cookie jar (Debian's Rails 6.1
//! libraries, with the SHA-256 key derivation of Rails 7 and with the SHA-1 one of 6.1): both
//! directions, and the attacks: tampered, another secret, another cookie's purpose, expired.

mod common;

use common::pair;
use common::ruby::{ruby, run};
use serde::{Deserialize, Serialize};
use typed_cookies::interop::rails::RailsSecret;
use typed_cookies::{Cookie, Error};

const SECRET: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "user", format = "rails", secure = false, expires = "1h")]
struct RailsUser {
    id: u64,
    name: String,
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "prefs", format = "rails-signed", secure = false)]
struct RailsPrefs(String);

/// A Rails cookie jar over a request; DIGEST picks the key derivation.
const RAILS: &str = r#"
require "json"
require "active_support"
require "active_support/key_generator"
require "active_support/message_encryptor"
require "active_support/messages/rotation_configuration"
require "active_support/core_ext/numeric/time"
require "action_dispatch"
require "action_dispatch/middleware/cookies"
# Rails 7's key generator: PBKDF2 with the digest it is given (Rails 6.1's always uses SHA-1).
class KeyGenerator7
  def initialize(secret, digest)
    @secret, @digest = secret, digest
  end

  def generate_key(salt, key_size = 64)
    OpenSSL::PKCS5.pbkdf2_hmac(@secret, salt, 1000, key_size, @digest.new)
  end
end
kg = if ENV["DIGEST"] == "SHA1"
  ActiveSupport::KeyGenerator.new(ENV["KEY"], iterations: 1000)
else
  KeyGenerator7.new(ENV["KEY"], OpenSSL::Digest::SHA256)
end
env = {
  "action_dispatch.key_generator" => ActiveSupport::CachingKeyGenerator.new(kg),
  "action_dispatch.authenticated_encrypted_cookie_salt" => "authenticated encrypted cookie",
  "action_dispatch.encrypted_cookie_cipher" => "aes-256-gcm",
  "action_dispatch.use_authenticated_cookie_encryption" => true,
  "action_dispatch.use_cookies_with_metadata" => true,
  "action_dispatch.cookies_serializer" => :json,
  "action_dispatch.signed_cookie_salt" => "signed cookie",
  "action_dispatch.signed_cookie_digest" => "SHA1",
  "action_dispatch.cookies_rotations" => ActiveSupport::Messages::RotationConfiguration.new,
  "action_dispatch.secret_key_base" => ENV["KEY"],
  "HTTP_COOKIE" => ENV.fetch("COOKIE", ""),
}
jar = ActionDispatch::Request.new(env).cookie_jar
"#;

fn rails_writes(digest: &str) -> (String, String) {
    let script = format!(
        "{RAILS}
jar.encrypted[:user] = {{ value: {{ 'id' => 42, 'name' => 'Zoë', 'csrf' => 'tok' }}, expires: 1.hour }}
jar.signed[:prefs] = 'dark'
h = {{}}
jar.write(h)
puts h['Set-Cookie']"
    );
    let out = run(&script, &[("KEY", SECRET), ("DIGEST", digest)]);
    let mut lines = out.lines();
    let user = lines.next().unwrap().split(';').next().unwrap().to_owned();
    let prefs = lines.next().unwrap().split(';').next().unwrap().to_owned();
    (user, prefs)
}

fn rails_reads(digest: &str, cookie: &str) -> serde_json::Value {
    let script = format!(
        "{RAILS}
puts JSON.dump({{ 'user' => jar.encrypted[:user], 'prefs' => jar.signed[:prefs] }})"
    );
    serde_json::from_str(&run(
        &script,
        &[("KEY", SECRET), ("DIGEST", digest), ("COOKIE", cookie)],
    ))
    .unwrap()
}

#[test]
fn rails_writes_rust_reads_and_the_reverse_with_both_key_derivations() {
    if !ruby("rails_both_ways") {
        return;
    }
    for (digest, secret) in [
        ("SHA256", RailsSecret::new(SECRET)),
        ("SHA1", RailsSecret::sha1_key_derivation(SECRET)),
    ] {
        let (user, prefs) = rails_writes(digest);
        let header = format!("{user}; {prefs}");
        let mut read = RailsUser::from_header(header.as_str(), &secret)
            .unwrap()
            .unwrap();
        assert_eq!((read.id, read.name.as_str()), (42, "Zoë"), "{digest}");
        assert_eq!(read.rest["csrf"], "tok");
        assert_eq!(
            RailsPrefs::from_header(header.as_str(), &secret).unwrap(),
            Some(RailsPrefs("dark".into()))
        );

        read.id = 43;
        let user = read.to_set_cookie(&secret).unwrap();
        let prefs = RailsPrefs("light".into()).to_set_cookie(&secret).unwrap();
        let cookie = format!("{}; {}", pair(&user), pair(&prefs));
        let back = rails_reads(digest, &cookie);
        assert_eq!(back["user"]["id"], 43, "{digest}: {back}");
        assert_eq!(back["user"]["name"], "Zoë");
        assert_eq!(back["user"]["csrf"], "tok", "nothing lost");
        assert_eq!(back["prefs"], "light");
    }
}

#[test]
fn tampered_foreign_moved_and_expired_values_fail() {
    if !ruby("rails_attacks") {
        return;
    }
    let secret = RailsSecret::new(SECRET);
    let (user, prefs) = rails_writes("SHA256");
    // Another secret, or the other key derivation.
    for other in [
        RailsSecret::new("another secret_key_base"),
        RailsSecret::sha1_key_derivation(SECRET),
    ] {
        assert_eq!(
            RailsUser::from_header(user.as_str(), &other),
            Err(Error::Invalid)
        );
        assert_eq!(
            RailsPrefs::from_header(prefs.as_str(), &other),
            Err(Error::Invalid)
        );
    }
    // Tampered: one character of the ciphertext, and of the signed data. The value is
    // percent-encoded, so the character changed is a base64 digit at or after `from` that is not
    // part of a `%XX` escape: changing an escape would make it malformed, not forged.
    let flip = |pair: &str, from: usize| {
        let mut b = pair.as_bytes().to_vec();
        let at = (from..b.len())
            .find(|&i| b[i].is_ascii_alphanumeric() && !b[i - 2..i].contains(&b'%'))
            .unwrap();
        b[at] = if b[at] == b'A' { b'B' } else { b'A' };
        String::from_utf8(b).unwrap()
    };
    assert_eq!(
        RailsUser::from_header(flip(&user, 8).as_str(), &secret),
        Err(Error::Invalid)
    );
    assert_eq!(
        RailsPrefs::from_header(flip(&prefs, 8).as_str(), &secret),
        Err(Error::Invalid)
    );
    // Another cookie's purpose: the value of `prefs` offered as another signed cookie.
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "theme", format = "rails-signed", secure = false)]
    struct Theme(String);
    let moved = prefs.replacen("prefs=", "theme=", 1);
    assert_eq!(
        Theme::from_header(moved.as_str(), &secret),
        Err(Error::Invalid)
    );
    // Expired: Rails wrote `exp` an hour ahead.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let read_at = |at| typed_cookies::interop::read_at::<RailsUser, _>(user.as_str(), &secret, at);
    assert!(read_at(now + 3500).unwrap().is_some());
    assert_eq!(read_at(now + 3700), Err(Error::Expired));
    // Rails refuses what Rust wrote under another secret.
    let line = RailsPrefs("x".into())
        .to_set_cookie(&RailsSecret::new("another secret_key_base"))
        .unwrap();
    assert_eq!(
        rails_reads("SHA256", pair(&line))["prefs"],
        serde_json::Value::Null
    );
}

/// The cookie-store session: what Rails' `CookieStore` middleware writes, Rust reads, and a
/// session Rust writes, the middleware loads.
#[test]
fn the_cookie_store_session_both_ways() {
    if !ruby("rails_cookie_store") {
        return;
    }
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "_app_session", format = "rails", secure = false)]
    struct RailsSession {
        session_id: String,
        user_id: u64,
        #[serde(flatten)]
        rest: serde_json::Map<String, serde_json::Value>,
    }
    let script = r#"
require "json"
require "active_support"
require "active_support/key_generator"
require "active_support/messages/rotation_configuration"
require "action_dispatch"
require "action_dispatch/middleware/cookies"
require "action_dispatch/middleware/session/cookie_store"
require "rack/mock"
kg = ActiveSupport::KeyGenerator.new(ENV["KEY"], iterations: 1000)
seen = nil
app = lambda do |env|
  seen = env["rack.session"]["user_id"]
  env["rack.session"]["user_id"] ||= 42
  env["rack.session"]["_csrf_token"] ||= "tok"
  [200, {}, ["ok"]]
end
store = ActionDispatch::Session::CookieStore.new(app, key: "_app_session")
env = Rack::MockRequest.env_for("/", {
  "action_dispatch.key_generator" => ActiveSupport::CachingKeyGenerator.new(kg),
  "action_dispatch.authenticated_encrypted_cookie_salt" => "authenticated encrypted cookie",
  "action_dispatch.encrypted_cookie_cipher" => "aes-256-gcm",
  "action_dispatch.use_authenticated_cookie_encryption" => true,
  "action_dispatch.use_cookies_with_metadata" => true,
  "action_dispatch.cookies_serializer" => :json,
  "action_dispatch.cookies_rotations" => ActiveSupport::Messages::RotationConfiguration.new,
  "action_dispatch.secret_key_base" => ENV["KEY"],
  "HTTP_COOKIE" => ENV.fetch("COOKIE", ""),
})
store.call(env)
h = {}
ActionDispatch::Request.new(env).cookie_jar.write(h)
puts JSON.dump({ "seen" => seen, "set" => (h["Set-Cookie"] || "").split(";").first })
"#;
    let secret = RailsSecret::sha1_key_derivation(SECRET);
    let first: serde_json::Value = serde_json::from_str(&run(script, &[("KEY", SECRET)])).unwrap();
    let set = first["set"].as_str().unwrap();
    let mut session = RailsSession::from_header(set, &secret).unwrap().unwrap();
    assert_eq!(session.user_id, 42);
    assert_eq!(session.rest["_csrf_token"], "tok");
    assert!(!session.session_id.is_empty());

    session.user_id = 7;
    let line = session.to_set_cookie(&secret).unwrap();
    let second: serde_json::Value =
        serde_json::from_str(&run(script, &[("KEY", SECRET), ("COOKIE", pair(&line))])).unwrap();
    assert_eq!(
        second["seen"], 7,
        "Rails' session store loads what Rust wrote"
    );
}
