//! Labels of coded values in the user's language, for pickers, lists and the dashboard: records
//! carry the value, the core names it (see `crate::i18n::label`).

use crate::doc::Collection;
use crate::i18n::{label, Lang};
use crate::insights::{AttentionReason, IndicatorKey};
use crate::model::*;
use crate::store::DuplicateReason;
use crate::sync::api::Role;

/// "Visite terrain", "Phone call"…
#[uniffi::export]
pub fn channel_label(channel: Channel, lang: Lang) -> String {
    label(channel, lang)
}

/// "ancien client", "prospect"…
#[uniffi::export]
pub fn account_kind_label(kind: AccountKind, lang: Lang) -> String {
    label(kind, lang)
}

/// "besoin à court terme", "out of target"…
#[uniffi::export]
pub fn need_horizon_label(horizon: NeedHorizon, lang: Lang) -> String {
    label(horizon, lang)
}

/// "salon", "referral"…
#[uniffi::export]
pub fn lead_source_label(source: LeadSource, lang: Lang) -> String {
    label(source, lang)
}

/// "prévue", "done"…
#[uniffi::export]
pub fn visit_status_label(status: VisitStatus, lang: Lang) -> String {
    label(status, lang)
}

/// "commande prise", "no progress"…
#[uniffi::export]
pub fn outcome_label(outcome: Outcome, lang: Lang) -> String {
    label(outcome, lang)
}

/// "intérêt fort", "low interest"…
#[uniffi::export]
pub fn interest_level_label(level: InterestLevel, lang: Lang) -> String {
    label(level, lang)
}

/// "négociation", "won"…
#[uniffi::export]
pub fn opportunity_stage_label(stage: OpportunityStage, lang: Lang) -> String {
    label(stage, lang)
}

/// What an objective counts: "Chiffre d'affaires", "Meetings"…
#[uniffi::export]
pub fn metric_label(metric: Metric, lang: Lang) -> String {
    label(metric, lang)
}

/// "qualifié", "discarded"…
#[uniffi::export]
pub fn lead_status_label(status: LeadStatus, lang: Lang) -> String {
    label(status, lang)
}

/// What a record is, in a sentence: "relance", "opportunity"…
#[uniffi::export]
pub fn collection_label(collection: Collection, lang: Lang) -> String {
    label(collection, lang)
}

/// "commercial", "manager"…
#[uniffi::export]
pub fn role_label(role: Role, lang: Lang) -> String {
    label(role, lang)
}

/// A dashboard line's name: "Panier moyen", "Orders"…
#[uniffi::export]
pub fn indicator_label(key: IndicatorKey, lang: Lang) -> String {
    label(key, lang)
}

/// Why an account is on the dashboard: "Client dormant", "Upset account"…
#[uniffi::export]
pub fn attention_label(reason: AttentionReason, lang: Lang) -> String {
    label(reason, lang)
}

/// Why two accounts look like one company: "même domaine d'e-mail"…
#[uniffi::export]
pub fn duplicate_reason_label(reason: DuplicateReason, lang: Lang) -> String {
    label(reason, lang)
}

/// A form field as the form labels it: "Montant de la commande", "Next step"…
#[uniffi::export]
pub fn field_label(field: Field, lang: Lang) -> String {
    field.label(lang)
}
