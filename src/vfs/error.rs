use std::fmt;

/// A filesystem error, phrased as Linux's `strerror` phrases it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsError {
    NotFound(String),
    NotADirectory(String),
    IsADirectory(String),
    Exists(String),
    NotEmpty(String),
    PermissionDenied(String),
    Loop(String),
    Busy(String),
    ReadOnly(String),
}

impl FsError {
    /// The `strerror` text, e.g. `No such file or directory`.
    pub fn reason(&self) -> &'static str {
        match self {
            FsError::NotFound(_) => "No such file or directory",
            FsError::NotADirectory(_) => "Not a directory",
            FsError::IsADirectory(_) => "Is a directory",
            FsError::Exists(_) => "File exists",
            FsError::NotEmpty(_) => "Directory not empty",
            FsError::PermissionDenied(_) => "Permission denied",
            FsError::Loop(_) => "Too many levels of symbolic links",
            FsError::Busy(_) => "Device or resource busy",
            FsError::ReadOnly(_) => "Read-only file system",
        }
    }

    pub fn path(&self) -> &str {
        match self {
            FsError::NotFound(p)
            | FsError::NotADirectory(p)
            | FsError::IsADirectory(p)
            | FsError::Exists(p)
            | FsError::NotEmpty(p)
            | FsError::PermissionDenied(p)
            | FsError::Loop(p)
            | FsError::Busy(p)
            | FsError::ReadOnly(p) => p,
        }
    }
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path(), self.reason())
    }
}

impl std::error::Error for FsError {}
