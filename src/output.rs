//! The one place outputs reach the disk: write to a temporary file in the
//! target folder, then rename over the old file, so a failure never leaves a
//! half-written paper or destroys the last good one.

use std::io::Write;
use std::path::Path;

use crate::diagnostics::Diagnostic;

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Diagnostic::io(dir, &e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".papers-")
        .tempfile_in(dir)
        .map_err(|e| Diagnostic::io(dir, &e))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Diagnostic::io(path, &e))?;
    tmp.persist(path)
        .map_err(|e| Diagnostic::io(path, &e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.md");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".papers-"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
