package app.tournee.presentation

import app.tournee.core.Collection
import app.tournee.core.Device
import app.tournee.core.Field
import app.tournee.core.InterestLevel
import app.tournee.core.Lang
import app.tournee.core.Lead
import app.tournee.core.LeadStatus
import app.tournee.core.Message
import app.tournee.core.TourneeException
import app.tournee.core.formatTime
import app.tournee.core.interestLevelLabel
import app.tournee.core.fieldLabel
import app.tournee.core.leadStatusLabel
import app.tournee.core.say
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import java.time.ZoneId

/** A lead as typed at the stand. */
data class LeadForm(
    val name: String = "",
    val company: String = "",
    val email: String = "",
    val phone: String = "",
    val notes: String = "",
    val interest: InterestLevel? = null,
)

/** One lead of the event: who, when and where it stands, and the accounts it may already be. */
data class LeadRow(
    val id: String,
    /** "Claire Martin · Boulangerie Martin". */
    val title: String,
    /** "14:05 · nouveau · intérêt fort". */
    val detail: String,
    /** New leads wait to be qualified or discarded. */
    val isNew: Boolean,
    val duplicateWarning: String?,
    val similarAccounts: List<AccountRow>,
)

/** Everything the trade-show capture screen draws: the form, and the event's leads. */
data class LeadCaptureState(
    val title: String,
    val form: LeadForm,
    val labels: Map<Field, String>,
    val interests: List<Choice<InterestLevel>>,
    /** Accounts the company or email being typed looks like, flagged while typing. */
    val duplicateWarning: String?,
    val similarAccounts: List<AccountRow>,
    val errors: Map<Field, String>,
    /** The lead just saved, or why nothing was. */
    val banner: String?,
    val save: String,
    val leadsTitle: String,
    val leads: List<LeadRow>,
    val qualify: String,
    val discard: String,
    /** The button that opens the camera on a badge's QR code. */
    val scanBadge: String = "",
)

/**
 * Trade-show capture at [event]: a lead in a few seconds, the form empty again once saved, a
 * possible existing account flagged while the company or email is typed (the core's duplicate
 * rules), the event's leads newest first (with those other tablets captured, once synced),
 * qualified into an account and contact or discarded. Close it when the screen goes away.
 */
class LeadCapturePresenter(
    private val device: Device,
    private val changes: DeviceChanges,
    private val lang: Lang,
    private val zone: ZoneId,
    private val event: String,
    private val scope: CoroutineScope,
) : AutoCloseable {
    private val mutableState = MutableStateFlow<LeadCaptureState?>(null)
    private var lookups: Job? = null
    private var listening: Job? = null

    /** `null` until [start] loaded the event's leads. */
    val state: StateFlow<LeadCaptureState?> = mutableState

    /** Loads the event's leads, then looks up possible accounts as the form changes. */
    suspend fun start() {
        mutableState.value = LeadCaptureState(
            title = say(Message.CaptureTitle(event), lang),
            form = LeadForm(),
            labels = FIELDS.associateWith { fieldLabel(it, lang) },
            interests = InterestLevel.entries.map { Choice(it, interestLevelLabel(it, lang)) },
            duplicateWarning = null,
            similarAccounts = emptyList(),
            errors = emptyMap(),
            banner = null,
            save = say(Message.SaveLeadAndNext, lang),
            leadsTitle = "",
            leads = emptyList(),
            qualify = say(Message.Qualify, lang),
            discard = say(Message.Discard, lang),
            scanBadge = say(Message.ScanBadge, lang),
        )
        listening = scope.launch(start = CoroutineStart.UNDISPATCHED) {
            changes.of(Collection.LEADS, Collection.ACCOUNTS).collect { reloadLeads() }
        }
        reloadLeads()
        lookups = scope.launch {
            state.map { it?.form?.let { form -> form.company.trim() to form.email.trim() } }
                .distinctUntilChanged()
                .collectLatest { typed ->
                    typed ?: return@collectLatest
                    delay(TYPING_PAUSE_MS)
                    val similar = similar(typed.first, typed.second)
                    mutableState.update { it?.copy(duplicateWarning = warning(similar), similarAccounts = similar) }
                }
        }
    }

    fun update(change: (LeadForm) -> LeadForm) {
        mutableState.update { state ->
            state ?: return@update null
            val form = change(state.form)
            state.copy(form = form, errors = state.errors.filterKeys { fieldOf(it, form) == fieldOf(it, state.form) })
        }
    }

    /**
     * A badge's QR code was read: its text (a vCard or a MECARD, read by the core) fills the form for
     * a glance before saving; text that is no badge says why and leaves the form as it was.
     */
    fun onBadgeScanned(text: String) {
        try {
            val lead = device.leadFromBadge(event, text)
            mutableState.update { state ->
                state?.copy(
                    form = state.form.copy(
                        name = lead.name,
                        company = lead.company.orEmpty(),
                        email = lead.email.orEmpty(),
                        phone = lead.phone.orEmpty(),
                        notes = lead.notes,
                    ),
                    errors = emptyMap(),
                    banner = say(Message.BadgeRead(lead.name.ifEmpty { lead.company.orEmpty() }), lang),
                )
            }
        } catch (e: TourneeException) {
            mutableState.update { it?.copy(banner = e.text()) }
        }
    }

    /** Saves the lead; on success the form is empty for the next one and the list shows it first. */
    suspend fun save() {
        val state = mutableState.value ?: return
        val form = state.form
        val lead = device.newLead(event, form.name).copy(
            company = form.company.trim().ifEmpty { null },
            email = form.email.trim().ifEmpty { null },
            phone = form.phone.trim().ifEmpty { null },
            notes = form.notes,
            interest = form.interest,
        )
        try {
            val captured = device.captureLead(lead)
            mutableState.update { it?.copy(form = LeadForm(), errors = emptyMap(), banner = say(Message.LeadSaved(captured.lead.name), lang)) }
            reloadLeads()
        } catch (e: TourneeException.Invalid) {
            mutableState.update { it?.copy(errors = mapOf(e.field to e.text), banner = null) }
        } catch (e: TourneeException) {
            mutableState.update { it?.copy(banner = say(Message.NotSaved(e.text()), lang)) }
        }
    }

    /** Turns a new lead into a contact of [intoAccountId] (an account it looks like) or of a new prospect. */
    suspend fun qualify(leadId: String, intoAccountId: String? = null) =
        act { device.qualifyLead(leadId, intoAccountId, null) }

    suspend fun discard(leadId: String) = act { device.discardLead(leadId) }

    private suspend fun act(action: suspend () -> Unit) {
        try {
            action()
            reloadLeads()
        } catch (e: TourneeException) {
            mutableState.update { it?.copy(banner = say(Message.NotSaved(e.text()), lang)) }
        }
    }

    private suspend fun reloadLeads() {
        val leads = device.eventLeads(event).map { leadRow(it) }
        mutableState.update { it?.copy(leadsTitle = say(Message.EventLeads(leads.size.toULong()), lang), leads = leads) }
    }

    private suspend fun leadRow(lead: Lead): LeadRow {
        val isNew = lead.status == LeadStatus.NEW
        // Only new leads are still to be matched with an account.
        val similar = if (isNew) similar(lead.company.orEmpty(), lead.email.orEmpty()) else emptyList()
        val at = formatTime(lead.capturedAt, zone.rules.getOffset(lead.capturedAt).totalSeconds / 60, lang)
        return LeadRow(
            id = lead.id,
            title = listOfNotNull(lead.name, lead.company).joinToString(" · "),
            detail = listOfNotNull(at, leadStatusLabel(lead.status, lang), lead.interest?.let { interestLevelLabel(it, lang) })
                .joinToString(" · "),
            isNew = isNew,
            duplicateWarning = warning(similar),
            similarAccounts = similar,
        )
    }

    private suspend fun similar(company: String, email: String): List<AccountRow> {
        if (company.isBlank() && email.isBlank()) return emptyList()
        return device.similarAccounts(company, null, email.ifBlank { null }, null).map { accountRow(it, lang) }
    }

    private fun warning(similar: List<AccountRow>) =
        if (similar.isEmpty()) null else say(Message.MaybeAnAccount(similar.size.toULong()), lang)

    override fun close() {
        listening?.cancel()
        lookups?.cancel()
    }

    private companion object {
        /** Looks an account up once the typing pauses, not at every letter. */
        const val TYPING_PAUSE_MS = 150L

        val FIELDS = listOf(Field.NAME, Field.COMPANY, Field.EMAIL, Field.PHONE, Field.NOTES)

        fun fieldOf(field: Field, form: LeadForm): Any? = when (field) {
            Field.NAME -> form.name
            Field.COMPANY -> form.company
            Field.EMAIL -> form.email
            Field.PHONE -> form.phone
            Field.NOTES -> form.notes
            else -> null
        }
    }
}
