//! The sentences the apps' screens show, defined once for Kotlin and Swift: a presenter names the
//! [`Message`] and its values, the core words it in the user's language (`say` over the FFI).

use chrono::{DateTime, NaiveDate, Utc};

use super::catalog::{say, Arg};
use super::{format_date, format_day_title, format_money, format_time, label, Lang};
use crate::sync::api::Role;

/// A sentence a screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Message {
    /// The agenda of a day with nothing on it: "Rien de prévu aujourd'hui."
    NothingToday,
    /// Local changes waiting for the server: "Tout est synchronisé", "1 change to sync",
    /// "3 modifications à synchroniser".
    PendingChanges {
        count: u64,
    },
    /// A follow-up's deadline: "pour le 01/03/2026", "overdue since 1 Mar 2026".
    Due {
        day: NaiveDate,
        overdue: bool,
    },
    /// A visit saved, and its order if it took one: "Visite enregistrée, commande de 1 200,50 €".
    VisitSaved {
        order_cents: i64,
    },
    /// Nothing was saved, for `reason` (an error's text, already in the user's language).
    NotSaved {
        reason: String,
    },
    /// The agenda's section of planned visits: "Visites prévues".
    PlannedVisits,
    /// The agenda's section of follow-ups due: "Relances à faire".
    FollowUpsDue,
    /// When this device last synced, on a clock `utc_offset_minutes` ahead of UTC: "Synchronisé à 09:30".
    SyncedAt {
        at: DateTime<Utc>,
        utc_offset_minutes: i32,
    },
    /// No sync yet since the app opened: "Pas encore synchronisé".
    NotSyncedYet,
    /// A sync under way: "Synchronisation…".
    Syncing,
    /// The last sync failed, for `reason` (an error's text, already in the user's language).
    SyncFailed {
        reason: String,
    },
    /// The action that syncs now (pull to sync, or its button): "Synchroniser".
    SyncNow,
    /// The visit form's title: "Compte rendu de visite".
    LogVisitTitle,
    /// The choice of ending a visit without a follow-up: "Pas de prochaine étape".
    NoNextStep,
    /// A visit saved with neither a next step nor "no next step" chosen.
    NextStepRequired,
    /// The visit form's button: "Enregistrer la visite".
    SaveVisit,
    /// The accounts screen's search field: "Rechercher un compte".
    SearchAccounts,
    /// A search that found nothing: "Aucun compte ne correspond à « boul »".
    NoAccountFound {
        text: String,
    },
    /// The account detail's sections: "Contacts", "Historique".
    Contacts,
    Timeline,
    /// An account with nothing logged yet: "Rien d'enregistré pour ce compte".
    NothingLogged,
    /// A follow-up done: "faite le 01/03/2026".
    DoneOn {
        day: NaiveDate,
    },
    /// The trade-show capture screen's title: "Salon : Sirha 2026".
    CaptureTitle {
        event: String,
    },
    /// The capture form's button, which leaves it ready for the next lead.
    SaveLeadAndNext,
    /// A lead just captured: "Enregistré : Claire Martin".
    LeadSaved {
        name: String,
    },
    /// Accounts that look like the lead's company: "Déjà un compte ? 2 comptes lui ressemblent".
    MaybeAnAccount {
        count: u64,
    },
    /// The event's leads, counted: "3 contacts saisis", "No lead captured yet".
    EventLeads {
        count: u64,
    },
    /// A lead's actions: "Qualifier", "Écarter".
    Qualify,
    Discard,
    /// The follow-ups screen's title and sections.
    FollowUpsTitle,
    DueThisWeek,
    AtRisk,
    /// Nothing to follow up: "Rien à relancer".
    NothingToFollowUp,
    /// A prospect's contacts against the contacts a decision takes (the 7-contact rule):
    /// "3 contacts sur 7", "8 contacts, objectif atteint".
    ContactsMade {
        done: u32,
        to_target: u32,
    },
    /// The action that marks a follow-up done: "Fait".
    MarkDone,
    /// The app's destinations (with [`Message::FollowUpsTitle`]): "Aujourd'hui", "Comptes", "Salon".
    TabToday,
    TabAccounts,
    TabTradeShow,
    /// The enrollment screen: its title ("Enrôler cet appareil"), fields and button.
    EnrollTitle,
    ServerAddress,
    EnrollmentCode,
    Enroll,
    /// The enrollment screen's button that reads the admin's QR code: "Scanner le code de l'admin".
    ScanEnrollmentCode,
    /// A language, named in itself whatever the screen's language: "Français", "English".
    LanguageName {
        lang: Lang,
    },
    /// Who this device acts for: "Connecté à https://… en tant que commercial".
    ConnectedAs {
        server: String,
        role: Role,
    },
    /// The settings screen's title.
    SettingsTitle,
    /// When this device last synced, seen on local day `today` on a clock `utc_offset_minutes` ahead of
    /// UTC: "Synchronisé à 09:30" the same day, "Synchronisé le 01/03/2026 à 09:30" before.
    LastSynced {
        at: DateTime<Utc>,
        utc_offset_minutes: i32,
        today: NaiveDate,
    },
    /// More destinations: "Affaires", "Semaine", "Synchro".
    TabPipeline,
    TabDashboard,
    TabSync,
    /// The phone's last tab, which lists the destinations its bar has no room for: "Plus".
    TabMore,
    /// The accounts list's filters: "Tous", "Les miens", "Dormants", "Classe A".
    FilterAll,
    FilterMine,
    FilterDormant,
    FilterAbcClass {
        class: crate::insights::AbcClass,
    },
    /// An account's editing: "Modifier", "Enregistrer", "Annuler", "Compte enregistré".
    Edit,
    Save,
    Cancel,
    AccountSaved,
    /// An account's two flags as its form names them: "Litige ou réclamation en cours", "Perdu".
    OpenDispute,
    Lost,
    /// The account detail's section of deals: "Affaires".
    Opportunities,
    /// A banner on an account that looks like another one: "Doublon possible de Boulangerie Martin".
    PossibleDuplicateOf {
        name: String,
    },
    /// The platform actions on a contact: "Appeler", "Écrire".
    Call,
    Mail,
    /// The next step's due day, moved by the form's arrows: "Échéance : lundi 2 mars".
    DueDay {
        day: NaiveDate,
    },
    /// The hint under the products discussed, typed separated by commas: "séparés par des virgules".
    ProductsHint,
    /// The button that confirms a day picked in a calendar: "OK".
    Ok,
    /// The capture's badge scan: "Scanner un badge", and the form filled from one.
    ScanBadge,
    BadgeRead {
        name: String,
    },
    /// The pipeline screen: its title, its totals, a deal's close and an empty pipeline.
    PipelineTitle,
    PipelineTotal {
        count: u64,
        amount_cents: i64,
    },
    ClosesOn {
        day: NaiveDate,
        overdue: bool,
    },
    NoOpenDeal,
    MineOnly,
    /// The weekly dashboard: its title, whose figures, each figure against last week and its
    /// objective, the trend, and its lists.
    WeekOf {
        day: NaiveDate,
    },
    MyWeek,
    TheTeam,
    LastWeek {
        value: String,
    },
    ObjectiveProgress {
        target: String,
        percent: String,
    },
    TrendOverWeeks {
        weeks: u32,
    },
    ActionsDue,
    AccountsToLookAt,
    NothingDue,
    NoAccountToLookAt,
    NoValue,
    /// The sync and conflicts screen.
    SyncTitle,
    ConflictsToSettle {
        count: u64,
    },
    /// What a conflict is on: "Compte · Ville" (a field the core does not know is shown as named).
    ConflictOn {
        collection: crate::doc::Collection,
        field: String,
    },
    ShownEverywhere,
    KeepThis,
    DeletedWhileEdited,
    Restore,
    ConfirmDelete,
    ConflictSettled,
    DuplicatesTitle {
        count: u64,
    },
    KeepAndMerge {
        name: String,
    },
    Merged {
        name: String,
    },
}

impl Message {
    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        let (id, args) = self.id_and_args(lang);
        say(lang, id, &args)
    }

    fn id_and_args(&self, lang: Lang) -> (&'static str, Vec<(&'static str, Arg<'static>)>) {
        match self {
            Message::NothingToday => ("nothing-today", Vec::new()),
            Message::PendingChanges { count } => ("pending-changes", vec![("count", (*count).into())]),
            Message::Due { day, overdue } => {
                let id = if *overdue { "overdue-since" } else { "due-on" };
                (id, vec![("date", format_date(*day, lang).into())])
            }
            Message::VisitSaved { order_cents: 0 } => ("visit-saved", Vec::new()),
            Message::VisitSaved { order_cents } => {
                ("visit-saved-with-order", vec![("amount", format_money(*order_cents, lang).into())])
            }
            Message::NotSaved { reason } => ("not-saved", vec![("reason", reason.clone().into())]),
            Message::PlannedVisits => ("planned-visits", Vec::new()),
            Message::FollowUpsDue => ("follow-ups-due", Vec::new()),
            Message::SyncedAt { at, utc_offset_minutes } => {
                ("synced-at", vec![("time", format_time(*at, *utc_offset_minutes, lang).into())])
            }
            Message::NotSyncedYet => ("not-synced-yet", Vec::new()),
            Message::Syncing => ("syncing", Vec::new()),
            Message::SyncFailed { reason } => ("sync-failed", vec![("reason", reason.clone().into())]),
            Message::SyncNow => ("sync-now", Vec::new()),
            Message::LogVisitTitle => ("log-visit-title", Vec::new()),
            Message::NoNextStep => ("no-next-step", Vec::new()),
            Message::NextStepRequired => ("next-step-required", Vec::new()),
            Message::SaveVisit => ("save-visit", Vec::new()),
            Message::SearchAccounts => ("search-accounts", Vec::new()),
            Message::NoAccountFound { text } => ("no-account-found", vec![("text", text.clone().into())]),
            Message::Contacts => ("contacts", Vec::new()),
            Message::Timeline => ("timeline", Vec::new()),
            Message::NothingLogged => ("nothing-logged", Vec::new()),
            Message::DoneOn { day } => ("done-on", vec![("date", format_date(*day, lang).into())]),
            Message::CaptureTitle { event } => ("capture-title", vec![("event", event.clone().into())]),
            Message::SaveLeadAndNext => ("save-lead-and-next", Vec::new()),
            Message::LeadSaved { name } => ("lead-saved", vec![("name", name.clone().into())]),
            Message::MaybeAnAccount { count } => ("maybe-an-account", vec![("count", (*count).into())]),
            Message::EventLeads { count } => ("event-leads", vec![("count", (*count).into())]),
            Message::Qualify => ("qualify", Vec::new()),
            Message::Discard => ("discard", Vec::new()),
            Message::FollowUpsTitle => ("follow-ups-title", Vec::new()),
            Message::DueThisWeek => ("due-this-week", Vec::new()),
            Message::AtRisk => ("at-risk", Vec::new()),
            Message::NothingToFollowUp => ("nothing-to-follow-up", Vec::new()),
            Message::ContactsMade { done, to_target: 0 } => {
                ("contacts-target-reached", vec![("done", i64::from(*done).into())])
            }
            Message::ContactsMade { done, to_target } => (
                "contacts-of-target",
                vec![("done", i64::from(*done).into()), ("target", i64::from(done + to_target).into())],
            ),
            Message::MarkDone => ("mark-done", Vec::new()),
            Message::TabToday => ("tab-today", Vec::new()),
            Message::TabAccounts => ("tab-accounts", Vec::new()),
            Message::TabTradeShow => ("tab-trade-show", Vec::new()),
            Message::EnrollTitle => ("enroll-title", Vec::new()),
            Message::ServerAddress => ("server-address", Vec::new()),
            Message::EnrollmentCode => ("enrollment-code", Vec::new()),
            Message::Enroll => ("enroll", Vec::new()),
            Message::ScanEnrollmentCode => ("scan-enrollment-code", Vec::new()),
            Message::LanguageName { lang: Lang::Fr } => ("language-fr", Vec::new()),
            Message::LanguageName { lang: Lang::En } => ("language-en", Vec::new()),
            Message::ConnectedAs { server, role } => {
                ("connected-as", vec![("server", server.clone().into()), ("role", label(*role, lang).into())])
            }
            Message::SettingsTitle => ("settings-title", Vec::new()),
            Message::LastSynced { at, utc_offset_minutes, today } => {
                let local = *at + chrono::Duration::minutes(i64::from(*utc_offset_minutes));
                let time = ("time", format_time(*at, *utc_offset_minutes, lang).into());
                if local.date_naive() == *today {
                    ("synced-at", vec![time])
                } else {
                    ("synced-on", vec![("date", format_date(local.date_naive(), lang).into()), time])
                }
            }
            Message::TabPipeline => ("tab-pipeline", Vec::new()),
            Message::TabDashboard => ("tab-dashboard", Vec::new()),
            Message::TabSync => ("tab-sync", Vec::new()),
            Message::TabMore => ("tab-more", Vec::new()),
            Message::FilterAll => ("filter-all", Vec::new()),
            Message::FilterMine => ("filter-mine", Vec::new()),
            Message::FilterDormant => ("filter-dormant", Vec::new()),
            Message::FilterAbcClass { class } => ("filter-abc-class", vec![("class", abc(*class).into())]),
            Message::Edit => ("edit", Vec::new()),
            Message::Save => ("save", Vec::new()),
            Message::Cancel => ("cancel", Vec::new()),
            Message::AccountSaved => ("account-saved", Vec::new()),
            Message::OpenDispute => ("open-dispute", Vec::new()),
            Message::Lost => ("lost", Vec::new()),
            Message::Opportunities => ("opportunities", Vec::new()),
            Message::PossibleDuplicateOf { name } => {
                ("possible-duplicate-of", vec![("name", name.clone().into())])
            }
            Message::Call => ("call", Vec::new()),
            Message::Mail => ("mail", Vec::new()),
            Message::DueDay { day } => {
                // Inside a sentence: "Échéance : lundi 9 mars".
                let title = format_day_title(*day, lang);
                let day = match lang {
                    Lang::Fr => title
                        .chars()
                        .take(1)
                        .flat_map(char::to_lowercase)
                        .chain(title.chars().skip(1))
                        .collect(),
                    Lang::En => title,
                };
                ("due-day", vec![("day", day.into())])
            }
            Message::ProductsHint => ("products-hint", Vec::new()),
            Message::Ok => ("ok", Vec::new()),
            Message::ScanBadge => ("scan-badge", Vec::new()),
            Message::BadgeRead { name } => ("badge-read", vec![("name", name.clone().into())]),
            Message::PipelineTitle => ("pipeline-title", Vec::new()),
            Message::PipelineTotal { count, amount_cents } => (
                "pipeline-total",
                vec![("count", (*count).into()), ("amount", format_money(*amount_cents, lang).into())],
            ),
            Message::ClosesOn { day, overdue } => (
                if *overdue { "close-overdue" } else { "closes-on" },
                vec![("date", format_date(*day, lang).into())],
            ),
            Message::NoOpenDeal => ("no-open-deal", Vec::new()),
            Message::MineOnly => ("mine-only", Vec::new()),
            Message::WeekOf { day } => ("week-of", vec![("date", format_date(*day, lang).into())]),
            Message::MyWeek => ("my-week", Vec::new()),
            Message::TheTeam => ("the-team", Vec::new()),
            Message::LastWeek { value } => ("last-week", vec![("value", value.clone().into())]),
            Message::ObjectiveProgress { target, percent } => (
                "objective-progress",
                vec![("target", target.clone().into()), ("percent", percent.clone().into())],
            ),
            Message::TrendOverWeeks { weeks } => ("trend-over-weeks", vec![("weeks", (*weeks).into())]),
            Message::ActionsDue => ("actions-due", Vec::new()),
            Message::AccountsToLookAt => ("accounts-to-look-at", Vec::new()),
            Message::NothingDue => ("nothing-due", Vec::new()),
            Message::NoAccountToLookAt => ("no-account-to-look-at", Vec::new()),
            Message::NoValue => ("no-value", Vec::new()),
            Message::SyncTitle => ("sync-title", Vec::new()),
            Message::ConflictsToSettle { count } => ("conflicts-to-settle", vec![("count", (*count).into())]),
            Message::ConflictOn { collection, field } => (
                "conflict-on",
                vec![
                    ("record", label(*collection, lang).into()),
                    ("field", conflict_field(field, lang).into()),
                ],
            ),
            Message::ShownEverywhere => ("shown-everywhere", Vec::new()),
            Message::KeepThis => ("keep-this", Vec::new()),
            Message::DeletedWhileEdited => ("deleted-while-edited", Vec::new()),
            Message::Restore => ("restore", Vec::new()),
            Message::ConfirmDelete => ("confirm-delete", Vec::new()),
            Message::ConflictSettled => ("conflict-settled", Vec::new()),
            Message::DuplicatesTitle { count } => ("duplicates-title", vec![("count", (*count).into())]),
            Message::KeepAndMerge { name } => ("keep-and-merge", vec![("name", name.clone().into())]),
            Message::Merged { name } => ("merged", vec![("name", name.clone().into())]),
        }
    }
}

/// An ABC class as a filter names it: "A".
fn abc(class: crate::insights::AbcClass) -> &'static str {
    match class {
        crate::insights::AbcClass::A => "A",
        crate::insights::AbcClass::B => "B",
        crate::insights::AbcClass::C => "C",
    }
}

/// The label of a conflict's field: a record field's, `map.key` as its map's field and the key,
/// "deleted" as the record itself.
fn conflict_field(field: &str, lang: Lang) -> String {
    if field == crate::doc::conflict::DELETED_FIELD {
        return say(lang, "record-itself", &[]);
    }
    let (name, key) = match field.split_once('.') {
        Some((name, key)) if crate::model::Field::parse(field).is_none() => (name, Some(key)),
        _ => (field, None),
    };
    let shown = crate::model::Field::parse(name).map_or_else(|| name.to_owned(), |f| label(f, lang));
    match key {
        Some(key) => format!("{shown} ({key})"),
        None => shown,
    }
}

/// Each message once, with the arguments it says, for the catalog's tests.
#[cfg(test)]
pub(super) fn said() -> Vec<(String, Vec<(&'static str, Arg<'static>)>)> {
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    [
        Message::NothingToday,
        Message::PendingChanges { count: 2 },
        Message::Due { day, overdue: false },
        Message::Due { day, overdue: true },
        Message::VisitSaved { order_cents: 0 },
        Message::VisitSaved { order_cents: 100 },
        Message::NotSaved { reason: "disk full".into() },
        Message::PlannedVisits,
        Message::FollowUpsDue,
        Message::SyncedAt { at: DateTime::UNIX_EPOCH, utc_offset_minutes: 60 },
        Message::NotSyncedYet,
        Message::Syncing,
        Message::SyncFailed { reason: "offline".into() },
        Message::SyncNow,
        Message::LogVisitTitle,
        Message::NoNextStep,
        Message::NextStepRequired,
        Message::SaveVisit,
        Message::SearchAccounts,
        Message::NoAccountFound { text: "boul".into() },
        Message::Contacts,
        Message::Timeline,
        Message::NothingLogged,
        Message::DoneOn { day },
        Message::CaptureTitle { event: "Sirha".into() },
        Message::SaveLeadAndNext,
        Message::LeadSaved { name: "Claire".into() },
        Message::MaybeAnAccount { count: 2 },
        Message::EventLeads { count: 3 },
        Message::Qualify,
        Message::Discard,
        Message::FollowUpsTitle,
        Message::DueThisWeek,
        Message::AtRisk,
        Message::NothingToFollowUp,
        Message::ContactsMade { done: 3, to_target: 4 },
        Message::ContactsMade { done: 8, to_target: 0 },
        Message::MarkDone,
        Message::TabToday,
        Message::TabAccounts,
        Message::TabTradeShow,
        Message::EnrollTitle,
        Message::ServerAddress,
        Message::EnrollmentCode,
        Message::Enroll,
        Message::ScanEnrollmentCode,
        Message::LanguageName { lang: Lang::Fr },
        Message::LanguageName { lang: Lang::En },
        Message::ConnectedAs { server: "https://tournee.example".into(), role: Role::Rep },
        Message::SettingsTitle,
        Message::LastSynced { at: DateTime::UNIX_EPOCH, utc_offset_minutes: 0, today: day },
        Message::TabPipeline,
        Message::TabDashboard,
        Message::TabSync,
        Message::TabMore,
        Message::FilterAll,
        Message::FilterMine,
        Message::FilterDormant,
        Message::FilterAbcClass { class: crate::insights::AbcClass::A },
        Message::Edit,
        Message::Save,
        Message::Cancel,
        Message::AccountSaved,
        Message::OpenDispute,
        Message::Lost,
        Message::Opportunities,
        Message::PossibleDuplicateOf { name: "Cave".into() },
        Message::Call,
        Message::Mail,
        Message::DueDay { day },
        Message::ProductsHint,
        Message::Ok,
        Message::ScanBadge,
        Message::BadgeRead { name: "Claire".into() },
        Message::PipelineTitle,
        Message::PipelineTotal { count: 3, amount_cents: 100 },
        Message::ClosesOn { day, overdue: false },
        Message::ClosesOn { day, overdue: true },
        Message::NoOpenDeal,
        Message::MineOnly,
        Message::WeekOf { day },
        Message::MyWeek,
        Message::TheTeam,
        Message::LastWeek { value: "3".into() },
        Message::ObjectiveProgress { target: "14".into(), percent: "7 %".into() },
        Message::TrendOverWeeks { weeks: 8 },
        Message::ActionsDue,
        Message::AccountsToLookAt,
        Message::NothingDue,
        Message::NoAccountToLookAt,
        Message::NoValue,
        Message::SyncTitle,
        Message::ConflictsToSettle { count: 2 },
        Message::ConflictOn { collection: crate::doc::Collection::Accounts, field: "city".into() },
        Message::ShownEverywhere,
        Message::KeepThis,
        Message::DeletedWhileEdited,
        Message::Restore,
        Message::ConfirmDelete,
        Message::ConflictSettled,
        Message::DuplicatesTitle { count: 1 },
        Message::KeepAndMerge { name: "Cave".into() },
        Message::Merged { name: "Cave".into() },
    ]
    .iter()
    .map(|m| {
        let (id, args) = m.id_and_args(Lang::En);
        (id.to_owned(), args)
    })
    .chain([("record-itself".to_owned(), Vec::new())])
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screens_say_what_the_presenters_showed() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let said = |m: Message, lang| m.say(lang);
        assert_eq!(said(Message::NothingToday, Lang::En), "Nothing planned today.");
        assert_eq!(said(Message::NothingToday, Lang::Fr), "Rien de prévu aujourd'hui.");
        assert_eq!(said(Message::Due { day, overdue: true }, Lang::Fr), "en retard depuis le 01/03/2026");
        assert_eq!(said(Message::Due { day, overdue: false }, Lang::En), "due 1 Mar 2026");
        assert_eq!(
            said(Message::VisitSaved { order_cents: 120_050 }, Lang::Fr),
            "Visite enregistrée, commande de 1\u{202f}200,50\u{a0}€"
        );
        assert_eq!(said(Message::VisitSaved { order_cents: 0 }, Lang::En), "Visit saved");
        assert_eq!(said(Message::NotSaved { reason: "x".into() }, Lang::Fr), "Non enregistré : x");
        let at = DateTime::parse_from_rfc3339("2026-03-01T08:30:00Z").unwrap().to_utc();
        assert_eq!(said(Message::SyncedAt { at, utc_offset_minutes: 60 }, Lang::Fr), "Synchronisé à 09:30");
        assert_eq!(
            said(Message::NoAccountFound { text: "boul".into() }, Lang::Fr),
            "Aucun compte ne correspond à « boul »"
        );
        assert_eq!(said(Message::DoneOn { day }, Lang::En), "done 1 Mar 2026");
    }

    #[test]
    fn leads_and_contacts_are_counted_with_each_language_s_plural() {
        let say = |m: Message, lang| m.say(lang);
        assert_eq!(say(Message::EventLeads { count: 0 }, Lang::En), "No lead captured yet");
        assert_eq!(say(Message::EventLeads { count: 1 }, Lang::Fr), "1 contact saisi");
        assert_eq!(say(Message::EventLeads { count: 3 }, Lang::Fr), "3 contacts saisis");
        assert_eq!(
            say(Message::MaybeAnAccount { count: 1 }, Lang::En),
            "Already an account? One looks alike"
        );
        assert_eq!(
            say(Message::MaybeAnAccount { count: 2 }, Lang::Fr),
            "Déjà un compte ? 2 comptes lui ressemblent"
        );
        assert_eq!(say(Message::ContactsMade { done: 1, to_target: 6 }, Lang::Fr), "1 contact sur 7");
        assert_eq!(say(Message::ContactsMade { done: 3, to_target: 4 }, Lang::En), "3 contacts of 7");
        assert_eq!(
            say(Message::ContactsMade { done: 8, to_target: 0 }, Lang::Fr),
            "8 contacts, objectif atteint"
        );
    }

    #[test]
    fn a_language_is_named_in_itself_and_a_device_says_who_it_acts_for() {
        let say = |m: Message, lang| m.say(lang);
        assert_eq!(say(Message::LanguageName { lang: Lang::Fr }, Lang::En), "Français");
        assert_eq!(say(Message::LanguageName { lang: Lang::En }, Lang::Fr), "English");
        let connected = Message::ConnectedAs { server: "https://t.example".into(), role: Role::Rep };
        assert_eq!(say(connected, Lang::Fr), "Connecté à https://t.example en tant que commercial");
    }

    #[test]
    fn the_screens_of_the_pipeline_dashboard_and_sync_say_their_figures() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        let say = |m: Message, lang| m.say(lang);
        assert_eq!(say(Message::DueDay { day }, Lang::Fr), "Échéance : lundi 9 mars");
        assert_eq!(say(Message::DueDay { day }, Lang::En), "Due Monday 9 March");
        let total = |count| Message::PipelineTotal { count, amount_cents: 1_250_050 };
        assert_eq!(say(total(2), Lang::Fr), "2 affaires · 12\u{202f}500,50\u{a0}€");
        assert_eq!(say(total(1), Lang::En), "1 deal · €12,500.50");
        assert_eq!(say(Message::ClosesOn { day, overdue: true }, Lang::Fr), "devait clôturer le 09/03/2026");
        let at = DateTime::parse_from_rfc3339("2026-03-08T17:02:00Z").unwrap().to_utc();
        let synced = |today| Message::LastSynced { at, utc_offset_minutes: 60, today };
        assert_eq!(say(synced(day), Lang::Fr), "Synchronisé le 08/03/2026 à 18:02");
        assert_eq!(say(synced(day.pred_opt().unwrap()), Lang::En), "Synced at 18:02");
        let on = |field: &str| Message::ConflictOn {
            collection: crate::doc::Collection::Accounts,
            field: field.into(),
        };
        assert_eq!(say(on("city"), Lang::Fr), "compte · Ville");
        assert_eq!(say(on("deleted"), Lang::En), "account · the record");
        assert_eq!(say(on("custom.color"), Lang::En), "account · custom (color)");
        assert_eq!(say(Message::ConflictsToSettle { count: 0 }, Lang::Fr), "Aucun conflit à régler");
        assert_eq!(
            say(Message::FilterAbcClass { class: crate::insights::AbcClass::B }, Lang::Fr),
            "Classe B"
        );
    }

    #[test]
    fn pending_changes_follow_each_language_s_plural() {
        let pending = |count, lang| Message::PendingChanges { count }.say(lang);
        assert_eq!(pending(0, Lang::En), "Everything is synced");
        assert_eq!(pending(0, Lang::Fr), "Tout est synchronisé");
        assert_eq!(pending(1, Lang::En), "1 change to sync");
        assert_eq!(pending(1, Lang::Fr), "1 modification à synchroniser");
        assert_eq!(pending(3, Lang::Fr), "3 modifications à synchroniser");
        assert_eq!(pending(1_500, Lang::En), "1,500 changes to sync");
    }
}
