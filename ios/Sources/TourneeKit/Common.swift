// What every view model shares: choices of a picker, the core's error text, local days and the
// clock, and waiting for the latest of overlapping loads.
import Foundation
@_exported import TourneeCore

/// A choice of a picker, with its label in the screen's language.
public struct Choice<Value: Hashable & Sendable>: Hashable, Sendable {
    public let value: Value
    public let label: String
}

/// A loaded screen, or why it could not load.
public enum Loadable<Value: Equatable & Sendable>: Equatable, Sendable {
    case loading
    case loaded(Value)
    /// The core's message, in the device's language.
    case failed(String)

    public var value: Value? {
        if case let .loaded(value) = self { return value }
        return nil
    }

    public var error: String? {
        if case let .failed(message) = self { return message }
        return nil
    }
}

extension TourneeError {
    /// The message of any failure of the core, as the core worded it in the device's language.
    /// (`Protocol` is quoted: unquoted after a dot, Swift reads it as a metatype.)
    public var text: String {
        switch self {
        case let .Invalid(_, _, text), let .NotFound(text), let .NotEnrolled(text), let .AlreadyEnrolled(text),
             let .Unauthorized(text), let .Forbidden(text), let .Rejected(text), let .Unavailable(text),
             let .`Protocol`(text), let .Storage(text), let .Callback(text):
            return text
        }
    }
}

/// The text of any error thrown by a core call (the core throws only `TourneeError`; anything
/// else is shown as Swift describes it).
func errorText(_ error: Error) -> String {
    (error as? TourneeError)?.text ?? "\(error)"
}

/// Where and when the screens are: the device's time zone and its clock (a fixed one in tests).
public struct ScreenClock: Sendable {
    public let timeZone: TimeZone
    public let now: @Sendable () -> Date

    public init(timeZone: TimeZone = .current, now: @escaping @Sendable () -> Date = { Date() }) {
        self.timeZone = timeZone
        self.now = now
    }

    /// The local day now.
    public var today: LocalDate { day(of: now()) }

    /// The local day of `date` here.
    public func day(of date: Date) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day], from: date)
    }

    /// Minutes this zone is ahead of UTC at `date` (what the core's times and visits take).
    public func offsetMinutes(at date: Date) -> Int32 {
        Int32(timeZone.secondsFromGMT(for: date) / 60)
    }
}

/// Days in calendar order (LocalDate is Foundation's `DateComponents`, which has no order).
func dayKey(_ day: LocalDate) -> Int {
    (day.year ?? 0) * 10_000 + (day.month ?? 0) * 100 + (day.day ?? 0)
}

/// An account as a list shows it: its name, then "prospect · Nantes".
public struct AccountRow: Equatable, Hashable, Sendable, Identifiable {
    public let id: String
    public let name: String
    public let detail: String

    public init(id: String, name: String, detail: String) {
        self.id = id
        self.name = name
        self.detail = detail
    }

    init(_ item: AccountListItem, lang: Lang) {
        id = item.id
        name = item.name
        detail = [accountKindLabel(kind: item.kind, lang: lang), item.city].compactMap { $0 }.joined(separator: " · ")
    }
}

/// Runs loads one at a time on the main actor and lets the latest request win: a request made
/// while a load runs is served by one more load once it ends, however many came meanwhile.
@MainActor
final class Reloader {
    private var running = false
    private var again = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private let load: @MainActor () async -> Void

    init(_ load: @escaping @MainActor () async -> Void) { self.load = load }

    func request() {
        if running {
            again = true
            return
        }
        running = true
        Task { @MainActor in
            repeat {
                again = false
                await load()
            } while again
            running = false
            let done = waiters
            waiters = []
            for waiter in done { waiter.resume() }
        }
    }

    /// Requests a load and returns once a load started after this request ended.
    func reload() async {
        await withCheckedContinuation { continuation in
            waiters.append(continuation)
            request()
        }
    }

    private var following: Task<Void, Never>?

    /// What every screen's `start()` does: a load now, then one after each of the device's changes
    /// that `concerns` the screen, until `stop()`. Starting twice changes nothing.
    func follow(_ changes: DeviceChanges, when concerns: @escaping @MainActor (Change) -> Bool) {
        guard following == nil else { return }
        let stream = changes.stream()
        following = Task { [weak self] in
            for await change in stream where concerns(change) { self?.request() }
        }
        request()
    }

    /// Stops following the device's changes.
    func stop() {
        following?.cancel()
        following = nil
    }
}
