//! The core's rich internal error. Shells see a flat error (kind + message) converted in one place.

use crate::model::ValidationError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A write was refused before anything changed.
    #[error("invalid {0}")]
    Invalid(#[from] ValidationError),
    #[error("{what} {id} was not found")]
    NotFound { what: &'static str, id: String },
    /// A document does not follow the schema of its kind (corrupt or from an unknown app).
    #[error("document {doc_id}: {reason}")]
    Schema { doc_id: String, reason: String },
    #[error("automerge: {0}")]
    Automerge(#[from] automerge::AutomergeError),
    /// Its text may quote SQL: shown to people only through [`Error::public_reason`].
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error(
        "the database has schema version {found}, newer than this app supports ({supported}); update the app"
    )]
    DatabaseTooNew { found: i64, supported: i64 },
    #[error("a lock was poisoned by a panic in another thread")]
    Poisoned,
    /// The device's data directory cannot be created or its store file moved.
    #[error("cannot use the data directory {}: {source}", path.display())]
    DataDir { path: std::path::PathBuf, source: std::io::Error },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn schema(doc_id: &str, reason: impl Into<String>) -> Self {
        Error::Schema { doc_id: doc_id.to_owned(), reason: reason.into() }
    }

    /// What a person may be shown of this error: never SQL text (a statement, a table or column
    /// name). The detail of a database failure is logged here, the one place that decides it.
    pub fn public_reason(&self) -> String {
        match self {
            Error::Sql(e) => {
                tracing::error!(error = %e, "the local database failed");
                "the local database failed; the details are in the app's log".to_owned()
            }
            other => other.to_string(),
        }
    }

    /// The local database failed, as opposed to the data being at fault.
    pub fn is_storage(&self) -> bool {
        matches!(self, Error::Sql(_) | Error::DatabaseTooNew { .. } | Error::Poisoned | Error::DataDir { .. })
    }
}
