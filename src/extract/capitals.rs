//! The next capital letter, found eight bytes at a time.
//!
//! Names and party forms begin with a capital, and both scans used to test every byte of
//! every article for one. News text has a capital every twenty or thirty bytes, so most
//! eight-byte words hold none, and two additions and a few masks tell which do.

/// The first byte at or after `from` that is an ASCII capital or not ASCII at all (the
/// caller decodes those). `from` is a character boundary, so such a stop at a non-ASCII
/// byte is the first byte of a character.
pub fn next_capital_or_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = ONES * 0x80;
    let mut at = from;
    while at + 8 <= bytes.len() {
        let x = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        // For an ASCII byte b, b + 0x3F has its high bit set when b >= 'A', and b + 0x25
        // when b > 'Z'; no such sum carries into the next byte. A non-ASCII byte may carry,
        // but only into bytes after it, and the lowest flagged byte is the one returned.
        let capital = (x.wrapping_add(ONES * 0x3F) & !x.wrapping_add(ONES * 0x25)) & !x & HIGH;
        let stop = capital | (x & HIGH);
        if stop != 0 {
            return Some(at + (stop.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at.min(bytes.len())..].iter().position(|&b| b.is_ascii_uppercase() || !b.is_ascii()).map(|k| at + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(bytes: &[u8], from: usize) -> Option<usize> {
        bytes[from..].iter().position(|&b| b.is_ascii_uppercase() || !b.is_ascii()).map(|k| from + k)
    }

    #[test]
    fn stops_where_a_byte_by_byte_scan_stops() {
        const PIECES: &[&str] = &["a", "z", "@", "A", "Z", "[", "`", "{", " ", "É", "é", "’", "\u{7f}", "ÿ", "1"];
        for text in crate::generated::texts(PIECES, 20_000, 40) {
            let bytes = text.as_bytes();
            for from in (0..=bytes.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(next_capital_or_non_ascii(bytes, from), plain(bytes, from), "{text:?} from {from}");
            }
        }
    }

    #[test]
    fn every_byte_value_in_every_lane() {
        for b in 0..=255u8 {
            for lane in 0..9 {
                let mut bytes = vec![b'a'; 17];
                bytes[lane] = b;
                assert_eq!(next_capital_or_non_ascii(&bytes, 0), plain(&bytes, 0), "byte {b:#x} at {lane}");
            }
        }
    }
}
