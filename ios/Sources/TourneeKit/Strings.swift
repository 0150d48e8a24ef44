import Foundation
@_exported import TourneeCore

/// The view models' own words in French and English; labels computed by the core come with its results.
public struct Strings: Sendable {
    public let lang: Lang

    public init(lang: Lang) { self.lang = lang }

    private func pick(_ en: String, _ fr: String) -> String { lang == .fr ? fr : en }

    /// "Lundi 2 mars" / "Monday 2 March", by the core.
    public func agendaTitle(_ day: LocalDate) -> String { formatDayTitle(day: day, lang: lang) }

    public var nothingToday: String { pick("Nothing planned today.", "Rien de prévu aujourd'hui.") }

    /// "en retard depuis le 01/03/2026" / "overdue since 1 Mar 2026".
    public func due(_ day: LocalDate, overdue: Bool) -> String {
        let date = formatDate(day: day, lang: lang)
        return overdue ? pick("overdue since \(date)", "en retard depuis le \(date)") : pick("due \(date)", "pour le \(date)")
    }

    public func pendingChanges(_ count: UInt64) -> String {
        switch count {
        case 0: return pick("Everything is synced", "Tout est synchronisé")
        case 1: return pick("1 change to sync", "1 modification à synchroniser")
        default: return pick("\(count) changes to sync", "\(count) modifications à synchroniser")
        }
    }

    public func fieldLabel(_ field: VisitField) -> String {
        switch field {
        case .orderAmount: return pick("Order amount", "Montant de la commande")
        case .orderMargin: return pick("Margin", "Marge")
        case .duration: return pick("Duration", "Durée")
        case .notes: return pick("Notes", "Compte rendu")
        case .nextStep: return pick("Next step", "Prochaine étape")
        case .other: return pick("Visit", "Visite")
        }
    }

    /// A refusal from the core, with its reason in the user's language.
    public func refused(_ field: VisitField, reason: String, reasonFr: String) -> String {
        pick("\(fieldLabel(field)): \(reason)", "\(fieldLabel(field)) : \(reasonFr)")
    }

    public func saved(orderCents: Int64) -> String {
        let money = formatMoney(cents: orderCents, lang: lang)
        return orderCents == 0
            ? pick("Visit saved", "Visite enregistrée")
            : pick("Visit saved, order of \(money)", "Visite enregistrée, commande de \(money)")
    }

    public func failed(_ reason: String) -> String { pick("Not saved: \(reason)", "Non enregistré : \(reason)") }
}
