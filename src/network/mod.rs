//! The daemon's networks (libnetwork's state): the three predefined ones
//! (`bridge`, `host`, `none`), user-defined bridges with their subnets, the
//! endpoints of containers on them (IP, MAC, aliases), and each
//! container's network settings from `docker run` (`--network`, `--link`,
//! `--add-host`). Name resolution follows Docker: the embedded DNS server
//! (127.0.0.11) answers on user-defined networks only; the default bridge
//! knows names only through `/etc/hosts` (`--link`, `--add-host`).
//!
//! Plain data, no CLI: `cli::networks` prints it.

use std::collections::BTreeMap;

/// The first address of the default bridge: 172.17.0.0/16.
const DEFAULT_BRIDGE: u32 = 0xac11_0000;

/// One network.
#[derive(Clone, Debug)]
pub struct Network {
    pub id: String,
    pub name: String,
    /// `bridge`, `host` or `null`.
    pub driver: String,
    /// Network address and prefix length (none for host/none).
    pub subnet: Option<(u32, u8)>,
    pub gateway: Option<u32>,
    pub created: i64,
    pub labels: BTreeMap<String, String>,
    pub internal: bool,
    pub attachable: bool,
    /// One of the three networks every daemon starts with.
    pub predefined: bool,
    /// Containers attached, by container ID.
    pub endpoints: BTreeMap<String, Endpoint>,
    /// Where serial IP allocation goes on from.
    pub cursor: u32,
}

/// A container's attachment to a network.
#[derive(Clone, Debug, Default)]
pub struct Endpoint {
    pub endpoint_id: String,
    /// Given while the container runs (Docker allocates on start).
    pub ip: Option<u32>,
    /// `--network-alias` names (and Compose service names).
    pub aliases: Vec<String>,
    /// The order endpoints were attached in (docker inspect lists by name).
    pub seq: u64,
}

/// What `docker run` said about a container's networking.
#[derive(Clone, Debug, Default)]
pub struct ContainerNet {
    /// `bridge`, `host`, `none`, `container:ID`, or a network name.
    pub mode: String,
    /// `--link NAME[:ALIAS]`: (container name, alias).
    pub links: Vec<(String, String)>,
    /// `--add-host HOST:IP` (`host-gateway` already replaced).
    pub extra_hosts: Vec<(String, String)>,
}

/// The daemon's networks and the containers' network settings.
#[derive(Clone, Debug)]
pub struct Networks {
    /// In creation order.
    pub list: Vec<Network>,
    pub containers: BTreeMap<String, ContainerNet>,
    seq: u64,
}

/// Why a network operation failed, in the daemon's words.
pub type NetResult<T> = Result<T, String>;

pub fn ip_string(ip: u32) -> String {
    format!("{}.{}.{}.{}", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255)
}

pub fn parse_ip(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut ip = 0u32;
    for p in parts {
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u32 = p.parse().ok()?;
        if n > 255 {
            return None;
        }
        ip = ip << 8 | n;
    }
    Some(ip)
}

/// `172.18.0.0/16` → (address, 16); the address is masked.
pub fn parse_cidr(s: &str) -> Option<(u32, u8)> {
    let (a, p) = s.split_once('/')?;
    let ip = parse_ip(a)?;
    let prefix: u8 = p.parse().ok().filter(|p| *p <= 32)?;
    Some((ip & mask(prefix), prefix))
}

fn mask(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix as u32)
    }
}

pub fn cidr_string((ip, prefix): (u32, u8)) -> String {
    format!("{}/{prefix}", ip_string(ip))
}

/// Docker's MAC for an IPv4 address: 02:42 followed by the address bytes.
pub fn mac_for(ip: u32) -> String {
    let b = ip.to_be_bytes();
    format!("02:42:{:02x}:{:02x}:{:02x}:{:02x}", b[0], b[1], b[2], b[3])
}

fn overlaps(a: (u32, u8), b: (u32, u8)) -> bool {
    let m = mask(a.1.min(b.1));
    a.0 & m == b.0 & m
}

/// A predefined network's ID: a fixed hash of its name.
pub fn predefined_id(name: &str) -> String {
    crate::digest::sha256_hex(format!("network\0{name}").as_bytes())
}

impl Default for Networks {
    fn default() -> Networks {
        let make = |name: &str, driver: &str, subnet: Option<(u32, u8)>| Network {
            id: predefined_id(name),
            name: name.into(),
            driver: driver.into(),
            subnet,
            gateway: subnet.map(|s| s.0 + 1),
            created: crate::time::DEFAULT_EPOCH,
            labels: BTreeMap::new(),
            internal: false,
            attachable: false,
            predefined: true,
            endpoints: BTreeMap::new(),
            cursor: 0,
        };
        Networks {
            list: vec![make("bridge", "bridge", Some((DEFAULT_BRIDGE, 16))), make("host", "host", None), make("none", "null", None)],
            containers: BTreeMap::new(),
            seq: 0,
        }
    }
}

impl Networks {
    /// By full name, full ID or unique ID prefix (as the daemon looks them up).
    pub fn find(&self, reference: &str) -> Option<&Network> {
        let i = self.index(reference)?;
        self.list.get(i)
    }

    pub fn index(&self, reference: &str) -> Option<usize> {
        if let Some(i) = self.list.iter().position(|n| n.id == reference || n.name == reference) {
            return Some(i);
        }
        if reference.is_empty() || !reference.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut hits = self.list.iter().enumerate().filter(|(_, n)| n.id.starts_with(reference));
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }

    /// The next free subnet from Docker's default pools: 172.17–172.31/16,
    /// then 192.168.0.0/20, 192.168.16.0/20, …
    fn free_subnet(&self) -> Option<(u32, u8)> {
        let used: Vec<(u32, u8)> = self.list.iter().filter_map(|n| n.subnet).collect();
        let pools = (17u32..=31).map(|b| (0xac00_0000 | b << 16, 16u8)).chain((0u32..16).map(|k| (0xc0a8_0000 | k << 12, 20u8)));
        pools.into_iter().find(|p| !used.iter().any(|u| overlaps(*u, *p)))
    }

    /// `docker network create`. `subnet`/`gateway` as given by the learner.
    pub fn create(&mut self, spec: NewNetwork) -> NetResult<String> {
        let NewNetwork { id, name, driver, subnet, gateway, labels, internal, attachable, now } = spec;
        if self.list.iter().any(|n| n.name == name) {
            return Err(format!("network with name {name} already exists"));
        }
        let driver = if driver.is_empty() { "bridge".to_string() } else { driver };
        if driver == "host" || driver == "null" {
            return Err(format!("only one instance of \"{driver}\" network is allowed"));
        }
        if driver != "bridge" {
            return Err(format!("could not find plugin {driver} in v1 plugin registry: plugin not found"));
        }
        let subnet = match subnet {
            Some(s) => {
                let Some(cidr) = parse_cidr(&s) else { return Err(format!("invalid CIDR address: {s}")) };
                if let Some(other) = self.list.iter().find(|n| n.subnet.is_some_and(|u| overlaps(u, cidr))) {
                    let _ = other;
                    return Err("invalid pool request: Pool overlaps with other one on this address space".into());
                }
                cidr
            }
            None => match self.free_subnet() {
                Some(s) => s,
                None => {
                    return Err(
                        "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network".into(),
                    )
                }
            },
        };
        let gateway = match gateway {
            Some(g) => match parse_ip(&g) {
                Some(ip) if ip & mask(subnet.1) == subnet.0 => ip,
                _ => return Err(format!("no matching subnet for gateway {g}")),
            },
            None => subnet.0 + 1,
        };
        self.list.push(Network {
            id: id.clone(),
            name,
            driver,
            subnet: Some(subnet),
            gateway: Some(gateway),
            created: now,
            labels,
            internal,
            attachable,
            predefined: false,
            endpoints: BTreeMap::new(),
            cursor: 0,
        });
        Ok(id)
    }

    /// Attaches a container (no IP until it runs).
    pub fn attach(&mut self, net: usize, container: &str, aliases: Vec<String>, endpoint_id: String) {
        self.seq += 1;
        let seq = self.seq;
        if let Some(n) = self.list.get_mut(net) {
            n.endpoints.insert(container.to_string(), Endpoint { endpoint_id, ip: None, aliases, seq });
        }
    }

    /// Gives the container an address on each of its networks, serially
    /// after the last one given (as libnetwork's IPAM does), skipping the
    /// gateway and addresses of running containers. `running` says which
    /// containers hold their address.
    pub fn allocate(&mut self, container: &str, running: &dyn Fn(&str) -> bool) {
        for n in self.list.iter_mut() {
            let Some((base, prefix)) = n.subnet else {
                continue;
            };
            if n.driver != "bridge" || !n.endpoints.contains_key(container) {
                continue;
            }
            let taken: Vec<u32> = n
                .endpoints
                .iter()
                .filter(|(id, e)| id.as_str() != container && e.ip.is_some() && running(id))
                .filter_map(|(_, e)| e.ip)
                .collect();
            if let Some(ip) = n.endpoints.get(container).and_then(|e| e.ip) {
                if !taken.contains(&ip) {
                    continue;
                }
            }
            let size = 1u64 << (32 - prefix as u32);
            let hosts = size.saturating_sub(2).min(1 << 20);
            let gateway = n.gateway;
            let start = n.cursor;
            let mut found = None;
            for k in 0..hosts {
                let offset = ((start as u64 + k) % hosts) as u32 + 1;
                let ip = base + offset;
                if Some(ip) != gateway && !taken.contains(&ip) {
                    found = Some((ip, offset));
                    break;
                }
            }
            if let Some((ip, offset)) = found {
                n.cursor = offset;
                if let Some(e) = n.endpoints.get_mut(container) {
                    e.ip = Some(ip);
                }
            }
        }
    }

    /// Forgets a removed container.
    pub fn remove_container(&mut self, container: &str) {
        for n in self.list.iter_mut() {
            n.endpoints.remove(container);
        }
        self.containers.remove(container);
    }

    /// The networks a container is attached to, with its endpoint.
    pub fn of(&self, container: &str) -> Vec<(&Network, &Endpoint)> {
        let mut v: Vec<(&Network, &Endpoint)> = self.list.iter().filter_map(|n| n.endpoints.get(container).map(|e| (n, e))).collect();
        crate::sort::sort_by_key(&mut v, |(n, _)| n.name.clone());
        v
    }

    /// Whether the container's networking is its own (not `container:X`).
    pub fn mode(&self, container: &str) -> String {
        self.containers.get(container).map(|c| c.mode.clone()).unwrap_or_else(|| "bridge".into())
    }
}

/// What `docker network create` asks for.
pub struct NewNetwork {
    pub id: String,
    pub name: String,
    pub driver: String,
    pub subnet: Option<String>,
    pub gateway: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub internal: bool,
    pub attachable: bool,
    pub now: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(parse_cidr("172.18.5.0/16"), Some((0xac12_0000, 16)));
        assert_eq!(ip_string(0xac12_0002), "172.18.0.2");
        assert_eq!(mac_for(0xac11_0002), "02:42:ac:11:00:02");
        assert_eq!(parse_ip("256.1.1.1"), None);
    }

    #[test]
    fn subnets_and_serial_ips() {
        let mut n = Networks::default();
        let spec = |name: &str| NewNetwork {
            id: format!("{name:0>64}"),
            name: name.into(),
            driver: String::new(),
            subnet: None,
            gateway: None,
            labels: BTreeMap::new(),
            internal: false,
            attachable: false,
            now: 0,
        };
        n.create(spec("a")).unwrap();
        n.create(spec("b")).unwrap();
        assert_eq!(n.find("b").unwrap().subnet, Some((0xac13_0000, 16)));
        assert!(n.create(spec("a")).unwrap_err().contains("already exists"));
        n.attach(0, "c1", vec![], "e1".into());
        n.attach(0, "c2", vec![], "e2".into());
        n.allocate("c1", &|_| true);
        n.allocate("c2", &|_| true);
        assert_eq!(n.list[0].endpoints["c2"].ip, Some(0xac11_0003));
    }
}
