//! A container on its networks: the endpoint a new container gets, its
//! addresses when it starts, `docker network connect|disconnect`.

use super::Daemon;
use crate::network::ContainerNet;
use crate::vfs::Fs;

/// The networking flags of `docker run`/`create`, checked before the container exists.
pub struct RunNet {
    pub mode: String,
    pub aliases: Vec<String>,
    pub links: Vec<(String, String)>,
    pub extra_hosts: Vec<(String, String)>,
    pub hostname: Option<String>,
}

impl Daemon {
    /// A container's endpoint ID on network `net` (a hash: it takes no ID sequence number).
    fn endpoint_id(&self, net: usize, container: &str) -> String {
        let network = self.networks.list.get(net).map(|n| n.id.as_str()).unwrap_or("");
        crate::digest::sha256_hex(format!("endpoint\0{network}\0{container}\0{}", self.now).as_bytes())
    }

    /// Records a new container's networking and attaches it to its network
    /// (`host` is the host's filesystem: `--network host` shares its `/etc/hosts`).
    pub fn attach_new(&mut self, host: &Fs, id: &str, net: RunNet) {
        let RunNet { mode, aliases, links, extra_hosts, .. } = net;
        if let Some(i) = self.networks.index(&mode).filter(|_| !mode.starts_with("container:")) {
            let endpoint = self.endpoint_id(i, id);
            self.networks.attach(i, id, aliases, endpoint);
            let name = self.networks.list[i].name.clone();
            self.networks.containers.insert(id.to_string(), ContainerNet { mode: name, links, extra_hosts });
        } else {
            self.networks.containers.insert(id.to_string(), ContainerNet { mode, links, extra_hosts });
        }
        self.write_etc(host, id);
    }

    /// A starting container gets its addresses and its `/etc/hosts`.
    pub fn join_networks(&mut self, host: &Fs, id: &str) {
        let running: Vec<String> = self.containers.iter().filter(|c| c.is_running()).map(|c| c.id.clone()).collect();
        self.networks.allocate(id, &|c| running.iter().any(|r| r == c));
        self.write_etc(host, id);
    }

    /// `docker network connect`: container `id` joins network `network`
    /// (a running one gets its address now).
    pub fn connect(&mut self, host: &Fs, network: &str, id: &str, aliases: Vec<String>) -> Result<(), String> {
        let Some(i) = self.networks.index(network) else { return Err(format!("network {network} not found")) };
        let n = &self.networks.list[i];
        if n.endpoints.contains_key(id) {
            let cname = self.containers.get(id).map(|c| c.name.clone()).unwrap_or_default();
            return Err(format!("endpoint with name {cname} already exists in network {}", n.name));
        }
        let mode = self.networks.mode(id);
        if n.driver != "bridge" || mode == "host" || mode == "none" || mode.starts_with("container:") {
            return Err("container cannot be disconnected from host network or connected to host network".into());
        }
        let endpoint = self.endpoint_id(i, id);
        self.networks.attach(i, id, aliases, endpoint);
        if self.containers.get(id).is_some_and(|c| c.is_running()) {
            self.join_networks(host, id);
            let net_id = self.networks.list[i].id.clone();
            self.network_event(&net_id, "connect", Some(id));
        }
        Ok(())
    }

    /// `docker network disconnect` (`network` as typed names it in the error).
    pub fn disconnect(&mut self, host: &Fs, network: &str, id: &str) -> Result<(), String> {
        let Some(i) = self.networks.index(network) else { return Err(format!("network {network} not found")) };
        let running = self.containers.get(id).is_some_and(|c| c.is_running());
        let net_id = self.networks.list[i].id.clone();
        if running && self.networks.list[i].endpoints.contains_key(id) {
            self.network_event(&net_id, "disconnect", Some(id));
        }
        let n = &mut self.networks.list[i];
        if n.endpoints.remove(id).is_none() {
            let cname = self.containers.get(id).map(|c| c.name.clone()).unwrap_or_default();
            return Err(format!("container {} is not connected to network {network}", if cname.is_empty() { id } else { &cname }));
        }
        if self.containers.get(id).is_some_and(|c| c.is_running()) {
            self.write_etc(host, id);
        }
        Ok(())
    }
}
