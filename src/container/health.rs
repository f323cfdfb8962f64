//! Health checks, as moby's `daemon/health.go` runs them: the first probe
//! one interval after the start (every start interval, 5 s, during a start
//! period), a probe's exit code 0 makes the container healthy, a failure
//! counts towards `retries` (not while it is still starting within its start
//! period), the last five results are kept.

use crate::image::HealthConfig;

const NS: u64 = 1_000_000_000;
/// How many results `State.Health.Log` keeps.
const MAX_LOG: usize = 5;
/// How much of a probe's output is kept.
const MAX_OUTPUT: usize = 4096;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Starting,
    Healthy,
    Unhealthy,
}

impl Status {
    /// The API's word (`State.Health.Status`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Starting => "starting",
            Status::Healthy => "healthy",
            Status::Unhealthy => "unhealthy",
        }
    }
}

/// One probe's result (times in Unix seconds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probe {
    pub start: i64,
    pub end: i64,
    pub exit_code: i32,
    pub output: String,
}

/// A running container's health.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Health {
    pub status: Status,
    pub failing_streak: u32,
    pub log: Vec<Probe>,
    /// When the container started.
    pub started: i64,
    /// When the next probe runs.
    pub next: i64,
}

/// Whether `cfg` asks for probes (`NONE` and an empty test disable them).
pub fn enabled(cfg: &HealthConfig) -> bool {
    cfg.test.first().is_some_and(|t| t != "NONE")
}

/// The probe's argv: `CMD` runs its arguments, `CMD-SHELL` the shell.
pub fn probe_argv(cfg: &HealthConfig) -> Vec<String> {
    match cfg.test.split_first() {
        Some((kind, rest)) if kind == "CMD-SHELL" => vec!["/bin/sh".into(), "-c".into(), rest.join(" ")],
        Some((kind, rest)) if kind == "CMD" => rest.to_vec(),
        _ => Vec::new(),
    }
}

fn secs(ns: u64, default: u64) -> i64 {
    (if ns == 0 { default } else { ns.div_ceil(NS).max(1) }) as i64
}

fn interval(cfg: &HealthConfig) -> i64 {
    secs(cfg.interval, 30)
}

fn start_interval(cfg: &HealthConfig) -> i64 {
    secs(cfg.start_interval, 5)
}

fn start_period(cfg: &HealthConfig) -> i64 {
    if cfg.start_period == 0 {
        0
    } else {
        secs(cfg.start_period, 0)
    }
}

fn retries(cfg: &HealthConfig) -> u32 {
    if cfg.retries == 0 {
        3
    } else {
        cfg.retries.min(u32::MAX as u64) as u32
    }
}

impl Health {
    /// A container that just started: `starting`, first probe scheduled.
    pub fn new(cfg: &HealthConfig, started: i64) -> Health {
        let mut h = Health { status: Status::Starting, failing_streak: 0, log: Vec::new(), started, next: started };
        h.next = started + h.step(cfg, started);
        h
    }

    /// The wait before the probe after one at `at`.
    fn step(&self, cfg: &HealthConfig, at: i64) -> i64 {
        if at < self.started + start_period(cfg) {
            start_interval(cfg)
        } else {
            interval(cfg)
        }
    }

    /// Records a probe that ran at `self.next` and schedules the next one.
    pub fn record(&mut self, cfg: &HealthConfig, exit_code: i32, output: &str) {
        let start = self.next;
        let mut output = output.to_string();
        if output.len() > MAX_OUTPUT {
            let mut cut = MAX_OUTPUT;
            while !output.is_char_boundary(cut) {
                cut -= 1;
            }
            output.truncate(cut);
        }
        self.log.push(Probe { start, end: start, exit_code, output });
        if self.log.len() > MAX_LOG {
            self.log.remove(0);
        }
        if exit_code == 0 {
            self.failing_streak = 0;
            self.status = Status::Healthy;
        } else {
            let in_start_period = self.status == Status::Starting && start - self.started < start_period(cfg);
            if !in_start_period {
                self.failing_streak = self.failing_streak.saturating_add(1);
                if self.failing_streak >= retries(cfg) {
                    self.status = Status::Unhealthy;
                }
            }
        }
        self.next = start + self.step(cfg, start);
    }

    /// The times of the probes due by `until`, the last `keep` of them
    /// (earlier ones are skipped: after a long wait only the streak's
    /// length up to `retries` and the last five results show).
    pub fn due_until(&mut self, cfg: &HealthConfig, until: i64, keep: usize) -> Vec<i64> {
        let mut times = std::collections::VecDeque::new();
        let mut at = self.next;
        let mut guard = 0;
        while at <= until && guard < 10_000_000 {
            times.push_back(at);
            if times.len() > keep {
                times.pop_front();
            }
            at += self.step(cfg, at);
            guard += 1;
        }
        if let Some(&first) = times.front() {
            self.next = first;
        }
        times.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(test: &[&str]) -> HealthConfig {
        HealthConfig { test: test.iter().map(|s| s.to_string()).collect(), ..Default::default() }
    }

    #[test]
    fn probes_decide_the_status() {
        let c = cfg(&["CMD-SHELL", "true"]);
        let mut h = Health::new(&c, 100);
        assert_eq!((h.status, h.next), (Status::Starting, 130));
        h.record(&c, 0, "");
        assert_eq!((h.status, h.next), (Status::Healthy, 160));
        for _ in 0..2 {
            h.record(&c, 1, "down");
        }
        assert_eq!((h.status, h.failing_streak), (Status::Healthy, 2));
        h.record(&c, 1, "down");
        assert_eq!(h.status, Status::Unhealthy);
        assert_eq!(h.log.len(), 4);
        assert_eq!(probe_argv(&c), vec!["/bin/sh", "-c", "true"]);
        assert!(!enabled(&cfg(&["NONE"])));
    }

    #[test]
    fn failures_in_the_start_period_do_not_count() {
        let c = HealthConfig { start_period: 20 * NS, ..cfg(&["CMD", "false"]) };
        let mut h = Health::new(&c, 0);
        assert_eq!(h.next, 5);
        for _ in 0..3 {
            h.record(&c, 1, "");
        }
        assert_eq!((h.status, h.failing_streak), (Status::Starting, 0));
        h.record(&c, 1, "");
        assert_eq!(h.next, 20 + 30);
        assert_eq!(h.failing_streak, 1);
    }
}
