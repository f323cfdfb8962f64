//! Images: OCI image configs, the image store and the built-in catalog of
//! base images that stands in for Docker Hub.

pub mod catalog;
mod config;
pub mod oci;
pub mod reference;
pub mod registry;
mod store;

pub use config::{ContainerConfig, HealthConfig, History, ImageConfig, RootFs};
pub use store::{normalize_reference as store_normalize, Image, ImageStore};
