//! Compact JSON in ASCII, the way Python's `json.dumps` writes it by default
//! (`ensure_ascii=True`): every non-ASCII character as a `\uXXXX` escape. Django reads a
//! session as Latin-1, so raw UTF-8 would reach it garbled.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

struct Ascii;

impl Formatter for Ascii {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if c.is_ascii() {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        CompactFormatter.begin_array(writer)
    }
}

/// `value` as compact, ASCII-only JSON.
pub(super) fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(128);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, Ascii))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn non_ascii_is_escaped_like_python() {
        let v = serde_json::json!({"k": "é😀\"x"});
        assert_eq!(
            String::from_utf8(super::to_vec(&v).unwrap()).unwrap(),
            r#"{"k":"\u00e9\ud83d\ude00\"x"}"#
        );
    }
}
