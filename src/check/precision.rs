//! How precisely a figure's words state its number, as an interval of the values the
//! words allow.
//!
//! "51.3%" means anything from 51.25 to 51.35, so checking it against a vote count must
//! allow that much and no more; "6,000" may be a count or a round figure; "almost 40%"
//! is softer still. Checks compare intervals, never bare values, so that a finding is
//! never the product of rounding the article itself did.

/// A closed interval of values a stated number allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub lo: f64,
    pub hi: f64,
}

/// How far a hedged number ("about", "almost", "more than") may be from its value, as a
/// fraction of it. The record says only that a hedge is there, not which one, so the one
/// band must cover "almost 40%" (a little under) and "more than 6,000" (a little over).
pub const HEDGE_FRACTION: f64 = 0.1;

impl Range {
    pub fn exact(value: f64) -> Range {
        Range { lo: value, hi: value }
    }

    pub fn contains(&self, value: f64) -> bool {
        self.lo - 1e-9 <= value && value <= self.hi + 1e-9
    }

    pub fn overlaps(&self, other: &Range) -> bool {
        self.lo <= other.hi + 1e-9 && other.lo <= self.hi + 1e-9
    }

    pub fn intersect(&self, other: &Range) -> Option<Range> {
        let r = Range { lo: self.lo.max(other.lo), hi: self.hi.min(other.hi) };
        (r.lo <= r.hi + 1e-9).then_some(r)
    }

    pub fn add(&self, other: &Range) -> Range {
        Range { lo: self.lo + other.lo, hi: self.hi + other.hi }
    }

    pub fn sub(&self, other: &Range) -> Range {
        Range { lo: self.lo - other.hi, hi: self.hi - other.lo }
    }

    /// `self / other` for positive intervals; `None` when `other` may be zero.
    pub fn div(&self, other: &Range) -> Option<Range> {
        (other.lo > 0.0).then(|| Range { lo: self.lo / other.hi, hi: self.hi / other.lo })
    }

    pub fn mul(&self, other: &Range) -> Range {
        let products = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi];
        Range {
            lo: products.iter().copied().fold(f64::INFINITY, f64::min),
            hi: products.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        }
    }
}

/// The values that the words `text` (which state `value`) allow.
///
/// Decimals set the precision ("51.3" is +-0.05); a whole number of 1,000 or more that
/// ends in zeros may be rounded to them ("6,000" is 5,500 to 6,500, "2.9 million" is
/// 2,850,000 to 2,950,000); other whole numbers are exact; a number in words counts as
/// rounded to its last non-zero digit; a hedge widens all of it by [`HEDGE_FRACTION`].
pub fn stated_range(value: f64, text: &str, approx: bool) -> Range {
    let half = half_unit(value, text);
    let mut range = Range { lo: value - half, hi: value + half };
    if approx {
        let spread = value.abs() * HEDGE_FRACTION;
        range = Range { lo: range.lo - spread, hi: range.hi + spread };
    }
    range
}

/// Half of the smallest unit the text states. The digits of the text decide, not the
/// value, so a record whose value was changed is judged by what the article printed.
fn half_unit(value: f64, text: &str) -> f64 {
    let digits: String = text.chars().take_while(|c| !c.is_alphabetic()).collect();
    let numeral: String = digits.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    let Some(printed) = numeral.parse::<f64>().ok().filter(|p| *p > 0.0) else {
        return rounding_of_whole(value);
    };
    // A multiplier word ("2.9 million") scales the unit of the last digit.
    let scale = (value / printed).abs().max(1.0);
    if let Some(dot) = numeral.find('.') {
        let decimals = numeral.len() - dot - 1;
        return 0.5 * 10f64.powi(-(decimals as i32)) * scale;
    }
    if scale > 1.0 + 1e-9 {
        return 0.5 * scale;
    }
    if printed >= 1000.0 {
        return rounding_of_whole(printed);
    }
    0.0
}

/// A whole number ending in zeros (6,000; 2,900,000) may be rounded to its last non-zero
/// digit; 34,694 is exact.
fn rounding_of_whole(value: f64) -> f64 {
    let mut whole = value.abs().round() as u64;
    if whole == 0 {
        return 0.0;
    }
    let mut unit = 1u64;
    while whole % 10 == 0 {
        whole /= 10;
        unit *= 10;
    }
    if unit == 1 {
        0.0
    } else {
        unit as f64 / 2.0
    }
}

/// Formats a count the way the articles do: 28,089.
pub fn thousands(value: f64) -> String {
    let n = value.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_set_the_precision() {
        let r = stated_range(51.3, "51.3%", false);
        assert!((r.lo - 51.25).abs() < 1e-9 && (r.hi - 51.35).abs() < 1e-9);
        let r = stated_range(77.41, "77.41 per cent", false);
        assert!((r.hi - 77.415).abs() < 1e-9);
    }

    #[test]
    fn exact_counts_stay_exact_and_round_ones_widen() {
        assert_eq!(stated_range(34694.0, "34,694", false), Range::exact(34694.0));
        assert_eq!(stated_range(664.0, "664", false), Range::exact(664.0));
        assert_eq!(stated_range(6000.0, "6,000", false), Range { lo: 5500.0, hi: 6500.0 });
        let r = stated_range(2_900_000.0, "2.9 million", false);
        assert_eq!((r.lo, r.hi), (2_850_000.0, 2_950_000.0));
        assert_eq!(stated_range(6000.0, "six thousand", false), Range { lo: 5500.0, hi: 6500.0 });
        assert_eq!(stated_range(20000.0, "28,132", false), Range::exact(20000.0), "the printed digits decide");
    }

    #[test]
    fn small_whole_percentages_are_exact_unless_hedged() {
        assert_eq!(stated_range(48.0, "48%", false), Range::exact(48.0));
        let r = stated_range(40.0, "40%", true);
        assert!(r.contains(37.0) && r.contains(43.0) && !r.contains(35.0));
    }

    #[test]
    fn the_issue_example_share_of_a_total() {
        // 51.3% of 54,807 is 28,089 to 28,143.
        let share = stated_range(51.3, "51.3%", false);
        let votes = share.mul(&Range::exact(54807.0 / 100.0));
        assert_eq!((votes.lo.ceil(), votes.hi.floor()), (28089.0, 28143.0));
    }

    #[test]
    fn interval_arithmetic() {
        let a = Range { lo: 1.0, hi: 2.0 };
        let b = Range { lo: 3.0, hi: 5.0 };
        assert!(!a.overlaps(&b) && a.intersect(&b).is_none());
        assert_eq!(b.sub(&a), Range { lo: 1.0, hi: 4.0 });
        assert_eq!(b.div(&a), Some(Range { lo: 1.5, hi: 5.0 }));
        assert_eq!(a.div(&Range::exact(0.0)), None);
        assert_eq!(thousands(28089.0), "28,089");
        assert_eq!(thousands(664.0), "664");
    }
}
