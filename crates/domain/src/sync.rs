//! Sync rules that need no IO: reading an address a person typed for a peer. (What the screens
//! show of sync is `casustafel_api::sync`.)

/// Reads an address typed by a person: `192.168.1.20:47474`, or `192.168.1.20` for the
/// default port. Names are not looked up (no DNS in a meeting room).
pub fn parse_peer_address(
    text: &str,
    default_port: u16,
) -> Result<std::net::SocketAddr, crate::FieldError> {
    use crate::{Field, FieldError, Problem};
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError::new(Field::PeerAddress, Problem::Required));
    }
    if let Ok(a) = t.parse::<std::net::SocketAddr>() {
        if a.port() != 0 && !a.ip().is_unspecified() {
            return Ok(a);
        }
    } else if let Ok(ip) = t.parse::<std::net::IpAddr>() {
        if !ip.is_unspecified() {
            return Ok(std::net::SocketAddr::new(ip, default_port));
        }
    }
    Err(FieldError::new(
        Field::PeerAddress,
        Problem::InvalidAddress {
            value: t.chars().take(60).collect(),
        },
    ))
}

#[cfg(test)]
mod address_tests {
    use super::*;
    use crate::{Field, Problem};

    #[test]
    fn typed_addresses() {
        assert_eq!(
            parse_peer_address(" 192.168.1.20:5000 ", 47474)
                .unwrap()
                .to_string(),
            "192.168.1.20:5000"
        );
        assert_eq!(
            parse_peer_address("10.0.0.7", 47474).unwrap().to_string(),
            "10.0.0.7:47474"
        );
        assert_eq!(
            parse_peer_address("[fe80::1]:47474", 1).unwrap().port(),
            47474
        );
        let e = parse_peer_address("", 1).unwrap_err();
        assert_eq!(
            (e.field, e.problem),
            (Field::PeerAddress, Problem::Required)
        );
        for bad in [
            "laptop-voorzitter",
            "192.168.1.300",
            "1.2.3.4:99999",
            "0.0.0.0",
            "1.2.3.4:0",
        ] {
            let e = parse_peer_address(bad, 47474).unwrap_err();
            assert!(matches!(e.problem, Problem::InvalidAddress { .. }), "{bad}");
        }
    }
}
