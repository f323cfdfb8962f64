//! The OCI image config. Field order and `omitempty` rules follow what
//! BuildKit writes, because the image ID is the sha256 of these exact bytes.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The image config document (top-level keys alphabetical, as BuildKit re-marshals them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageConfig {
    pub architecture: String,
    pub config: ContainerConfig,
    pub created: String,
    pub history: Vec<History>,
    pub os: String,
    pub rootfs: RootFs,
}

/// The `config` object: what a container starts with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerConfig {
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub user: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub exposed_ports: BTreeMap<String, Empty>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub env: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub entrypoint: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cmd: Option<Vec<String>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub volumes: BTreeMap<String, Empty>,
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub working_dir: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub stop_signal: String,
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub args_escaped: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub healthcheck: Option<HealthConfig>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub on_build: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub shell: Option<Vec<String>>,
}

/// Docker's `HealthConfig` (durations in nanoseconds, every field omitempty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthConfig {
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub test: Vec<String>,
    #[serde(skip_serializing_if = "is_zero", default)]
    pub interval: u64,
    #[serde(skip_serializing_if = "is_zero", default)]
    pub timeout: u64,
    #[serde(skip_serializing_if = "is_zero", default)]
    pub start_period: u64,
    #[serde(skip_serializing_if = "is_zero", default)]
    pub start_interval: u64,
    #[serde(skip_serializing_if = "is_zero", default)]
    pub retries: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Go's `struct{}`, serialised as `{}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

/// One `history` entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    pub created: String,
    pub created_by: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub empty_layer: bool,
}

/// `rootfs`: the DiffIDs bottom to top.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootFs {
    #[serde(rename = "type")]
    pub kind: String,
    pub diff_ids: Vec<String>,
}

impl Default for RootFs {
    fn default() -> RootFs {
        RootFs { kind: "layers".into(), diff_ids: Vec::new() }
    }
}

/// The PATH every Linux image gets when it lacks one.
pub const DEFAULT_PATH: &str = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

impl ImageConfig {
    /// The config of `FROM scratch`.
    pub fn scratch() -> ImageConfig {
        ImageConfig {
            architecture: "amd64".into(),
            os: "linux".into(),
            config: ContainerConfig { env: vec![DEFAULT_PATH.into()], working_dir: "/".into(), ..Default::default() },
            ..Default::default()
        }
    }

    /// The exact JSON bytes whose sha256 is the image ID.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("config serialises")
    }
}
