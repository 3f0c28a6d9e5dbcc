use serde::{Deserialize, Serialize};
use typed_cookies::Schema;

#[derive(Schema, Serialize, Deserialize)]
enum Id {
    Number(u64),
    #[serde(untagged)]
    Name(String),
}

fn main() {}
