// An account's detail: its fields, contacts (call, mail), history, follow-ups, opportunities, a
// banner when it looks like another account, and editing.
import Foundation
import Observation

/// A labelled value of the account: "Ville" and "Nantes".
public struct FieldRow: Equatable, Hashable, Sendable {
    public let label: String
    public let value: String
}

/// A person at the account, with what the platform can call or mail.
public struct ContactRow: Equatable, Hashable, Sendable, Identifiable {
    public let id: String
    public let name: String
    /// "Gérante · 06 12 34 56 78 · claire@martin.fr".
    public let detail: String
    /// `tel:` and `mailto:` links the platform opens; `nil` without a number or an address.
    public let call: URL?
    public let mail: URL?
}

/// One entry of the account's history or follow-ups.
public struct TimelineRow: Equatable, Hashable, Sendable, Identifiable {
    public let id: String
    public let title: String
    public let detail: String
    public let overdue: Bool
}

/// Another account that looks like this one, and why.
public struct DuplicateBanner: Equatable, Hashable, Sendable, Identifiable {
    public var id: String { otherAccountId }
    public let otherAccountId: String
    /// "Doublon possible de Boulangerie Martin · même nom et même code postal".
    public let text: String
}

/// Everything the account detail draws.
public struct AccountDetailState: Equatable, Sendable {
    public var id: String
    public var name: String
    /// Its kind and need: "prospect · besoin à court terme".
    public var kind: String
    public var fields: [FieldRow]
    public var duplicates: [DuplicateBanner]
    public var contactsTitle: String
    public var contacts: [ContactRow]
    public var timelineTitle: String
    /// Visits, newest first.
    public var timeline: [TimelineRow]
    /// Shown instead of the history when nothing was logged.
    public var emptyTimeline: String?
    public var followUpsTitle: String
    /// Follow-ups, latest deadline first; overdue ones marked.
    public var followUps: [TimelineRow]
    public var opportunitiesTitle: String
    public var opportunities: [TimelineRow]
    /// The actions' labels: "Modifier", "Appeler", "Écrire", "Compte rendu de visite".
    public var edit: String
    public var call: String
    public var mail: String
    public var logVisit: String
    /// The last edit saved ("Compte enregistré").
    public var banner: String?
}

/// The account's fields as the rep edits them, as text where the keyboard gives text.
public struct AccountForm: Equatable, Sendable {
    public var name: String
    public var kind: AccountKind
    public var needHorizon: NeedHorizon?
    public var phone: String
    public var address: String
    public var postcode: String
    public var city: String
    public var website: String
    public var segment: String
    public var territory: String
    /// The estimated potential, typed as an amount in the screen's language.
    public var potential: String
    public var notes: String
    public var openDispute: Bool
    public var lost: Bool
}

/// A contact as the rep types it.
public struct ContactForm: Equatable, Sendable {
    public var name = ""
    public var role = ""
    public var phone = ""
    public var email = ""

    public init(name: String = "", role: String = "", phone: String = "", email: String = "") {
        self.name = name
        self.role = role
        self.phone = phone
        self.email = email
    }
}

/// The editing sheet (the account's fields, or a new contact).
public struct EditState<Form: Equatable & Sendable>: Equatable, Sendable {
    public var form: Form
    public var labels: [Field: String]
    /// What the core refused, under the field it names.
    public var errors: [Field: String] = [:]
    /// A failure to save that names no field.
    public var banner: String? = nil
    public var save: String
    public var cancel: String
    /// The labels of the account's two flags ("Litige ou réclamation en cours", "Perdu"); empty for a contact.
    public var openDispute: String = ""
    public var lost: String = ""
}

/// An account's detail seen on the clock's local day (which marks overdue follow-ups), every
/// label, date and amount in `lang` from the core. Once started it reloads when a change touches
/// the account (an edit here, a sync).
@MainActor
@Observable
public final class AccountDetailViewModel {
    public private(set) var state: Loadable<AccountDetailState> = .loading
    /// The account being edited; `nil` when not editing.
    public private(set) var editing: EditState<AccountForm>?
    /// The contact being added; `nil` when not adding one.
    public private(set) var newContact: EditState<ContactForm>?
    public var kinds: [Choice<AccountKind>] {
        AccountKind.all.map { Choice(value: $0, label: accountKindLabel(kind: $0, lang: lang)) }
    }
    public var horizons: [Choice<NeedHorizon>] {
        NeedHorizon.all.map { Choice(value: $0, label: needHorizonLabel(horizon: $0, lang: lang)) }
    }

    @ObservationIgnored public let accountId: String
    @ObservationIgnored private let device: Device
    @ObservationIgnored private let changes: DeviceChanges
    @ObservationIgnored private let lang: Lang
    @ObservationIgnored private let clock: ScreenClock
    @ObservationIgnored private var account: Account?
    @ObservationIgnored private var saved: String?
    @ObservationIgnored private var reloader: Reloader!

    static let accountFields: [Field] = [.name, .phone, .address, .postcode, .city, .website, .segment, .territory,
                                         .potentialCents, .notes, .needHorizon]
    static let contactFields: [Field] = [.name, .role, .phone, .email]

    public init(accountId: String, device: Device, changes: DeviceChanges, lang: Lang, clock: ScreenClock = ScreenClock()) {
        self.accountId = accountId
        self.device = device
        self.changes = changes
        self.lang = lang
        self.clock = clock
        reloader = Reloader { [weak self] in await self?.reload() }
    }

    public func start() {
        let id = accountId
        reloader.follow(changes) { $0.accountIds.contains(id) || $0.collections.contains(.accounts) }
    }

    public func stop() {
        reloader.stop()
    }

    /// Loads the account now and returns once the state shows it.
    public func refresh() async {
        await reloader.reload()
    }

    private func reload() async {
        do {
            let detail = try await device.accountDetail(accountId: accountId)
            let candidates = try await device.duplicateCandidates()
            account = detail.account
            state = .loaded(detailState(detail, candidates))
        } catch {
            state = .failed(errorText(error))
        }
    }

    // MARK: Editing

    public func beginEdit() {
        guard let account else { return }
        let form = AccountForm(
            name: account.name, kind: account.kind, needHorizon: account.needHorizon,
            phone: account.phone ?? "", address: account.address ?? "", postcode: account.postcode ?? "",
            city: account.city ?? "", website: account.website ?? "", segment: account.segment ?? "",
            territory: account.territory ?? "",
            potential: account.potentialCents.map { formatAmount(cents: $0, lang: lang) } ?? "",
            notes: account.notes, openDispute: account.openDispute, lost: account.lost)
        editing = EditState(form: form, labels: labels(Self.accountFields), save: say(message: .save, lang: lang),
                            cancel: say(message: .cancel, lang: lang), openDispute: say(message: .openDispute, lang: lang),
                            lost: say(message: .lost, lang: lang))
    }

    public func updateEdit(_ change: (inout AccountForm) -> Void) {
        guard var editing else { return }
        change(&editing.form)
        self.editing = editing
    }

    public func cancelEdit() { editing = nil }

    /// Saves the edited fields; the sheet closes when the core took them, otherwise the refusal
    /// shows under its field. Returns whether it saved.
    @discardableResult
    public func saveEdit() async -> Bool {
        guard var editing, var account else { return false }
        let form = editing.form
        func text(_ value: String) -> String? {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        do {
            account.potentialCents = try text(form.potential).map {
                try parseAmount(field: .potentialCents, text: $0, lang: lang)
            }
            account.name = form.name.trimmingCharacters(in: .whitespacesAndNewlines)
            account.kind = form.kind
            account.needHorizon = form.needHorizon
            account.phone = text(form.phone)
            account.address = text(form.address)
            account.postcode = text(form.postcode)
            account.city = text(form.city)
            account.website = text(form.website)
            account.segment = text(form.segment)
            account.territory = text(form.territory)
            account.notes = form.notes
            account.openDispute = form.openDispute
            account.lost = form.lost
            self.account = try await device.saveAccount(account: account)
            self.editing = nil
            saved = say(message: .accountSaved, lang: lang)
            await reloader.reload()
            return true
        } catch let TourneeError.Invalid(field, _, message) {
            editing.errors = [field: message]
            editing.banner = nil
        } catch {
            editing.errors = [:]
            editing.banner = say(message: .notSaved(reason: errorText(error)), lang: lang)
        }
        self.editing = editing
        return false
    }

    public func beginNewContact() {
        newContact = EditState(form: ContactForm(), labels: labels(Self.contactFields), save: say(message: .save, lang: lang),
                               cancel: say(message: .cancel, lang: lang))
    }

    public func updateNewContact(_ change: (inout ContactForm) -> Void) {
        guard var newContact else { return }
        change(&newContact.form)
        self.newContact = newContact
    }

    public func cancelNewContact() { newContact = nil }

    /// Saves the new contact; returns whether it saved (otherwise the refusal is in `newContact`).
    @discardableResult
    public func saveNewContact() async -> Bool {
        guard var newContact else { return false }
        let form = newContact.form
        var contact = device.newContact(accountId: accountId, name: form.name.trimmingCharacters(in: .whitespacesAndNewlines))
        func text(_ value: String) -> String? {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        contact.role = text(form.role)
        contact.phone = text(form.phone)
        contact.email = text(form.email)
        do {
            _ = try await device.saveContact(contact: contact)
            self.newContact = nil
            await reloader.reload()
            return true
        } catch let TourneeError.Invalid(field, _, message) {
            newContact.errors = [field: message]
        } catch {
            newContact.banner = say(message: .notSaved(reason: errorText(error)), lang: lang)
        }
        self.newContact = newContact
        return false
    }

    // MARK: The state

    private func labels(_ fields: [Field]) -> [Field: String] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0, fieldLabel(field: $0, lang: lang)) })
    }

    private func detailState(_ detail: AccountDetail, _ candidates: [DuplicateCandidate]) -> AccountDetailState {
        let account = detail.account
        let fields: [(Field, String?)] = [
            (.address, account.address), (.postcode, account.postcode), (.city, account.city),
            (.phone, account.phone), (.website, account.website), (.segment, account.segment),
            (.territory, account.territory),
            (.potentialCents, account.potentialCents.map { formatMoney(cents: $0, lang: lang) }),
            (.notes, account.notes.isEmpty ? nil : account.notes),
        ]
        let today = dayKey(clock.today)
        var timeline: [TimelineRow] = []
        var followUps: [TimelineRow] = []
        for item in detail.timeline {
            switch item {
            case let .visit(visit):
                timeline.append(visitRow(visit))
            case let .followUp(followUp):
                let overdue = !followUp.done && dayKey(followUp.dueOn) < today
                let status: Message = if followUp.done, let doneAt = followUp.doneAt {
                    .doneOn(day: clock.day(of: doneAt))
                } else {
                    .due(day: followUp.dueOn, overdue: overdue)
                }
                followUps.append(TimelineRow(id: followUp.id, title: followUp.action, detail: say(message: status, lang: lang),
                                             overdue: overdue))
            }
        }
        let duplicates = candidates.compactMap { pair -> DuplicateBanner? in
            let other = pair.first.id == account.id ? pair.second : pair.second.id == account.id ? pair.first : nil
            guard let other else { return nil }
            let reasons = pair.reasons.map { duplicateReasonLabel(reason: $0, lang: lang) }
            return DuplicateBanner(otherAccountId: other.id,
                                   text: ([say(message: .possibleDuplicateOf(name: other.name), lang: lang)] + reasons)
                                       .joined(separator: " · "))
        }
        return AccountDetailState(
            id: account.id,
            name: account.name,
            kind: [accountKindLabel(kind: account.kind, lang: lang),
                   account.needHorizon.map { needHorizonLabel(horizon: $0, lang: lang) }]
                .compactMap { $0 }.joined(separator: " · "),
            fields: fields.compactMap { field, value in value.map { FieldRow(label: fieldLabel(field: field, lang: lang), value: $0) } },
            duplicates: duplicates,
            contactsTitle: say(message: .contacts, lang: lang),
            contacts: detail.contacts.map(contactRow),
            timelineTitle: say(message: .timeline, lang: lang),
            timeline: timeline,
            emptyTimeline: timeline.isEmpty ? say(message: .nothingLogged, lang: lang) : nil,
            followUpsTitle: say(message: .followUpsTitle, lang: lang),
            followUps: followUps,
            opportunitiesTitle: say(message: .opportunities, lang: lang),
            opportunities: detail.opportunities.map { opportunityRow($0, accountName: nil, today: clock.today, lang: lang) },
            edit: say(message: .edit, lang: lang),
            call: say(message: .call, lang: lang),
            mail: say(message: .mail, lang: lang),
            logVisit: say(message: .logVisitTitle, lang: lang),
            banner: saved
        )
    }

    /// "02/03/2026 · Visite terrain", then "prévue" for a planned one, or its outcome, order and notes.
    private func visitRow(_ visit: VisitReport) -> TimelineRow {
        let day = ScreenClock(timeZone: TimeZone(secondsFromGMT: Int(visit.utcOffsetMinutes) * 60) ?? TimeZone(identifier: "UTC")!).day(of: visit.startedAt)
        let detail = [
            visit.status == .planned ? visitStatusLabel(status: visit.status, lang: lang) : nil,
            visit.outcome.map { outcomeLabel(outcome: $0, lang: lang) },
            visit.orderAmountCents > 0 ? formatMoney(cents: visit.orderAmountCents, lang: lang) : nil,
            visit.notes.isEmpty ? nil : visit.notes,
        ].compactMap { $0 }.joined(separator: " · ")
        return TimelineRow(id: visit.id, title: "\(formatDate(day: day, lang: lang)) · \(channelLabel(channel: visit.channel, lang: lang))",
                           detail: detail, overdue: false)
    }

    private func contactRow(_ contact: Contact) -> ContactRow {
        let phone = contact.phone?.filter { !$0.isWhitespace && $0 != "." }
        return ContactRow(
            id: contact.id, name: contact.name,
            detail: [contact.role, contact.phone, contact.email].compactMap { $0 }.joined(separator: " · "),
            call: phone.flatMap { $0.isEmpty ? nil : URL(string: "tel:\($0)") },
            mail: contact.email.flatMap { URL(string: "mailto:\($0)") })
    }
}

/// A deal: its title (and account, in a list of several accounts'), then "négociation · 12 000,00 € ·
/// 60 % · clôture le 30/04/2026"; one whose close date passed on local day `today` is marked.
func opportunityRow(_ opportunity: Opportunity, accountName: String?, today: LocalDate, lang: Lang) -> TimelineRow {
    let late = dayKey(opportunity.expectedClose) < dayKey(today)
    return TimelineRow(
        id: opportunity.id,
        title: [opportunity.title, accountName].compactMap { $0 }.joined(separator: " · "),
        detail: [opportunityStageLabel(stage: opportunity.stage, lang: lang),
                 formatMoney(cents: opportunity.amountCents, lang: lang),
                 formatPercent(value: Double(opportunity.probability), lang: lang),
                 say(message: .closesOn(day: opportunity.expectedClose, overdue: late), lang: lang)].joined(separator: " · "),
        overdue: late)
}
