//! The sentences the apps' screens show, defined once for Kotlin and Swift: a presenter names the
//! [`Message`] and its values, the core words it in the user's language (`say` over the FFI).

use chrono::NaiveDate;

use super::catalog::{say, Arg};
use super::{format_date, format_money, Lang};

/// A sentence a screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Message {
    /// The agenda of a day with nothing on it: "Rien de prévu aujourd'hui."
    NothingToday,
    /// Local changes waiting for the server: "Tout est synchronisé", "1 change to sync",
    /// "3 modifications à synchroniser".
    PendingChanges { count: u64 },
    /// A follow-up's deadline: "pour le 01/03/2026", "overdue since 1 Mar 2026".
    Due { day: NaiveDate, overdue: bool },
    /// A visit saved, and its order if it took one: "Visite enregistrée, commande de 1 200,50 €".
    VisitSaved { order_cents: i64 },
    /// Nothing was saved, for `reason` (an error's text, already in the user's language).
    NotSaved { reason: String },
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
        }
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
    ]
    .iter()
    .map(|m| {
        let (id, args) = m.id_and_args(Lang::En);
        (id.to_owned(), args)
    })
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
