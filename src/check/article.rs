//! The checks within one article: do its numbers agree with each other?
//!
//! Each rule holds two or more numbers of one contest against the arithmetic that ties
//! them (a share is votes over the total, a majority is the first minus the second) and
//! reports only what no rounding of the article's own words explains. Where a number the
//! article does not give could make the numbers agree (an unlisted runner-up, rejected
//! ballots in the turnout), the rule either allows for it or says so and lowers the
//! severity to a warning.

use super::contest::{contests, share_figure, votes_figure, Contest};
use super::precision::{stated_range, thousands, Range};
use crate::finding::{Evidence, Finding, Severity};
use crate::record::{ArticleRecord, Comparison, Figure, FigureKind, Operand};

/// Every within-article finding for one record.
pub fn check_article(record: &ArticleRecord) -> Vec<Finding> {
    let mut out = percents_in_range(record);
    for contest in contests(record).into_iter().filter(|c| c.is_single_race(record)) {
        out.extend(shares_against_votes(record, &contest));
        out.extend(majority_against_votes(record, &contest));
        out.extend(turnout_against_votes(record, &contest));
        out.extend(winner_has_most_votes(record, &contest));
        out.extend(shares_sum_to_at_most_100(record, &contest));
        out.extend(turnout_percent_against_counts(record, &contest));
    }
    out.extend(record.comparisons.iter().filter_map(|c| stated_ratio(record, c)));
    out
}

fn evidence(record: &ArticleRecord, figure: &Figure, role: String) -> Evidence {
    Evidence { path: record.path.clone(), span: Some(figure.span), text: Some(figure.text.clone()), role }
}

fn range(figure: &Figure) -> Range {
    stated_range(figure.value, &figure.text, figure.approx)
}

/// Rule `percent-out-of-range`: a share or turnout lies within 0-100; a swing within
/// +-100 points.
fn percents_in_range(record: &ArticleRecord) -> Vec<Finding> {
    record
        .figures
        .iter()
        .filter(|f| f.kind.is_percent())
        .filter(|f| if f.kind == FigureKind::SwingPct { f.value.abs() > 100.0 } else { !(0.0..=100.0).contains(&f.value) })
        .map(|f| {
            Finding::new(
                "percent-out-of-range",
                Severity::Error,
                format!("a {} of {} is not a possible percentage", kind_words(f.kind), f.text),
            )
            .with(evidence(record, f, kind_words(f.kind).to_string()))
        })
        .collect()
}

fn kind_words(kind: FigureKind) -> &'static str {
    match kind {
        FigureKind::Votes => "vote count",
        FigureKind::SharePct => "vote share",
        FigureKind::TurnoutPct => "turnout",
        FigureKind::TurnoutVotes => "turnout count",
        FigureKind::Majority => "majority",
        FigureKind::Electorate => "electorate",
        FigureKind::SwingPct => "swing",
    }
}

/// A candidate's votes and share, with the figures that state them.
struct VotesAndShare<'r> {
    name: &'r str,
    votes: &'r Figure,
    share: &'r Figure,
    /// The totals of votes cast that these two numbers allow.
    total: Range,
}

/// Rule `share-vs-votes`: every candidate's votes and share must imply one total of votes
/// cast, no less than the listed candidates' votes together and no more than the stated
/// turnout (which may also count rejected ballots, so it bounds the total from above only).
fn shares_against_votes(record: &ArticleRecord, contest: &Contest) -> Vec<Finding> {
    let listed: f64 = contest.candidates_of(record).filter_map(|c| c.votes).sum::<u64>() as f64;
    // A turnout below the listed votes is `turnout-below-votes`' finding, not this one's.
    let turnout = contest.figures_of(record, FigureKind::TurnoutVotes).next().filter(|t| range(t).hi >= listed);
    let mut allowed = Range { lo: listed, hi: turnout.map_or(f64::INFINITY, |t| range(t).hi) };
    let mut fitted: Vec<VotesAndShare> = Vec::new();
    let mut out = Vec::new();
    for candidate in contest.candidates_of(record) {
        let (Some(votes), Some(share)) = (votes_figure(record, contest, candidate), share_figure(record, contest, candidate)) else {
            continue;
        };
        let Some(total) = range(votes).div(&scale(range(share), 0.01)) else { continue };
        let pair = VotesAndShare { name: &candidate.name, votes, share, total };
        match allowed.intersect(&total) {
            Some(narrower) => {
                allowed = narrower;
                fitted.push(pair);
            }
            None => out.push(share_misfit(record, &pair, &fitted, listed, turnout)),
        }
    }
    out
}

fn scale(r: Range, by: f64) -> Range {
    Range { lo: r.lo * by, hi: r.hi * by }
}

fn share_misfit(
    record: &ArticleRecord,
    pair: &VotesAndShare,
    fitted: &[VotesAndShare],
    listed: f64,
    turnout: Option<&Figure>,
) -> Finding {
    let share = range(pair.share);
    let message = if let Some(other) = fitted.iter().find(|o| o.total.intersect(&pair.total).is_none()) {
        format!(
            "{}'s {} votes at {} imply {} in all, but {}'s {} votes at {} imply {}",
            pair.name, pair.votes.text, pair.share.text, total_words(&pair.total),
            other.name, other.votes.text, other.share.text, total_words(&other.total)
        )
    } else if let Some(t) = turnout.filter(|t| pair.total.lo > range(t).hi) {
        let most = (share.hi / 100.0 * range(t).hi).floor();
        format!(
            "{} of {} votes cast is at most {}, but the article gives {} {} votes",
            pair.share.text, t.text, thousands(most), pair.name, pair.votes.text
        )
    } else {
        let least = (share.lo / 100.0 * listed).ceil();
        format!(
            "{} of at least {} votes (the listed candidates' total) is at least {}, but the article gives {} {} votes",
            pair.share.text, thousands(listed), thousands(least), pair.name, pair.votes.text
        )
    };
    let mut finding = Finding::new("share-vs-votes", Severity::Error, message)
        .with(evidence(record, pair.share, format!("{}'s share", pair.name)))
        .with(evidence(record, pair.votes, format!("{}'s votes", pair.name)));
    for other in fitted {
        finding = finding.with(evidence(record, other.share, format!("{}'s share", other.name)));
        finding = finding.with(evidence(record, other.votes, format!("{}'s votes", other.name)));
    }
    if let Some(t) = turnout {
        finding = finding.with(evidence(record, t, "votes cast".into()));
    }
    finding
}

fn total_words(total: &Range) -> String {
    let (lo, hi) = (total.lo.ceil(), total.hi.floor());
    if hi < lo {
        format!("about {}", thousands(total.lo))
    } else if lo == hi {
        thousands(lo)
    } else {
        format!("{} to {}", thousands(lo), thousands(hi))
    }
}

/// The contest's candidates with votes, most votes first (ties in record order).
fn ranked<'r>(record: &'r ArticleRecord, contest: &'r Contest) -> Vec<(&'r str, u64, Option<&'r Figure>)> {
    let mut all: Vec<_> = contest
        .candidates_of(record)
        .filter_map(|c| Some((c.name.as_str(), c.votes?, votes_figure(record, contest, c))))
        .collect();
    all.sort_by_key(|c| std::cmp::Reverse(c.1));
    all
}

/// Rule `majority-vs-votes`: a stated majority equals the first's votes minus the
/// second's. A listed gap smaller than the majority is an error; a larger one is a warning,
/// since a candidate the article leaves out may have come second.
///
/// The rule needs the listed first to be the winner: when the article says someone else
/// won (a runoff, second preferences) or that the first listed lost (the winner's votes
/// are not given), the listed votes are not the ones the majority was counted from.
fn majority_against_votes(record: &ArticleRecord, contest: &Contest) -> Vec<Finding> {
    let ranked = ranked(record, contest);
    let [(first, v1, f1), (second, v2, f2), ..] = ranked[..] else { return Vec::new() };
    let elected = |name: &str| contest.candidates_of(record).find(|c| c.name == name).and_then(|c| c.elected);
    let other_winner = contest.candidates_of(record).any(|c| c.elected == Some(true) && c.name != first);
    if elected(first) == Some(false) || other_winner {
        return Vec::new();
    }
    let gap = (v1 - v2) as f64;
    let mut out = Vec::new();
    for majority in contest.figures_of(record, FigureKind::Majority) {
        let stated = range(majority);
        if stated.contains(gap) {
            continue;
        }
        let (severity, tail) = if stated.lo > gap {
            (Severity::Error, "")
        } else {
            (Severity::Warning, ": right only if a candidate the article does not list came second")
        };
        let message = format!(
            "the stated majority of {} is not the {} votes between {first} ({}) and {second} ({}){tail}",
            majority.text, thousands(gap), thousands(v1 as f64), thousands(v2 as f64)
        );
        let mut finding =
            Finding::new("majority-vs-votes", severity, message).with(evidence(record, majority, "stated majority".into()));
        for (name, figure) in [(first, f1), (second, f2)] {
            if let Some(f) = figure {
                finding = finding.with(evidence(record, f, format!("{name}'s votes")));
            }
        }
        out.push(finding);
    }
    out
}

/// Rule `turnout-below-votes`: the number who voted is at least the listed candidates'
/// votes together.
fn turnout_against_votes(record: &ArticleRecord, contest: &Contest) -> Vec<Finding> {
    let votes: Vec<&Figure> =
        contest.candidates_of(record).filter_map(|c| votes_figure(record, contest, c)).collect();
    let sum: f64 = votes.iter().map(|f| f.value).sum();
    contest
        .figures_of(record, FigureKind::TurnoutVotes)
        .filter(|t| range(t).hi < sum)
        .map(|t| {
            let message = format!(
                "{} people voted, yet the candidates listed have {} votes between them",
                t.text,
                thousands(sum)
            );
            votes.iter().fold(
                Finding::new("turnout-below-votes", Severity::Error, message).with(evidence(record, t, "votes cast".into())),
                |f, v| f.with(evidence(record, v, format!("{}'s votes", v.subject.as_deref().unwrap_or("a candidate")))),
            )
        })
        .collect()
}

/// Rule `winner-not-first`: a candidate said to have won has more votes than every
/// candidate said to have lost (several winners share a multi-seat ward).
fn winner_has_most_votes(record: &ArticleRecord, contest: &Contest) -> Vec<Finding> {
    let mut out = Vec::new();
    let with_votes = || contest.candidates_of(record).filter(|c| c.votes.is_some());
    for winner in with_votes().filter(|c| c.elected == Some(true)) {
        for loser in with_votes().filter(|c| c.elected == Some(false) && c.votes > winner.votes) {
            let message = format!(
                "{} is said to have won with {} votes, but {} has {}",
                winner.name,
                thousands(winner.votes.unwrap_or(0) as f64),
                loser.name,
                thousands(loser.votes.unwrap_or(0) as f64)
            );
            let mut finding = Finding::new("winner-not-first", Severity::Error, message);
            for c in [winner, loser] {
                if let Some(f) = votes_figure(record, contest, c) {
                    finding = finding.with(evidence(record, f, format!("{}'s votes", c.name)));
                }
            }
            out.push(finding);
        }
    }
    out
}

/// Rule `shares-over-100`: the candidates' shares of one contest sum to at most 100, give
/// or take the rounding of each.
fn shares_sum_to_at_most_100(record: &ArticleRecord, contest: &Contest) -> Vec<Finding> {
    let shares: Vec<&Figure> =
        contest.candidates_of(record).filter_map(|c| share_figure(record, contest, c)).collect();
    let least: f64 = shares.iter().map(|f| range(f).lo).sum();
    if shares.len() < 2 || least <= 100.0 + 1e-9 {
        return Vec::new();
    }
    let total: f64 = shares.iter().map(|f| f.value).sum();
    let message = format!("the candidates' shares in {} add up to {total:.1}%", contest.label());
    let finding = Finding::new("shares-over-100", Severity::Error, message);
    vec![shares.iter().fold(finding, |f, s| {
        f.with(evidence(record, s, format!("{}'s share", s.subject.as_deref().unwrap_or("a candidate"))))
    })]
}

/// Rule `turnout-pct-vs-count`: turnout as a percentage is the number who voted over the
/// electorate, when the article gives all three.
fn turnout_percent_against_counts(record: &ArticleRecord, contest: &Contest) -> Vec<Finding> {
    let (Some(pct), Some(count), Some(electorate)) = (
        contest.figures_of(record, FigureKind::TurnoutPct).next(),
        contest.figures_of(record, FigureKind::TurnoutVotes).next(),
        contest.figures_of(record, FigureKind::Electorate).next(),
    ) else {
        return Vec::new();
    };
    let Some(ratio) = range(count).div(&range(electorate)) else { return Vec::new() };
    let implied = scale(ratio, 100.0);
    if implied.overlaps(&range(pct)) {
        return Vec::new();
    }
    let message = format!(
        "{} voters of an electorate of {} is a turnout of {:.1}%, not {}",
        count.text,
        electorate.text,
        (implied.lo + implied.hi) / 2.0,
        pct.text
    );
    vec![Finding::new("turnout-pct-vs-count", Severity::Error, message)
        .with(evidence(record, pct, "turnout".into()))
        .with(evidence(record, count, "votes cast".into()))
        .with(evidence(record, electorate, "electorate".into()))]
}

/// How far from the stated factor the ratio words allow: "doubled" 1.8 to 2.2, "almost
/// doubled" 1.5 to 2, "more than doubled" 2 or more.
fn allowed_ratio(factor: f64, bound: &str) -> Range {
    match bound {
        "at-most" => Range { lo: factor * 0.75, hi: factor },
        "at-least" => Range { lo: factor, hi: f64::INFINITY },
        _ => Range { lo: factor * 0.9, hi: factor * 1.1 },
    }
}

/// Rule `stated-ratio`: "almost doubling from 8,000 to 15,000" holds 15,000 / 8,000
/// against the words. A halving is checked as a doubling the other way round.
fn stated_ratio(record: &ArticleRecord, comparison: &Comparison) -> Option<Finding> {
    let operand_range = |o: &Operand| stated_range(o.value, &o.text, false);
    let (top, bottom, factor) = if comparison.factor >= 1.0 {
        (&comparison.result, &comparison.base, comparison.factor)
    } else {
        (&comparison.base, &comparison.result, 1.0 / comparison.factor)
    };
    let actual = operand_range(top).div(&operand_range(bottom))?;
    if actual.overlaps(&allowed_ratio(factor, &comparison.bound)) {
        return None;
    }
    let ratio = comparison.result.value / comparison.base.value;
    let message = format!(
        "\"{}\" from {} to {} is a ratio of {ratio:.2}, not what the words claim",
        comparison.text, comparison.base.text, comparison.result.text
    );
    let operand = |o: &Operand, role: &str| Evidence {
        path: record.path.clone(),
        span: Some(o.span),
        text: Some(o.text.clone()),
        role: role.to_string(),
    };
    Some(
        Finding::new("stated-ratio", Severity::Error, message)
            .with(Evidence {
                path: record.path.clone(),
                span: Some(comparison.span),
                text: Some(comparison.text.clone()),
                role: "stated ratio".into(),
            })
            .with(operand(&comparison.base, "compared from"))
            .with(operand(&comparison.result, "compared to")),
    )
}

#[cfg(test)]
mod tests {
    use super::super::contest::tests::{figure, record};
    use super::*;
    use crate::record::SubjectType::{Candidate as Cand, Constituency};

    fn rules(record: &ArticleRecord) -> Vec<String> {
        check_article(record).into_iter().map(|f| f.rule).collect()
    }

    /// Huq and Gallant of the Ealing seed, with the given numbers.
    fn ealing(huq_votes: u64, huq_share: &str, gallant_votes: u64) -> ArticleRecord {
        let mut r = record(&[
            ("Rupa Huq", Some("Labour"), Some("Ealing Central and Acton"), Some(true), Some(huq_votes)),
            ("Julian Gallant", Some("Conservative"), None, Some(false), Some(gallant_votes)),
        ]);
        let share: f64 = huq_share.trim_end_matches('%').parse().unwrap();
        r.figures = vec![
            figure(FigureKind::Votes, huq_votes as f64, &thousands(huq_votes as f64), Some(("Rupa Huq", Cand))),
            figure(FigureKind::SharePct, share, huq_share, Some(("Rupa Huq", Cand))),
            figure(FigureKind::Votes, gallant_votes as f64, &thousands(gallant_votes as f64), Some(("Julian Gallant", Cand))),
        ];
        r
    }

    fn with(mut r: ArticleRecord, f: Figure) -> ArticleRecord {
        r.figures.push(f);
        r
    }

    #[test]
    fn the_seed_numbers_pass() {
        let r = with(ealing(28132, "51.3%", 14832), figure(FigureKind::Majority, 13300.0, "13,300", Some(("Rupa Huq", Cand))));
        assert!(rules(&r).is_empty(), "{:?}", check_article(&r));
    }

    #[test]
    fn share_against_turnout_passes_and_fails() {
        let turnout = |n: f64| figure(FigureKind::TurnoutVotes, n, &thousands(n), Some(("Ealing Central and Acton", Constituency)));
        assert!(rules(&with(ealing(28132, "51.3%", 14832), turnout(54807.0))).is_empty());
        let bad = with(ealing(29000, "51.3%", 14832), turnout(54807.0));
        let found = check_article(&bad);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "share-vs-votes");
        assert!(found[0].message.contains("51.3% of 54,807 votes cast is at most 28,143"), "{}", found[0].message);
    }

    #[test]
    fn share_below_the_listed_total_fails() {
        // 10% of at least 43,000 listed votes is more than 1,000.
        let mut r = ealing(28132, "51.3%", 14832);
        r.candidates.push(ealing(1000, "10%", 0).candidates[0].clone());
        r.candidates[2].name = "Kate Crossland".into();
        r.candidates[2].elected = Some(false);
        r.candidates[2].constituency = None;
        r.candidates[2].party = Some("Green".into());
        r.figures.push(figure(FigureKind::Votes, 1000.0, "1,000", Some(("Kate Crossland", Cand))));
        r.figures.push(figure(FigureKind::SharePct, 10.0, "10%", Some(("Kate Crossland", Cand))));
        let found = check_article(&r);
        assert_eq!(found.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["share-vs-votes"], "{found:?}");
    }

    #[test]
    fn two_candidates_implying_different_totals_fail() {
        let mut r = ealing(28132, "51.3%", 14832);
        r.figures.push(figure(FigureKind::SharePct, 40.0, "40%", Some(("Julian Gallant", Cand))));
        let found = check_article(&r);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("imply"), "{}", found[0].message);
        assert_eq!(found[0].evidence.len(), 4);
    }

    #[test]
    fn majority_larger_than_the_gap_is_an_error_smaller_a_warning() {
        let majority = |n: f64| figure(FigureKind::Majority, n, &thousands(n), Some(("Rupa Huq", Cand)));
        assert!(rules(&with(ealing(28132, "51.3%", 14832), majority(13300.0))).is_empty());
        let found = check_article(&with(ealing(28132, "51.3%", 14832), majority(15300.0)));
        assert_eq!((found[0].rule.as_str(), found[0].severity), ("majority-vs-votes", Severity::Error));
        let found = check_article(&with(ealing(28132, "51.3%", 14832), majority(11123.0)));
        assert_eq!((found[0].rule.as_str(), found[0].severity), ("majority-vs-votes", Severity::Warning));
    }

    #[test]
    fn majority_is_not_checked_when_the_listed_first_did_not_win() {
        let mut r = with(ealing(28132, "51.3%", 14832), figure(FigureKind::Majority, 1416.0, "1,416", None));
        r.candidates[0].elected = Some(false);
        assert!(rules(&r).is_empty(), "the winner's votes are not listed");
        r.candidates[0].elected = None;
        r.candidates[1].elected = Some(true);
        assert!(!rules(&r).contains(&"majority-vs-votes".to_string()), "a runoff or second preferences decided");
    }

    #[test]
    fn rounded_majority_allows_its_rounding() {
        let r = with(ealing(28132, "51.3%", 22300), figure(FigureKind::Majority, 6000.0, "6,000", Some(("Rupa Huq", Cand))));
        assert!(rules(&r).is_empty(), "5,832 rounds to 6,000");
    }

    #[test]
    fn turnout_below_the_votes_fails() {
        let t = |n: f64| figure(FigureKind::TurnoutVotes, n, &thousands(n), None);
        assert!(!rules(&with(ealing(28132, "51.3%", 14832), t(55000.0))).contains(&"turnout-below-votes".to_string()));
        let found = rules(&with(ealing(28132, "51.3%", 14832), t(41234.0)));
        assert!(found.contains(&"turnout-below-votes".to_string()), "{found:?}");
    }

    #[test]
    fn winner_with_fewer_votes_fails() {
        assert!(rules(&ealing(28132, "51.3%", 14832)).is_empty());
        let found = rules(&ealing(14832, "27.1%", 28132));
        assert!(found.contains(&"winner-not-first".to_string()), "{found:?}");
    }

    #[test]
    fn shares_over_100_fail_but_rounding_is_allowed() {
        let mut r = ealing(28132, "51.3%", 14832);
        r.figures.push(figure(FigureKind::SharePct, 48.7, "48.7%", Some(("Julian Gallant", Cand))));
        assert!(!rules(&r).contains(&"shares-over-100".to_string()));
        r.figures[3] = figure(FigureKind::SharePct, 50.0, "50%", Some(("Julian Gallant", Cand)));
        assert!(rules(&r).contains(&"shares-over-100".to_string()));
    }

    #[test]
    fn percentages_out_of_range_fail() {
        let r = with(ealing(28132, "51.3%", 14832), figure(FigureKind::TurnoutPct, 101.0, "101%", None));
        assert!(rules(&r).contains(&"percent-out-of-range".to_string()));
        let r = with(ealing(28132, "51.3%", 14832), figure(FigureKind::SwingPct, -8.0, "8%", None));
        assert!(!rules(&r).contains(&"percent-out-of-range".to_string()));
    }

    #[test]
    fn turnout_percent_against_count_and_electorate() {
        let base = || {
            let r = ealing(28132, "51.3%", 14832);
            let r = with(r, figure(FigureKind::TurnoutVotes, 54807.0, "54,807", None));
            with(r, figure(FigureKind::Electorate, 75000.0, "75,000", None))
        };
        assert!(rules(&with(base(), figure(FigureKind::TurnoutPct, 73.1, "73.1%", None))).is_empty());
        let found = rules(&with(base(), figure(FigureKind::TurnoutPct, 67.1, "67.1%", None)));
        assert_eq!(found, ["turnout-pct-vs-count"]);
    }

    fn comparison(words: &str, factor: f64, bound: &str, base: f64, result: f64) -> Comparison {
        let operand = |v: f64| Operand { value: v, span: [0, 1], text: thousands(v) };
        Comparison {
            text: words.into(),
            span: [0, words.len()],
            factor,
            bound: bound.into(),
            base: operand(base),
            result: operand(result),
            rule: "test".into(),
        }
    }

    #[test]
    fn stated_ratios_pass_and_fail() {
        let mut r = record(&[]);
        r.comparisons = vec![
            comparison("almost doubling", 2.0, "at-most", 8000.0, 15000.0),
            comparison("twice as many", 2.0, "about", 6100.0, 12000.0),
            comparison("halved", 0.5, "about", 60.0, 31.0),
        ];
        assert!(rules(&r).is_empty(), "{:?}", check_article(&r));
        r.comparisons = vec![
            comparison("almost doubling", 2.0, "at-most", 8123.0, 17345.0),
            comparison("twice as many", 2.0, "about", 8123.0, 12345.0),
            comparison("more than halved", 0.5, "at-least", 60.0, 35.0),
        ];
        assert_eq!(rules(&r), ["stated-ratio", "stated-ratio", "stated-ratio"]);
    }
}
