package app.tournee.presentation

import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.SyncStatus
import app.tournee.core.say
import java.time.LocalDate
import java.time.ZoneId

/** Where the device stands with the server, in plain words. */
data class SyncWords(
    /** "Tout est synchronisé", "3 modifications à synchroniser". */
    val pending: String,
    /** "Synchronisé à 09:30", "Synchronisé le 01/03/2026 à 18:02", "Pas encore synchronisé". */
    val lastSync: String,
    /** Why the last sync failed, when it failed after the last success. */
    val error: String?,
)

/** [status] (kept by the device across restarts) said in [lang], with times in [zone] seen on [today]. */
fun syncWords(status: SyncStatus, lang: Lang, zone: ZoneId, today: LocalDate): SyncWords = SyncWords(
    pending = say(Message.PendingChanges(status.pendingChanges), lang),
    lastSync = status.lastSyncedAt?.let { at ->
        say(Message.LastSynced(at, zone.rules.getOffset(at).totalSeconds / 60, today), lang)
    } ?: say(Message.NotSyncedYet, lang),
    error = status.lastError?.let { say(Message.SyncFailed(it), lang) },
)
