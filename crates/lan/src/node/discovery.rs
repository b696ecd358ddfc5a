//! Finding peers with mDNS (`mdns-sd`): the node announces `_casustafel._tcp` with the tags of
//! the tables it shares (never their ids or names) and dials the announcements whose tags it
//! shares. Where the network blocks multicast, nothing is found and typed addresses still work.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use mdns_sd::{RecvTimeoutError, ServiceDaemon, ServiceEvent, ServiceInfo};
use rand_core::{OsRng, RngCore};

use super::{local_ipv4, Inner, Via};
use crate::proto::{is_table_tag, table_tag};

const SERVICE: &str = "_casustafel._tcp.local.";
/// How often the announcement is brought in line with the shared tables and addresses.
const REFRESH: Duration = Duration::from_secs(5);

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() != 16 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

pub(super) fn start(inner: Arc<Inner>) {
    let daemon = match ServiceDaemon::new() {
        Ok(d) => d,
        Err(e) => {
            log::warn!("lan: mDNS unavailable ({e}); typed addresses only");
            return;
        }
    };
    let browse = match daemon.browse(SERVICE) {
        Ok(r) => r,
        Err(e) => {
            log::warn!("lan: mDNS browse failed ({e}); typed addresses only");
            return;
        }
    };
    // A random instance name, new at each start: it names no person, device or table.
    let mut id = [0u8; 8];
    OsRng.fill_bytes(&mut id);
    let instance = hex(&id);
    let _ = std::thread::Builder::new()
        .name("lan-mdns".into())
        .spawn(move || {
            let mut announced: Option<(BTreeSet<String>, Vec<std::net::Ipv4Addr>)> = None;
            let mut last = std::time::Instant::now() - REFRESH;
            while !inner.stopped() {
                if last.elapsed() >= REFRESH {
                    last = std::time::Instant::now();
                    let tables = inner.library.discoverable();
                    let tags: BTreeSet<String> = tables
                        .iter()
                        .map(|t| hex(&table_tag(t.0.as_bytes(), inner.window())))
                        .collect();
                    let ips = local_ipv4();
                    let wanted = (tags, ips);
                    if announced.as_ref() != Some(&wanted) {
                        announce(&daemon, &instance, inner.port, &wanted.0, &wanted.1);
                        announced = Some(wanted);
                    }
                }
                match browse.recv_timeout(Duration::from_millis(500)) {
                    Ok(ServiceEvent::ServiceResolved(info)) => {
                        if info.fullname.starts_with(&format!("{instance}.")) {
                            continue;
                        }
                        let theirs: Vec<Vec<u8>> = info
                            .get_property_val_str("t")
                            .unwrap_or_default()
                            .split(',')
                            .filter_map(unhex)
                            .collect();
                        let window = inner.window();
                        for table in inner.library.discoverable() {
                            let id = table.0.as_bytes();
                            if !theirs.iter().any(|t| is_table_tag(t, id, window)) {
                                continue;
                            }
                            for ip in info.get_addresses_v4() {
                                let addr = std::net::SocketAddr::new(ip.into(), info.get_port());
                                inner.add_target(table, addr, Via::Discovered);
                            }
                        }
                    }
                    Ok(_) => {}
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
            let _ = daemon.shutdown();
        });
}

fn announce(
    daemon: &ServiceDaemon,
    instance: &str,
    port: u16,
    tags: &BTreeSet<String>,
    ips: &[std::net::Ipv4Addr],
) {
    let fullname = format!("{instance}.{SERVICE}");
    let _ = daemon.unregister(&fullname);
    if tags.is_empty() || ips.is_empty() {
        return;
    }
    // A TXT entry holds 255 bytes: 14 tags of 16 characters fit, which is far more tables than
    // one device shares in practice; further ones are found by typing the address.
    let t: Vec<&str> = tags.iter().take(14).map(String::as_str).collect();
    let mut props = HashMap::new();
    props.insert("t".to_string(), t.join(","));
    let ips: Vec<std::net::IpAddr> = ips.iter().map(|i| (*i).into()).collect();
    match ServiceInfo::new(
        SERVICE,
        instance,
        &format!("{instance}.local."),
        &ips[..],
        port,
        props,
    ) {
        Ok(info) => {
            if let Err(e) = daemon.register(info) {
                log::warn!("lan: mDNS announce failed: {e}");
            }
        }
        Err(e) => log::warn!("lan: mDNS announcement refused: {e}"),
    }
}
