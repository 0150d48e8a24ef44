// The weekly dashboard: whose week (mine, the team's, one rep's), each indicator against last week
// with a bar against its objective, a trend over recent weeks (a bar a week) drawn with Compose's Canvas, the
// actions due and the accounts to look at. Two columns on a tablet. It only draws
// DashboardPresenter's state.
package app.tournee.android

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.FilterChip
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.CornerRadius
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.text.style.TextOverflow
import androidx.compose.ui.unit.dp
import app.tournee.core.Scope
import app.tournee.presentation.DashboardLine
import app.tournee.presentation.DashboardState
import app.tournee.presentation.IndicatorRow
import app.tournee.presentation.TrendSeries

@Composable
fun DashboardScreen(state: DashboardState, wide: Boolean, onScope: (Scope) -> Unit) {
    val header: @Composable () -> Unit = {
        Text(state.title, style = MaterialTheme.typography.headlineSmall)
        Row(Modifier.horizontalScroll(rememberScrollState()), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            for (choice in state.scopes) {
                FilterChip(
                    selected = choice.value == state.scope,
                    onClick = { onScope(choice.value) },
                    label = { Text(choice.label, maxLines = 1, overflow = TextOverflow.Ellipsis, modifier = Modifier.widthIn(max = 160.dp)) },
                )
            }
        }
        state.error?.let { Text(it, color = MaterialTheme.colorScheme.error) }
    }
    val figures: @Composable () -> Unit = { for (row in state.indicators) IndicatorLine(row) }
    val rest: @Composable () -> Unit = {
        if (state.trend.isNotEmpty()) {
            SectionTitle(state.trendTitle)
            for (series in state.trend) TrendChart(series)
            Row(Modifier.fillMaxWidth().padding(horizontal = 16.dp)) {
                Text(state.trendFrom, style = MaterialTheme.typography.labelSmall, modifier = Modifier.weight(1f))
                Text(state.trendTo, style = MaterialTheme.typography.labelSmall)
            }
        }
        SectionTitle(state.actionsTitle)
        Lines(state.actions, state.nothing)
        SectionTitle(state.lookAtTitle)
        Lines(state.lookAt, state.nothingToLookAt)
    }
    if (wide) {
        Column(Modifier.fillMaxSize()) {
            Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) { header() }
            Row(Modifier.weight(1f)) {
                Column(Modifier.weight(1f).verticalScroll(rememberScrollState())) { figures() }
                Column(Modifier.weight(1f).verticalScroll(rememberScrollState())) { rest() }
            }
        }
    } else {
        Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState())) {
            Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) { header() }
            figures()
            rest()
        }
    }
}

/** An indicator: its name and value, last week's, and a bar against its objective when it has one. */
@Composable
private fun IndicatorLine(row: IndicatorRow) {
    Column(Modifier.fillMaxWidth().padding(horizontal = 16.dp, vertical = 6.dp)) {
        Row(verticalAlignment = Alignment.Bottom) {
            Text(row.label, style = MaterialTheme.typography.bodyMedium, modifier = Modifier.weight(1f))
            Text(row.value, style = MaterialTheme.typography.titleMedium)
        }
        Row {
            Text(row.previous, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant, modifier = Modifier.weight(1f))
            row.objective?.let { Text(it, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant) }
        }
        row.objectiveReached?.let { reached ->
            val done = if (row.objectiveMet) MaterialTheme.colorScheme.primary else MaterialTheme.colorScheme.tertiary
            val track = MaterialTheme.colorScheme.surfaceVariant
            val mark = MaterialTheme.colorScheme.onSurface
            // The bar fills to the share reached; the objective is the mark at 100 % (bars past it
            // stop at the edge, the mark at 80 % of the width so a bar can pass it).
            Canvas(Modifier.fillMaxWidth().height(10.dp).padding(top = 2.dp)) {
                val objectiveX = size.width * 0.8f
                drawRoundRect(track, size = size, cornerRadius = CornerRadius(4f))
                val filled = (objectiveX * reached.toFloat()).coerceIn(0f, size.width)
                drawRoundRect(done, size = Size(filled, size.height), cornerRadius = CornerRadius(4f))
                drawLine(mark, Offset(objectiveX, -2f), Offset(objectiveX, size.height + 2f), strokeWidth = 3f)
            }
        }
    }
}

/** One indicator over the last weeks: a bar a week, the current one highlighted, its value on the right. */
@Composable
private fun TrendChart(series: TrendSeries) {
    val bar = MaterialTheme.colorScheme.primary
    val older = MaterialTheme.colorScheme.primary.copy(alpha = 0.45f)
    Column(Modifier.fillMaxWidth().padding(horizontal = 16.dp, vertical = 4.dp)) {
        Row {
            Text(series.label, style = MaterialTheme.typography.bodySmall, modifier = Modifier.weight(1f))
            Text(series.last, style = MaterialTheme.typography.bodySmall)
        }
        Canvas(Modifier.fillMaxWidth().height(48.dp)) {
            val values = series.values
            val max = values.filterNotNull().maxOrNull()?.takeIf { it > 0 } ?: 1.0
            val slot = size.width / values.size
            values.forEachIndexed { i, value ->
                val h = ((value ?: 0.0) / max).toFloat() * (size.height - 4f)
                val x = i * slot + slot * 0.15f
                drawRoundRect(
                    if (i == values.lastIndex) bar else older,
                    topLeft = Offset(x, size.height - h),
                    size = Size(slot * 0.7f, h),
                    cornerRadius = CornerRadius(3f),
                )
            }
            drawLine(Color.Gray, Offset(0f, size.height), Offset(size.width, size.height), strokeWidth = 1f)
        }
    }
}

@Composable
private fun Lines(lines: List<DashboardLine>, nothing: String) {
    if (lines.isEmpty()) {
        Text(nothing, modifier = Modifier.padding(horizontal = 16.dp, vertical = 4.dp), color = MaterialTheme.colorScheme.onSurfaceVariant)
    }
    for (line in lines) {
        ListItem(
            headlineContent = { Text(line.title) },
            supportingContent = { Text(line.detail, color = if (line.alert) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant) },
        )
    }
}
