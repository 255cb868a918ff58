//! TEMPORARY stub until the real number recogniser lands.
use std::sync::LazyLock;
use regex::Regex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberUnit { Count, Percent, Points, Money, Year, Time, Ordinal, Date, Age }

#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    pub start: usize, pub end: usize, pub value: f64, pub unit: NumberUnit,
    pub approx: bool, pub hedge: Option<(usize, usize)>, pub in_words: bool,
}

static NUM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?P<hedge>(?:almost|about|nearly|more than|over|around|roughly) )?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<pct>%| per cent| percent)?").unwrap());

pub fn find_numbers(text: &str) -> Vec<NumberMention> {
    NUM.captures_iter(text).filter_map(|c| {
        let n = c.name("num").unwrap();
        let end = c.name("pct").map_or(n.end(), |p| p.end());
        let value: f64 = n.as_str().replace(',', "").parse().ok()?;
        let unit = if c.name("pct").is_some() { NumberUnit::Percent } else if (1800.0..=2100.0).contains(&value) && !n.as_str().contains([',', '.']) { NumberUnit::Year } else { NumberUnit::Count };
        Some(NumberMention { start: n.start(), end, value, unit, approx: c.name("hedge").is_some(), hedge: c.name("hedge").map(|h| (h.start(), h.end())), in_words: false })
    }).collect()
}

pub fn parse_number(expr: &str) -> Option<f64> { expr.trim_end_matches(['%']).replace(',', "").parse().ok() }
