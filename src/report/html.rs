//! Writes a built [`Report`] as one HTML file: inline CSS and JavaScript, no network.
//!
//! Every string that comes from an article or a record (text, paths, names, messages)
//! goes through [`escape`], so a `<script>` in an article is shown as text. As a second
//! wall, the page's Content-Security-Policy allows only its own script and style (by
//! hash) and no connection at all: markup that slipped through could still run nothing.
//!
//! Layout: an index of articles (paged by the script, 50 to a page), then one hidden
//! section per article that the script shows when its link is followed (`#a3`), so a
//! page of a thousand articles lays out one at a time. Addresses: `#index`, article
//! `#a{entry}`, the first piece of mark `m` in it `#a{entry}-m{m}`, finding `f` beside it
//! `#a{entry}-f{f}`. Marks and findings have those ids; the index and the articles do
//! not (`article-list`, `article-{entry}`), so that showing one does not make the browser
//! scroll past the page's header.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::facts::ResultsTable;
use super::marks::{Mark, MarkKind, Piece};
use super::{ArticleView, Entry, Report};
use crate::finding::{Finding, Severity};
use crate::record::{ArticleRecord, Figure, FigureKind};
use crate::table::number;

const CSS: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");
/// Without JavaScript nothing would show the articles: show them all.
const NOSCRIPT_CSS: &str = ".article[hidden]{display:block}";

/// A table cell the record leaves empty.
const NOT_STATED: &str = "<span class=\"unknown\" title=\"not stated\">\u{2014}</span>";

/// Quotes are cut to this many characters in the list beside the text.
const QUOTE_PREVIEW: usize = 120;

/// Writes the whole page.
pub fn write_page(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(head(report).as_bytes())?;
    out.write_all(index(report).as_bytes())?;
    let articles: Vec<usize> =
        report.entries.iter().enumerate().filter(|(_, e)| matches!(e, Entry::Article(_))).map(|(i, _)| i).collect();
    for (ordinal, &entry) in articles.iter().enumerate() {
        let Entry::Article(view) = &report.entries[entry] else { continue };
        let nav = Nav {
            ordinal,
            of: articles.len(),
            previous: ordinal.checked_sub(1).map(|i| articles[i]),
            next: articles.get(ordinal + 1).copied(),
        };
        out.write_all(ArticlePage { report, entry, view, nav }.render().as_bytes())?;
    }
    write!(out, "</main>\n<div id=\"details\" hidden><button type=\"button\" class=\"close\" aria-label=\"Close\">\u{d7}</button><div class=\"body\"></div></div>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")
}

/// Text made safe for HTML element content and attribute values.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A Content-Security-Policy source that allows exactly this inline script or style.
fn csp_hash(source: &str) -> String {
    format!("'sha256-{}'", BASE64.encode(Sha256::digest(source.as_bytes())))
}

fn head(report: &Report) -> String {
    let totals = Totals::of(report);
    let policy = format!(
        "default-src 'none'; style-src {} {}; script-src {}; base-uri 'none'; form-action 'none'",
        csp_hash(CSS),
        csp_hash(NOSCRIPT_CSS),
        csp_hash(SCRIPT)
    );
    let title = escape(&report.title);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
         <meta name=\"generator\" content=\"newsfacts {version}\">\n\
         <title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <header class=\"top\">\n<h1><a href=\"#index\">{title}</a></h1>\n<p class=\"totals\">{totals}</p>\n\
         <p class=\"legend\"><span class=\"m k-cand\">candidate</span> <span class=\"m k-fig\">figure</span> \
         <span class=\"m k-quote\">quote</span> <span class=\"m k-speaker\">speaker</span> \
         <span class=\"m k-election\">election</span> <span class=\"m k-ratio\">stated ratio</span> \
         <span class=\"m s-error\">error</span> <span class=\"m s-warning\">warning</span> \
         <span class=\"m k-flag s-review\">to review</span> \
         <label class=\"toggle\"><input type=\"checkbox\" id=\"show-review\" checked> show numbers to review</label></p>\n</header>\n\
         <noscript><style>{NOSCRIPT_CSS}</style><p class=\"noscript\">Without JavaScript every article is shown at once, below the index.</p></noscript>\n<main>\n",
        version = env!("CARGO_PKG_VERSION"),
        totals = escape(&totals.to_string()),
    );
    s
}

/// The counts in the page's header.
#[derive(Default)]
struct Totals {
    articles: usize,
    unread: usize,
    candidates: usize,
    figures: usize,
    quotes: usize,
    by_severity: [usize; 3],
}

impl Totals {
    fn of(report: &Report) -> Totals {
        let mut t = Totals::default();
        for entry in &report.entries {
            match entry {
                Entry::Article(view) => {
                    t.articles += 1;
                    t.candidates += view.record.candidates.len();
                    t.figures += view.record.figures.len();
                    t.quotes += view.record.quotes.len();
                }
                Entry::Unread(_) => t.unread += 1,
            }
        }
        for f in &report.findings {
            if let Some(i) = SEVERITIES.iter().position(|s| *s == f.severity) {
                t.by_severity[i] += 1;
            }
        }
        t
    }
}

impl std::fmt::Display for Totals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} \u{b7} {} \u{b7} {} \u{b7} {} \u{b7} findings: {}, {}, {} to review",
            plural(self.articles, "article"),
            plural(self.candidates, "candidate"),
            plural(self.figures, "figure"),
            plural(self.quotes, "quote"),
            plural(self.by_severity[0], "error"),
            plural(self.by_severity[1], "warning"),
            self.by_severity[2]
        )?;
        if self.unread > 0 {
            write!(f, " \u{b7} {} not read", plural(self.unread, "file"))?;
        }
        Ok(())
    }
}

/// The severities the page shows, worst first.
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Review];

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

fn index(report: &Report) -> String {
    let mut s = String::from(
        "<section id=\"article-list\">\n<h2>Articles</h2>\n<div class=\"controls\">\
         <input type=\"search\" id=\"filter\" placeholder=\"Filter by path or candidate\" aria-label=\"Filter articles\">\
         <label><input type=\"checkbox\" id=\"only-faults\"> only with errors or warnings</label></div>\n\
         <div class=\"table-wrap\"><table class=\"index\">\n<thead><tr><th>Article</th><th class=\"num\">Candidates</th>\
         <th class=\"num\">Figures</th><th class=\"num\">Quotes</th><th>Findings</th></tr></thead>\n<tbody>\n",
    );
    for (i, entry) in report.entries.iter().enumerate() {
        match entry {
            Entry::Article(view) => {
                let r = &view.record;
                let names: Vec<&str> = r.candidates.iter().map(|c| c.name.as_str()).collect();
                let search = format!("{} {}", r.path, names.join(" ")).to_lowercase();
                let faults = view.count(&report.findings, Severity::Error) + view.count(&report.findings, Severity::Warning);
                let _ = writeln!(
                    s,
                    "<tr data-search=\"{search}\" data-faults=\"{faults}\"><td><a href=\"#a{i}\">{path}</a>{election}</td>\
                     <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{badges}</td></tr>",
                    r.candidates.len(),
                    r.figures.len(),
                    r.quotes.len(),
                    search = escape(&search),
                    path = escape(&r.path),
                    election = election_label(r).map(|e| format!("<small>{}</small>", escape(&e))).unwrap_or_default(),
                    badges = badges(view, &report.findings, None),
                );
            }
            Entry::Unread(error) => {
                let _ = writeln!(
                    s,
                    "<tr class=\"unread\" data-search=\"{search}\" data-faults=\"1\"><td>{path}<small>not read: {message}</small></td>\
                     <td colspan=\"4\"><span class=\"badge s-error\">{code}</span></td></tr>",
                    search = escape(&error.path.to_lowercase()),
                    path = escape(&error.path),
                    message = escape(&error.error.message),
                    code = escape(&error.error.code),
                );
            }
        }
    }
    s.push_str("</tbody></table></div>\n<nav class=\"pager\" hidden><button type=\"button\" id=\"page-prev\">\u{2039} Previous</button> <span id=\"page-info\"></span> <button type=\"button\" id=\"page-next\">Next \u{203a}</button></nav>\n</section>\n");
    s
}

/// "general election, 2019", "by-election", or nothing for other articles.
fn election_label(record: &ArticleRecord) -> Option<String> {
    let e = record.election.as_ref()?;
    let kind = match e.kind.as_deref() {
        Some("general") => "general election".to_string(),
        Some("local") => "local election".to_string(),
        Some("presidential") => "presidential election".to_string(),
        Some("leadership") => "leadership election".to_string(),
        Some(other) => other.to_string(),
        None => "election".to_string(),
    };
    Some(match e.year {
        Some(year) => format!("{kind}, {year}"),
        None => kind,
    })
}

/// Finding counts as badges; linked to the article's findings when `entry` is given.
fn badges(view: &ArticleView, findings: &[Finding], entry: Option<usize>) -> String {
    let mut s = String::new();
    for severity in SEVERITIES {
        let n = view.count(findings, severity);
        if n == 0 {
            continue;
        }
        let label = match severity {
            Severity::Error => plural(n, "error"),
            Severity::Warning => plural(n, "warning"),
            _ => format!("{n} to review"),
        };
        match entry.and_then(|e| view.findings.iter().find(|&&f| findings[f].severity == severity).map(|f| (e, f))) {
            Some((e, f)) => {
                let _ = write!(s, "<a class=\"badge s-{}\" href=\"#a{e}-f{f}\">{label}</a> ", severity.as_str());
            }
            None => {
                let _ = write!(s, "<span class=\"badge s-{}\">{label}</span> ", severity.as_str());
            }
        }
    }
    s
}

/// Where an article stands among the articles, for its navigation bar.
struct Nav {
    ordinal: usize,
    of: usize,
    previous: Option<usize>,
    next: Option<usize>,
}

/// One article's section.
struct ArticlePage<'r> {
    report: &'r Report,
    entry: usize,
    view: &'r ArticleView,
    nav: Nav,
}

impl ArticlePage<'_> {
    fn render(&self) -> String {
        let r = &self.view.record;
        let e = self.entry;
        let mut s = String::new();
        let link = |target: Option<usize>, label: &str| match target {
            Some(t) => format!("<a href=\"#a{t}\">{label}</a>"),
            None => format!("<span class=\"off\">{label}</span>"),
        };
        let _ = write!(
            s,
            "<section class=\"article\" id=\"article-{e}\" data-entry=\"{e}\" hidden>\n<nav class=\"art-nav\"><a href=\"#index\">All articles</a> \
             {} <span>{} of {}</span> {}</nav>\n<h2>{}</h2>\n<p class=\"meta\">{}</p>\n<p class=\"badges\">{}</p>\n",
            link(self.nav.previous, "\u{2039} Previous"),
            self.nav.ordinal + 1,
            self.nav.of,
            link(self.nav.next, "Next \u{203a}"),
            escape(&r.path),
            escape(&self.meta()),
            badges(self.view, &self.report.findings, Some(e)),
        );
        s.push_str("<div class=\"cols\">\n<div class=\"text\">\n");
        self.text(&mut s);
        s.push_str("</div>\n<div class=\"facts\">\n");
        self.facts(&mut s);
        s.push_str("</div>\n</div>\n</section>\n");
        s
    }

    fn meta(&self) -> String {
        let r = &self.view.record;
        let mut parts = Vec::new();
        parts.extend(election_label(r));
        parts.push(plural(r.candidates.len(), "candidate"));
        parts.push(plural(r.figures.len(), "figure"));
        parts.push(plural(r.quotes.len(), "quote"));
        parts.push(format!("{}, {} bytes", r.encoding, thousands(r.bytes)));
        parts.join(" \u{b7} ")
    }

    /// The paragraphs, each followed by the findings whose first placed evidence is in it;
    /// findings with none placed come first.
    fn text(&self, s: &mut String) {
        let view = self.view;
        let mut after: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut first = Vec::new();
        for &f in &view.findings {
            let marks = self.report.links[f].iter().flatten().filter(|(entry, _)| *entry == self.entry).map(|&(_, m)| m);
            match view.paragraph_of(marks) {
                Some(p) => after.entry(p).or_default().push(f),
                None => first.push(f),
            }
        }
        for &f in &first {
            self.finding(s, f);
        }
        let source = match &view.text {
            Ok(source) => source,
            Err(reason) => {
                let _ = writeln!(s, "<p class=\"missing\">{}</p>", escape(reason));
                return;
            }
        };
        if source.paragraphs.is_empty() {
            s.push_str("<p class=\"missing\">The article is empty.</p>\n");
        }
        let mut anchored = vec![false; view.marks.len()];
        for (p, para) in source.paragraphs.iter().enumerate() {
            s.push_str("<p>");
            for piece in &para.pieces {
                self.piece(s, &source.text, piece, &mut anchored);
            }
            s.push_str("</p>\n");
            for &f in after.get(&p).map(Vec::as_slice).unwrap_or_default() {
                self.finding(s, f);
            }
        }
    }

    fn piece(&self, s: &mut String, text: &str, piece: &Piece, anchored: &mut [bool]) {
        let words = escape(&text[piece.text.clone()]);
        if piece.marks.is_empty() {
            s.push_str(&words);
            return;
        }
        let marks = &self.view.marks;
        for &m in &piece.marks {
            if !anchored[m] {
                anchored[m] = true;
                let _ = write!(s, "<i class=\"anchor\" id=\"a{}-m{m}\"></i>", self.entry);
            }
        }
        let mut classes: Vec<&str> = vec!["m"];
        for &m in &piece.marks {
            let class = marks[m].kind.class();
            if !classes.contains(&class) {
                classes.push(class);
            }
        }
        let mut findings: Vec<usize> = piece.marks.iter().flat_map(|&m| marks[m].findings.iter().copied()).collect();
        findings.sort_unstable();
        findings.dedup();
        let worst = findings.iter().map(|&f| self.report.findings[f].severity).min();
        let severity = worst.map(|w| format!(" s-{}", w.as_str())).unwrap_or_default();
        // The innermost mark first: it is the one the reader pointed at.
        let mut by_size = piece.marks.clone();
        by_size.sort_by_key(|&m| marks[m].span[1].saturating_sub(marks[m].span[0]));
        let title: Vec<String> = by_size.iter().map(|&m| self.mark_title(&marks[m])).collect();
        let ids: Vec<String> = piece.marks.iter().map(usize::to_string).collect();
        let finding_ids: Vec<String> = findings.iter().map(usize::to_string).collect();
        let _ = write!(
            s,
            "<span class=\"{}{severity}\" data-m=\"{}\"{} title=\"{}\">{words}</span>",
            classes.join(" "),
            ids.join(" "),
            if finding_ids.is_empty() { String::new() } else { format!(" data-f=\"{}\"", finding_ids.join(" ")) },
            escape(&title.join("\n\n")),
        );
    }

    /// What hovering (or tapping) a mark shows: its kind, value, subject and rule, then the
    /// findings that rest on it.
    fn mark_title(&self, mark: &Mark) -> String {
        let r = &self.view.record;
        let mut lines: Vec<String> = match mark.kind {
            MarkKind::Figure(i) => {
                let f = &r.figures[i];
                let mut first = format!("figure: {} = {}", kind_label(f.kind), figure_value(f));
                if f.approx {
                    first.push_str(" (approximate)");
                }
                if let Some(year) = f.year {
                    let _ = write!(first, ", in {year}");
                }
                let subject = match (&f.subject, f.subject_type) {
                    (Some(name), Some(t)) => format!("subject: {name} ({})", t.as_str()),
                    (Some(name), None) => format!("subject: {name}"),
                    (None, _) => "subject: none named".to_string(),
                };
                vec![first, subject, format!("rule: {}", f.rule)]
            }
            MarkKind::Candidate(i) => {
                let c = &r.candidates[i];
                let mut facts = Vec::new();
                facts.push(c.party.clone().unwrap_or_else(|| "party not stated".into()));
                facts.extend(c.constituency.clone());
                match c.elected {
                    Some(true) => facts.push("elected".into()),
                    Some(false) => facts.push("not elected".into()),
                    None => {}
                }
                facts.extend(c.votes.map(|v| format!("{} votes", thousands(v))));
                facts.extend(c.share_pct.map(|p| format!("{}%", number(p))));
                vec![format!("candidate: {}", c.name), facts.join(", "), format!("evidence: {}", c.evidence.join(", "))]
            }
            MarkKind::Quote(i) => {
                let q = &r.quotes[i];
                let mut first = format!("quote by {}", q.speaker.as_deref().unwrap_or("an unnamed speaker"));
                if let Some(cue) = &q.cue {
                    let _ = write!(first, " (cue: {cue})");
                }
                if q.partial {
                    first.push_str(", partial");
                }
                vec![first, format!("rule: {}", q.rule)]
            }
            MarkKind::Speaker(i) => {
                vec![format!("speaker of a quote: {}", r.quotes[i].speaker.as_deref().unwrap_or("unnamed"))]
            }
            MarkKind::Election => vec![format!("election: {}", election_label(r).unwrap_or_else(|| "kind not stated".into()))],
            MarkKind::Ratio(i) => {
                let c = &r.comparisons[i];
                let bound = match c.bound.as_str() {
                    "at-most" => "at most ",
                    "at-least" => "at least ",
                    _ => "about ",
                };
                vec![
                    format!("stated ratio: {bound}{}\u{d7}, from {} to {}", number(c.factor), c.base.text, c.result.text),
                    format!("rule: {}", c.rule),
                ]
            }
            MarkKind::Flagged => Vec::new(),
        };
        for &f in &mark.findings {
            let f = &self.report.findings[f];
            lines.push(format!("\u{26a0} {} [{}]: {}", f.severity.as_str(), f.rule, f.message));
        }
        lines.join("\n")
    }

    fn finding(&self, s: &mut String, f: usize) {
        let finding = &self.report.findings[f];
        let _ = write!(
            s,
            "<aside class=\"finding s-{sev}\" id=\"a{e}-f{f}\"><p><b class=\"sev\">{sev}</b> <code>{rule}</code> {message}</p><ul class=\"evidence\">",
            sev = finding.severity.as_str(),
            e = self.entry,
            rule = escape(&finding.rule),
            message = escape(&finding.message),
        );
        for (i, evidence) in finding.evidence.iter().enumerate() {
            let here = evidence.path == self.view.record.path;
            let place = if here { String::new() } else { format!("{} ", evidence.path) };
            let shown = match &evidence.text {
                Some(text) => format!("{place}\u{201c}{}\u{201d}", shorten(text, 80)),
                None => place.trim_end().to_string(),
            };
            let target = self.report.links[f][i].filter(|&(entry, m)| self.is_placed(entry, m));
            let item = match target {
                Some((entry, m)) => format!("<a href=\"#a{entry}-m{m}\">{}</a>", escape(&shown)),
                None => escape(&shown).into_owned(),
            };
            let _ = write!(s, "<li>{item} <span class=\"role\">{}</span></li>", escape(&evidence.role));
        }
        s.push_str("</ul></aside>\n");
    }

    fn is_placed(&self, entry: usize, mark: usize) -> bool {
        match &self.report.entries[entry] {
            Entry::Article(view) => view.marks.get(mark).is_some_and(|m| m.text_span.is_some()),
            Entry::Unread(_) => false,
        }
    }

    /// A link to the first placed mark of `kind`, around `label` (in the colour of the
    /// worst finding on it); the bare label if none is placed.
    fn mark_link(&self, kind: MarkKind, label: &str) -> String {
        let marks = &self.view.marks;
        match marks.iter().position(|m| m.kind == kind && m.text_span.is_some()) {
            Some(m) => {
                let worst = marks[m].findings.iter().map(|&f| self.report.findings[f].severity).min();
                let class = worst.map(|w| format!(" class=\"s-{}\"", w.as_str())).unwrap_or_default();
                format!("<a href=\"#a{}-m{m}\"{class}>{}</a>", self.entry, escape(label))
            }
            None => escape(label).into_owned(),
        }
    }

    fn facts(&self, s: &mut String) {
        let view = self.view;
        let r = &view.record;
        if !view.tables.is_empty() {
            s.push_str("<h3>Results</h3>\n");
            for table in &view.tables {
                self.results_table(s, table);
            }
        }
        if !view.loose_figures.is_empty() {
            s.push_str("<h3>Other figures</h3>\n<ul class=\"figures\">");
            for &i in &view.loose_figures {
                let _ = write!(s, "<li>{}</li>", self.figure_item(&r.figures[i], i));
            }
            s.push_str("</ul>\n");
        }
        if !view.speakers.is_empty() {
            s.push_str("<h3>Quotes by speaker</h3>\n");
            for group in &view.speakers {
                let name = group.speaker.as_deref().unwrap_or("No speaker named");
                let _ = write!(s, "<details open><summary>{} <span class=\"n\">{}</span></summary><ol class=\"quotes\">", escape(name), group.quotes.len());
                for &q in &group.quotes {
                    let text = format!("\u{201c}{}\u{201d}", shorten(r.quotes[q].text.trim_matches(QUOTE_MARKS), QUOTE_PREVIEW));
                    let _ = write!(s, "<li>{}</li>", self.mark_link(MarkKind::Quote(q), &text));
                }
                s.push_str("</ol></details>\n");
            }
        }
        if !view.findings.is_empty() {
            s.push_str("<h3>Findings</h3>\n<ul class=\"finding-list\">");
            for &f in &view.findings {
                let finding = &self.report.findings[f];
                let _ = write!(
                    s,
                    "<li class=\"s-{sev}\"><a class=\"badge s-{sev}\" href=\"#a{e}-f{f}\">{sev}</a> {}</li>",
                    escape(&finding.message),
                    sev = finding.severity.as_str(),
                    e = self.entry,
                );
            }
            s.push_str("</ul>\n");
        }
        if !r.warnings.is_empty() {
            s.push_str("<h3>Extractor warnings</h3>\n<ul class=\"warnings\">");
            for w in &r.warnings {
                let _ = write!(s, "<li><code>{}</code> {}</li>", escape(&w.code), escape(&w.message));
            }
            s.push_str("</ul>\n");
        }
        if view.tables.is_empty() && view.loose_figures.is_empty() && view.speakers.is_empty() {
            s.push_str("<p class=\"none\">No candidates, figures or quotes were read from this article.</p>\n");
        }
    }

    fn results_table(&self, s: &mut String, table: &ResultsTable) {
        let r = &self.view.record;
        let caution = if table.single_race {
            ""
        } else {
            "<br><small>These may be several races: the record does not tie each candidate to one.</small>"
        };
        let _ = write!(
            s,
            "<div class=\"table-wrap\"><table class=\"results\"><caption>{}{caution}</caption>\n\
             <thead><tr><th class=\"num\">#</th><th>Candidate</th><th>Party</th><th class=\"num\">Votes</th><th class=\"num\">Share</th></tr></thead>\n<tbody>",
            escape(&table.label)
        );
        for (rank, row) in table.rows.iter().enumerate() {
            let c = &r.candidates[row.candidate];
            let votes = match (c.votes, row.votes) {
                (Some(v), Some(f)) => self.mark_link(MarkKind::Figure(f), &thousands(v)),
                (Some(v), None) => thousands(v),
                (None, _) => String::new(),
            };
            let share_value = c.share_pct.or_else(|| row.share.map(|f| r.figures[f].value));
            let share = match (share_value, row.share) {
                (Some(p), Some(f)) => self.mark_link(MarkKind::Figure(f), &format!("{}%", number(p))),
                (Some(p), None) => format!("{}%", number(p)),
                (None, _) => String::new(),
            };
            let elected = match c.elected {
                Some(true) => " <span class=\"tag\">elected</span>",
                _ => "",
            };
            let _ = write!(
                s,
                "<tr{}><td class=\"num\">{}</td><td>{}{elected}</td><td>{}</td><td class=\"num\">{votes}</td><td class=\"num\">{share}</td></tr>",
                if c.elected == Some(true) { " class=\"elected\"" } else { "" },
                rank + 1,
                self.mark_link(MarkKind::Candidate(row.candidate), &c.name),
                c.party.as_deref().map_or_else(|| NOT_STATED.to_string(), |p| escape(p).into_owned()),
            );
        }
        s.push_str("</tbody></table></div>\n");
        if !table.figures.is_empty() {
            s.push_str("<ul class=\"figures contest\">");
            for &i in &table.figures {
                let _ = write!(s, "<li>{}</li>", self.figure_item(&r.figures[i], i));
            }
            s.push_str("</ul>\n");
        }
    }

    /// "turnout 73% (Ealing Central and Acton)", its value linked to its words.
    fn figure_item(&self, f: &Figure, i: usize) -> String {
        let mut s = format!("{} {}", escape(kind_label(f.kind)), self.mark_link(MarkKind::Figure(i), &figure_value(f)));
        let mut about = Vec::new();
        about.extend(f.subject.clone());
        about.extend(f.year.map(|y| y.to_string()));
        if !about.is_empty() {
            let _ = write!(s, " <small>{}</small>", escape(&about.join(", ")));
        }
        s
    }
}

/// Quotation marks a quote's text may start or end with; the list adds its own.
const QUOTE_MARKS: &[char] = &['"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'];

fn kind_label(kind: FigureKind) -> &'static str {
    match kind {
        FigureKind::Votes => "votes",
        FigureKind::SharePct => "vote share",
        FigureKind::TurnoutPct => "turnout",
        FigureKind::TurnoutVotes => "turnout (votes)",
        FigureKind::Majority => "majority",
        FigureKind::Electorate => "electorate",
        FigureKind::SwingPct => "swing",
    }
}

/// `28,132`, `51.3%`.
fn figure_value(f: &Figure) -> String {
    if f.kind.is_percent() {
        format!("{}%", number(f.value))
    } else if f.value.fract() == 0.0 && f.value >= 0.0 {
        thousands(f.value as u64)
    } else {
        number(f.value)
    }
}

/// `28132` -> `28,132`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}\u{2026}", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::RecordLine;
    use crate::report::ReportOptions;
    use crate::Pipeline;
    use std::fs;
    use std::path::Path;

    fn page(dir: &Path, articles: &[(&str, &str)]) -> String {
        let lines = articles
            .iter()
            .map(|(name, text)| {
                fs::write(dir.join(name), text).unwrap();
                RecordLine::Article(Box::new(Pipeline::builtin().extract(name, text.as_bytes()).unwrap()))
            })
            .collect();
        let report = Report::build(lines, Some(dir), &ReportOptions::default());
        let mut out = Vec::new();
        write_page(&report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const RESULT: &str = "Labour's Jane Doe won the by-election with 5,123 votes, a majority of 1,234 over \
        the Conservative candidate, Tom Roe, who polled 3,889.";

    #[test]
    fn escape_covers_markup_and_both_quotes() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert!(matches!(escape("plain text"), Cow::Borrowed(_)));
    }

    #[test]
    fn markup_in_articles_and_paths_is_shown_as_text() {
        let dir = tempfile::tempdir().unwrap();
        let hostile = format!("{RESULT}\n\n<script>alert(1)</script> <img src=x onerror=\"alert(2)\"> </section></main>");
        let html = page(dir.path(), &[("<b>odd.txt", &hostile)]);
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>alert"), "no live script from the article");
        assert!(!html.contains("<img"), "no live element from the article");
        assert!(html.contains("&lt;b&gt;odd.txt"));
        assert!(!html.contains("<b>odd"));
        assert_eq!(html.matches("<script>").count(), 1, "only the page's own script");
    }

    #[test]
    fn the_policy_allows_only_the_pages_own_script_and_no_network() {
        let dir = tempfile::tempdir().unwrap();
        let html = page(dir.path(), &[("a.txt", RESULT)]);
        let expected = format!("'sha256-{}'", BASE64.encode(Sha256::digest(SCRIPT.as_bytes())));
        assert!(html.contains(&format!("script-src {expected};")), "the script is allowed by its hash");
        assert!(html.contains("default-src 'none'"));
        assert!(!html.contains("unsafe-inline"));
        assert!(!html.contains("http://") && !html.contains("https://"), "nothing is fetched");
    }

    #[test]
    fn figures_are_marked_with_kind_value_subject_and_rule() {
        let dir = tempfile::tempdir().unwrap();
        let html = page(dir.path(), &[("a.txt", RESULT)]);
        let span = html.split("<span class=\"m k-fig").find(|s| s.contains(">5,123</span>")).expect("the votes are marked");
        let title = span.split("title=\"").nth(1).unwrap().split('"').next().unwrap();
        assert!(title.starts_with("figure: votes = 5,123\nsubject: Jane Doe (candidate)\nrule: "), "{title}");
    }

    #[test]
    fn results_rows_are_in_vote_order_and_link_to_their_words() {
        let dir = tempfile::tempdir().unwrap();
        let html = page(dir.path(), &[("a.txt", RESULT)]);
        let table = html.split("<table class=\"results\">").nth(1).unwrap().split("</table>").next().unwrap();
        let doe = table.find("Jane Doe").unwrap();
        let roe = table.find("Tom Roe").unwrap();
        assert!(doe < roe, "{table}");
        assert!(table.contains("<a href=\"#a0-m"), "cells link to the marks");
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(thousands(28132), "28,132");
        assert_eq!(thousands(664), "664");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(shorten("abcdef", 3), "abc\u{2026}");
        assert_eq!(shorten("abc", 3), "abc");
    }
}
