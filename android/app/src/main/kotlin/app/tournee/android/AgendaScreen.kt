// Today: the day's planned visits (tap one to report on it), the follow-ups due (overdue in the
// error colour) and the sync status; pull down (or the button) to sync. It only draws
// AgendaPresenter's state.
package app.tournee.android

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.pulltorefresh.PullToRefreshBox
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.tournee.presentation.AgendaPresenter
import app.tournee.presentation.AgendaRow
import app.tournee.presentation.AgendaState

/** Today, following [presenter] (started by the caller); [onOpenVisit] reports on a planned visit. */
@Composable
fun AgendaRoute(presenter: AgendaPresenter, onOpenVisit: (AgendaRow) -> Unit) {
    val state by presenter.state.collectAsState()
    state?.let { AgendaScreen(it, onSync = presenter::sync, onOpenVisit = onOpenVisit) }
}

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun AgendaScreen(state: AgendaState, onSync: () -> Unit, onOpenVisit: (AgendaRow) -> Unit) {
    Column(Modifier.fillMaxSize()) {
        PullToRefreshBox(isRefreshing = state.syncing, onRefresh = onSync, modifier = Modifier.weight(1f)) {
            LazyColumn(Modifier.fillMaxSize()) {
                item { Text(state.title, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.padding(16.dp)) }
                state.emptyMessage?.let { message ->
                    item { Text(message, modifier = Modifier.padding(horizontal = 16.dp)) }
                }
                if (state.visits.isNotEmpty()) {
                    item { SectionTitle(state.visitsTitle) }
                    items(state.visits, key = { it.id }) { AgendaLine(it, Modifier.clickable { onOpenVisit(it) }) }
                }
                if (state.followUps.isNotEmpty()) {
                    item { SectionTitle(state.followUpsTitle) }
                    items(state.followUps, key = { it.id }) { AgendaLine(it) }
                }
            }
        }
        HorizontalDivider()
        SyncBar(state, onSync)
    }
}

/** What waits to be sent, the last sync, and the button that syncs now. */
@Composable
private fun SyncBar(state: AgendaState, onSync: () -> Unit) {
    Row(
        Modifier.fillMaxWidth().padding(horizontal = 16.dp, vertical = 8.dp),
        verticalAlignment = Alignment.CenterVertically,
        horizontalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Column(Modifier.weight(1f)) {
            Text(state.syncStatus, style = MaterialTheme.typography.bodyMedium)
            Text(
                state.lastSync,
                style = MaterialTheme.typography.bodySmall,
                color = if (state.syncFailed) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant,
            )
        }
        TextButton(onClick = onSync, enabled = !state.syncing) { Text(state.syncAction) }
    }
}

@Composable
internal fun SectionTitle(text: String) {
    Text(
        text,
        style = MaterialTheme.typography.titleSmall,
        color = MaterialTheme.colorScheme.primary,
        modifier = Modifier.padding(start = 16.dp, end = 16.dp, top = 16.dp, bottom = 4.dp),
    )
}

@Composable
private fun AgendaLine(row: AgendaRow, modifier: Modifier = Modifier) {
    ListItem(
        modifier = modifier,
        headlineContent = { Text(row.title) },
        supportingContent = {
            Text(row.detail, color = if (row.overdue) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant)
        },
    )
}
