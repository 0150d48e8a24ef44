// Log a visit: amounts typed the way people type them, the next step asked for before leaving,
// the visit and its follow-up saved in one write, refusals under the field they name.
import Foundation
import Observation

/// How a visit ends: every visit needs one before it is saved.
public enum NextStep: Equatable, Hashable, Sendable {
    /// The rep said there is nothing to follow up.
    case none
    /// A follow-up: what to do, due on `due`.
    case followUp(action: String, due: LocalDate)
}

/// What the rep typed, as text where the keyboard gives text.
public struct VisitForm: Equatable, Sendable {
    public var accountId: String
    public var channel: Channel = .onSite
    public var durationMinutes: UInt32 = 30
    public var notes: String = ""
    public var outcome: Outcome? = nil
    public var interest: InterestLevel? = nil
    public var orderAmount: String = ""
    public var orderMargin: String = ""
    /// Products discussed, typed separated by commas.
    public var products: String = ""
    /// `nil` until the rep chose: saving then asks for it.
    public var nextStep: NextStep? = nil

    public init(accountId: String, orderAmount: String = "", orderMargin: String = "", nextStep: NextStep? = nil) {
        self.accountId = accountId
        self.orderAmount = orderAmount
        self.orderMargin = orderMargin
        self.nextStep = nextStep
    }
}

public enum VisitSubmit: Equatable, Sendable {
    case saved(VisitReport, message: String)
    /// Nothing was saved; the message goes under the field (its label: `fieldLabel(field:lang:)`).
    case invalid(Field, message: String)
    /// Nothing was saved for another reason (storage); show the message.
    case failed(message: String)
}

/// Everything the visit form draws.
public struct VisitFormState: Equatable, Sendable {
    public var title: String
    public var accountName: String
    public var form: VisitForm
    public var channels: [Choice<Channel>]
    public var outcomes: [Choice<Outcome>]
    public var interests: [Choice<InterestLevel>]
    /// The label of each field the form shows.
    public var labels: [Field: String]
    /// The due day of the follow-up, as shown ("Échéance : lundi 9 mars"); empty with no follow-up.
    public var nextStepDue: String
    /// "Produits abordés (séparés par des virgules)".
    public var productsHint: String
    public var noNextStep: String
    public var save: String
    /// What the core refused, under the field it names.
    public var errors: [Field: String] = [:]
    /// A failure to save, or the confirmation of the last visit saved.
    public var banner: String? = nil
    public var saving = false
    /// The account of the visit just saved, for the screen to show it; `nil` until then.
    public var savedAccountId: String? = nil
}

/// The visit form: parses amounts as typed in `lang`, asks for the next step, logs a new visit with
/// its follow-up in one write or edits one (`edit`), and puts the core's refusals under the field
/// they name. The core words every message: amounts typed here in `lang`, what the device refuses
/// in the device's language (`Device.setLanguage`).
@MainActor
@Observable
public final class VisitFormViewModel {
    /// The form on screen; `nil` until `open`.
    public private(set) var state: VisitFormState?

    @ObservationIgnored private let device: Device
    @ObservationIgnored private let lang: Lang
    @ObservationIgnored private let clock: ScreenClock
    @ObservationIgnored private var defaultDue: LocalDate?
    /// The planned visit this form reports on, if it was opened from one.
    @ObservationIgnored private var planned: VisitReport?

    /// The labelled fields the form shows, in its order (channel and outcome are chips).
    public static let fields: [Field] = [.durationMinutes, .orderAmountCents, .orderMarginCents, .products, .notes, .nextStep, .dueOn]

    public init(device: Device, lang: Lang, clock: ScreenClock = ScreenClock()) {
        self.device = device
        self.lang = lang
        self.clock = clock
    }

    /// Shows a new visit of `accountId` (named `accountName`) with the form's defaults: a follow-up
    /// the rep types is due a week after today until they pick another day.
    public func open(accountId: String, accountName: String) {
        defaultDue = clock.day(of: clock.now().addingTimeInterval(7 * 86_400))
        planned = nil
        state = VisitFormState(
            title: say(message: .logVisitTitle, lang: lang),
            accountName: accountName,
            form: VisitForm(accountId: accountId),
            channels: Channel.all.map { Choice(value: $0, label: channelLabel(channel: $0, lang: lang)) },
            outcomes: Outcome.all.map { Choice(value: $0, label: outcomeLabel(outcome: $0, lang: lang)) },
            interests: InterestLevel.all.map { Choice(value: $0, label: interestLevelLabel(level: $0, lang: lang)) },
            labels: Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, fieldLabel(field: $0, lang: lang)) }),
            nextStepDue: "",
            productsHint: say(message: .productsHint, lang: lang),
            noNextStep: say(message: .noNextStep, lang: lang),
            save: say(message: .saveVisit, lang: lang)
        )
    }

    /// Shows the report of planned visit `visitId`, prefilled with its channel, duration and notes.
    public func openPlanned(visitId: String, accountName: String) async throws {
        let visit = try await device.visit(visitId: visitId)
        open(accountId: visit.accountId, accountName: accountName)
        planned = visit
        update { form in
            form.channel = visit.channel
            form.durationMinutes = visit.durationMinutes
            form.notes = visit.notes
        }
    }

    /// The rep changed the form: a field they touched loses its refusal.
    public func update(_ change: (inout VisitForm) -> Void) {
        guard var state else { return }
        let before = state.form
        change(&state.form)
        for field in Self.fields where Self.value(of: field, in: before) != Self.value(of: field, in: state.form) {
            state.errors[field] = nil
        }
        if case let .followUp(_, due) = state.form.nextStep {
            state.nextStepDue = say(message: .dueDay(day: due), lang: lang)
        } else {
            state.nextStepDue = ""
        }
        self.state = state
    }

    /// The rep typed the follow-up's action; blank, the next step is to choose again.
    public func onNextStepAction(_ action: String) {
        let due = defaultDue ?? clock.today
        update { form in
            var day = due
            if case let .followUp(_, chosen) = form.nextStep { day = chosen }
            form.nextStep = action.isEmpty ? nil : .followUp(action: action, due: day)
        }
    }

    public func onNextStepDue(_ day: LocalDate) {
        update { form in
            var action = ""
            if case let .followUp(typed, _) = form.nextStep { action = typed }
            form.nextStep = .followUp(action: action, due: day)
        }
    }

    public func onNoNextStep() {
        update { $0.nextStep = NextStep.none }
    }

    /// Saves the form as a visit started at `startedAt` (now by default); on success the form is new again.
    public func save(startedAt: Date? = nil) async {
        guard var current = state else { return }
        current.saving = true
        current.banner = nil
        current.savedAccountId = nil
        state = current
        let result = await submit(current.form, startedAt: startedAt ?? clock.now(), planned: planned)
        current.saving = false
        switch result {
        case let .saved(visit, message):
            planned = nil
            current.form = VisitForm(accountId: current.form.accountId)
            current.errors = [:]
            current.nextStepDue = ""
            current.banner = message
            current.savedAccountId = visit.accountId
        case let .invalid(field, message):
            current.errors = [field: message]
        case let .failed(message):
            current.banner = message
        }
        state = current
    }

    /// The form of a visit already logged, with its amounts as the user would type them.
    public func edit(visitId: String) async throws -> (VisitForm, VisitReport) {
        let visit = try await device.visit(visitId: visitId)
        var form = VisitForm(accountId: visit.accountId,
                             orderAmount: formatAmount(cents: visit.orderAmountCents, lang: lang),
                             orderMargin: formatAmount(cents: visit.orderMarginCents, lang: lang))
        form.channel = visit.channel
        form.durationMinutes = visit.durationMinutes
        form.notes = visit.notes
        form.outcome = visit.outcome
        form.interest = visit.interest
        form.products = visit.products.joined(separator: ", ")
        form.nextStep = visit.nextStep.map { NextStep.followUp(action: $0, due: clock.day(of: visit.startedAt)) } ?? NextStep.none
        return (form, visit)
    }

    /// Logs `form` as a new visit started at `startedAt` (or as the report of the `planned` visit)
    /// with the follow-up of its next step, in one write, or saves it over `editing` when given (its
    /// follow-up, if any, is already saved).
    public func submit(_ form: VisitForm, startedAt: Date, editing: VisitReport? = nil,
                       planned: VisitReport? = nil) async -> VisitSubmit {
        let amount: Int64
        let margin: Int64
        do {
            amount = try cents(form.orderAmount, field: .orderAmountCents)
            margin = try cents(form.orderMargin, field: .orderMarginCents)
        } catch {
            return failure(error)
        }
        var followUp: (action: String, due: LocalDate)?
        switch form.nextStep {
        case nil:
            return .invalid(.nextStep, message: say(message: .nextStepRequired, lang: lang))
        case let .followUp(action, due):
            if action.allSatisfy(\.isWhitespace) {
                return .invalid(.nextStep, message: say(message: .nextStepRequired, lang: lang))
            }
            followUp = (action.trimmingCharacters(in: .whitespacesAndNewlines), due)
        case .none?:
            followUp = nil
        }
        let offset = clock.offsetMinutes(at: startedAt)
        var visit: VisitReport
        if let editing {
            visit = editing
        } else if var planned {
            planned.status = .done
            planned.startedAt = startedAt
            planned.utcOffsetMinutes = offset
            visit = planned
        } else {
            visit = device.newVisit(accountId: form.accountId, channel: form.channel, startedAt: startedAt, utcOffsetMinutes: offset)
        }
        visit.channel = form.channel
        visit.durationMinutes = form.durationMinutes
        visit.notes = form.notes
        visit.outcome = form.outcome
        visit.interest = form.interest
        visit.orderAmountCents = amount
        visit.orderMarginCents = margin
        visit.products = form.products.split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        visit.nextStep = followUp?.action
        do {
            let saved = editing == nil
                ? try await device.logVisit(visit: visit, nextStepDue: followUp?.due).visit
                : try await device.saveVisit(visit: visit)
            return .saved(saved, message: say(message: .visitSaved(orderCents: saved.orderAmountCents), lang: lang))
        } catch {
            return failure(error)
        }
    }

    /// An amount as typed, read by the core; a blank field is no amount.
    private func cents(_ text: String, field: Field) throws -> Int64 {
        text.allSatisfy(\.isWhitespace) ? 0 : try parseAmount(field: field, text: text, lang: lang)
    }

    /// A refusal goes under its field; any other failure is said as the core worded it.
    private func failure(_ error: Error) -> VisitSubmit {
        if case let TourneeError.Invalid(field, _, text) = error {
            return .invalid(field, message: text)
        }
        return .failed(message: say(message: .notSaved(reason: errorText(error)), lang: lang))
    }

    /// What `field` holds in `form`, to tell which fields a change touched.
    private static func value(of field: Field, in form: VisitForm) -> String {
        switch field {
        case .durationMinutes: return "\(form.durationMinutes)"
        case .orderAmountCents: return form.orderAmount
        case .orderMarginCents: return form.orderMargin
        case .notes: return form.notes
        case .products: return form.products
        case .nextStep: return "\(String(describing: form.nextStep))"
        case .dueOn:
            if case let .followUp(_, due) = form.nextStep { return "\(dayKey(due))" }
            return ""
        default: return ""
        }
    }
}
