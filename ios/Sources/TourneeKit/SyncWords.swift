// The sync status in plain words, as Today and the sync screen say it: what waits to be sent,
// and the last sync (under way, when it ended, or why it failed), kept by the device across restarts.
import Foundation

/// The sync status as a screen shows it.
public struct SyncWords: Equatable, Sendable {
    /// "Tout est synchronisé", "3 modifications à synchroniser".
    public var pending: String
    /// "Synchronisation…", "Synchronisé à 09:30", "Échec de la synchronisation : …", "Pas encore synchronisé".
    public var lastSync: String
    public var failed: Bool
    public var syncing: Bool
    /// The label of the action that syncs now (pull to sync's button).
    public var action: String

    /// The device's kept status, worded on the clock's local day; `syncing` when a sync runs now.
    static func of(_ status: SyncStatus, syncing: Bool, clock: ScreenClock, lang: Lang) -> SyncWords {
        let message: Message
        var failed = false
        if syncing {
            message = .syncing
        } else if status.lastFailedAt != nil, let reason = status.lastError {
            message = .syncFailed(reason: reason)
            failed = true
        } else if let at = status.lastSyncedAt {
            message = .lastSynced(at: at, utcOffsetMinutes: clock.offsetMinutes(at: at), today: clock.today)
        } else {
            message = .notSyncedYet
        }
        return SyncWords(pending: say(message: .pendingChanges(count: status.pendingChanges), lang: lang),
                         lastSync: say(message: message, lang: lang), failed: failed, syncing: syncing,
                         action: say(message: .syncNow, lang: lang))
    }
}
