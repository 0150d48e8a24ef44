//! Labels of coded values (a channel, an account kind, an indicator, a form field…), one definition
//! for the CLI and the apps: message `<kind>-<code>` of the core's catalog, the code's underscores
//! and dots as dashes (`channel-on-site`, `field-revenue-product-family`).

use super::catalog::say;
use super::Lang;
use crate::doc::Collection;
use crate::insights::{AttentionReason, Decision, IndicatorKey};
use crate::model::*;
use crate::store::DuplicateReason;
use crate::sync::api::Role;

/// A closed set of values with stable codes, each labelled in the catalog.
pub trait Coded: Copy + 'static {
    /// The first part of the labels' message ids.
    const KIND: &'static str;
    /// Every value.
    fn all() -> &'static [Self];
    /// The stable code of the value.
    fn code(self) -> &'static str;
}

/// How `value` is named to a person in `lang`.
pub fn label<T: Coded>(value: T, lang: Lang) -> String {
    say(lang, &label_id(value), &[])
}

fn label_id<T: Coded>(value: T) -> String {
    format!("{}-{}", T::KIND, value.code().replace(['_', '.'], "-"))
}

macro_rules! coded {
    ($($type:ty => $kind:literal, $all:expr, $code:path;)+) => {
        $(impl Coded for $type {
            const KIND: &'static str = $kind;
            fn all() -> &'static [Self] {
                $all
            }
            fn code(self) -> &'static str {
                $code(self)
            }
        })+

        /// Every label's message id, for the catalog's tests.
        #[cfg(test)]
        pub(super) fn every_label_id() -> Vec<String> {
            let mut ids = Vec::new();
            $(ids.extend(<$type>::all().iter().map(|v| label_id(*v)));)+
            ids
        }
    };
}

coded! {
    AccountKind => "account-kind", AccountKind::ALL, AccountKind::code;
    NeedHorizon => "need-horizon", NeedHorizon::ALL, NeedHorizon::code;
    LeadSource => "lead-source", LeadSource::ALL, LeadSource::code;
    Channel => "channel", Channel::ALL, Channel::code;
    VisitStatus => "visit-status", VisitStatus::ALL, VisitStatus::code;
    Outcome => "outcome", Outcome::ALL, Outcome::code;
    InterestLevel => "interest-level", InterestLevel::ALL, InterestLevel::code;
    OpportunityStage => "opportunity-stage", OpportunityStage::ALL, OpportunityStage::code;
    Metric => "metric", Metric::ALL, Metric::code;
    LeadStatus => "lead-status", LeadStatus::ALL, LeadStatus::code;
    Collection => "collection", &Collection::ALL, Collection::key;
    Role => "role", &Role::ALL, Role::code;
    IndicatorKey => "indicator", IndicatorKey::ALL, IndicatorKey::key;
    AttentionReason => "attention", AttentionReason::ALL, AttentionReason::code;
    Decision => "decision", Decision::ALL, Decision::code;
    DuplicateReason => "duplicate-reason", DuplicateReason::ALL, DuplicateReason::code;
    Field => "field", Field::ALL, Field::code;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_the_screens_show_them() {
        assert_eq!(label(Channel::OnSite, Lang::Fr), "Visite terrain");
        assert_eq!(label(Channel::OnSite, Lang::En), "On-site visit");
        assert_eq!(label(AccountKind::FormerClient, Lang::Fr), "ancien client");
        assert_eq!(label(IndicatorKey::ProspectToClient, Lang::Fr), "Transformation prospect → client");
        assert_eq!(label(Collection::FollowUps, Lang::En), "follow-up");
        assert_eq!(label(Role::Rep, Lang::Fr), "commercial");
    }

    #[test]
    fn values_of_a_kind_have_distinct_labels() {
        fn distinct<T: Coded>() {
            for lang in [Lang::En, Lang::Fr] {
                let mut labels: Vec<String> = T::all().iter().map(|v| label(*v, lang)).collect();
                labels.sort();
                labels.dedup();
                assert_eq!(labels.len(), T::all().len(), "{} in {lang:?}: {labels:?}", T::KIND);
            }
        }
        distinct::<AccountKind>();
        distinct::<NeedHorizon>();
        distinct::<LeadSource>();
        distinct::<Channel>();
        distinct::<VisitStatus>();
        distinct::<Outcome>();
        distinct::<InterestLevel>();
        distinct::<OpportunityStage>();
        distinct::<Metric>();
        distinct::<LeadStatus>();
        distinct::<Collection>();
        distinct::<Role>();
        distinct::<IndicatorKey>();
        distinct::<AttentionReason>();
        distinct::<Decision>();
        distinct::<DuplicateReason>();
    }
}
