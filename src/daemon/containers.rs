//! Containers on the daemon: names, creation, stop, exit and logs.

use super::Daemon;
use crate::container::{names, Container, RunConfig, State, Stream};
use crate::vfs::Fs;

impl Daemon {
    /// The "name in use" conflict text.
    pub fn name_conflict(&self, name: &str) -> Option<String> {
        self.containers.by_name(name).map(|c| {
            format!(
                "Conflict. The container name \"/{}\" is already in use by container \"{}\". You have to remove (or rename) that container to be able to reuse that name.",
                c.name, c.id
            )
        })
    }

    /// Log lines written since `from` (for attached output).
    pub fn logs_since(&self, id: &str, from: usize) -> Vec<(Stream, String)> {
        self.containers.get(id).map(|c| c.log_lines(self.now).into_iter().skip(from).collect()).unwrap_or_default()
    }
}

/// Checks a `--name` value as the daemon does.
pub fn validate_name(name: &str) -> Result<(), String> {
    let n = name.strip_prefix('/').unwrap_or(name);
    let ok = n.len() >= 2
        && n.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && n.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if ok {
        Ok(())
    } else {
        Err(format!("Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"))
    }
}

/// What `docker create` is given besides the image.
pub struct CreateOptions<'a> {
    pub name: Option<&'a str>,
    pub config: RunConfig,
    pub ports: Vec<crate::container::PortBinding>,
    pub mounts: Vec<crate::container::Mount>,
    pub auto_remove: bool,
}

impl Daemon {
    /// Creates a container (state `created`); the host's filesystem holds
    /// its bind mounts' sources.
    pub fn create(&mut self, host: &mut Fs, image_id: &str, image_ref: &str, opts: CreateOptions) -> Result<String, String> {
        let CreateOptions { name, config, ports, mounts, auto_remove } = opts;
        if let Some(n) = name {
            validate_name(n)?;
            if let Some(conflict) = self.name_conflict(n) {
                return Err(conflict);
            }
        }
        let id = self.new_id("container", image_id);
        let name = match name {
            Some(n) => n.trim_start_matches('/').to_string(),
            None => (0..).map(|i| names::generate(&id, i)).find(|n| self.containers.by_name(n).is_none()).unwrap_or_default(),
        };
        let base = self.rootfs(image_id);
        let mut config = config;
        if config.hostname.is_empty() {
            config.hostname = id[..12].to_string();
        }
        let mut fs = (*base).clone();
        if matches!(fs.get("/etc"), Ok(crate::vfs::Node::Dir { .. })) {
            let short = config.hostname.as_str();
            let meta = crate::vfs::Meta::new(0o644, self.now);
            let hosts = format!("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff00::1\tip6-allnodes\nff00::2\tip6-allrouters\n172.17.0.2\t{short}\n");
            for (path, text) in [
                ("/etc/hostname", format!("{short}\n")),
                ("/etc/hosts", hosts),
                ("/etc/resolv.conf", "nameserver 8.8.8.8\nnameserver 8.8.4.4\n".to_string()),
            ] {
                let _ = fs.write(path, crate::vfs::Content::from_bytes(text), meta.clone());
            }
        }
        crate::container::dev::populate(&mut fs, self.now);
        let container = Container {
            fs,
            base,
            id: id.clone(),
            name,
            image_id: image_id.to_string(),
            image_ref: image_ref.to_string(),
            created: self.now,
            config,
            ports,
            auto_remove,
            state: State::Created,
            logs: Vec::new(),
            log_times: Vec::new(),
            service: None,
            restart_count: 0,
            restarts: Default::default(),
            mounts,
            health: None,
            exits_at: None,
            paused: false,
            stdin: Vec::new(),
            binary_out: None,
        };
        self.containers.insert(container);
        self.container_event(&id, "create", &[]);
        self.sync_in(host, &id);
        Ok(id)
    }

    /// Ends the main process with `code`, keeping the logs it wrote meanwhile.
    pub fn finish(&mut self, id: &str, code: i32) {
        let now = self.now;
        if let Some(c) = self.containers.get_mut(id) {
            if let State::Running { started } = c.state {
                c.stamp_logs(now);
                let lines = c.timed_log_lines(now);
                c.log_times = lines.iter().map(|l| l.0).collect();
                c.logs = lines.into_iter().map(|(_, stream, text)| (stream, text)).collect();
                c.state = State::Exited { code, started, finished: now };
                c.exits_at = None;
                c.paused = false;
                // A stopped container is not healthy (moby sets it so on exit).
                if let Some(h) = c.health.as_mut() {
                    h.status = crate::container::health::Status::Unhealthy;
                }
                c.service = None;
                self.died_events(id);
            }
        }
        self.plan_restart(id);
        if self.containers.get(id).is_some_and(|c| c.auto_remove) {
            self.remove_container(id);
        }
    }

    /// `docker stop`: SIGTERM, then SIGKILL after 10 s for processes that
    /// ignore it (a PID 1 without a handler: node, python, shells).
    pub fn stop(&mut self, id: &str) {
        let running = self.containers.get(id).is_some_and(|c| c.is_running() || c.is_restarting());
        self.stopped_by_user(id);
        self.terminate(id);
        if running {
            self.container_event(id, "stop", &[]);
        }
    }

    /// SIGTERM, then SIGKILL after the grace period: the clock moves 10 s
    /// for a process that ignores SIGTERM.
    pub fn terminate(&mut self, id: &str) {
        let Some(c) = self.containers.get(id) else { return };
        if !c.is_running() {
            return;
        }
        let ends = crate::container::process::sigterm_exit(c, self.now);
        self.container_event(id, "kill", &[("signal", "15".into())]);
        if let Some((code, lines)) = ends {
            if let Some(c) = self.containers.get_mut(id) {
                c.logs.extend(lines);
            }
            self.finish(id, code);
        } else {
            self.now += 10;
            self.container_event(id, "kill", &[("signal", "9".into())]);
            self.finish(id, 137);
        }
    }
}

impl Daemon {
    /// `docker stop`/`kill` (moby's HasBeenManuallyStopped): a pending
    /// restart is cancelled and the policy will not start it again.
    pub fn stopped_by_user(&mut self, id: &str) {
        if let Some(c) = self.containers.get_mut(id) {
            c.restarts.manually_stopped = true;
            c.restarts.due_ms = None;
        }
    }

    /// `docker start`/`restart`: a fresh restart manager (moby resets the
    /// count and the manual stop).
    pub fn started_by_user(&mut self, id: &str) {
        if let Some(c) = self.containers.get_mut(id) {
            c.restart_count = 0;
            c.restarts = Default::default();
        }
    }

    /// The main process just ended by itself: its restart policy decides
    /// whether and when the daemon starts it again.
    pub fn plan_restart(&mut self, id: &str) {
        let now_ms = self.now * 1000 + self.sub_ms;
        let Some(c) = self.containers.get_mut(id) else { return };
        let State::Exited { code, started, finished } = c.state else { return };
        if c.restarts.manually_stopped || self.shutting_down {
            return;
        }
        if crate::container::restart::should_restart(&c.config.restart, c.restart_count, code, finished - started, &mut c.restarts) {
            c.restart_count += 1;
            c.restarts.due_ms = Some(now_ms + c.restarts.backoff_ms);
        }
    }
}
