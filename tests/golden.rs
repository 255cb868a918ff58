//! The golden-file test: the repository's `corpus/` must extract to exactly what
//! `fixtures/` holds. It runs the very check of `newsfacts fixtures --check`, and on
//! failure prints its semantic diff: what each extractor now finds differently.

use std::path::Path;

use newsfacts::fixtures::{self, FixtureDirs};
use newsfacts::Pipeline;

#[test]
fn corpus_matches_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = FixtureDirs { corpus: root.join("corpus"), fixtures: root.join("fixtures") };
    let report = fixtures::check(&Pipeline::builtin(), &dirs).expect("corpus/ and fixtures/ can be read");
    assert!(
        report.is_clean(),
        "\n{report}\nIf these changes are intended, run `cargo run --release -- fixtures --update` and review the diff of fixtures/."
    );
}
