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
    if is_within(&resolved, &root) {
        Ok(joined)
    } else {
        Err(format!(
            "`{rel}` is outside the council folder {}",
            plain(&root).display()
        ))
    }
}

/// Whether canonical `path` lies in canonical `root`. On Windows the
/// comparison is [`windows::is_within`]: drive letters and names compare
/// without regard to case, as the filesystem does, and `\\?\` forms match
/// plain ones.
fn is_within(path: &Path, root: &Path) -> bool {
    if cfg!(windows) {
        windows::is_within(&path.to_string_lossy(), &root.to_string_lossy())
    } else {
        path.starts_with(root)
    }
}

/// The folders from `start` up to the top, nearest first: on Windows up
/// to the drive root (`C:\`) or the network share's root
/// (`\\server\share`), whichever `start` is on.
pub fn folders_up(start: &Path) -> Vec<PathBuf> {
    if cfg!(windows)
        && let Some(up) = windows::ancestors(&start.to_string_lossy())
    {
        return up.into_iter().map(PathBuf::from).collect();
    }
    start.ancestors().map(Path::to_path_buf).collect()
}

/// `path` for messages: a canonical Windows path without the `\\?\`
/// prefix the user never typed (`\\?\C:\x` is shown `C:\x`). Elsewhere,
/// as it is.
pub fn plain(path: &Path) -> PathBuf {
    if cfg!(windows)
        && let Some(p) = windows::parse(&path.to_string_lossy())
    {
        return PathBuf::from(p.to_string());
    }
    path.to_path_buf()
}

/// Windows paths, read lexically from text so that the logic is tested on
/// every platform (Wine has neither junctions nor network shares; a
/// junction is resolved by `canonicalize` before these functions see the
/// path, so it is checked as the folder it points at).
pub mod windows {
    /// An absolute Windows path: its root (`C:` or `\\server\share`) and
    /// its folder and file names, with `.` and `..` resolved.
    #[derive(Debug, PartialEq)]
    pub struct WinPath {
        pub root: String,
        pub names: Vec<String>,
    }

    impl std::fmt::Display for WinPath {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{}\\{}", self.root, self.names.join("\\"))
        }
    }

    /// Parses `C:\a\b`, `\\server\share\a`, and their `\\?\` forms
    /// (`\\?\C:\a`, `\\?\UNC\server\share\a`), with `/` or `\`.
    /// `None` for a relative or drive-relative path (`a\b`, `C:a`).
    pub fn parse(path: &str) -> Option<WinPath> {
        let s = path.replace('/', "\\");
        let s = if let Some(rest) = s.strip_prefix(r"\\?\UNC\") {
            format!(r"\\{rest}")
        } else if let Some(rest) = s.strip_prefix(r"\\?\") {
            rest.to_string()
        } else {
            s
        };
        let (root, rest) = if let Some(unc) = s.strip_prefix(r"\\") {
            let mut parts = unc.splitn(3, '\\');
            let server = parts.next().filter(|p| !p.is_empty())?;
            let share = parts.next().filter(|p| !p.is_empty())?;
            (format!(r"\\{server}\{share}"), parts.next().unwrap_or(""))
        } else {
            let bytes = s.as_bytes();
            let drive = bytes.first().filter(|b| b.is_ascii_alphabetic())?;
            if bytes.get(1) != Some(&b':') || bytes.get(2) != Some(&b'\\') {
                return None;
            }
            (format!("{}:", drive.to_ascii_uppercase() as char), &s[3..])
        };
        let mut names: Vec<String> = Vec::new();
        for name in rest.split('\\') {
            match name {
                "" | "." => {}
                // `..` stops at the root, as Windows resolves it.
                ".." => {
                    names.pop();
                }
                _ => names.push(name.to_string()),
            }
        }
        Some(WinPath { root, names })
    }

    /// Whether `path` is `root` or inside it, names compared without
    /// regard to case (NTFS and SMB shares are case-insensitive). Either
    /// not absolute: false, so an unreadable path is never "inside".
    pub fn is_within(path: &str, root: &str) -> bool {
        let (Some(path), Some(root)) = (parse(path), parse(root)) else {
            return false;
        };
        let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
        same(&path.root, &root.root)
            && path.names.len() >= root.names.len()
            && path.names.iter().zip(&root.names).all(|(a, b)| same(a, b))
    }

    /// The folders from `path` up to its drive or share root, nearest
    /// first, as plain paths (`C:\a\b`, `C:\a`, `C:\`). `None` if `path`
    /// is not absolute.
    pub fn ancestors(path: &str) -> Option<Vec<String>> {
        let p = parse(path)?;
        Some(
            (0..=p.names.len())
                .rev()
                .map(|n| {
                    WinPath {
                        root: p.root.clone(),
                        names: p.names[..n].to_vec(),
                    }
                    .to_string()
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::windows::*;

    #[test]
    fn drive_letters_dots_and_case() {
        let root = r"C:\Democracy\Reports";
        assert!(is_within(r"c:\democracy\reports\logo.png", root));
        assert!(is_within(r"\\?\C:\Democracy\Reports\a\b.yaml", root));
        assert!(is_within(r"C:/Democracy/Reports/a.yaml", root));
        assert!(!is_within(r"D:\Democracy\Reports\a.yaml", root));
        assert!(!is_within(r"C:\Democracy\Reports\..\secret.yaml", root));
        assert!(!is_within(r"C:\Democracy\ReportsX\a.yaml", root));
        assert!(!is_within(r"C:\..\..\Democracy", r"C:\Democracy\Reports"));
        // Relative or drive-relative: never inside.
        assert!(!is_within(r"Reports\a.yaml", root));
        assert!(!is_within(r"C:Reports\a.yaml", root));
    }

    #[test]
    fn network_shares() {
        let root = r"\\?\UNC\fileserver\Democracy\council";
        assert!(is_within(r"\\FileServer\democracy\Council\r.yaml", root));
        assert!(!is_within(r"\\other\democracy\council\r.yaml", root));
        assert!(!is_within(r"\\fileserver\minutes\council\r.yaml", root));
        // `..` cannot climb above the share.
        assert!(!is_within(r"\\fileserver\democracy\..\..\x", root));
        assert!(parse(r"\\server").is_none());
    }

    /// A junction inside the council folder pointing elsewhere is seen by
    /// this check as its target (`canonicalize` resolves it first).
    #[test]
    fn a_junction_is_checked_as_its_target() {
        let root = r"C:\Democracy\Reports";
        let junction_target = r"\\?\D:\Private\salaries.pdf";
        assert!(!is_within(junction_target, root));
    }

    #[test]
    fn council_yaml_is_sought_up_to_the_drive_or_share_root() {
        assert_eq!(
            ancestors(r"\\?\C:\Democracy\reports\meetings").unwrap(),
            [
                r"C:\Democracy\reports\meetings",
                r"C:\Democracy\reports",
                r"C:\Democracy",
                r"C:\"
            ]
        );
        assert_eq!(
            ancestors(r"\\?\UNC\server\share\democracy\reports").unwrap(),
            [
                r"\\server\share\democracy\reports",
                r"\\server\share\democracy",
                r"\\server\share\"
            ]
        );
        assert!(ancestors("reports/meetings").is_none());
    }
}
