//! The one error of the FFI (ARCHITECTURE.md rule 3): a kind (the variant) and a message in the
//! user's language, converted from the core's rich errors here and nowhere else. Kotlin sees
//! `TourneeException.<Kind>`, Swift and Python `TourneeError.<Kind>`.
//!
//! The message is `text`, not `message`: a Kotlin exception's field of that name would clash with
//! `Throwable.message` and the bindings would not compile.

use crate::i18n::Lang;
use crate::model::{Field, Reason, ValidationError};
use crate::sync::SyncError;

#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum TourneeError {
    /// A write was refused before anything changed: `field` names the field, `reason` says why,
    /// `text` says it to the user ("Montant de la commande : ne doit pas être négatif").
    #[error("{text}")]
    Invalid { field: Field, reason: Reason, text: String },
    #[error("{text}")]
    NotFound { text: String },
    /// This device has no store, or its store was never enrolled.
    #[error("{text}")]
    NotEnrolled { text: String },
    /// The data directory already holds an enrolled device.
    #[error("{text}")]
    AlreadyEnrolled { text: String },
    /// The server refused the credentials (an unknown or used enrollment code, a revoked device).
    #[error("{text}")]
    Unauthorized { text: String },
    /// The user's role or team may not do this.
    #[error("{text}")]
    Forbidden { text: String },
    /// The server refused the request as malformed or too large.
    #[error("{text}")]
    Rejected { text: String },
    /// The network or the server is down: worth retrying later. Nothing was lost.
    #[error("{text}")]
    Unavailable { text: String },
    /// The server's answer could not be understood (an incompatible server).
    #[error("{text}")]
    Protocol { text: String },
    /// The local database failed, is damaged, or is newer than this app.
    #[error("{text}")]
    Storage { text: String },
    /// A callback the app gave (a [`ChangeListener`](super::ChangeListener)) threw.
    #[error("{text}")]
    Callback { text: String },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for TourneeError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        TourneeError::Callback { text: e.reason }
    }
}

impl TourneeError {
    /// The FFI error of a core error, told in `lang`.
    pub(super) fn from_core(e: crate::Error, lang: Lang) -> Self {
        let text = e.message(lang);
        match e {
            crate::Error::Invalid(v) => TourneeError::Invalid { field: v.field, reason: v.reason, text },
            crate::Error::NotFound { .. } => TourneeError::NotFound { text },
            crate::Error::Schema { .. }
            | crate::Error::Automerge(_)
            | crate::Error::Sql(_)
            | crate::Error::DatabaseTooNew { .. }
            | crate::Error::Poisoned
            | crate::Error::DataDir { .. } => TourneeError::Storage { text },
        }
    }

    /// The FFI error of a sync or enrollment error, told in `lang`.
    pub(super) fn from_sync(e: SyncError, lang: Lang) -> Self {
        let text = e.message(lang);
        match e {
            SyncError::Store(inner) => TourneeError::from_core(inner, lang),
            SyncError::NotEnrolled => TourneeError::NotEnrolled { text },
            SyncError::AlreadyEnrolled { .. } => TourneeError::AlreadyEnrolled { text },
            SyncError::Unauthorized(_) => TourneeError::Unauthorized { text },
            SyncError::Forbidden(_) => TourneeError::Forbidden { text },
            SyncError::Rejected { .. }
            | SyncError::InsecureServer { .. }
            | SyncError::BadCaCertificate(_) => TourneeError::Rejected { text },
            SyncError::Server { .. }
            | SyncError::Network(_)
            | SyncError::Busy { .. }
            | SyncError::UntrustedCertificate(_) => TourneeError::Unavailable { text },
            SyncError::Protocol(_) => TourneeError::Protocol { text },
        }
    }

    /// A refused write, told in `lang`.
    pub(super) fn invalid(v: ValidationError, lang: Lang) -> Self {
        TourneeError::from_core(v.into(), lang)
    }
}

/// In English, for the calls that have no user's language at hand.
impl From<crate::Error> for TourneeError {
    fn from(e: crate::Error) -> Self {
        TourneeError::from_core(e, Lang::En)
    }
}

/// In English, for the calls that have no user's language at hand.
impl From<SyncError> for TourneeError {
    fn from(e: SyncError) -> Self {
        TourneeError::from_sync(e, Lang::En)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_keep_their_field_and_sync_errors_their_kind() {
        let refused = || crate::Error::from(ValidationError::new(Field::OrderAmountCents, Reason::Negative));
        let e: TourneeError = refused().into();
        assert!(matches!(
            &e,
            TourneeError::Invalid { field: Field::OrderAmountCents, reason: Reason::Negative, .. }
        ));
        assert_eq!(e.to_string(), "Order amount: must not be negative");
        let e = TourneeError::from_core(refused(), Lang::Fr);
        assert_eq!(e.to_string(), "Montant de la commande : ne doit pas être négatif");

        // A database failure says so without quoting SQL.
        let sql = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(1),
            Some("near \"SELEC\": syntax error in SELEC json FROM visits".into()),
        );
        let e: TourneeError = crate::Error::from(sql).into();
        assert!(
            matches!(&e, TourneeError::Storage { text } if !text.contains("SELEC") && !text.contains("visits"))
        );

        let e = TourneeError::from_sync(SyncError::Server { status: 503, reason: "busy".into() }, Lang::Fr);
        assert!(matches!(&e, TourneeError::Unavailable { text } if text.contains("réessayez plus tard")));
        let e: TourneeError =
            SyncError::Store(crate::Error::NotFound { what: "account", id: "a1".into() }).into();
        assert!(matches!(e, TourneeError::NotFound { text } if text == "Account a1 was not found."));
    }
}
