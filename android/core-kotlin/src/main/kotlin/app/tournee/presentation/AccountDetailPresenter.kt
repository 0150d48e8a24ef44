package app.tournee.presentation

import app.tournee.core.Contact
import app.tournee.core.Device
import app.tournee.core.Field
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.TimelineItem
import app.tournee.core.VisitReport
import app.tournee.core.VisitStatus
import app.tournee.core.accountKindLabel
import app.tournee.core.channelLabel
import app.tournee.core.fieldLabel
import app.tournee.core.formatDate
import app.tournee.core.formatMoney
import app.tournee.core.needHorizonLabel
import app.tournee.core.outcomeLabel
import app.tournee.core.say
import app.tournee.core.visitStatusLabel
import java.time.LocalDate
import java.time.ZoneId
import java.time.ZoneOffset

/** A labelled value of the account: "Ville" and "Nantes". */
data class FieldRow(val label: String, val value: String)

/** A person at the account, with what the platform can call or mail. */
data class ContactRow(val id: String, val name: String, val detail: String, val phone: String?, val email: String?)

/** One entry of the account's history: a visit, or a follow-up. */
data class TimelineRow(val id: String, val title: String, val detail: String, val overdue: Boolean)

/** Everything the account detail draws. */
data class AccountDetailState(
    val id: String,
    val name: String,
    /** Its kind and need: "prospect · besoin à court terme". */
    val kind: String,
    val fields: List<FieldRow>,
    val contactsTitle: String,
    val contacts: List<ContactRow>,
    val timelineTitle: String,
    /** Newest first. */
    val timeline: List<TimelineRow>,
    /** Shown instead of the timeline when nothing was logged. */
    val emptyTimeline: String?,
    /** "Peut-être la même entreprise que …" when the core suspects a duplicate. */
    val duplicateBanner: String? = null,
    val opportunitiesTitle: String = "",
    /** Its deals: "Four à sole · en négociation", then amount and close. */
    val opportunities: List<TimelineRow> = emptyList(),
    /** The actions: "Modifier", "Appeler", "Écrire". */
    val edit: String = "",
    val call: String = "",
    val mail: String = "",
)

/**
 * An account's detail: its filled fields, contacts and history of visits and follow-ups, with
 * every label, date and amount in [lang] from the core; visit days in [zone].
 */
class AccountDetailPresenter(private val device: Device, private val lang: Lang, private val zone: ZoneId) {

    /** The account as it stands, seen on local day [today] (which marks overdue follow-ups). */
    suspend fun load(accountId: String, today: LocalDate): AccountDetailState {
        val detail = device.accountDetail(accountId)
        val account = detail.account
        val fields = listOf(
            Field.ADDRESS to account.address,
            Field.POSTCODE to account.postcode,
            Field.CITY to account.city,
            Field.PHONE to account.phone,
            Field.WEBSITE to account.website,
            Field.SEGMENT to account.segment,
            Field.TERRITORY to account.territory,
            Field.POTENTIAL_CENTS to account.potentialCents?.let { formatMoney(it, lang) },
            Field.NOTES to account.notes.ifBlank { null },
        ).mapNotNull { (field, value) -> value?.let { FieldRow(fieldLabel(field, lang), it) } }
        val timeline = detail.timeline.map {
            when (it) {
                is TimelineItem.Visit -> visitRow(it.v1)
                is TimelineItem.FollowUp -> it.v1.let { f ->
                    val overdue = !f.done && f.dueOn < today
                    val doneOn = f.doneAt?.atOffset(ZoneOffset.UTC)?.atZoneSameInstant(zone)?.toLocalDate()
                    val status = if (f.done && doneOn != null) Message.DoneOn(doneOn) else Message.Due(f.dueOn, overdue)
                    TimelineRow(f.id, f.action, say(status, lang), overdue)
                }
            }
        }
        val duplicates = try {
            device.duplicateCandidates().mapNotNull { pair ->
                when (account.id) {
                    pair.first.id -> pair.second.name
                    pair.second.id -> pair.first.name
                    else -> null
                }
            }
        } catch (e: app.tournee.core.TourneeException) {
            emptyList()
        }
        val deals = detail.opportunities.map { deal ->
            val overdue = deal.stage.let { it != app.tournee.core.OpportunityStage.WON && it != app.tournee.core.OpportunityStage.LOST } &&
                deal.expectedClose < today
            TimelineRow(
                deal.id,
                "${deal.title} · ${app.tournee.core.opportunityStageLabel(deal.stage, lang)}",
                "${formatMoney(deal.amountCents, lang)} · ${say(Message.ClosesOn(deal.expectedClose, overdue), lang)}",
                overdue,
            )
        }
        return AccountDetailState(
            id = account.id,
            name = account.name,
            kind = listOfNotNull(accountKindLabel(account.kind, lang), account.needHorizon?.let { needHorizonLabel(it, lang) })
                .joinToString(" · "),
            fields = fields,
            contactsTitle = say(Message.Contacts, lang),
            contacts = detail.contacts.map(::contactRow),
            timelineTitle = say(Message.Timeline, lang),
            timeline = timeline,
            emptyTimeline = if (timeline.isEmpty()) say(Message.NothingLogged, lang) else null,
            duplicateBanner = duplicates.firstOrNull()?.let { say(Message.PossibleDuplicateOf(it), lang) },
            opportunitiesTitle = say(Message.Opportunities, lang),
            opportunities = deals,
            edit = say(Message.Edit, lang),
            call = say(Message.Call, lang),
            mail = say(Message.Mail, lang),
        )
    }

    /** "02/03/2026 · Visite terrain", then "prévue" for a planned one, or its outcome, order and notes. */
    private fun visitRow(visit: VisitReport): TimelineRow {
        val day = visit.startedAt.atOffset(ZoneOffset.ofTotalSeconds(visit.utcOffsetMinutes * 60)).toLocalDate()
        val detail = listOfNotNull(
            visit.status.takeIf { it == VisitStatus.PLANNED }?.let { visitStatusLabel(it, lang) },
            visit.outcome?.let { outcomeLabel(it, lang) },
            visit.orderAmountCents.takeIf { it > 0 }?.let { formatMoney(it, lang) },
            visit.notes.ifBlank { null },
        ).joinToString(" · ")
        return TimelineRow(visit.id, "${formatDate(day, lang)} · ${channelLabel(visit.channel, lang)}", detail, false)
    }

    private fun contactRow(contact: Contact) = ContactRow(
        contact.id,
        contact.name,
        listOfNotNull(contact.role, contact.phone, contact.email).joinToString(" · "),
        contact.phone,
        contact.email,
    )
}
