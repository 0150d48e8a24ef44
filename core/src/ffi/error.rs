//! The one error of the FFI (ARCHITECTURE.md rule 3): a kind (the variant) and a human message,
//! converted from the core's rich errors here and nowhere else. Kotlin sees `TourneeException.<Kind>`,
//! Swift and Python `TourneeError.<Kind>`.

use crate::i18n::Lang;
use crate::model::{Field, Reason, ValidationError};
use crate::sync::SyncError;

#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum TourneeError {
    /// A write was refused before anything changed: `field` names the field, `reason` says why,
    /// `text` says it to the user ("Montant de la commande : ne doit pas être négatif"). Not named
    /// `message`: a Kotlin exception's field of that name clashes with `Throwable.message`.
    #[error("{text}")]
    Invalid { field: Field, reason: Reason, text: String },
    #[error("{reason}")]
    NotFound { reason: String },
    /// This device has no store, or its store was never enrolled.
    #[error("{reason}")]
    NotEnrolled { reason: String },
    /// The data directory already holds an enrolled device.
    #[error("{reason}")]
    AlreadyEnrolled { reason: String },
    /// The server refused the credentials (an unknown or used enrollment code, a revoked device).
    #[error("{reason}")]
    Unauthorized { reason: String },
    /// The user's role or team may not do this.
    #[error("{reason}")]
    Forbidden { reason: String },
    /// The server refused the request as malformed or too large.
    #[error("{reason}")]
    Rejected { reason: String },
    /// The network or the server is down: worth retrying later. Nothing was lost.
    #[error("{reason}")]
    Unavailable { reason: String },
    /// The server's answer could not be understood (an incompatible server).
    #[error("{reason}")]
    Protocol { reason: String },
    /// The local database failed, is damaged, or is newer than this app.
    #[error("{reason}")]
    Storage { reason: String },
    /// A callback the app gave (a [`ChangeListener`](super::ChangeListener)) threw.
    #[error("{reason}")]
    Callback { reason: String },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for TourneeError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        TourneeError::Callback { reason: e.reason }
    }
}

impl TourneeError {
    /// The FFI error of a core error: a refused write told in `lang`; the other messages are in
    /// English until the core's errors are localized.
    pub(super) fn from_core(e: crate::Error, lang: Lang) -> Self {
        match e {
            crate::Error::Invalid(v) => TourneeError::invalid(v, lang),
            e => e.into(),
        }
    }

    pub(super) fn from_sync(e: SyncError, lang: Lang) -> Self {
        match e {
            SyncError::Store(e) => TourneeError::from_core(e, lang),
            e => e.into(),
        }
    }

    /// A refused write, told in `lang`.
    pub(super) fn invalid(v: ValidationError, lang: Lang) -> Self {
        TourneeError::Invalid { text: v.message(lang), field: v.field, reason: v.reason }
    }
}

impl From<crate::Error> for TourneeError {
    fn from(e: crate::Error) -> Self {
        let reason = e.public_reason();
        match e {
            crate::Error::Invalid(v) => TourneeError::invalid(v, Lang::En),
            crate::Error::NotFound { .. } => TourneeError::NotFound { reason },
            crate::Error::Schema { .. }
            | crate::Error::Automerge(_)
            | crate::Error::Sql(_)
            | crate::Error::DatabaseTooNew { .. }
            | crate::Error::Poisoned
            | crate::Error::DataDir { .. } => TourneeError::Storage { reason },
        }
    }
}

impl From<SyncError> for TourneeError {
    fn from(e: SyncError) -> Self {
        let reason = e.to_string();
        match e {
            SyncError::Store(inner) => inner.into(),
            SyncError::NotEnrolled => TourneeError::NotEnrolled { reason },
            SyncError::AlreadyEnrolled { .. } => TourneeError::AlreadyEnrolled { reason },
            SyncError::Unauthorized(_) => TourneeError::Unauthorized { reason },
            SyncError::Forbidden(_) => TourneeError::Forbidden { reason },
            SyncError::Rejected { .. } => TourneeError::Rejected { reason },
            SyncError::Server { .. } | SyncError::Network(_) => TourneeError::Unavailable { reason },
            SyncError::Protocol(_) => TourneeError::Protocol { reason },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_keep_their_field_and_sync_errors_their_kind() {
        let e: TourneeError =
            crate::Error::from(ValidationError::new(Field::OrderAmountCents, Reason::Negative)).into();
        assert!(matches!(
            &e,
            TourneeError::Invalid { field: Field::OrderAmountCents, reason: Reason::Negative, .. }
        ));
        assert_eq!(e.to_string(), "Order amount: must not be negative");

        // A database failure says so without quoting SQL.
        let sql = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(1),
            Some("near \"SELEC\": syntax error in SELEC json FROM visits".into()),
        );
        let e: TourneeError = crate::Error::from(sql).into();
        assert!(
            matches!(&e, TourneeError::Storage { reason } if !reason.contains("SELEC") && !reason.contains("visits"))
        );

        let e: TourneeError = SyncError::Server { status: 503, reason: "busy".into() }.into();
        assert!(matches!(e, TourneeError::Unavailable { .. }));
        let e: TourneeError =
            SyncError::Store(crate::Error::NotFound { what: "account", id: "a1".into() }).into();
        assert!(matches!(e, TourneeError::NotFound { reason } if reason == "account a1 was not found"));
    }
}
