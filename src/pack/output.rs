//! Writing a pack: every file goes into a temporary folder beside the
//! output folder, which is then moved into place. A failed run publishes
//! nothing and leaves the last good pack as it was. The renames are the
//! file writer's ([`crate::output::replace`]): durable, and on Windows
//! retried briefly while a scanner holds a file, with a clear error when a
//! file in the old pack is open in another program.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Kind};
use crate::output::replace;

use super::Built;

/// The marker that makes an existing folder a pack this tool may replace.
pub const MANIFEST: &str = "manifest.json";

fn io(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::P100, format!("{what}: {e}"))
        .in_file(path)
        .with_kind(Kind::Io)
}

/// The prefix of the folder a pack is staged in, beside the output folder.
const STAGING: &str = ".papers-pack-";

/// Writes `built` to `dir`, replacing the pack there (if any) whole.
pub fn write(dir: &Path, built: &Built) -> Result<(), Diagnostic> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Diagnostic::error(Code::P100, "the output folder is a file")
                .in_file(dir)
                .with_kind(Kind::Io)
                .with_hint("choose another folder with --out"));
        }
        let is_pack = dir.join(MANIFEST).is_file();
        let empty = std::fs::read_dir(dir)
            .map_err(|e| io(dir, "cannot read the output folder", &e))?
            .next()
            .is_none();
        if !is_pack && !empty {
            return Err(Diagnostic::error(Code::P100,
                "the output folder holds files but no manifest.json: it is not a pack papers made, so it is left alone",
            )
            .in_file(dir)
            .with_kind(Kind::Io)
            .with_hint("choose an empty or new folder with --out"));
        }
    }
    std::fs::create_dir_all(parent).map_err(|e| io(parent, "cannot create the folder", &e))?;
    // A killed run's staging folder; never a young one, which may be
    // another officer's run, still writing into the shared folder.
    crate::output::remove_stale(parent, |name, is_dir| is_dir && name.starts_with(STAGING));
    let tmp = tempfile::Builder::new()
        .prefix(STAGING)
        .tempdir_in(parent)
        .map_err(|e| io(parent, "cannot write beside the output folder", &e))?;
    for file in &built.files {
        let target = tmp.path().join(&file.path);
        if let Some(p) = target.parent() {
            std::fs::create_dir_all(p).map_err(|e| io(p, "cannot create the folder", &e))?;
        }
        std::fs::write(&target, &file.bytes).map_err(|e| io(&target, "cannot write", &e))?;
    }
    let manifest = serde_json::to_vec_pretty(&built.manifest).expect("the manifest serialises");
    let target = tmp.path().join(MANIFEST);
    std::fs::write(&target, manifest).map_err(|e| io(&target, "cannot write", &e))?;
    // Normal folder permissions (tempdir makes 0700).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755));
    }
    let staged = tmp.keep();
    swap_in(&staged, dir).inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&staged);
    })
}

/// Moves `staged` to `dir`; an old `dir` is moved aside first and deleted
/// only once the new one is in place (and put back if that fails).
fn swap_in(staged: &Path, dir: &Path) -> Result<(), Diagnostic> {
    if !dir.exists() {
        return replace(staged, dir).map_err(|e| io(dir, "cannot move the pack into place", &e));
    }
    let old = aside_name(dir);
    // On Windows this fails while any file of the old pack is open (a PDF
    // in Acrobat): say so, with the old pack untouched.
    replace(dir, &old).map_err(|e| {
        if crate::output::in_use(&e) {
            Diagnostic::error(Code::P100, format!(
                "cannot replace the pack: a file in it is open in another program ({e}); the old pack is unchanged"
            ))
            .in_file(dir)
            .with_kind(Kind::Io)
            .with_hint(crate::output::IN_USE_HINT)
        } else {
            io(dir, "cannot move the old pack aside", &e)
        }
    })?;
    if let Err(e) = replace(staged, dir) {
        let _ = replace(&old, dir);
        return Err(io(dir, "cannot move the pack into place", &e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

fn aside_name(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "pack".into());
    let parent = dir.parent().unwrap_or(Path::new("."));
    let mut n = 0u32;
    loop {
        let candidate = parent.join(format!(".{name}.old-{}-{n}", std::process::id()));
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}
