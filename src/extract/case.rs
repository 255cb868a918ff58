//! Lower-casing a text as [`str::to_lowercase`] does, at the speed of ASCII.
//!
//! The figure rules read each sentence in lower case, and the election-year rule the
//! whole article. The standard function decodes and maps every character once the text
//! holds one non-ASCII character (a curly quote is enough), which made lower-casing a
//! tenth of the figure stage. Here the ASCII between such characters is lowered a byte
//! at a time and only the others are mapped.

/// `text.to_lowercase()`, byte for byte.
pub fn to_lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        out.push_str(&rest[..ascii].to_ascii_lowercase());
        let Some(c) = rest[ascii..].chars().next() else { return out };
        // A capital sigma lowers to one of two letters by what stands around it: the only
        // mapping that needs context, so it is left to the standard function.
        if c == 'Σ' {
            return text.to_lowercase();
        }
        out.extend(c.to_lowercase());
        rest = &rest[ascii + c.len_utf8()..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_every_character_as_the_standard_function_does() {
        let all: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        assert_eq!(to_lowercase(&all), all.to_lowercase());
        for text in ["", "ABC", "“Labour WON”", "İstanbul", "ΟΔΟΣ ΟΔΟΣ.", "Σ", "aΣ b", "ǅ ẞ Ω K Å", "ÀÉÎ õ – £5 "] {
            assert_eq!(to_lowercase(text), text.to_lowercase(), "{text}");
        }
    }
}
