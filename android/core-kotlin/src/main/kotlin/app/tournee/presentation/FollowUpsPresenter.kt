package app.tournee.presentation

import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.ProspectCadence
import app.tournee.core.say
import java.time.LocalDate

/** A prospect and where it stands against the 7-contact rule: "3 contacts sur 7 · pour le 04/03/2026". */
data class ProspectRow(val accountId: String, val name: String, val detail: String, val atRisk: Boolean)

/** Everything the follow-ups screen draws. */
data class FollowUpsState(
    val title: String,
    val dueTitle: String,
    /** The follow-ups due by today, overdue ones marked; each can be marked done. */
    val due: List<AgendaRow>,
    val thisWeekTitle: String,
    val thisWeek: List<ProspectRow>,
    val atRiskTitle: String,
    /** Prospects with few contacts, no next step, and nothing for a month: dropped unless someone calls. */
    val atRisk: List<ProspectRow>,
    /** Shown when there is nothing at all to follow up. */
    val emptyMessage: String?,
    val markDone: String,
)

/**
 * Follow-ups and cadence for this device's user on local day `today`: the follow-ups due (from the
 * agenda), the prospects due this week and those about to be dropped (the core's cadence), every
 * word from the core in [lang].
 */
class FollowUpsPresenter(private val device: Device, private val lang: Lang) {

    suspend fun load(today: LocalDate): FollowUpsState {
        val due = device.agenda(today).followUps.map {
            val status = say(Message.Due(it.followUp.dueOn, it.overdue), lang)
            AgendaRow(it.followUp.id, it.accountName, "${it.followUp.action} · $status", it.overdue)
        }
        val cadence = device.followUps(today)
        val thisWeek = cadence.dueThisWeek.map { prospectRow(it, today) }
        val atRisk = cadence.atRisk.map { prospectRow(it, today) }
        return FollowUpsState(
            title = say(Message.FollowUpsTitle, lang),
            dueTitle = say(Message.FollowUpsDue, lang),
            due = due,
            thisWeekTitle = say(Message.DueThisWeek, lang),
            thisWeek = thisWeek,
            atRiskTitle = say(Message.AtRisk, lang),
            atRisk = atRisk,
            emptyMessage = if (due.isEmpty() && thisWeek.isEmpty() && atRisk.isEmpty()) say(Message.NothingToFollowUp, lang) else null,
            markDone = say(Message.MarkDone, lang),
        )
    }

    /** Marks a follow-up done now, and the screen as it then stands. */
    suspend fun markDone(followUpId: String, today: LocalDate): FollowUpsState {
        device.completeFollowUp(followUpId)
        return load(today)
    }

    private fun prospectRow(p: ProspectCadence, today: LocalDate): ProspectRow {
        val contacts = say(Message.ContactsMade(p.contacts, p.contactsToTarget), lang)
        val due = say(Message.Due(p.nextDueOn, p.nextDueOn < today), lang)
        return ProspectRow(p.account.accountId, p.account.name, "$contacts · $due", p.atRisk)
    }
}
