package app.tournee.presentation

import app.tournee.core.Change
import app.tournee.core.ChangeListener
import app.tournee.core.Collection
import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.core.channelLabel
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.launch
import java.time.LocalDate
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.util.concurrent.atomic.AtomicBoolean

/** One line of the agenda screen. */
data class AgendaRow(val id: String, val title: String, val detail: String, val overdue: Boolean)

/** Everything the agenda screen draws. */
data class AgendaState(
    val title: String,
    val visits: List<AgendaRow>,
    val followUps: List<AgendaRow>,
    /** Shown instead of the lists when both are empty. */
    val emptyMessage: String?,
    val syncStatus: String,
)

/**
 * Today's agenda: planned visits (with their time in [zone] and channel) and the follow-ups due.
 * Once [start]ed, [state] follows the device: a change of visits, follow-ups or accounts reloads
 * the lists, any other change only the sync status. Close it when the screen goes away.
 */
class AgendaPresenter(
    private val device: Device,
    lang: Lang,
    private val zone: ZoneId,
    private val scope: CoroutineScope,
) : AutoCloseable {
    private val strings = Strings(lang)
    private val time = DateTimeFormatter.ofPattern("HH:mm")
    private val mutableState = MutableStateFlow<AgendaState?>(null)
    private val listsStale = AtomicBoolean(true)
    private val reloads = Channel<Unit>(Channel.CONFLATED)
    private var loop: Job? = null

    /** The latest state; `null` until the first load. */
    val state: StateFlow<AgendaState?> = mutableState

    suspend fun load(today: LocalDate): AgendaState {
        val agenda = device.agenda(today)
        val visits = agenda.visits.map {
            val at = it.visit.startedAt.atZone(zone).format(time)
            AgendaRow(it.visit.id, it.accountName, "$at · ${channelLabel(it.visit.channel, strings.lang)}", false)
        }
        val followUps = agenda.followUps.map {
            AgendaRow(
                it.followUp.id,
                it.accountName,
                "${it.followUp.action} · ${strings.due(it.followUp.dueOn, it.overdue)}",
                it.overdue,
            )
        }
        return AgendaState(
            title = strings.agendaTitle(today),
            visits = visits,
            followUps = followUps,
            emptyMessage = if (visits.isEmpty() && followUps.isEmpty()) strings.nothingToday else null,
            syncStatus = syncStatus(),
        )
    }

    private suspend fun syncStatus() = strings.pendingChanges(device.outboxCount())

    /** Loads the state now, then after every change, one reload at a time (the latest wins). */
    fun start(today: () -> LocalDate) {
        device.setChangeListener(object : ChangeListener {
            override fun onChange(change: Change) {
                if (change.collections.any { it in SHOWN }) listsStale.set(true)
                reloads.trySend(Unit)
            }
        })
        reloads.trySend(Unit)
        loop = scope.launch {
            for (reload in reloads) {
                val current = mutableState.value
                mutableState.value = if (current == null || listsStale.getAndSet(false)) {
                    load(today())
                } else {
                    current.copy(syncStatus = syncStatus())
                }
            }
        }
    }

    override fun close() {
        device.clearChangeListener()
        loop?.cancel()
    }

    private companion object {
        /** What the agenda shows: visits, follow-ups, and the names of their accounts. */
        val SHOWN = setOf(Collection.VISITS, Collection.FOLLOW_UPS, Collection.ACCOUNTS)
    }
}
