//! What can go wrong in a command, converted in one place from the core's and the transport's
//! errors, told in the user's language, with a stable `kind` for `--json` and an exit code.

use serde_json::json;
use tournee_core::i18n::Lang;
use tournee_core::model::{Field, ValidationError};
use tournee_core::store::AccountListItem;
use tournee_core::sync::{SyncError, SyncErrorKind};

use crate::words::{msg, say};

#[derive(Debug)]
pub enum CliError {
    /// Bad input the CLI found: which option, and why (already in the user's language). Nothing was
    /// written.
    Invalid {
        field: String,
        reason: String,
    },
    /// Bad input the core refused: the option the user typed for the field, and the core's reason.
    /// Nothing was written.
    Refused {
        field: String,
        error: ValidationError,
    },
    UnknownLang(String),
    /// The command line does not fit the commands (clap's verdict, told in the user's language).
    Usage {
        usage: Usage,
        field: Option<String>,
    },
    NotEnrolled,
    AlreadyEnrolled {
        user: String,
    },
    NotFound {
        field: String,
        value: String,
    },
    Ambiguous {
        field: String,
        value: String,
        candidates: Vec<AccountListItem>,
    },
    Sync(SyncError),
    Core(tournee_core::Error),
    NoDataDir,
    Io {
        path: String,
        source: std::io::Error,
    },
    Server(String),
    Diverged(String),
}

pub type Result<T, E = CliError> = std::result::Result<T, E>;

/// What clap found wrong with the command line.
#[derive(Debug)]
pub enum Usage {
    Missing {
        arg: String,
    },
    Unknown {
        arg: String,
    },
    UnknownCommand {
        command: String,
    },
    Conflict {
        arg: String,
        other: String,
    },
    Invalid {
        arg: String,
        value: String,
    },
    MissingCommand,
    /// Anything else, as clap words it (English).
    Other(String),
}

/// `--account` of clap's `--account <ACCOUNT>`.
fn field_of(arg: &str) -> Option<String> {
    arg.split([' ', '=']).next().filter(|f| !f.is_empty()).map(str::to_owned)
}

/// The option a rep typed for a field the core names; the field's code when no option sets it.
fn option_for(field: Field) -> String {
    let option = match field {
        Field::OrderAmountCents => "--order",
        Field::OrderMarginCents => "--margin",
        Field::DurationMinutes => "--duration",
        Field::StartedAt => "--at",
        Field::NextStep | Field::Action => "--next-step",
        Field::DueOn => "--due",
        Field::PotentialCents => "--potential",
        Field::Target => "--target",
        Field::Note => "--note",
        Field::RegistrationNumber => "--registration",
        Field::NeedHorizon => "--horizon",
        Field::Products => "--product",
        Field::AccountId => "--account",
        Field::Name
        | Field::Territory
        | Field::Segment
        | Field::Address
        | Field::Postcode
        | Field::City
        | Field::Phone
        | Field::Website
        | Field::Notes
        | Field::Objective
        | Field::Event
        | Field::Company
        | Field::Email => return format!("--{}", field.code()),
        other => return other.code().to_owned(),
    };
    option.to_owned()
}

impl From<ValidationError> for CliError {
    fn from(v: ValidationError) -> Self {
        CliError::Refused { field: option_for(v.field), error: v }
    }
}

impl From<tournee_core::Error> for CliError {
    fn from(e: tournee_core::Error) -> Self {
        match e {
            tournee_core::Error::Invalid(v) => v.into(),
            tournee_core::Error::DataDir { path, source } => CliError::io(&path, source),
            e => CliError::Core(e),
        }
    }
}

impl From<SyncError> for CliError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Store(e) => e.into(),
            SyncError::NotEnrolled => CliError::NotEnrolled,
            SyncError::AlreadyEnrolled { user_id } => CliError::AlreadyEnrolled { user: user_id },
            e => CliError::Sync(e),
        }
    }
}

/// What the server or the network said about a failed call, when it said something.
fn detail(e: &SyncError) -> Option<String> {
    let detail = match e {
        SyncError::Unauthorized(reason) | SyncError::Forbidden(reason) | SyncError::Busy { reason, .. } => {
            reason.clone()
        }
        SyncError::Rejected { status, reason } | SyncError::Server { status, reason } => {
            format!("HTTP {status}: {reason}")
        }
        SyncError::Network(e) | SyncError::UntrustedCertificate(e) => e.to_string(),
        SyncError::Protocol(e) => e.to_string(),
        SyncError::BadCaCertificate(reason) => reason.clone(),
        SyncError::NotEnrolled
        | SyncError::AlreadyEnrolled { .. }
        | SyncError::InsecureServer { .. }
        | SyncError::Store(_) => return None,
    };
    let detail = detail.trim().trim_end_matches(':').trim();
    (!detail.is_empty()).then(|| detail.to_owned())
}

impl CliError {
    /// A clap error that is not a help or version display.
    pub fn usage(e: &clap::Error) -> Self {
        use clap::error::{ContextKind, ErrorKind};
        let context = |kind| e.get(kind).map(ToString::to_string).unwrap_or_default();
        let arg = context(ContextKind::InvalidArg);
        let field = field_of(&arg);
        let usage = match e.kind() {
            ErrorKind::MissingRequiredArgument => Usage::Missing { arg },
            ErrorKind::UnknownArgument => Usage::Unknown { arg },
            ErrorKind::InvalidSubcommand => {
                let command = context(ContextKind::InvalidSubcommand);
                return CliError::Usage { usage: Usage::UnknownCommand { command }, field: None };
            }
            ErrorKind::ArgumentConflict => Usage::Conflict { arg, other: context(ContextKind::PriorArg) },
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
                Usage::Invalid { arg, value: context(ContextKind::InvalidValue) }
            }
            ErrorKind::MissingSubcommand => Usage::MissingCommand,
            _ => {
                let text = e.to_string();
                let text = text.trim().strip_prefix("error: ").unwrap_or(text.trim()).to_owned();
                return CliError::Usage { usage: Usage::Other(text), field: None };
            }
        };
        CliError::Usage { usage, field }
    }

    pub fn invalid(field: &str, reason: String) -> Self {
        CliError::Invalid { field: field.to_owned(), reason }
    }

    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        CliError::Io { path: path.display().to_string(), source }
    }

    /// A stable code for scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            CliError::Invalid { .. }
            | CliError::Refused { .. }
            | CliError::UnknownLang(_)
            | CliError::Usage { .. } => "invalid",
            CliError::NotEnrolled => "not_enrolled",
            CliError::AlreadyEnrolled { .. } => "already_enrolled",
            CliError::NotFound { .. } => "not_found",
            CliError::Ambiguous { .. } => "ambiguous",
            CliError::Sync(e) => match e.kind() {
                SyncErrorKind::Unauthorized => "unauthorized",
                SyncErrorKind::Forbidden => "forbidden",
                SyncErrorKind::Rejected => "rejected",
                SyncErrorKind::Unavailable => "unavailable",
                SyncErrorKind::Protocol => "protocol",
                SyncErrorKind::NotEnrolled => "not_enrolled",
                SyncErrorKind::AlreadyEnrolled => "already_enrolled",
                SyncErrorKind::Store => "store",
            },
            CliError::Core(tournee_core::Error::NotFound { .. }) => "not_found",
            CliError::Core(_) => "store",
            CliError::NoDataDir | CliError::Io { .. } => "io",
            CliError::Server(_) | CliError::Diverged(_) => "demo",
        }
    }

    /// 2 for input the user can fix, 1 for the rest.
    pub fn exit_code(&self) -> u8 {
        match self.kind() {
            "invalid" | "not_found" | "ambiguous" => 2,
            _ => 1,
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            CliError::Invalid { field, .. }
            | CliError::Refused { field, .. }
            | CliError::NotFound { field, .. }
            | CliError::Ambiguous { field, .. } => Some(field),
            CliError::UnknownLang(_) => Some("--lang"),
            CliError::Usage { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            CliError::Invalid { field, reason } => {
                say!(lang, msg::INVALID_FIELD, field = field, reason = reason)
            }
            CliError::Refused { field, error } => {
                say!(lang, msg::INVALID_FIELD, field = field, reason = error.reason.message(lang))
            }
            CliError::UnknownLang(value) => say!(lang, msg::UNKNOWN_LANG, value = value),
            CliError::Usage { usage, .. } => match usage {
                Usage::Missing { arg } => say!(lang, msg::USAGE_MISSING, arg = arg),
                Usage::Unknown { arg } => say!(lang, msg::USAGE_UNKNOWN, arg = arg),
                Usage::UnknownCommand { command } => {
                    say!(lang, msg::USAGE_UNKNOWN_COMMAND, command = command)
                }
                Usage::Conflict { arg, other } => say!(lang, msg::USAGE_CONFLICT, arg = arg, other = other),
                Usage::Invalid { arg, value } => say!(lang, msg::USAGE_INVALID, arg = arg, value = value),
                Usage::MissingCommand => say!(lang, msg::USAGE_MISSING_COMMAND),
                Usage::Other(text) => text.clone(),
            },
            CliError::NotEnrolled => say!(lang, msg::NOT_ENROLLED),
            CliError::AlreadyEnrolled { user } => say!(lang, msg::ALREADY_ENROLLED, user = user),
            CliError::NotFound { field, value } => say!(lang, msg::NOT_FOUND, field = field, value = value),
            CliError::Ambiguous { field, value, candidates } => {
                let mut text = say!(lang, msg::AMBIGUOUS, field = field, value = value);
                for c in candidates {
                    text.push_str(&format!("\n  {}  {}  {}", c.id, c.name, c.city.as_deref().unwrap_or("")));
                }
                text
            }
            // On a laptop, what the server or the network said helps (it names no SQL): kept after the
            // core's sentence, without the error's own English sentence, which would say it twice.
            CliError::Sync(e) => match detail(e) {
                Some(detail) => format!("{} ({detail})", e.message(lang)),
                None => e.message(lang),
            },
            CliError::Core(e) => e.message(lang),
            CliError::NoDataDir => say!(lang, msg::NO_DATA_DIR),
            CliError::Io { path, source } => {
                say!(lang, msg::IO_FAILED, path = path, problem = source.to_string())
            }
            CliError::Server(e) => say!(lang, msg::SERVER_FAILED, problem = e),
            CliError::Diverged(e) => say!(lang, msg::DEMO_DIVERGED, problem = e),
        }
    }

    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        json!({ "error": { "kind": self.kind(), "field": self.field(), "message": self.message(lang) } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tournee_core::model::{Field, Reason};

    #[test]
    fn core_fields_are_named_by_the_option_the_user_typed() {
        let refused = ValidationError::new(Field::OrderMarginCents, Reason::MarginAboveOrder);
        let e: CliError = tournee_core::Error::Invalid(refused).into();
        assert_eq!((e.kind(), e.field(), e.exit_code()), ("invalid", Some("--margin"), 2));
        assert_eq!(e.message(Lang::Fr), "--margin : ne peut pas dépasser le montant de la commande");
        assert_eq!(e.message(Lang::En), "--margin: cannot exceed the order amount");
        let too_long = Reason::TooLong { length: 201, max: 200 };
        let e: CliError = tournee_core::Error::Invalid(ValidationError::new(Field::City, too_long)).into();
        assert_eq!(e.field(), Some("--city"));
        assert_eq!(CliError::NotEnrolled.exit_code(), 1);
    }

    #[test]
    fn a_refusal_says_the_server_s_reason_once_after_the_sentence() {
        let revoked = CliError::Sync(SyncError::Unauthorized("the token is unknown or was revoked".into()));
        assert_eq!(
            revoked.message(Lang::En),
            "The server refused this device's credentials: the code may be wrong or already used, or the \
             device revoked. (the token is unknown or was revoked)"
        );
        let silent = CliError::Sync(SyncError::Server { status: 502, reason: String::new() });
        assert_eq!(
            silent.message(Lang::En),
            format!(
                "{} (HTTP 502)",
                SyncError::Server { status: 502, reason: String::new() }.message(Lang::En)
            )
        );
    }
}
