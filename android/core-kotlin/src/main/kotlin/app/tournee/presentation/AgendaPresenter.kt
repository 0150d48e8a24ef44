package app.tournee.presentation

import app.tournee.core.ChangeListener
import app.tournee.core.ChangeOrigin
import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.core.channelLabel
import java.time.LocalDate
import java.time.ZoneId
import java.time.format.DateTimeFormatter

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
 * Today's agenda: planned visits (with their time in [zone] and channel) and the follow-ups due,
 * reloaded whenever the device's data changes. Close it when the screen goes away.
 */
class AgendaPresenter(private val device: Device, lang: Lang, private val zone: ZoneId) : AutoCloseable {
    private val strings = Strings(lang)
    private val time = DateTimeFormatter.ofPattern("HH:mm")

    fun load(today: LocalDate): AgendaState {
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
            syncStatus = strings.pendingChanges(device.outboxCount()),
        )
    }

    /** Pushes the state now and after every change (local write or sync), on the changing thread. */
    fun observe(today: () -> LocalDate, onState: (AgendaState) -> Unit) {
        device.setChangeListener(object : ChangeListener {
            override fun onChange(revision: ULong, origin: ChangeOrigin) = onState(load(today()))
        })
        onState(load(today()))
    }

    override fun close() = device.clearChangeListener()
}
