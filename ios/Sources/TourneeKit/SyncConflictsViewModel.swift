// Sync and conflicts: what waits to be sent, the true conflicts with both values side by side to
// settle, a record deleted on one device and edited on another, and duplicate companies to merge.
import Foundation
import Observation

/// One value of a conflict, and whether every device shows it now.
public struct ConflictChoice: Equatable, Hashable, Sendable, Identifiable {
    public var id: String { value }
    public let value: String
    public let shownNow: Bool
}

/// One true conflict, as the screen shows it.
public struct ConflictRow: Equatable, Hashable, Sendable, Identifiable {
    public var id: String { "\(conflict.docId)/\(conflict.recordId)/\(conflict.field)" }
    public let conflict: Conflict
    /// "Téléphone · Boulangerie Martin"; for a delete against an edit, what happened.
    public let title: String
    /// Both (or all) values side by side; empty for a delete against an edit.
    public let choices: [ConflictChoice]
    /// A record deleted on one device and edited on another: restore it, or confirm the delete.
    public let deletedWhileEdited: Bool
}

/// Two accounts that look like one company, and the merge of one into the other.
public struct DuplicateRow: Equatable, Hashable, Sendable, Identifiable {
    public var id: String { "\(first.id)/\(second.id)" }
    public let first: AccountRow
    public let second: AccountRow
    /// "même nom et même code postal".
    public let reasons: String
    /// "Fusionner dans Boulangerie Martin": keep the first, or the second.
    public let keepFirst: String
    public let keepSecond: String
}

/// Everything the sync and conflicts screen draws.
public struct SyncConflictsState: Equatable, Sendable {
    public var title: String
    /// "3 modifications à synchroniser".
    public var syncStatus: String
    public var syncAction: String
    public var conflicts: [ConflictRow]
    /// Shown instead of the conflicts when there is none.
    public var noConflict: String?
    public var keep: String
    public var restore: String
    public var confirmDelete: String
    public var duplicatesTitle: String
    public var duplicates: [DuplicateRow]
    public var noDuplicate: String?
    /// The last sync's or settlement's failure, in the device's language.
    public var banner: String? = nil
}

/// The conflicts and duplicates this device holds, settled here and sent with the next sync.
@MainActor
@Observable
public final class SyncConflictsViewModel {
    public private(set) var state: Loadable<SyncConflictsState> = .loading

    @ObservationIgnored private let device: Device
    @ObservationIgnored private let changes: DeviceChanges
    @ObservationIgnored private let lang: Lang
    @ObservationIgnored private var banner: String?
    @ObservationIgnored private var listening: Task<Void, Never>?
    @ObservationIgnored private var reloader: Reloader!

    public init(device: Device, changes: DeviceChanges, lang: Lang) {
        self.device = device
        self.changes = changes
        self.lang = lang
        reloader = Reloader { [weak self] in await self?.reload() }
    }

    /// Loads now, then after every change (a sync may bring conflicts, an edit moves the outbox).
    public func start() {
        guard listening == nil else { return }
        let stream = changes.stream()
        listening = Task { [weak self] in
            for await _ in stream { self?.reloader.request() }
        }
        reloader.request()
    }

    public func stop() {
        listening?.cancel()
        listening = nil
    }

    public func refresh() async {
        await reloader.reload()
    }

    /// Sends and receives now; a failure shows in the banner.
    public func sync() async {
        await act { _ = try await $0.sync() }
    }

    /// Keeps `value` of a conflict on every device (once synced).
    public func keep(_ row: ConflictRow, value: String) async {
        await act { try await $0.resolveConflict(conflict: row.conflict, resolution: .keep(value)) }
    }

    /// A record deleted while edited comes back, with the edits.
    public func restore(_ row: ConflictRow) async {
        await act { try await $0.resolveConflict(conflict: row.conflict, resolution: .restore) }
    }

    /// A record deleted while edited stays deleted.
    public func confirmDelete(_ row: ConflictRow) async {
        await act { try await $0.resolveConflict(conflict: row.conflict, resolution: .confirmDelete) }
    }

    /// Merges the duplicate `absorbed` into `kept` (its contacts, visits and follow-ups move there).
    public func merge(keeping kept: String, absorbing absorbed: String) async {
        await act { _ = try await $0.mergeAccounts(kept: kept, absorbed: absorbed) }
    }

    private func act(_ action: (Device) async throws -> Void) async {
        do {
            try await action(device)
            banner = nil
        } catch {
            banner = errorText(error)
        }
        await reloader.reload()
    }

    private func reload() async {
        do {
            state = .loaded(try await load())
        } catch {
            state = .failed(errorText(error))
        }
    }

    private func load() async throws -> SyncConflictsState {
        var rows: [ConflictRow] = []
        for conflict in try await device.conflicts() {
            rows.append(await conflictRow(conflict))
        }
        let duplicates = try await device.duplicateCandidates().map { pair in
            DuplicateRow(
                first: AccountRow(pair.first, lang: lang), second: AccountRow(pair.second, lang: lang),
                reasons: pair.reasons.map { duplicateReasonLabel(reason: $0, lang: lang) }.joined(separator: " · "),
                keepFirst: say(message: .mergeInto(name: pair.first.name), lang: lang),
                keepSecond: say(message: .mergeInto(name: pair.second.name), lang: lang))
        }
        return SyncConflictsState(
            title: say(message: .conflictsTitle, lang: lang),
            syncStatus: say(message: .pendingChanges(count: try await device.outboxCount()), lang: lang),
            syncAction: say(message: .syncNow, lang: lang),
            conflicts: rows,
            noConflict: rows.isEmpty ? say(message: .noConflict, lang: lang) : nil,
            keep: say(message: .keepThis, lang: lang),
            restore: say(message: .restore, lang: lang),
            confirmDelete: say(message: .confirmDelete, lang: lang),
            duplicatesTitle: say(message: .duplicatesTitle, lang: lang),
            duplicates: duplicates,
            noDuplicate: duplicates.isEmpty ? say(message: .noDuplicate, lang: lang) : nil,
            banner: banner)
    }

    /// The conflict with the record's name when it is an account this device holds.
    private func conflictRow(_ conflict: Conflict) async -> ConflictRow {
        let record = collectionLabel(collection: conflict.collection, lang: lang)
        var name: String?
        if conflict.collection == .accounts {
            name = try? await device.accountDetail(accountId: conflict.recordId).account.name
        }
        if conflict.field == "deleted" {
            let what = [record, name].compactMap { $0 }.joined(separator: " · ")
            return ConflictRow(conflict: conflict, title: say(message: .deletedWhileEdited(record: what), lang: lang),
                               choices: [], deletedWhileEdited: true)
        }
        let title = [conflictFieldLabel(field: conflict.field, lang: lang), name ?? record].joined(separator: " · ")
        return ConflictRow(conflict: conflict, title: title,
                           choices: conflict.values.map { ConflictChoice(value: $0, shownNow: $0 == conflict.winner) },
                           deletedWhileEdited: false)
    }
}
