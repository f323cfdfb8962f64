//! Reads a directory on disk into an in-memory build context.

use dockersim::vfs::{Content, Fs, Meta};
use std::path::Path;

/// Every file and directory under `root`, with permission bits kept and
/// times set to `now` (the simulated clock), so the disk's mtimes never leak in.
pub fn read_dir(root: &Path, now: i64) -> std::io::Result<Fs> {
    let mut fs = Fs::new();
    walk(root, root, now, &mut fs)?;
    Ok(fs)
}

fn walk(root: &Path, dir: &Path, now: i64, fs: &mut Fs) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        // A name that is not UTF-8 would be changed (and two such names could
        // collide): refuse it rather than drop a file.
        if entry.file_name().to_str().is_none() {
            let shown = path.to_string_lossy();
            return Err(std::io::Error::other(format!("{shown}: file name is not valid UTF-8 (the simulator keeps UTF-8 names only)")));
        }
        let Ok(rel) = path.strip_prefix(root) else { continue };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let abs = format!("/{rel}");
        let meta = entry.metadata()?;
        let mode = permission_bits(&meta);
        if meta.is_dir() {
            fs.mkdir_all(&abs, Meta::new(mode, now)).map_err(std::io::Error::other)?;
            walk(root, &path, now, fs)?;
        } else if meta.is_file() {
            let bytes = std::fs::read(&path)?;
            fs.write(&abs, Content::from_bytes(bytes), Meta::new(mode, now)).map_err(std::io::Error::other)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn permission_bits(meta: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn permission_bits(meta: &std::fs::Metadata) -> u32 {
    if meta.is_dir() {
        0o755
    } else {
        0o644
    }
}
