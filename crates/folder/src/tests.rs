use std::collections::BTreeSet;

use super::*;

fn out(name: &str, bytes: &[u8]) -> OutFile {
    OutFile {
        name: name.into(),
        bytes: bytes.to_vec(),
    }
}

const A: &str = "0123456789abcdef/0000000000000000.cst";
const B: &str = "0123456789abcdef/0000000000000001.cst";
const C: &str = "fedcba9876543210/0000000000000000.cst";

#[test]
fn names_are_strict() {
    assert!(valid_name(A));
    assert!(valid_name("enrol/a1b2c3.0123456789abcdef.join"));
    assert!(valid_name("enrol/a1b2c3.welcome"));
    assert!(valid_name("enrol/a1b2c3.0123456789abcdef.refused"));
    for bad in [
        "../0123456789abcdef/0000000000000000.cst",
        "0123456789abcdef/../../etc/passwd",
        "/0123456789abcdef/0000000000000000.cst",
        "0123456789ABCDEF/0000000000000000.cst",
        "0123456789abcdef/0000000000000000.cst.tmp",
        "0123456789abcdef/0000000000000000 (conflict).cst",
        "enrol/a1b2c3.welcome.old",
        "0123456789abcdef/x/0000000000000000.cst",
        "",
    ] {
        assert!(!valid_name(bad), "{bad}");
    }
}

#[test]
fn a_missing_folder_is_told_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("usb-stick");
    assert!(matches!(
        SharedFolder::open(&gone),
        Err(FolderError::Unreachable { .. })
    ));
    assert!(!gone.exists());
    let file = dir.path().join("a-file");
    fs::write(&file, b"x").unwrap();
    assert!(matches!(
        SharedFolder::open(&file),
        Err(FolderError::Unreachable { .. })
    ));
}

#[test]
fn files_are_written_once_and_read_in_order_with_bounded_cost() {
    let dir = tempfile::tempdir().unwrap();
    let f = SharedFolder::open(dir.path()).unwrap();
    f.write(&out(B, b"second")).unwrap();
    f.write(&out(A, b"first")).unwrap();
    f.write(&out(C, b"other device")).unwrap();
    // Writing again is harmless; other content under the same name is refused, never written.
    f.write(&out(A, b"first")).unwrap();
    assert!(matches!(
        f.write(&out(A, b"changed")),
        Err(FolderError::Conflict(_))
    ));
    assert_eq!(fs::read(dir.path().join(A)).unwrap(), b"first");
    assert!(matches!(
        f.write(&out("../escape.cst", b"x")),
        Err(FolderError::BadName(_))
    ));
    // No temporary file stays behind.
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("0123456789abcdef"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty());

    let mut done = BTreeSet::new();
    let first = f.scan(|n| done.contains(n), 2).unwrap();
    assert_eq!(first.pending, 3);
    let names: Vec<_> = first.files.iter().map(|i| i.name.clone()).collect();
    assert_eq!(names, vec![A.to_string(), B.to_string()]);
    done.extend(names);
    let second = f.scan(|n| done.contains(n), 2).unwrap();
    assert_eq!(second.pending, 1);
    assert_eq!(second.files[0].bytes, b"other device");
}

#[test]
fn strangers_in_the_folder_are_skipped_or_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let f = SharedFolder::open(dir.path()).unwrap();
    let dev = dir.path().join("0123456789abcdef");
    fs::create_dir_all(&dev).unwrap();
    // Left by sync tools and people: ignored without reading.
    fs::write(dev.join("0000000000000000 (conflict).cst"), b"x").unwrap();
    fs::write(dev.join(".0000000000000001.cst.tmp"), b"x").unwrap();
    fs::write(dir.path().join("desktop.ini"), b"x").unwrap();
    fs::create_dir_all(dir.path().join("Nieuwe map")).unwrap();
    fs::write(dir.path().join("Nieuwe map/0000000000000000.cst"), b"x").unwrap();
    // One of ours but far too big: not read.
    let big = fs::File::create(dev.join("0000000000000002.cst")).unwrap();
    big.set_len(MAX_FILE_BYTES as u64 + 1).unwrap();
    // A directory where a file should be.
    fs::create_dir_all(dev.join("0000000000000003.cst")).unwrap();
    let scan = f.scan(|_| false, 100).unwrap();
    assert!(scan.files.is_empty());
    assert_eq!(
        scan.skipped,
        vec![(
            "0123456789abcdef/0000000000000002.cst".to_string(),
            Skip::TooLarge(MAX_FILE_BYTES as u64 + 1)
        )]
    );
}
