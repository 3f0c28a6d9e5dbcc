//! The payload of itsdangerous and Django: base64url JSON, zlib-compressed when that is
//! shorter.

use crate::error::Error;

/// The payload of itsdangerous and Django: base64url of the JSON, or, when zlib makes it shorter,
/// a dot and base64url of the compressed JSON.
pub(super) fn dotted_payload(json: &[u8]) -> String {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut out = String::with_capacity(json.len() * 4 / 3 + 64);
    match maybe_compress(json) {
        Some(z) => {
            out.push('.');
            URL_SAFE_NO_PAD.encode_string(z, &mut out);
        }
        None => URL_SAFE_NO_PAD.encode_string(json, &mut out),
    }
    out
}

/// The JSON of a [`dotted_payload`], decompressed when it starts with a dot.
pub(super) fn undotted_payload(payload: &[u8]) -> Result<Vec<u8>, Error> {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    match payload.strip_prefix(b".") {
        Some(z) => decompress(&URL_SAFE_NO_PAD.decode(z).map_err(|_| Error::Malformed)?),
        None => URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| Error::Malformed),
    }
}

/// `zlib` compression, used only when it makes the value shorter by more than one byte, as
/// itsdangerous and Django do.
fn maybe_compress(json: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write as _;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(json).ok()?;
    let compressed = z.finish().ok()?;
    (compressed.len() + 1 < json.len()).then_some(compressed)
}

/// Inflates at most [`MAX_INFLATED`] bytes: a small cookie must not become a large allocation.
fn decompress(data: &[u8]) -> Result<Vec<u8>, Error> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(MAX_INFLATED as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| Error::Malformed)?;
    if out.len() > MAX_INFLATED {
        return Err(Error::Malformed);
    }
    Ok(out)
}

/// The largest decompressed payload a read accepts.
const MAX_INFLATED: usize = 64 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    /// A zlib stream of `len` zero bytes: a few hundred bytes that inflate to `len`.
    fn zeros(len: usize) -> Vec<u8> {
        use std::io::Write as _;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0; len]).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn inflation_stops_at_the_limit() {
        let at_limit = zeros(MAX_INFLATED);
        assert!(at_limit.len() < 1024);
        assert_eq!(decompress(&at_limit).map(|v| v.len()), Ok(MAX_INFLATED));
        assert_eq!(decompress(&zeros(MAX_INFLATED + 1)), Err(Error::Malformed));
        assert_eq!(decompress(&zeros(64 * MAX_INFLATED)), Err(Error::Malformed));
        assert_eq!(decompress(b"not zlib"), Err(Error::Malformed));
    }
}
