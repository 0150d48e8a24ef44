package app.tournee.presentation

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

/** One account of a list: its name, and its kind and town. */
data class AccountRow(val id: String, val name: String, val detail: String)

/** Everything the accounts list draws. */
data class AccountsState(
    val query: String,
    /** The search field's placeholder. */
    val searchHint: String,
    val rows: List<AccountRow>,
    /** Shown instead of the list when the search found nothing, or why it failed. */
    val emptyMessage: String?,
)

/**
 * The accounts list with search as you type (the core's full-text search; every account by name
 * when nothing is typed). Each keystroke searches again and a newer query cancels an older search,
 * so the list always matches what the field shows; a change of accounts (an edit, a sync) searches
 * again too. Close it when the screen goes away.
 */
class AccountsPresenter(
    private val device: Device,
    private val changes: DeviceChanges,
    private val lang: Lang,
    private val scope: CoroutineScope,
) : AutoCloseable {
    private val query = MutableStateFlow("")
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
            combine(query, accountsChanged) { text, _ -> text }.collectLatest { mutableState.value = search(it) }
        }
    }

    fun onQueryChanged(text: String) {
        query.value = text
    }

    /** The list for [text], as the screen shows it. */
    suspend fun search(text: String): AccountsState {
        val hint = say(Message.SearchAccounts, lang)
        return try {
            val rows = device.searchAccounts(text, LIMIT).map { accountRow(it, lang) }
            val empty = if (rows.isEmpty() && text.isNotBlank()) say(Message.NoAccountFound(text.trim()), lang) else null
            AccountsState(text, hint, rows, empty)
        } catch (e: TourneeException) {
            AccountsState(text, hint, emptyList(), e.text())
        }
    }

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
