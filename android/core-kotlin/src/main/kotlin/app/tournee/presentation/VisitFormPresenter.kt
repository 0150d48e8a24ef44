package app.tournee.presentation

import app.tournee.core.Channel
import app.tournee.core.Device
import app.tournee.core.Field
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.Outcome
import app.tournee.core.TourneeException
import app.tournee.core.VisitReport
import app.tournee.core.formatAmount
import app.tournee.core.parseAmount
import app.tournee.core.say
import java.time.Instant
import java.time.ZoneId

/** What the rep typed, as text where the keyboard gives text. */
data class VisitForm(
    val accountId: String,
    val channel: Channel = Channel.ON_SITE,
    val durationMinutes: UInt = 30u,
    val notes: String = "",
    val outcome: Outcome? = null,
    val orderAmount: String = "",
    val orderMargin: String = "",
    val nextStep: String = "",
)

sealed class VisitSubmit {
    data class Saved(val visit: VisitReport, val message: String) : VisitSubmit()
    /** Nothing was saved; the message goes under [field] (its label: `fieldLabel(field, lang)`). */
    data class Invalid(val field: Field, val message: String) : VisitSubmit()
    /** Nothing was saved for another reason (storage); show [message]. */
    data class Failed(val message: String) : VisitSubmit()
}

/**
 * The visit form: parses amounts as typed in [lang], logs a new visit or edits one ([edit]), and
 * puts the core's refusals under the field they name. The core words every message: amounts typed
 * here in [lang], what the device refuses in the device's language (`Device.setLanguage`).
 */
class VisitFormPresenter(private val device: Device, private val lang: Lang, private val zone: ZoneId) {

    /** The form of a visit already logged, with its amounts as the user would type them. */
    suspend fun edit(visitId: String): Pair<VisitForm, VisitReport> {
        val visit = device.visit(visitId)
        val form = VisitForm(
            accountId = visit.accountId,
            channel = visit.channel,
            durationMinutes = visit.durationMinutes,
            notes = visit.notes,
            outcome = visit.outcome,
            orderAmount = formatAmount(visit.orderAmountCents, lang),
            orderMargin = formatAmount(visit.orderMarginCents, lang),
            nextStep = visit.nextStep.orEmpty(),
        )
        return form to visit
    }

    /**
     * Logs [form] as a new visit started at [startedAt] (with the follow-up of its next step, dated
     * by the core), or saves it over [editing] when given.
     */
    suspend fun submit(form: VisitForm, startedAt: Instant, editing: VisitReport? = null): VisitSubmit {
        val amount: Long
        val margin: Long
        try {
            amount = cents(form.orderAmount, Field.ORDER_AMOUNT_CENTS)
            margin = cents(form.orderMargin, Field.ORDER_MARGIN_CENTS)
        } catch (e: TourneeException.Invalid) {
            return refusal(e)
        }
        val offsetMinutes = zone.rules.getOffset(startedAt).totalSeconds / 60
        val base = editing ?: device.newVisit(form.accountId, form.channel, startedAt, offsetMinutes)
        val visit = base.copy(
            channel = form.channel,
            durationMinutes = form.durationMinutes,
            notes = form.notes,
            outcome = form.outcome,
            orderAmountCents = amount,
            orderMarginCents = margin,
            nextStep = form.nextStep.ifBlank { null },
        )
        return try {
            val saved = if (editing != null) device.saveVisit(visit) else device.logVisit(visit, null).visit
            VisitSubmit.Saved(saved, say(Message.VisitSaved(saved.orderAmountCents), lang))
        } catch (e: TourneeException.Invalid) {
            refusal(e)
        } catch (e: TourneeException) {
            VisitSubmit.Failed(say(Message.NotSaved(textOf(e)), lang))
        }
    }

    /** An amount as typed, read by the core; a blank field is no amount. */
    private fun cents(text: String, field: Field): Long =
        if (text.isBlank()) 0L else parseAmount(field, text, lang)

    private fun refusal(e: TourneeException.Invalid): VisitSubmit = VisitSubmit.Invalid(e.field, e.text)

    /** The message of any failure, as the core worded it. */
    private fun textOf(e: TourneeException): String = when (e) {
        is TourneeException.Invalid -> e.text
        is TourneeException.NotFound -> e.text
        is TourneeException.NotEnrolled -> e.text
        is TourneeException.AlreadyEnrolled -> e.text
        is TourneeException.Unauthorized -> e.text
        is TourneeException.Forbidden -> e.text
        is TourneeException.Rejected -> e.text
        is TourneeException.Unavailable -> e.text
        is TourneeException.Protocol -> e.text
        is TourneeException.Storage -> e.text
        is TourneeException.Callback -> e.text
    }
}
