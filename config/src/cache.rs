//! A cache for long-running callers (the language server, the CLI over many
//! files): which config applies to each directory, and each config file's
//! parse. Invalidate when a watched file changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::{ConfigError, Loaded, discover_from_dir, load_file};

/// Remembers discovery per directory and loads per config file.
#[derive(Debug, Default)]
pub struct ConfigCache {
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    files: HashMap<PathBuf, Result<Arc<Loaded>, ConfigError>>,
    defaults: Arc<Loaded>,
}

impl ConfigCache {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The config for a Dockerfile at `path` (see [`crate::load_for`]).
    ///
    /// # Errors
    /// The discovered file is invalid (the error is cached too, until
    /// [`invalidate`](Self::invalidate)).
    pub fn get_for(&mut self, path: &Path) -> Result<Arc<Loaded>, ConfigError> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let found = self
            .dirs
            .entry(dir.clone())
            .or_insert_with(|| discover_from_dir(&dir))
            .clone();
        match found {
            Some(file) => self.get_file(&file),
            None => Ok(Arc::clone(&self.defaults)),
        }
    }

    /// The parse of one config file.
    ///
    /// # Errors
    /// The file is invalid.
    pub fn get_file(&mut self, file: &Path) -> Result<Arc<Loaded>, ConfigError> {
        self.files
            .entry(file.to_path_buf())
            .or_insert_with(|| load_file(file).map(Arc::new))
            .clone()
    }

    /// The config file a Dockerfile at `path` currently uses, if any (cached).
    pub fn config_path_for(&mut self, path: &Path) -> Option<PathBuf> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        self.dirs
            .entry(dir.clone())
            .or_insert_with(|| discover_from_dir(&dir))
            .clone()
    }

    /// Forgets everything that depends on `changed` (a config file created,
    /// edited or removed).
    pub fn invalidate(&mut self, changed: &Path) {
        self.files.remove(changed);
        if crate::CONFIG_FILE_NAMES
            .iter()
            .any(|n| changed.file_name().is_some_and(|f| f == *n))
        {
            // Creation or removal can change discovery below its directory.
            if let Some(dir) = changed.parent() {
                self.dirs.retain(|d, _| !d.starts_with(dir));
            }
        }
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.dirs.clear();
        self.files.clear();
    }
}
