// Accounts: search as you type over the core's full-text search, and the list follows edits and syncs.
import Foundation
import Observation

/// Everything the accounts list draws.
public struct AccountsState: Equatable, Sendable {
    public var query: String
    /// The search field's placeholder.
    public var searchHint: String
    public var rows: [AccountRow]
    /// Shown instead of the list when the search found nothing, or why it failed.
    public var emptyMessage: String?
    /// The search failed (the message is `emptyMessage`).
    public var failed: Bool
}

/// The accounts list with search as you type (every account by name when nothing is typed). Each
/// keystroke searches again and only the search of what the field shows now may set the list, so a
/// slow older search never overwrites a newer one; a change of accounts searches again too.
///
/// Filters (kind, ABC class, dormant, mine / team) wait for the core's account filters: the list
/// shows every account the search finds.
@MainActor
@Observable
public final class AccountsViewModel {
    /// `nil` until the first search ended.
    public private(set) var state: AccountsState?

    @ObservationIgnored private let device: Device
    @ObservationIgnored private let changes: DeviceChanges
    @ObservationIgnored private let lang: Lang
    @ObservationIgnored private var query = ""
    @ObservationIgnored private var searching: Task<Void, Never>?
    @ObservationIgnored private var listening: Task<Void, Never>?

    /// More than a phone shows; a rep types more letters rather than scrolls.
    static let limit: UInt32 = 50

    public init(device: Device, changes: DeviceChanges, lang: Lang) {
        self.device = device
        self.changes = changes
        self.lang = lang
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
        query = text
        if var current = state {
            current.query = text
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
        let text = query
        searching = Task { [weak self] in
            guard let self else { return }
            let found = await self.search(text)
            // Only the search of what the field shows now may set the list.
            guard !Task.isCancelled, text == self.query else { return }
            self.state = found
        }
    }

    /// The list for `text`, as the screen shows it.
    public func search(_ text: String) async -> AccountsState {
        let hint = say(message: .searchAccounts, lang: lang)
        do {
            let rows = try await device.searchAccounts(text: text, limit: Self.limit).map { AccountRow($0, lang: lang) }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let empty = rows.isEmpty && !trimmed.isEmpty ? say(message: .noAccountFound(text: trimmed), lang: lang) : nil
            return AccountsState(query: text, searchHint: hint, rows: rows, emptyMessage: empty, failed: false)
        } catch {
            return AccountsState(query: text, searchHint: hint, rows: [], emptyMessage: errorText(error), failed: true)
        }
    }
}
