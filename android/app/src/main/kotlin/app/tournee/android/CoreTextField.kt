package app.tournee.android

import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier

/** A form's text field: its label and its refusal (if any) are the core's words, given by the presenter. */
@Composable
fun CoreTextField(
    label: String,
    error: String?,
    value: String,
    modifier: Modifier,
    singleLine: Boolean = true,
    readOnly: Boolean = false,
    /** Said under the field while it is not refused ("séparés par des virgules"). */
    hint: String? = null,
    onChange: (String) -> Unit,
) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        isError = error != null,
        supportingText = (error ?: hint)?.let { { Text(it) } },
        singleLine = singleLine,
        minLines = if (singleLine) 1 else 3,
        readOnly = readOnly,
        modifier = modifier,
    )
}
