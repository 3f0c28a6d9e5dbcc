//! [`Schema`] for `time` 0.3 (feature `time`).

leaf! {
    time_crate::OffsetDateTime => "time OffsetDateTime",
    time_crate::PrimitiveDateTime => "time PrimitiveDateTime",
    time_crate::UtcDateTime => "time UtcDateTime",
    time_crate::Date => "time Date",
    time_crate::Time => "time Time",
    time_crate::Duration => "time Duration",
    time_crate::UtcOffset => "time UtcOffset",
    time_crate::Month => "time Month",
    time_crate::Weekday => "time Weekday",
}
