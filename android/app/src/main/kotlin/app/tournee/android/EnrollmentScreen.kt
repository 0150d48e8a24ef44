// Enrollment: the server address and the admin's one-time code (typed here; the platform's camera
// fills both from the admin's QR code), the device's name and the app's language. Settings: who
// the device acts for, and the language. They only draw their presenters' states.
package app.tournee.android

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.tournee.core.Lang
import app.tournee.presentation.Choice
import app.tournee.presentation.Destination
import app.tournee.presentation.EnrollmentForm
import app.tournee.presentation.EnrollmentState
import app.tournee.presentation.SettingsState

@Composable
fun EnrollmentScreen(
    state: EnrollmentState,
    onChange: ((EnrollmentForm) -> EnrollmentForm) -> Unit,
    onScan: () -> Unit = {},
    onEnroll: () -> Unit,
) {
    val form = state.form
    Column(Modifier.padding(16.dp).widthIn(max = 600.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Text(state.title, style = MaterialTheme.typography.headlineSmall)
        Languages(state.languages, form.lang) { lang -> onChange { it.copy(lang = lang) } }
        OutlinedButton(onClick = onScan) {
            NavIcon(Destination.TRADE_SHOW)
            Text(state.scanCode, modifier = Modifier.padding(start = 8.dp))
        }
        Field(state.serverLabel, form.serverUrl) { text -> onChange { it.copy(serverUrl = text) } }
        Field(state.codeLabel, form.code) { text -> onChange { it.copy(code = text) } }
        Field(state.deviceNameLabel, form.deviceName) { text -> onChange { it.copy(deviceName = text) } }
        state.error?.let { Text(it, color = MaterialTheme.colorScheme.error) }
        Button(onClick = onEnroll, enabled = state.canEnroll && !state.enrolling, modifier = Modifier.fillMaxWidth()) { Text(state.enroll) }
    }
}

@Composable
fun SettingsScreen(state: SettingsState, onLanguage: (Lang) -> Unit) {
    Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Text(state.title, style = MaterialTheme.typography.headlineSmall)
        Text(state.actsFor)
        Languages(state.languages, state.lang, onLanguage)
    }
}

@Composable
private fun Languages(choices: List<Choice<Lang>>, selected: Lang, onPick: (Lang) -> Unit) {
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        for (choice in choices) {
            FilterChip(selected = choice.value == selected, onClick = { onPick(choice.value) }, label = { Text(choice.label) })
        }
    }
}

@Composable
private fun Field(label: String, value: String, onChange: (String) -> Unit) {
    OutlinedTextField(value = value, onValueChange = onChange, label = { Text(label) }, singleLine = true, modifier = Modifier.fillMaxWidth())
}
