//! Restart policies: what moby's restart manager decides when a main
//! process ends by itself (`--restart no|always|unless-stopped|on-failure[:N]`),
//! and the back-off between restarts (100 ms, doubled each time up to a
//! minute, back to 100 ms after a run of ten seconds or more).

/// A container's restart bookkeeping beside `Container::restart_count`.
#[derive(Clone, Debug, Default)]
pub struct Restarts {
    /// When the daemon starts it again, in milliseconds since the epoch
    /// (the container is `restarting` until then).
    pub due_ms: Option<i64>,
    /// The restart manager's current back-off, in milliseconds (0: none yet).
    pub backoff_ms: i64,
    /// `docker stop`/`kill` ended it (moby's HasBeenManuallyStopped).
    pub manually_stopped: bool,
}

const FIRST_MS: i64 = 100;
const MAX_MS: i64 = 60_000;

/// moby's `RestartManager.ShouldRestart`: whether a process that exited
/// with `code` after `ran_secs` is started again; `count` is how often the
/// policy restarted it already. Updates the back-off either way.
pub fn should_restart(policy: &(String, u32), count: u32, code: i32, ran_secs: i64, r: &mut Restarts) -> bool {
    let name = policy.0.as_str();
    if matches!(name, "" | "no") {
        return false;
    }
    if ran_secs >= 10 {
        r.backoff_ms = 0;
    }
    r.backoff_ms = match r.backoff_ms {
        0 => FIRST_MS,
        b if b < MAX_MS => (b * 2).min(MAX_MS),
        b => b,
    };
    match name {
        "always" => true,
        "unless-stopped" => !r.manually_stopped,
        "on-failure" => (policy.1 == 0 || count < policy.1) && code != 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str, n: u32) -> (String, u32) {
        (name.to_string(), n)
    }

    #[test]
    fn back_off_doubles_to_a_minute_and_resets_after_ten_seconds() {
        let mut r = Restarts::default();
        let waits: Vec<i64> = (0..12)
            .map(|i| {
                assert!(should_restart(&p("always", 0), i, 0, 0, &mut r));
                r.backoff_ms
            })
            .collect();
        assert_eq!(waits, [100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000]);
        assert!(should_restart(&p("always", 0), 12, 0, 10, &mut r));
        assert_eq!(r.backoff_ms, 100);
    }

    #[test]
    fn policies_decide_as_moby_does() {
        let mut r = Restarts::default();
        assert!(!should_restart(&p("no", 0), 0, 1, 0, &mut r));
        assert!(!should_restart(&p("", 0), 0, 1, 0, &mut r));
        assert!(should_restart(&p("on-failure", 3), 2, 1, 0, &mut r));
        assert!(!should_restart(&p("on-failure", 3), 3, 1, 0, &mut r));
        assert!(!should_restart(&p("on-failure", 0), 9, 0, 0, &mut r));
        assert!(should_restart(&p("on-failure", 0), 99, 2, 0, &mut r));
        assert!(should_restart(&p("unless-stopped", 0), 0, 0, 0, &mut r));
        r.manually_stopped = true;
        assert!(!should_restart(&p("unless-stopped", 0), 0, 0, 0, &mut r));
        assert!(should_restart(&p("always", 0), 0, 0, 0, &mut r));
    }
}
