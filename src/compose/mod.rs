//! Docker Compose v2: the Compose file (YAML, interpolation, the model)
//! and the `docker compose` / `docker-compose` commands.

pub mod yaml;
