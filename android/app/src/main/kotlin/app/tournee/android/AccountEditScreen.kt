// An account's form: every field labelled and refused in the core's words, its kind (and a
// prospect's need horizon) as chips, its two flags as switches. It only draws AccountEditPresenter's
// state.
package app.tournee.android

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.tournee.core.AccountKind
import app.tournee.core.Field
import app.tournee.core.NeedHorizon
import app.tournee.presentation.AccountEditPresenter
import app.tournee.presentation.AccountEditState

/** What the person can do on the form. */
class AccountEditActions(
    val text: (Field, String) -> Unit,
    val kind: (AccountKind) -> Unit,
    val needHorizon: (NeedHorizon?) -> Unit,
    val openDispute: (Boolean) -> Unit,
    val lost: (Boolean) -> Unit,
    val save: () -> Unit,
    val cancel: () -> Unit,
)

@OptIn(ExperimentalLayoutApi::class)
@Composable
fun AccountEditScreen(state: AccountEditState, actions: AccountEditActions) {
    val form = state.form
    // A form keeps to a readable width on a tablet, whatever width its parent imposes.
    Box(Modifier.fillMaxSize()) {
        Column(Modifier.widthIn(max = 640.dp).fillMaxHeight().padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Column(Modifier.weight(1f).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    for (choice in state.kinds) {
                        FilterChip(selected = form.kind == choice.value, onClick = { actions.kind(choice.value) }, label = { Text(choice.label) })
                    }
                }
                if (form.kind == AccountKind.PROSPECT) {
                    Text(state.labels.getValue(Field.NEED_HORIZON), style = MaterialTheme.typography.labelLarge)
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        for (choice in state.horizons) {
                            val selected = form.needHorizon == choice.value
                            FilterChip(selected = selected, onClick = { actions.needHorizon(choice.value.takeIf { !selected }) }, label = { Text(choice.label) })
                        }
                    }
                }
                for (field in AccountEditPresenter.TEXT_FIELDS) {
                    CoreTextField(
                        state.labels.getValue(field),
                        state.errors[field],
                        form.texts[field].orEmpty(),
                        Modifier.fillMaxWidth(),
                        singleLine = field != Field.NOTES,
                    ) { actions.text(field, it) }
                }
                Flag(state.openDisputeLabel, form.openDispute, actions.openDispute)
                Flag(state.lostLabel, form.lost, actions.lost)
            }
            state.banner?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                TextButton(onClick = actions.cancel) { Text(state.cancel) }
                Button(onClick = actions.save, modifier = Modifier.weight(1f)) { Text(state.save) }
            }
        }
    }
}

@Composable
private fun Flag(label: String, on: Boolean, onChange: (Boolean) -> Unit) {
    Row(verticalAlignment = Alignment.CenterVertically) {
        Text(label, modifier = Modifier.weight(1f))
        Switch(checked = on, onCheckedChange = onChange)
    }
}
