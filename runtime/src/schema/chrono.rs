//! [`Schema`] for `chrono` 0.4 (feature `chrono`).

use super::{Schema, fingerprint};

/// Every time zone's `DateTime` is written as the same RFC 3339 text.
impl<Tz: chrono::TimeZone> Schema for chrono::DateTime<Tz> {
    const FINGERPRINT: u64 = fingerprint("chrono DateTime", &[]);
}

leaf! {
    chrono::NaiveDateTime => "chrono NaiveDateTime",
    chrono::NaiveDate => "chrono NaiveDate",
    chrono::NaiveTime => "chrono NaiveTime",
    chrono::Weekday => "chrono Weekday",
    chrono::Month => "chrono Month",
}
