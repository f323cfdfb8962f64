//! The simulated clock of a build: how long each kind of work takes.
//! Durations are derived from the work done (bytes moved, files written,
//! lines printed), so the same build always prints the same times.

/// Milliseconds since the build started.
#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    pub now_ms: u64,
}

impl Clock {
    pub fn advance(&mut self, ms: u64) -> u64 {
        self.now_ms += ms;
        self.now_ms
    }
}

/// Sending the Dockerfile to the builder.
pub const LOAD_DEFINITION_MS: u64 = 10;
/// Resolving an image's manifest from the registry the first time.
pub const RESOLVE_METADATA_MS: u64 = 420;
/// Exporting: writing the config and naming.
pub const WRITE_IMAGE_MS: u64 = 10;

/// Downloading `bytes` of layers (about 40 MB/s).
pub fn download_ms(bytes: u64) -> u64 {
    bytes / 40_000 + 50
}

/// Unpacking `bytes` into a snapshot (about 150 MB/s).
pub fn extract_ms(bytes: u64) -> u64 {
    bytes / 150_000 + 20
}

/// Transferring `bytes` of build context (about 100 MB/s) plus per-file overhead.
pub fn transfer_ms(bytes: u64, files: u64) -> u64 {
    bytes / 100_000 + files / 50
}

/// A COPY/ADD of `bytes` in `files` files.
pub fn copy_ms(bytes: u64, files: u64) -> u64 {
    40 + bytes / 200_000 + files / 20
}

/// A RUN that printed `lines` and wrote `bytes` in `files` files, on top of
/// what the program itself says it spent (`work_ms`).
pub fn run_ms(work_ms: u64, lines: u64, bytes: u64, files: u64) -> u64 {
    150 + work_ms + lines * 3 + bytes / 50_000 + files / 10
}

/// Writing `bytes` in `entries` files to a snapshot (about 30 MB/s, what
/// package managers manage while unpacking).
pub fn write_ms(bytes: u64, entries: u64) -> u64 {
    bytes / 30_000 + entries / 5
}

/// Compressing and writing one new layer when exporting (about 80 MB/s).
pub fn export_layer_ms(bytes: u64) -> u64 {
    30 + bytes / 80_000
}
