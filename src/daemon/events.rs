//! The daemon's event log (`docker events`): what happened to containers,
//! images, networks and volumes, with moby's actions and attributes. Like
//! moby it keeps the last 256 events.

use super::Daemon;
use crate::container::{Container, Mount, State};
use std::collections::BTreeMap;

/// One event as moby's `events.Message` carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Nanoseconds since the epoch.
    pub time_ns: i64,
    /// `container`, `image`, `network`, `volume`, `daemon`.
    pub kind: &'static str,
    /// `create`, `start`, `die`, `exec_start: sh -c ls`, …
    pub action: String,
    /// The object's ID (an image pull's reference).
    pub actor: String,
    pub attrs: BTreeMap<String, String>,
}

/// How many events the daemon keeps (moby's `eventsLimit`).
pub const LIMIT: usize = 256;

impl Daemon {
    /// Records an event now (events in the same instant keep their order
    /// a microsecond apart).
    pub fn emit(&mut self, kind: &'static str, action: impl Into<String>, actor: impl Into<String>, attrs: BTreeMap<String, String>) {
        let base = self.now.saturating_mul(1_000_000_000).saturating_add(self.sub_ms * 1_000_000);
        let time_ns = match self.events.last() {
            Some(last) if last.time_ns >= base => last.time_ns + 1000,
            _ => base,
        };
        self.events.push(Event { time_ns, kind, action: action.into(), actor: actor.into(), attrs });
        if self.events.len() > LIMIT {
            let extra = self.events.len() - LIMIT;
            self.events.drain(..extra);
        }
    }

    /// A container event: its labels, `image` as typed and `name`, plus `extra`.
    pub fn container_event(&mut self, id: &str, action: impl Into<String>, extra: &[(&str, String)]) {
        let Some(c) = self.containers.get(id) else { return };
        let attrs = container_attrs(self, c, extra);
        self.emit("container", action, id, attrs);
    }

    /// An image event: `name` and the image's labels.
    pub fn image_event(&mut self, actor: &str, image_id: &str, name: &str, action: &str) {
        let mut attrs: BTreeMap<String, String> =
            self.images.get(image_id).map(|i| i.config.config.labels.clone().into_iter().collect()).unwrap_or_default();
        if !name.is_empty() {
            attrs.insert("name".into(), name.to_string());
        }
        self.emit("image", action, actor, attrs);
    }

    /// A network event: `name` and `type`, plus `container` for connects.
    pub fn network_event(&mut self, network_id: &str, action: &str, container: Option<&str>) {
        let Some(n) = self.networks.list.iter().find(|n| n.id == network_id) else { return };
        let mut attrs = BTreeMap::from([("name".to_string(), n.name.clone()), ("type".to_string(), n.driver.clone())]);
        if let Some(c) = container {
            attrs.insert("container".into(), c.to_string());
        }
        self.emit("network", action, network_id, attrs);
    }

    /// A volume event with the local driver.
    pub fn volume_event(&mut self, name: &str, action: &str, extra: &[(&str, String)]) {
        let mut attrs = BTreeMap::from([("driver".to_string(), "local".to_string())]);
        attrs.extend(extra.iter().map(|(k, v)| (k.to_string(), v.clone())));
        self.emit("volume", action, name, attrs);
    }

    /// What happens as a main process starts: its volumes are mounted, its
    /// networks joined, then `start`.
    pub fn started_events(&mut self, id: &str) {
        let Some(c) = self.containers.get(id) else { return };
        let nets: Vec<String> = self.networks.of(id).iter().map(|(n, _)| n.id.clone()).collect();
        let volumes: Vec<Mount> = c.mounts.iter().filter(|m| !m.bind).cloned().collect();
        for n in nets {
            self.network_event(&n, "connect", Some(id));
        }
        for m in volumes {
            let extra = [
                ("container", id.to_string()),
                ("destination", m.destination.clone()),
                ("propagation", String::new()),
                ("read/write", (!m.read_only).to_string()),
            ];
            self.volume_event(&m.source, "mount", &extra);
        }
        self.container_event(id, "start", &[]);
    }

    /// What happens as a main process ends: its networks are left, its
    /// volumes unmounted, then `die` with the exit code and how long it ran.
    pub fn died_events(&mut self, id: &str) {
        let Some(c) = self.containers.get(id) else { return };
        let State::Exited { code, started, finished } = c.state else { return };
        let nets: Vec<String> = self.networks.of(id).iter().map(|(n, _)| n.id.clone()).collect();
        let volumes: Vec<String> = c.mounts.iter().filter(|m| !m.bind).map(|m| m.source.clone()).collect();
        for n in nets {
            self.network_event(&n, "disconnect", Some(id));
        }
        for v in volumes {
            self.volume_event(&v, "unmount", &[("container", id.to_string())]);
        }
        self.container_event(id, "die", &[("exitCode", code.to_string()), ("execDuration", (finished - started).max(0).to_string())]);
    }

    /// Removes a container from the store, recording `destroy`.
    pub fn remove_container(&mut self, id: &str) -> Option<Container> {
        self.container_event(id, "destroy", &[]);
        self.containers.remove(id)
    }
}

fn container_attrs(d: &Daemon, c: &Container, extra: &[(&str, String)]) -> BTreeMap<String, String> {
    let mut attrs: BTreeMap<String, String> =
        d.images.get(&c.image_id).map(|i| i.config.config.labels.clone().into_iter().collect()).unwrap_or_default();
    attrs.extend(c.config.labels.iter().map(|(k, v)| (k.clone(), v.clone())));
    attrs.insert("image".into(), c.image_ref.clone());
    attrs.insert("name".into(), c.name.clone());
    attrs.extend(extra.iter().map(|(k, v)| (k.to_string(), v.clone())));
    attrs
}
