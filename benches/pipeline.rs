//! `cargo bench`: the per-article pipeline (decode, segment, every extractor, the
//! record) without files or threads, on the bundled corpus.
//!
//! Two measurements: every article of `corpus/` in turn (throughput in bytes, so the
//! report reads as MB/s), and the longest article of the corpus, to see
//! a single article's cost. The whole-program numbers (threads, memory, start-up, next to
//! `wc -w`) come from `bench/run.py`; see BENCHMARKS.md.

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsfacts::Pipeline;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut articles: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .expect("corpus/ is in the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.display().to_string(), fs::read(&p).unwrap()))
        .collect();
    articles.sort();
    articles
}

fn pipeline(c: &mut Criterion) {
    let pipeline = Pipeline::builtin();
    let articles = corpus();
    // Compile the lazily built patterns before measuring.
    for (path, raw) in &articles {
        let _ = pipeline.extract(path, raw);
    }

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(articles.iter().map(|(_, raw)| raw.len() as u64).sum()));
    group.bench_function("corpus, every article", |b| {
        b.iter(|| {
            for (path, raw) in &articles {
                black_box(pipeline.extract(path, black_box(raw)).ok());
            }
        })
    });
    group.finish();

    let largest = articles.iter().max_by_key(|(_, raw)| raw.len()).expect("corpus/ holds articles");
    let mut group = c.benchmark_group("article");
    group.throughput(Throughput::Bytes(largest.1.len() as u64));
    group.bench_function("the longest corpus article", |b| b.iter(|| black_box(pipeline.extract(&largest.0, black_box(&largest.1)).ok())));
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
