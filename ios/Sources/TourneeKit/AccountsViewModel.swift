// Accounts: search as you type over the core's full-text search, filters (kind, ABC class, dormant,
// mine or the team's), and the list follows edits and syncs.
import Foundation
import Observation

/// The filters the list offers, each with its label: "Tous", "Les miens", "Dormants", "Classe A".
public struct AccountFilters: Equatable, Sendable {
    /// What is chosen now.
    public var kind: AccountKind?
    public var abcClass: AbcClass?
    public var dormantOnly: Bool
    public var mineOnly: Bool
    /// "Tous" (no kind, no class), then each choice.
    public var all: String
    public var kinds: [Choice<AccountKind>]
    public var abcClasses: [Choice<AbcClass>]
    public var dormant: String
    public var mine: String
}

/// Everything the accounts list draws.
public struct AccountsState: Equatable, Sendable {
    public var query: String
    public var filters: AccountFilters
    /// The search field's placeholder.
    public var searchHint: String
    public var rows: [AccountRow]
    /// Shown instead of the list when the search found nothing, or why it failed.
    public var emptyMessage: String?
    /// The search failed (the message is `emptyMessage`).
    public var failed: Bool
}

/// The accounts list with search as you type (every account by name when nothing is typed) and
/// the core's filters, seen on the clock's local day (which says who is dormant). Each keystroke or
/// filter searches again and only the search of what the screen shows now may set the list, so a
/// slow older search never overwrites a newer one; a change of accounts searches again too.
@MainActor
@Observable
public final class AccountsViewModel {
    /// `nil` until the first search ended.
    public private(set) var state: AccountsState?

    @ObservationIgnored private let device: Device
    @ObservationIgnored private let changes: DeviceChanges
    @ObservationIgnored private let lang: Lang
    @ObservationIgnored private let clock: ScreenClock
    @ObservationIgnored private var filter = AccountFilter(text: "", kind: nil, abcClass: nil, dormantOnly: false, mineOnly: false)
    @ObservationIgnored private var searching: Task<Void, Never>?
    @ObservationIgnored private var listening: Task<Void, Never>?

    /// More than a phone shows; a rep types more letters rather than scrolls.
    static let limit: UInt32 = 50

    public init(device: Device, changes: DeviceChanges, lang: Lang, clock: ScreenClock = ScreenClock()) {
        self.device = device
        self.changes = changes
        self.lang = lang
        self.clock = clock
    }

    public func start() {
        guard listening == nil else { return }
        let stream = changes.stream()
        listening = Task { [weak self] in
            for await change in stream where change.touches([.accounts]) {
                guard let self else { return }
                self.searchAgain()
            }
        }
        searchAgain()
    }

    public func stop() {
        listening?.cancel()
        listening = nil
        searching?.cancel()
    }

    /// The field changed: the list follows (the query shows at once, the rows when found).
    public func onQueryChanged(_ text: String) {
        filter.text = text
        if var current = state {
            current.query = text
            state = current
        }
        searchAgain()
    }

    /// "Tous": no kind and no ABC class.
    public func showAll() { refilter { $0.kind = nil; $0.abcClass = nil } }
    public func onKind(_ kind: AccountKind?) { refilter { $0.kind = kind } }
    public func onAbcClass(_ abcClass: AbcClass?) { refilter { $0.abcClass = abcClass } }
    public func onDormantOnly(_ dormant: Bool) { refilter { $0.dormantOnly = dormant } }
    public func onMineOnly(_ mine: Bool) { refilter { $0.mineOnly = mine } }

    private func refilter(_ change: (inout AccountFilter) -> Void) {
        change(&filter)
        if var current = state {
            current.filters = filters(filter)
            state = current
        }
        searchAgain()
    }

    /// Returns once the list matches what the field shows.
    public func settled() async {
        await searching?.value
    }

    private func searchAgain() {
        searching?.cancel()
        let filter = self.filter
        searching = Task { [weak self] in
            guard let self else { return }
            let found = await self.search(filter)
            // Only the search of what the screen shows now may set the list.
            guard !Task.isCancelled, filter == self.filter else { return }
            self.state = found
        }
    }

    /// The list `filter` lets through, as the screen shows it.
    private func search(_ filter: AccountFilter) async -> AccountsState {
        let hint = say(message: .searchAccounts, lang: lang)
        do {
            let rows = try await device.listAccounts(filter: filter, today: clock.today, limit: Self.limit)
                .map { AccountRow($0, lang: lang) }
            let trimmed = filter.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let empty = rows.isEmpty && !trimmed.isEmpty ? say(message: .noAccountFound(text: trimmed), lang: lang) : nil
            return AccountsState(query: filter.text, filters: filters(filter), searchHint: hint, rows: rows,
                                 emptyMessage: empty, failed: false)
        } catch {
            return AccountsState(query: filter.text, filters: filters(filter), searchHint: hint, rows: [],
                                 emptyMessage: errorText(error), failed: true)
        }
    }

    private func filters(_ filter: AccountFilter) -> AccountFilters {
        AccountFilters(
            kind: filter.kind, abcClass: filter.abcClass, dormantOnly: filter.dormantOnly, mineOnly: filter.mineOnly,
            all: say(message: .filterAll, lang: lang),
            kinds: AccountKind.all.map { Choice(value: $0, label: accountKindLabel(kind: $0, lang: lang)) },
            abcClasses: [AbcClass.a, .b, .c].map { Choice(value: $0, label: say(message: .filterAbcClass(class: $0), lang: lang)) },
            dormant: say(message: .filterDormant, lang: lang),
            mine: say(message: .filterMine, lang: lang))
    }
}
