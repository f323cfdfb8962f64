//! Starting a container's main process: published ports (the "port is
//! already allocated" error), networks and `/etc` files, volumes copied in,
//! the process run through [`Programs`], then its state, health, events and
//! restart plan, and volumes copied out. Errors are the daemon's messages
//! (the CLI adds `Error response from daemon: `).

use super::{Daemon, Programs};
use crate::container::process::Outcome;
use crate::container::{health, Service, State};
use crate::digest::sha256_hex;

impl Daemon {
    /// Starts container `id`'s main process. Port conflicts and missing
    /// programs are errors (the container stays `created`).
    pub fn start(&mut self, programs: &mut dyn Programs, id: &str) -> Result<Outcome, String> {
        let now = self.now;
        let Some(c) = self.containers.get(id) else { return Err(format!("No such container: {id}")) };
        if c.is_running() {
            return Ok(Outcome::Serving(c.service.clone().unwrap_or(Service::Idle)));
        }
        self.publish_ports(id)?;
        self.join_networks(programs.host_fs(), id);
        self.sync_in(programs.host_fs(), id);
        let Some(c) = self.containers.get(id) else { return Err(format!("No such container: {id}")) };
        let argv = c.config.argv();
        let Some(outcome) = programs.main_process(self, id, &argv, now) else { return Err(format!("No such container: {id}")) };
        let Some(c) = self.containers.get_mut(id) else { return Err(format!("No such container: {id}")) };
        match &outcome {
            Outcome::StartFailed(..) => {}
            Outcome::Exited(code) => {
                c.state = State::Exited { code: code.rem_euclid(256), started: now, finished: now };
                c.service = None;
                c.stamp_logs(now);
            }
            Outcome::Serving(service) => {
                c.state = State::Running { started: now };
                c.service = Some(service.clone());
            }
            Outcome::Interactive(_) => {
                c.state = State::Running { started: now };
                c.service = None;
            }
        }
        if c.is_running() {
            c.health = c.config.healthcheck.as_ref().filter(|h| health::enabled(h)).map(|h| health::Health::new(h, now));
        } else {
            c.exits_at = None;
        }
        if !matches!(outcome, Outcome::StartFailed(..)) {
            self.started_events(id);
        }
        if matches!(outcome, Outcome::Exited(_)) {
            self.died_events(id);
            self.plan_restart(id);
        }
        self.sync_out(programs.host_fs(), id);
        Ok(outcome)
    }

    /// Starts a main process no terminal is attached to (`docker restart`, the
    /// restart policies, dockerd's restore): a shell or REPL without `-i` reads
    /// the end of its closed standard input and exits.
    pub fn start_unattended(&mut self, programs: &mut dyn Programs, id: &str) -> Result<Outcome, String> {
        let outcome = self.start(programs, id)?;
        if matches!(outcome, Outcome::Interactive(_)) && !self.containers.get(id).is_some_and(|c| c.config.interactive) {
            self.finish(id, 0);
            programs.ended(id);
        }
        Ok(outcome)
    }

    /// Binds container `id`'s published ports: a host port another running
    /// container holds is an error; `-p 80` (no host port) gets the next
    /// free ephemeral one from 32768.
    fn publish_ports(&mut self, id: &str) -> Result<(), String> {
        let now = self.now;
        let in_use: Vec<u16> = self
            .containers
            .iter()
            .filter(|c| c.is_running() && c.id != id)
            .flat_map(|c| c.ports.iter().filter_map(|p| p.host_port))
            .collect();
        let mut next_ephemeral = 32768u16;
        let Some(c) = self.containers.get_mut(id) else { return Err(format!("No such container: {id}")) };
        for p in c.ports.iter_mut() {
            match p.host_port {
                Some(hp) if in_use.contains(&hp) => {
                    let endpoint = sha256_hex(format!("endpoint\0{}\0{now}", c.id).as_bytes());
                    let ip = if p.host_ip.is_empty() { "0.0.0.0".to_string() } else { p.host_ip.clone() };
                    return Err(format!(
                        "driver failed programming external connectivity on endpoint {} ({endpoint}): Bind for {ip}:{hp} failed: port is already allocated",
                        c.name
                    ));
                }
                Some(_) => {}
                None => {
                    while in_use.contains(&next_ephemeral) {
                        next_ephemeral += 1;
                    }
                    p.host_port = Some(next_ephemeral);
                    next_ephemeral += 1;
                }
            }
        }
        Ok(())
    }
}
