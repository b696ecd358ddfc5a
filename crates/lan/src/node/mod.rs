//! The socket adapter: a TCP listener, dial targets found by mDNS or typed by a person, and one
//! thread pair per connection. It holds no sync rules: it moves the engine's files between the
//! `Library` (the store, behind the app's lock) and peers that passed the handshake. Everything
//! a peer sends is checked by the channel (authentication, bounds) and then by the store's sync
//! engine (signature, need to know, write rights), exactly as for the shared folder.

mod conn;
mod discovery;
mod peers;

use std::collections::BTreeMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use casustafel_domain::TableId;
use casustafel_sync::{Access, DeviceId, DeviceKeys, OutFile};

pub use peers::{PeerState, PeerView};

use crate::proto::Have;

/// What the node needs from the device's store. Implementations lock the store briefly; when
/// the profile is locked they answer with nothing, and the node serves nobody.
pub trait Library: Send + Sync + 'static {
    /// This device's keys, if the profile is unlocked.
    fn keys(&self) -> Option<DeviceKeys>;
    /// The tables this device shares.
    fn tables(&self) -> Vec<TableId>;
    /// The tables to announce and look for on the network now (mDNS): announcing says, to anyone
    /// listening, that a device of some table is here, so a device does it only while it has a
    /// reason to. Typed addresses and callers are served for every table.
    fn discoverable(&self) -> Vec<TableId> {
        self.tables()
    }
    /// Who belongs to `table`, as this device knows it now.
    fn access(&self, table: TableId) -> Option<Access>;
    /// The change files of `table` held here (received, read or written).
    fn have(&self, table: TableId) -> Have;
    /// Up to `limit` files held here that `peer`, holding `has`, lacks and may be handed.
    fn missing(&self, table: TableId, peer: &DeviceId, has: &Have, limit: usize) -> Vec<OutFile>;
    /// Files a peer sent, not yet verified. `false` if they could not be taken now (locked).
    fn receive(&self, table: TableId, from: DeviceId, files: Vec<OutFile>) -> bool;
}

/// How the node runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The TCP port to listen on; another one is taken if it is in use. 0: any.
    pub port: u16,
    /// Announce and look for peers with mDNS.
    pub discovery: bool,
    /// A peer that says nothing for this long is taken to be gone (laptop asleep, Wi-Fi lost)
    /// and reconnected; each side speaks at least four times as often.
    pub silence: Duration,
    /// How long a connection may take to open the channel, all handshake messages together.
    pub handshake_deadline: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            port: DEFAULT_PORT,
            discovery: true,
            silence: DEFAULT_SILENCE,
            handshake_deadline: DEFAULT_HANDSHAKE_DEADLINE,
        }
    }
}

pub const DEFAULT_HANDSHAKE_DEADLINE: Duration = Duration::from_secs(10);

/// Connections this node serves at once (each has a thread or two); callers beyond are hung up
/// on at once. A meeting room has a dozen devices.
pub const MAX_CONNECTIONS: usize = 64;
/// Connections served at once for one address: one device needs one per table.
pub const MAX_CONNECTIONS_PER_ADDRESS: usize = 8;
/// Announced addresses kept to dial per table; typed ones always are.
pub const MAX_DISCOVERED: usize = 16;

/// The port a node listens on when it can.
pub const DEFAULT_PORT: u16 = 47_474;

/// How long a silent peer is waited for.
pub const DEFAULT_SILENCE: Duration = Duration::from_secs(15);

/// How a dial target became known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Discovered,
    Typed,
}

#[derive(Debug)]
struct Target {
    via: Via,
    last_try: Option<Instant>,
    failures: u32,
    dialing: bool,
}

/// A live channel to a peer for one table.
struct Link {
    conn: u64,
    /// The agreement key of the device that opened the connection (keeps one of two duplicates).
    initiator: [u8; 32],
    stream: TcpStream,
}

pub(crate) struct Inner {
    library: Arc<dyn Library>,
    stop: AtomicBool,
    next_conn: AtomicU64,
    /// Bumped whenever there may be something new to send; writers wait on it.
    generation: Mutex<u64>,
    wake: Condvar,
    targets: Mutex<BTreeMap<(TableId, SocketAddr), Target>>,
    links: Mutex<BTreeMap<(TableId, DeviceId), Link>>,
    peers: peers::Peers,
    port: u16,
    pub(crate) silence: Duration,
    pub(crate) handshake_deadline: Duration,
    /// Connections being served, per remote address.
    serving: Mutex<BTreeMap<std::net::IpAddr, usize>>,
}

/// A running node. Dropping it stops it.
pub struct Node {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Node")
            .field("port", &self.inner.port)
            .finish()
    }
}

/// How often the dialer looks at its targets, and the longest wait between tries of one.
const DIAL_EVERY: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(8);

impl Node {
    /// Listens, announces and dials until dropped.
    pub fn start(library: Arc<dyn Library>, options: Options) -> std::io::Result<Node> {
        let listener = TcpListener::bind(("0.0.0.0", options.port))
            .or_else(|_| TcpListener::bind(("0.0.0.0", 0)))?;
        let port = listener.local_addr()?.port();
        let inner = Arc::new(Inner {
            library,
            stop: AtomicBool::new(false),
            next_conn: AtomicU64::new(1),
            generation: Mutex::new(0),
            wake: Condvar::new(),
            targets: Mutex::new(BTreeMap::new()),
            links: Mutex::new(BTreeMap::new()),
            peers: peers::Peers::default(),
            port,
            silence: options.silence.max(Duration::from_millis(400)),
            handshake_deadline: options.handshake_deadline,
            serving: Mutex::new(BTreeMap::new()),
        });
        let i = inner.clone();
        std::thread::Builder::new()
            .name("lan-listen".into())
            .spawn(move || listen(i, listener))?;
        let i = inner.clone();
        std::thread::Builder::new()
            .name("lan-dial".into())
            .spawn(move || dial_loop(i))?;
        if options.discovery {
            discovery::start(inner.clone());
        }
        Ok(Node { inner })
    }

    /// The port this node listens on.
    pub fn port(&self) -> u16 {
        self.inner.port
    }

    /// The addresses a person can type on another device to reach this one.
    pub fn addresses(&self) -> Vec<SocketAddr> {
        local_ipv4()
            .into_iter()
            .map(|ip| SocketAddr::new(ip.into(), self.inner.port))
            .collect()
    }

    /// Connects to `address` for `table` and keeps reconnecting while the node runs.
    pub fn connect(&self, table: TableId, address: SocketAddr) {
        self.inner.add_target(table, address, Via::Typed);
    }

    /// Something new may be there to send (a local edit was exported, files arrived).
    pub fn notify(&self) {
        self.inner.notify();
    }

    /// A handle that does what `notify` does, for another thread.
    pub fn notifier(&self) -> impl Fn() + Send + 'static {
        let inner = self.inner.clone();
        move || inner.notify()
    }

    /// A handle telling, for another thread, whether `table` has a peer connected now.
    pub fn linked(&self) -> impl Fn(TableId) -> bool + Send + 'static {
        let inner = self.inner.clone();
        move |table| {
            inner
                .links
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .keys()
                .any(|(t, _)| *t == table)
        }
    }

    /// The peers of `table`: seen, connected, lost or refused, with the last exchange.
    pub fn peers(&self, table: TableId) -> Vec<PeerView> {
        let connected: Vec<DeviceId> = self
            .inner
            .links
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .keys()
            .filter(|(t, _)| *t == table)
            .map(|(_, d)| *d)
            .collect();
        self.inner.peers.view(table, &connected)
    }

    /// Drops every live connection (the network changed; in tests: a cut). Targets stay, so the
    /// dialer reconnects.
    pub fn disconnect_all(&self) {
        let links = self.inner.links.lock().unwrap_or_else(|p| p.into_inner());
        for link in links.values() {
            let _ = link.stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.inner.stop.store(true, Ordering::SeqCst);
        self.disconnect_all();
        self.inner.notify();
        // Unblock the accept call.
        let _ = TcpStream::connect_timeout(
            &SocketAddr::from(([127, 0, 0, 1], self.inner.port)),
            Duration::from_millis(200),
        );
    }
}

impl Inner {
    /// The tag window now (see `proto::table_tag`).
    pub(crate) fn window(&self) -> u64 {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        crate::proto::tag_window(secs)
    }

    pub(crate) fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    pub(crate) fn notify(&self) {
        let mut g = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        *g += 1;
        self.wake.notify_all();
    }

    /// Waits until `notify` or `timeout`; returns the generation seen.
    pub(crate) fn wait(&self, seen: u64, timeout: Duration) -> u64 {
        let g = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        let (g, _) = self
            .wake
            .wait_timeout_while(g, timeout, |g| *g == seen && !self.stopped())
            .unwrap_or_else(|p| p.into_inner());
        *g
    }

    pub(crate) fn add_target(&self, table: TableId, address: SocketAddr, via: Via) {
        let mut targets = self.targets.lock().unwrap_or_else(|p| p.into_inner());
        if via == Via::Discovered && !targets.contains_key(&(table, address)) {
            // Anyone on the network can announce: only so many announced addresses are kept,
            // one that keeps failing making room for a new one.
            let discovered: Vec<(SocketAddr, u32)> = targets
                .iter()
                .filter(|((t, _), x)| *t == table && x.via == Via::Discovered)
                .map(|((_, a), x)| (*a, x.failures))
                .collect();
            if discovered.len() >= MAX_DISCOVERED {
                match discovered
                    .iter()
                    .filter(|(_, f)| *f > 0)
                    .max_by_key(|(_, f)| *f)
                {
                    Some((worst, _)) => {
                        targets.remove(&(table, *worst));
                    }
                    None => return,
                }
            }
        }
        let t = targets.entry((table, address)).or_insert(Target {
            via,
            last_try: None,
            failures: 0,
            dialing: false,
        });
        if via == Via::Typed {
            t.via = Via::Typed;
            t.last_try = None;
            t.failures = 0;
        }
        drop(targets);
        self.peers.seen(table, address);
    }

    /// Registers a finished handshake; false if a better connection to the same peer exists
    /// (then this one is to be closed). Of two connections between the same devices, both keep
    /// the one opened by the device with the lower agreement key.
    pub(crate) fn link_up(
        &self,
        table: TableId,
        peer: DeviceId,
        conn: u64,
        initiator: [u8; 32],
        stream: &TcpStream,
    ) -> bool {
        let mut links = self.links.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(old) = links.get(&(table, peer)) {
            if old.initiator < initiator {
                return false;
            }
            let _ = old.stream.shutdown(std::net::Shutdown::Both);
        }
        let Ok(stream) = stream.try_clone() else {
            return false;
        };
        links.insert(
            (table, peer),
            Link {
                conn,
                initiator,
                stream,
            },
        );
        true
    }

    pub(crate) fn link_down(&self, table: TableId, peer: DeviceId, conn: u64) -> bool {
        let mut links = self.links.lock().unwrap_or_else(|p| p.into_inner());
        if links.get(&(table, peer)).is_some_and(|l| l.conn == conn) {
            links.remove(&(table, peer));
            return true;
        }
        false
    }

    fn is_linked(&self, table: TableId, peer: &DeviceId) -> bool {
        self.links
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(&(table, *peer))
    }
}

fn listen(inner: Arc<Inner>, listener: TcpListener) {
    for stream in listener.incoming() {
        if inner.stopped() {
            return;
        }
        let Ok(stream) = stream else { continue };
        let Some(slot) = Slot::take(&inner, &stream) else {
            // Too many at once: hung up on before a thread is spent on it.
            let _ = stream.shutdown(std::net::Shutdown::Both);
            continue;
        };
        let i = inner.clone();
        let _ = std::thread::Builder::new()
            .name("lan-conn".into())
            .spawn(move || {
                conn::run(i, stream, None);
                drop(slot);
            });
    }
}

/// A connection being served; given back when dropped.
struct Slot {
    inner: Arc<Inner>,
    ip: std::net::IpAddr,
}

impl Slot {
    fn take(inner: &Arc<Inner>, stream: &TcpStream) -> Option<Slot> {
        let ip = stream.peer_addr().ok()?.ip();
        let mut serving = inner.serving.lock().unwrap_or_else(|p| p.into_inner());
        let all: usize = serving.values().sum();
        let here = serving.entry(ip).or_default();
        if all >= MAX_CONNECTIONS || *here >= MAX_CONNECTIONS_PER_ADDRESS {
            return None;
        }
        *here += 1;
        Some(Slot {
            inner: inner.clone(),
            ip,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut serving = self.inner.serving.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = serving.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                serving.remove(&self.ip);
            }
        }
    }
}

/// Tries the targets that have no live connection, backing off after failures.
fn dial_loop(inner: Arc<Inner>) {
    while !inner.stopped() {
        std::thread::sleep(DIAL_EVERY);
        let now = Instant::now();
        let due: Vec<(TableId, SocketAddr)> = {
            let mut targets = inner.targets.lock().unwrap_or_else(|p| p.into_inner());
            let mut due = Vec::new();
            for ((table, addr), t) in targets.iter_mut() {
                if t.dialing {
                    continue;
                }
                if let Some(d) = inner.peers.device_at(*table, *addr) {
                    if inner.is_linked(*table, &d) {
                        continue;
                    }
                }
                let backoff =
                    (DIAL_EVERY * 2u32.saturating_pow(t.failures.min(5))).min(MAX_BACKOFF);
                if t.last_try.is_some_and(|l| now.duration_since(l) < backoff) {
                    continue;
                }
                t.dialing = true;
                t.last_try = Some(now);
                due.push((*table, *addr));
            }
            due
        };
        for (table, addr) in due {
            let i = inner.clone();
            let _ = std::thread::Builder::new()
                .name("lan-conn".into())
                .spawn(move || {
                    let ok = match TcpStream::connect_timeout(&addr, Duration::from_secs(3)) {
                        Ok(stream) => conn::run(i.clone(), stream, Some(table)),
                        Err(e) => {
                            i.peers.failed(
                                table,
                                addr,
                                None,
                                &crate::LanError::Io(e.kind().to_string()),
                            );
                            false
                        }
                    };
                    let mut targets = i.targets.lock().unwrap_or_else(|p| p.into_inner());
                    if let Some(t) = targets.get_mut(&(table, addr)) {
                        t.dialing = false;
                        t.failures = if ok { 0 } else { t.failures.saturating_add(1) };
                    }
                });
        }
    }
}

/// This machine's IPv4 addresses other than loopback.
pub fn local_ipv4() -> Vec<std::net::Ipv4Addr> {
    if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.is_loopback())
        .filter_map(|i| match i.ip() {
            std::net::IpAddr::V4(v4) => Some(v4),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests;
