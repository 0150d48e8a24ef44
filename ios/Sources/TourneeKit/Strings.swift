import Foundation
@_exported import TourneeCore

/// The view models' own words in French and English; labels computed by the core come with its results.
public struct Strings: Sendable {
    public let lang: Lang

    public init(lang: Lang) { self.lang = lang }

    private func pick(_ en: String, _ fr: String) -> String { lang == .fr ? fr : en }

    private static let months = (
        en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"],
        fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
    )
    private static let weekdays = (
        en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        fr: ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]
    )

    /// "Lundi 2 mars" / "Monday 2 March" for an ISO day ("2026-03-02"); the day itself if unreadable.
    public func agendaTitle(_ day: LocalDate) -> String {
        guard let (year, month, dayOfMonth) = Self.parts(day) else { return day }
        let weekday = Self.weekday(year: year, month: month, day: dayOfMonth)
        let names = lang == .fr ? (Self.weekdays.fr, Self.months.fr) : (Self.weekdays.en, Self.months.en)
        return "\(names.0[weekday]) \(dayOfMonth) \(names.1[month - 1])"
    }

    public var nothingToday: String { pick("Nothing planned today.", "Rien de prévu aujourd'hui.") }

    /// "en retard depuis le 01/03/2026" / "overdue since 01/03/2026".
    public func due(_ day: LocalDate, overdue: Bool) -> String {
        let date = Self.parts(day).map { String(format: "%02d/%02d/%04d", $0.2, $0.1, $0.0) } ?? day
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

    private static func parts(_ day: LocalDate) -> (Int, Int, Int)? {
        let fields = day.split(separator: "-").compactMap { Int($0) }
        guard fields.count == 3, (1...12).contains(fields[1]) else { return nil }
        return (fields[0], fields[1], fields[2])
    }

    /// 0 for Monday … 6 for Sunday (Sakamoto's method, proleptic Gregorian).
    private static func weekday(year: Int, month: Int, day: Int) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        let sundayBased = (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
        return (sundayBased + 6) % 7
    }
}
