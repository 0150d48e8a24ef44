package app.tournee.presentation

import app.tournee.core.Channel
import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.core.Outcome
import app.tournee.core.TourneeException
import app.tournee.core.VisitReport
import app.tournee.core.formatAmount
import app.tournee.core.parseAmount
import java.time.Instant
import java.time.ZoneId

/** The fields of the visit form that can show an error. */
enum class VisitField { ORDER_AMOUNT, ORDER_MARGIN, DURATION, NOTES, NEXT_STEP, OTHER }

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
    /** Nothing was saved; the message goes under [field]. */
    data class Invalid(val field: VisitField, val message: String) : VisitSubmit()
    /** Nothing was saved for another reason (storage); show [message]. */
    data class Failed(val message: String) : VisitSubmit()
}

/**
 * The visit form: parses amounts as typed in the user's language, logs a new visit or edits one
 * ([edit]), and turns the core's refusals into a message under the right field.
 */
class VisitFormPresenter(private val device: Device, lang: Lang, private val zone: ZoneId) {
    private val strings = Strings(lang)

    /** The form of a visit already logged, with its amounts as the user would type them. */
    suspend fun edit(visitId: String): Pair<VisitForm, VisitReport> {
        val visit = device.visit(visitId)
        val form = VisitForm(
            accountId = visit.accountId,
            channel = visit.channel,
            durationMinutes = visit.durationMinutes,
            notes = visit.notes,
            outcome = visit.outcome,
            orderAmount = formatAmount(visit.orderAmountCents, strings.lang),
            orderMargin = formatAmount(visit.orderMarginCents, strings.lang),
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
            amount = cents(form.orderAmount, "order_amount_cents")
            margin = cents(form.orderMargin, "order_margin_cents")
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
            VisitSubmit.Saved(saved, strings.saved(saved.orderAmountCents))
        } catch (e: TourneeException.Invalid) {
            refusal(e)
        } catch (e: TourneeException) {
            VisitSubmit.Failed(strings.failed(e.message ?: e.toString()))
        }
    }

    /** An amount as typed, read by the core; a blank field is no amount. */
    private fun cents(text: String, coreField: String): Long =
        if (text.isBlank()) 0L else parseAmount(coreField, text, strings.lang)

    private fun refusal(e: TourneeException.Invalid): VisitSubmit {
        val field = fieldOf(e.field)
        return VisitSubmit.Invalid(field, strings.refused(field, e.reason, e.reasonFr))
    }

    private fun fieldOf(coreField: String) = when (coreField) {
        "order_amount_cents" -> VisitField.ORDER_AMOUNT
        "order_margin_cents" -> VisitField.ORDER_MARGIN
        "duration_minutes" -> VisitField.DURATION
        "notes" -> VisitField.NOTES
        "next_step" -> VisitField.NEXT_STEP
        else -> VisitField.OTHER
    }
}
