//! What two devices say to each other once the channel is open (pure).
//!
//! The live transport carries exactly the sync engine's signed change files, the same bytes the
//! shared folder holds, so the engine's checks (signature, need to know, write rights, keys)
//! apply unchanged. Each side first says which files it holds (`Have`: per author, ranges of
//! sequence numbers); then each sends the files the other lacks, in parts that fit one frame, and
//! keeps sending new ones as they appear.

use std::collections::BTreeMap;

use casustafel_sync::{OutFile, MAX_FILE_BYTES};
use serde::{Deserialize, Serialize};

use crate::channel::LanError;

/// Bytes of a file per `Part` message, well below a frame with its header and the Noise tag.
pub const PART_BYTES: usize = 60_000;

/// Authors and ranges a `Have` may list: far above a real table, low enough to bound memory.
const MAX_AUTHORS: usize = 4_096;
const MAX_RANGES: usize = 4_096;

/// Ranges one connection keeps of what its peer holds, all pieces together (16 bytes each): far
/// above a real table, whose devices hold a few thousand files each.
const MAX_KNOWN_RANGES: usize = 262_144;

/// Ranges per `Have` message: at most 20 bytes each encoded, well within one frame.
const RANGES_PER_PIECE: usize = 2_000;

/// The files a device holds, as (author, sequence) ranges: `author` is the 16 hex characters
/// of the file's folder, ranges are inclusive and kept sorted and disjoint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Have {
    authors: BTreeMap<String, Vec<(u64, u64)>>,
}

/// The (author, sequence) of a change file name: `<16 hex>/<16 hex>.cst`, or the spare name its
/// author wrote it under when that name was taken, `<16 hex>/<16 hex>-<16 hex>.cst` (the same
/// file: one per author and sequence number).
fn hex16(s: &str) -> bool {
    s.len() == 16
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub fn parse_name(name: &str) -> Option<(&str, u64)> {
    let (dir, file) = name.split_once('/')?;
    let stem = file.strip_suffix(".cst")?;
    let seq = match stem.split_once('-') {
        Some((seq, digest)) if hex16(digest) => seq,
        Some(_) => return None,
        None => stem,
    };
    if !hex16(dir) || !hex16(seq) {
        return None;
    }
    Some((dir, u64::from_str_radix(seq, 16).ok()?))
}

impl Have {
    /// From file names; names that are not change files are ignored.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut have = Self::default();
        for n in names {
            have.insert(n);
        }
        have
    }

    pub fn contains(&self, name: &str) -> bool {
        let Some((author, seq)) = parse_name(name) else {
            return false;
        };
        self.authors.get(author).is_some_and(|ranges| {
            let i = ranges.partition_point(|&(_, end)| end < seq);
            ranges.get(i).is_some_and(|&(start, _)| start <= seq)
        })
    }

    /// Adds a change file name; returns false if it was there already or is not a change file.
    pub fn insert(&mut self, name: &str) -> bool {
        let Some((author, seq)) = parse_name(name) else {
            return false;
        };
        if self.contains(name) {
            return false;
        }
        let ranges = self.authors.entry(author.to_string()).or_default();
        let i = ranges.partition_point(|&(_, end)| end < seq);
        ranges.insert(i, (seq, seq));
        // Merge with the neighbours when they touch (no sequence number follows u64::MAX).
        if i + 1 < ranges.len() && seq.checked_add(1) == Some(ranges[i + 1].0) {
            ranges[i].1 = ranges[i + 1].1;
            ranges.remove(i + 1);
        }
        if i > 0 && ranges[i - 1].1.checked_add(1) == Some(seq) {
            ranges[i - 1].1 = ranges[i].1;
            ranges.remove(i);
        }
        true
    }

    /// Is this a `Have` a correct peer could send (sorted, disjoint, bounded)?
    fn well_formed(&self) -> bool {
        self.authors.len() <= MAX_AUTHORS
            && self.authors.iter().all(|(a, ranges)| {
                hex16(a)
                    && ranges.len() <= MAX_RANGES
                    && ranges.iter().all(|(s, e)| s <= e)
                    && ranges.windows(2).all(|w| w[0].1.saturating_add(1) < w[1].0)
            })
    }

    /// Cut into pieces that each fit one message (a device that is handed only some of an
    /// author's files holds many short ranges); the receiver merges them back.
    pub fn pieces(&self) -> Vec<Have> {
        let mut out = vec![Have::default()];
        let mut count = 0;
        for (author, ranges) in &self.authors {
            for chunk in ranges.chunks(RANGES_PER_PIECE) {
                if count + chunk.len() > RANGES_PER_PIECE {
                    out.push(Have::default());
                    count = 0;
                }
                let last = out.last_mut().expect("one piece at least");
                last.authors
                    .entry(author.clone())
                    .or_default()
                    .extend_from_slice(chunk);
                count += chunk.len();
            }
        }
        out
    }

    /// Adds everything `other` holds. Returns false, leaving `self` as it was, when the result
    /// would list more authors or ranges than a correct peer could (a peer that sends piece after
    /// piece of invented authors is not let grow this without bound).
    pub fn merge(&mut self, other: &Have) -> bool {
        let new_authors = other
            .authors
            .keys()
            .filter(|a| !self.authors.contains_key(*a))
            .count();
        if self.authors.len() + new_authors > MAX_AUTHORS {
            return false;
        }
        let ranges = |h: &Have| h.authors.values().map(Vec::len).sum::<usize>();
        if ranges(self) + ranges(other) > MAX_KNOWN_RANGES {
            return false;
        }
        for (author, theirs) in &other.authors {
            let ranges = self.authors.entry(author.clone()).or_default();
            *ranges = merged(ranges, theirs);
        }
        true
    }

    pub fn len(&self) -> u64 {
        self.authors
            .values()
            .flatten()
            .map(|(s, e)| e.saturating_sub(*s).saturating_add(1))
            .fold(0, u64::saturating_add)
    }

    pub fn is_empty(&self) -> bool {
        self.authors.is_empty()
    }
}

/// Two sorted lists of ranges as one, touching ranges joined.
fn merged(ours: &[(u64, u64)], theirs: &[(u64, u64)]) -> Vec<(u64, u64)> {
    let mut all: Vec<(u64, u64)> = ours.iter().chain(theirs).copied().collect();
    all.sort_unstable();
    let mut out: Vec<(u64, u64)> = Vec::with_capacity(all.len());
    for (s, e) in all {
        match out.last_mut() {
            Some(last) if s <= last.1.saturating_add(1) => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// One message on the channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Msg {
    /// The files the sender holds; sent first, and again whenever the sender wants to be sure.
    Have(Have),
    /// A part of a change file: `offset` is where `data` goes in a file of `total` bytes.
    Part {
        name: String,
        total: u32,
        offset: u32,
        data: Vec<u8>,
    },
}

impl Msg {
    pub fn encode(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// Decodes and checks a message from the peer.
    pub fn decode(bytes: &[u8]) -> Result<Self, LanError> {
        let msg: Msg = postcard::from_bytes(bytes).map_err(|_| LanError::Malformed)?;
        let ok = match &msg {
            Msg::Have(h) => h.well_formed(),
            Msg::Part {
                name,
                total,
                offset,
                data,
            } => {
                parse_name(name).is_some()
                    && (*total as usize) <= MAX_FILE_BYTES
                    && data.len() <= PART_BYTES
                    && (*offset as usize).saturating_add(data.len()) <= *total as usize
            }
        };
        ok.then_some(msg).ok_or(LanError::Malformed)
    }
}

/// How long a table's tag holds: a laptop that carries a table from network to network can be
/// told apart by its tags for an hour at most.
pub const TAG_PERIOD_SECS: u64 = 3600;

/// What a device says about a table in the open (discovery, the first frame of a connection):
/// 8 bytes derived from the table's id and the hour (`window`, see `tag_window`), so peers of the
/// same table find each other while neither the id nor a lasting mark of it is shown on the
/// network.
pub fn table_tag(table: &[u8], window: u64) -> [u8; 8] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"casustafel lan table tag v2");
    h.update(table);
    h.update(window.to_be_bytes());
    let mut tag = [0u8; 8];
    tag.copy_from_slice(&h.finalize()[..8]);
    tag
}

/// The tag window of a time (seconds since 1970).
pub fn tag_window(unix_secs: u64) -> u64 {
    unix_secs / TAG_PERIOD_SECS
}

/// Whether `tag` is `table`'s in `window` or a window next to it (clocks differ, hours turn).
pub fn is_table_tag(tag: &[u8], table: &[u8], window: u64) -> bool {
    [window.saturating_sub(1), window, window.saturating_add(1)]
        .iter()
        .any(|w| table_tag(table, *w) == tag)
}

/// A file cut into `Part` messages.
pub fn parts(file: &OutFile) -> Vec<Msg> {
    let total = file.bytes.len() as u32;
    let mut out: Vec<Msg> = file
        .bytes
        .chunks(PART_BYTES)
        .enumerate()
        .map(|(i, c)| Msg::Part {
            name: file.name.clone(),
            total,
            offset: (i * PART_BYTES) as u32,
            data: c.to_vec(),
        })
        .collect();
    if out.is_empty() {
        out.push(Msg::Part {
            name: file.name.clone(),
            total: 0,
            offset: 0,
            data: vec![],
        });
    }
    out
}

/// Puts parts back together, one file at a time, in order; anything else ends the connection.
#[derive(Debug, Default)]
pub struct Assembler {
    current: Option<(String, u32, Vec<u8>)>,
}

impl Assembler {
    /// Takes the next part; returns the file once it is whole.
    pub fn push(&mut self, msg: Msg) -> Result<Option<OutFile>, LanError> {
        let Msg::Part {
            name,
            total,
            offset,
            data,
        } = msg
        else {
            return Err(LanError::Malformed);
        };
        let (cur_name, cur_total, buf) = match self.current.take() {
            Some(c) => c,
            None => (name.clone(), total, Vec::new()),
        };
        if cur_name != name || cur_total != total || offset as usize != buf.len() {
            return Err(LanError::Malformed);
        }
        let mut buf = buf;
        buf.extend_from_slice(&data);
        if buf.len() == total as usize {
            return Ok(Some(OutFile { name, bytes: buf }));
        }
        if data.is_empty() {
            return Err(LanError::Malformed);
        }
        self.current = Some((cur_name, cur_total, buf));
        Ok(None)
    }
}

#[cfg(test)]
mod tests;
