// The agenda screen of the Android app (Compose; built with the Android SDK, not part of the JVM
// tests on Linux): it only draws AgendaPresenter's state.
package app.tournee.android

import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.presentation.AgendaPresenter
import app.tournee.presentation.AgendaRow
import app.tournee.presentation.AgendaState
import java.time.LocalDate
import java.time.ZoneId

@Composable
fun AgendaScreen(device: Device, lang: Lang) {
    var state by remember { mutableStateOf<AgendaState?>(null) }
    DisposableEffect(device, lang) {
        val presenter = AgendaPresenter(device, lang, ZoneId.systemDefault())
        presenter.observe({ LocalDate.now() }) { state = it }
        onDispose { presenter.close() }
    }
    val current = state ?: return
    LazyColumn {
        item { Text(current.title, style = MaterialTheme.typography.headlineSmall) }
        current.emptyMessage?.let { message -> item { Text(message) } }
        items(current.visits, key = { it.id }) { AgendaLine(it) }
        items(current.followUps, key = { it.id }) { AgendaLine(it) }
        item { Text(current.syncStatus, style = MaterialTheme.typography.bodySmall) }
    }
}

@Composable
private fun AgendaLine(row: AgendaRow) {
    ListItem(
        headlineContent = { Text(row.title) },
        supportingContent = {
            Text(row.detail, color = if (row.overdue) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant)
        },
    )
}
