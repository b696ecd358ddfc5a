//! The sync state machine of one device: it writes its own files (changes and key grants) and
//! decides for every file it reads whether to apply it, wait, ignore it as already seen, or set it
//! aside. It does no IO: a transport (shared folder, network) hands it bytes and stores what it
//! returns, and the caller applies the Automerge changes it releases.

use std::collections::{BTreeMap, BTreeSet};

use rand_core::CryptoRngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use casustafel_domain::rights::Rights;
use casustafel_domain::TableId;

use crate::access::{Access, DocRef};
use crate::envelope::{self, Binding, DocKey, Inner, Payload, Rejection, Verified};
use crate::keys::{DeviceId, DeviceKeys};

/// A file to write: its name (relative, under the author's own folder) and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What became of a file read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A change to apply to `doc`, by `author` with `rights` (what the rulebook lets it do with
    /// this file: judged as a member's where the keeper vouched for it).
    Change {
        doc: DocRef,
        author: DeviceId,
        rights: Rights,
        bytes: Vec<u8>,
    },
    /// A document key for this device, now known.
    Key { doc: DocRef, epoch: u32 },
    /// Seen before (folders are read again and again): nothing to do.
    Duplicate,
    /// Not for this device: a key sealed to another device.
    NotForMe,
    /// Its author is not (yet) known as a member of this table: it may be admitted later. Never
    /// marked as seen; read again once the table document names it.
    Stranger { author: DeviceId },
    /// Its box opens with no key here: a key sealed to another device, or a change under a table
    /// key this device does not hold (yet). Never marked as seen; read again when a key arrives.
    Opaque,
    /// Cannot be used yet: the register's keeper has not vouched for it yet, or this device holds no key for `doc` (it may
    /// come: a new reader receives the keys of every epoch, and then needs every earlier change).
    /// Never marked as seen; read again when a key or the table document arrives.
    Waiting { doc: Option<DocRef> },
    /// Refused for good, with the reason; marked as seen so it costs nothing next time.
    SetAside(Rejection),
}

/// What a device remembers between runs (kept in its encrypted store). Its `Debug` shows how
/// many keys it holds, never a key.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct EngineState {
    pub next_seq: u64,
    /// Document keys per epoch; the highest epoch is the one written with.
    pub keys: BTreeMap<DocRef, BTreeMap<u32, [u8; 32]>>,
    /// Files already dealt with, per author.
    pub seen: BTreeMap<DeviceId, BTreeSet<u64>>,
    /// The devices this device has handed each document's keys to.
    #[serde(default)]
    pub granted: BTreeMap<DocRef, BTreeSet<DeviceId>>,
}

pub struct Engine {
    me: DeviceKeys,
    /// The table this engine syncs: every file it writes names it, every file it reads must.
    table: TableId,
    state: EngineState,
    /// What the files written by this engine are about (see `about`).
    made: BTreeMap<String, About>,
}

/// What a file is about: its document, and for a key grant the device it is sealed to.
pub type About = (DocRef, Option<DeviceId>);

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("me", &self.me).finish()
    }
}

impl std::fmt::Debug for EngineState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys: BTreeMap<&DocRef, Vec<&u32>> = self
            .keys
            .iter()
            .map(|(d, k)| (d, k.keys().collect()))
            .collect();
        f.debug_struct("EngineState")
            .field("next_seq", &self.next_seq)
            .field("key_epochs", &keys)
            .field(
                "seen",
                &self.seen.values().map(BTreeSet::len).sum::<usize>(),
            )
            .field("granted", &self.granted.len())
            .finish()
    }
}

impl EngineState {
    /// How many of `author`'s files this device has dealt with in a row from the first: every
    /// file with a lower sequence number (what the keeper vouches for).
    pub fn dealt_prefix(&self, author: &DeviceId) -> u64 {
        let Some(seen) = self.seen.get(author) else {
            return 0;
        };
        let mut next = 0;
        for s in seen {
            if *s != next {
                break;
            }
            next += 1;
        }
        next
    }
}

impl Engine {
    pub fn new(me: DeviceKeys, table: TableId, state: EngineState) -> Self {
        Self {
            me,
            table,
            state,
            made: BTreeMap::new(),
        }
    }

    pub fn table(&self) -> TableId {
        self.table
    }

    /// Whether `doc` can be a document of this table. A meeting or case document is checked
    /// against the profile by the caller (which table it belongs to is known there).
    fn of_this_table(&self, doc: DocRef) -> bool {
        match doc {
            DocRef::Table(t) | DocRef::Register(t) => t == self.table,
            DocRef::Meeting(_) | DocRef::Case(_) => true,
        }
    }

    pub fn id(&self) -> DeviceId {
        self.me.id()
    }

    pub fn state(&self) -> &EngineState {
        &self.state
    }

    /// Takes the next sequence number for a file sealed by `seal` (given it), and writes the file.
    fn next(&mut self, about: About, seal: impl FnOnce(u64) -> Payload) -> OutFile {
        let seq = self.state.next_seq;
        self.state.next_seq += 1;
        self.state.seen.entry(self.me.id()).or_default().insert(seq);
        let bytes = envelope::write(&self.me, &seal(seq));
        let name = envelope::file_name(&self.me.id(), seq);
        self.made.insert(name.clone(), about);
        OutFile { name, bytes }
    }

    /// What a file is about, for handing it on only to devices that may read it: its document,
    /// and for a key grant the device it is sealed to. Known for the files this engine wrote, and
    /// for a change whose box the table's keys here open; `None` for anything else (a key sealed
    /// to another device, or a file that does not verify), which is handed to nobody.
    pub fn about(&self, file: &OutFile) -> Option<About> {
        if let Some(a) = self.made.get(&file.name) {
            return Some(*a);
        }
        let v = envelope::read(&file.bytes, Some(&file.name)).ok()?;
        match self.open(&v)? {
            Inner::Change { table, doc, .. } if table == self.table => Some((doc, None)),
            Inner::Grant { table, doc, to, .. } if table == self.table => Some((doc, Some(to))),
            _ => None,
        }
    }

    /// The table document's keys held here, newest first: the routing keys a box may be under.
    fn table_keys(&self) -> Vec<DocKey> {
        self.state
            .keys
            .get(&DocRef::Table(self.table))
            .map(|k| k.values().rev().map(|k| Zeroizing::new(*k)).collect())
            .unwrap_or_default()
    }

    fn open(&self, v: &Verified) -> Option<Inner> {
        envelope::open(&v.author, &v.payload, &self.table_keys(), &self.me)
    }

    fn current_key(&self, doc: DocRef) -> Option<(u32, DocKey)> {
        self.state
            .keys
            .get(&doc)
            .and_then(|k| k.iter().next_back())
            .map(|(e, k)| (*e, Zeroizing::new(*k)))
    }

    /// The welcome for a device that joined with `invitation` (see `enrol`).
    pub fn welcome(
        &self,
        invitation: &crate::enrol::Invitation,
        table_name: &str,
        rng: &mut impl CryptoRngCore,
    ) -> OutFile {
        crate::enrol::welcome(&self.me, invitation, table_name, rng)
    }

    /// The refusal of a join request (expired or used code), see `enrol::refusal`.
    pub fn refuse(
        &self,
        invitations: &[crate::enrol::Invitation],
        request: &[u8],
        reason: &crate::enrol::EnrolError,
        rng: &mut impl CryptoRngCore,
    ) -> Option<OutFile> {
        crate::enrol::refusal(&self.me, invitations, request, reason, rng)
    }

    pub fn has_key(&self, doc: DocRef) -> bool {
        self.current_key(doc).is_some()
    }

    /// Creates the first key of a document this device starts sharing (or a new epoch, see
    /// `rotate`) and grants it to every reader. Returns the grant files to write.
    pub fn rotate(
        &mut self,
        doc: DocRef,
        access: &Access,
        rng: &mut impl CryptoRngCore,
    ) -> Vec<OutFile> {
        // No epoch after the last: the keys there are kept, nothing is rotated.
        let Some(epoch) = self
            .current_key(doc)
            .map_or(Some(0), |(e, _)| e.checked_add(1))
        else {
            return Vec::new();
        };
        let mut key = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(key.as_mut());
        self.state.keys.entry(doc).or_default().insert(epoch, *key);
        self.grant_to(doc, epoch, &key, access.readers(doc), rng)
    }

    /// Keeps the keys of `doc` where they belong: a first key if there is none; its keys to every
    /// reader who lacks them; and a new epoch for the remaining readers when a device that had
    /// them may no longer read (a removed member), so what is written next is closed to it.
    pub fn share(
        &mut self,
        doc: DocRef,
        access: &Access,
        rng: &mut impl CryptoRngCore,
    ) -> Vec<OutFile> {
        let readers: BTreeSet<DeviceId> = access.readers(doc).into_iter().collect();
        let granted = self.state.granted.get(&doc).cloned().unwrap_or_default();
        let revoked = granted.iter().any(|d| !readers.contains(d));
        let out = if !self.has_key(doc) || revoked {
            self.rotate(doc, access, rng)
        } else {
            let new: Vec<DeviceId> = readers.difference(&granted).copied().collect();
            self.grant_all(doc, &new, rng)
        };
        self.state.granted.insert(doc, readers);
        out
    }

    /// Grants the keys of every epoch of `doc` to `devices` (a newly enrolled reader sees history).
    pub fn grant_all(
        &mut self,
        doc: DocRef,
        devices: &[DeviceId],
        rng: &mut impl CryptoRngCore,
    ) -> Vec<OutFile> {
        let epochs: Vec<(u32, [u8; 32])> = self
            .state
            .keys
            .get(&doc)
            .map(|k| k.iter().map(|(e, k)| (*e, *k)).collect())
            .unwrap_or_default();
        let mut out = Vec::new();
        for (epoch, key) in epochs {
            let key = Zeroizing::new(key);
            out.extend(self.grant_to(doc, epoch, &key, devices.to_vec(), rng));
        }
        out
    }

    fn grant_to(
        &mut self,
        doc: DocRef,
        epoch: u32,
        key: &DocKey,
        devices: Vec<DeviceId>,
        rng: &mut impl CryptoRngCore,
    ) -> Vec<OutFile> {
        let me = self.me.id();
        devices
            .into_iter()
            .filter(|d| *d != me)
            .map(|to| {
                let seq = self.state.next_seq;
                let at = Binding {
                    table: self.table,
                    author: me,
                    seq,
                    doc,
                    epoch,
                };
                self.next((doc, Some(to)), |seq| {
                    envelope::seal_grant(Binding { seq, ..at }, key, &to, rng)
                })
            })
            .collect()
    }

    /// Wraps a local change of `doc` for the others. `None` when this device holds no key for it
    /// (it was never shared with this device).
    pub fn seal_change(
        &mut self,
        doc: DocRef,
        change: &[u8],
        rng: &mut impl CryptoRngCore,
    ) -> Option<OutFile> {
        let (epoch, key) = self.current_key(doc)?;
        let (_, route) = self.current_key(DocRef::Table(self.table))?;
        let me = self.me.id();
        let table = self.table;
        Some(self.next((doc, None), |seq| {
            let at = Binding {
                table,
                author: me,
                seq,
                doc,
                epoch,
            };
            envelope::seal_change(at, &route, &key, change, rng)
        }))
    }

    fn mark(&mut self, author: DeviceId, seq: u64) {
        self.state.seen.entry(author).or_default().insert(seq);
    }

    /// Reads one file. `access` is the table's current view of who may do what.
    pub fn receive(&mut self, name: Option<&str>, bytes: &[u8], access: &Access) -> Outcome {
        let verified = match envelope::read(bytes, name) {
            Ok(v) => v,
            Err(r) => return Outcome::SetAside(r),
        };
        let author = verified.author;
        let seq = verified.payload.seq;
        if self
            .state
            .seen
            .get(&author)
            .is_some_and(|s| s.contains(&seq))
        {
            return Outcome::Duplicate;
        }
        let Some(member) = access.members.get(&author) else {
            // The signature covers the payload under the signing key only: a member's file with
            // another agreement key pasted in still verifies, and must count as a forgery, not as
            // a stranger's file waiting under the member's name.
            if access.members.keys().any(|m| m.signing == author.signing) {
                return Outcome::SetAside(Rejection::BadSignature);
            }
            return Outcome::Stranger { author };
        };
        let Some(inner) = self.open(&verified) else {
            return Outcome::Opaque;
        };
        // A file of another table, or about another table's document, changes nothing here:
        // a table's members (its chair included) have no say over any other table.
        if inner.table() != self.table || !self.of_this_table(inner.doc()) {
            return Outcome::SetAside(Rejection::OtherTable);
        }
        // Every device but the keeper applies another member's file only once the keeper vouched
        // for it (the keeper judges with the membership as it stands). So a device removed
        // meanwhile is judged alike everywhere: what the keeper vouched for before the removal
        // counts, nothing after, in whatever order files and the removal arrive.
        let keeper_here = access.keeper == Some(self.me.id());
        let vouched = keeper_here || access.vouched(&author, seq);
        if !vouched && !member.removed && matches!(inner, Inner::Change { .. }) {
            return Outcome::Waiting {
                doc: Some(inner.doc()),
            };
        }
        let judge = |doc: DocRef| -> (Rights, bool) {
            if keeper_here {
                (access.rights(&author), access.may_write(&author, doc))
            } else {
                (
                    access.rights_at(&author, seq),
                    access.may_write_at(&author, doc, seq),
                )
            }
        };
        let outcome = match inner {
            Inner::Grant {
                doc,
                epoch,
                to,
                key,
                ..
            } => {
                let key = Zeroizing::new(key);
                if to != self.me.id() {
                    Outcome::NotForMe
                } else if !access.may_grant(&author) {
                    Outcome::SetAside(Rejection::NotAllowed)
                } else {
                    // A key known for this epoch is never replaced: what was sealed under it
                    // stays readable.
                    self.state
                        .keys
                        .entry(doc)
                        .or_default()
                        .entry(epoch)
                        .or_insert(*key);
                    Outcome::Key { doc, epoch }
                }
            }
            Inner::Change {
                doc,
                epoch,
                nonce,
                ciphertext,
                ..
            } => {
                let (rights, allowed) = judge(doc);
                // Not vouched for, from a removed device: never will be.
                if !allowed || !vouched {
                    Outcome::SetAside(Rejection::NotAllowed)
                } else {
                    let key = self
                        .state
                        .keys
                        .get(&doc)
                        .and_then(|k| k.get(&epoch))
                        .map(|k| Zeroizing::new(*k));
                    match key {
                        // The key may still come (this device may become a reader later).
                        None => return Outcome::Waiting { doc: Some(doc) },
                        Some(key) => match envelope::open_change(
                            Binding {
                                table: self.table,
                                author,
                                seq,
                                doc,
                                epoch,
                            },
                            &key,
                            &nonce,
                            &ciphertext,
                        ) {
                            Ok(bytes) => Outcome::Change {
                                doc,
                                author,
                                rights,
                                bytes,
                            },
                            Err(r) => Outcome::SetAside(r),
                        },
                    }
                }
            }
        };
        self.mark(author, seq);
        outcome
    }
}

#[cfg(test)]
mod tests;
