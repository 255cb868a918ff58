//! The extractors and the order they run in.
//!
//! Each stage reads the [`Document`] and what earlier stages put into the [`Analysis`],
//! and adds one kind of finding. The order matters and is fixed here:
//!
//! | stage       | reads                         | adds                                |
//! |-------------|-------------------------------|-------------------------------------|
//! | numbers     | text                          | every number, its unit and hedge    |
//! | parties     | text                          | party mentions, canonical names     |
//! | names       | text, parties                 | people, their mentions, pronouns    |
//! | quotes      | paragraphs, people            | quotations and their speakers       |
//! | figures     | sentences, numbers, people... | election figures with subject, year |
//! | candidates  | people, parties, figures      | the people standing in the contest  |

use sha2::{Digest, Sha256};

use crate::doc::Document;
use crate::lexicon::Lexicon;
use crate::record::{ArticleRecord, ErrorDetail, ErrorRecord, SCHEMA};

/// Everything the extractors found in one article, in text offsets.
#[derive(Debug, Default)]
pub struct Analysis {}

/// The extraction pipeline: the word lists and every rule compiled from them, built
/// once and shared (read-only) by all threads.
pub struct Pipeline {
    lexicon: Lexicon,
}

impl Pipeline {
    pub fn new(lexicon: Lexicon) -> Pipeline {
        Pipeline { lexicon }
    }

    /// The pipeline with the built-in word lists.
    pub fn builtin() -> Pipeline {
        Pipeline::new(Lexicon::builtin())
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts one article. `path` is written into the record as given.
    pub fn extract(&self, path: &str, raw: &[u8]) -> Result<ArticleRecord, ErrorRecord> {
        let doc = Document::parse(raw).map_err(|e| ErrorRecord {
            path: path.to_string(),
            error: ErrorDetail { code: "binary".into(), message: e.to_string() },
        })?;
        Ok(ArticleRecord {
            schema: SCHEMA.to_string(),
            path: path.to_string(),
            sha256: sha256_hex(raw),
            bytes: raw.len() as u64,
            encoding: doc.encoding.to_string(),
            candidates: Vec::new(),
            figures: Vec::new(),
            quotes: Vec::new(),
            warnings: Vec::new(),
        })
    }
}

/// Lower-case hex SHA-256 of the raw bytes, as `audit` re-computes it.
pub fn sha256_hex(raw: &[u8]) -> String {
    let digest = Sha256::digest(raw);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}
