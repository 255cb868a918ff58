//! Questions about many spans at once, answered in logarithmic time: is this position
//! inside any quotation, is this word inside any party name, which mentions start in
//! this sentence.
//!
//! The extractors ask such questions once per word, number or mention. Asked by scanning
//! every span, they cost time in proportion to the square of the article's length, which
//! is invisible on a news article and takes minutes on a file of megabytes; these answer
//! exactly the same, from spans sorted once.

use crate::doc::Span;

/// A set of spans (overlapping or not) sorted by start, with the furthest end reached by
/// any span up to each one.
#[derive(Debug, Clone, Default)]
pub struct Cover {
    starts: Vec<usize>,
    /// `max_end[i]`: the largest end among the first `i + 1` spans by start.
    max_end: Vec<usize>,
}

impl Cover {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Cover {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort_by_key(|s| s.start);
        let mut max_end = Vec::with_capacity(spans.len());
        let mut furthest = 0;
        for s in &spans {
            furthest = furthest.max(s.end);
            max_end.push(furthest);
        }
        Cover { starts: spans.into_iter().map(|s| s.start).collect(), max_end }
    }

    /// The furthest end among spans whose start satisfies `before`, a prefix of them.
    fn furthest_end(&self, before: impl Fn(usize) -> bool) -> Option<usize> {
        let k = self.starts.partition_point(|&s| before(s));
        k.checked_sub(1).map(|i| self.max_end[i])
    }

    /// Some span has `start <= pos < end`.
    pub fn contains_pos(&self, pos: usize) -> bool {
        self.furthest_end(|s| s <= pos).is_some_and(|end| end > pos)
    }

    /// Some span has `start <= span.start` and `span.end <= end`.
    pub fn contains_span(&self, span: &Span) -> bool {
        self.furthest_end(|s| s <= span.start).is_some_and(|end| end >= span.end)
    }

    /// Some span has `start < span.end` and `span.start < end`.
    pub fn overlaps(&self, span: &Span) -> bool {
        self.furthest_end(|s| s < span.end).is_some_and(|end| end > span.start)
    }
}

/// The items of `sorted` (sorted by `start`) whose start lies in `span`: every item a
/// filter "inside this span" can keep, found by binary search instead of a scan.
pub fn starting_in<'a, T>(sorted: &'a [T], span: &Span, start: impl Fn(&T) -> usize) -> &'a [T] {
    &sorted[indexes_starting_in(sorted, span, start)]
}

/// The indexes of [`starting_in`].
pub fn indexes_starting_in<T>(sorted: &[T], span: &Span, start: impl Fn(&T) -> usize) -> Span {
    let from = sorted.partition_point(|t| start(t) < span.start);
    let to = from + sorted[from..].partition_point(|t| start(t) < span.end);
    from..to
}

/// The last `max` bytes of `text` or less, cut at a character boundary: what a rule that
/// reads the words right before a position needs, without touching the whole text before.
pub fn tail(text: &str, max: usize) -> &str {
    let mut from = text.len().saturating_sub(max);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain scans the cover replaces, to compare with.
    fn scan_contains_pos(spans: &[Span], pos: usize) -> bool {
        spans.iter().any(|s| s.start <= pos && pos < s.end)
    }

    fn scan_contains_span(spans: &[Span], x: &Span) -> bool {
        spans.iter().any(|s| s.start <= x.start && x.end <= s.end)
    }

    fn scan_overlaps(spans: &[Span], x: &Span) -> bool {
        spans.iter().any(|s| s.start < x.end && x.start < s.end)
    }

    #[test]
    fn answers_as_a_scan_does_for_nested_overlapping_and_unsorted_spans() {
        let spans = vec![30..35, 2..9, 4..6, 12..20, 13..14, 19..25, 40..40];
        let cover = Cover::new(spans.clone());
        for a in 0..45 {
            assert_eq!(cover.contains_pos(a), scan_contains_pos(&spans, a), "pos {a}");
            for b in a..45 {
                assert_eq!(cover.contains_span(&(a..b)), scan_contains_span(&spans, &(a..b)), "span {a}..{b}");
                assert_eq!(cover.overlaps(&(a..b)), scan_overlaps(&spans, &(a..b)), "span {a}..{b}");
            }
        }
    }

    #[test]
    fn an_empty_cover_holds_nothing() {
        let cover = Cover::new(Vec::new());
        assert!(!cover.contains_pos(0) && !cover.contains_span(&(0..0)) && !cover.overlaps(&(0..10)));
    }

    #[test]
    fn tails_keep_whole_characters() {
        assert_eq!(tail("abcdef", 3), "def");
        assert_eq!(tail("ab", 3), "ab");
        assert_eq!(tail("aé", 1), "", "é is two bytes; half of it is not taken");
        assert_eq!(tail("aé", 2), "é");
    }

    #[test]
    fn starting_in_finds_exactly_the_items_starting_inside() {
        let items: [usize; 6] = [1, 3, 3, 5, 8, 13];
        assert_eq!(starting_in(&items, &(3..8), |&x| x), [3, 3, 5]);
        assert_eq!(starting_in(&items, &(0..1), |&x| x), [] as [usize; 0]);
        assert_eq!(starting_in(&items, &(9..100), |&x| x), [13]);
        assert_eq!(starting_in(&items, &(5..5), |&x| x), [] as [usize; 0]);
    }
}
