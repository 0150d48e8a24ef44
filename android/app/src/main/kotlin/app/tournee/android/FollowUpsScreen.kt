// Follow-ups: what is due (overdue in the error colour, each marked done with one tap), then the
// prospects due this week and those about to be dropped, with their contacts against the 7-contact
// rule. It only draws FollowUpsPresenter's state.
package app.tournee.android

import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.LazyListScope
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.tournee.presentation.FollowUpsState
import app.tournee.presentation.ProspectRow

@Composable
fun FollowUpsScreen(state: FollowUpsState, onMarkDone: (followUpId: String) -> Unit) {
    LazyColumn(Modifier.fillMaxSize()) {
        item { Text(state.title, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.padding(16.dp)) }
        state.emptyMessage?.let { item { Text(it, modifier = Modifier.padding(horizontal = 16.dp)) } }
        if (state.due.isNotEmpty()) {
            item { SectionTitle(state.dueTitle) }
            items(state.due, key = { it.id }) { row ->
                ListItem(
                    headlineContent = { Text(row.title) },
                    supportingContent = {
                        Text(row.detail, color = if (row.overdue) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant)
                    },
                    trailingContent = { TextButton(onClick = { onMarkDone(row.id) }) { Text(state.markDone) } },
                )
            }
        }
        prospects(state.thisWeekTitle, state.thisWeek)
        prospects(state.atRiskTitle, state.atRisk)
    }
}

private fun LazyListScope.prospects(title: String, rows: List<ProspectRow>) {
    if (rows.isEmpty()) return
    item { SectionTitle(title) }
    items(rows, key = { "$title/${it.accountId}" }) { row ->
        ListItem(
            headlineContent = { Text(row.name) },
            supportingContent = {
                Text(row.detail, color = if (row.atRisk) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant)
            },
        )
    }
}
