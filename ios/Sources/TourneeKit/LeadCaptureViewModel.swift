// Trade-show capture on the iPad: the form and the event's leads side by side, a lead in a few
// seconds, possible existing accounts flagged while typing, qualify or discard.
import Foundation
import Observation

/// A lead as typed at the stand.
public struct LeadForm: Equatable, Sendable {
    public var name = ""
    public var company = ""
    public var email = ""
    public var phone = ""
    public var notes = ""
    public var interest: InterestLevel? = nil

    public init(name: String = "", company: String = "", email: String = "", phone: String = "", notes: String = "",
                interest: InterestLevel? = nil) {
        self.name = name
        self.company = company
        self.email = email
        self.phone = phone
        self.notes = notes
        self.interest = interest
    }
}

/// One lead of the event: who, when and where it stands, and the accounts it may already be.
public struct LeadRow: Equatable, Hashable, Sendable, Identifiable {
    public let id: String
    /// "Claire Martin · Boulangerie Martin".
    public let title: String
    /// "14:05 · nouveau · intérêt fort".
    public let detail: String
    /// New leads wait to be qualified or discarded.
    public let isNew: Bool
    public let duplicateWarning: String?
    public let similarAccounts: [AccountRow]
}

/// Everything the trade-show capture screen draws: the form, and the event's leads.
public struct LeadCaptureState: Equatable, Sendable {
    public var title: String
    public var form: LeadForm
    public var labels: [Field: String]
    public var interests: [Choice<InterestLevel>]
    /// Accounts the company or email being typed looks like, flagged while typing.
    public var duplicateWarning: String?
    public var similarAccounts: [AccountRow]
    public var errors: [Field: String]
    /// The lead just saved, or why nothing was.
    public var banner: String?
    public var save: String
    /// The badge scan's button: "Scanner un badge".
    public var scanBadge: String
    public var leadsTitle: String
    public var leads: [LeadRow]
    public var qualify: String
    public var discard: String
}

/// Trade-show capture at `event`: a lead in a few seconds, the form empty again once saved, a
/// possible existing account flagged while the company or email is typed (the core's duplicate
/// rules), the event's leads newest first (with those other tablets captured, once synced),
/// qualified into an account and contact or discarded.
@MainActor
@Observable
public final class LeadCaptureViewModel {
    public private(set) var state: LeadCaptureState

    @ObservationIgnored private let device: Device
    @ObservationIgnored private let changes: DeviceChanges
    @ObservationIgnored private let lang: Lang
    @ObservationIgnored private let clock: ScreenClock
    @ObservationIgnored private let event: String
    @ObservationIgnored private var lookup: Task<Void, Never>?
    @ObservationIgnored private var looked: (String, String)?
    @ObservationIgnored private var reloader: Reloader!

    static let fields: [Field] = [.name, .company, .email, .phone, .notes]
    /// Looks an account up once the typing pauses, not at every letter.
    static let typingPause: Duration = .milliseconds(150)

    public init(device: Device, changes: DeviceChanges, lang: Lang, event: String, clock: ScreenClock = ScreenClock()) {
        self.device = device
        self.changes = changes
        self.lang = lang
        self.clock = clock
        self.event = event
        state = LeadCaptureState(
            title: say(message: .captureTitle(event: event), lang: lang),
            form: LeadForm(),
            labels: Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, fieldLabel(field: $0, lang: lang)) }),
            interests: InterestLevel.all.map { Choice(value: $0, label: interestLevelLabel(level: $0, lang: lang)) },
            duplicateWarning: nil, similarAccounts: [], errors: [:], banner: nil,
            save: say(message: .saveLeadAndNext, lang: lang),
            scanBadge: say(message: .scanBadge, lang: lang),
            leadsTitle: say(message: .eventLeads(count: 0), lang: lang), leads: [],
            qualify: say(message: .qualify, lang: lang), discard: say(message: .discard, lang: lang))
        reloader = Reloader { [weak self] in await self?.reloadLeads() }
    }

    /// Loads the event's leads, and reloads them after a change of leads or accounts (a sync).
    public func start() {
        reloader.follow(changes) { $0.touches([.leads, .accounts]) }
    }

    public func stop() {
        reloader.stop()
        lookup?.cancel()
    }

    /// Returns once the event's leads and the lookup of what is typed are up to date.
    public func settled() async {
        await reloader.reload()
        await lookup?.value
    }

    /// The rep typed: the fields touched lose their refusal; a new company or email is looked up
    /// once the typing pauses.
    public func update(_ change: (inout LeadForm) -> Void) {
        var form = state.form
        change(&form)
        for field in Self.fields where Self.value(of: field, in: form) != Self.value(of: field, in: state.form) {
            state.errors[field] = nil
        }
        state.form = form
        lookUp()
    }

    private func lookUp() {
        let typed = (state.form.company.trimmingCharacters(in: .whitespaces), state.form.email.trimmingCharacters(in: .whitespaces))
        if let looked, looked == typed { return }
        looked = typed
        lookup?.cancel()
        lookup = Task { [weak self] in
            try? await Task.sleep(for: Self.typingPause)
            guard !Task.isCancelled, let self else { return }
            let similar = await self.similar(company: typed.0, email: typed.1)
            guard !Task.isCancelled else { return }
            self.state.similarAccounts = similar
            self.state.duplicateWarning = self.warning(similar)
        }
    }

    /// The text of a badge's QR code (a vCard or a MECARD, read by the core) fills the form, for a
    /// glance before saving; text that is no badge says so in the banner and leaves the form as it was.
    public func badgeScanned(_ text: String) {
        do {
            let lead = try device.leadFromBadge(event: event, badgeText: text)
            update { form in
                form.name = lead.name
                form.company = lead.company ?? ""
                form.email = lead.email ?? ""
                form.phone = lead.phone ?? ""
                form.notes = lead.notes
            }
            state.banner = say(message: .badgeRead(name: lead.name), lang: lang)
        } catch {
            state.banner = errorText(error)
        }
    }

    /// Saves the lead; on success the form is empty for the next one and the list shows it first.
    public func save() async {
        let form = state.form
        func text(_ value: String) -> String? {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        var lead = device.newLead(event: event, name: form.name)
        lead.company = text(form.company)
        lead.email = text(form.email)
        lead.phone = text(form.phone)
        lead.notes = form.notes
        lead.interest = form.interest
        do {
            let captured = try await device.captureLead(lead: lead)
            state.form = LeadForm()
            state.errors = [:]
            state.banner = say(message: .leadSaved(name: captured.lead.name), lang: lang)
            lookUp()
            await reloader.reload()
        } catch let TourneeError.Invalid(field, _, message) {
            state.errors = [field: message]
            state.banner = nil
        } catch {
            state.banner = say(message: .notSaved(reason: errorText(error)), lang: lang)
        }
    }

    /// Turns a new lead into a contact of `intoAccountId` (an account it looks like) or of a new prospect.
    public func qualify(_ leadId: String, into intoAccountId: String? = nil) async {
        await act { _ = try await $0.qualifyLead(leadId: leadId, intoAccountId: intoAccountId, needHorizon: nil) }
    }

    public func discard(_ leadId: String) async {
        await act { _ = try await $0.discardLead(leadId: leadId) }
    }

    private func act(_ action: (Device) async throws -> Void) async {
        do {
            try await action(device)
            await reloader.reload()
        } catch {
            state.banner = say(message: .notSaved(reason: errorText(error)), lang: lang)
        }
    }

    private func reloadLeads() async {
        do {
            var rows: [LeadRow] = []
            for lead in try await device.eventLeads(event: event) { rows.append(await leadRow(lead)) }
            state.leads = rows
            state.leadsTitle = say(message: .eventLeads(count: UInt64(rows.count)), lang: lang)
        } catch {
            state.banner = errorText(error)
        }
    }

    private func leadRow(_ lead: Lead) async -> LeadRow {
        let isNew = lead.status == .new
        // Only new leads are still to be matched with an account.
        let similar = isNew ? await similar(company: lead.company ?? "", email: lead.email ?? "") : []
        let at = formatTime(at: lead.capturedAt, utcOffsetMinutes: clock.offsetMinutes(at: lead.capturedAt), lang: lang)
        return LeadRow(
            id: lead.id,
            title: [lead.name, lead.company].compactMap { $0 }.joined(separator: " · "),
            detail: [at, leadStatusLabel(status: lead.status, lang: lang), lead.interest.map { interestLevelLabel(level: $0, lang: lang) }]
                .compactMap { $0 }.joined(separator: " · "),
            isNew: isNew,
            duplicateWarning: warning(similar),
            similarAccounts: similar)
    }

    private func similar(company: String, email: String) async -> [AccountRow] {
        if company.isEmpty && email.isEmpty { return [] }
        // A lookup that fails flags nothing: saving the lead still works and says why if it fails.
        let found = try? await device.similarAccounts(name: company, postcode: nil, email: email.isEmpty ? nil : email,
                                                      registrationNumber: nil)
        return (found ?? []).map { AccountRow($0, lang: lang) }
    }

    private func warning(_ similar: [AccountRow]) -> String? {
        similar.isEmpty ? nil : say(message: .maybeAnAccount(count: UInt64(similar.count)), lang: lang)
    }

    private static func value(of field: Field, in form: LeadForm) -> String {
        switch field {
        case .name: return form.name
        case .company: return form.company
        case .email: return form.email
        case .phone: return form.phone
        case .notes: return form.notes
        default: return ""
        }
    }
}
