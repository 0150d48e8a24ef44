// Accounts: search as you type with filters (mine, kind, dormant, ABC class), and the account's
// detail (a banner when it may be a duplicate, fields, contacts to call or mail, deals, history) with
// its edit button. On a tablet the list and the detail sit side by side; on a phone the detail
// replaces the list. It only draws AccountsPresenter's and AccountDetailPresenter's states.
package app.tournee.android

import androidx.compose.foundation.background
import androidx.compose.foundation.clickable
import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.rememberScrollState
import androidx.compose.material3.FilterChip
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.TextButton
import androidx.compose.ui.Alignment
import app.tournee.presentation.AccountsFilter
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.VerticalDivider
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.tournee.presentation.AccountDetailState
import app.tournee.presentation.AccountsState
import app.tournee.presentation.TimelineRow

/**
 * The accounts list, and [detail] when an account is open: beside the list when [wide] (a tablet),
 * instead of it otherwise.
 */
@Composable
fun AccountsScreen(
    list: AccountsState,
    detail: AccountDetailState?,
    wide: Boolean,
    onQueryChanged: (String) -> Unit,
    onOpen: (String) -> Unit,
    actions: AccountActions = AccountActions(),
) {
    when {
        wide -> Row(Modifier.fillMaxSize()) {
            AccountList(list, onQueryChanged, onOpen, actions, Modifier.width(360.dp).fillMaxHeight())
            VerticalDivider()
            detail?.let { AccountDetail(it, actions, Modifier.weight(1f)) }
        }
        detail != null -> AccountDetail(detail, actions, Modifier.fillMaxSize())
        else -> AccountList(list, onQueryChanged, onOpen, actions, Modifier.fillMaxSize())
    }
}

/** What the person can do besides searching and opening: filter, edit, call, mail. */
class AccountActions(
    val filter: (AccountsFilter) -> Unit = {},
    val edit: (accountId: String) -> Unit = {},
    /** Hands a number to the platform's dialer (Android: ACTION_DIAL). */
    val call: (phone: String) -> Unit = {},
    /** Hands an address to the platform's mail app (Android: ACTION_SENDTO mailto:). */
    val mail: (email: String) -> Unit = {},
)

@Composable
private fun AccountList(state: AccountsState, onQueryChanged: (String) -> Unit, onOpen: (String) -> Unit, actions: AccountActions, modifier: Modifier) {
    Column(modifier) {
        OutlinedTextField(
            value = state.query,
            onValueChange = onQueryChanged,
            placeholder = { Text(state.searchHint) },
            singleLine = true,
            modifier = Modifier.fillMaxWidth().padding(start = 16.dp, end = 16.dp, top = 16.dp),
        )
        Row(Modifier.horizontalScroll(rememberScrollState()).padding(horizontal = 16.dp), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            for (choice in state.filters) {
                FilterChip(selected = choice.selected, onClick = { actions.filter(choice.filter) }, label = { Text(choice.label) })
            }
        }
        state.emptyMessage?.let { Text(it, modifier = Modifier.padding(horizontal = 16.dp)) }
        LazyColumn {
            items(state.rows, key = { it.id }) { row ->
                ListItem(
                    headlineContent = { Text(row.name) },
                    supportingContent = { Text(row.detail) },
                    modifier = Modifier.clickable { onOpen(row.id) },
                )
            }
        }
    }
}

@Composable
private fun AccountDetail(state: AccountDetailState, actions: AccountActions, modifier: Modifier) {
    LazyColumn(modifier) {
        state.duplicateBanner?.let { banner ->
            item {
                Text(
                    banner,
                    color = MaterialTheme.colorScheme.onErrorContainer,
                    modifier = Modifier.fillMaxWidth().background(MaterialTheme.colorScheme.errorContainer).padding(horizontal = 16.dp, vertical = 8.dp),
                )
            }
        }
        item {
            Row(Modifier.padding(16.dp), verticalAlignment = Alignment.CenterVertically) {
                Column(Modifier.weight(1f)) {
                    Text(state.name, style = MaterialTheme.typography.headlineSmall)
                    Text(state.kind, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
                }
                if (state.edit.isNotEmpty()) OutlinedButton(onClick = { actions.edit(state.id) }) { Text(state.edit) }
            }
        }
        items(state.fields) { field ->
            ListItem(overlineContent = { Text(field.label) }, headlineContent = { Text(field.value) })
        }
        if (state.contacts.isNotEmpty()) {
            item { SectionTitle(state.contactsTitle) }
            items(state.contacts, key = { it.id }) { contact ->
                ListItem(
                    headlineContent = { Text(contact.name) },
                    supportingContent = { Text(contact.detail) },
                    trailingContent = {
                        Row {
                            contact.phone?.let { phone -> TextButton(onClick = { actions.call(phone) }) { Text(state.call) } }
                            contact.email?.let { email -> TextButton(onClick = { actions.mail(email) }) { Text(state.mail) } }
                        }
                    },
                )
            }
        }
        if (state.opportunities.isNotEmpty()) {
            item { SectionTitle(state.opportunitiesTitle) }
            items(state.opportunities, key = { it.id }) { TimelineLine(it) }
        }
        item { SectionTitle(state.timelineTitle) }
        state.emptyTimeline?.let { item { Text(it, modifier = Modifier.padding(horizontal = 16.dp)) } }
        items(state.timeline, key = { it.id }) { TimelineLine(it) }
        item { HorizontalDivider() }
    }
}

@Composable
private fun TimelineLine(row: TimelineRow) {
    val color = if (row.overdue) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant
    ListItem(
        headlineContent = { Text(row.title) },
        // A visit logged with nothing but its channel has no second line.
        supportingContent = row.detail.takeIf { it.isNotEmpty() }?.let { { Text(it, color = color) } },
    )
}
