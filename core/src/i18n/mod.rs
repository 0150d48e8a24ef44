//! Every word and format in French and English, for the CLI and (over the FFI) the apps: the
//! Fluent [`catalog`] of messages, the [`label`]s of coded values, amounts, counts, percentages,
//! days, times and durations as typed and shown.

use serde::{Deserialize, Serialize};

mod amount;
pub mod catalog;
mod dates;
mod fold;
mod labels;
mod messages;
mod numbers;
mod times;
mod validation;

pub use amount::{format_amount, format_money, parse_amount};
pub use catalog::{Arg, Catalog};
pub use dates::{format_date, format_day_title};
pub use fold::fold;
pub use labels::{label, Coded};
pub use messages::Message;
pub use numbers::{format_count, format_decimal, format_percent};
pub use times::{format_duration, format_time};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Lang {
    En,
    Fr,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every message the core says, with arguments of the right names.
    fn said() -> Vec<(String, Vec<(&'static str, Arg<'static>)>)> {
        let labels = labels::every_label_id().into_iter().map(|id| (id, Vec::new()));
        let mut said: Vec<_> = labels
            .chain(validation::said())
            .chain(crate::error::said())
            .chain(messages::said())
            .chain(crate::dataio::export::said())
            .collect();
        #[cfg(feature = "transport")]
        said.extend(crate::sync::transport_said());
        said
    }

    #[test]
    fn every_message_exists_in_both_languages_and_every_one_the_core_says_resolves() {
        let catalog = catalog::core();
        catalog.check_languages_agree().unwrap();
        let mut used = BTreeSet::new();
        for (id, args) in said() {
            for lang in [Lang::En, Lang::Fr] {
                let text = catalog.try_format(lang, &id, &args).unwrap_or_else(|e| panic!("{e}"));
                assert!(!text.trim().is_empty(), "{id} in {lang:?}");
            }
            used.insert(id);
        }
        let defined: BTreeSet<String> = catalog.messages(Lang::En).keys().cloned().collect();
        // Without the transport, nothing syncs and nothing says why a sync failed.
        let defined: BTreeSet<String> = defined
            .into_iter()
            .filter(|id| cfg!(feature = "transport") || !id.starts_with("sync-error-"))
            .collect();
        let unused: Vec<_> = defined.difference(&used).collect();
        assert!(unused.is_empty(), "messages nothing says: {unused:?}");
    }
}
