import Foundation
@_exported import TourneeCore

/// One line of the agenda screen.
public struct AgendaRow: Equatable, Sendable {
    public let id: String
    public let title: String
    public let detail: String
    public let overdue: Bool
}

/// Everything the agenda screen draws.
public struct AgendaState: Equatable, Sendable {
    public let title: String
    public let visits: [AgendaRow]
    public let followUps: [AgendaRow]
    /// Shown instead of the lists when both are empty.
    public let emptyMessage: String?
    public let syncStatus: String
}

/// Today's agenda: planned visits (with their time in `timeZone` and channel) and the follow-ups due,
/// in `lang` (every word and format from the core). Once started, it pushes a new state after every change: a change of visits, follow-ups or accounts
/// reloads the lists, any other change only the sync status. Call `stop()` when the screen goes away.
public final class AgendaViewModel: @unchecked Sendable {
    private let device: Device
    private let lang: Lang
    private let timeZone: TimeZone
    private let latest = Latest()

    /// What the agenda shows: visits, follow-ups, and the names of their accounts.
    private static let shown: Set<Collection> = [.visits, .followUps, .accounts]

    public init(device: Device, lang: Lang, timeZone: TimeZone) {
        self.device = device
        self.lang = lang
        self.timeZone = timeZone
    }

    public func load(today: LocalDate) async throws -> AgendaState {
        let agenda = try await device.agenda(day: today)
        let visits = agenda.visits.map { item in
            let offsetMinutes = Int32(timeZone.secondsFromGMT(for: item.visit.startedAt) / 60)
            let time = formatTime(at: item.visit.startedAt, utcOffsetMinutes: offsetMinutes, lang: lang)
            return AgendaRow(
                id: item.visit.id,
                title: item.accountName,
                detail: "\(time) · \(channelLabel(channel: item.visit.channel, lang: lang))",
                overdue: false
            )
        }
        let followUps = agenda.followUps.map { item in
            AgendaRow(
                id: item.followUp.id,
                title: item.accountName,
                detail: "\(item.followUp.action) · \(say(message: .due(day: item.followUp.dueOn, overdue: item.overdue), lang: lang))",
                overdue: item.overdue
            )
        }
        return AgendaState(
            title: formatDayTitle(day: today, lang: lang),
            visits: visits,
            followUps: followUps,
            emptyMessage: visits.isEmpty && followUps.isEmpty ? say(message: .nothingToday, lang: lang) : nil,
            syncStatus: try await syncStatus()
        )
    }

    func syncStatus() async throws -> String {
        say(message: .pendingChanges(count: try await device.outboxCount()), lang: lang)
    }

    /// Pushes the state now and after every change, from a background task. A load that fails
    /// pushes nothing; the next change tries again.
    public func start(today: @escaping @Sendable () -> LocalDate, onState: @escaping @Sendable (AgendaState) -> Void) {
        let reload: @Sendable (Bool) -> Void = { [weak self] lists in
            guard let self else { return }
            Task { await self.latest.publish(lists: lists, today: today, from: self, to: onState) }
        }
        device.setChangeListener(listener: Reloader { change in
            reload(change.collections.contains { Self.shown.contains($0) })
        })
        reload(true)
    }

    public func stop() {
        device.clearChangeListener()
    }
}

/// The state last pushed. Reloads may overlap: only the latest one started pushes its state, and
/// lists marked stale stay stale until a state with fresh lists is pushed.
private actor Latest {
    private var current: AgendaState?
    private var listsStale = true
    private var ticket = 0

    func publish(lists: Bool, today: @Sendable () -> LocalDate, from model: AgendaViewModel,
                 to onState: @Sendable (AgendaState) -> Void) async {
        listsStale = listsStale || lists
        ticket += 1
        let mine = ticket
        let next: AgendaState
        do {
            if let current, !listsStale {
                next = AgendaState(title: current.title, visits: current.visits, followUps: current.followUps,
                                   emptyMessage: current.emptyMessage, syncStatus: try await model.syncStatus())
            } else {
                next = try await model.load(today: today())
            }
        } catch {
            return
        }
        guard mine == ticket else { return }
        listsStale = false
        current = next
        onState(next)
    }
}

private final class Reloader: ChangeListener, @unchecked Sendable {
    private let reload: (Change) -> Void

    init(_ reload: @escaping (Change) -> Void) { self.reload = reload }

    func onChange(change: Change) throws {
        reload(change)
    }
}
