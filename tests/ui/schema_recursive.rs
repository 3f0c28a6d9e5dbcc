use serde::{Deserialize, Serialize};
use typed_cookies::Schema;

#[derive(Schema, Serialize, Deserialize)]
struct Node {
    children: Vec<Node>,
}

const _: u64 = <Node as Schema>::FINGERPRINT;

fn main() {}
