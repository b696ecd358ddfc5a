//! The names of the files devices exchange, as the engine makes them: a device's change files
//! (`<16 hex>/<16 hex>.cst`: the first 8 bytes of its signing key, then its sequence number; or,
//! when something else already lies at that name, its spare name `<16 hex>/<16 hex>-<16 hex>.cst`,
//! which adds the start of the file's SHA-256, so nobody can take it before the file exists) and
//! the enrolment files (`enrol/<code id>.<device>.join`, `enrol/<code id>.welcome`,
//! `enrol/<code id>.<device>.refused`). Every transport checks a name here before it uses it, so
//! a name can never point outside the place the transport keeps files in.

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// Is `dir` a device's folder name (16 lowercase hex digits)?
pub fn is_device_dir(dir: &str) -> bool {
    is_hex(dir, 16)
}

/// Is `name` the name of a file devices exchange? Guards against path tricks too.
pub fn valid_name(name: &str) -> bool {
    let Some((dir, file)) = name.split_once('/') else {
        return false;
    };
    if file.contains('/') {
        return false;
    }
    if is_device_dir(dir) {
        return file
            .strip_suffix(".cst")
            .is_some_and(|stem| match stem.split_once('-') {
                Some((seq, digest)) => is_hex(seq, 16) && is_hex(digest, 16),
                None => is_hex(stem, 16),
            });
    }
    if dir == "enrol" {
        if let Some(id) = file.strip_suffix(".welcome") {
            return is_hex(id, 6);
        }
        if let Some(rest) = file
            .strip_suffix(".join")
            .or_else(|| file.strip_suffix(".refused"))
        {
            return rest
                .split_once('.')
                .is_some_and(|(id, dev)| is_hex(id, 6) && is_hex(dev, 16));
        }
    }
    false
}

/// The spare name of the change file `name` with `bytes`: where its author writes it when
/// another file already lies at `name` (planted there, or left by a sync tool). It depends on the
/// bytes, which nobody has before the author writes them. `None` for an enrolment file.
pub fn spare_name(name: &str, bytes: &[u8]) -> Option<String> {
    use sha2::Digest;
    let stem = name.strip_suffix(".cst")?;
    let (dir, seq) = stem.split_once('/')?;
    if !is_device_dir(dir) || !is_hex(seq, 16) {
        return None;
    }
    let digest = sha2::Sha256::digest(bytes);
    Some(format!(
        "{stem}-{}.cst",
        data_encoding::HEXLOWER.encode(&digest[..8])
    ))
}

/// Is `name` a change file (not an enrolment file)? Only these travel between live peers.
pub fn is_change_file(name: &str) -> bool {
    valid_name(name) && !name.starts_with("enrol/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_engine_makes_are_valid_and_nothing_else_is() {
        for good in [
            "0123456789abcdef/0000000000000001.cst",
            "enrol/a1b2c3.0123456789abcdef.join",
            "enrol/a1b2c3.welcome",
            "enrol/a1b2c3.0123456789abcdef.refused",
        ] {
            assert!(valid_name(good), "{good}");
        }
        assert!(is_change_file("0123456789abcdef/0000000000000001.cst"));
        let spare = spare_name("0123456789abcdef/0000000000000001.cst", b"bytes").unwrap();
        assert!(is_change_file(&spare), "{spare}");
        assert_ne!(
            spare,
            spare_name("0123456789abcdef/0000000000000001.cst", b"other").unwrap(),
            "the spare name depends on the bytes"
        );
        assert_eq!(spare_name("enrol/a1b2c3.welcome", b"bytes"), None);
        assert!(!is_change_file("enrol/a1b2c3.welcome"));
        for bad in [
            "",
            "x",
            "../0123456789abcdef/0000000000000001.cst",
            "0123456789abcdef/../../etc/passwd",
            "0123456789ABCDEF/0000000000000001.cst",
            "0123456789abcdef/0000000000000001.cst.tmp",
            "0123456789abcdef/0000000000000001-.cst",
            "0123456789abcdef/0000000000000001-0123.cst",
            "0123456789abcdef/0000000000000001-0123456789abcdef-0.cst",
            "0123456789abcdef/sub/0000000000000001.cst",
            "enrol/a1b2c3.join",
            "enrol/a1b2c3d4.welcome",
            "elders/0000000000000000.cst",
        ] {
            assert!(!valid_name(bad), "{bad}");
        }
    }
}
