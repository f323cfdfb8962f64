//! What a Python program in a container reaches over the simulated
//! network (`crate::apps::PyNet`): names resolve as `networks::lookup`
//! resolves them from that container, and a Redis server answers when its
//! container runs `redis-server` on the port asked (data in its /data).

use crate::apps::{redis, NetErr, PyNet};
use crate::daemon::Peer;
use crate::Engine;

pub struct EngineNet<'e> {
    pub engine: &'e mut Engine,
    /// The container the program runs in.
    pub from: String,
}

/// Whether container `id` runs a Redis server.
pub fn is_redis(engine: &Engine, id: &str) -> bool {
    engine.daemon.containers.get(id).is_some_and(|c| {
        c.is_running()
            && c.config.entrypoint.iter().chain(c.config.cmd.iter()).any(|a| a.contains("redis-server") || a == "docker-entrypoint.sh")
            && c.fs.exists("/usr/local/bin/redis-server")
    })
}

impl PyNet for EngineNet<'_> {
    fn resolve(&mut self, host: &str) -> Option<String> {
        match self.engine.daemon.lookup(Some(&self.from), host)? {
            Peer::Container(_, ip) | Peer::Host(ip) | Peer::Nowhere(ip) => Some(crate::network::ip_string(ip)),
            Peer::Itself => Some("127.0.0.1".into()),
        }
    }

    fn redis(&mut self, host: &str, port: u16, argv: &[String]) -> Result<redis::Reply, NetErr> {
        let target = match self.engine.daemon.lookup(Some(&self.from), host).ok_or(NetErr::Unknown)? {
            Peer::Container(id, _) => id,
            Peer::Itself => self.from.clone(),
            _ => return Err(NetErr::Refused),
        };
        if port != 6379 || !is_redis(self.engine, &target) {
            return Err(NetErr::Refused);
        }
        self.engine.daemon.sync_in(&mut self.engine.host.fs, &target);
        let c = self.engine.daemon.containers.get_mut(&target).ok_or(NetErr::Refused)?;
        let r = redis::execute(&mut c.fs, argv);
        self.engine.daemon.sync_out(&mut self.engine.host.fs, &target);
        Ok(r)
    }

    fn mysql(
        &mut self,
        host: &str,
        port: u16,
        user: &str,
        password: &str,
        db: Option<&str>,
        sql: &str,
    ) -> Result<crate::apps::sql::exec::Reply, crate::apps::MysqlErr> {
        super::sql::app_statement(self.engine, &self.from, host, port, user, password, db, sql)
    }

    fn mysql_listening(&mut self, host: &str, port: u16) -> bool {
        super::sql::app_listening(self.engine, &self.from, host, port)
    }
}
