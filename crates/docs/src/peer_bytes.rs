//! What another device may hand to Automerge. Its bytes are small (the envelope caps a file), but
//! Automerge's storage format can make small bytes large: a compressed chunk inflates (deflate),
//! and a change's columns are run-length encoded, so a hundred bytes can stand for millions of
//! operations, each of which Automerge builds in memory. So before Automerge sees them, peer bytes
//! must be plain change chunks (what `save_after` writes; never compressed, never a whole
//! document), and the operations they hold, counted from the run lengths without expanding
//! anything, must stay under `MAX_PEER_OPS`.
//!
//! The layout read here is Automerge's binary format: per chunk the magic bytes, a checksum, the
//! chunk type and the length; a change chunk's header (dependencies, actor, sequence number, first
//! operation, time, message, other actors), then its column list and the columns. Every change
//! has an action column, one entry per operation, so its run lengths add up to the operation
//! count. Automerge parses everything again itself: this only bounds what it will be asked to do.

/// The most operations one file from a peer may hold. An honest export is the work done on one
/// device since its last export: hours of typed notes are tens of thousands of operations.
pub const MAX_PEER_OPS: u64 = 200_000;

const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
const CHANGE_CHUNK: u8 = 1;
/// Column id 4 (action), type 2 (integer), not deflated.
const ACTION_COLUMN: u64 = (4 << 4) | 2;

/// Why peer bytes were refused before Automerge saw them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeerBytesError {
    /// A compressed change, a whole document or a bundle: nothing a device sends.
    #[error("holds packed data (chunk type {0}), which is not taken from other devices")]
    Packed(u8),
    /// The run lengths stand for more operations than a file may hold.
    #[error("stands for more than {MAX_PEER_OPS} operations")]
    TooManyOps,
    #[error("not Automerge change bytes")]
    Malformed,
}

/// Checks that `bytes` are plain change chunks holding at most `MAX_PEER_OPS` operations in all,
/// and returns how many they hold. Never expands anything: the cost is the size of the bytes.
pub fn check(bytes: &[u8]) -> Result<u64, PeerBytesError> {
    let mut rest = bytes;
    let mut ops: u64 = 0;
    while !rest.is_empty() {
        let chunk = next_chunk(&mut rest)?;
        ops = ops
            .checked_add(change_ops(chunk)?)
            .filter(|n| *n <= MAX_PEER_OPS)
            .ok_or(PeerBytesError::TooManyOps)?;
    }
    Ok(ops)
}

/// Splits the next chunk's data off `rest`; only change chunks are taken.
fn next_chunk<'a>(rest: &mut &'a [u8]) -> Result<&'a [u8], PeerBytesError> {
    let magic = take(rest, 4)?;
    if magic != MAGIC {
        return Err(PeerBytesError::Malformed);
    }
    let _checksum = take(rest, 4)?;
    let kind = take(rest, 1)?[0];
    let len = uleb(rest)?;
    if kind != CHANGE_CHUNK {
        return Err(PeerBytesError::Packed(kind));
    }
    take(
        rest,
        usize::try_from(len).map_err(|_| PeerBytesError::Malformed)?,
    )
}

/// How many operations a change chunk's action column stands for.
fn change_ops(mut data: &[u8]) -> Result<u64, PeerBytesError> {
    let d = &mut data;
    let deps = uleb(d)?;
    for _ in 0..deps {
        take(d, 32)?;
    }
    skip_prefixed(d)?; // actor
    uleb(d)?; // seq
    uleb(d)?; // start op
    sleb(d)?; // time
    skip_prefixed(d)?; // message
    let others = uleb(d)?;
    for _ in 0..others {
        skip_prefixed(d)?;
    }
    let columns = uleb(d)?;
    let mut offset: u64 = 0;
    let mut action = None;
    for _ in 0..columns {
        let spec = uleb(d)?;
        let len = uleb(d)?;
        if spec & !0b1000 == ACTION_COLUMN {
            if spec != ACTION_COLUMN {
                // A deflated column: Automerge refuses it in a change, and so does this.
                return Err(PeerBytesError::Packed(CHANGE_CHUNK));
            }
            action = Some((offset, len));
        }
        offset = offset.checked_add(len).ok_or(PeerBytesError::Malformed)?;
    }
    let Some((start, len)) = action else {
        return Ok(0);
    };
    let start = usize::try_from(start).map_err(|_| PeerBytesError::Malformed)?;
    let len = usize::try_from(len).map_err(|_| PeerBytesError::Malformed)?;
    let column = d
        .get(start..)
        .and_then(|c| c.get(..len))
        .ok_or(PeerBytesError::Malformed)?;
    run_length_count(column)
}

/// The number of entries of a run-length encoded integer column: a positive count is a run of
/// one value, a negative one that many literal values, zero a run of nulls.
fn run_length_count(mut column: &[u8]) -> Result<u64, PeerBytesError> {
    let c = &mut column;
    let mut n: u64 = 0;
    while !c.is_empty() {
        let count = sleb(c)?;
        let entries = match count {
            k if k > 0 => {
                uleb(c)?;
                k.unsigned_abs()
            }
            k if k < 0 => {
                let k = k.unsigned_abs();
                if k > MAX_PEER_OPS {
                    return Err(PeerBytesError::TooManyOps);
                }
                for _ in 0..k {
                    uleb(c)?;
                }
                k
            }
            _ => uleb(c)?,
        };
        n = n
            .checked_add(entries)
            .filter(|n| *n <= MAX_PEER_OPS)
            .ok_or(PeerBytesError::TooManyOps)?;
    }
    Ok(n)
}

fn take<'a>(rest: &mut &'a [u8], n: usize) -> Result<&'a [u8], PeerBytesError> {
    if rest.len() < n {
        return Err(PeerBytesError::Malformed);
    }
    let (head, tail) = rest.split_at(n);
    *rest = tail;
    Ok(head)
}

fn skip_prefixed(rest: &mut &[u8]) -> Result<(), PeerBytesError> {
    let len = uleb(rest)?;
    take(
        rest,
        usize::try_from(len).map_err(|_| PeerBytesError::Malformed)?,
    )
    .map(|_| ())
}

fn uleb(rest: &mut &[u8]) -> Result<u64, PeerBytesError> {
    leb128::read::unsigned(rest).map_err(|_| PeerBytesError::Malformed)
}

fn sleb(rest: &mut &[u8]) -> Result<i64, PeerBytesError> {
    leb128::read::signed(rest).map_err(|_| PeerBytesError::Malformed)
}

#[cfg(test)]
mod tests;
