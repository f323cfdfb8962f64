//! dockerd as a system service: shutting down stops every running
//! container (SIGTERM, SIGKILL after the grace period, all at once, not by
//! hand, so the restart policies still count); starting again restores them
//! as moby's `restore` does (`always` even after a manual stop,
//! `unless-stopped` unless stopped by hand, `on-failure` after a failure
//! within its retry count).

use super::{Daemon, Programs};
use crate::container::State;

impl Daemon {
    /// dockerd stops.
    pub fn shut_down(&mut self, programs: &mut dyn Programs) {
        if !self.service_up {
            return;
        }
        self.timed_exits(programs);
        self.shutting_down = true;
        let began = self.now;
        let mut ended = began;
        let ids: Vec<String> = self.containers.iter().map(|c| c.id.clone()).collect();
        for id in ids {
            if let Some(c) = self.containers.get_mut(&id) {
                c.restarts.due_ms = None;
            }
            if self.containers.get(&id).is_some_and(|c| c.is_running()) {
                self.now = began;
                self.terminate(&id);
                self.container_event(&id, "stop", &[]);
                programs.ended(&id);
                ended = ended.max(self.now);
            }
        }
        self.now = ended;
        self.shutting_down = false;
        self.service_up = false;
        // `systemctl status` tells since when it is inactive.
        self.service_since = self.now;
    }

    /// dockerd starts: containers whose restart policy says so start again,
    /// with a fresh restart count.
    pub fn come_up(&mut self, programs: &mut dyn Programs) {
        if self.service_up {
            return;
        }
        self.service_up = true;
        self.socket_up = true;
        self.service_since = self.now;
        let due: Vec<String> = self
            .containers
            .iter()
            .filter(|c| {
                let State::Exited { code, started, finished } = c.state else { return false };
                let mut r = c.restarts.clone();
                crate::container::restart::should_restart(&c.config.restart, c.restart_count, code, finished - started, &mut r)
            })
            .map(|c| c.id.clone())
            .collect();
        for id in due {
            self.started_by_user(&id);
            let _ = self.start_unattended(programs, &id);
        }
    }
}
