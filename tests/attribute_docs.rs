//! The attribute's documentation cannot go stale: the table of keys in the README ("The
//! attribute") and the one in the derive's rustdoc (`runtime/src/lib.rs`) each list every key
//! the derive accepts, in the order of the rules crate's list, and no other.

use typed_cookies::rules::ATTRIBUTE_KEYS;

/// The keys named at the start of each row of the first table after `heading` in `text`
/// (`prefix` is what each line of the text starts with: `"/// "` in rustdoc).
fn keys_of_table(text: &str, heading: &str, prefix: &str) -> Vec<String> {
    let after = &text[text
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?}"))..];
    let mut keys = Vec::new();
    let mut in_table = false;
    for line in after.lines() {
        let line = line
            .trim_start()
            .strip_prefix(prefix.trim_end())
            .unwrap_or(line)
            .trim();
        if line.starts_with('|') {
            in_table = true;
            let first = line
                .trim_start_matches('|')
                .split(" | ")
                .next()
                .unwrap_or("");
            for chunk in first.split('`').skip(1).step_by(2) {
                let key: String = chunk
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if ATTRIBUTE_KEYS.contains(&key.as_str()) && keys.last() != Some(&key) {
                    keys.push(key);
                }
            }
        } else if in_table {
            break;
        }
    }
    keys
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn the_readme_lists_every_key_in_order() {
    let keys = keys_of_table(&read("README.md"), "## The attribute", "");
    assert_eq!(keys, ATTRIBUTE_KEYS);
}

#[test]
fn the_derive_documentation_lists_every_key_in_order() {
    let keys = keys_of_table(
        &read("runtime/src/lib.rs"),
        "/// Declares a cookie as a type.",
        "/// ",
    );
    assert_eq!(keys, ATTRIBUTE_KEYS);
}

#[test]
fn the_reader_sees_a_missing_key() {
    let table = "## The attribute\n\n| key | meaning |\n|---|---|\n| `name = \"x\"` | n |\n| `plain` / `signed` | p |\n\nafter";
    assert_eq!(
        keys_of_table(table, "## The attribute", ""),
        ["name", "plain", "signed"]
    );
}
