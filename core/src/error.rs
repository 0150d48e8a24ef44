//! The core's rich internal error. Shells see a flat error (kind + message) converted in one place.

use crate::i18n::catalog::say;
use crate::i18n::Lang;
use crate::model::ValidationError;
use rusqlite::ErrorCode;

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
    /// Its text may quote SQL: shown to people only through [`Error::message`].
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

    /// This error told to a person in `lang`: never SQL text (a statement, a table or column
    /// name), a file path or a low-level detail. Those are logged here, the one place that decides
    /// what is shown and what is kept for the log.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Invalid(v) => v.message(lang),
            Error::NotFound { what, id } => {
                say(lang, "error-not-found", &[("what", (*what).into()), ("id", id.into())])
            }
            Error::Schema { doc_id, reason } => {
                tracing::warn!(doc_id, reason, "a document does not follow its schema");
                say(lang, "error-damaged-document", &[("document", doc_id.into())])
            }
            Error::Automerge(e) => {
                tracing::error!(error = %e, "a document edit failed");
                say(lang, "error-document-edit", &[])
            }
            Error::Sql(e) => {
                tracing::error!(error = %e, "the local database failed");
                let key = match e.sqlite_error_code() {
                    Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => "error-database-damaged",
                    Some(ErrorCode::DiskFull) => "error-storage-full",
                    _ => "error-database",
                };
                say(lang, key, &[])
            }
            Error::DatabaseTooNew { found, supported } => say(
                lang,
                "error-database-too-new",
                &[("found", found.to_string().into()), ("supported", supported.to_string().into())],
            ),
            Error::Poisoned => {
                tracing::error!("{self}");
                say(lang, "error-interrupted", &[])
            }
            Error::DataDir { .. } => {
                tracing::error!("{self}");
                say(lang, "error-data-directory", &[])
            }
        }
    }

    /// The local database failed, as opposed to the data being at fault.
    pub fn is_storage(&self) -> bool {
        matches!(self, Error::Sql(_) | Error::DatabaseTooNew { .. } | Error::Poisoned | Error::DataDir { .. })
    }
}

/// One error of each kind and the message it says, for the catalog's tests.
#[cfg(test)]
pub(crate) fn said() -> Vec<(String, Vec<(&'static str, crate::i18n::Arg<'static>)>)> {
    let id = |id: &str| id.to_owned();
    vec![
        (id("error-not-found"), vec![("what", "account".into()), ("id", "a1".into())]),
        (id("error-damaged-document"), vec![("document", "d1".into())]),
        (id("error-document-edit"), vec![]),
        (id("error-database"), vec![]),
        (id("error-database-damaged"), vec![]),
        (id("error-storage-full"), vec![]),
        (id("error-database-too-new"), vec![("found", "5".into()), ("supported", "4".into())]),
        (id("error-interrupted"), vec![]),
        (id("error-data-directory"), vec![]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, Reason};

    #[test]
    fn errors_are_told_in_the_user_s_language_without_sql_or_paths() {
        let sql = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(1),
            Some("near \"SELEC\": syntax error in SELEC json FROM visits".into()),
        );
        let told = Error::from(sql).message(Lang::Fr);
        assert_eq!(told, "La base locale a échoué ; le détail est dans le journal de l'application.");
        let dir = Error::DataDir {
            path: "/home/julie.martin/tournee".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        assert!(!dir.message(Lang::En).contains("julie"), "{}", dir.message(Lang::En));
        let missing = Error::NotFound { what: "account", id: "a1".into() };
        assert_eq!(missing.message(Lang::En), "Account a1 was not found.");
        assert_eq!(missing.message(Lang::Fr), "Le compte a1 est introuvable.");
        let refused = Error::from(ValidationError::new(Field::Email, Reason::NotAnEmail));
        assert_eq!(refused.message(Lang::Fr), "E-mail : n'est pas une adresse e-mail");
        let too_new = Error::DatabaseTooNew { found: 12, supported: 4 };
        assert!(too_new.message(Lang::En).contains("(schema 12, this one reads up to 4)"));
    }
}
