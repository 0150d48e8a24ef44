//! Every string `tournee` shows, in English and French, and the formatting of numbers, money and
//! days in each language. Indicator and channel labels come from the core (`tournee_core::i18n`,
//! the dashboard's `Text`); everything else the CLI says is here.

use std::fmt::Display;

use tournee_core::i18n::{Lang, Text};

/// The language from `--lang` if given, else from the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: the
/// first one set decides, French when it starts with "fr"). `Err` carries an unknown `--lang` value.
pub fn detect(flag: Option<&str>) -> Result<Lang, String> {
    if let Some(value) = flag {
        return parse_lang(value).ok_or_else(|| value.to_owned());
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .unwrap_or_default();
    Ok(if locale.to_ascii_lowercase().starts_with("fr") { Lang::Fr } else { Lang::En })
}

pub fn parse_lang(value: &str) -> Option<Lang> {
    let value = value.to_ascii_lowercase();
    if value.starts_with("fr") {
        Some(Lang::Fr)
    } else if value.starts_with("en") {
        Some(Lang::En)
    } else {
        None
    }
}

/// `text` in `lang` with `{0}`, `{1}`… replaced by `args` (each language orders them as it needs).
pub fn fill(lang: Lang, text: Text, args: &[&dyn Display]) -> String {
    let mut out = text.get(lang).to_owned();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), &arg.to_string());
    }
    out
}

/// Labels of the coded values the CLI shows (the codes themselves are what users type).
pub mod codes {
    use tournee_core::doc::Collection;
    use tournee_core::i18n::Text;
    use tournee_core::model::{AccountKind, LeadStatus};
    use tournee_core::sync::api::Role;

    pub fn account_kind(kind: AccountKind) -> Text {
        match kind {
            AccountKind::Client => Text::new("client", "client"),
            AccountKind::Prospect => Text::new("prospect", "prospect"),
            AccountKind::FormerClient => Text::new("former client", "ancien client"),
            AccountKind::Prescriber => Text::new("prescriber", "prescripteur"),
        }
    }

    pub fn collection(collection: Collection) -> Text {
        match collection {
            Collection::Accounts => Text::new("account", "compte"),
            Collection::Contacts => Text::new("contact", "contact"),
            Collection::Visits => Text::new("visit", "visite"),
            Collection::FollowUps => Text::new("follow-up", "relance"),
            Collection::Opportunities => Text::new("opportunity", "affaire"),
            Collection::Objectives => Text::new("objective", "objectif"),
            Collection::Leads => Text::new("lead", "contact salon"),
        }
    }

    pub fn lead_status(status: LeadStatus) -> Text {
        match status {
            LeadStatus::New => Text::new("new", "nouveau"),
            LeadStatus::Qualified => Text::new("qualified", "qualifié"),
            LeadStatus::Discarded => Text::new("discarded", "écarté"),
        }
    }

    pub fn role(role: Role) -> Text {
        match role {
            Role::Rep => Text::new("rep", "commercial"),
            Role::Manager => Text::new("manager", "manager"),
            Role::Admin => Text::new("admin", "administrateur"),
        }
    }
}

/// Messages. `{0}`, `{1}`… are filled by [`fill`].
pub mod msg {
    use tournee_core::i18n::Text;

    /// Declares each message as a `Text` constant and lists them all in `ALL`.
    macro_rules! messages {
        ($($(#[$meta:meta])* $name:ident => ($en:expr, $fr:expr $(,)?),)+) => {
            $($(#[$meta])* pub const $name: Text = Text::new($en, $fr);)+
            #[cfg(test)]
            pub const ALL: &[(&str, Text)] = &[$((stringify!($name), $name)),+];
        };
    }

    messages! {
        // Errors.
        ERROR_LINE => ("tournee: error: {0}", "tournee : erreur : {0}"),
        INVALID_FIELD => ("{0}: {1}", "{0} : {1}"),
        USAGE_MISSING => ("missing {0} (see --help)", "il manque {0} (voir --help)"),
        USAGE_UNKNOWN => ("unexpected argument {0} (see --help)", "argument inattendu : {0} (voir --help)"),
        USAGE_UNKNOWN_COMMAND => ("unknown command {0} (see --help)", "commande inconnue : {0} (voir --help)"),
        USAGE_CONFLICT => ("{0} cannot be used with {1}", "{0} ne peut pas être utilisé avec {1}"),
        USAGE_INVALID => ("invalid value '{1}' for {0}", "valeur « {1} » invalide pour {0}"),
        USAGE_MISSING_COMMAND => ("a command is needed (see --help)", "il manque une commande (voir --help)"),
        USAGE_OTHER => ("{0}", "{0}"),
        UNKNOWN_LANG => ("unknown language '{0}' (fr or en)", "langue inconnue « {0} » (fr ou en)"),
        NOT_A_NUMBER => ("is not a whole number ('{0}')", "n'est pas un nombre entier (« {0} »)"),
        NOT_A_DAY => ("is not a day ('{0}'; YYYY-MM-DD)", "n'est pas une date (« {0} » ; AAAA-MM-JJ)"),
        NOT_A_TIME => (
            "is not a local date and time ('{0}'; YYYY-MM-DD HH:MM)",
            "n'est pas une date et une heure locales (« {0} » ; AAAA-MM-JJ HH:MM)",
        ),
        UNKNOWN_CODE => ("unknown value '{0}' (one of: {1})", "valeur inconnue « {0} » (au choix : {1})"),
        NEEDS_NEXT_STEP => ("needs --next-step (the follow-up to create)", "demande --next-step (la relance à créer)"),
        ONE_RESOLUTION => (
            "give exactly one of --keep VALUE, --restore, --confirm-delete",
            "donnez exactement un de --keep VALEUR, --restore, --confirm-delete",
        ),
        NO_SUCH_CONFLICT => ("there is no conflict number {0} ({1} listed)", "il n'y a pas de conflit n° {0} ({1} listés)"),
        REQUIRED => ("is required (or set {0})", "est obligatoire (ou définissez {0})"),
        NOTHING_TO_CHANGE => ("nothing to change: give at least one field", "rien à changer : donnez au moins un champ"),
        LEAD_NOT_NEW => ("lead {0} is already {1}", "le contact salon {0} est déjà {1}"),
        NOT_ENROLLED => (
            "this device is not enrolled: run `tournee enroll --server URL --code CODE`",
            "cet appareil n'est pas enrôlé : lancez `tournee enroll --server URL --code CODE`",
        ),
        ALREADY_ENROLLED => (
            "this data directory is already enrolled (user {0}); use another --data-dir",
            "ce répertoire de données est déjà enrôlé (utilisateur {0}) ; utilisez un autre --data-dir",
        ),
        NOT_FOUND => ("{0}: nothing matches '{1}'", "{0} : rien ne correspond à « {1} »"),
        AMBIGUOUS => (
            "{0}: '{1}' matches several accounts; give one of these ids:",
            "{0} : « {1} » correspond à plusieurs comptes ; donnez l'un de ces identifiants :",
        ),
        UNAVAILABLE => (
            "the server cannot be reached now (nothing is lost; try again later): {0}",
            "le serveur est injoignable pour l'instant (rien n'est perdu ; réessayez plus tard) : {0}",
        ),
        UNAUTHORIZED => ("the server refused the credentials: {0}", "le serveur a refusé les identifiants : {0}"),
        FORBIDDEN => ("not allowed: {0}", "non autorisé : {0}"),
        REJECTED => ("the server refused: {0}", "le serveur a refusé : {0}"),
        STORE_FAILED => ("the local store failed: {0}", "la base locale a échoué : {0}"),
        NO_DATA_DIR => (
            "no data directory: give --data-dir or set TOURNEE_HOME",
            "pas de répertoire de données : donnez --data-dir ou définissez TOURNEE_HOME",
        ),
        IO_FAILED => ("{0}: {1}", "{0} : {1}"),
        SERVER_FAILED => ("the embedded server failed: {0}", "le serveur intégré a échoué : {0}"),
        DEMO_DIVERGED => (
            "the devices did not converge: {0}",
            "les appareils n'ont pas convergé : {0}",
        ),

        // Enrollment and status.
        ENROLLED => (
            "Enrolled as {0} ({1}) on {2}. Device {3}.",
            "Enrôlé comme {0} ({1}) sur {2}. Appareil {3}.",
        ),
        STATUS_ENROLLED => ("User {0} ({1}) on {2}, device {3}.", "Utilisateur {0} ({1}) sur {2}, appareil {3}."),
        STATUS_NOT_ENROLLED => ("Not enrolled.", "Non enrôlé."),
        STATUS_STORE => ("Store: {0}", "Base : {0}"),
        STATUS_PENDING => (
            "{0} change(s) waiting to sync, {1} conflict(s) to review.",
            "{0} modification(s) en attente de synchronisation, {1} conflit(s) à examiner.",
        ),

        // Field work.
        VISIT_LOGGED => ("Visit logged on {0} ({1}).", "Visite enregistrée pour {0} ({1})."),
        FOLLOW_UP_DONE => ("Follow-up done: {0} ({1}).", "Relance faite : {0} ({1})."),
        FOLLOW_UP_CREATED => ("Follow-up due {0}: {1}", "Relance prévue le {0} : {1}"),
        ORDER => ("Order {0}, margin {1}.", "Commande {0}, marge {1}."),
        AGENDA_TITLE => ("Agenda of {0}", "Agenda du {0}"),
        PLANNED_VISITS => ("Planned visits ({0})", "Visites prévues ({0})"),
        FOLLOW_UPS_DUE => ("Follow-ups due ({0})", "Relances à faire ({0})"),
        OVERDUE => ("overdue", "en retard"),
        NOTHING => ("  (none)", "  (aucune)"),
        ACCOUNTS_FOUND => ("{0} account(s)", "{0} compte(s)"),
        ACCOUNT_CREATED => ("Account created: {0} ({1}).", "Compte créé : {0} ({1})."),
        ACCOUNT_SAVED => ("Account saved: {0} ({1}).", "Compte enregistré : {0} ({1})."),
        LOOKS_LIKE => (
            "Warning: this looks like existing account(s):",
            "Attention : cela ressemble à des comptes existants :",
        ),
        ME => ("{0} (me)", "{0} (moi)"),
        CONTACTS => ("Contacts ({0})", "Contacts ({0})"),
        TIMELINE => ("Timeline ({0})", "Historique ({0})"),
        MERGED_FROM => ("Merged duplicates: {0}", "Doublons fusionnés : {0}"),
        DONE => ("done", "fait"),
        LEAD_CAPTURED => ("Lead captured at {0}: {1} ({2}).", "Contact salon saisi à {0} : {1} ({2})."),
        LEADS_OF => ("Leads of {0} ({1})", "Contacts salon de {0} ({1})"),
        LEAD_QUALIFIED => (
            "Lead {0} qualified into account {1} ({2}).",
            "Contact salon {0} qualifié en compte {1} ({2}).",
        ),
        LEAD_DISCARDED => ("Lead {0} discarded.", "Contact salon {0} écarté."),

        // Sync.
        SYNCING => ("Syncing with {0}", "Synchronisation avec {0}"),
        SYNC_PROGRESS => (
            "{spinner} {msg} [{bar:30}] {pos}/{len} change(s) sent",
            "{spinner} {msg} [{bar:30}] {pos}/{len} modification(s) envoyée(s)",
        ),
        SYNC_REPORT => (
            "Sent {0} document(s), received {1}, {2} new conflict(s), {3} change(s) still pending; {4} round trip(s), {5} B up, {6} B down.",
            "{0} document(s) envoyé(s), {1} reçu(s), {2} nouveau(x) conflit(s), {3} modification(s) encore en attente ; {4} aller-retour(s), {5} o envoyés, {6} o reçus.",
        ),
        REVIEW_CONFLICTS => ("Review them with `tournee conflicts`.", "Examinez-les avec `tournee conflicts`."),
        QUARANTINED => (
            "{0} received document(s) could not be applied and were set aside; everything else was applied (see `tournee status`).",
            "{0} document(s) reçu(s) n'ont pas pu être appliqués et ont été mis de côté ; tout le reste a été appliqué (voir `tournee status`).",
        ),
        STATUS_QUARANTINED => (
            "Set aside, not applied: document {0} ({1}).",
            "Mis de côté, non appliqué : document {0} ({1}).",
        ),

        // Dashboard.
        DASHBOARD_TEAM => (
            "Weekly dashboard: team, week {0} to {1} (today {2})",
            "Tableau de bord hebdomadaire : équipe, semaine du {0} au {1} (aujourd'hui {2})",
        ),
        DASHBOARD_REP => (
            "Weekly dashboard: {3}, week {0} to {1} (today {2})",
            "Tableau de bord hebdomadaire : {3}, semaine du {0} au {1} (aujourd'hui {2})",
        ),
        COL_INDICATOR => ("Indicator", "Indicateur"),
        COL_WEEK => ("This week", "Cette semaine"),
        COL_PREVIOUS => ("Last week", "Semaine préc."),
        COL_OBJECTIVE => ("Objective", "Objectif"),
        ACTIONS_DUE => ("Actions due ({0})", "Actions à mener ({0})"),
        LOOK_AT => ("Accounts to look at ({0})", "Comptes à regarder ({0})"),

        // Conflicts.
        CONFLICTS => ("Conflicts to review ({0})", "Conflits à examiner ({0})"),
        CONFLICT_FIELD => (
            "{0}. {1}, {2} '{3}': values {4}; shown now: {5}",
            "{0}. {1}, {2} « {3} » : valeurs {4} ; affiché : {5}",
        ),
        CONFLICT_DELETED => (
            "{0}. {1}, {2}: deleted on one device while edited on another (now deleted)",
            "{0}. {1}, {2} : supprimé sur un appareil pendant une modification sur un autre (supprimé pour l'instant)",
        ),
        CONFLICT_RESOLVED => ("Conflict {0} resolved.", "Conflit {0} résolu."),

        // Admin.
        TEAM_CREATED => ("Team created: {0} (id {1}).", "Équipe créée : {0} (id {1})."),
        USER_CREATED => ("User created: {0}, {1} (id {2}).", "Utilisateur créé : {0}, {1} (id {2})."),
        CODE_ISSUED => (
            "Enrollment code: {0} (valid once, until {1}).",
            "Code d'enrôlement : {0} (valable une fois, jusqu'au {1}).",
        ),
        DEVICE_REVOKED => ("Device {0} revoked.", "Appareil {0} révoqué."),

        // Demo.
        DEMO_TITLE => (
            "Tournée demo: a week of field work, week of {0} to {1}, seen on {2} (seed {3})",
            "Démo Tournée : une semaine de terrain, semaine du {0} au {1}, vue le {2} (graine {3})",
        ),
        DEMO_TEAM => (
            "{0}: {1} (manager); reps {2}.",
            "{0} : {1} (manager) ; commerciaux {2}.",
        ),
        DEMO_PLAYED => (
            "Played offline: {0} contact(s) logged this week ({1} on site), {2} order(s) for {3}, {4} lead(s) at {5}, {6} follow-up(s) created.",
            "Joué hors ligne : {0} contact(s) cette semaine ({1} sur le terrain), {2} commande(s) pour {3}, {4} contact(s) salon à {5}, {6} relance(s) créée(s).",
        ),
        DEMO_OVERLAPS => (
            "Overlapping edits: {0} and {1} both changed the phone and the notes of {2}; {1} and {3} both created {4}; {5} deleted a visit that {6} was editing.",
            "Modifications croisées : {0} et {1} ont tous deux changé le téléphone et les notes de {2} ; {1} et {3} ont tous deux créé {4} ; {5} a supprimé une visite que {6} modifiait.",
        ),
        DEMO_SYNCS => ("Syncs, in shuffled order (seed {0}):", "Synchronisations, dans un ordre mélangé (graine {0}) :"),
        DEMO_SYNC_LINE => (
            "{0}. {1}: sent {2}, received {3}, {4} new conflict(s)",
            "{0}. {1} : {2} envoyé(s), {3} reçu(s), {4} nouveau(x) conflit(s)",
        ),
        DEMO_CONVERGED => (
            "All {0} devices agree: same accounts, same {1} conflict(s).",
            "Les {0} appareils concordent : mêmes comptes, mêmes {1} conflit(s).",
        ),
        DEMO_MERGED_NOTES => ("Notes of {0}, merged: {1}", "Notes de {0}, fusionnées : {1}"),
        DUPLICATES => ("Possible duplicates ({0})", "Doublons possibles ({0})"),
        DEMO_ELAPSED => ("Demo played in {0} s.", "Démo jouée en {0} s."),
    }
}

/// Help of every command and option, by path: `"visit"` is the command, `"visit.order"` its
/// option. `""` is the program itself. The clap definitions carry no help text of their own.
pub const HELP: &[(&str, Text)] = &[
    (
        "",
        Text::new(
            "Tournée on a laptop: a rep's device, admin commands and a demo",
            "Tournée sur un ordinateur : l'appareil d'un commercial, l'administration et une démo",
        ),
    ),
    ("*.help", Text::new("Print help", "Afficher l'aide")),
    (".version", Text::new("Print version", "Afficher la version")),
    (
        ".json",
        Text::new(
            "Print JSON for scripts instead of text",
            "Écrire du JSON pour les scripts au lieu du texte",
        ),
    ),
    (
        ".lang",
        Text::new(
            "Language: fr or en (default: from LC_ALL / LANG)",
            "Langue : fr ou en (par défaut : selon LC_ALL / LANG)",
        ),
    ),
    (".data_dir", Text::new("Directory of this device's store", "Répertoire de la base de cet appareil")),
    (
        "enroll",
        Text::new(
            "Enroll this device with a server and a one-time code",
            "Enrôler cet appareil auprès d'un serveur avec un code à usage unique",
        ),
    ),
    (
        "enroll.server",
        Text::new("Server URL, e.g. http://127.0.0.1:8765", "URL du serveur, par ex. http://127.0.0.1:8765"),
    ),
    (
        "enroll.code",
        Text::new("Enrollment code given by the admin", "Code d'enrôlement donné par l'administrateur"),
    ),
    (
        "enroll.device_name",
        Text::new(
            "A name for this device in the admin's list (default: tournee)",
            "Un nom pour cet appareil dans la liste de l'administrateur (par défaut : tournee)",
        ),
    ),
    (
        "status",
        Text::new(
            "Who this device is, what waits to sync, conflicts",
            "Qui est cet appareil, ce qui attend la synchronisation, les conflits",
        ),
    ),
    (
        "visit",
        Text::new(
            "Log a visit report (and its next step as a follow-up)",
            "Saisir un compte rendu de visite (et sa prochaine étape comme relance)",
        ),
    ),
    (
        "visit.account",
        Text::new("Account id or words of its name", "Identifiant du compte ou mots de son nom"),
    ),
    (
        "visit.channel",
        Text::new(
            "on_site (default), phone, video, trade_show or email",
            "on_site (par défaut), phone, video, trade_show ou email",
        ),
    ),
    (
        "visit.at",
        Text::new(
            "Start, local time YYYY-MM-DD HH:MM (default: now)",
            "Début, heure locale AAAA-MM-JJ HH:MM (par défaut : maintenant)",
        ),
    ),
    ("visit.duration", Text::new("Duration in minutes (default: 30)", "Durée en minutes (par défaut : 30)")),
    ("visit.objective", Text::new("Objective of the visit", "Objectif de la visite")),
    ("visit.notes", Text::new("Free notes", "Notes libres")),
    (
        "visit.outcome",
        Text::new("order_taken, progress, no_progress or lost", "order_taken, progress, no_progress ou lost"),
    ),
    ("visit.interest", Text::new("none, low, medium or high", "none, low, medium ou high")),
    (
        "visit.products",
        Text::new("Products discussed (repeat the option)", "Produits abordés (répétez l'option)"),
    ),
    (
        "visit.order",
        Text::new("Order amount in euros, e.g. 1250.50", "Montant de la commande en euros, par ex. 1250,50"),
    ),
    ("visit.margin", Text::new("Order margin in euros", "Marge de la commande en euros")),
    (
        "visit.next_step",
        Text::new("Next step: also creates a follow-up", "Prochaine étape : crée aussi une relance"),
    ),
    (
        "visit.due",
        Text::new(
            "Due day of the next step, YYYY-MM-DD (default: in 7 days)",
            "Échéance de la prochaine étape, AAAA-MM-JJ (par défaut : dans 7 jours)",
        ),
    ),
    (
        "agenda",
        Text::new(
            "Planned visits of a day and follow-ups due by then",
            "Visites prévues d'un jour et relances à faire d'ici là",
        ),
    ),
    (
        "agenda.day",
        Text::new("Day, YYYY-MM-DD (default: today)", "Jour, AAAA-MM-JJ (par défaut : aujourd'hui)"),
    ),
    ("done", Text::new("Mark one of your follow-ups done", "Marquer une de vos relances comme faite")),
    (
        "done.follow_up",
        Text::new(
            "Follow-up id, as `tournee agenda` shows it",
            "Identifiant de la relance, tel que `tournee agenda` l'affiche",
        ),
    ),
    (
        "search",
        Text::new(
            "Search accounts by name, city or contact",
            "Chercher des comptes par nom, ville ou contact",
        ),
    ),
    (
        "search.text",
        Text::new("Words to search (nothing: every account)", "Mots à chercher (rien : tous les comptes)"),
    ),
    (
        "search.limit",
        Text::new("Most accounts listed (default: 20)", "Nombre maximal de comptes listés (par défaut : 20)"),
    ),
    ("account", Text::new("Create, edit or show an account", "Créer, modifier ou afficher un compte")),
    (
        "account.new",
        Text::new(
            "Create an account (warns about look-alikes)",
            "Créer un compte (signale les doublons possibles)",
        ),
    ),
    ("account.edit", Text::new("Edit an account's fields", "Modifier les champs d'un compte")),
    (
        "account.show",
        Text::new(
            "An account with its contacts and timeline",
            "Un compte avec ses contacts et son historique",
        ),
    ),
    (
        "account.show.account",
        Text::new("Account id or words of its name", "Identifiant du compte ou mots de son nom"),
    ),
    (
        "account.edit.account",
        Text::new("Account id or words of its name", "Identifiant du compte ou mots de son nom"),
    ),
    (
        "lead",
        Text::new(
            "Trade-show leads: capture, list, qualify, discard",
            "Contacts salon : saisir, lister, qualifier, écarter",
        ),
    ),
    (
        "lead.add",
        Text::new(
            "Capture a lead (warns about existing accounts)",
            "Saisir un contact salon (signale les comptes existants)",
        ),
    ),
    ("lead.add.name", Text::new("Name of the person", "Nom de la personne")),
    ("lead.add.company", Text::new("Company", "Entreprise")),
    ("lead.add.email", Text::new("Email", "E-mail")),
    ("lead.add.phone", Text::new("Phone", "Téléphone")),
    ("lead.add.notes", Text::new("Notes", "Notes")),
    ("lead.add.interest", Text::new("none, low, medium or high", "none, low, medium ou high")),
    (
        "lead.list",
        Text::new(
            "Leads of the event, newest first",
            "Contacts salon de l'événement, les plus récents d'abord",
        ),
    ),
    (
        "lead.qualify",
        Text::new(
            "Turn a lead into an account and a contact",
            "Transformer un contact salon en compte et contact",
        ),
    ),
    (
        "lead.qualify.into",
        Text::new(
            "Attach to this existing account instead of creating one",
            "Rattacher à ce compte existant au lieu d'en créer un",
        ),
    ),
    (
        "lead.qualify.horizon",
        Text::new(
            "Need horizon of the new prospect: short_term, medium_long_term, out_of_target",
            "Horizon du besoin du nouveau prospect : short_term, medium_long_term, out_of_target",
        ),
    ),
    ("lead.discard", Text::new("Discard a lead", "Écarter un contact salon")),
    (
        "sync",
        Text::new(
            "Send local changes and receive the team's",
            "Envoyer les modifications locales et recevoir celles de l'équipe",
        ),
    ),
    (
        "dashboard",
        Text::new(
            "The weekly dashboard (yours, a rep's or the team's)",
            "Le tableau de bord hebdomadaire (le vôtre, celui d'un commercial ou de l'équipe)",
        ),
    ),
    (
        "dashboard.team",
        Text::new("The whole team's (a manager's view)", "Celui de toute l'équipe (la vue du manager)"),
    ),
    ("dashboard.rep", Text::new("This rep's (user id)", "Celui de ce commercial (identifiant)")),
    (
        "dashboard.week",
        Text::new(
            "A day of the week to show, YYYY-MM-DD (default: today)",
            "Un jour de la semaine à afficher, AAAA-MM-JJ (par défaut : aujourd'hui)",
        ),
    ),
    (
        "conflicts",
        Text::new(
            "Review conflicts (the list by default) and resolve them",
            "Examiner les conflits (la liste par défaut) et les résoudre",
        ),
    ),
    ("conflicts.list", Text::new("List the conflicts, numbered", "Lister les conflits, numérotés")),
    ("conflicts.resolve", Text::new("Settle conflict NUMBER", "Régler le conflit NUMÉRO")),
    (
        "conflicts.resolve.number",
        Text::new("Its number in `tournee conflicts list`", "Son numéro dans `tournee conflicts list`"),
    ),
    (
        "conflicts.resolve.keep",
        Text::new("Keep this one of the values", "Garder cette valeur parmi celles en conflit"),
    ),
    (
        "conflicts.resolve.restore",
        Text::new(
            "Bring a deleted record back, with the edits",
            "Rétablir l'élément supprimé, avec les modifications",
        ),
    ),
    ("conflicts.resolve.confirm_delete", Text::new("Keep the record deleted", "Confirmer la suppression")),
    (
        "admin",
        Text::new(
            "Administration against a server (admin token)",
            "Administration d'un serveur (jeton d'administrateur)",
        ),
    ),
    ("admin.server", Text::new("Server URL", "URL du serveur")),
    ("admin.admin_token", Text::new("Admin token", "Jeton d'administrateur")),
    ("admin.create-team", Text::new("Create a team", "Créer une équipe")),
    ("admin.create-team.name", Text::new("Team name", "Nom de l'équipe")),
    (
        "admin.add-user",
        Text::new("Create a rep or a manager of a team", "Créer un commercial ou un manager d'une équipe"),
    ),
    ("admin.add-user.name", Text::new("User name", "Nom de l'utilisateur")),
    ("admin.add-user.role", Text::new("rep or manager", "rep ou manager")),
    ("admin.add-user.team", Text::new("Team id", "Identifiant de l'équipe")),
    (
        "admin.enrollment-code",
        Text::new(
            "Issue a one-time enrollment code for a user",
            "Émettre un code d'enrôlement à usage unique pour un utilisateur",
        ),
    ),
    ("admin.enrollment-code.user", Text::new("User id", "Identifiant de l'utilisateur")),
    (
        "admin.revoke-device",
        Text::new("Revoke a device's token at once", "Révoquer immédiatement le jeton d'un appareil"),
    ),
    ("admin.revoke-device.device", Text::new("Device id", "Identifiant de l'appareil")),
    (
        "demo",
        Text::new(
            "Play a week of a team's field work against an embedded server",
            "Jouer une semaine de terrain d'une équipe avec un serveur intégré",
        ),
    ),
    (
        "demo.seed",
        Text::new(
            "Seed of the sync order (default: 2026)",
            "Graine de l'ordre des synchronisations (par défaut : 2026)",
        ),
    ),
    // Options shared by several commands.
    ("*.event", Text::new("Trade show or event", "Salon ou événement")),
    ("*.lead", Text::new("Lead id", "Identifiant du contact salon")),
    ("*.name", Text::new("Company name", "Raison sociale")),
    (
        "*.kind",
        Text::new(
            "client, prospect, former_client or prescriber",
            "client, prospect, former_client ou prescriber",
        ),
    ),
    (
        "*.horizon",
        Text::new(
            "Need horizon: short_term, medium_long_term or out_of_target",
            "Horizon du besoin : short_term, medium_long_term ou out_of_target",
        ),
    ),
    (
        "*.source",
        Text::new(
            "Lead source: field, trade_show, web, referral, inbound_call",
            "Origine : field, trade_show, web, referral, inbound_call",
        ),
    ),
    ("*.territory", Text::new("Territory", "Zone de chalandise")),
    ("*.segment", Text::new("Segment", "Segment")),
    ("*.address", Text::new("Street address", "Adresse")),
    ("*.postcode", Text::new("Postcode", "Code postal")),
    ("*.city", Text::new("City", "Ville")),
    ("*.phone", Text::new("Phone", "Téléphone")),
    ("*.website", Text::new("Website", "Site web")),
    ("*.registration", Text::new("SIREN, SIRET or VAT number", "SIREN, SIRET ou numéro de TVA")),
    ("*.potential", Text::new("Estimated yearly potential in euros", "Potentiel annuel estimé en euros")),
    ("*.notes", Text::new("Notes (replace the account's notes)", "Notes (remplacent celles du compte)")),
    (
        "*.dispute",
        Text::new(
            "An open dispute or complaint: true or false",
            "Un litige ou une réclamation en cours : true ou false",
        ),
    ),
];

/// The help of `arg` of the command at `path`: its own entry, else the shared `*.arg` one.
pub fn help_for(path: &str, arg: &str) -> Option<Text> {
    let own = format!("{path}.{arg}");
    let shared = format!("*.{arg}");
    HELP.iter().find(|(k, _)| *k == own).or_else(|| HELP.iter().find(|(k, _)| *k == shared)).map(|(_, t)| *t)
}

pub fn about(path: &str) -> Option<Text> {
    HELP.iter().find(|(k, _)| *k == path).map(|(_, t)| *t)
}

/// Headings of clap's help pages.
pub const USAGE: Text = Text::new("Usage:", "Utilisation :");
pub const COMMANDS: Text = Text::new("Commands", "Commandes");
pub const ARGUMENTS: Text = Text::new("Arguments", "Arguments");
pub const OPTIONS: Text = Text::new("Options", "Options");
pub const GLOBAL_OPTIONS: Text = Text::new("Global options", "Options générales");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_the_language_s_order() {
        assert_eq!(fill(Lang::Fr, msg::INVALID_FIELD, &[&"--order", &"négatif"]), "--order : négatif");
    }

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_placeholders() {
        let placeholders = |s: &str| (0..10).filter(|i| s.contains(&format!("{{{i}}}"))).collect::<Vec<_>>();
        for (key, text) in HELP {
            assert!(!text.en.is_empty() && !text.fr.is_empty(), "{key}");
        }
        for (name, text) in msg::ALL {
            assert!(!text.en.is_empty() && !text.fr.is_empty(), "{name}");
            assert_eq!(placeholders(text.en), placeholders(text.fr), "{name}");
        }
    }

    #[test]
    fn the_locale_picks_french() {
        assert_eq!(parse_lang("fr_FR.UTF-8"), Some(Lang::Fr));
        assert_eq!(parse_lang("en"), Some(Lang::En));
        assert_eq!(parse_lang("de"), None);
        assert_eq!(detect(Some("fr")), Ok(Lang::Fr));
        assert_eq!(detect(Some("xx")), Err("xx".to_owned()));
    }
}
