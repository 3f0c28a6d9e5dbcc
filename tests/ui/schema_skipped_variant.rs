use serde::{Deserialize, Serialize};
use typed_cookies::Schema;

#[derive(Schema, Serialize, Deserialize)]
enum Role {
    User,
    #[serde(skip)]
    Internal,
}

fn main() {}
