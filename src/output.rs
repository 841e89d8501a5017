//! The one place outputs reach the disk.
//!
//! A report's files are written together or not at all: every file is
//! first written in full to a temporary file in its target folder and
//! synced, and only when all of them are on disk is each given its name by
//! one rename over the old file. A failure while writing (disk full, no
//! permission, a file held open by another program) leaves every old file
//! as it was, and so does a kill at any moment: no half-written file is
//! ever published.
//!
//! On Linux the temporary file is unnamed (`O_TMPFILE`), so a killed run
//! leaves nothing; it is linked to a temporary name (`.papers-*.tmp`) only
//! for the microseconds before its rename. Elsewhere, or on a filesystem
//! without `O_TMPFILE`, the temporary file is named from the start. On
//! Windows the rename is `MoveFileExW` with `MOVEFILE_REPLACE_EXISTING |
//! MOVEFILE_WRITE_THROUGH` (`std::fs::rename` passes only the first flag),
//! retried briefly while the file is locked, as antivirus scanners do for a
//! moment after a file is written.
//!
//! Folders are shared (two officers may write into one network folder), so
//! the clean-up of leftover temporary files removes only ours
//! (`.papers-*.tmp`), and only those older than [`STALE_AFTER`]: a younger
//! one may be another run's, still being written.
//!
//! Files are created with mode 0666 less the user's umask (0644 usually),
//! as any other program's output: published papers are read by a web
//! server running as another user.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::diagnostics::{Code, Diagnostic, Kind};

/// Writes one file atomically (see the module comment).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_all(&[(path.to_path_buf(), bytes)])
}

/// Writes every file, or none: an error leaves all the old files in place.
pub fn write_all(files: &[(PathBuf, &[u8])]) -> Result<(), Diagnostic> {
    let mut dirs: Vec<&Path> = files.iter().map(|(p, _)| folder_of(p)).collect();
    dirs.sort();
    dirs.dedup();
    for &dir in &dirs {
        if first_write_in(dir) {
            remove_stale(dir, |name, is_dir| {
                !is_dir && name.starts_with(PREFIX) && name.ends_with(SUFFIX)
            });
        }
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
    // Make the renames durable, one sync per folder; failing to is not
    // worth an error (the old or the new file is there, whole, either way).
    #[cfg(unix)]
    for dir in dirs {
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

/// Whether this run has not yet written into `dir`: the leftovers of a
/// killed run are looked for once per folder, not once per report (a
/// folder of 100 reports' files was listed 100 times).
fn first_write_in(dir: &Path) -> bool {
    use std::collections::HashSet;
    use std::sync::{LazyLock, Mutex};
    static SEEN: LazyLock<Mutex<HashSet<PathBuf>>> = LazyLock::new(Default::default);
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    seen.insert(dir.to_path_buf())
}

/// How old a leftover temporary file must be before a run removes it:
/// younger, it may be another run's, still being written.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Removes from `dir` the entries that `is_ours(name, is_dir)` claims and
/// that are older than [`STALE_AFTER`]: what a killed run left behind.
/// Best effort: a folder that cannot be read is reported when the files
/// are written.
pub fn remove_stale(dir: &Path, is_ours: impl Fn(&str, bool) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_symlink() || !is_ours(&entry.file_name().to_string_lossy(), meta.is_dir()) {
            continue;
        }
        let age = meta.modified().ok().and_then(|m| m.elapsed().ok());
        if age.is_some_and(|a| a >= STALE_AFTER) {
            let _ = if meta.is_dir() {
                std::fs::remove_dir_all(entry.path())
            } else {
                std::fs::remove_file(entry.path())
            };
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
    #[cfg(target_os = "linux")]
    Unnamed(std::fs::File),
    /// A named temporary file (`.papers-*.tmp`), removed on drop.
    Named(tempfile::NamedTempFile),
}

const PREFIX: &str = ".papers-";
const SUFFIX: &str = ".tmp";

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

const OUT_HINT: &str =
    "check that the output folder exists and is writable, or choose another with --out";

fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, Diagnostic> {
    let dir = folder_of(path);
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::error(Code::P100, "is a file, not a folder")
            .in_file(dir)
            .with_kind(Kind::Io)
            .with_hint(OUT_HINT));
    }
    std::fs::create_dir_all(dir).map_err(|e| Diagnostic::io(dir, &e).with_hint(OUT_HINT))?;
    if path.is_dir() {
        return Err(Diagnostic::error(
            Code::P100,
            "is a folder: the output file cannot replace it",
        )
        .in_file(path)
        .with_kind(Kind::Io)
        .with_hint("move the folder away or choose another --out"));
    }
    let mut tmp = temporary_in(dir).map_err(|e| Diagnostic::io(dir, &e).with_hint(OUT_HINT))?;
    let file = match &mut tmp {
        #[cfg(target_os = "linux")]
        Tmp::Unnamed(f) => f,
        Tmp::Named(t) => t.as_file_mut(),
    };
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .map_err(|e| Diagnostic::io(path, &e).with_hint(OUT_HINT))?;
    Ok(Staged {
        target: path.to_path_buf(),
        dir: dir.to_path_buf(),
        tmp,
    })
}

/// A temporary file in `dir`: unnamed where Linux can, named otherwise.
fn temporary_in(dir: &Path) -> std::io::Result<Tmp> {
    #[cfg(target_os = "linux")]
    match linux::unnamed_in(dir) {
        Ok(file) => return Ok(Tmp::Unnamed(file)),
        Err(e) if linux::tmpfile_unsupported(&e) => {}
        Err(e) => return Err(e),
    }
    named_builder().tempfile_in(dir).map(Tmp::Named)
}

fn named_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(PREFIX).suffix(SUFFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder
}

impl Staged {
    /// Gives the file its name, replacing the old file in one rename.
    fn commit(self) -> Result<(), Diagnostic> {
        let target = &self.target;
        let named = match self.tmp {
            Tmp::Named(t) => t,
            #[cfg(target_os = "linux")]
            Tmp::Unnamed(file) => named_builder()
                .make_in(&self.dir, |name| linux::link(&file, name))
                .map_err(|e| Diagnostic::io(target, &e))?,
        };
        // Close the handle first: Windows cannot rename an open file.
        let tmp_path = named.into_temp_path();
        #[cfg(windows)]
        windows::clear_temporary(&tmp_path);
        replace(&tmp_path, target).map_err(|e| replace_error(target, &e))?;
        // The name is gone (renamed): nothing for the drop to remove.
        let _ = tmp_path.keep();
        #[cfg(not(target_os = "linux"))]
        let _ = &self.dir;
        Ok(())
    }
}

/// What to do about a file another program holds open.
pub const IN_USE_HINT: &str = "close it (in Word, Acrobat or a browser) and run papers again";

/// The diagnostic for a failed [`replace`] of `target`: says plainly when
/// another program holds the file open (Word, Acrobat), and that the old
/// file is untouched.
pub fn replace_error(target: &Path, e: &std::io::Error) -> Diagnostic {
    if in_use(e) {
        Diagnostic::error(Code::P100, format!(
            "cannot replace the file: another program has it open ({e}); the old file is unchanged"
        ))
        .in_file(target)
        .with_kind(Kind::Io)
        .with_hint(IN_USE_HINT)
    } else {
        Diagnostic::io(target, e)
    }
}

/// Renames `from` to `to`, replacing a file at `to`, durably: the one
/// rename every output (and a pack's folder) goes through.
pub fn replace(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(windows)]
    {
        // A scanner that opens a new file holds it for a moment: retry
        // briefly (about 1.5 s in all) before saying the file is in use.
        let mut wait = Duration::from_millis(25);
        loop {
            match windows::move_file(from, to) {
                Err(e) if in_use(&e) && wait <= Duration::from_millis(800) => {
                    std::thread::sleep(wait);
                    wait *= 2;
                }
                done => return done,
            }
        }
    }
    #[cfg(not(windows))]
    std::fs::rename(from, to)
}

/// Whether `e` says another program holds the file (Windows sharing and
/// lock violations; Wine and some servers say "access denied" for an open
/// file).
pub fn in_use(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

#[cfg(target_os = "linux")]
mod linux {
    use std::fs::File;
    use std::path::Path;

    /// An unnamed file in `dir`, mode 0666 less the umask.
    pub fn unnamed_in(dir: &Path) -> std::io::Result<File> {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .mode(0o666)
            .custom_flags(libc::O_TMPFILE)
            .open(dir)
    }

    /// The errors with which a kernel or filesystem says "no O_TMPFILE here".
    pub fn tmpfile_unsupported(e: &std::io::Error) -> bool {
        matches!(
            e.raw_os_error(),
            Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL)
        )
    }

    /// Links the unnamed `file` at `name`. `linkat` of `/proc/self/fd/N`
    /// with `AT_SYMLINK_FOLLOW` is the documented way to name an
    /// `O_TMPFILE` file without needing `CAP_DAC_READ_SEARCH`.
    pub fn link(file: &File, name: &Path) -> std::io::Result<File> {
        use std::os::fd::AsRawFd;
        use std::os::unix::ffi::OsStrExt;
        let fd_path = format!("/proc/self/fd/{}\0", file.as_raw_fd());
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
}

#[cfg(windows)]
mod windows {
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;

    const MOVEFILE_REPLACE_EXISTING: u32 = 0x1;
    const MOVEFILE_WRITE_THROUGH: u32 = 0x8;
    const FILE_ATTRIBUTE_NORMAL: u32 = 0x80;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn MoveFileExW(existing: *const u16, new: *const u16, flags: u32) -> i32;
        fn SetFileAttributesW(name: *const u16, attributes: u32) -> i32;
    }

    /// `path` as a NUL-terminated wide string; a long one (past the old
    /// 260-character limit) made absolute and `\\?\`-prefixed, which
    /// lifts the limit whatever the machine's long-path setting.
    fn wide(path: &Path) -> Vec<u16> {
        let long = path.as_os_str().len() >= 240;
        let mut w: Vec<u16> = match std::path::absolute(path) {
            Ok(abs) if long && !abs.as_os_str().to_string_lossy().starts_with(r"\\") => r"\\?\"
                .encode_utf16()
                .chain(abs.as_os_str().encode_wide())
                .collect(),
            Ok(abs) if long => {
                // `\\server\share\...` becomes `\\?\UNC\server\share\...`.
                let rest: Vec<u16> = abs.as_os_str().encode_wide().skip(2).collect();
                r"\\?\UNC\".encode_utf16().chain(rest).collect()
            }
            _ => path.as_os_str().encode_wide().collect(),
        };
        w.push(0);
        w
    }

    /// Clears the temporary-file attribute `tempfile` sets: a published
    /// file must not keep it. Best effort, as `tempfile`'s own `persist`.
    pub fn clear_temporary(path: &Path) {
        let path = wide(path);
        // SAFETY: a NUL-terminated wide string that outlives the call.
        unsafe { SetFileAttributesW(path.as_ptr(), FILE_ATTRIBUTE_NORMAL) };
    }

    /// `MoveFileExW(from, to, REPLACE_EXISTING | WRITE_THROUGH)`.
    pub fn move_file(from: &Path, to: &Path) -> std::io::Result<()> {
        let (from, to) = (wide(from), wide(to));
        // SAFETY: both are NUL-terminated wide strings that outlive the call.
        unsafe {
            if MoveFileExW(
                from.as_ptr(),
                to.as_ptr(),
                MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH,
            ) == 0
            {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(())
    }
}

/// Writes a new file at `path`, never replacing one: the text is written
/// in full to a temporary file beside it, which is then given the name only
/// if nothing has it (a link, not a rename, so the check and the naming are
/// one step even against another program). `papers new` writes this way.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = folder_of(path);
    let mut staged = named_builder()
        .tempfile_in(dir)
        .map_err(|e| Diagnostic::io(dir, &e))?;
    staged
        .write_all(bytes)
        .and_then(|()| staged.as_file().sync_all())
        .map_err(|e| Diagnostic::io(path, &e))?;
    staged.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::error(Code::P100, "refused: the file exists already")
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
    use std::fs::File;

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

    #[cfg(unix)]
    #[test]
    fn files_are_readable_by_others_under_the_usual_umask() {
        use std::os::unix::fs::PermissionsExt;
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

    fn age(path: &Path, by: Duration) {
        let when = std::time::SystemTime::now() - by;
        File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }

    /// Two officers may write into one shared folder: a young temporary
    /// file may be another run's, still being written, and must survive.
    #[test]
    fn leftovers_are_removed_only_when_stale_and_ours() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".papers-AbC123.tmp");
        let young = dir.path().join(".papers-XyZ789.tmp");
        let not_ours = dir.path().join(".papers-notes.txt");
        let other = dir.path().join("minutes.tmp");
        for f in [&stale, &young, &not_ours, &other] {
            std::fs::write(f, "x").unwrap();
        }
        for f in [&stale, &not_ours, &other] {
            age(f, STALE_AFTER + Duration::from_secs(60));
        }
        age(&young, STALE_AFTER - Duration::from_secs(60));
        write_atomic(&dir.path().join("r.md"), b"new").unwrap();
        assert!(!stale.exists(), "a stale leftover of ours is removed");
        assert!(young.exists(), "a young one may be another run's");
        assert!(not_ours.exists() && other.exists(), "others' files stay");
    }

    #[test]
    fn a_failed_replace_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        std::fs::write(&path, "old").unwrap();
        let missing = dir.path().join("gone/.papers-x.tmp");
        assert!(replace(&missing, &path).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn a_file_held_open_is_named_as_such() {
        // Windows' sharing violation (32); on other systems the code means
        // something else and gets the plain I/O message.
        let e = std::io::Error::from_raw_os_error(32);
        let d = replace_error(Path::new("r.pdf"), &e);
        assert_eq!(d.kind, Kind::Io);
        assert_eq!(
            d.message.contains("another program has it open"),
            cfg!(windows),
            "{d}"
        );
    }

    /// Word or Acrobat holds a file open without sharing: a clear error
    /// (exit 2), the old file whole, no temporary file left. Runs where
    /// the tests run on Windows (checked under Wine).
    #[cfg(windows)]
    #[test]
    fn a_file_held_open_without_sharing_is_left_whole() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.pdf");
        std::fs::write(&path, "old").unwrap();
        let held = File::options()
            .read(true)
            .share_mode(0)
            .open(&path)
            .unwrap();
        let err = write_atomic(&path, b"new").unwrap_err();
        assert!(err.message.contains("another program has it open"), "{err}");
        assert_eq!(err.kind, Kind::Io);
        drop(held);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert!(leftovers(dir.path()).is_empty());
    }
}
