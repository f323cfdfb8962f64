//! Large and endless data through pipes and redirections without holding it:
//! a program may write a [`Content`] (500 MB of zeros from `head -c`, `yes`,
//! `cat /dev/zero`) to stdout, where it stays a description until it reaches
//! a file (written as that content), a pipe (the next stage's stdin) or the
//! terminal (materialised, within the output limit).
//!
//! A child module of `interp`, so that the interpreter's buffers stay private.

use super::{Flow, Shell, OUTPUT_LIMIT};
use crate::vfs::content::ENDLESS;
use crate::vfs::{Content, FsError, Node};
use std::sync::Arc;

/// Output at most this long is written as plain bytes.
const INLINE: u64 = 64 * 1024;

/// Input up to this long is also given as bytes to programs that read plain bytes.
const STDIN_BYTES: u64 = 8 << 20;

/// How much of a longer (or endless) input those programs see.
const STDIN_PREFIX: u64 = 1 << 20;

/// A saved standard input (bytes and, when large, the whole content).
pub struct SavedStdin(Vec<u8>, Option<Content>);

impl SavedStdin {
    /// The saved input as content.
    pub fn content(&self) -> Content {
        match &self.1 {
            Some(c) => c.clone(),
            None => Content::from_bytes(self.0.clone()),
        }
    }
}

impl Shell<'_, '_> {
    /// Saves the standard input (taking it when `take`).
    pub(super) fn save_stdin(&mut self, take: bool) -> SavedStdin {
        if take {
            SavedStdin(std::mem::take(&mut self.stdin), self.stdin_big.take())
        } else {
            SavedStdin(self.stdin.clone(), self.stdin_big.clone())
        }
    }

    pub(super) fn restore_stdin(&mut self, saved: SavedStdin) {
        (self.stdin, self.stdin_big) = (saved.0, saved.1);
    }

    /// Makes `content` the standard input. Programs that read plain bytes
    /// see all of it up to 8 MiB, else its first MiB; those that read
    /// content see all of it.
    pub fn set_stdin_content(&mut self, content: Content) {
        match content {
            Content::Bytes(b) => {
                self.stdin = Arc::try_unwrap(b).unwrap_or_else(|b| (*b).clone());
                self.stdin_big = None;
            }
            other => {
                let shown = if other.len() <= STDIN_BYTES { STDIN_BYTES } else { STDIN_PREFIX };
                self.stdin = other.slice(0, shown).to_vec();
                self.stdin_big = Some(other);
            }
        }
    }

    /// Takes the standard input as content.
    pub fn stdin_content(&mut self) -> Content {
        let bytes = std::mem::take(&mut self.stdin);
        match self.stdin_big.take() {
            Some(c) => c,
            None => Content::from_bytes(bytes),
        }
    }

    /// Writes `content` to stdout; large content stays a description when
    /// stdout is a pipe or a file.
    pub fn write_content(&mut self, content: &Content) -> Result<(), Flow> {
        self.put_content(content, true)
    }

    fn put_content(&mut self, content: &Content, count: bool) -> Result<(), Flow> {
        let len = content.len();
        let at_bottom = self.out.len() == 1;
        if len <= INLINE || at_bottom {
            if len > OUTPUT_LIMIT as u64 {
                // What fits under the output limit is written (a build log
                // then clips it as BuildKit does), then the limit stops the run.
                let room = OUTPUT_LIMIT.saturating_sub(self.output_total) as u64;
                let mut bytes = Vec::with_capacity(room as usize);
                content.slice(0, room).for_each_chunk(|c| bytes.extend_from_slice(c));
                self.append_bottom(false, &bytes);
                self.count_output(OUTPUT_LIMIT + 1)?;
            }
            if count {
                self.count_output(len as usize)?;
            }
            let mut bytes = Vec::with_capacity(len as usize);
            content.for_each_chunk(|c| bytes.extend_from_slice(c));
            self.append_bottom(false, &bytes);
            return Ok(());
        }
        let level = self.out.len() - 1;
        let pos = self.out[level].len();
        self.big_out.push((level, pos, content.clone()));
        Ok(())
    }

    /// Pops the top stdout buffer with the large pieces written into it.
    pub(super) fn pop_out_content(&mut self) -> Content {
        let level = self.out.len().saturating_sub(1);
        let bytes = self.out.pop().unwrap_or_default();
        if !self.big_out.iter().any(|(l, _, _)| *l >= level) {
            return Content::from_bytes(bytes);
        }
        let mut parts = Vec::new();
        let mut at = 0usize;
        for (l, pos, c) in std::mem::take(&mut self.big_out) {
            if l < level {
                self.big_out.push((l, pos, c));
            } else if l == level {
                let pos = pos.min(bytes.len()).max(at);
                parts.push(Content::from_bytes(bytes[at..pos].to_vec()));
                parts.push(c);
                at = pos;
            }
        }
        parts.push(Content::from_bytes(bytes[at..].to_vec()));
        Content::concat(parts)
    }

    /// Pops the top stdout buffer as bytes (its large pieces materialised,
    /// within the output limit).
    pub(super) fn pop_out_bytes(&mut self) -> Result<Vec<u8>, Flow> {
        let c = self.pop_out_content();
        if c.len() > OUTPUT_LIMIT as u64 {
            self.count_output(OUTPUT_LIMIT + 1)?;
        }
        Ok(c.to_vec())
    }

    /// Appends popped content to the (new) top stdout buffer: `>&1`.
    pub(super) fn merge_out_content(&mut self, content: &Content) -> Result<(), Flow> {
        self.put_content(content, false)
    }

    /// Forgets large pieces past `len` of the top stdout buffer (output undone).
    pub(super) fn forget_big_after(&mut self, len: usize) {
        let level = self.out.len().saturating_sub(1);
        self.big_out.retain(|(l, pos, _)| *l < level || (*l == level && *pos <= len));
    }

    /// A file's content for reading, device files included (`/dev/zero`
    /// is endless zeros, `/dev/stdin` this process's input).
    pub fn read_content(&mut self, path: &str) -> Result<Content, FsError> {
        let resolved = self.fs().resolve(path, true).unwrap_or_else(|_| crate::vfs::normalize(path));
        match device(&resolved) {
            Some(Device::Null | Device::Tty | Device::Stdout | Device::Stderr) => Ok(Content::from_bytes(Vec::new())),
            Some(Device::Stream(c)) => Ok(c),
            Some(Device::Stdin) => Ok(self.stdin_content()),
            None => match self.fs().get(path)? {
                Node::File { content, .. } => Ok(content.clone()),
                Node::Dir { .. } => Err(FsError::IsADirectory(path.to_string())),
                Node::Symlink { .. } => Err(FsError::NotFound(path.to_string())),
            },
        }
    }

    /// Whether stdout is the terminal (an interactive shell's, not redirected
    /// or piped): `ls` prints columns there.
    pub fn stdout_is_tty(&self) -> bool {
        self.term.is_some() && self.out.len() == 1
    }
}

/// The contents of the device files every container has, by path; `None` for
/// other paths. `/dev/urandom` gives deterministic bytes.
pub fn device(path: &str) -> Option<Device> {
    Some(match path {
        "/dev/null" => Device::Null,
        "/dev/zero" => Device::Stream(Content::Repeat { size: ENDLESS, pattern: Arc::new(vec![0]) }),
        "/dev/urandom" | "/dev/random" => Device::Stream(Content::Generated { size: ENDLESS, seed: 0x5eed }),
        "/dev/stdin" | "/dev/fd/0" | "/proc/self/fd/0" => Device::Stdin,
        "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1" => Device::Stdout,
        "/dev/stderr" | "/dev/fd/2" | "/proc/self/fd/2" => Device::Stderr,
        "/dev/tty" | "/dev/console" => Device::Tty,
        _ => return None,
    })
}

/// A device file.
pub enum Device {
    /// Reads as empty; discards writes.
    Null,
    /// Reads as this endless stream; discards writes.
    Stream(Content),
    Stdin,
    Stdout,
    Stderr,
    /// The controlling terminal: none in a build or a detached container.
    Tty,
}
