import Foundation

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
/// reloaded whenever the device's data changes. Call `stop()` when the screen goes away.
public final class AgendaViewModel: @unchecked Sendable {
    private let device: Device
    private let strings: Strings
    private let timeFormat: DateFormatter

    public init(device: Device, lang: Lang, timeZone: TimeZone) {
        self.device = device
        self.strings = Strings(lang: lang)
        timeFormat = DateFormatter()
        timeFormat.locale = Locale(identifier: "en_US_POSIX")
        timeFormat.timeZone = timeZone
        timeFormat.dateFormat = "HH:mm"
    }

    public func load(today: LocalDate) throws -> AgendaState {
        let agenda = try device.agenda(day: today)
        let visits = agenda.visits.map { item in
            AgendaRow(
                id: item.visit.id,
                title: item.accountName,
                detail: "\(timeFormat.string(from: item.visit.startedAt)) · \(channelLabel(channel: item.visit.channel, lang: strings.lang))",
                overdue: false
            )
        }
        let followUps = agenda.followUps.map { item in
            AgendaRow(
                id: item.followUp.id,
                title: item.accountName,
                detail: "\(item.followUp.action) · \(strings.due(item.followUp.dueOn, overdue: item.overdue))",
                overdue: item.overdue
            )
        }
        return AgendaState(
            title: strings.agendaTitle(today),
            visits: visits,
            followUps: followUps,
            emptyMessage: visits.isEmpty && followUps.isEmpty ? strings.nothingToday : nil,
            syncStatus: strings.pendingChanges(try device.outboxCount())
        )
    }

    /// Pushes the state now and after every change (local write or sync), on the changing thread.
    /// A load that fails pushes nothing; the next change tries again.
    public func observe(today: @escaping @Sendable () -> LocalDate, onState: @escaping @Sendable (AgendaState) -> Void) throws {
        device.setChangeListener(listener: Reloader { [weak self] in
            if let state = try self?.load(today: today()) { onState(state) }
        })
        onState(try load(today: today()))
    }

    public func stop() {
        device.clearChangeListener()
    }
}

private final class Reloader: ChangeListener, @unchecked Sendable {
    private let reload: () throws -> Void

    init(_ reload: @escaping () throws -> Void) { self.reload = reload }

    func onChange(revision: UInt64, origin: ChangeOrigin) throws {
        try reload()
    }
}
