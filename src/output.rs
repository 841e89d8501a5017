//! The one place outputs reach the disk.
//!
//! A report's files are written together or not at all: every file is
//! first written in full to an unnamed temporary file in its target folder
//! (Linux `O_TMPFILE`), and only when all of them are on disk is each given
//! its name, by a link to a fresh temporary name and a rename over the old
//! file. A failure while writing (disk full, no permission) leaves every old
//! file as it was and nothing behind, and so does a kill at any moment
//! before the names are given; a named temporary file (`.papers-*`) exists
//! only for the few microseconds between a link and its rename. A kill in
//! that window leaves it behind, and the next write into the folder
//! removes it.
//!
//! Files are created with mode 0666 less the user's umask (0644 usually),
//! as any other program's output: published papers are read by a web
//! server running as another user.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Kind};

/// Writes one file atomically (see the module comment).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_all(&[(path.to_path_buf(), bytes)])
}

/// Writes every file, or none: an error leaves all the old files in place.
pub fn write_all(files: &[(PathBuf, &[u8])]) -> Result<(), Diagnostic> {
    let mut dirs: Vec<&Path> = files.iter().map(|(p, _)| folder_of(p)).collect();
    dirs.dedup();
    for dir in dirs {
        remove_leftovers(dir);
    }
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        staged.push(stage(path, bytes)?);
    }
    for (i, file) in staged.into_iter().enumerate() {
        if let Err(e) = file.commit() {
            let done: Vec<String> = files[..i]
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect();
            let mut e = e;
            if !done.is_empty() {
                e.message
                    .push_str(&format!(" (already replaced: {})", done.join(", ")));
            }
            return Err(e);
        }
    }
    Ok(())
}

/// Removes the temporary names a killed run left in `dir` (see the module
/// comment). Best effort: a folder that cannot be read is reported when
/// the files are written.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let is_ours = entry.file_name().to_string_lossy().starts_with(PREFIX)
            && entry.file_type().is_ok_and(|t| t.is_file());
        if is_ours {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A file written in full but not yet given its name.
struct Staged {
    target: PathBuf,
    dir: PathBuf,
    tmp: Tmp,
}

enum Tmp {
    /// An `O_TMPFILE` file: no name, gone if the process dies.
    Unnamed(File),
    /// Where the filesystem has no `O_TMPFILE`: a named temporary file,
    /// removed on drop.
    Named(tempfile::NamedTempFile),
}

const PREFIX: &str = ".papers-";

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, Diagnostic> {
    let dir = folder_of(path);
    let out_hint =
        "check that the output folder exists and is writable, or choose another with --out";
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::error("is a file, not a folder")
            .in_file(dir)
            .with_kind(Kind::Io)
            .with_hint(out_hint));
    }
    std::fs::create_dir_all(dir).map_err(|e| Diagnostic::io(dir, &e).with_hint(out_hint))?;
    if path.is_dir() {
        return Err(
            Diagnostic::error("is a folder: the output file cannot replace it")
                .in_file(path)
                .with_kind(Kind::Io)
                .with_hint("move the folder away or choose another --out"),
        );
    }
    let mut tmp = match unnamed_in(dir) {
        Ok(file) => Tmp::Unnamed(file),
        Err(e) if tmpfile_unsupported(&e) => Tmp::Named(
            tempfile::Builder::new()
                .prefix(PREFIX)
                .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
                .tempfile_in(dir)
                .map_err(|e| Diagnostic::io(dir, &e).with_hint(out_hint))?,
        ),
        Err(e) => return Err(Diagnostic::io(dir, &e).with_hint(out_hint)),
    };
    let file = match &mut tmp {
        Tmp::Unnamed(f) => f,
        Tmp::Named(t) => t.as_file_mut(),
    };
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .map_err(|e| Diagnostic::io(path, &e).with_hint(out_hint))?;
    Ok(Staged {
        target: path.to_path_buf(),
        dir: dir.to_path_buf(),
        tmp,
    })
}

/// An unnamed file in `dir`, mode 0666 less the umask.
fn unnamed_in(dir: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .mode(0o666)
        .custom_flags(libc::O_TMPFILE)
        .open(dir)
}

/// The errors with which a kernel or filesystem says "no O_TMPFILE here".
fn tmpfile_unsupported(e: &std::io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL)
    )
}

impl Staged {
    /// Gives the file its name, replacing the old file in one rename.
    fn commit(self) -> Result<(), Diagnostic> {
        let target = &self.target;
        let named = match self.tmp {
            Tmp::Named(t) => t,
            Tmp::Unnamed(file) => {
                use std::os::fd::AsRawFd;
                let fd_path = format!("/proc/self/fd/{}\0", file.as_raw_fd());
                tempfile::Builder::new()
                    .prefix(PREFIX)
                    .make_in(&self.dir, |name| link_fd(&fd_path, name))
                    .map_err(|e| Diagnostic::io(target, &e))?
            }
        };
        named
            .persist(target)
            .map_err(|e| Diagnostic::io(target, &e.error))?;
        // Make the renames durable; failing to is not worth an error.
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// Links the unnamed file behind `/proc/self/fd/N` (NUL-terminated) at
/// `name`. `linkat` with `AT_SYMLINK_FOLLOW` is the documented way to name
/// an `O_TMPFILE` file without needing `CAP_DAC_READ_SEARCH`.
fn link_fd(fd_path: &str, name: &Path) -> std::io::Result<File> {
    use std::os::unix::ffi::OsStrExt;
    let mut new = name.as_os_str().as_bytes().to_vec();
    new.push(0);
    // SAFETY: both paths are NUL-terminated byte strings that outlive the call.
    let rc = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            fd_path.as_ptr().cast(),
            libc::AT_FDCWD,
            new.as_ptr().cast(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // `NamedTempFile` wants a handle; the rename only needs the name.
    File::open(name)
}

/// Writes a new file at `path`, never replacing one: the text is written
/// in full to a temporary file beside it, which is then given the name only
/// if nothing has it (a link, not a rename, so the check and the naming are
/// one step even against another program). `papers new` writes this way.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = folder_of(path);
    let mut staged = tempfile::Builder::new()
        .prefix(PREFIX)
        .tempfile_in(dir)
        .map_err(|e| Diagnostic::io(dir, &e))?;
    staged
        .write_all(bytes)
        .and_then(|()| staged.as_file().sync_all())
        .map_err(|e| Diagnostic::io(path, &e))?;
    staged.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::error("refused: the file exists already")
                .in_file(path)
                .with_kind(Kind::Io)
                .with_hint("choose a new file name, or delete the file first")
        } else {
            Diagnostic::io(path, &e.error)
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(PREFIX))
            .collect()
    }

    #[test]
    fn replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.md");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert!(leftovers(path.parent().unwrap()).is_empty());
    }

    #[test]
    fn files_are_readable_by_others_under_the_usual_umask() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.html");
        write_atomic(&path, b"<p>x</p>").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        // SAFETY: reading the umask sets it; it is set straight back.
        let umask = unsafe {
            let m = libc::umask(0o022);
            libc::umask(m);
            m
        } as u32;
        assert_eq!(mode, 0o666 & !umask, "mode {mode:o}, umask {umask:o}");
    }

    #[test]
    fn all_or_nothing_when_one_file_cannot_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("r.md");
        let html = dir.path().join("r.html");
        std::fs::write(&md, "old md").unwrap();
        // A folder where the HTML should go: that file cannot be written.
        std::fs::create_dir(&html).unwrap();
        let err = write_all(&[(md.clone(), b"new md"), (html.clone(), b"new html")]).unwrap_err();
        assert!(err.message.contains("is a folder"), "{err}");
        assert_eq!(std::fs::read_to_string(&md).unwrap(), "old md");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_output_folder_that_is_a_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out");
        std::fs::write(&file, "x").unwrap();
        let err = write_atomic(&file.join("r.md"), b"x").unwrap_err();
        assert!(err.message.contains("is a file, not a folder"), "{err}");
        assert_eq!(err.kind, Kind::Io);
    }
}
