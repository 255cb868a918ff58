//! Turning the PATH arguments of `extract` into the sorted list of articles to read.
//!
//! A record's `path` is the user's own spelling (a file as named, or a folder as named
//! joined with `/` and the file's place inside it), so that records can be joined back to
//! the user's files without guessing. Sorting and deduplicating on that string is what
//! makes the output order a property of the inputs and not of the file system.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::bail;
use walkdir::WalkDir;

/// One article to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The record's `path`.
    pub label: String,
    pub path: PathBuf,
    /// Why the folder walk could not reach this entry; it becomes an error entry in the
    /// output, in its place, like a file that cannot be read.
    pub walk_error: Option<String>,
}

/// The files named in `paths` and the files under the folders named there whose
/// extension (compared without case) is one of `extensions`, sorted by label.
pub fn collect(paths: &[PathBuf], extensions: &[String]) -> anyhow::Result<Vec<InputFile>> {
    let mut inputs = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_folder(path, extensions, &mut inputs),
            Err(e) if e.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(path).is_err() => bail!(
                "the input path {} does not exist; check its spelling, or the folder you run newsfacts from",
                path.display()
            ),
            // Anything else that exists is read as an article; if reading fails, its
            // error entry says why.
            _ => inputs.push(InputFile {
                label: path.to_string_lossy().into_owned(),
                path: path.clone(),
                walk_error: None,
            }),
        }
    }
    inputs.sort_by(|a, b| a.label.cmp(&b.label));
    inputs.dedup_by(|a, b| a.label == b.label);
    if inputs.is_empty() {
        bail!(
            "no article found: the folders named hold no file ending in {}; name files directly, or choose other extensions with --ext",
            extensions.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(" or ")
        );
    }
    Ok(inputs)
}

fn walk_folder(root: &Path, extensions: &[String], inputs: &mut Vec<InputFile>) {
    let prefix = folder_label(root);
    // Following links lets a corpus be assembled from links; walkdir refuses to enter a
    // link back to an ancestor, so loops end.
    for entry in WalkDir::new(root).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() && has_extension(entry.path(), extensions) => {
                inputs.push(InputFile {
                    label: join_label(&prefix, root, entry.path()),
                    path: entry.into_path(),
                    walk_error: None,
                })
            }
            Ok(_) => {}
            Err(error) => inputs.extend(unreachable_entry(&prefix, root, &error, extensions)),
        }
    }
}

/// A folder that cannot be listed, or a matching file that cannot be reached (a dangling
/// link), is reported in the output; a loop is not, since its files are reached anyway.
fn unreachable_entry(prefix: &str, root: &Path, error: &walkdir::Error, extensions: &[String]) -> Option<InputFile> {
    if error.loop_ancestor().is_some() {
        return None;
    }
    let path = error.path()?;
    let reason = error.io_error().map_or_else(|| error.to_string(), ToString::to_string);
    let walk_error = if path.is_dir() {
        format!("cannot list the files of this folder: {reason}")
    } else if has_extension(path, extensions) {
        format!("cannot read this file: {reason}")
    } else {
        return None;
    };
    Some(InputFile { label: join_label(prefix, root, path), path: path.to_path_buf(), walk_error: Some(walk_error) })
}

/// The folder as typed, without trailing slashes, so `corpus/` and `corpus` give the same
/// labels (and `/` gives `/x.txt`).
fn folder_label(root: &Path) -> String {
    root.to_string_lossy().trim_end_matches('/').to_string()
}

/// `corpus` + `sub/x.txt` -> `corpus/sub/x.txt`, with `/` whatever the platform.
fn join_label(prefix: &str, root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    if relative.as_os_str().is_empty() {
        return prefix.to_string();
    }
    let parts: Vec<_> = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    format!("{prefix}/{}", parts.join("/"))
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let Some(ext) = path.extension() else { return false };
    let ext = ext.to_string_lossy().to_lowercase();
    extensions.contains(&ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(paths: &[PathBuf], extensions: &[&str]) -> Vec<String> {
        let extensions: Vec<String> = extensions.iter().map(ToString::to_string).collect();
        collect(paths, &extensions).unwrap().into_iter().map(|i| i.label).collect()
    }

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("corpus/sub")).unwrap();
        for name in ["corpus/b.txt", "corpus/a.TXT", "corpus/sub/c.txt", "corpus/notes.md", "corpus/noext"] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        dir
    }

    #[test]
    fn folders_are_walked_sorted_and_joined_with_the_name_as_typed() {
        let dir = tree();
        let root = dir.path().join("corpus");
        let typed = format!("{}/", root.display());
        let got = labels(&[PathBuf::from(&typed)], &["txt"]);
        let base = root.display();
        assert_eq!(got, [format!("{base}/a.TXT"), format!("{base}/b.txt"), format!("{base}/sub/c.txt")]);
    }

    #[test]
    fn named_files_are_taken_whatever_their_extension_and_deduplicated() {
        let dir = tree();
        let root = dir.path().join("corpus");
        let notes = root.join("notes.md");
        let got = labels(&[notes.clone(), root.clone(), notes.clone()], &["txt"]);
        assert_eq!(got.len(), 4);
        assert!(got.contains(&notes.display().to_string()));
    }

    #[test]
    fn missing_paths_and_empty_results_are_errors() {
        let dir = tree();
        let missing = collect(&[dir.path().join("nope")], &["txt".into()]).unwrap_err().to_string();
        assert!(missing.contains("does not exist"), "{missing}");
        let empty = collect(&[dir.path().join("corpus")], &["csv".into()]).unwrap_err().to_string();
        assert!(empty.contains("--ext"), "{empty}");
    }

    #[cfg(unix)]
    #[test]
    fn link_loops_end_and_dangling_links_are_reported() {
        let dir = tree();
        let root = dir.path().join("corpus");
        std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("gone"), root.join("dangling.txt")).unwrap();
        let extensions = vec!["txt".to_string()];
        let inputs = collect(std::slice::from_ref(&root), &extensions).unwrap();
        let dangling: Vec<_> = inputs.iter().filter(|i| i.walk_error.is_some()).collect();
        assert_eq!(dangling.len(), 1, "{inputs:?}");
        assert!(dangling[0].label.ends_with("/dangling.txt"));
        assert_eq!(inputs.len(), 4);
    }
}
