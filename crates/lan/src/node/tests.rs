//! Nodes over loopback with an in-memory library: files flow both ways and keep flowing, cut
//! connections come back by themselves, and strangers, removed devices and other tables get
//! nothing but a refusal.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use rand_chacha::rand_core::SeedableRng;

use super::*;

struct Fake {
    secret: [u8; 64],
    tables: Vec<TableId>,
    access: Mutex<Access>,
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Fake {
    fn new(seed: u64, table: TableId) -> Arc<Fake> {
        let keys = DeviceKeys::generate(&mut rand_chacha::ChaCha20Rng::seed_from_u64(seed));
        Arc::new(Fake {
            secret: *keys.to_secret_bytes(),
            tables: vec![table],
            access: Mutex::new(Access::default()),
            files: Mutex::new(BTreeMap::new()),
        })
    }

    fn id(&self) -> DeviceId {
        DeviceKeys::from_secret_bytes(&self.secret).id()
    }

    fn admit(&self, other: &Fake, removed: bool) {
        self.access
            .lock()
            .unwrap()
            .members
            .insert(other.id(), crate::channel::tests::member(removed));
    }

    /// Writes a file as this device would (its own folder, next sequence number).
    fn write(&self, seq: u64, bytes: Vec<u8>) -> String {
        let name = casustafel_sync::envelope::file_name(&self.id(), seq);
        self.files.lock().unwrap().insert(name.clone(), bytes);
        name
    }

    fn names(&self) -> Vec<String> {
        self.files.lock().unwrap().keys().cloned().collect()
    }
}

impl Library for Fake {
    fn keys(&self) -> Option<DeviceKeys> {
        Some(DeviceKeys::from_secret_bytes(&self.secret))
    }
    fn tables(&self) -> Vec<TableId> {
        self.tables.clone()
    }
    fn access(&self, _table: TableId) -> Option<Access> {
        Some(self.access.lock().unwrap().clone())
    }
    fn have(&self, _table: TableId) -> Have {
        Have::from_names(self.files.lock().unwrap().keys().map(String::as_str))
    }
    fn missing(&self, _table: TableId, _to: &DeviceId, peer: &Have, limit: usize) -> Vec<OutFile> {
        self.files
            .lock()
            .unwrap()
            .iter()
            .filter(|(n, _)| !peer.contains(n))
            .take(limit)
            .map(|(n, b)| OutFile {
                name: n.clone(),
                bytes: b.clone(),
            })
            .collect()
    }
    fn receive(&self, _table: TableId, _from: DeviceId, files: Vec<OutFile>) -> bool {
        let mut mine = self.files.lock().unwrap();
        for f in files {
            mine.insert(f.name, f.bytes);
        }
        true
    }
}

fn table(n: u128) -> TableId {
    TableId(uuid::Uuid::from_u128(n))
}

fn local() -> Options {
    Options {
        port: 0,
        discovery: false,
        ..Default::default()
    }
}

fn addr(node: &Node) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], node.port()))
}

/// Waits (generously: a slow machine must not fail the test) until `done` holds.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(30), "never: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Two members of one table, each knowing the other.
fn pair() -> (Arc<Fake>, Arc<Fake>) {
    let t = table(1);
    let (a, b) = (Fake::new(1, t), Fake::new(2, t));
    for x in [&a, &b] {
        x.admit(&a, false);
        x.admit(&b, false);
    }
    (a, b)
}

fn state_of(node: &Node, t: TableId, device: DeviceId) -> Option<PeerState> {
    node.peers(t)
        .into_iter()
        .find(|p| p.device == Some(device))
        .map(|p| p.state)
}

#[test]
fn members_exchange_files_and_keep_exchanging() {
    let (a, b) = pair();
    a.write(0, vec![1; 10]);
    a.write(1, vec![2; 200_000]); // more than one frame
    b.write(0, vec![3; 10]);
    let na = Node::start(a.clone(), local()).unwrap();
    let nb = Node::start(b.clone(), local()).unwrap();
    na.connect(table(1), addr(&nb));
    eventually("both hold all three", || {
        a.names().len() == 3 && b.names().len() == 3
    });
    assert_eq!(
        a.files.lock().unwrap().clone(),
        b.files.lock().unwrap().clone()
    );
    eventually("each lists the other as connected", || {
        state_of(&na, table(1), b.id()) == Some(PeerState::Connected)
            && state_of(&nb, table(1), a.id()) == Some(PeerState::Connected)
    });
    // A new file on one side reaches the other without reconnecting.
    let name = b.write(1, b"nieuwe actie".to_vec());
    nb.notify();
    eventually("the new file arrives", || a.names().contains(&name));
    let row = na
        .peers(table(1))
        .into_iter()
        .find(|p| p.device == Some(b.id()))
        .unwrap();
    assert!(row.last_exchange.is_some());
}

#[test]
fn a_cut_connection_comes_back_and_what_was_written_meanwhile_arrives() {
    let (a, b) = pair();
    let na = Node::start(a.clone(), local()).unwrap();
    let nb = Node::start(b.clone(), local()).unwrap();
    na.connect(table(1), addr(&nb));
    eventually("connected", || {
        state_of(&na, table(1), b.id()) == Some(PeerState::Connected)
    });
    for round in 0..3u64 {
        na.disconnect_all();
        let x = a.write(10 + round, vec![round as u8; 50]);
        let y = b.write(10 + round, vec![round as u8 + 1; 50]);
        eventually("both files on both sides", || {
            let (an, bn) = (a.names(), b.names());
            an.contains(&y) && bn.contains(&x)
        });
    }
}

#[test]
fn both_dialing_each_other_leaves_one_connection_that_works() {
    let (a, b) = pair();
    let na = Node::start(a.clone(), local()).unwrap();
    let nb = Node::start(b.clone(), local()).unwrap();
    na.connect(table(1), addr(&nb));
    nb.connect(table(1), addr(&na));
    a.write(0, vec![1]);
    b.write(0, vec![2]);
    eventually("exchanged", || a.names().len() == 2 && b.names().len() == 2);
    std::thread::sleep(Duration::from_millis(1500));
    let name = a.write(1, vec![3]);
    na.notify();
    eventually("still flowing", || b.names().contains(&name));
    assert_eq!(na.inner.links.lock().unwrap().len(), 1);
    assert_eq!(nb.inner.links.lock().unwrap().len(), 1);
}

fn refused(reason: &str, setup: impl FnOnce(&Fake, &Fake), other_table: bool) {
    let (a, b) = pair();
    let c = Fake::new(3, if other_table { table(2) } else { table(1) });
    c.admit(&a, false);
    c.admit(&b, false);
    c.admit(&c, false);
    setup(&a, &c);
    let secret = c.write(0, b"KANARIE".to_vec());
    a.write(0, b"KANARIE van de tafel".to_vec());
    let na = Node::start(a.clone(), local()).unwrap();
    let nc = Node::start(c.clone(), local()).unwrap();
    nc.connect(c.tables[0], addr(&na));
    eventually("the member lists the refusal", || {
        na.peers(table(1)).iter().any(|p| p.reason == Some(reason))
            || (other_table && nc.peers(table(2)).iter().any(|p| p.reason == Some(reason)))
    });
    eventually("the caller is told why", || {
        nc.peers(c.tables[0])
            .iter()
            .any(|p| p.state == PeerState::Refused && p.reason == Some(reason))
    });
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(c.names(), vec![secret], "the refused device got nothing");
    assert_eq!(a.names().len(), 1, "and gave nothing");
}

#[test]
fn a_stranger_is_refused_and_gets_nothing() {
    refused("unknown_device", |_, _| {}, false);
}

#[test]
fn a_removed_device_is_refused_and_gets_nothing() {
    refused("removed", |a, c| a.admit(c, true), false);
}

#[test]
fn a_device_of_another_table_is_refused() {
    refused("wrong_table", |_, _| {}, true);
}

#[test]
fn hostile_bytes_drop_that_connection_and_nothing_else() {
    let (a, b) = pair();
    let na = Node::start(a.clone(), local()).unwrap();
    let nb = Node::start(b.clone(), local()).unwrap();
    // Garbage, an oversized frame, a truncated frame, a valid hello then garbage.
    let junk: Vec<Vec<u8>> = vec![
        b"GET / HTTP/1.1\r\n\r\n".to_vec(),
        vec![0xff, 0xff, 0xff, 0xff, 1, 2, 3],
        vec![0, 0, 0, 50, 1, 2],
        {
            let mut hello = vec![1u8];
            hello.extend_from_slice(b"CST1");
            hello.extend_from_slice(&crate::proto::table_tag(
                table(1).0.as_bytes(),
                na.inner.window(),
            ));
            let mut f = crate::frame::encode(&hello).unwrap();
            f.extend(crate::frame::encode(&[2, 9, 9, 9]).unwrap());
            f
        },
    ];
    for j in junk {
        let mut s = TcpStream::connect(addr(&na)).unwrap();
        let _ = s.write_all(&j);
        let _ = s.shutdown(std::net::Shutdown::Write);
        let mut answer = Vec::new();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let _ = s.read_to_end(&mut answer);
        assert!(
            !answer.windows(7).any(|w| w == b"KANARIE"),
            "nothing readable comes back"
        );
    }
    a.write(0, b"KANARIE".to_vec());
    nb.connect(table(1), addr(&na));
    eventually("a member still gets through", || b.names().len() == 1);
}

#[test]
fn members_find_each_other_by_mdns() {
    let (a, b) = pair();
    let found = Options {
        port: 0,
        discovery: true,
        ..Default::default()
    };
    let na = Node::start(a.clone(), found.clone()).unwrap();
    let _nb = Node::start(b.clone(), found).unwrap();
    b.write(0, vec![9]);
    eventually(
        "found, connected and exchanged without a typed address",
        || a.names().len() == 1 && state_of(&na, table(1), b.id()) == Some(PeerState::Connected),
    );
}

fn quick() -> Options {
    Options {
        port: 0,
        discovery: false,
        silence: Duration::from_millis(800),
        ..Default::default()
    }
}

#[test]
fn a_device_removed_while_connected_is_dropped_and_gets_nothing_new() {
    let (a, b) = pair();
    let na = Node::start(a.clone(), quick()).unwrap();
    let nb = Node::start(b.clone(), quick()).unwrap();
    nb.connect(table(1), addr(&na));
    a.write(0, vec![1]);
    eventually("connected and exchanged", || b.names().len() == 1);
    // The chair removes b; a file written afterwards must not reach it over this connection.
    a.admit(&b, true);
    let later = a.write(1, b"KANARIE na verwijdering".to_vec());
    na.notify();
    eventually("a lists b as refused: removed", || {
        na.peers(table(1)).iter().any(|p| {
            p.device == Some(b.id()) && p.state == PeerState::Refused && p.reason == Some("removed")
        })
    });
    eventually("b is told", || {
        nb.peers(table(1))
            .iter()
            .any(|p| p.state == PeerState::Refused && p.reason == Some("removed"))
    });
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        !b.names().contains(&later),
        "nothing new reached the removed device"
    );
}

/// A relay whose connections can be frozen: bytes stop flowing but nothing is closed, as when a
/// laptop sleeps or walks out of the Wi-Fi. Connections made after a freeze flow again.
struct Relay {
    addr: SocketAddr,
    epoch: Arc<std::sync::atomic::AtomicU64>,
    connections: Arc<std::sync::atomic::AtomicU64>,
}

impl Relay {
    fn to(target: SocketAddr) -> Relay {
        use std::sync::atomic::AtomicU64;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let epoch = Arc::new(AtomicU64::new(0));
        let connections = Arc::new(AtomicU64::new(0));
        let (e, c) = (epoch.clone(), connections.clone());
        std::thread::spawn(move || {
            for inbound in listener.incoming().flatten() {
                let Ok(outbound) = TcpStream::connect(target) else {
                    continue;
                };
                c.fetch_add(1, Ordering::SeqCst);
                let mine = e.load(Ordering::SeqCst);
                for (mut from, mut into) in [
                    (inbound.try_clone().unwrap(), outbound.try_clone().unwrap()),
                    (outbound, inbound),
                ] {
                    let e = e.clone();
                    std::thread::spawn(move || {
                        let mut buf = [0u8; 16384];
                        while let Ok(n) = from.read(&mut buf) {
                            if n == 0 {
                                break;
                            }
                            // Frozen: swallow, never answer, never close.
                            if e.load(Ordering::SeqCst) != mine {
                                continue;
                            }
                            if into.write_all(&buf[..n]).is_err() {
                                break;
                            }
                        }
                    });
                }
            }
        });
        Relay {
            addr,
            epoch,
            connections,
        }
    }

    fn freeze(&self) {
        self.epoch.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn a_silent_connection_is_given_up_and_made_again() {
    let (a, b) = pair();
    let na = Node::start(a.clone(), quick()).unwrap();
    let nb = Node::start(b.clone(), quick()).unwrap();
    let relay = Relay::to(addr(&na));
    nb.connect(table(1), relay.addr);
    a.write(0, vec![1]);
    eventually("connected and exchanged", || b.names().len() == 1);
    // The laptop sleeps: nothing flows, nothing closes. Written meanwhile:
    relay.freeze();
    let x = a.write(1, b"tijdens de slaap".to_vec());
    let y = b.write(0, b"ook tijdens de slaap".to_vec());
    na.notify();
    nb.notify();
    eventually(
        "both notice the silence and reconnect; what was written arrives",
        || b.names().contains(&x) && a.names().contains(&y),
    );
    assert!(
        relay.connections.load(Ordering::SeqCst) >= 2,
        "a new connection was made"
    );
}

/// How many connections `node` serves right now.
fn serving(node: &Node) -> usize {
    node.inner.serving.lock().unwrap().values().sum()
}

#[test]
fn a_crowd_of_silent_callers_gets_few_threads_and_members_still_sync() {
    let (a, b) = pair();
    let na = Node::start(a.clone(), local()).unwrap();
    let nb = Node::start(b.clone(), local()).unwrap();
    // Two hundred connections that never say a word, all from one address.
    let crowd: Vec<TcpStream> = (0..200)
        .filter_map(|_| TcpStream::connect(addr(&na)).ok())
        .collect();
    assert!(crowd.len() > MAX_CONNECTIONS_PER_ADDRESS);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        serving(&na) <= MAX_CONNECTIONS_PER_ADDRESS,
        "{} served at once",
        serving(&na)
    );
    // The members still find each other (the crowded node dials out) and exchange files.
    na.connect(table(1), addr(&nb));
    let name = b.write(0, "Een nota: één, ça, 🙂, שלום".as_bytes().to_vec());
    eventually("the member's file arrives", || a.names().contains(&name));
    drop(crowd);
    eventually("the crowd's slots given back", || serving(&na) <= 1);
}

#[test]
fn a_caller_that_doles_out_its_handshake_is_hung_up_on_at_the_deadline() {
    let (a, _) = pair();
    let options = Options {
        handshake_deadline: Duration::from_millis(800),
        ..local()
    };
    let na = Node::start(a.clone(), options).unwrap();
    let mut slow = TcpStream::connect(addr(&na)).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    // A frame header announcing a hello, then a byte every 200 ms: each read is quick, the
    // handshake never ends.
    let frame = crate::frame::encode(&[1u8; 13]).unwrap();
    let start = Instant::now();
    let mut hung_up = None;
    for b in frame.iter().cycle().take(200) {
        if slow.write_all(&[*b]).is_err() {
            hung_up = Some(start.elapsed());
            break;
        }
        let mut buf = [0u8; 64];
        match slow.read(&mut buf) {
            Ok(0) => {
                hung_up = Some(start.elapsed());
                break;
            }
            Ok(_) => {}
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => {
                hung_up = Some(start.elapsed());
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let after = hung_up.expect("the node never hung up");
    println!("hung up after {after:?} (deadline 800 ms)");
    eventually("its slot given back", || serving(&na) == 0);
}

#[test]
fn announced_addresses_are_kept_only_so_many() {
    let (a, _) = pair();
    let na = Node::start(a.clone(), local()).unwrap();
    for port in 1..=200u16 {
        na.inner.add_target(
            table(1),
            SocketAddr::from(([10, 9, 8, 7], port)),
            Via::Discovered,
        );
    }
    let typed = SocketAddr::from(([127, 0, 0, 1], 9));
    na.connect(table(1), typed);
    let targets = na.inner.targets.lock().unwrap();
    let discovered = targets
        .values()
        .filter(|t| t.via == Via::Discovered)
        .count();
    assert!(discovered <= MAX_DISCOVERED, "{discovered} kept");
    assert!(
        targets.contains_key(&(table(1), typed)),
        "a typed address is always kept"
    );
}
