//! Networks on the daemon: `docker network create|rm|prune`.

use super::Daemon;
use crate::network::NewNetwork;

impl Daemon {
    /// Creates a network; its ID.
    pub fn create_network(&mut self, spec: NewNetwork) -> Result<String, String> {
        let id = self.networks.create(spec)?;
        self.network_event(&id, "create", None);
        Ok(id)
    }

    /// Removes the network at `index` unless it is predefined or running
    /// containers are attached to it.
    pub fn remove_network(&mut self, index: usize) -> Result<(), String> {
        let Some(n) = self.networks.list.get(index) else { return Ok(()) };
        if n.predefined {
            return Err(format!("{} is a pre-defined network and cannot be removed", n.name));
        }
        // Stopped containers do not count: Docker keeps their endpoint config.
        let active: Vec<String> = n
            .endpoints
            .keys()
            .filter_map(|id| self.containers.get(id).filter(|c| c.is_running()))
            .map(|c| format!("name:\"{}\" id:\"{}\"", c.name, c.short_id()))
            .collect();
        if !active.is_empty() {
            return Err(format!("error while removing network: network {} has active endpoints ({})", n.name, active.join(", ")));
        }
        let net_id = n.id.clone();
        self.network_event(&net_id, "destroy", None);
        self.networks.list.remove(index);
        Ok(())
    }

    /// `docker network prune`: removes the custom networks no container
    /// uses; their names.
    pub fn prune_networks(&mut self) -> Vec<String> {
        let unused: Vec<String> = self
            .networks
            .list
            .iter()
            .filter(|n| !n.predefined && !n.endpoints.keys().any(|id| self.containers.get(id).is_some()))
            .map(|n| n.name.clone())
            .collect();
        let gone: Vec<String> = self.networks.list.iter().filter(|n| unused.contains(&n.name)).map(|n| n.id.clone()).collect();
        for net_id in gone {
            self.network_event(&net_id, "destroy", None);
        }
        self.networks.list.retain(|n| !unused.contains(&n.name));
        unused
    }
}
