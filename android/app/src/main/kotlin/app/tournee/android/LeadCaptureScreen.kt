// Trade-show capture: the form and the event's leads, side by side on the tablet, one above the
// other on a phone. A possible existing account shows under the company while it is typed; saving
// empties the form for the next lead. It only draws LeadCapturePresenter's state.
package app.tournee.android

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.LazyListScope
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AssistChip
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.ui.Alignment
import app.tournee.presentation.Destination
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.VerticalDivider
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.tournee.core.Field
import app.tournee.presentation.LeadCapturePresenter
import app.tournee.presentation.LeadCaptureState
import app.tournee.presentation.LeadForm
import app.tournee.presentation.LeadRow
import kotlinx.coroutines.launch

/** The capture screen of [presenter] (started by the caller). */
@Composable
fun LeadCaptureRoute(presenter: LeadCapturePresenter, wide: Boolean, scanBadge: () -> Unit = {}) {
    val state by presenter.state.collectAsState()
    val scope = rememberCoroutineScope()
    state?.let {
        LeadCaptureScreen(
            it,
            wide,
            LeadCaptureActions(
                change = presenter::update,
                save = { scope.launch { presenter.save() } },
                qualify = { lead, into -> scope.launch { presenter.qualify(lead, into) } },
                discard = { lead -> scope.launch { presenter.discard(lead) } },
                scanBadge = scanBadge,
            ),
        )
    }
}

/** What the stand's rep can do. */
class LeadCaptureActions(
    val change: ((LeadForm) -> LeadForm) -> Unit,
    val save: () -> Unit,
    /** Qualifies a lead into an account it looks like, or into a new prospect (`null`). */
    val qualify: (leadId: String, intoAccountId: String?) -> Unit,
    val discard: (leadId: String) -> Unit,
    /** Opens the camera on a badge's QR code (Android: [BadgeScanner]); its text goes to the presenter. */
    val scanBadge: () -> Unit = {},
)

@Composable
fun LeadCaptureScreen(state: LeadCaptureState, wide: Boolean, actions: LeadCaptureActions) {
    if (wide) {
        Row(Modifier.fillMaxSize()) {
            Column(Modifier.width(480.dp).fillMaxHeight().verticalScroll(rememberScrollState())) {
                LeadFormPane(state, actions)
            }
            VerticalDivider()
            LazyColumn(Modifier.weight(1f)) { leads(state, actions) }
        }
    } else {
        LazyColumn(Modifier.fillMaxSize()) {
            item { LeadFormPane(state, actions) }
            leads(state, actions)
        }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun LeadFormPane(state: LeadCaptureState, actions: LeadCaptureActions) {
    val form = state.form
    Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(state.title, style = MaterialTheme.typography.headlineSmall)
        if (state.scanBadge.isNotEmpty()) {
            OutlinedButton(onClick = actions.scanBadge) {
                NavIcon(Destination.TRADE_SHOW)
                Text(state.scanBadge, modifier = Modifier.padding(start = 8.dp))
            }
        }
        LeadField(state, Field.NAME, form.name) { text -> actions.change { it.copy(name = text) } }
        LeadField(state, Field.COMPANY, form.company) { text -> actions.change { it.copy(company = text) } }
        state.duplicateWarning?.let { DuplicateWarning(it, state.similarAccounts.map { account -> account.name }) }
        LeadField(state, Field.EMAIL, form.email) { text -> actions.change { it.copy(email = text) } }
        LeadField(state, Field.PHONE, form.phone) { text -> actions.change { it.copy(phone = text) } }
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            for (choice in state.interests) {
                FilterChip(
                    selected = form.interest == choice.value,
                    onClick = { actions.change { it.copy(interest = choice.value) } },
                    label = { Text(choice.label) },
                )
            }
        }
        LeadField(state, Field.NOTES, form.notes, singleLine = false) { text -> actions.change { it.copy(notes = text) } }
        state.banner?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
        Button(onClick = actions.save, modifier = Modifier.fillMaxWidth()) { Text(state.save) }
    }
}

private fun LazyListScope.leads(state: LeadCaptureState, actions: LeadCaptureActions) {
    item { SectionTitle(state.leadsTitle) }
    items(state.leads, key = { it.id }) { LeadLine(it, state, actions) }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun LeadLine(lead: LeadRow, state: LeadCaptureState, actions: LeadCaptureActions) {
    Column {
        ListItem(headlineContent = { Text(lead.title) }, supportingContent = { Text(lead.detail) })
        if (lead.isNew) {
            FlowRow(Modifier.padding(horizontal = 16.dp), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                lead.duplicateWarning?.let { Text(it, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodySmall) }
                // Into an account it looks like, or into a new prospect.
                for (account in lead.similarAccounts) {
                    AssistChip(onClick = { actions.qualify(lead.id, account.id) }, label = { Text("${state.qualify} · ${account.name}") })
                }
                TextButton(onClick = { actions.qualify(lead.id, null) }) { Text(state.qualify) }
                TextButton(onClick = { actions.discard(lead.id) }) { Text(state.discard) }
            }
        }
    }
}

@Composable
private fun DuplicateWarning(warning: String, names: List<String>) {
    Column {
        Text(warning, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodyMedium)
        for (name in names) Text(name, style = MaterialTheme.typography.bodySmall)
    }
}

@Composable
private fun LeadField(state: LeadCaptureState, field: Field, value: String, singleLine: Boolean = true, onChange: (String) -> Unit) =
    CoreTextField(state.labels.getValue(field), state.errors[field], value, Modifier.fillMaxWidth(), singleLine, onChange = onChange)
