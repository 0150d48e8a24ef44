package app.tournee.presentation

import app.tournee.core.AccountMatch
import app.tournee.core.Collection
import app.tournee.core.Conflict
import app.tournee.core.ConflictResolution
import app.tournee.core.Device
import app.tournee.core.DuplicateCandidate
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.TourneeException
import app.tournee.core.conflictIsDeletion
import app.tournee.core.duplicateReasonLabel
import app.tournee.core.say
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.update
import java.time.LocalDate
import java.time.ZoneId

/** One way to settle a conflict. */
data class ConflictOption(
    /** The value as it was typed on one device, or the choice for a record deleted while edited. */
    val value: String,
    /** "affichée" for the value every device shows now; `null` otherwise. */
    val note: String?,
    /** The button: "Garder celle-ci", "Le supprimer"… */
    val action: String,
    val resolution: ConflictResolution,
)

/** A true conflict: what it is on, and its values side by side. */
data class ConflictCard(
    val key: String,
    /** "Boulangerie Martin", or the record's kind when it is not an account's. */
    val title: String,
    /** "compte · Ville", or "Supprimé sur un appareil, modifié sur un autre". */
    val detail: String,
    val options: List<ConflictOption>,
)

/** Two accounts that look like one company, and the merge that keeps one of them. */
data class DuplicateCard(
    val key: String,
    val first: AccountRow,
    val second: AccountRow,
    /** "même nom et code postal". */
    val reasons: String,
    val keepFirst: String,
    val keepSecond: String,
)

/** Everything the sync and conflicts screen draws. */
data class SyncScreenState(
    val title: String,
    val status: SyncWords,
    val syncing: Boolean,
    val syncAction: String,
    /** "2 conflits à régler", "Aucun conflit à régler". */
    val conflictsTitle: String,
    val conflicts: List<ConflictCard>,
    val duplicatesTitle: String,
    val duplicates: List<DuplicateCard>,
    /** What was just done ("Conflit réglé"), or why it failed. */
    val banner: String? = null,
)

/**
 * Sync and conflicts: the device's sync status, the conflicts two devices made (both values side
 * by side, one kept), records deleted on one device and edited on another, and duplicate companies
 * merged into the one kept. Every word in [lang] from the core; times in [zone].
 */
class SyncPresenter(private val device: Device, private val lang: Lang, private val zone: ZoneId) {
    private val mutableState = MutableStateFlow<SyncScreenState?>(null)
    private var conflicts: Map<String, Conflict> = emptyMap()

    /** `null` until the first [load]. */
    val state: StateFlow<SyncScreenState?> = mutableState

    /** Loads the screen as it stands on local day [today]; keeps the banner given. */
    suspend fun load(today: LocalDate, banner: String? = null): SyncScreenState {
        val found = device.conflicts()
        conflicts = found.associateBy(::keyOf)
        val duplicates = device.duplicateCandidates()
        val state = SyncScreenState(
            title = say(Message.SyncTitle, lang),
            status = syncWords(device.syncStatus(), lang, zone, today),
            syncing = false,
            syncAction = say(Message.SyncNow, lang),
            conflictsTitle = say(Message.ConflictsToSettle(found.size.toULong()), lang),
            conflicts = found.map { card(it) },
            duplicatesTitle = say(Message.DuplicatesTitle(duplicates.size.toULong()), lang),
            duplicates = duplicates.map(::duplicateCard),
            banner = banner,
        )
        mutableState.value = state
        return state
    }

    /** Sends and receives now, then shows what arrived (new conflicts included) or why it failed. */
    suspend fun sync(today: LocalDate): SyncScreenState {
        mutableState.update { it?.copy(syncing = true, banner = null) }
        val banner = try {
            device.sync()
            null
        } catch (e: TourneeException) {
            e.text()
        }
        return load(today, banner)
    }

    /** Settles the conflict [key] with [option] (one of its card's options). */
    suspend fun settle(key: String, option: ConflictOption, today: LocalDate): SyncScreenState {
        val conflict = conflicts[key] ?: return load(today)
        val banner = try {
            device.resolveConflict(conflict, option.resolution)
            say(Message.ConflictSettled, lang)
        } catch (e: TourneeException) {
            say(Message.NotSaved(e.text()), lang)
        }
        return load(today, banner)
    }

    /** Merges duplicate [absorbed] into [kept]. */
    suspend fun merge(kept: AccountRow, absorbed: AccountRow, today: LocalDate): SyncScreenState {
        val banner = try {
            device.mergeAccounts(kept.id, absorbed.id)
            say(Message.Merged(kept.name), lang)
        } catch (e: TourneeException) {
            say(Message.NotSaved(e.text()), lang)
        }
        return load(today, banner)
    }

    private suspend fun card(conflict: Conflict): ConflictCard {
        // An account's records live in its document: the document names the account.
        val account = try {
            (device.findAccount(conflict.docId) as? AccountMatch.Found)?.account?.takeIf { it.id == conflict.docId }
        } catch (e: TourneeException) {
            null
        }
        val title = account?.name ?: app.tournee.core.collectionLabel(conflict.collection, lang)
        if (conflictIsDeletion(conflict)) {
            return ConflictCard(
                keyOf(conflict),
                title,
                say(Message.DeletedWhileEdited, lang),
                listOf(
                    ConflictOption(say(Message.Restore, lang), null, say(Message.Restore, lang), ConflictResolution.Restore),
                    ConflictOption(say(Message.ConfirmDelete, lang), null, say(Message.ConfirmDelete, lang), ConflictResolution.ConfirmDelete),
                ),
            )
        }
        return ConflictCard(
            keyOf(conflict),
            title,
            say(Message.ConflictOn(conflict.collection, conflict.field), lang),
            conflict.values.distinct().map { value ->
                ConflictOption(
                    value = value.ifEmpty { say(Message.NoValue, lang) },
                    note = if (value == conflict.winner) say(Message.ShownEverywhere, lang) else null,
                    action = say(Message.KeepThis, lang),
                    resolution = ConflictResolution.Keep(value),
                )
            },
        )
    }

    private fun duplicateCard(candidate: DuplicateCandidate) = DuplicateCard(
        key = "${candidate.first.id}/${candidate.second.id}",
        first = accountRow(candidate.first, lang),
        second = accountRow(candidate.second, lang),
        reasons = candidate.reasons.joinToString(" · ") { duplicateReasonLabel(it, lang) },
        keepFirst = say(Message.KeepAndMerge(candidate.first.name), lang),
        keepSecond = say(Message.KeepAndMerge(candidate.second.name), lang),
    )

    private companion object {
        fun keyOf(c: Conflict) = "${c.docId}/${c.collection}/${c.recordId}/${c.field}"
    }
}
