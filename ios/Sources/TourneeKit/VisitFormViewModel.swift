import Foundation

/// The fields of the visit form that can show an error.
public enum VisitField: Equatable, Sendable {
    case orderAmount, orderMargin, duration, notes, nextStep, other

    init(coreField: String) {
        switch coreField {
        case "order_amount_cents": self = .orderAmount
        case "order_margin_cents": self = .orderMargin
        case "duration_minutes": self = .duration
        case "notes": self = .notes
        case "next_step": self = .nextStep
        default: self = .other
        }
    }
}

/// What the rep typed, as text where the keyboard gives text.
public struct VisitForm: Equatable, Sendable {
    public var accountId: String
    public var channel: Channel = .onSite
    public var durationMinutes: UInt32 = 30
    public var notes: String = ""
    public var outcome: Outcome? = nil
    public var orderAmount: String = ""
    public var orderMargin: String = ""
    public var nextStep: String = ""

    public init(accountId: String, orderAmount: String = "", orderMargin: String = "") {
        self.accountId = accountId
        self.orderAmount = orderAmount
        self.orderMargin = orderMargin
    }
}

public enum VisitSubmit: Equatable {
    case saved(VisitReport, message: String)
    /// Nothing was saved; the message goes under the field.
    case invalid(VisitField, message: String)
    /// Nothing was saved for another reason (storage); show the message.
    case failed(message: String)
}

/// The visit form: parses amounts as typed in the user's language, logs a new visit or edits one,
/// and turns the core's refusals into a message under the right field.
public final class VisitFormViewModel {
    private let device: Device
    private let strings: Strings
    private let timeZone: TimeZone

    public init(device: Device, lang: Lang, timeZone: TimeZone) {
        self.device = device
        self.strings = Strings(lang: lang)
        self.timeZone = timeZone
    }

    /// The form of a visit already logged, with its amounts as the user would type them.
    public func edit(visitId: String) async throws -> (VisitForm, VisitReport) {
        let visit = try await device.visit(visitId: visitId)
        var form = VisitForm(accountId: visit.accountId,
                             orderAmount: formatAmount(cents: visit.orderAmountCents, lang: strings.lang),
                             orderMargin: formatAmount(cents: visit.orderMarginCents, lang: strings.lang))
        form.channel = visit.channel
        form.durationMinutes = visit.durationMinutes
        form.notes = visit.notes
        form.outcome = visit.outcome
        form.nextStep = visit.nextStep ?? ""
        return (form, visit)
    }

    /// Logs `form` as a new visit started at `startedAt` (with the follow-up of its next step, dated
    /// by the core), or saves it over `editing` when given.
    public func submit(_ form: VisitForm, startedAt: Date, editing: VisitReport? = nil) async -> VisitSubmit {
        let amount: Int64
        let margin: Int64
        do {
            amount = try cents(form.orderAmount, coreField: "order_amount_cents")
            margin = try cents(form.orderMargin, coreField: "order_margin_cents")
        } catch let TourneeError.Invalid(field, reason, reasonFr) {
            return refusal(field: field, reason: reason, reasonFr: reasonFr)
        } catch {
            return .failed(message: strings.failed("\(error)"))
        }
        let offsetMinutes = Int32(timeZone.secondsFromGMT(for: startedAt) / 60)
        var visit = editing ?? device.newVisit(accountId: form.accountId, channel: form.channel,
                                               startedAt: startedAt, utcOffsetMinutes: offsetMinutes)
        visit.channel = form.channel
        visit.durationMinutes = form.durationMinutes
        visit.notes = form.notes
        visit.outcome = form.outcome
        visit.orderAmountCents = amount
        visit.orderMarginCents = margin
        visit.nextStep = form.nextStep.isEmpty ? nil : form.nextStep
        do {
            let saved = editing == nil
                ? try await device.logVisit(visit: visit, nextStepDue: nil).visit
                : try await device.saveVisit(visit: visit)
            return .saved(saved, message: strings.saved(orderCents: saved.orderAmountCents))
        } catch let TourneeError.Invalid(field, reason, reasonFr) {
            return refusal(field: field, reason: reason, reasonFr: reasonFr)
        } catch {
            return .failed(message: strings.failed("\(error)"))
        }
    }

    /// An amount as typed, read by the core; a blank field is no amount.
    private func cents(_ text: String, coreField: String) throws -> Int64 {
        text.allSatisfy(\.isWhitespace) ? 0 : try parseAmount(field: coreField, text: text, lang: strings.lang)
    }

    private func refusal(field: String, reason: String, reasonFr: String) -> VisitSubmit {
        let field = VisitField(coreField: field)
        return .invalid(field, message: strings.refused(field, reason: reason, reasonFr: reasonFr))
    }
}
