package app.tournee.presentation

import app.tournee.core.Account
import app.tournee.core.AccountKind
import app.tournee.core.Device
import app.tournee.core.Field
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.NeedHorizon
import app.tournee.core.TourneeException
import app.tournee.core.accountKindLabel
import app.tournee.core.fieldLabel
import app.tournee.core.formatAmount
import app.tournee.core.needHorizonLabel
import app.tournee.core.parseAmount
import app.tournee.core.say
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.update

/** An account's fields as the form holds them: text where the keyboard gives text. */
data class AccountForm(
    val kind: AccountKind,
    val needHorizon: NeedHorizon?,
    val openDispute: Boolean,
    val lost: Boolean,
    /** The text of each text field, by the field it edits (see [AccountEditPresenter.TEXT_FIELDS]). */
    val texts: Map<Field, String>,
)

/** Everything the account form draws. */
data class AccountEditState(
    val accountId: String,
    val form: AccountForm,
    val kinds: List<Choice<AccountKind>>,
    /** Shown for prospects only. */
    val horizons: List<Choice<NeedHorizon>>,
    val labels: Map<Field, String>,
    val errors: Map<Field, String> = emptyMap(),
    val save: String,
    val cancel: String,
    /** The two flags' labels: "Litige ou réclamation en cours", "Perdu : une décision est prise". */
    val openDisputeLabel: String,
    val lostLabel: String,
    val banner: String? = null,
    /** The account as saved, once it is. */
    val saved: Account? = null,
)

/**
 * Edits any field of an account: the potential typed the way people type amounts in [lang], every
 * refusal under the field the core names, in the device's language.
 */
class AccountEditPresenter(private val device: Device, private val lang: Lang) {
    private val mutableState = MutableStateFlow<AccountEditState?>(null)
    private var account: Account? = null

    /** `null` until [open]. */
    val state: StateFlow<AccountEditState?> = mutableState

    suspend fun open(accountId: String): AccountEditState {
        val found = device.accountDetail(accountId).account
        account = found
        val texts = mapOf(
            Field.NAME to found.name,
            Field.ADDRESS to found.address.orEmpty(),
            Field.POSTCODE to found.postcode.orEmpty(),
            Field.CITY to found.city.orEmpty(),
            Field.PHONE to found.phone.orEmpty(),
            Field.WEBSITE to found.website.orEmpty(),
            Field.SEGMENT to found.segment.orEmpty(),
            Field.TERRITORY to found.territory.orEmpty(),
            Field.REGISTRATION_NUMBER to found.registrationNumber.orEmpty(),
            Field.POTENTIAL_CENTS to (found.potentialCents?.let { formatAmount(it, lang) } ?: ""),
            Field.NOTES to found.notes,
        )
        val state = AccountEditState(
            accountId = found.id,
            form = AccountForm(found.kind, found.needHorizon, found.openDispute, found.lost, texts),
            kinds = AccountKind.entries.map { Choice(it, accountKindLabel(it, lang)) },
            horizons = NeedHorizon.entries.map { Choice(it, needHorizonLabel(it, lang)) },
            labels = (TEXT_FIELDS + listOf(Field.NEED_HORIZON)).associateWith { fieldLabel(it, lang) },
            save = say(Message.Save, lang),
            cancel = say(Message.Cancel, lang),
            openDisputeLabel = say(Message.OpenDispute, lang),
            lostLabel = say(Message.Lost, lang),
        )
        mutableState.value = state
        return state
    }

    /** The person typed in [field]: it loses its refusal. */
    fun onText(field: Field, text: String) = mutableState.update { s ->
        s?.copy(form = s.form.copy(texts = s.form.texts + (field to text)), errors = s.errors - field)
    }

    /** Only a prospect has a need horizon: another kind drops it. */
    fun onKind(kind: AccountKind) = mutableState.update { s ->
        s?.copy(form = s.form.copy(kind = kind, needHorizon = s.form.needHorizon.takeIf { kind == AccountKind.PROSPECT }))
    }

    fun onNeedHorizon(horizon: NeedHorizon?) = mutableState.update { s -> s?.copy(form = s.form.copy(needHorizon = horizon)) }

    fun onOpenDispute(open: Boolean) = mutableState.update { s -> s?.copy(form = s.form.copy(openDispute = open)) }

    fun onLost(lost: Boolean) = mutableState.update { s -> s?.copy(form = s.form.copy(lost = lost)) }

    /** Saves the form over the account; the state then holds the account as stored, or the refusal. */
    suspend fun save(): AccountEditState? {
        val state = mutableState.value ?: return null
        val base = account ?: return null
        val form = state.form
        fun text(field: Field) = form.texts[field].orEmpty().trim()
        fun optional(field: Field) = text(field).ifEmpty { null }
        val next = try {
            val potential = text(Field.POTENTIAL_CENTS).let { if (it.isEmpty()) null else parseAmount(Field.POTENTIAL_CENTS, it, lang) }
            val edited = base.copy(
                name = text(Field.NAME),
                kind = form.kind,
                needHorizon = form.needHorizon,
                address = optional(Field.ADDRESS),
                postcode = optional(Field.POSTCODE),
                city = optional(Field.CITY),
                phone = optional(Field.PHONE),
                website = optional(Field.WEBSITE),
                segment = optional(Field.SEGMENT),
                territory = optional(Field.TERRITORY),
                registrationNumber = optional(Field.REGISTRATION_NUMBER),
                potentialCents = potential,
                notes = form.texts[Field.NOTES].orEmpty(),
                openDispute = form.openDispute,
                lost = form.lost,
            )
            val saved = device.saveAccount(edited)
            account = saved
            state.copy(errors = emptyMap(), banner = say(Message.AccountSaved, lang), saved = saved)
        } catch (e: TourneeException.Invalid) {
            state.copy(errors = mapOf(e.field to e.text), banner = null)
        } catch (e: TourneeException) {
            state.copy(banner = say(Message.NotSaved(e.text()), lang))
        }
        mutableState.value = next
        return next
    }

    companion object {
        /** The text fields of the form, in its order. */
        val TEXT_FIELDS = listOf(
            Field.NAME, Field.ADDRESS, Field.POSTCODE, Field.CITY, Field.PHONE, Field.WEBSITE, Field.SEGMENT,
            Field.TERRITORY, Field.REGISTRATION_NUMBER, Field.POTENTIAL_CENTS, Field.NOTES,
        )
    }
}
