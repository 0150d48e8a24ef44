// Today: the day's planned visits, the follow-ups due (overdue marked), the sync status in plain
// words (kept by the device across restarts), and pull to sync.
import Foundation
import Observation

/// One line of the day: a planned visit or a follow-up due.
public struct AgendaRow: Equatable, Hashable, Sendable, Identifiable {
    public let id: String
    public let accountId: String
    /// The account's name.
    public let title: String
    /// "09:30 · Visite terrain", "Envoyer le devis · en retard depuis le 01/03/2026".
    public let detail: String
    public let overdue: Bool
}

/// Everything the Today screen draws.
public struct TodayState: Equatable, Sendable {
    /// "Lundi 2 mars".
    public var title: String
    public var visitsTitle: String
    public var visits: [AgendaRow]
    public var followUpsTitle: String
    public var followUps: [AgendaRow]
    /// Shown instead of the lists when both are empty.
    public var emptyMessage: String?
    /// What waits in the outbox, the last sync (kept by the device across restarts), pull to sync.
    public var sync: SyncWords
}

/// Today's agenda on the clock's local day, in `lang` (every word and format from the core). Once
/// started it follows the device's changes: a change of visits, follow-ups or accounts reloads the
/// lists, any other change only the sync status. `sync()` is pull to sync.
@MainActor
@Observable
public final class TodayViewModel {
    public private(set) var state: Loadable<TodayState> = .loading

    @ObservationIgnored private let device: Device
    @ObservationIgnored private let changes: DeviceChanges
    @ObservationIgnored private let lang: Lang
    @ObservationIgnored private let clock: ScreenClock
    @ObservationIgnored private var syncing = false
    @ObservationIgnored private var listsStale = true
    @ObservationIgnored private var listening: Task<Void, Never>?
    @ObservationIgnored private var reloader: Reloader!

    /// What the agenda shows: visits, follow-ups, and the names of their accounts.
    private static let shown: Set<Collection> = [.visits, .followUps, .accounts]

    public init(device: Device, changes: DeviceChanges, lang: Lang, clock: ScreenClock = ScreenClock()) {
        self.device = device
        self.changes = changes
        self.lang = lang
        self.clock = clock
        reloader = Reloader { [weak self] in await self?.reload() }
    }

    /// Loads now, then after every change, until `stop()`.
    public func start() {
        guard listening == nil else { return }
        let stream = changes.stream()
        listening = Task { [weak self] in
            for await change in stream {
                guard let self else { return }
                if change.touches(Self.shown) { listsStale = true }
                reloader.request()
            }
        }
        listsStale = true
        reloader.request()
    }

    public func stop() {
        listening?.cancel()
        listening = nil
    }

    /// Pull to sync: sends and receives now (unless a sync is under way) and returns once it ended;
    /// the state says it runs, then when it ended or why it failed, in the device's language.
    public func sync() async {
        if syncing { return }
        syncing = true
        reloader.request()
        // A failure is kept by the device with its reason: the status below says it.
        _ = try? await device.sync()
        syncing = false
        listsStale = true
        await reloader.reload()
    }

    /// Loads the screen now and returns once it shows what the device holds.
    public func refresh() async {
        listsStale = true
        await reloader.reload()
    }

    private func reload() async {
        do {
            if case var .loaded(current) = state, !listsStale {
                try await withSyncStatus(&current)
                state = .loaded(current)
            } else {
                listsStale = false
                state = .loaded(try await load())
            }
        } catch {
            listsStale = true
            state = .failed(errorText(error))
        }
    }

    private func load() async throws -> TodayState {
        let today = clock.today
        let agenda = try await device.agenda(day: today)
        let visits = agenda.visits.map { item in
            let time = formatTime(at: item.visit.startedAt, utcOffsetMinutes: clock.offsetMinutes(at: item.visit.startedAt), lang: lang)
            return AgendaRow(id: item.visit.id, accountId: item.visit.accountId, title: item.accountName,
                             detail: "\(time) · \(channelLabel(channel: item.visit.channel, lang: lang))", overdue: false)
        }
        let followUps = agenda.followUps.map { followUpRow($0, lang: lang) }
        var next = TodayState(
            title: formatDayTitle(day: today, lang: lang),
            visitsTitle: say(message: .plannedVisits, lang: lang),
            visits: visits,
            followUpsTitle: say(message: .followUpsDue, lang: lang),
            followUps: followUps,
            emptyMessage: visits.isEmpty && followUps.isEmpty ? say(message: .nothingToday, lang: lang) : nil,
            sync: SyncWords(pending: "", lastSync: "", failed: false, syncing: false, action: "")
        )
        try await withSyncStatus(&next)
        return next
    }

    private func withSyncStatus(_ state: inout TodayState) async throws {
        state.sync = SyncWords.of(try await device.syncStatus(), syncing: syncing, clock: clock, lang: lang)
    }
}

/// A follow-up due: "Envoyer le devis · en retard depuis le 01/03/2026".
func followUpRow(_ item: AgendaFollowUp, lang: Lang) -> AgendaRow {
    let due = say(message: .due(day: item.followUp.dueOn, overdue: item.overdue), lang: lang)
    return AgendaRow(id: item.followUp.id, accountId: item.followUp.accountId, title: item.accountName,
                     detail: "\(item.followUp.action) · \(due)", overdue: item.overdue)
}
