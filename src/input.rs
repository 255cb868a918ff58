//! Turning the PATH arguments of `extract` into the articles to read, in label order.
//!
//! A record's `path` is the user's own spelling (a file as named, or a folder as named
//! joined with `/` and the file's place inside it), so that records can be joined back to
//! the user's files without guessing. Ordering and deduplicating on that string is what
//! makes the output order a property of the inputs and not of the file system.
//!
//! A file name need not be UTF-8 (on Unix it is any bytes), but a JSON string must be.
//! Such a path is written with each byte that is not UTF-8 as `\xNN` (`caf\xE9.txt`), and
//! its exact bytes are kept for the record's `path_bytes`, so no two files share a path
//! and every file can be found again.
//!
//! The articles are found as they are read, never listed in full, so that memory does
//! not grow with the corpus: each folder is walked in label order (its entries sorted
//! by name, a folder's name compared as if it ended in `/`, as it does in its files'
//! labels), and the walks of several PATHs are merged, dropping a label seen just
//! before. A run holds one folder's listing per level of the walk, not the corpus.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::bail;
use walkdir::{DirEntry, WalkDir};

/// One article to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The record's `path`. Declared first: inputs are ordered by label, then bytes.
    pub label: String,
    /// The label's exact bytes, when they are not UTF-8 (the record's `path_bytes`).
    pub label_bytes: Option<Vec<u8>>,
    pub path: PathBuf,
    /// Why the folder walk could not reach this entry; it becomes an error entry in the
    /// output, in its place, like a file that cannot be read.
    pub walk_error: Option<String>,
    /// The folder walk found a regular file here (or a link to one), so reading it
    /// needs no look at its type first.
    pub regular: bool,
}

/// The articles named by the PATH arguments, in label order, each label once.
pub struct Inputs {
    /// One source per PATH, in the order given, and the next article of each: of equal
    /// labels, the first PATH's wins.
    sources: Vec<(Source, Option<Input>)>,
    /// The label (and bytes) last handed out, to drop the same file named twice.
    last: Option<(String, Option<Vec<u8>>)>,
}

type Source = Box<dyn Iterator<Item = Input> + Send>;

impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            let first = (0..self.sources.len())
                .filter(|&i| self.sources[i].1.is_some())
                .min_by(|&a, &b| key(self.sources[a].1.as_ref()).cmp(&key(self.sources[b].1.as_ref())))?;
            let (source, head) = &mut self.sources[first];
            let input = std::mem::replace(head, source.next()).expect("only sources with a next article are chosen");
            if self.last.as_ref().is_some_and(|(label, bytes)| *label == input.label && *bytes == input.label_bytes) {
                continue;
            }
            self.last = Some((input.label.clone(), input.label_bytes.clone()));
            return Some(input);
        }
    }
}

fn key(input: Option<&Input>) -> Option<(&str, Option<&[u8]>)> {
    input.map(|input| (input.label.as_str(), input.label_bytes.as_deref()))
}

/// The files named in `paths` and the files under the folders named there whose
/// extension (compared without case) is one of `extensions`, in label order. A path that
/// does not exist, or no article at all, is an error before anything is read.
pub fn walk(paths: &[PathBuf], extensions: &[String]) -> anyhow::Result<Inputs> {
    let mut sources: Vec<(Source, Option<Input>)> = Vec::with_capacity(paths.len());
    for path in paths {
        let mut source: Source = match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => Box::new(FolderWalk::new(path, extensions)),
            Err(e) if e.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(path).is_err() => bail!(
                "the input path {} does not exist; check its spelling, or the folder you run newsfacts from",
                path.display()
            ),
            // Anything else that exists is read as an article; if reading fails, its
            // error entry says why.
            _ => Box::new(std::iter::once(Input::new(path.as_os_str().to_owned(), path.clone(), None))),
        };
        let head = source.next();
        sources.push((source, head));
    }
    if sources.iter().all(|(_, head)| head.is_none()) {
        bail!(
            "no article found: the folders named hold no file ending in {}; name files directly, or choose other extensions with --ext",
            extensions.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(" or ")
        );
    }
    Ok(Inputs { sources, last: None })
}

/// How many articles [`walk`] would yield, found by walking the folders once more (for a
/// progress bar; nothing is kept).
pub fn count(paths: &[PathBuf], extensions: &[String]) -> usize {
    walk(paths, extensions).map_or(0, Iterator::count)
}

/// The articles under one folder, in label order.
struct FolderWalk {
    prefix: std::ffi::OsString,
    root: PathBuf,
    extensions: Vec<String>,
    walk: walkdir::IntoIter,
    /// Entries waiting for their turn. walkdir yields the entries of a folder it cannot
    /// reach (a dangling link) before the folder's others, so they are held until the
    /// walk passes their label; a found file goes through here too, and comes straight
    /// out unless a held entry sorts before it.
    held: BinaryHeap<Reverse<Input>>,
}

impl FolderWalk {
    fn new(root: &Path, extensions: &[String]) -> FolderWalk {
        // Following links lets a corpus be assembled from links; walkdir refuses to enter
        // a link back to an ancestor, so loops end.
        let walk = WalkDir::new(root).follow_links(true).sort_by(walk_cmp).into_iter();
        FolderWalk {
            prefix: folder_label(root),
            root: root.to_path_buf(),
            extensions: extensions.to_vec(),
            walk,
            held: BinaryHeap::new(),
        }
    }

    /// The next entry of the walk that is an article or an error entry.
    fn next_found(&mut self) -> Option<Option<Input>> {
        let found = match self.walk.next()? {
            Ok(entry) if entry.file_type().is_file() && has_extension(entry.path(), &self.extensions) => {
                let input = Input::new(join_label(&self.prefix, &self.root, entry.path()), entry.into_path(), None);
                Some(Input { regular: true, ..input })
            }
            // A pipe, socket or device inside a folder could block the run or never end;
            // it is listed, unread. Named on the command line, it is read.
            Ok(entry) if !entry.file_type().is_dir() && has_extension(entry.path(), &self.extensions) => {
                let reason = "this is a pipe, socket or device, not a regular file; name it on the command line to read it";
                Some(Input::new(join_label(&self.prefix, &self.root, entry.path()), entry.into_path(), Some(reason.into())))
            }
            Ok(_) => None,
            Err(error) => {
                if let Some(input) = unreachable_entry(&self.prefix, &self.root, &error, &self.extensions) {
                    self.held.push(Reverse(input));
                }
                None
            }
        };
        Some(found)
    }
}

impl Iterator for FolderWalk {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            match self.next_found() {
                Some(Some(input)) => {
                    self.held.push(Reverse(input));
                    return self.held.pop().map(|Reverse(first)| first);
                }
                Some(None) => continue,
                None => return self.held.pop().map(|Reverse(first)| first),
            }
        }
    }
}

/// How a folder's entries are ordered so that the walk yields labels in order: by
/// printable name, with a folder's name followed by the `/` its files' labels have
/// there ("a-b.txt" before "a/x.txt", as in the labels), then by exact bytes.
fn walk_order(entry: &DirEntry) -> (String, Option<Vec<u8>>) {
    let (mut name, bytes) = printable(entry.file_name());
    if entry.file_type().is_dir() {
        name.push('/');
    }
    (name, bytes)
}

/// [`walk_order`] compared, without building the keys when both names are UTF-8 (then
/// each key is the name and a `/` for a folder, and the bytes are `None`). A folder of
/// a thousand files takes some ten thousand comparisons to sort, and two strings per
/// comparison were most of the walk's cost.
fn walk_cmp(a: &DirEntry, b: &DirEntry) -> std::cmp::Ordering {
    match (utf8_name(a), utf8_name(b)) {
        (Some(x), Some(y)) => {
            // The names' common length compared at once; only the rest meets the `/`.
            fn rest<'a>(name: &'a str, from: usize, entry: &DirEntry) -> impl Iterator<Item = u8> + 'a {
                name.as_bytes()[from..].iter().copied().chain(entry.file_type().is_dir().then_some(b'/'))
            }
            let common = x.len().min(y.len());
            x.as_bytes()[..common].cmp(&y.as_bytes()[..common]).then_with(|| rest(x, common, a).cmp(rest(y, common, b)))
        }
        _ => walk_order(a).cmp(&walk_order(b)),
    }
}

/// An entry's name, if it is UTF-8. On Unix it is read from the end of the entry's path
/// (a folder's entry is its folder joined with its name, which holds no `/`), which
/// is a tenth of the cost of `file_name`'s parse of the path's components.
fn utf8_name(entry: &DirEntry) -> Option<&str> {
    #[cfg(unix)]
    if entry.depth() > 0 {
        use std::os::unix::ffi::OsStrExt;
        let path = entry.path().as_os_str().as_bytes();
        let name = &path[memchr::memrchr(b'/', path).map_or(0, |i| i + 1)..];
        debug_assert_eq!(name, entry.file_name().as_bytes());
        return std::str::from_utf8(name).ok();
    }
    entry.file_name().to_str()
}

impl Input {
    fn new(label: std::ffi::OsString, path: PathBuf, walk_error: Option<String>) -> Input {
        let (label, label_bytes) = printable(&label);
        Input { label, label_bytes, path, walk_error, regular: false }
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

/// A folder that cannot be listed, or a matching file that cannot be reached (a dangling
/// link), is reported in the output; a loop is not, since its files are reached anyway.
fn unreachable_entry(prefix: &OsStr, root: &Path, error: &walkdir::Error, extensions: &[String]) -> Option<Input> {
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
    Some(Input::new(join_label(prefix, root, path), path.to_path_buf(), Some(walk_error)))
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

/// Whether `path` ends in one of `extensions` (lower case, as `--ext` keeps them), in any
/// case. An ASCII extension is compared in place: this runs for every file of the walk.
fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let Some(ext) = path.extension() else { return false };
    match ext.to_str().filter(|ext| ext.is_ascii()) {
        Some(ext) => extensions.iter().any(|wanted| wanted.eq_ignore_ascii_case(ext)),
        None => extensions.contains(&ext.to_string_lossy().to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extension_matches_in_any_case_as_lowering_it_does() {
        let extensions = ["txt".to_string(), "md".to_string(), "é".to_string()];
        for name in ["a.txt", "a.TXT", "a.Txt", "b.md", "c.MD", "d.É", "d.é", "e.text", "f.tx", "g", "h.txt.gz", ".txt", "i.ｔｘｔ", "j.K"] {
            let lowered = Path::new(name).extension().is_some_and(|e| extensions.contains(&e.to_string_lossy().to_lowercase()));
            assert_eq!(has_extension(Path::new(name), &extensions), lowered, "{name}");
        }
    }

    fn labels(paths: &[PathBuf], extensions: &[&str]) -> Vec<String> {
        let extensions: Vec<String> = extensions.iter().map(ToString::to_string).collect();
        walk(paths, &extensions).unwrap().map(|i| i.label).collect()
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
        let first = walk(&[PathBuf::from(&doubled)], &["txt".to_string()]).unwrap().next().unwrap();
        assert!(first.label.ends_with("corpus/a.TXT") && !first.label.contains("//"), "{}", first.label);
        assert!(first.path.is_file(), "{}", first.path.display());
        let plain: Vec<Input> = walk(&[dir.path().join("corpus")], &["txt".to_string()]).unwrap().collect();
        assert!(plain.iter().all(|i| i.path.as_os_str() == i.label.as_str()), "labels are the paths themselves");
        assert!(plain.iter().all(|i| i.path.is_file()));
    }

    #[test]
    fn missing_paths_and_empty_results_are_errors() {
        let dir = tree();
        let missing = walk(&[dir.path().join("nope")], &["txt".into()]).err().unwrap().to_string();
        assert!(missing.contains("does not exist"), "{missing}");
        let empty = walk(&[dir.path().join("corpus")], &["csv".into()]).err().unwrap().to_string();
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
        let inputs: Vec<Input> = walk(std::slice::from_ref(&root), &extensions).unwrap().collect();
        let dangling: Vec<_> = inputs.iter().filter(|i| i.walk_error.is_some()).collect();
        let labels: Vec<&str> = inputs.iter().map(|i| i.label.as_str()).collect();
        assert!(labels.is_sorted(), "the dangling link sits in its label's place: {labels:?}");
        assert!(dangling[0].path.ends_with("dangling.txt"));
        assert_eq!(dangling.len(), 1, "{inputs:?}");
        assert!(dangling[0].label.ends_with("/dangling.txt"));
        assert_eq!(inputs.len(), 4);
    }

    /// What the walk must agree with: every label found, sorted as strings.
    fn sorted(mut labels: Vec<String>) -> Vec<String> {
        labels.sort();
        labels
    }

    #[test]
    fn the_walk_yields_labels_in_string_order_across_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("c");
        for name in ["a/x.txt", "a/b/y.txt", "a-b.txt", "a.txt", "a0.txt", "A.txt", "a b/z.txt", "ab/w.txt", "é.txt", "z.txt"] {
            let path = root.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let got = labels(std::slice::from_ref(&root), &["txt"]);
        assert_eq!(got.len(), 10);
        assert_eq!(got, sorted(got.clone()));
    }

    #[test]
    fn the_quick_comparison_orders_entries_as_their_keys_do() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "a-b", "a.txt", "a0", "A", "a b", "ab", "é", "z", "é.txt", "a/", "ab-"] {
            let path = dir.path().join(name);
            if name.ends_with('/') || name.len() == 1 {
                fs::create_dir_all(&path).unwrap();
            } else {
                fs::write(path, "x").unwrap();
            }
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            fs::write(dir.path().join(std::ffi::OsStr::from_bytes(b"a\xff.txt")), "x").unwrap();
            fs::create_dir(dir.path().join(std::ffi::OsStr::from_bytes(b"a\xfe"))).unwrap();
        }
        let entries: Vec<DirEntry> = WalkDir::new(dir.path()).min_depth(1).max_depth(1).into_iter().map(Result::unwrap).collect();
        assert!(entries.len() >= 12);
        for a in &entries {
            for b in &entries {
                assert_eq!(walk_cmp(a, b), walk_order(a).cmp(&walk_order(b)), "{:?} {:?}", a.file_name(), b.file_name());
            }
        }
    }

    #[test]
    fn several_paths_are_merged_in_label_order_and_each_file_comes_once() {
        let dir = tree();
        let root = dir.path().join("corpus");
        let got = labels(&[root.join("sub"), root.join("b.txt"), root.clone(), root.join("sub/c.txt")], &["txt"]);
        let base = root.display();
        assert_eq!(got, [format!("{base}/a.TXT"), format!("{base}/b.txt"), format!("{base}/sub/c.txt")]);
    }
}
