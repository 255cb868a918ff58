//! Compiling the rules' patterns before the first article, on every thread at once.
//!
//! Each pattern compiles when a text first needs it, so a run that never meets an
//! election report never compiles the election rules. But on several threads, the
//! threads meet the same patterns in their first articles, and while one compiles a
//! pattern the others wait for it: the 70 ms or so that a 10,000-article run spends
//! compiling passed as if there were one thread, a sixth of the run's time on two. A run
//! known to be large ([`worth_it`]) compiles them first instead, each thread taking the
//! next pattern no other thread has taken.
//!
//! Each module that declares patterns lists them with [`patterns!`]; a test checks that
//! every pattern a module declares is on its list (one left off still works: it
//! compiles when first needed).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;

use regex::Regex;

use super::boundaries::WordRegex;
use super::gap::GapRegex;
use super::gated::{GateWords, GatedRegex};

/// The fewest articles for which a run on several threads compiles ahead. Compiling the
/// patterns takes tens of milliseconds of CPU time, which a run that meets no election
/// report would not spend; in a thousand articles of news it meets almost all of them
/// anyway.
pub const WORTH_IT_FROM: usize = 1000;

/// Whether a run of at least `articles` articles (as far as it has looked) on `threads`
/// threads should compile ahead.
pub fn worth_it(threads: usize, articles: usize) -> bool {
    threads > 1 && articles >= WORTH_IT_FROM
}

/// Something that compiles on first use and can be made to compile now.
pub(crate) trait Compile: Sync {
    /// Compiles what most texts need of it: a [`WordRegex`]'s ASCII form where it has
    /// one. (The Unicode forms are for the rarer texts with letters outside ASCII; the
    /// one thread that meets such a text compiles them, and the others go on.)
    fn compile(&self);
}

impl<T: Compile + Send> Compile for LazyLock<T> {
    fn compile(&self) {
        LazyLock::force(self).compile();
    }
}

impl Compile for Regex {
    /// A plain pattern is compiled when it is made.
    fn compile(&self) {}
}

impl Compile for WordRegex {
    fn compile(&self) {
        self.compile_common_form();
    }
}

impl Compile for GatedRegex {
    fn compile(&self) {
        self.compile_common_form();
    }
}

impl Compile for GapRegex {
    fn compile(&self) {
        self.compile_common_form();
    }
}

impl Compile for GateWords {
    /// Its automaton is built when it is made.
    fn compile(&self) {}
}

impl<const N: usize, T: Compile> Compile for [T; N] {
    fn compile(&self) {
        self.iter().for_each(Compile::compile);
    }
}

/// A module's patterns, by name (the names are for the test that the list is whole).
pub(crate) type Patterns = &'static [(&'static str, &'static dyn Compile)];

/// `patterns!(A, B, ...)`: the module's list of its pattern statics, `PATTERNS`.
macro_rules! patterns {
    ($($name:ident),* $(,)?) => {
        pub(super) static PATTERNS: $crate::extract::ahead::Patterns = &[$((stringify!($name), &$name)),*];
    };
}
pub(crate) use patterns;

/// Every module's list, the costliest patterns first, so that the threads finish
/// together: the areas' patterns and the election kinds take milliseconds each, most
/// others a fraction of one.
fn module_lists() -> [Patterns; 9] {
    [
        super::places::PATTERNS,
        super::election::PATTERNS,
        super::candidates::PATTERNS,
        super::ratios::PATTERNS,
        super::topic::PATTERNS,
        super::figures::PATTERNS,
        super::numbers::PATTERNS,
        super::parties::PATTERNS,
        super::names::PATTERNS,
    ]
}

/// Compiles, on the calling thread, each of `extra` and of the modules' patterns whose
/// turn it takes from `turns`; threads that share `turns` compile each one once between
/// them. Returns when every one has been taken (the last ones may still be compiling on
/// other threads: a thread that needs one waits for it as it would without this).
pub(crate) fn compile_share(extra: &[&dyn Compile], turns: &AtomicUsize) {
    let mut mine = turns.fetch_add(1, Ordering::Relaxed);
    let statics = module_lists().into_iter().flatten().map(|&(_, pattern)| pattern);
    for (turn, pattern) in extra.iter().copied().chain(statics).enumerate() {
        if turn == mine {
            pattern.compile();
            mine = turns.fetch_add(1, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The pattern statics a module's source declares outside its tests: `re!(NAME`,
    /// `gated!(NAME`, and `static NAME: LazyLock<...>` of a pattern type.
    fn declared(source: &str) -> BTreeSet<String> {
        let code = source.split("#[cfg(test)]\nmod tests").next().unwrap_or(source);
        let declaration = Regex::new(
            r"(?m)^\s*(?:re|re_gap|gated)!\(\s*([A-Z][A-Z0-9_]*)|^\s*static ([A-Z][A-Z0-9_]*): (?:std::sync::)?LazyLock<(?:regex::)?(?:Regex|WordRegex|GatedRegex|GapRegex|GateWords|\[MarkedPattern; \d+\])>",
        )
        .unwrap();
        declaration.captures_iter(code).map(|c| c.get(1).or(c.get(2)).unwrap().as_str().to_string()).collect()
    }

    fn listed(patterns: Patterns) -> BTreeSet<String> {
        patterns.iter().map(|(name, _)| name.to_string()).collect()
    }

    #[test]
    fn every_pattern_a_module_declares_is_on_its_list() {
        // The sources in the order of `module_lists`: a list paired with the wrong source
        // differs from its declarations.
        let sources = [
            ("places", include_str!("places.rs")),
            ("election", include_str!("election.rs")),
            ("candidates", include_str!("candidates.rs")),
            ("ratios", include_str!("ratios.rs")),
            ("topic", include_str!("topic.rs")),
            ("figures", include_str!("figures.rs")),
            ("numbers", include_str!("numbers.rs")),
            ("parties", include_str!("parties.rs")),
            ("names", include_str!("names.rs")),
        ];
        for ((name, source), patterns) in sources.into_iter().zip(module_lists()) {
            let declared = declared(source);
            assert!(!declared.is_empty(), "{name}: the declarations were not found");
            assert_eq!(declared, listed(patterns), "{name}: its PATTERNS list and its declarations differ");
        }
    }

    #[test]
    fn the_declarations_are_read_as_written() {
        let source = "re!(ONE, r\"a\");\nre!(\n    TWO,\n    r\"b\"\n);\ngated!(THREE, r\"c\", &[\"c\"]);\n\
                      static FOUR: LazyLock<WordRegex> = LazyLock::new(|| todo!());\n\
                      static TABLE: LazyLock<Vec<u8>> = LazyLock::new(Vec::new);\n\
                      #[cfg(test)]\nmod tests {\n    re!(FIVE, r\"d\");\n}\n";
        let names: Vec<String> = declared(source).into_iter().collect();
        assert_eq!(names, ["FOUR", "ONE", "THREE", "TWO"]);
    }

    /// Counts its compilations, for the share test.
    struct Counted(AtomicUsize);

    impl Compile for Counted {
        fn compile(&self) {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }

    #[test]
    fn threads_sharing_the_turns_compile_each_one_once_and_all_of_them() {
        let extra: Vec<Counted> = (0..40).map(|_| Counted(AtomicUsize::new(0))).collect();
        let extra_refs: Vec<&dyn Compile> = extra.iter().map(|c| c as &dyn Compile).collect();
        let turns = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..3 {
                scope.spawn(|| compile_share(&extra_refs, &turns));
            }
        });
        assert!(extra.iter().all(|c| c.0.load(Ordering::Relaxed) == 1));
        let statics: usize = module_lists().iter().map(|list| list.len()).sum();
        // Each thread takes one turn past the last pattern before it stops.
        assert_eq!(turns.load(Ordering::Relaxed), extra.len() + statics + 3);
    }

    #[test]
    fn a_run_compiles_ahead_only_on_several_threads_and_with_many_articles() {
        assert!(worth_it(2, WORTH_IT_FROM));
        assert!(!worth_it(1, 1_000_000));
        assert!(!worth_it(8, WORTH_IT_FROM - 1));
    }
}
