//! dockersim: Docker, simulated in memory.
//!
//! The crate is a pure core: it performs no I/O, reads no clock and draws no
//! randomness. Everything it needs (files of a build context, the current
//! time) comes in as data, and everything it produces (images, digests, an
//! event log of a build) goes out as data. See `ARCHITECTURE.md`.

pub mod apps;
#[doc(hidden)]
pub mod archive;
pub(crate) mod base64;
pub(crate) mod btree;
pub mod build;
pub mod cli;
pub mod compose;
pub mod container;
pub mod daemon;
pub mod digest;
pub mod dockerfile;
pub mod engine;
pub mod glob;
pub mod host_files;
pub mod image;
pub mod init;
pub mod layer;
pub mod lesson;
pub mod network;
pub mod regex;
pub mod release;
pub mod shell;
pub(crate) mod sort;
pub mod time;
pub mod vfs;
pub mod web;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

pub use engine::{Engine, EngineConfig};
