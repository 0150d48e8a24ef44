package app.tournee.presentation

import app.tournee.core.AbcClass
import app.tournee.core.AccountFilter
import app.tournee.core.AccountKind
import app.tournee.core.AccountListItem
import app.tournee.core.Collection
import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.TourneeException
import app.tournee.core.accountKindLabel
import app.tournee.core.say
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import java.time.LocalDate

/** One account of a list: its name, and its kind and town. */
data class AccountRow(val id: String, val name: String, val detail: String)

/** A filter of the list, on or off. */
data class FilterChoice(val filter: AccountsFilter, val label: String, val selected: Boolean)

/** The filters a person can turn on: mine only, one kind, dormant clients, one ABC class. */
sealed class AccountsFilter {
    data object Mine : AccountsFilter()
    data class Kind(val kind: AccountKind) : AccountsFilter()
    data object Dormant : AccountsFilter()
    data class Abc(val abcClass: AbcClass) : AccountsFilter()
}

/** Everything the accounts list draws. */
data class AccountsState(
    val query: String,
    /** The search field's placeholder. */
    val searchHint: String,
    val rows: List<AccountRow>,
    /** Shown instead of the list when the search found nothing, or why it failed. */
    val emptyMessage: String?,
    val filters: List<FilterChoice> = emptyList(),
)

/**
 * The accounts list with search as you type (the core's full-text search; every account by name
 * when nothing is typed) and filters (mine, kind, dormant, ABC class), one core call for both. Each
 * keystroke or filter searches again and a newer search cancels an older one, so the list always
 * matches what the screen shows; a change of accounts (an edit, a sync) searches again too. Dormancy
 * and ABC classes are judged on local day [today]. Close it when the screen goes away.
 */
class AccountsPresenter(
    private val device: Device,
    private val changes: DeviceChanges,
    private val lang: Lang,
    private val scope: CoroutineScope,
    private val today: () -> LocalDate = { LocalDate.now() },
) : AutoCloseable {
    private val query = MutableStateFlow(AccountFilter("", null, null, false, false))
    private val accountsChanged = MutableStateFlow(0L)
    private val mutableState = MutableStateFlow<AccountsState?>(null)
    private var loop: Job? = null
    private var listening: Job? = null

    /** The latest results; `null` until the first search ended. */
    val state: StateFlow<AccountsState?> = mutableState

    fun start() {
        listening = scope.launch(start = CoroutineStart.UNDISPATCHED) {
            changes.of(Collection.ACCOUNTS).collect { accountsChanged.update { it + 1 } }
        }
        loop = scope.launch {
            combine(query, accountsChanged) { filter, _ -> filter }.collectLatest { mutableState.value = search(it) }
        }
    }

    fun onQueryChanged(text: String) {
        query.update { it.copy(text = text) }
    }

    /** Turns [filter] on, or off when it was on; one kind and one ABC class at a time. */
    fun onFilter(filter: AccountsFilter) {
        query.update { f ->
            when (filter) {
                AccountsFilter.Mine -> f.copy(mineOnly = !f.mineOnly)
                AccountsFilter.Dormant -> f.copy(dormantOnly = !f.dormantOnly)
                is AccountsFilter.Kind -> f.copy(kind = filter.kind.takeIf { it != f.kind })
                is AccountsFilter.Abc -> f.copy(abcClass = filter.abcClass.takeIf { it != f.abcClass })
            }
        }
    }

    /** The list for what was typed, as the screen shows it. */
    suspend fun search(text: String): AccountsState = search(query.value.copy(text = text))

    /** The list [filter] lets through, as the screen shows it. */
    suspend fun search(filter: AccountFilter): AccountsState {
        val hint = say(Message.SearchAccounts, lang)
        val text = filter.text
        val choices = choices(filter)
        return try {
            val rows = device.listAccounts(filter, today(), LIMIT).map { accountRow(it, lang) }
            val empty = if (rows.isEmpty() && text.isNotBlank()) say(Message.NoAccountFound(text.trim()), lang) else null
            AccountsState(text, hint, rows, empty, choices)
        } catch (e: TourneeException) {
            AccountsState(text, hint, emptyList(), e.text(), choices)
        }
    }

    private fun choices(f: AccountFilter): List<FilterChoice> =
        listOf(FilterChoice(AccountsFilter.Mine, say(Message.FilterMine, lang), f.mineOnly)) +
            AccountKind.entries.map { FilterChoice(AccountsFilter.Kind(it), accountKindLabel(it, lang), f.kind == it) } +
            FilterChoice(AccountsFilter.Dormant, say(Message.FilterDormant, lang), f.dormantOnly) +
            AbcClass.entries.map { FilterChoice(AccountsFilter.Abc(it), say(Message.FilterAbcClass(it), lang), f.abcClass == it) }

    override fun close() {
        listening?.cancel()
        loop?.cancel()
    }

    private companion object {
        /** More than a phone shows; a rep types more letters rather than scrolls. */
        const val LIMIT = 50u
    }
}

/** An account as a list shows it: "prospect · Nantes". */
internal fun accountRow(item: AccountListItem, lang: Lang) =
    AccountRow(item.id, item.name, listOfNotNull(accountKindLabel(item.kind, lang), item.city).joinToString(" · "))
