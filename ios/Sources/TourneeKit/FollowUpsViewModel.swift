// Follow-ups and cadence: what is due (overdue marked, each can be marked done), the prospects due
// this week and those about to be dropped, against the 7-contact rule.
import Foundation
import Observation

/// A prospect and where it stands against the 7-contact rule: "3 contacts sur 7 · pour le 04/03/2026".
public struct ProspectRow: Equatable, Hashable, Sendable, Identifiable {
    public var id: String { accountId }
    public let accountId: String
    public let name: String
    public let detail: String
    public let atRisk: Bool
}

/// Everything the follow-ups screen draws.
public struct FollowUpsState: Equatable, Sendable {
    public var title: String
    public var dueTitle: String
    /// The follow-ups due by today, overdue ones marked; each can be marked done.
    public var due: [AgendaRow]
    public var thisWeekTitle: String
    public var thisWeek: [ProspectRow]
    public var atRiskTitle: String
    /// Prospects with few contacts, no next step, and nothing for a while: dropped unless someone calls.
    public var atRisk: [ProspectRow]
    /// Shown when there is nothing at all to follow up.
    public var emptyMessage: String?
    public var markDone: String
    /// Marking one done failed: why, in the device's language.
    public var banner: String? = nil
}

/// Follow-ups and cadence for this device's user on the clock's local day: the follow-ups due (from
/// the agenda), the prospects due this week and those about to be dropped (the core's cadence), every
/// word from the core in `lang`. Once started it reloads after a change of follow-ups, visits or accounts.
@MainActor
@Observable
public final class FollowUpsViewModel {
    public private(set) var state: Loadable<FollowUpsState> = .loading

    @ObservationIgnored private let device: Device
    @ObservationIgnored private let changes: DeviceChanges
    @ObservationIgnored private let lang: Lang
    @ObservationIgnored private let clock: ScreenClock
    @ObservationIgnored private var reloader: Reloader!

    public init(device: Device, changes: DeviceChanges, lang: Lang, clock: ScreenClock = ScreenClock()) {
        self.device = device
        self.changes = changes
        self.lang = lang
        self.clock = clock
        reloader = Reloader { [weak self] in await self?.reload() }
    }

    public func start() {
        reloader.follow(changes) { $0.touches([.followUps, .visits, .accounts]) }
    }

    public func stop() {
        reloader.stop()
    }

    /// Loads now and returns once the state shows what the device holds.
    public func refresh() async {
        await reloader.reload()
    }

    /// Marks a follow-up done now; the list then drops it. A failure shows in the banner.
    public func markDone(_ followUpId: String) async {
        do {
            _ = try await device.completeFollowUp(followUpId: followUpId)
            await reloader.reload()
        } catch {
            if case var .loaded(current) = state {
                current.banner = say(message: .notSaved(reason: errorText(error)), lang: lang)
                state = .loaded(current)
            } else {
                state = .failed(errorText(error))
            }
        }
    }

    private func reload() async {
        do {
            state = .loaded(try await load())
        } catch {
            state = .failed(errorText(error))
        }
    }

    private func load() async throws -> FollowUpsState {
        let today = clock.today
        let due = try await device.agenda(day: today).followUps.map { followUpRow($0, lang: lang) }
        let cadence = try await device.followUps(today: today)
        let thisWeek = cadence.dueThisWeek.map { prospectRow($0, today: today) }
        let atRisk = cadence.atRisk.map { prospectRow($0, today: today) }
        return FollowUpsState(
            title: say(message: .followUpsTitle, lang: lang),
            dueTitle: say(message: .followUpsDue, lang: lang),
            due: due,
            thisWeekTitle: say(message: .dueThisWeek, lang: lang),
            thisWeek: thisWeek,
            atRiskTitle: say(message: .atRisk, lang: lang),
            atRisk: atRisk,
            emptyMessage: due.isEmpty && thisWeek.isEmpty && atRisk.isEmpty ? say(message: .nothingToFollowUp, lang: lang) : nil,
            markDone: say(message: .markDone, lang: lang)
        )
    }

    private func prospectRow(_ prospect: ProspectCadence, today: LocalDate) -> ProspectRow {
        let contacts = say(message: .contactsMade(done: prospect.contacts, toTarget: prospect.contactsToTarget), lang: lang)
        let due = say(message: .due(day: prospect.nextDueOn, overdue: dayKey(prospect.nextDueOn) < dayKey(today)), lang: lang)
        return ProspectRow(accountId: prospect.account.accountId, name: prospect.account.name,
                           detail: "\(contacts) · \(due)", atRisk: prospect.atRisk)
    }
}
