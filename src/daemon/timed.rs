//! What falls due as the clock moves: main processes whose run (`sleep
//! 300`) is over, and restarts the restart policies planned.

use super::{Daemon, Programs};

/// Steps [`Daemon::timed_exits`] replays between two terminal lines at most.
const DUE_LIMIT: usize = 1000;

impl Daemon {
    /// Plays what fell due by now, in the order it happened: main processes
    /// whose run is over end at the time they ended, and the restart
    /// policies start exited containers again after their back-off. At most
    /// [`DUE_LIMIT`] steps a call; restarts left over then wait a back-off
    /// from now (a container crash-looping for hours is not replayed run by run).
    pub fn timed_exits(&mut self, programs: &mut dyn Programs) {
        let now = self.now;
        let now_ms = now * 1000;
        for _ in 0..DUE_LIMIT {
            let next = self
                .containers
                .iter()
                .filter_map(|c| match c.exits_at {
                    Some((at, code)) if c.is_running() && at <= now => Some((at * 1000, c.id.clone(), Some(code))),
                    _ => c.restarts.due_ms.filter(|&due| due <= now_ms && !c.is_running()).map(|due| (due, c.id.clone(), None)),
                })
                .min();
            let Some((at_ms, id, code)) = next else { return };
            self.now = at_ms.div_euclid(1000);
            self.sub_ms = at_ms.rem_euclid(1000);
            match code {
                Some(code) => {
                    self.finish(&id, code);
                    programs.ended(&id);
                }
                None => self.policy_restart(programs, &id),
            }
            self.now = now;
            self.sub_ms = 0;
        }
        for c in self.containers.iter_mut() {
            if let Some(due) = c.restarts.due_ms.as_mut().filter(|due| **due <= now_ms) {
                *due = now_ms + c.restarts.backoff_ms;
            }
        }
    }

    /// The daemon starts a container again for its restart policy.
    fn policy_restart(&mut self, programs: &mut dyn Programs, id: &str) {
        if let Some(c) = self.containers.get_mut(id) {
            c.restarts.due_ms = None;
        }
        let _ = self.start_unattended(programs, id);
    }
}
