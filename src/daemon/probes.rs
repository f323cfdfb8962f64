//! Health probes: run when they fall due as the clock moves, through the
//! daemon's [`Programs`] (a probe may reach the network).

use super::{Daemon, Programs};
use crate::container::health;

/// How many probes that fell due during one wait count at most.
const MAX_DUE: usize = 10;

impl Daemon {
    /// Runs the health probes that fell due by now in every running container
    /// with a healthcheck (at most the last few of a long wait: each probe is
    /// deterministic, so skipped ones would have answered alike). What a probe
    /// runs cannot start more probes.
    pub fn health_checks(&mut self, programs: &mut dyn Programs) {
        if self.probing {
            return;
        }
        self.probing = true;
        self.run_due_probes(programs);
        self.probing = false;
    }

    fn run_due_probes(&mut self, programs: &mut dyn Programs) {
        let now = self.now;
        let due: Vec<String> = self
            .containers
            .iter()
            .filter(|c| c.is_running() && c.health.as_ref().is_some_and(|h| h.next <= now))
            .map(|c| c.id.clone())
            .collect();
        for id in due {
            let Some(c) = self.containers.get_mut(&id) else { continue };
            let (Some(h), Some(cfg)) = (c.health.as_mut(), c.config.healthcheck.clone()) else { continue };
            // Every probe that fell due counts (the failing streak), the last
            // ten at most; one run answers for them all.
            let due = h.due_until(&cfg, now, MAX_DUE);
            let Some(&at) = due.last() else { continue };
            let argv = health::probe_argv(&cfg);
            let Some((status, output)) = programs.probe(self, &id, &argv, at) else { continue };
            if let Some(h) = self.containers.get_mut(&id).and_then(|c| c.health.as_mut()) {
                for _ in &due {
                    h.record(&cfg, status, &output);
                }
            }
        }
    }
}
