//! What a master secret must be: long enough, and not evidently chosen by a person.

/// The shortest master secret a [`Keyring`](super::Keyring) accepts, in bytes.
pub const MIN_SECRET_LEN: usize = 32;

/// The longest pattern whose repetition marks a secret as not random.
const MAX_PERIOD: usize = 16;

/// The fewest distinct byte values a secret of [`MIN_SECRET_LEN`] or more bytes has.
const MIN_DISTINCT: usize = 8;

/// Why `secret` is evidently not random bytes, if it is: one byte repeated, a short pattern
/// repeated, a count in constant steps (`0, 1, 2, …`), a handful of byte values, or printable
/// text (a passphrase, or base64 or hex that
/// was meant to be decoded).
///
/// Random secrets of 32 bytes or more are refused with a probability below 10^-13 (printable
/// text: (98/256)^32 ≈ 5·10^-14; the others far less), so a generated secret is never refused
/// in practice.
pub(super) fn weakness(secret: &[u8]) -> Option<&'static str> {
    let first = *secret.first()?;
    if secret.iter().all(|&b| b == first) {
        return Some("repeats one byte");
    }
    if (1..=MAX_PERIOD.min(secret.len() / 2))
        .any(|p| secret.iter().zip(&secret[p..]).all(|(a, b)| a == b))
    {
        return Some("repeats a short pattern");
    }
    let step = secret.get(1).map(|b| b.wrapping_sub(first));
    if secret
        .windows(2)
        .all(|w| Some(w[1].wrapping_sub(w[0])) == step)
    {
        return Some("counts in constant steps");
    }
    let mut seen = [false; 256];
    for &b in secret {
        seen[usize::from(b)] = true;
    }
    if seen.iter().filter(|&&s| s).count() < MIN_DISTINCT {
        return Some("uses only a few byte values");
    }
    if secret
        .iter()
        .all(|b| b.is_ascii_graphic() || matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return Some("is printable text (a passphrase, or base64 or hex not yet decoded)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidently_chosen_secrets_are_weak() {
        assert_eq!(weakness(&[0; 32]), Some("repeats one byte"));
        assert_eq!(
            weakness(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
            Some("repeats one byte")
        );
        let pattern: Vec<u8> = (0..64).map(|i| [0x13, 0xf7, 0x80][i % 3]).collect();
        assert_eq!(weakness(&pattern), Some("repeats a short pattern"));
        let few: Vec<u8> = (0u32..40)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8 % 5 * 50)
            .collect();
        assert_eq!(weakness(&few), Some("uses only a few byte values"));
        for text in [
            &b"correct horse battery staple 1234"[..],
            b"CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYY=",
            b"0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978",
        ] {
            assert!(weakness(text).is_some_and(|w| w.starts_with("is printable")));
        }
    }

    #[test]
    fn counting_secrets_are_weak() {
        let up: Vec<u8> = (0u8..32).collect();
        assert_eq!(weakness(&up), Some("counts in constant steps"));
        let down: Vec<u8> = (0u8..40).map(|i| 200u8.wrapping_sub(i * 3)).collect();
        assert_eq!(weakness(&down), Some("counts in constant steps"));
    }

    #[test]
    fn random_secrets_pass() {
        for _ in 0..10_000 {
            let mut s = [0u8; 32];
            getrandom::fill(&mut s).unwrap();
            assert_eq!(weakness(&s), None, "{s:?}");
        }
    }
}
