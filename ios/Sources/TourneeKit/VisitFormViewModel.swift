import Foundation

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
    /// Nothing was saved; the message goes under the field (its label: `fieldLabel(field:lang:)`).
    case invalid(Field, message: String)
    /// Nothing was saved for another reason (storage); show the message.
    case failed(message: String)
}

/// The visit form: parses amounts as typed in `lang`, logs a new visit or edits one, and puts the
/// core's refusals under the field they name. The core words every message: amounts typed here in
/// `lang`, what the device refuses in the device's language (`Device.setLanguage`).
public final class VisitFormViewModel {
    private let device: Device
    private let lang: Lang
    private let timeZone: TimeZone

    public init(device: Device, lang: Lang, timeZone: TimeZone) {
        self.device = device
        self.lang = lang
        self.timeZone = timeZone
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
        form.nextStep = visit.nextStep ?? ""
        return (form, visit)
    }

    /// Logs `form` as a new visit started at `startedAt` (with the follow-up of its next step, dated
    /// by the core), or saves it over `editing` when given.
    public func submit(_ form: VisitForm, startedAt: Date, editing: VisitReport? = nil) async -> VisitSubmit {
        let amount: Int64
        let margin: Int64
        do {
            amount = try cents(form.orderAmount, field: .orderAmountCents)
            margin = try cents(form.orderMargin, field: .orderMarginCents)
        } catch {
            return failure(error)
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
            return .saved(saved, message: say(message: .visitSaved(orderCents: saved.orderAmountCents), lang: lang))
        } catch {
            return failure(error)
        }
    }

    /// An amount as typed, read by the core; a blank field is no amount.
    private func cents(_ text: String, field: Field) throws -> Int64 {
        text.allSatisfy(\.isWhitespace) ? 0 : try parseAmount(field: field, text: text, lang: lang)
    }

    /// A refusal goes under its field; any other failure is said as the core worded it. (`Protocol`
    /// is quoted: unquoted after a dot, Swift reads it as a metatype.)
    private func failure(_ error: Error) -> VisitSubmit {
        guard let error = error as? TourneeError else {
            return .failed(message: say(message: .notSaved(reason: "\(error)"), lang: lang))
        }
        switch error {
        case let .Invalid(field, _, text):
            return .invalid(field, message: text)
        case let .NotFound(text), let .NotEnrolled(text), let .AlreadyEnrolled(text), let .Unauthorized(text),
             let .Forbidden(text), let .Rejected(text), let .Unavailable(text), let .`Protocol`(text),
             let .Storage(text), let .Callback(text):
            return .failed(message: say(message: .notSaved(reason: text), lang: lang))
        }
    }
}
