//! The words `tournee` says of its own (reports, its errors, the help of every command), in English
//! and French: `cli/locales/{en,fr}/cli.ftl`, loaded through the core's catalog mechanism. Labels of
//! coded values, formats and the core's errors come from the core.

use std::sync::LazyLock;

use tournee_core::i18n::{Arg, Catalog, Lang};

static CLI: LazyLock<Catalog> = LazyLock::new(|| {
    Catalog::new(&[include_str!("../locales/en/cli.ftl")], &[include_str!("../locales/fr/cli.ftl")])
});

/// Message `id` in `lang` with named `args`. A message that is missing or given the wrong
/// arguments stops a debug build (the tests run one), so no command shows a message id or a gap.
pub fn message(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    match CLI.try_format(lang, id, args) {
        Ok(text) => text,
        Err(problem) if cfg!(debug_assertions) => panic!("{problem}"),
        Err(_) => CLI.format(lang, id, args),
    }
}

/// `say!(lang, msg::X, name = value, …)`: message X with its named arguments; a value is text
/// (`&str`, `String`) or a count (an integer, shown with the language's digit grouping).
macro_rules! say {
    ($lang:expr, $id:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::words::message($lang, $id, &[$((stringify!($name), $crate::words::arg(&$value))),*])
    };
}
pub(crate) use say;

/// What a message may show: text, or a count.
pub trait ToArg {
    fn to_arg(&self) -> Arg<'static>;
}

impl ToArg for str {
    fn to_arg(&self) -> Arg<'static> {
        Arg::from(self.to_owned())
    }
}

impl ToArg for String {
    fn to_arg(&self) -> Arg<'static> {
        Arg::from(self.clone())
    }
}

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> Arg<'static> {
        (**self).to_arg()
    }
}

macro_rules! count_arg {
    ($($t:ty),+) => {
        $(impl ToArg for $t {
            fn to_arg(&self) -> Arg<'static> {
                Arg::from(*self)
            }
        })+
    };
}
count_arg!(u64, u32, usize, i64);

pub fn arg<T: ToArg + ?Sized>(value: &T) -> Arg<'static> {
    value.to_arg()
}

/// Message ids of the CLI's own messages.
pub mod msg {
    /// Declares each id as a constant and lists them all in `ALL`.
    macro_rules! ids {
        ($($name:ident = $id:literal,)+) => {
            $(pub const $name: &str = $id;)+
            #[cfg(test)]
            pub const ALL: &[&str] = &[$($id),+];
        };
    }

    ids! {
        ERROR_LINE = "error-line",
        INVALID_FIELD = "invalid-field",
        USAGE_MISSING = "usage-missing",
        USAGE_UNKNOWN = "usage-unknown",
        USAGE_UNKNOWN_COMMAND = "usage-unknown-command",
        USAGE_CONFLICT = "usage-conflict",
        USAGE_INVALID = "usage-invalid",
        USAGE_MISSING_COMMAND = "usage-missing-command",
        UNKNOWN_LANG = "unknown-lang",
        NOT_A_NUMBER = "not-a-number",
        NOT_A_DAY = "not-a-day",
        NOT_A_TIME = "not-a-time",
        UNKNOWN_CODE = "unknown-code",
        NEEDS_NEXT_STEP = "needs-next-step",
        ONE_RESOLUTION = "one-resolution",
        NO_SUCH_CONFLICT = "no-such-conflict",
        REQUIRED = "required",
        NOTHING_TO_CHANGE = "nothing-to-change",
        NOT_ENROLLED = "not-enrolled",
        ALREADY_ENROLLED = "already-enrolled",
        NOT_FOUND = "not-found",
        AMBIGUOUS = "ambiguous",
        NO_DATA_DIR = "no-data-dir",
        IO_FAILED = "io-failed",
        SERVER_FAILED = "server-failed",
        DEMO_DIVERGED = "demo-diverged",
        ENROLLED = "enrolled",
        STATUS_ENROLLED = "status-enrolled",
        STATUS_NOT_ENROLLED = "status-not-enrolled",
        STATUS_STORE = "status-store",
        STATUS_PENDING = "status-pending",
        VISIT_LOGGED = "visit-logged",
        FOLLOW_UP_DONE = "follow-up-done",
        FOLLOW_UP_CREATED = "follow-up-created",
        ORDER = "order",
        AGENDA_TITLE = "agenda-title",
        PLANNED_VISITS = "planned-visits",
        FOLLOW_UPS_DUE = "follow-ups-due",
        OVERDUE = "overdue",
        NOTHING = "nothing",
        ACCOUNTS_FOUND = "accounts-found",
        ACCOUNT_CREATED = "account-created",
        ACCOUNT_SAVED = "account-saved",
        LOOKS_LIKE = "looks-like",
        ME = "me",
        CONTACTS = "contacts",
        TIMELINE = "timeline",
        MERGED_FROM = "merged-from",
        DONE = "done",
        LEAD_CAPTURED = "lead-captured",
        LEADS_OF = "leads-of",
        LEAD_QUALIFIED = "lead-qualified",
        LEAD_DISCARDED = "lead-discarded",
        SYNCING = "syncing",
        SYNC_PROGRESS = "sync-progress",
        SYNC_REPORT = "sync-report",
        REVIEW_CONFLICTS = "review-conflicts",
        QUARANTINED = "quarantined",
        STATUS_QUARANTINED = "status-quarantined",
        DASHBOARD_TEAM = "dashboard-team",
        DASHBOARD_REP = "dashboard-rep",
        COL_INDICATOR = "col-indicator",
        COL_WEEK = "col-week",
        COL_PREVIOUS = "col-previous",
        COL_OBJECTIVE = "col-objective",
        ACTIONS_DUE = "actions-due",
        ACTION_DUE = "action-due",
        LOOK_AT = "look-at",
        TO_LOOK_AT = "to-look-at",
        CONFLICTS = "conflicts",
        CONFLICT_FIELD = "conflict-field",
        CONFLICT_DELETED = "conflict-deleted",
        CONFLICT_RESOLVED = "conflict-resolved",
        QUOTED = "quoted",
        TEAM_CREATED = "team-created",
        USER_CREATED = "user-created",
        CODE_ISSUED = "code-issued",
        CODE_LINK = "code-link",
        DEVICE_REVOKED = "device-revoked",
        DEMO_TITLE = "demo-title",
        DEMO_TEAM = "demo-team",
        DEMO_PLAYED = "demo-played",
        DEMO_OVERLAPS = "demo-overlaps",
        DEMO_SYNCS = "demo-syncs",
        DEMO_SYNC_LINE = "demo-sync-line",
        DEMO_CONVERGED = "demo-converged",
        DEMO_MERGED_NOTES = "demo-merged-notes",
        DUPLICATES = "duplicates",
        DEMO_ELAPSED = "demo-elapsed",
        NOT_A_PERIOD = "not-a-period",
        EXPORTED = "exported",
        NEEDS_EVENT = "needs-event",
        OBJECTIVE_SAVED = "objective-saved",
        OBJECTIVES = "objectives",
        TEAM = "team",
        IMPORT_READ = "import-read",
        IMPORT_IGNORED = "import-ignored",
        IMPORT_TO_CREATE = "import-to-create",
        IMPORT_CREATED = "import-created",
        IMPORT_EXISTING = "import-existing",
        IMPORT_SIMILAR = "import-similar",
        IMPORT_REFUSED = "import-refused",
        IMPORT_REFUSED_LINE = "import-refused-line",
        IMPORT_DRY_RUN = "import-dry-run",
        IMPORT_STOPPED = "import-stopped",
        IMPORT_DONE = "import-done",
        REVENUE_TO_SET = "revenue-to-set",
        REVENUE_SET = "revenue-set",
        HEADING_USAGE = "heading-usage",
        HEADING_COMMANDS = "heading-commands",
        HEADING_ARGUMENTS = "heading-arguments",
        HEADING_OPTIONS = "heading-options",
        HEADING_GLOBAL_OPTIONS = "heading-global-options",
    }
}

/// The message id of a help entry: `"visit.order"` is `help-visit-order`, `"*.event"` (an option
/// several commands share) `help-any-event`, `""` (the program) `help`.
fn help_id(key: &str) -> String {
    let key = key.replace('*', "any").replace('.', "-");
    match key.trim_matches('-') {
        "" => "help".to_owned(),
        key => format!("help-{key}"),
    }
}

fn help(key: &str, lang: Lang) -> Option<String> {
    let id = help_id(key);
    CLI.messages(lang).contains_key(&id).then(|| message(lang, &id, &[]))
}

/// The help of `arg` of the command at `path`: its own entry, else the shared `*.arg` one.
pub fn help_for(path: &str, arg: &str, lang: Lang) -> Option<String> {
    help(&format!("{path}.{arg}"), lang).or_else(|| help(&format!("*.{arg}"), lang))
}

/// What the command at `path` does.
pub fn about(path: &str, lang: Lang) -> Option<String> {
    help(path, lang)
}

/// Every help entry's message id, for the tests.
#[cfg(test)]
pub fn help_ids() -> Vec<String> {
    CLI.messages(Lang::En)
        .keys()
        .filter(|id| id.as_str() == "help" || id.starts_with("help-"))
        .cloned()
        .collect()
}

#[cfg(test)]
pub fn help_id_of(key: &str) -> String {
    help_id(key)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_message_exists_in_both_languages_and_is_help_or_said_by_the_code() {
        CLI.check_languages_agree().unwrap();
        let said: BTreeSet<String> = msg::ALL.iter().map(|id| (*id).to_owned()).chain(help_ids()).collect();
        let defined: BTreeSet<String> = CLI.messages(Lang::En).keys().cloned().collect();
        assert_eq!(said, defined, "ids in code (msg::ALL and help) and in cli.ftl differ");
    }

    #[test]
    fn messages_take_named_arguments_in_each_language_s_order() {
        assert_eq!(
            say!(Lang::Fr, msg::INVALID_FIELD, field = "--order", reason = "négatif"),
            "--order : négatif"
        );
        assert_eq!(
            say!(Lang::En, msg::DASHBOARD_REP, start = "1", end = "7", today = "3", rep = "julie"),
            "Weekly dashboard: julie, week 1 to 7 (today 3)"
        );
        assert_eq!(say!(Lang::En, msg::ACCOUNTS_FOUND, count = 1_250usize), "1,250 accounts");
    }

    #[test]
    fn help_ids_follow_the_command_paths() {
        assert_eq!(help_id(""), "help");
        assert_eq!(help_id(".json"), "help-json");
        assert_eq!(help_id("visit.next_step"), "help-visit-next_step");
        assert_eq!(help_id("*.event"), "help-any-event");
        assert_eq!(
            help_for("visit", "order", Lang::En).as_deref(),
            Some("Order amount in euros, e.g. 1250.50")
        );
        assert_eq!(help_for("lead.add", "event", Lang::Fr).as_deref(), Some("Salon ou événement"));
        assert_eq!(about("nope", Lang::En), None);
    }
}
