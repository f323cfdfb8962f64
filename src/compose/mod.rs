//! Docker Compose v2: the Compose file (`yaml.rs` reads YAML, `model.rs`
//! interpolates variables, checks the keys and builds the project) and the
//! `docker compose` / `docker-compose` commands (`commands.rs`).

pub mod commands;
pub mod model;
pub mod yaml;

pub use commands::run;
