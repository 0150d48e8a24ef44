// Sync and conflicts: what waits to be sent, the true conflicts with both values side by side to
// settle, a record deleted on one device and edited on another, and duplicate companies to merge.
import Foundation
import Observation

/// One value of a conflict, and whether every device shows it now.
public struct ConflictChoice: Equatable, Hashable, Sendable, Identifiable {
    public var id: String { value }
    public let value: String
    /// "affiché partout" on the value every device shows now; `nil` on the others.
    public let shownNow: String?
}

/// One true conflict, as the screen shows it.
public struct ConflictRow: Equatable, Hashable, Sendable, Identifiable {
    public var id: String { "\(conflict.docId)/\(conflict.recordId)/\(conflict.field)" }
    public let conflict: Conflict
    /// "Compte · Téléphone", and the account's name when it is one: "Boulangerie Martin".
    public let title: String
    public let recordName: String?
    /// For a delete against an edit, what happened: "Supprimé sur un appareil, modifié sur un autre".
    public let detail: String?
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
    /// "Garder Boulangerie Martin, fusionner l'autre": keep the first, or the second.
    public let keepFirst: String
    public let keepSecond: String
}

/// Everything the sync and conflicts screen draws.
public struct SyncConflictsState: Equatable, Sendable {
    public var title: String
    /// What waits to be sent and the last sync, as Today says them.
    public var sync: SyncWords
    /// "2 conflits à régler", "Aucun conflit à régler".
    public var conflictsTitle: String
    public var conflicts: [ConflictRow]
    public var keep: String
    public var restore: String
    public var confirmDelete: String
    /// "Une société en double possible", "Aucune société en double".
    public var duplicatesTitle: String
    public var duplicates: [DuplicateRow]
    /// What the last action did ("Conflit réglé", "Fusionné dans Boulangerie Martin"), or why it failed.
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
    @ObservationIgnored private let clock: ScreenClock
    @ObservationIgnored private var banner: String?
    @ObservationIgnored private var syncing = false
    @ObservationIgnored private var reloader: Reloader!

    public init(device: Device, changes: DeviceChanges, lang: Lang, clock: ScreenClock = ScreenClock()) {
        self.device = device
        self.changes = changes
        self.lang = lang
        self.clock = clock
        reloader = Reloader { [weak self] in await self?.reload() }
    }

    /// Loads now, then after every change (a sync may bring conflicts, an edit moves the outbox).
    public func start() {
        reloader.follow(changes) { _ in true }
    }

    public func stop() {
        reloader.stop()
    }

    public func refresh() async {
        await reloader.reload()
    }

    /// Sends and receives now; the status says when it ended or why it failed (kept by the device).
    public func sync() async {
        if syncing { return }
        syncing = true
        reloader.request()
        _ = try? await device.sync()
        syncing = false
        await reloader.reload()
    }

    /// Keeps `value` of a conflict on every device (once synced).
    public func keep(_ row: ConflictRow, value: String) async {
        await act(done: say(message: .conflictSettled, lang: lang)) {
            try await $0.resolveConflict(conflict: row.conflict, resolution: .keep(value))
        }
    }

    /// A record deleted while edited comes back, with the edits.
    public func restore(_ row: ConflictRow) async {
        await act(done: say(message: .conflictSettled, lang: lang)) {
            try await $0.resolveConflict(conflict: row.conflict, resolution: .restore)
        }
    }

    /// A record deleted while edited stays deleted.
    public func confirmDelete(_ row: ConflictRow) async {
        await act(done: say(message: .conflictSettled, lang: lang)) {
            try await $0.resolveConflict(conflict: row.conflict, resolution: .confirmDelete)
        }
    }

    /// Merges the duplicate `absorbed` into `kept` (its contacts, visits and follow-ups move there).
    public func merge(keeping kept: DuplicateRow, first: Bool) async {
        let (keptRow, absorbed) = first ? (kept.first, kept.second) : (kept.second, kept.first)
        await act(done: say(message: .merged(name: keptRow.name), lang: lang)) {
            _ = try await $0.mergeAccounts(kept: keptRow.id, absorbed: absorbed.id)
        }
    }

    private func act(done: String, _ action: (Device) async throws -> Void) async {
        do {
            try await action(device)
            banner = done
        } catch {
            banner = say(message: .notSaved(reason: errorText(error)), lang: lang)
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
                keepFirst: say(message: .keepAndMerge(name: pair.first.name), lang: lang),
                keepSecond: say(message: .keepAndMerge(name: pair.second.name), lang: lang))
        }
        return SyncConflictsState(
            title: say(message: .syncTitle, lang: lang),
            sync: SyncWords.of(try await device.syncStatus(), syncing: syncing, clock: clock, lang: lang),
            conflictsTitle: say(message: .conflictsToSettle(count: UInt64(rows.count)), lang: lang),
            conflicts: rows,
            keep: say(message: .keepThis, lang: lang),
            restore: say(message: .restore, lang: lang),
            confirmDelete: say(message: .confirmDelete, lang: lang),
            duplicatesTitle: say(message: .duplicatesTitle(count: UInt64(duplicates.count)), lang: lang),
            duplicates: duplicates,
            banner: banner)
    }

    /// The conflict, with the record's name when it is an account this device holds.
    private func conflictRow(_ conflict: Conflict) async -> ConflictRow {
        var name: String?
        if conflict.collection == .accounts {
            name = try? await device.accountDetail(accountId: conflict.recordId).account.name
        }
        let deleted = conflictIsDeletion(conflict: conflict)
        let shown = say(message: .shownEverywhere, lang: lang)
        return ConflictRow(
            conflict: conflict,
            title: say(message: .conflictOn(collection: conflict.collection, field: conflict.field), lang: lang),
            recordName: name,
            detail: deleted ? say(message: .deletedWhileEdited, lang: lang) : nil,
            choices: deleted ? [] : conflict.values.map { ConflictChoice(value: $0, shownNow: $0 == conflict.winner ? shown : nil) },
            deletedWhileEdited: deleted)
    }
}
