//! The derive and the runtime reach one verdict on every cookie rule: each case's keys go
//! through the derive's own parser and checks (`__private::rule_verdict!`, which reports the
//! rules the derive would refuse and the spec it would emit), and the spec goes through
//! `CookieSpec::validate`, which hand-built specs meet.
//!
//! Every `tests/ui` case is listed: as a rule case here, with the keys its file holds, or as a
//! mistake that is not a cookie rule. A new `tests/ui` file fails this test until it is placed.

use typed_cookies::__private::rule_verdict;
use typed_cookies::rules::Violation::{self, *};
use typed_cookies::{CookieSpec, Error};

struct Case {
    /// The `tests/ui` file that shows the derive's message for it, if any.
    ui: Option<&'static str>,
    /// The keys, as written in `#[cookie(...)]`.
    keys: &'static str,
    /// What the derive reports.
    derive: &'static [Violation],
    /// The spec the derive emits for these keys.
    spec: CookieSpec,
    /// The rules broken, in the rules' order.
    expected: &'static [Violation],
}

macro_rules! case {
    ($ui:expr, [$($keys:tt)*] => [$($expected:expr),*]) => {{
        let (derive, spec) = rule_verdict!($($keys)*);
        Case { ui: $ui, keys: stringify!($($keys)*), derive, spec, expected: &[$($expected),*] }
    }};
}

fn cases() -> Vec<Case> {
    vec![
        // The cases of tests/ui, key for key.
        case!(Some("domain_invalid_chars"), [name = "s", plain, domain = "exa_mple.com"] => [DomainNotHost]),
        case!(Some("domain_leading_dot"), [name = "s", plain, domain = ".example.com"] => [DomainLeadingDot]),
        case!(Some("duration_over_400_days"), [name = "s", plain, expires = "57w2d"] => [LifetimeTooLong]),
        case!(Some("duration_zero"), [name = "s", plain, expires = "0s"] => [LifetimeZero]),
        case!(Some("host_http_prefix_without_httponly"), [name = "__Host-Http-id", plain, httponly = false] => [HttpPrefixScriptable]),
        case!(Some("host_prefix_with_domain"), [name = "__Host-id", plain, domain = "example.com"] => [HostPrefixDomain]),
        case!(Some("host_prefix_with_path"), [name = "__Host-id", plain, path = "/app"] => [HostPrefixPath]),
        case!(Some("host_prefix_without_secure"), [name = "__Host-id", plain, secure = false] => [HostPrefixInsecure]),
        case!(Some("http_prefix_without_httponly"), [name = "__Http-id", plain, httponly = false] => [HttpPrefixScriptable]),
        case!(Some("max_lifetime_shorter_than_lifetime"), [name = "s", signed, expires = "2d", max_lifetime = "1d"] => [MaxLifetimeShorter]),
        case!(Some("name_empty"), [name = "", plain] => [NameEmpty]),
        case!(Some("name_not_token"), [name = "my session", plain] => [NameNotToken]),
        case!(Some("name_too_long"), [name = "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", plain] => [NameTooLong]),
        case!(Some("partitioned_without_secure"), [name = "s", plain, partitioned, secure = false] => [PartitionedInsecure]),
        case!(Some("path_with_control_char"), [name = "s", plain, path = "/app\r\nX: y"] => [PathBadChar]),
        case!(Some("path_with_semicolon"), [name = "s", plain, path = "/app;Domain=evil.example"] => [PathBadChar]),
        case!(Some("path_without_slash"), [name = "s", plain, path = "app"] => [PathNotAbsolute]),
        case!(Some("prefix_is_case_insensitive"), [name = "__hOsT-id", plain, domain = "example.com"] => [HostPrefixDomain]),
        case!(Some("refresh_not_shorter_than_lifetime"), [name = "s", sealed, expires = "1h", refresh = "2h"] => [RefreshNotShorter]),
        case!(Some("refresh_without_expires"), [name = "s", sealed, refresh = "15m"] => [RefreshNeedsExpires]),
        case!(Some("refresh_zero"), [name = "s", sealed, expires = "2h", refresh = "0m"] => [RefreshZero]),
        case!(Some("same_site_none_without_secure"), [name = "s", plain, same_site = "none", secure = false] => [SameSiteNoneInsecure]),
        case!(Some("secure_prefix_without_secure"), [name = "__Secure-id", plain, secure = false] => [SecurePrefixInsecure]),
        case!(Some("timeouts_on_plain"), [name = "s", plain, expires = "2h", refresh = "15m"] => [TimeoutsNeedProtection]),
        // Domains that are not host names, which a hand-built spec once got past.
        case!(None, [name = "s", plain, domain = "a..b"] => [DomainNotHost]),
        case!(None, [name = "s", plain, domain = "example.com."] => [DomainNotHost]),
        case!(None, [name = "s", plain, domain = "-x.com"] => [DomainNotHost]),
        case!(None, [name = "s", plain, domain = "x-.com"] => [DomainNotHost]),
        case!(None, [name = "s", plain, domain = "xn--.com"] => [DomainNotHost]),
        case!(None, [name = "s", plain, domain = ""] => [DomainNotHost]),
        case!(None, [name = "s", plain, domain = "ex ample.com"] => [DomainNotHost]),
        case!(None, [name = "s", plain, domain = "b\u{fc}cher.example"] => [DomainNotHost]),
        case!(None, [name = "s", plain, domain = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com"] => [DomainNotHost]),
        // More of every rule, and what each allows.
        case!(None, [name = "s", plain, domain = "xn--bcher-kva.example"] => []),
        case!(None, [name = "s", plain, domain = "a-b.c0.example"] => []),
        case!(None, [name = "__Host-s", sealed, expires = "2h", refresh = "15m", max_lifetime = "30d"] => []),
        case!(None, [name = "__Host-s", plain, path = "/"] => []),
        case!(None, [name = "__SECURE-s", plain, secure = false] => [SecurePrefixInsecure]),
        case!(None, [name = "__host-http-s", plain, httponly = false] => [HttpPrefixScriptable]),
        case!(None, [name = "__Host-s", plain, secure = false, domain = "x.com", path = "/a"] => [HostPrefixInsecure, HostPrefixDomain, HostPrefixPath]),
        case!(None, [name = "s", plain, same_site = "none", partitioned, secure = false] => [SameSiteNoneInsecure, PartitionedInsecure]),
        case!(None, [name = "s", plain, same_site = "none"] => []),
        case!(None, [name = "s", plain, expires = "400d"] => []),
        case!(None, [name = "s", plain, expires = "400d1s"] => [LifetimeTooLong]),
        case!(None, [name = "s", signed, expires = "1h", refresh = "401d"] => [RefreshTooLong, RefreshNotShorter]),
        case!(None, [name = "s", sealed, max_lifetime = "0s"] => [MaxLifetimeZero]),
        case!(None, [name = "s", sealed, max_lifetime = "3650d"] => []),
        case!(None, [name = "s", signed, expires = "1h", max_lifetime = "1h"] => []),
        case!(None, [name = "s", plain, max_lifetime = "1d"] => [TimeoutsNeedProtection]),
        case!(None, [name = "s", plain, path = "/caf\u{e9}"] => [PathBadChar]),
        case!(None, [name = "s", plain, path = "/\u{7f}"] => [PathBadChar]),
        case!(None, [name = "s", plain, path = ""] => [PathNotAbsolute]),
        case!(None, [name = "a=b", plain] => [NameNotToken]),
        case!(None, [name = "caf\u{e9}", plain] => [NameNotToken]),
        case!(None, [name = "!#$%&'*+-.^_`|~", plain] => []),
    ]
}

/// `tests/ui` cases that are not cookie rules: grammar, types, migrations, formats.
const NOT_RULE_CASES: &[&str] = &[
    "default_name_not_token",
    "duplicate_key",
    "duration_bad_unit",
    "duration_without_unit",
    "error_keeps_the_api",
    "format_rails_signed",
    "format_sealed",
    "format_takes_its_own_secret",
    "format_unknown",
    "format_with_previous",
    "generic",
    "hand_written_spec_that_breaks_a_rule",
    "mode_missing",
    "mode_missing_on_a_session",
    "name_not_string",
    "no_deserialize",
    "no_serde",
    "plain_has_no_verified_read",
    "plain_is_not_protected",
    "plain_marked_protected_by_hand",
    "plain_takes_no_keyring",
    "previous_cycle",
    "previous_on_plain",
    "previous_other_mode",
    "previous_other_name",
    "previous_without_from",
    "salt_without_django_signed",
    "same_site_bad_value",
    "schema_adjacently_tagged",
    "schema_flatten",
    "schema_from_without_into",
    "schema_internally_tagged",
    "schema_nested_without_schema",
    "schema_recursive",
    "schema_serde_json_value",
    "schema_serialize_with_one_side",
    "schema_skip_one_side",
    "schema_skip_serializing_if",
    "schema_skipped_variant",
    "schema_untagged",
    "schema_untagged_variant",
    "sealed_requires_keyring",
    "secure_not_bool",
    "signed_and_sealed",
    "signed_with_value",
    "subject_not_a_field",
    "subject_on_plain",
    "three_mistakes",
    "union",
    "unknown_key",
    "unknown_key_did_you_mean",
    "write_previous_without_conversion",
    "write_previous_without_previous",
];

#[test]
fn the_derive_and_the_runtime_reach_one_verdict() {
    for case in cases() {
        let keys = case.keys;
        assert_eq!(case.derive, case.expected, "the derive on `{keys}`");
        let runtime = case.spec.validate();
        let expected = match case.expected.first() {
            Some(&first) => Err(Error::BrokenRule(first)),
            None => Ok(()),
        };
        assert_eq!(runtime, expected, "CookieSpec::validate on `{keys}`");
    }
}

#[test]
fn every_ui_case_is_placed_and_holds_its_keys() {
    let cases = cases();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ui");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".rs").map(str::to_owned))
        .collect();
    files.sort();
    for file in &files {
        let case = cases.iter().find(|c| c.ui == Some(file.as_str()));
        match case {
            Some(case) => {
                let text = std::fs::read_to_string(format!("{dir}/{file}.rs")).unwrap();
                assert!(
                    squeeze(&text).contains(&squeeze(&format!("#[cookie({})]", case.keys))),
                    "tests/ui/{file}.rs does not hold `#[cookie({})]`",
                    case.keys
                );
            }
            None => assert!(
                NOT_RULE_CASES.contains(&file.as_str()),
                "tests/ui/{file}.rs is neither a rule case here nor listed as another mistake"
            ),
        }
    }
    for case in cases.iter().filter_map(|c| c.ui) {
        assert!(files.iter().any(|f| f == case), "no tests/ui/{case}.rs");
    }
}

/// `text` with every run of white space made one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
