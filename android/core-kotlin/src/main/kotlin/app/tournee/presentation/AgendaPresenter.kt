package app.tournee.presentation

import app.tournee.core.Collection
import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.TourneeException
import app.tournee.core.channelLabel
import app.tournee.core.formatDayTitle
import app.tournee.core.formatTime
import app.tournee.core.say
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.launch
import java.time.Clock
import java.time.LocalDate
import java.time.ZoneId
import java.util.concurrent.atomic.AtomicBoolean

/** One line of the agenda screen. */
data class AgendaRow(val id: String, val title: String, val detail: String, val overdue: Boolean)

/** Everything the agenda screen draws. */
data class AgendaState(
    val title: String,
    val visitsTitle: String,
    val visits: List<AgendaRow>,
    val followUpsTitle: String,
    val followUps: List<AgendaRow>,
    /** Shown instead of the lists when both are empty. */
    val emptyMessage: String?,
    /** What waits in the outbox: "Tout est synchronisé", "3 modifications à synchroniser". */
    val syncStatus: String,
    /** The last sync: under way, when it ended, or why it failed. */
    val lastSync: String,
    val syncFailed: Boolean,
    val syncing: Boolean,
    /** The label of pull to sync's button. */
    val syncAction: String,
)

/** The sync this screen ran last, if any (the device keeps the outcome of every sync). */
private sealed class SyncRun {
    data object Never : SyncRun()
    data object Running : SyncRun()
    data object Done : SyncRun()
    data class Failed(val reason: String) : SyncRun()
}

/**
 * Today's agenda: planned visits (with their time in [zone] and channel) and the follow-ups due,
 * in [lang] (every word and format from the core), and the sync status in plain words.
 * Once [start]ed, [state] follows the device's [changes]: a change of visits, follow-ups or
 * accounts reloads the lists, any other change only the sync status. [sync] is pull to sync. Close
 * it when the screen goes away.
 */
class AgendaPresenter(
    private val device: Device,
    private val changes: DeviceChanges,
    private val lang: Lang,
    private val zone: ZoneId,
    private val scope: CoroutineScope,
    private val clock: Clock = Clock.system(zone),
) : AutoCloseable {
    private val mutableState = MutableStateFlow<AgendaState?>(null)
    private val listsStale = AtomicBoolean(true)
    @Volatile private var syncRun: SyncRun = SyncRun.Never
    private val reloads = Channel<Unit>(Channel.CONFLATED)
    private var loop: Job? = null
    private var listening: Job? = null

    /** The latest state; `null` until the first load. */
    val state: StateFlow<AgendaState?> = mutableState

    suspend fun load(today: LocalDate): AgendaState {
        val agenda = device.agenda(today)
        val visits = agenda.visits.map {
            val offsetMinutes = zone.rules.getOffset(it.visit.startedAt).totalSeconds / 60
            val at = formatTime(it.visit.startedAt, offsetMinutes, lang)
            AgendaRow(it.visit.id, it.accountName, "$at · ${channelLabel(it.visit.channel, lang)}", false)
        }
        val followUps = agenda.followUps.map {
            AgendaRow(
                it.followUp.id,
                it.accountName,
                "${it.followUp.action} · ${say(Message.Due(it.followUp.dueOn, it.overdue), lang)}",
                it.overdue,
            )
        }
        return withSyncStatus(
            AgendaState(
                title = formatDayTitle(today, lang),
                visitsTitle = say(Message.PlannedVisits, lang),
                visits = visits,
                followUpsTitle = say(Message.FollowUpsDue, lang),
                followUps = followUps,
                emptyMessage = if (visits.isEmpty() && followUps.isEmpty()) say(Message.NothingToday, lang) else null,
                syncStatus = "",
                lastSync = "",
                syncFailed = false,
                syncing = false,
                syncAction = say(Message.SyncNow, lang),
            ),
        )
    }

    /**
     * The sync status as the device keeps it (across restarts): what waits, the last sync that
     * succeeded, or why the last one failed since; a sync this screen runs shows while it runs.
     */
    private suspend fun withSyncStatus(state: AgendaState): AgendaState {
        val run = syncRun
        val words = syncWords(device.syncStatus(), lang, zone, LocalDate.now(clock))
        val (lastSync, failed) = when {
            run == SyncRun.Running -> say(Message.Syncing, lang) to false
            run is SyncRun.Failed -> say(Message.SyncFailed(run.reason), lang) to true
            words.error != null -> words.error to true
            else -> words.lastSync to false
        }
        return state.copy(
            syncStatus = words.pending,
            lastSync = lastSync,
            syncFailed = failed,
            syncing = run == SyncRun.Running,
        )
    }

    /**
     * Pull to sync: sends and receives now, unless a sync is under way. The state says it is
     * running, then when it ended or why it failed (in the device's language).
     */
    fun sync() {
        if (syncRun == SyncRun.Running) return
        syncRun = SyncRun.Running
        reloads.trySend(Unit)
        scope.launch {
            syncRun = try {
                device.sync()
                SyncRun.Done
            } catch (e: TourneeException) {
                SyncRun.Failed(e.text())
            }
            reloads.trySend(Unit)
        }
    }

    /** Loads the state now, then after every change, one reload at a time (the latest wins). */
    fun start(today: () -> LocalDate) {
        // Undispatched: listening before the first load, so no change falls between the two.
        listening = scope.launch(start = CoroutineStart.UNDISPATCHED) {
            changes.all.collect { change ->
                if (change.collections.any { it in SHOWN }) listsStale.set(true)
                reloads.trySend(Unit)
            }
        }
        reloads.trySend(Unit)
        loop = scope.launch {
            for (reload in reloads) {
                val current = mutableState.value
                mutableState.value = if (current == null || listsStale.getAndSet(false)) {
                    load(today())
                } else {
                    withSyncStatus(current)
                }
            }
        }
    }

    override fun close() {
        listening?.cancel()
        loop?.cancel()
    }

    private companion object {
        /** What the agenda shows: visits, follow-ups, and the names of their accounts. */
        val SHOWN = setOf(Collection.VISITS, Collection.FOLLOW_UPS, Collection.ACCOUNTS)
    }
}
