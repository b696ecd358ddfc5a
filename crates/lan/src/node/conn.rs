//! One connection: the handshake, then a reader (this thread) and a writer (its own thread).
//!
//! Before the channel is open, frames carry a kind byte: `HELLO` (the table's tag), `NOISE` (a
//! handshake message) or `REFUSED` (a reason code, so the other side can say why). After it,
//! every frame is `DATA` with a sealed `Msg` (or `REFUSED`: the side that finished the handshake
//! last may still turn the other away).

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use casustafel_domain::TableId;
use casustafel_sync::DeviceId;

use super::Inner;
use crate::channel::{Channel, Handshake, LanError};
use crate::frame::{encode, Decoder};
use crate::proto::{is_table_tag, parts, table_tag, Assembler, Have, Msg};

const HELLO: u8 = 1;
const NOISE: u8 = 2;
const REFUSED: u8 = 3;
const DATA: u8 = 4;
const MAGIC: &[u8; 4] = b"CST1";

/// The longest wait for one read during the handshake; the whole handshake has `Options::
/// handshake_deadline`, however the peer doles out its bytes.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);
/// Files sent per look at what the peer lacks.
const BATCH: usize = 32;

struct Wire {
    stream: TcpStream,
    decoder: Decoder,
    pending: std::collections::VecDeque<Vec<u8>>,
    /// Until the channel is open: when the handshake must be over.
    deadline: Option<Instant>,
}

impl Wire {
    fn send(&mut self, bytes: &[u8]) -> Result<(), LanError> {
        let frame = encode(bytes)?;
        self.stream.write_all(&frame).map_err(io)
    }

    fn recv(&mut self) -> Result<Vec<u8>, LanError> {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            if let Some(f) = self.pending.pop_front() {
                return Ok(f);
            }
            if let Some(deadline) = self.deadline {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(LanError::Io("timed out".into()));
                }
                let _ = self
                    .stream
                    .set_read_timeout(Some(left.min(HANDSHAKE_TIMEOUT)));
            }
            let n = self.stream.read(&mut buf).map_err(io)?;
            if n == 0 {
                return Err(LanError::Io("closed".into()));
            }
            self.pending.extend(self.decoder.push(&buf[..n])?);
        }
    }
}

fn io(e: std::io::Error) -> LanError {
    LanError::Io(e.kind().to_string())
}

fn refuse(wire: &mut Wire, why: &LanError) {
    let mut f = vec![REFUSED];
    f.extend_from_slice(why.code().as_bytes());
    let _ = wire.send(&f);
}

/// Reads a handshake frame of kind `NOISE`; a `REFUSED` frame becomes the peer's reason.
fn noise(wire: &mut Wire) -> Result<Vec<u8>, LanError> {
    let f = wire.recv()?;
    match f.split_first() {
        Some((&NOISE, rest)) => Ok(rest.to_vec()),
        Some((&REFUSED, rest)) => Err(refused_code(rest)),
        _ => Err(LanError::Handshake),
    }
}

/// The reason a peer gave, as one of ours (anything else is a failed handshake).
fn refused_code(code: &[u8]) -> LanError {
    match code {
        b"unknown_device" => LanError::UnknownDevice,
        b"removed" => LanError::Removed,
        b"wrong_table" => LanError::WrongTable,
        _ => LanError::Handshake,
    }
}

fn with_kind(kind: u8, bytes: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(bytes.len() + 1);
    f.push(kind);
    f.extend_from_slice(bytes);
    f
}

/// Runs the connection until it ends. `table` is set when this device dialed. Returns whether a
/// channel was established.
pub(super) fn run(inner: Arc<Inner>, stream: TcpStream, table: Option<TableId>) -> bool {
    let peer_addr = stream
        .peer_addr()
        .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(HANDSHAKE_TIMEOUT));
    let _ = stream.set_write_timeout(Some(inner.silence));
    let Ok(clone) = stream.try_clone() else {
        return false;
    };
    let mut wire = Wire {
        stream: clone,
        decoder: Decoder::default(),
        pending: Default::default(),
        deadline: Some(Instant::now() + inner.handshake_deadline),
    };
    let me = match inner.library.keys() {
        Some(k) => k,
        None => return false,
    };
    let dialed = table.is_some();
    let result = match table {
        Some(t) => initiate(&inner, &mut wire, &me, t).map(|c| (t, c)),
        None => respond(&inner, &mut wire, &me),
    };
    let (table, channel) = match result {
        Ok(x) => x,
        Err((t, e)) => {
            log::info!("lan: connection with {peer_addr} refused or failed: {e}");
            if let Some(t) = t.or(table) {
                // The dialed address keeps its reason; a caller is listed by its address alone
                // (it calls from a passing port).
                let at = if dialed {
                    peer_addr
                } else {
                    SocketAddr::new(peer_addr.ip(), 0)
                };
                inner.peers.failed(t, at, None, &e);
            }
            let _ = stream.shutdown(Shutdown::Both);
            return false;
        }
    };
    wire.deadline = None;
    let peer = channel.peer;
    let conn = inner
        .next_conn
        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let initiator = if dialed {
        me.id().agreement
    } else {
        peer.agreement
    };
    if !inner.link_up(table, peer, conn, initiator, &stream) {
        let _ = stream.shutdown(Shutdown::Both);
        return true;
    }
    inner.peers.connected(table, peer, peer_addr, dialed);
    log::info!("lan: connected to {} at {peer_addr}", peer.fingerprint());
    let _ = stream.set_read_timeout(Some(inner.silence));
    let channel = Arc::new(Mutex::new(channel));
    let known = Arc::new(Mutex::new(Have::default()));
    let writer = {
        let (inner, channel, known) = (inner.clone(), channel.clone(), known.clone());
        let Ok(out) = stream.try_clone() else {
            inner.link_down(table, peer, conn);
            let _ = stream.shutdown(Shutdown::Both);
            return true;
        };
        std::thread::Builder::new()
            .name("lan-write".into())
            .spawn(move || write_loop(inner, out, channel, known, table, peer))
    };
    let why = read_loop(&inner, wire, &channel, &known, table, peer);
    let _ = stream.shutdown(Shutdown::Both);
    if let Ok(w) = writer {
        let _ = w.join();
    }
    if inner.link_down(table, peer, conn) {
        log::info!("lan: {} gone: {why}", peer.fingerprint());
        inner.peers.lost(table, peer, &why);
    }
    inner.notify();
    true
}

type Failed = (Option<TableId>, LanError);

fn initiate(
    inner: &Inner,
    wire: &mut Wire,
    me: &casustafel_sync::DeviceKeys,
    table: TableId,
) -> Result<Channel, Failed> {
    let fail = |e| (Some(table), e);
    let mut hello = MAGIC.to_vec();
    hello.extend_from_slice(&table_tag(table.0.as_bytes(), inner.window()));
    wire.send(&with_kind(HELLO, &hello)).map_err(fail)?;
    let (mut hs, m1) = Handshake::initiate(me, table.0.as_bytes()).map_err(fail)?;
    wire.send(&with_kind(NOISE, &m1)).map_err(fail)?;
    let m2 = noise(wire).map_err(fail)?;
    let m3 = hs
        .read(&m2)
        .map_err(fail)?
        .ok_or(fail(LanError::Handshake))?;
    wire.send(&with_kind(NOISE, &m3)).map_err(fail)?;
    let access = inner
        .library
        .access(table)
        .ok_or(fail(LanError::WrongTable))?;
    match hs.finish(&access) {
        Ok(c) => Ok(c),
        Err(e) => {
            refuse(wire, &e);
            Err(fail(e))
        }
    }
}

fn respond(
    inner: &Inner,
    wire: &mut Wire,
    me: &casustafel_sync::DeviceKeys,
) -> Result<(TableId, Channel), Failed> {
    let hello = wire.recv().map_err(|e| (None, e))?;
    let tag = match hello.split_first() {
        Some((&HELLO, rest)) if rest.len() == 12 && &rest[..4] == MAGIC => &rest[4..],
        _ => return Err((None, LanError::Handshake)),
    };
    let Some(table) = inner
        .library
        .tables()
        .into_iter()
        .find(|t| is_table_tag(tag, t.0.as_bytes(), inner.window()))
    else {
        refuse(wire, &LanError::WrongTable);
        return Err((None, LanError::WrongTable));
    };
    let fail = |e| (Some(table), e);
    let mut hs = Handshake::respond(me, table.0.as_bytes()).map_err(fail)?;
    let m1 = noise(wire).map_err(fail)?;
    let m2 = hs
        .read(&m1)
        .map_err(fail)?
        .ok_or(fail(LanError::Handshake))?;
    wire.send(&with_kind(NOISE, &m2)).map_err(fail)?;
    let m3 = noise(wire).map_err(fail)?;
    hs.read(&m3).map_err(fail)?;
    let access = inner
        .library
        .access(table)
        .ok_or(fail(LanError::WrongTable))?;
    match hs.finish(&access) {
        Ok(c) => Ok((table, c)),
        Err(e) => {
            refuse(wire, &e);
            Err(fail(e))
        }
    }
}

fn send_msg(out: &mut TcpStream, channel: &Mutex<Channel>, msg: &Msg) -> Result<(), LanError> {
    let sealed = channel
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .seal(&msg.encode())?;
    out.write_all(&encode(&with_kind(DATA, &sealed))?)
        .map_err(io)
}

/// Whether `peer` still belongs to the table; if not (removed meanwhile), it is told why and
/// the connection ends.
fn still_member(inner: &Inner, out: &mut TcpStream, table: TableId, peer: DeviceId) -> bool {
    let why = match inner.library.access(table) {
        None => LanError::WrongTable,
        Some(a) => match a.members.get(&peer) {
            None => LanError::UnknownDevice,
            Some(m) if m.removed => LanError::Removed,
            Some(_) => return true,
        },
    };
    log::info!("lan: {} turned away: {why}", peer.fingerprint());
    inner.peers.lost(table, peer, &why);
    if let Ok(frame) = encode(&with_kind(REFUSED, why.code().as_bytes())) {
        let _ = out.write_all(&frame);
    }
    let _ = out.shutdown(Shutdown::Both);
    false
}

fn write_loop(
    inner: Arc<Inner>,
    mut out: TcpStream,
    channel: Arc<Mutex<Channel>>,
    known: Arc<Mutex<Have>>,
    table: TableId,
    peer: DeviceId,
) {
    // Each side tells what it holds this often; it keeps the connection alive, and it is when
    // a peer removed from the table meanwhile is turned away.
    let keepalive = inner.silence / 4;
    let mut last_have = None::<std::time::Instant>;
    let mut generation = 0;
    loop {
        if inner.stopped() {
            return;
        }
        if last_have.is_none_or(|t| t.elapsed() >= keepalive) {
            if !still_member(&inner, &mut out, table, peer) {
                return;
            }
            for piece in inner.library.have(table).pieces() {
                if send_msg(&mut out, &channel, &Msg::Have(piece)).is_err() {
                    return;
                }
            }
            last_have = Some(std::time::Instant::now());
        }
        let peer_has = known.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let files = inner.library.missing(table, &peer, &peer_has, BATCH);
        let full = files.len() == BATCH;
        if !files.is_empty() && !still_member(&inner, &mut out, table, peer) {
            return;
        }
        for f in &files {
            for part in parts(f) {
                if send_msg(&mut out, &channel, &part).is_err() {
                    return;
                }
            }
            known
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(&f.name);
        }
        if !files.is_empty() {
            inner.peers.exchanged(table, peer, SystemTime::now());
        }
        if !full {
            generation = inner.wait(generation, keepalive.min(Duration::from_secs(1)));
        }
    }
}

/// Reads until the connection ends; returns why it ended. Files that arrive together (in one
/// read from the socket) go to the library together.
fn read_loop(
    inner: &Inner,
    mut wire: Wire,
    channel: &Mutex<Channel>,
    known: &Mutex<Have>,
    table: TableId,
    peer: DeviceId,
) -> LanError {
    let mut assembler = Assembler::default();
    let mut batch = Vec::new();
    loop {
        let frame = match wire.recv() {
            Ok(f) => f,
            Err(e) => return e,
        };
        let sealed = match frame.split_first() {
            Some((&DATA, rest)) => rest,
            Some((&REFUSED, rest)) => return refused_code(rest),
            _ => return LanError::Malformed,
        };
        let opened = channel
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .open(sealed);
        let msg = match opened.and_then(|p| Msg::decode(&p)) {
            Ok(m) => m,
            Err(e) => return e,
        };
        match msg {
            Msg::Have(h) => {
                if !known.lock().unwrap_or_else(|p| p.into_inner()).merge(&h) {
                    return LanError::Malformed;
                }
                inner.notify();
            }
            part @ Msg::Part { .. } => match assembler.push(part) {
                Ok(Some(file)) => {
                    known
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .insert(&file.name);
                    batch.push(file);
                }
                Ok(None) => {}
                Err(e) => return e,
            },
        }
        if !batch.is_empty() && wire.pending.is_empty() {
            if !inner
                .library
                .receive(table, peer, std::mem::take(&mut batch))
            {
                return LanError::Io("locked".into());
            }
            inner.peers.exchanged(table, peer, SystemTime::now());
            inner.notify();
        }
    }
}
