package app.tournee.presentation

import app.tournee.core.Channel
import app.tournee.core.Device
import app.tournee.core.Field
import app.tournee.core.InterestLevel
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.Outcome
import app.tournee.core.TourneeException
import app.tournee.core.VisitReport
import app.tournee.core.VisitStatus
import app.tournee.core.channelLabel
import app.tournee.core.fieldLabel
import app.tournee.core.formatAmount
import app.tournee.core.formatDate
import app.tournee.core.interestLevelLabel
import app.tournee.core.outcomeLabel
import app.tournee.core.parseAmount
import app.tournee.core.say
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.update
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId

/** How a visit ends: every visit needs one before it is saved. */
sealed class NextStep {
    /** The rep said there is nothing to follow up. */
    data object None : NextStep()
    /** A follow-up: what to do, due on [due]. */
    data class FollowUp(val action: String, val due: LocalDate) : NextStep()
}

/** What the rep typed, as text where the keyboard gives text. */
data class VisitForm(
    val accountId: String,
    val channel: Channel = Channel.ON_SITE,
    val durationMinutes: UInt = 30u,
    val notes: String = "",
    val outcome: Outcome? = null,
    val interest: InterestLevel? = null,
    /** Products discussed, as typed: separated by commas. */
    val products: String = "",
    val orderAmount: String = "",
    val orderMargin: String = "",
    /** `null` until the rep chose: saving then asks for it. */
    val nextStep: NextStep? = null,
)

sealed class VisitSubmit {
    data class Saved(val visit: VisitReport, val message: String) : VisitSubmit()
    /** Nothing was saved; the message goes under [field] (its label: `fieldLabel(field, lang)`). */
    data class Invalid(val field: Field, val message: String) : VisitSubmit()
    /** Nothing was saved for another reason (storage); show [message]. */
    data class Failed(val message: String) : VisitSubmit()
}

/** A choice of a picker, with its label. */
data class Choice<T>(val value: T, val label: String)

/** Everything the visit form draws. */
data class VisitFormState(
    val title: String,
    val accountName: String,
    val form: VisitForm,
    val channels: List<Choice<Channel>>,
    val outcomes: List<Choice<Outcome>>,
    val interests: List<Choice<InterestLevel>>,
    /** The hint under the products field: "séparés par des virgules". */
    val productsHint: String,
    /** The follow-up's due day as the arrows show it: "Échéance : lundi 9 mars"; empty with no follow-up. */
    val dueDay: String,
    /** The calendar's day to start on (the follow-up's, else a week after the visit) and its first day. */
    val pickFrom: LocalDate,
    val earliestDue: LocalDate,
    /** The calendar's buttons: "OK", "Annuler". */
    val ok: String,
    val cancel: String,
    /** The label of each field the form shows. */
    val labels: Map<Field, String>,
    /** The due date of the follow-up, as shown ("16/03/2026"); empty with no follow-up. */
    val nextStepDue: String,
    val noNextStep: String,
    val save: String,
    /** What the core refused, under the field it names. */
    val errors: Map<Field, String> = emptyMap(),
    /** A failure to save, or the confirmation of the last visit saved. */
    val banner: String? = null,
    val saving: Boolean = false,
    /** The account of the visit just saved, for the screen to show it; `null` until then. */
    val savedAccountId: String? = null,
)

/**
 * The visit form: parses amounts as typed in [lang], asks for the next step, logs a new visit with
 * its follow-up in one write or edits one ([edit]), and puts the core's refusals under the field they
 * name. The core words every message: amounts typed here in [lang], what the device refuses in the
 * device's language (`Device.setLanguage`).
 */
class VisitFormPresenter(private val device: Device, private val lang: Lang, private val zone: ZoneId) {
    private val mutableState = MutableStateFlow<VisitFormState?>(null)
    private var today: LocalDate = LocalDate.now(zone)
    private var defaultDue: LocalDate = today.plusWeeks(1)
    /** The planned visit this form reports on, if it was opened from one. */
    private var planned: VisitReport? = null

    /** The form on screen; `null` until [open]. */
    val state: StateFlow<VisitFormState?> = mutableState

    /**
     * Shows a new visit of [accountId] (named [accountName]) with the form's defaults, on local day
     * [today]: a follow-up the rep types is due a week later until they pick another day.
     */
    fun open(accountId: String, accountName: String, today: LocalDate) {
        this.today = today
        defaultDue = today.plusWeeks(1)
        planned = null
        mutableState.value = VisitFormState(
            title = say(Message.LogVisitTitle, lang),
            accountName = accountName,
            form = VisitForm(accountId),
            channels = Channel.entries.map { Choice(it, channelLabel(it, lang)) },
            outcomes = Outcome.entries.map { Choice(it, outcomeLabel(it, lang)) },
            interests = InterestLevel.entries.map { Choice(it, interestLevelLabel(it, lang)) },
            productsHint = say(Message.ProductsHint, lang),
            dueDay = "",
            pickFrom = defaultDue,
            earliestDue = today,
            ok = say(Message.Ok, lang),
            cancel = say(Message.Cancel, lang),
            labels = FIELDS.associateWith { fieldLabel(it, lang) },
            nextStepDue = "",
            noNextStep = say(Message.NoNextStep, lang),
            save = say(Message.SaveVisit, lang),
        )
    }

    /** Shows the report of planned visit [visitId], prefilled with its channel, duration and notes. */
    suspend fun openPlanned(visitId: String, accountName: String, today: LocalDate) {
        val visit = device.visit(visitId)
        open(visit.accountId, accountName, today)
        planned = visit
        update { it.copy(channel = visit.channel, durationMinutes = visit.durationMinutes, notes = visit.notes) }
    }

    /** The rep changed the form: a field they touched loses its refusal. */
    fun update(change: (VisitForm) -> VisitForm) {
        mutableState.update { state ->
            state ?: return@update null
            val form = change(state.form)
            val touched = FIELDS.filter { fieldOf(it, state.form) != fieldOf(it, form) }
            state.copy(
                form = form,
                errors = state.errors - touched.toSet(),
                nextStepDue = (form.nextStep as? NextStep.FollowUp)?.let { formatDate(it.due, lang) }.orEmpty(),
                dueDay = (form.nextStep as? NextStep.FollowUp)?.let { say(Message.DueDay(it.due), lang) }.orEmpty(),
                pickFrom = (form.nextStep as? NextStep.FollowUp)?.due ?: defaultDue,
            )
        }
    }

    /** The rep typed the follow-up's action; blank, the next step is to choose again. */
    fun onNextStepAction(action: String) = update { form ->
        val due = (form.nextStep as? NextStep.FollowUp)?.due ?: defaultDue
        form.copy(nextStep = if (action.isEmpty()) null else NextStep.FollowUp(action, due))
    }

    /** The rep picked [day] in the calendar; a day before the visit's is the visit's day. */
    fun onNextStepDue(day: LocalDate) = update { form ->
        form.copy(nextStep = NextStep.FollowUp((form.nextStep as? NextStep.FollowUp)?.action.orEmpty(), maxOf(day, today)))
    }

    /** Moves the follow-up's due day by [days] (the form's arrows); never before the visit's day. */
    fun onMoveDue(days: Long) = update { form ->
        val step = form.nextStep as? NextStep.FollowUp ?: NextStep.FollowUp("", defaultDue)
        val moved = step.due.plusDays(days).let { if (it < today) today else it }
        form.copy(nextStep = step.copy(due = moved))
    }

    fun onNoNextStep() = update { it.copy(nextStep = NextStep.None) }

    /** Saves the form as a visit started at [startedAt]; on success the form is new again. */
    suspend fun save(startedAt: Instant) {
        val state = mutableState.value ?: return
        mutableState.value = state.copy(saving = true, banner = null, savedAccountId = null)
        mutableState.value = when (val result = submit(state.form, startedAt, planned = planned)) {
            is VisitSubmit.Saved -> {
                planned = null
                state.copy(
                    form = VisitForm(state.form.accountId),
                    errors = emptyMap(),
                    nextStepDue = "",
                    dueDay = "",
                    pickFrom = defaultDue,
                    banner = result.message,
                    savedAccountId = result.visit.accountId,
                )
            }
            is VisitSubmit.Invalid -> state.copy(errors = mapOf(result.field to result.message))
            is VisitSubmit.Failed -> state.copy(banner = result.message)
        }
    }

    /** The form of a visit already logged, with its amounts as the user would type them. */
    suspend fun edit(visitId: String): Pair<VisitForm, VisitReport> {
        val visit = device.visit(visitId)
        val form = VisitForm(
            accountId = visit.accountId,
            channel = visit.channel,
            durationMinutes = visit.durationMinutes,
            notes = visit.notes,
            outcome = visit.outcome,
            interest = visit.interest,
            products = visit.products.joinToString(", "),
            orderAmount = formatAmount(visit.orderAmountCents, lang),
            orderMargin = formatAmount(visit.orderMarginCents, lang),
            nextStep = visit.nextStep?.let { NextStep.FollowUp(it, visit.startedAt.atZone(zone).toLocalDate()) } ?: NextStep.None,
        )
        return form to visit
    }

    /**
     * Logs [form] as a new visit started at [startedAt] (or as the report of the [planned] visit)
     * with the follow-up of its next step, in one write, or saves it over [editing] when given (its
     * follow-up, if any, is already saved).
     */
    suspend fun submit(form: VisitForm, startedAt: Instant, editing: VisitReport? = null, planned: VisitReport? = null): VisitSubmit {
        val amount: Long
        val margin: Long
        try {
            amount = cents(form.orderAmount, Field.ORDER_AMOUNT_CENTS)
            margin = cents(form.orderMargin, Field.ORDER_MARGIN_CENTS)
        } catch (e: TourneeException.Invalid) {
            return refusal(e)
        }
        val nextStep = form.nextStep
        if (nextStep == null || nextStep is NextStep.FollowUp && nextStep.action.isBlank()) {
            return VisitSubmit.Invalid(Field.NEXT_STEP, say(Message.NextStepRequired, lang))
        }
        val followUp = nextStep as? NextStep.FollowUp
        val offsetMinutes = zone.rules.getOffset(startedAt).totalSeconds / 60
        val base = editing
            ?: planned?.copy(status = VisitStatus.DONE, startedAt = startedAt, utcOffsetMinutes = offsetMinutes)
            ?: device.newVisit(form.accountId, form.channel, startedAt, offsetMinutes)
        val visit = base.copy(
            channel = form.channel,
            durationMinutes = form.durationMinutes,
            notes = form.notes,
            outcome = form.outcome,
            interest = form.interest,
            products = form.products.split(',').map { it.trim() }.filter { it.isNotEmpty() },
            orderAmountCents = amount,
            orderMarginCents = margin,
            nextStep = followUp?.action?.trim(),
        )
        return try {
            val saved = if (editing != null) device.saveVisit(visit) else device.logVisit(visit, followUp?.due).visit
            VisitSubmit.Saved(saved, say(Message.VisitSaved(saved.orderAmountCents), lang))
        } catch (e: TourneeException.Invalid) {
            refusal(e)
        } catch (e: TourneeException) {
            VisitSubmit.Failed(say(Message.NotSaved(e.text()), lang))
        }
    }

    /** An amount as typed, read by the core; a blank field is no amount. */
    private fun cents(text: String, field: Field): Long =
        if (text.isBlank()) 0L else parseAmount(field, text, lang)

    private fun refusal(e: TourneeException.Invalid): VisitSubmit = VisitSubmit.Invalid(e.field, e.text)

    private companion object {
        /** The labelled fields the form shows, in its order (channel and outcome are chips). */
        val FIELDS = listOf(
            Field.DURATION_MINUTES, Field.PRODUCTS, Field.ORDER_AMOUNT_CENTS, Field.ORDER_MARGIN_CENTS, Field.NOTES,
            Field.NEXT_STEP, Field.DUE_ON,
        )

        /** What [field] holds in [form], to tell which fields a change touched. */
        fun fieldOf(field: Field, form: VisitForm): Any? = when (field) {
            Field.DURATION_MINUTES -> form.durationMinutes
            Field.PRODUCTS -> form.products
            Field.ORDER_AMOUNT_CENTS -> form.orderAmount
            Field.ORDER_MARGIN_CENTS -> form.orderMargin
            Field.NOTES -> form.notes
            Field.NEXT_STEP -> form.nextStep
            Field.DUE_ON -> (form.nextStep as? NextStep.FollowUp)?.due
            else -> null
        }
    }
}
