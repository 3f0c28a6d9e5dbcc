use serde::{Deserialize, Serialize};
use typed_cookies::Schema;

#[derive(Schema, Serialize, Deserialize, Clone)]
#[serde(from = "u64")]
struct UserId(u64);

impl From<u64> for UserId {
    fn from(v: u64) -> Self {
        UserId(v)
    }
}

fn main() {}
