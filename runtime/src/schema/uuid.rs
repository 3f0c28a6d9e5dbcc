//! [`Schema`] for `uuid` 1 (feature `uuid`).

use super::{Schema, fingerprint};

impl Schema for uuid::Uuid {
    const FINGERPRINT: u64 = fingerprint("uuid", &[]);
}
