// Temporary driver until the CLI branch lands.
fn main() {
    let p = newsfacts::Pipeline::builtin();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for a in std::env::args().skip(2) {
        for e in walkdir::WalkDir::new(&a) { let e = e.unwrap(); if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt") { files.push(e.path().to_path_buf()); } }
    }
    files.sort();
    for f in files {
        let raw = std::fs::read(&f).unwrap();
        match p.extract(&f.display().to_string(), &raw) { Ok(r) => println!("{}", serde_json::to_string(&r).unwrap()), Err(e) => println!("{}", serde_json::to_string(&e).unwrap()) }
    }
}
