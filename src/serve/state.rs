//! What the server shows: the last good build of each view and the errors
//! of the newest attempt. The builder thread replaces it whole; pages and
//! event streams read it through a `tokio::sync::watch` channel, which also
//! wakes the event streams.

use std::sync::Arc;

use tokio::sync::watch;

use crate::diagnostics::Diagnostic;

use super::build::{PrintBuild, WebBuild};

#[derive(Clone, Default)]
pub struct Preview {
    /// The last web build that succeeded; kept while the file has errors.
    pub web: Option<Arc<WebBuild>>,
    /// The last print build that succeeded.
    pub print: Option<Arc<PrintBuild>>,
    /// What the overlay lists: the errors of the newest attempt when it
    /// did not load, or the findings (errors and warnings) of a draft.
    pub errors: Vec<Diagnostic>,
    /// The web build shown is the newest version, made as a DRAFT because
    /// its rules found errors.
    pub draft: bool,
    /// The print view is being typeset after a change.
    pub print_pending: bool,
    /// Bumped whenever what the web view shows changes (build or errors).
    pub web_version: u64,
    /// Bumped whenever what the print view shows changes.
    pub print_version: u64,
}

pub type Sender = watch::Sender<Arc<Preview>>;
pub type Receiver = watch::Receiver<Arc<Preview>>;

pub fn channel() -> (Sender, Receiver) {
    watch::channel(Arc::new(Preview::default()))
}

/// Which page a client has open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Web,
    Print,
}

impl View {
    pub fn name(self) -> &'static str {
        match self {
            View::Web => "web",
            View::Print => "print",
        }
    }
}

impl Preview {
    pub fn version(&self, view: View) -> u64 {
        match view {
            View::Web => self.web_version,
            View::Print => self.print_version,
        }
    }

    /// The event a client receives: both versions, so each page knows
    /// whether it is out of date.
    pub fn event_data(&self) -> String {
        format!(
            "{{\"web\":{},\"print\":{},\"errors\":{}}}",
            self.web_version,
            self.print_version,
            self.errors.len()
        )
    }
}
