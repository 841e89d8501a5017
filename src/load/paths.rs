//! Paths under the council folder: what a file may cite, and where it lives.

use std::path::{Path, PathBuf};

/// The folder that holds `file` (empty, which joins as the current folder,
/// for a bare file name).
pub fn folder_of(file: &Path) -> PathBuf {
    file.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// `rel` resolved against the folder of `from`, refused if it leaves `root`.
/// The path returned is as the user would write it (not canonical), for
/// messages; the check itself is on canonical paths, so `..` and links
/// cannot leave the folder.
pub fn contained_path(from: &Path, rel: &str, root: &Path) -> Result<PathBuf, String> {
    let base = from.parent().unwrap_or(Path::new("."));
    let joined = base.join(rel);
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // A file that does not exist yet cannot be canonicalised: check its
    // folder, which must exist for the file to.
    let resolved = match joined.canonicalize() {
        Ok(p) => p,
        Err(_) => match (joined.parent().map(Path::canonicalize), joined.file_name()) {
            (Some(Ok(dir)), Some(name)) => dir.join(name),
            _ => return Ok(joined),
        },
    };
    if resolved.starts_with(&root) {
        Ok(joined)
    } else {
        Err(format!(
            "`{rel}` is outside the council folder {}",
            root.display()
        ))
    }
}
