// Accounts: search as you type and the account's detail (fields, contacts, history). On a tablet
// the list and the detail sit side by side; on a phone the detail replaces the list. It only draws
// AccountsPresenter's and AccountDetailPresenter's states.
package app.tournee.android

import androidx.compose.foundation.clickable
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
) {
    when {
        wide -> Row(Modifier.fillMaxSize()) {
            AccountList(list, onQueryChanged, onOpen, Modifier.width(360.dp).fillMaxHeight())
            VerticalDivider()
            detail?.let { AccountDetail(it, Modifier.weight(1f)) }
        }
        detail != null -> AccountDetail(detail, Modifier.fillMaxSize())
        else -> AccountList(list, onQueryChanged, onOpen, Modifier.fillMaxSize())
    }
}

@Composable
private fun AccountList(state: AccountsState, onQueryChanged: (String) -> Unit, onOpen: (String) -> Unit, modifier: Modifier) {
    Column(modifier) {
        OutlinedTextField(
            value = state.query,
            onValueChange = onQueryChanged,
            placeholder = { Text(state.searchHint) },
            singleLine = true,
            modifier = Modifier.fillMaxWidth().padding(16.dp),
        )
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
private fun AccountDetail(state: AccountDetailState, modifier: Modifier) {
    LazyColumn(modifier) {
        item {
            Column(Modifier.padding(16.dp)) {
                Text(state.name, style = MaterialTheme.typography.headlineSmall)
                Text(state.kind, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            }
        }
        items(state.fields) { field ->
            ListItem(overlineContent = { Text(field.label) }, headlineContent = { Text(field.value) })
        }
        if (state.contacts.isNotEmpty()) {
            item { SectionTitle(state.contactsTitle) }
            items(state.contacts, key = { it.id }) { contact ->
                ListItem(headlineContent = { Text(contact.name) }, supportingContent = { Text(contact.detail) })
            }
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
