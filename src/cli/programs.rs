//! The daemon's [`Programs`] as the CLI provides them: a container's main
//! process is a database server or client (`sql.rs`, `mongo.rs`), a
//! network client (`network.rs`), or a shell, REPL or server reaching the
//! network from inside (`session.rs`); health probes run the same way; a
//! main process that ends gives the attached terminal back.

use super::Out;
use crate::container::process::Outcome;
use crate::daemon::{Daemon, Programs};
use crate::vfs::Fs;
use crate::Engine;

/// The engine whose daemon is lent out: each call lends it back for the
/// program's run (the programs reach the whole machine through `Engine`).
struct EnginePrograms<'e> {
    engine: &'e mut Engine,
}

impl EnginePrograms<'_> {
    fn lend<R>(&mut self, daemon: &mut Daemon, f: impl FnOnce(&mut Engine) -> R) -> R {
        std::mem::swap(&mut self.engine.daemon, daemon);
        let r = f(self.engine);
        std::mem::swap(&mut self.engine.daemon, daemon);
        r
    }
}

impl Programs for EnginePrograms<'_> {
    fn host_fs(&mut self) -> &mut Fs {
        &mut self.engine.host.fs
    }

    fn main_process(&mut self, daemon: &mut Daemon, id: &str, argv: &[String], now: i64) -> Option<Outcome> {
        self.lend(daemon, |engine| {
            super::sql::main_process(engine, id, argv)
                .or_else(|| super::mongo::main_process(engine, id, argv))
                .or_else(|| super::network::client(engine, id, argv))
                .or_else(|| super::session::start_main(engine, id, argv, now))
        })
    }

    fn probe(&mut self, daemon: &mut Daemon, id: &str, argv: &[String], at: i64) -> Option<(i32, String)> {
        let ran = self.lend(daemon, |engine| {
            super::session::with_programs(engine, id, |c, hook| crate::container::process::run_shell_with(c, argv, at, hook))
        })?;
        Some((ran.status, ran.chunks.iter().map(|(_, t)| t.as_str()).collect()))
    }

    fn ended(&mut self, id: &str) {
        release(self.engine, id);
    }
}

/// Runs `f` on the engine's daemon with the CLI's programs.
pub fn with_daemon<R>(engine: &mut Engine, f: impl FnOnce(&mut Daemon, &mut dyn Programs) -> R) -> R {
    let mut daemon = std::mem::take(&mut engine.daemon);
    let r = f(&mut daemon, &mut EnginePrograms { engine });
    engine.daemon = daemon;
    r
}

/// The terminal attached to container `id`'s main process is given back.
pub fn release(engine: &mut Engine, id: &str) {
    if engine.session.as_ref().is_some_and(|s| s.container_id == id) {
        engine.session = None;
    }
}

/// A main process's arguments past the official images' entrypoint script
/// (`docker-entrypoint.sh mysql -h db` runs `mysql -h db`).
pub fn after_entrypoint(argv: &[String]) -> &[String] {
    match argv.first() {
        Some(a) if a.rsplit('/').next() == Some("docker-entrypoint.sh") => &argv[1..],
        _ => argv,
    }
}

/// What a client program run as container `id`'s main process printed goes
/// on the container's log, line by line (None: the container is gone).
pub fn log_output(engine: &mut Engine, id: &str, out: Out) -> Option<()> {
    let c = engine.daemon.containers.get_mut(id)?;
    for chunk in out.chunks {
        for line in chunk.text.lines() {
            c.logs.push((chunk.stream, line.to_string()));
        }
    }
    Some(())
}
