// Pipeline: the open deals by stage, each with its account, amount and chance, and its expected close
// (in the error colour once passed). It only draws PipelinePresenter's state.
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
import androidx.compose.material3.FilterChip
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.tournee.presentation.PipelineState

@Composable
fun PipelineScreen(state: PipelineState, onMineOnly: (Boolean) -> Unit, onOpenAccount: (String) -> Unit) {
    LazyColumn(Modifier.fillMaxSize()) {
        item {
            Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                Text(state.title, style = MaterialTheme.typography.headlineSmall)
                Text(state.total, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
                FilterChip(selected = state.mineOnly, onClick = { onMineOnly(!state.mineOnly) }, label = { Text(state.mineOnlyLabel) })
            }
        }
        state.emptyMessage?.let { item { Text(it, modifier = Modifier.padding(horizontal = 16.dp)) } }
        for (stage in state.stages) {
            item(key = stage.stage.name) {
                Row(Modifier.fillMaxWidth().padding(start = 16.dp, end = 16.dp, top = 16.dp, bottom = 4.dp)) {
                    Text(stage.title, style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.primary, modifier = Modifier.weight(1f))
                    Text(stage.total, style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.primary)
                }
            }
            items(stage.deals, key = { it.id }) { deal ->
                ListItem(
                    modifier = Modifier.clickable { onOpenAccount(deal.accountId) },
                    headlineContent = { Text(deal.title) },
                    supportingContent = {
                        Column {
                            Text(deal.amount)
                            Text(deal.close, color = if (deal.overdue) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant)
                        }
                    },
                )
            }
        }
    }
}
