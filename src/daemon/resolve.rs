//! Names and addresses as a container (or the host) sees them: `/etc/hosts`
//! first, then Docker's embedded DNS server (127.0.0.11) on user-defined
//! networks; who answers at an address.

use super::Daemon;
use crate::network::parse_ip;

/// What a name looked up from a container (or the host) leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Peer {
    /// A running container, by ID, at this address.
    Container(String, u32),
    /// The host (a gateway address, `localhost` on the host).
    Host(u32),
    /// The container itself (`localhost` inside it).
    Itself,
    /// An address nothing answers on.
    Nowhere(u32),
}

impl Daemon {
    /// The container whose network stack `id` uses (itself, or `container:X`'s).
    pub fn stack_owner(&self, id: &str) -> String {
        let mode = self.networks.mode(id);
        match mode.strip_prefix("container:").and_then(|t| self.containers.resolve(t).ok()) {
            Some(other) if other != id => other,
            _ => id.to_string(),
        }
    }

    /// The container's current address on its first network (running only).
    pub fn primary_ip(&self, id: &str) -> Option<u32> {
        let owner = self.stack_owner(id);
        if !self.containers.get(&owner).is_some_and(|c| c.is_running()) {
            return None;
        }
        self.networks.of(&owner).into_iter().find_map(|(_, e)| e.ip)
    }

    /// Resolves `host` as seen from container `from` (None: the host machine):
    /// `/etc/hosts` first, then Docker's embedded DNS on user-defined networks.
    /// None: the name does not resolve.
    pub fn lookup(&self, from: Option<&str>, host: &str) -> Option<Peer> {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let from = from.map(|f| self.stack_owner(f));
        let local = matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0" | "::1" | "ip6-localhost");
        let Some(from) = from else {
            if local || host == "dockersim" {
                return Some(Peer::Host(0x7f00_0001));
            }
            return parse_ip(host).map(|ip| self.peer_at(ip));
        };
        if self.networks.mode(&from) == "host" {
            if local || host == "dockersim" {
                return Some(Peer::Host(0x7f00_0001));
            }
        } else if local {
            return Some(Peer::Itself);
        }
        if let Some(ip) = parse_ip(host) {
            return Some(self.peer_at(ip));
        }
        let c = self.containers.get(&from)?;
        if host == c.config.hostname || host == c.name && self.networks.of(&from).iter().any(|(n, _)| !n.predefined) {
            return self.primary_ip(&from).map(|_| Peer::Itself);
        }
        // /etc/hosts (links, --add-host) as the container's resolver reads it.
        let hosts = String::from_utf8_lossy(&c.fs.read("/etc/hosts").unwrap_or_default()).into_owned();
        for line in hosts.lines() {
            let mut words = line.split_whitespace();
            let Some(addr) = words.next() else { continue };
            if addr.starts_with('#') {
                continue;
            }
            if words.any(|w| w == host) {
                if let Some(ip) = parse_ip(addr) {
                    return Some(self.peer_at(ip));
                }
            }
        }
        self.embedded_dns(&from, host).map(|(cid, ip)| Peer::Container(cid, ip))
    }

    /// Docker's embedded DNS server (127.0.0.11) as container `from` queries
    /// it: the running container (ID, address) a name, alias or short ID
    /// stands for on a user-defined network `from` is on. The DNS clients
    /// (`dig`, `host`, `nslookup`) ask it directly; `lookup` after `/etc/hosts`.
    pub fn embedded_dns(&self, from: &str, host: &str) -> Option<(String, u32)> {
        let from = self.stack_owner(from);
        let name = host.trim_end_matches('.').to_ascii_lowercase();
        for (n, _) in self.networks.of(&from) {
            if n.predefined {
                continue;
            }
            for (cid, e) in &n.endpoints {
                let Some(other) = self.containers.get(cid) else {
                    continue;
                };
                let Some(ip) = e.ip.filter(|_| other.is_running()) else {
                    continue;
                };
                let hit = other.name.eq_ignore_ascii_case(&name)
                    || e.aliases.iter().any(|a| a.eq_ignore_ascii_case(&name))
                    || other.id.starts_with(&name) && name.len() == 12;
                if hit {
                    return Some((cid.clone(), ip));
                }
            }
        }
        None
    }

    /// The embedded DNS server's reverse answer for `ip` (PTR): `NAME.NETWORK`
    /// of the running container at that address on a user-defined network
    /// `from` is on.
    pub fn reverse_dns(&self, from: &str, ip: u32) -> Option<String> {
        let from = self.stack_owner(from);
        for (n, _) in self.networks.of(&from) {
            if n.predefined {
                continue;
            }
            for (cid, e) in &n.endpoints {
                let Some(other) = self.containers.get(cid).filter(|c| c.is_running()) else {
                    continue;
                };
                if e.ip == Some(ip) {
                    return Some(format!("{}.{}", other.name, n.name));
                }
            }
        }
        None
    }

    /// Who answers at `ip`.
    fn peer_at(&self, ip: u32) -> Peer {
        if self.networks.list.iter().any(|n| n.gateway == Some(ip)) || ip >> 24 == 127 {
            return Peer::Host(ip);
        }
        for n in &self.networks.list {
            for (cid, e) in &n.endpoints {
                if e.ip == Some(ip) && self.containers.get(cid).is_some_and(|c| c.is_running()) {
                    return Peer::Container(cid.clone(), ip);
                }
            }
        }
        Peer::Nowhere(ip)
    }
}
