//! Turning the PATH arguments of `extract` into the sorted list of articles to read.
//!
//! A record's `path` is the user's own spelling (a file as named, or a folder as named
//! joined with `/` and the file's place inside it), so that records can be joined back to
//! the user's files without guessing. Sorting and deduplicating on that string is what
//! makes the output order a property of the inputs and not of the file system.
//!
//! A file name need not be UTF-8 (on Unix it is any bytes), but a JSON string must be.
//! Such a path is written with each byte that is not UTF-8 as `\xNN` (`caf\xE9.txt`), and
//! its exact bytes are kept for the record's `path_bytes`, so no two files share a path
//! and every file can be found again.
//!
//! The sorted list is the one thing a run holds for every article, so it is kept
//! compact ([`InputList`]): the labels side by side in one string, and a file's path
//! only where it is not its label. That is about 60 bytes an article (6 MB for 100,000),
//! where a struct of three strings each took over 200.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::bail;
use walkdir::WalkDir;

/// One article to read, as the walk finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct InputFile {
    /// The record's `path`.
    label: String,
    /// The label's exact bytes, when they are not UTF-8 (the record's `path_bytes`).
    label_bytes: Option<Vec<u8>>,
    path: PathBuf,
    /// Why the folder walk could not reach this entry; it becomes an error entry in the
    /// output, in its place, like a file that cannot be read.
    walk_error: Option<String>,
}

/// One article of an [`InputList`], borrowed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input<'a> {
    pub label: &'a str,
    /// The label's exact bytes, when they are not UTF-8.
    pub label_bytes: Option<&'a [u8]>,
    pub path: Cow<'a, Path>,
    pub walk_error: Option<&'a str>,
}

/// The articles to read, sorted by label and deduplicated, stored compactly.
#[derive(Debug, Default)]
pub struct InputList {
    /// Every label, one after the other, in the order they were found.
    labels: String,
    /// Where each label lies in `labels`, in label order.
    order: Vec<(usize, usize)>,
    /// The path of an article, by where its label starts, where it is not the label.
    paths: HashMap<usize, PathBuf>,
    /// The exact bytes of a label, by where it starts, where they are not UTF-8.
    label_bytes: HashMap<usize, Vec<u8>>,
    walk_errors: HashMap<usize, String>,
}

impl InputList {
    /// Adds an article as found; [`InputList::finish`] puts them in order.
    fn push(&mut self, file: InputFile) {
        let start = self.labels.len();
        self.labels.push_str(&file.label);
        self.order.push((start, self.labels.len()));
        if file.path.as_os_str() != file.label.as_str() {
            self.paths.insert(start, file.path);
        }
        if let Some(bytes) = file.label_bytes {
            self.label_bytes.insert(start, bytes);
        }
        if let Some(reason) = file.walk_error {
            self.walk_errors.insert(start, reason);
        }
    }

    /// Sorts by label and keeps the first of equal labels. Two names can share a label
    /// only when one is escaped, so their exact bytes tell them apart.
    fn finish(mut self) -> InputList {
        let (labels, bytes) = (&self.labels, &self.label_bytes);
        let key = |&(start, end): &(usize, usize)| (&labels[start..end], bytes.get(&start));
        self.order.sort_by(|a, b| key(a).cmp(&key(b)));
        self.order.dedup_by(|a, b| key(a) == key(b));
        self.order.shrink_to_fit();
        self.labels.shrink_to_fit();
        self
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The article at position `i` (in label order).
    pub fn get(&self, i: usize) -> Input<'_> {
        let (start, end) = self.order[i];
        let label = &self.labels[start..end];
        let path = self.paths.get(&start).map_or_else(|| Cow::Borrowed(Path::new(label)), |p| Cow::Borrowed(p.as_path()));
        let label_bytes = self.label_bytes.get(&start).map(Vec::as_slice);
        Input { label, label_bytes, path, walk_error: self.walk_errors.get(&start).map(String::as_str) }
    }

    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = Input<'_>> {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// The files named in `paths` and the files under the folders named there whose
/// extension (compared without case) is one of `extensions`, sorted by label.
pub fn collect(paths: &[PathBuf], extensions: &[String]) -> anyhow::Result<InputList> {
    let mut inputs = InputList::default();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_folder(path, extensions, &mut inputs),
            Err(e) if e.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(path).is_err() => bail!(
                "the input path {} does not exist; check its spelling, or the folder you run newsfacts from",
                path.display()
            ),
            // Anything else that exists is read as an article; if reading fails, its
            // error entry says why.
            _ => inputs.push(InputFile::new(path.as_os_str().to_owned(), path.clone(), None)),
        }
    }
    let inputs = inputs.finish();
    if inputs.is_empty() {
        bail!(
            "no article found: the folders named hold no file ending in {}; name files directly, or choose other extensions with --ext",
            extensions.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(" or ")
        );
    }
    Ok(inputs)
}

impl InputFile {
    fn new(label: std::ffi::OsString, path: PathBuf, walk_error: Option<String>) -> InputFile {
        let (label, label_bytes) = printable(&label);
        InputFile { label, label_bytes, path, walk_error }
    }
}

/// The label as a string, and its bytes when they are not UTF-8 (see the module docs).
fn printable(label: &OsStr) -> (String, Option<Vec<u8>>) {
    if let Some(s) = label.to_str() {
        return (s.to_string(), None);
    }
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let bytes = label.as_bytes();
        let mut out = String::with_capacity(bytes.len() + 8);
        for chunk in bytes.utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02X}");
            }
        }
        (out, Some(bytes.to_vec()))
    }
    #[cfg(not(unix))]
    (label.to_string_lossy().into_owned(), None)
}

fn walk_folder(root: &Path, extensions: &[String], inputs: &mut InputList) {
    let prefix = folder_label(root);
    // Following links lets a corpus be assembled from links; walkdir refuses to enter a
    // link back to an ancestor, so loops end.
    for entry in WalkDir::new(root).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() && has_extension(entry.path(), extensions) => {
                inputs.push(InputFile::new(join_label(&prefix, root, entry.path()), entry.into_path(), None))
            }
            // A pipe, socket or device inside a folder could block the run or never end;
            // it is listed, unread. Named on the command line, it is read.
            Ok(entry) if !entry.file_type().is_dir() && has_extension(entry.path(), extensions) => {
                let reason = "this is a pipe, socket or device, not a regular file; name it on the command line to read it";
                inputs.push(InputFile::new(join_label(&prefix, root, entry.path()), entry.into_path(), Some(reason.into())))
            }
            Ok(_) => {}
            Err(error) => {
                if let Some(file) = unreachable_entry(&prefix, root, &error, extensions) {
                    inputs.push(file);
                }
            }
        }
    }
}

/// A folder that cannot be listed, or a matching file that cannot be reached (a dangling
/// link), is reported in the output; a loop is not, since its files are reached anyway.
fn unreachable_entry(prefix: &OsStr, root: &Path, error: &walkdir::Error, extensions: &[String]) -> Option<InputFile> {
    if error.loop_ancestor().is_some() {
        return None;
    }
    let path = error.path()?;
    let reason = error.io_error().map_or_else(|| error.to_string(), ToString::to_string);
    let walk_error = if path.is_dir() {
        format!("cannot list the files of this folder: {reason}")
    } else if has_extension(path, extensions) {
        dangling_link(path).unwrap_or_else(|| format!("cannot read this file: {reason}"))
    } else {
        return None;
    };
    Some(InputFile::new(join_label(prefix, root, path), path.to_path_buf(), Some(walk_error)))
}

/// What to say of a symbolic link that leads nowhere, or round in a loop (`None` for
/// anything else).
pub fn dangling_link(path: &Path) -> Option<String> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    let target = fs::read_link(path).ok()?;
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Some(format!(
            "this is a symbolic link to {}, which does not exist; remove the link or restore its file",
            target.display()
        )),
        Err(_) if leads_in_a_loop(path) => Some(format!(
            "this is a symbolic link to {}, and the links from there lead back round in a loop; remove or repoint one of them",
            target.display()
        )),
        _ => None,
    }
}

/// Whether following the links from `path` never reaches something that is not a link
/// (the system gives up after 40 links; so does this, portably).
fn leads_in_a_loop(path: &Path) -> bool {
    let mut current = path.to_path_buf();
    for _ in 0..=40 {
        match fs::read_link(&current) {
            Ok(target) => current = current.parent().unwrap_or(Path::new("")).join(target),
            Err(_) => return false,
        }
    }
    true
}

/// The folder as typed, without trailing slashes, so `corpus/` and `corpus` give the same
/// labels (and `/` gives `/x.txt`).
fn folder_label(root: &Path) -> std::ffi::OsString {
    let typed = root.as_os_str();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = typed.as_bytes();
        let end = bytes.iter().rposition(|&b| b != b'/').map_or(0, |i| i + 1);
        OsStr::from_bytes(&bytes[..end]).to_owned()
    }
    #[cfg(not(unix))]
    typed.to_string_lossy().trim_end_matches('/').into()
}

/// `corpus` + `sub/x.txt` -> `corpus/sub/x.txt`, with `/` whatever the platform.
fn join_label(prefix: &OsStr, root: &Path, path: &Path) -> std::ffi::OsString {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let mut label = prefix.to_owned();
    for part in relative.components() {
        label.push("/");
        label.push(part.as_os_str());
    }
    label
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
        collect(paths, &extensions).unwrap().iter().map(|i| i.label.to_string()).collect()
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

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_escaped_and_kept() {
        use std::os::unix::ffi::OsStrExt;
        let (label, bytes) = printable(OsStr::from_bytes(b"dir/caf\xE9 \xFF\xFE.txt"));
        assert_eq!(label, "dir/caf\\xE9 \\xFF\\xFE.txt");
        assert_eq!(bytes.as_deref(), Some(&b"dir/caf\xE9 \xFF\xFE.txt"[..]));
        let (label, bytes) = printable(OsStr::new("dir/café.txt"));
        assert_eq!((label.as_str(), bytes), ("dir/café.txt", None), "UTF-8 names are kept as they are");
    }

    #[test]
    fn a_path_is_kept_only_where_it_is_not_the_label() {
        let dir = tree();
        let doubled = format!("{}//", dir.path().join("corpus").display());
        let inputs = collect(&[PathBuf::from(&doubled)], &["txt".to_string()]).unwrap();
        let first = inputs.get(0);
        assert!(first.label.ends_with("corpus/a.TXT") && !first.label.contains("//"), "{}", first.label);
        assert!(first.path.is_file(), "{}", first.path.display());
        let plain = collect(&[dir.path().join("corpus")], &["txt".to_string()]).unwrap();
        assert!(plain.paths.is_empty(), "labels are the paths themselves");
        assert!(plain.iter().all(|i| i.path.is_file()));
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
        assert!(dangling[0].path.ends_with("dangling.txt"));
        assert_eq!(dangling.len(), 1, "{inputs:?}");
        assert!(dangling[0].label.ends_with("/dangling.txt"));
        assert_eq!(inputs.len(), 4);
    }
}
