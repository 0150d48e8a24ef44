//! User-facing strings in French and English. Every string a screen shows exists in both languages;
//! outputs carry a [`Text`] (both languages) so a shell or the CLI picks one with [`Text::get`].

use serde::{Deserialize, Serialize};

use crate::model::Channel;

mod amount;
mod dates;

pub use amount::{format_amount, format_count, format_money, parse_amount};
pub use dates::{format_date, format_day_title};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Fr,
}

/// One user-facing string in English and French.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Text {
    pub en: &'static str,
    pub fr: &'static str,
}

impl Text {
    pub const fn new(en: &'static str, fr: &'static str) -> Self {
        Text { en, fr }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr,
        }
    }
}

/// The name of a contact channel, as shown in the time split and the visits by channel.
pub fn channel(channel: Channel) -> Text {
    match channel {
        Channel::OnSite => Text::new("On-site visit", "Visite terrain"),
        Channel::Phone => Text::new("Phone call", "Appel téléphonique"),
        Channel::Video => Text::new("Video call", "Visioconférence"),
        Channel::TradeShow => Text::new("Trade show", "Salon"),
        Channel::Email => Text::new("Email", "E-mail"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_has_two_distinct_non_empty_labels() {
        for c in Channel::ALL {
            let text = channel(*c);
            assert!(!text.get(Lang::En).is_empty() && !text.get(Lang::Fr).is_empty());
            assert_ne!(text.en, text.fr, "{c}");
        }
    }
}
