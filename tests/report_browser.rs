//! The review page as a person sees it: `newsfacts report` output rendered by headless
//! Chromium, with assertions on what is visible (not on the HTML text).
//!
//! Each test writes a small harness page beside the report that loads it in an iframe
//! (same origin under `--allow-file-access-from-files`), runs a probe over the rendered
//! document (visibility, computed colours, the table's rows) and writes the probe's
//! answer into its own DOM, which `--dump-dom` prints. The report's own script and policy
//! are untouched: the harness only reads.
//!
//! Without a Chromium the tests print a loud SKIPPED notice to the real stderr and pass,
//! unless NEWSFACTS_REQUIRE_CHROMIUM=1 (which `.ci/run` sets) makes a missing browser a
//! failure.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

const EALING: &str = "003_17ea8528a2aea9bd.txt";
/// A browser that has not answered by then is stuck, not slow.
const BROWSER_GIVE_UP: Duration = Duration::from_secs(180);

fn newsfacts() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsfacts"))
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

struct Browser {
    binary: PathBuf,
}

impl Browser {
    /// Chromium from NEWSFACTS_CHROMIUM or the PATH; `None` (after a loud notice) when
    /// there is none and none is required.
    fn find(test: &str) -> Option<Browser> {
        let named = std::env::var_os("NEWSFACTS_CHROMIUM").map(PathBuf::from);
        let found = named.or_else(|| {
            let path = std::env::var_os("PATH")?;
            ["chromium", "chromium-browser", "google-chrome"]
                .iter()
                .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
                .find(|candidate| candidate.is_file())
        });
        match found {
            Some(binary) => Some(Browser { binary }),
            None if std::env::var("NEWSFACTS_REQUIRE_CHROMIUM").as_deref() == Ok("1") => {
                panic!("NEWSFACTS_REQUIRE_CHROMIUM=1 but no chromium was found; install it (apt-get install -y chromium) or set NEWSFACTS_CHROMIUM")
            }
            None => {
                // Straight to stderr: libtest would swallow an eprintln! of a passing test.
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** SKIPPED {test}: no chromium on PATH, so the review page was NOT checked in a browser.\n\
                     *** Install it (apt-get install -y chromium) or set NEWSFACTS_CHROMIUM; NEWSFACTS_REQUIRE_CHROMIUM=1 makes this a failure.\n"
                );
                None
            }
        }
    }

    /// Loads `page` (a file in `dir`, with its #fragment) in an iframe `width` pixels wide,
    /// runs `probe` (a JavaScript function body over `d`, the page's document, returning
    /// plain data) once it has loaded, and returns what the probe returned.
    fn probe(&self, dir: &Path, page: &str, width: u32, probe: &str) -> Value {
        let harness = dir.join("harness.html");
        fs::write(
            &harness,
            format!(
                "<!DOCTYPE html><meta charset=\"utf-8\"><body><pre id=\"result\">not run</pre>\n\
                 <iframe id=\"page\" src=\"{page}\" style=\"width:{width}px;height:900px;border:0\"></iframe>\n\
                 <script>\ndocument.getElementById('page').addEventListener('load', function () {{\n\
                 var result;\ntry {{ result = (function (d) {{ {probe} }})(this.contentDocument); }}\n\
                 catch (e) {{ result = {{ probe_error: String(e) }}; }}\n\
                 document.getElementById('result').textContent = encodeURIComponent(JSON.stringify(result));\n}});\n</script>\n"
            ),
        )
        .unwrap();
        let profile = tempfile::tempdir().unwrap();
        let mut child = Process::new(&self.binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--allow-file-access-from-files",
                "--dump-dom",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("file://{}", harness.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        let mut stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut dom = String::new();
            stdout.read_to_string(&mut dom).map(|_| dom)
        });
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > BROWSER_GIVE_UP {
                let _ = child.kill();
                panic!("chromium did not finish rendering {page}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let dom = reader.join().unwrap().expect("chromium's output is UTF-8");
        let encoded = dom
            .split("<pre id=\"result\">")
            .nth(1)
            .and_then(|rest| rest.split("</pre>").next())
            .unwrap_or_else(|| panic!("no harness result in chromium's DOM:\n{dom}"));
        let value: Value = serde_json::from_str(&percent_decode(encoded))
            .unwrap_or_else(|e| panic!("the probe did not run ({e}): {encoded}"));
        assert!(value.get("probe_error").is_none(), "the probe failed: {value}");
        value
    }
}

/// Undoes `encodeURIComponent`.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).expect("two hex digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("the probe's JSON is UTF-8")
}

/// `dir/articles/<name>` for each article, extracted from `dir` and made into
/// `dir/report.html`; returns the page's text.
fn report_of(dir: &Path, articles: &[(&str, Vec<u8>)], extra: &[&str]) -> String {
    fs::create_dir_all(dir.join("articles")).unwrap();
    for (name, body) in articles {
        fs::write(dir.join("articles").join(name), body).unwrap();
    }
    newsfacts().current_dir(dir).args(["extract", "articles", "-q", "-o", "records.jsonl"]).assert().code(0);
    newsfacts().current_dir(dir).args(["report", "records.jsonl", "-q", "-o", "report.html"]).args(extra).assert().success();
    fs::read_to_string(dir.join("report.html")).unwrap()
}

fn corpus_article(name: &str) -> Vec<u8> {
    fs::read(repo_root().join("corpus").join(name)).unwrap()
}

/// The page's address of the article at `path`, from the index's link to it.
fn address_of(page: &str, path: &str) -> String {
    let link = page.split("<a href=\"#").find(|s| s.contains(&format!("\">{path}</a>"))).expect("the index links the article");
    format!("#{}", &link[..link.find('"').unwrap()])
}

/// What of the shown article a reader sees. Hidden elements are left out.
const SHOWN_ARTICLE: &str = r#"
    var visible = function (e) { return e.checkVisibility(); };
    var all = function (root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); };
    var sections = all(d, '.article').filter(visible);
    var section = sections[0];
    var card = getComputedStyle(section.querySelector('.text')).backgroundColor;
    var facts = section.querySelector('.facts').getBoundingClientRect();
    var text = section.querySelector('.text').getBoundingClientRect();
    var seen = {
        title: d.title,
        shown: sections.map(function (s) { return s.querySelector('h2').textContent; }),
        index_visible: visible(d.getElementById('article-list')),
        card: card,
        figures: all(section, '.text .k-fig').filter(visible).map(function (e) {
            return { text: e.textContent, background: getComputedStyle(e).backgroundColor, title: e.title };
        }),
        table: all(section, 'table.results tbody tr').filter(visible).map(function (tr) {
            return { name: tr.cells[1].querySelector('a').textContent, votes: tr.cells[3].textContent, share: tr.cells[4].textContent };
        }),
        text: section.querySelector('.text').innerText,
        scripts: d.scripts.length,
        pwned: d.body.getAttribute('data-pwned'),
        injected: !!d.getElementById('injected'),
        images: d.images.length,
        page_width: d.documentElement.scrollWidth,
        facts_below_text: facts.top >= text.bottom,
        facts_beside_text: facts.left >= text.right
    };
    // A tap on the share opens its details; unticking "show numbers to review" hides
    // the review notes.
    var share = all(section, '.text .k-fig').filter(function (e) { return e.textContent === '51.3%'; })[0];
    if (share) {
        share.click();
        var box = d.getElementById('details');
        seen.details = { visible: visible(box), text: box.innerText };
    }
    var reviews = function () { return all(section, 'aside.finding.s-review').filter(visible).length; };
    seen.review_notes = [reviews()];
    var toggle = d.getElementById('show-review');
    toggle.click();
    seen.review_notes.push(reviews());
    return seen;
"#;

#[test]
fn the_seed_article_shows_its_votes_and_share_highlighted_and_its_table_in_vote_order() {
    let Some(browser) = Browser::find("the_seed_article_shows_its_votes...") else { return };
    let dir = tempfile::tempdir().unwrap();
    let other = "000_e4e4c2bace613ec0.txt";
    let page = report_of(dir.path(), &[(EALING, corpus_article(EALING)), (other, corpus_article(other))], &[]);
    let seen = browser.probe(dir.path(), &format!("report.html{}", address_of(&page, &format!("articles/{EALING}"))), 1280, SHOWN_ARTICLE);

    assert_eq!(seen["shown"], serde_json::json!([format!("articles/{EALING}")]), "only the chosen article is shown");
    assert_eq!(seen["index_visible"], false);
    assert!(seen["facts_beside_text"].as_bool().unwrap(), "a wide screen puts the table beside the text: {seen}");

    let figures = seen["figures"].as_array().unwrap();
    let card = seen["card"].as_str().unwrap();
    for expected in ["28,132", "14,832", "9,444", "1,735", "664", "51.3%"] {
        let figure = figures.iter().find(|f| f["text"] == expected).unwrap_or_else(|| panic!("{expected} is not highlighted: {figures:?}"));
        let background = figure["background"].as_str().unwrap();
        assert!(background != card && background != "rgba(0, 0, 0, 0)", "{expected} has no highlight colour: {background}");
    }
    let share = figures.iter().find(|f| f["text"] == "51.3%").unwrap()["title"].as_str().unwrap().to_string();
    assert!(share.contains("vote share = 51.3%") && share.contains("subject: Rupa Huq"), "hover text: {share}");

    let rows = seen["table"].as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Rupa Huq", "Julian Gallant", "Sonul Badiani", "Kate Crossland", "Samir Alsoodani"]);
    let votes: Vec<u64> = rows.iter().map(|r| r["votes"].as_str().unwrap().replace(',', "").parse().unwrap()).collect();
    assert_eq!(votes, [28132, 14832, 9444, 1735, 664]);
    assert!(votes.windows(2).all(|w| w[0] > w[1]), "vote order");
    assert_eq!(rows[0]["share"], "51.3%");

    assert_eq!(seen["details"]["visible"], true, "a tap shows the details: {seen}");
    assert!(seen["details"]["text"].as_str().unwrap().contains("vote share = 51.3%"));
    let notes = seen["review_notes"].as_array().unwrap();
    assert!(notes[0].as_u64().unwrap() >= 1, "the unaccounted 73% is listed for review: {notes:?}");
    assert_eq!(notes[1], 0, "and hidden on request");
}

#[test]
fn markup_in_an_article_is_shown_as_text_and_runs_nothing() {
    let Some(browser) = Browser::find("markup_in_an_article_is_shown_as_text...") else { return };
    let dir = tempfile::tempdir().unwrap();
    let hostile = "Labour's Jane Doe won the Ashford by-election with 1,234 votes, a majority of 456 over the \
        Conservative candidate, Tom Roe, who polled 778.\n\n\
        <script>alert(1)</script>\n\n\
        <script>document.title = 'pwned'; document.body.setAttribute('data-pwned', '1')</script>\n\n\
        <img src=x onerror=\"document.title = 'pwned'\"><b id=\"injected\">bold</b></section></main>\n";
    let page = report_of(dir.path(), &[("hostile.txt", hostile.as_bytes().to_vec())], &["--title", "Review <i>night</i>"]);
    let seen = browser.probe(dir.path(), &format!("report.html{}", address_of(&page, "articles/hostile.txt")), 1280, SHOWN_ARTICLE);

    let text = seen["text"].as_str().unwrap();
    assert!(text.contains("<script>alert(1)</script>"), "the script is shown as text: {text}");
    assert!(text.contains("<b id=\"injected\">bold</b>"), "{text}");
    assert_eq!(seen["title"], "Review <i>night</i>", "no script changed the title, and the title is text too");
    assert_eq!(seen["pwned"], Value::Null);
    assert_eq!(seen["injected"], false);
    assert_eq!(seen["images"], 0);
    assert_eq!(seen["scripts"], 1, "only the page's own script");
    assert!(seen["figures"].as_array().unwrap().iter().any(|f| f["text"] == "1,234"), "the rest still works: {seen}");
}

#[test]
fn on_a_phone_the_table_follows_the_text_and_nothing_runs_off_the_side() {
    let Some(browser) = Browser::find("on_a_phone_the_table_follows_the_text...") else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = report_of(dir.path(), &[(EALING, corpus_article(EALING))], &[]);
    let width = 390;
    let seen = browser.probe(dir.path(), &format!("report.html{}", address_of(&page, &format!("articles/{EALING}"))), width, SHOWN_ARTICLE);
    assert!(seen["facts_below_text"].as_bool().unwrap(), "{seen}");
    assert!(seen["page_width"].as_u64().unwrap() <= u64::from(width), "the page is wider than the phone: {seen}");
    assert_eq!(seen["table"].as_array().unwrap().len(), 5);
}

#[test]
fn a_thousand_articles_are_paged_and_filtered() {
    let Some(browser) = Browser::find("a_thousand_articles_are_paged_and_filtered") else { return };
    let dir = tempfile::tempdir().unwrap();
    let corpus: Vec<PathBuf> = fs::read_dir(repo_root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let articles: Vec<(String, Vec<u8>)> =
        (0..1000).map(|i| (format!("{i:04}.txt"), fs::read(&corpus[i % corpus.len()]).unwrap())).collect();
    let named: Vec<(&str, Vec<u8>)> = articles.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    report_of(dir.path(), &named, &[]);
    // The filter matches paths and candidates' names: count the articles it should keep.
    let records = fs::read_to_string(dir.path().join("records.jsonl")).unwrap();
    let with_huq = records
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| {
            let names = r["candidates"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_lowercase());
            r["path"].as_str().unwrap().contains("huq") || names.into_iter().any(|n| n.contains("huq"))
        })
        .count();
    assert!(with_huq > 50, "more than a page of them");

    let seen = browser.probe(
        dir.path(),
        "report.html",
        1280,
        r#"
        var rows = function () { return Array.prototype.filter.call(d.querySelectorAll('#article-list tbody tr'), function (r) { return r.checkVisibility(); }).length; };
        var info = function () { return d.getElementById('page-info').textContent; };
        var first = { rows: rows(), info: info() };
        d.getElementById('page-next').click();
        var second = { rows: rows(), info: info() };
        var filter = d.getElementById('filter');
        filter.value = 'huq';
        filter.dispatchEvent(new Event('input'));
        return { first: first, second: second, filtered: { rows: rows(), info: info() } };
        "#,
    );
    assert_eq!(seen["first"]["rows"], 50);
    assert_eq!(seen["first"]["info"], "Articles 1\u{2013}50 of 1000");
    assert_eq!(seen["second"]["info"], "Articles 51\u{2013}100 of 1000");
    assert_eq!(seen["second"]["rows"], 50);
    assert_eq!(seen["filtered"]["info"], format!("Articles 1\u{2013}50 of {with_huq}"));
}
