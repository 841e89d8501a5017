//! `papers templates list|eject`: the built-in templates.

use std::path::PathBuf;

use committee_papers::diagnostics::{Code, Diagnostic};
use committee_papers::output::write_atomic;
use committee_papers::render::templates::shipped_files;

/// What to do with the built-in templates.
pub enum Action {
    List,
    Eject { dir: PathBuf },
}

pub fn run(action: Action) -> Vec<Diagnostic> {
    match action {
        Action::List => {
            for (name, _) in shipped_files() {
                println!("{name}");
            }
            Vec::new()
        }
        Action::Eject { dir } => {
            let mut diagnostics = Vec::new();
            for (name, bytes) in shipped_files() {
                let target = dir.join(name);
                if target.exists() {
                    diagnostics.push(
                        Diagnostic::warning(Code::P100, "kept: the file exists already")
                            .in_file(&target)
                            .with_hint("delete it first to get the built-in version"),
                    );
                    continue;
                }
                match write_atomic(&target, &bytes) {
                    Ok(()) => eprintln!("wrote {}", target.display()),
                    Err(e) => diagnostics.push(e),
                }
            }
            diagnostics
        }
    }
}
