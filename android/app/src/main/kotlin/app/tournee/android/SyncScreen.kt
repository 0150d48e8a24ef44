// Sync and conflicts: where the device stands with the server and a button to sync now; each true
// conflict with its values side by side and a button to keep one (or, for a record deleted on one
// device and edited on another, to keep it or delete it); duplicate companies with a merge that keeps
// either. It only draws SyncPresenter's state.
package app.tournee.android

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedCard
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import app.tournee.presentation.AccountRow
import app.tournee.presentation.ConflictCard
import app.tournee.presentation.ConflictOption
import app.tournee.presentation.DuplicateCard
import app.tournee.presentation.SyncScreenState

/** What the person can do on the screen. */
class SyncActions(
    val sync: () -> Unit,
    val settle: (key: String, option: ConflictOption) -> Unit,
    val merge: (kept: AccountRow, absorbed: AccountRow) -> Unit,
)

@Composable
fun SyncScreen(state: SyncScreenState, wide: Boolean, actions: SyncActions) {
    LazyColumn(Modifier.fillMaxSize(), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        item {
            Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                Text(state.title, style = MaterialTheme.typography.headlineSmall)
                Text(state.status.pending, style = MaterialTheme.typography.bodyMedium)
                Text(state.status.lastSync, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
                state.status.error?.let { Text(it, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.error) }
                Button(onClick = actions.sync, enabled = !state.syncing) { Text(state.syncAction) }
                state.banner?.let { Text(it, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.primary) }
            }
        }
        item { SectionTitle(state.conflictsTitle) }
        items(state.conflicts, key = { it.key }) { ConflictView(it, wide, actions) }
        item { SectionTitle(state.duplicatesTitle) }
        items(state.duplicates, key = { it.key }) { DuplicateView(it, wide, actions) }
    }
}

/** The conflict's values side by side on a tablet, one above the other on a phone. */
@Composable
private fun ConflictView(card: ConflictCard, wide: Boolean, actions: SyncActions) {
    Card(Modifier.fillMaxWidth().padding(horizontal = 16.dp)) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(card.title, style = MaterialTheme.typography.titleMedium)
            Text(card.detail, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            SideBySide(wide, card.options) { option, modifier ->
                OutlinedCard(modifier) {
                    Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                        Text(option.value, style = MaterialTheme.typography.bodyLarge)
                        option.note?.let { Text(it, style = MaterialTheme.typography.labelSmall, color = MaterialTheme.colorScheme.primary) }
                        OutlinedButton(
                            onClick = { actions.settle(card.key, option) },
                            // Each value's button, told apart by the value (the UI tests find it so).
                            modifier = Modifier.testTag("settle:${option.value}"),
                        ) { Text(option.action) }
                    }
                }
            }
        }
    }
}

@Composable
private fun DuplicateView(card: DuplicateCard, wide: Boolean, actions: SyncActions) {
    Card(Modifier.fillMaxWidth().padding(horizontal = 16.dp)) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(card.reasons, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            SideBySide(wide, listOf(Triple(card.first, card.second, card.keepFirst), Triple(card.second, card.first, card.keepSecond))) { (kept, absorbed, label), modifier ->
                OutlinedCard(modifier) {
                    Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                        Text(kept.name, style = MaterialTheme.typography.bodyLarge)
                        Text(kept.detail, style = MaterialTheme.typography.bodySmall)
                        OutlinedButton(onClick = { actions.merge(kept, absorbed) }) { Text(label) }
                    }
                }
            }
        }
    }
}

@Composable
private fun <T> SideBySide(row: Boolean, items: List<T>, content: @Composable (T, Modifier) -> Unit) {
    if (row) {
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) { for (item in items) content(item, Modifier.weight(1f)) }
    } else {
        Column(verticalArrangement = Arrangement.spacedBy(8.dp)) { for (item in items) content(item, Modifier.fillMaxWidth()) }
    }
}
