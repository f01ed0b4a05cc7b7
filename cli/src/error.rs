//! Errors that end a run with exit code 2.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum CliError {
    /// Bad usage the argument parser could not catch.
    Usage(String),
    /// A config file problem (its message names the file and position).
    Config(dockward_config::ConfigError),
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// Standard output was closed (e.g. `| head`): stop quietly.
    BrokenPipe,
}

impl CliError {
    pub fn io(path: &Path, error: std::io::Error) -> CliError {
        CliError::Io {
            path: path.to_path_buf(),
            error,
        }
    }

    /// An error writing a report to standard output or to `--output`.
    pub fn output(path: Option<&Path>, error: std::io::Error) -> CliError {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            return CliError::BrokenPipe;
        }
        CliError::Io {
            path: path.map_or_else(|| PathBuf::from("<stdout>"), Path::to_path_buf),
            error,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(msg) => f.write_str(msg),
            CliError::Config(e) => write!(f, "{e}"),
            CliError::Io { path, error } => write!(f, "{}: {}", path.display(), describe_io(error)),
            CliError::BrokenPipe => f.write_str("broken pipe"),
        }
    }
}

impl From<dockward_config::ConfigError> for CliError {
    fn from(e: dockward_config::ConfigError) -> Self {
        CliError::Config(e)
    }
}

/// An IO error in words, without Rust's "(os error N)" suffix.
pub fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file or directory".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => {
            let s = error.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}
