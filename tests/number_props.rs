//! Properties of the number reader (`extract::numbers`) over generated input: written
//! numbers read back as the value they write, and no string of any bytes makes it panic
//! or report a span outside its text.

use newsfacts::extract::numbers::{find_numbers, parse_number, NumberUnit};
use proptest::prelude::*;

/// `n` with thousands separators: 1234567 -> "1,234,567".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Text made of the pieces numbers are written with, to reach the reader's corners more
/// often than random characters would.
fn numberish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[0-9]{1,7}",
        Just(",".to_string()),
        Just(".".to_string()),
        Just("%".to_string()),
        Just(" ".to_string()),
        Just("\u{a0}".to_string()),
        Just("-".to_string()),
        Just("£".to_string()),
        Just("$".to_string()),
        Just("per cent".to_string()),
        Just("percentage points".to_string()),
        Just("million".to_string()),
        Just("thousand".to_string()),
        Just("half a".to_string()),
        Just("twenty-".to_string()),
        Just("six".to_string()),
        Just("more than".to_string()),
        Just("almost".to_string()),
        Just("aged".to_string()),
        Just("year-old".to_string()),
        Just("December".to_string()),
        Just("10.30pm".to_string()),
        Just("’".to_string()),
        Just("é".to_string()),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// Every number lies inside `text`, on character boundaries, in order and apart, with
/// its hedge before it.
fn assert_well_formed(text: &str) {
    let found = find_numbers(text);
    let mut last_end = 0;
    for n in &found {
        assert!(n.start < n.end && n.end <= text.len(), "{n:?} in {text:?}");
        assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end), "{n:?} in {text:?}");
        assert!(n.start >= last_end, "overlapping or unsorted: {found:?} in {text:?}");
        last_end = n.end;
        if let Some((hs, he)) = n.hedge {
            assert!(hs < he && he <= n.start && text.is_char_boundary(hs) && text.is_char_boundary(he), "{n:?}");
            assert!(n.approx, "a hedge makes the number approximate: {n:?}");
        }
        assert!(n.value.is_finite(), "{n:?} in {text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn grouped_integers_read_back(n in 0u64..1_000_000_000_000) {
        let written = grouped(n);
        prop_assert_eq!(parse_number(&written), Some(n as f64), "{}", written);
        let found = find_numbers(&format!("Labour won {written} votes."));
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].value, n as f64);
        // (Grouped, "2,016" is a count; only a bare "2016" would be a year.)
        prop_assert_eq!(found[0].unit, NumberUnit::Count);
    }

    #[test]
    fn percentages_read_as_their_value(whole in 0u32..100, tenths in 0u32..10, form in 0usize..4) {
        let number = format!("{whole}.{tenths}");
        let written = match form {
            0 => format!("{number}%"),
            1 => format!("{number} per cent"),
            2 => format!("{number} percent"),
            _ => format!("{number}pc"),
        };
        let value = parse_number(&written);
        let expected: f64 = number.parse().unwrap();
        prop_assert_eq!(value, Some(expected), "{}", written);
        let sentence = format!("Turnout was {written} on the day.");
        let found = find_numbers(&sentence);
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].unit, NumberUnit::Percent);
        prop_assert_eq!(&sentence[found[0].start..found[0].end], written.as_str());
    }

    #[test]
    fn hedged_numbers_are_approximate_and_keep_their_digits(n in 1u64..10_000_000, hedge in prop::sample::select(vec!["almost", "nearly", "more than", "about", "fewer than"])) {
        let digits = grouped(n);
        let text = format!("It had {hedge} {digits} votes.");
        let found = find_numbers(&text);
        prop_assert_eq!(found.len(), 1);
        prop_assert!(found[0].approx);
        prop_assert_eq!(&text[found[0].start..found[0].end], digits.as_str(), "the hedge is not in the span");
        let (hs, he) = found[0].hedge.unwrap();
        prop_assert_eq!(&text[hs..he], hedge);
    }

    #[test]
    fn no_string_makes_the_reader_panic(text in "\\PC{0,200}") {
        assert_well_formed(&text);
    }

    #[test]
    fn number_like_text_gives_well_formed_spans(text in numberish()) {
        assert_well_formed(&text);
    }

    #[test]
    fn spans_move_with_the_text(text in numberish(), pad in 1usize..5) {
        let padded = format!("{}{text}", " ".repeat(pad));
        let before: Vec<(usize, usize, u64)> = find_numbers(&text).iter().map(|n| (n.start + pad, n.end + pad, n.value.to_bits())).collect();
        let after: Vec<(usize, usize, u64)> = find_numbers(&padded).iter().map(|n| (n.start, n.end, n.value.to_bits())).collect();
        prop_assert_eq!(before, after);
    }
}
