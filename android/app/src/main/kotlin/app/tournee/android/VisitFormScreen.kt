// Log a visit: channel and outcome as chips, the order typed the way the rep types amounts, notes,
// and the next step (a follow-up with its due date, or "no next step") before saving. It only draws
// VisitFormPresenter's state and hands it what the rep did.
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
import androidx.compose.foundation.ScrollState
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.DatePicker
import androidx.compose.material3.DatePickerDialog
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.SelectableDates
import androidx.compose.material3.TextButton
import androidx.compose.material3.rememberDatePickerState
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import java.time.LocalDate
import java.time.ZoneOffset
import androidx.compose.ui.Alignment
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.tournee.core.Field
import app.tournee.presentation.Choice
import app.tournee.presentation.NextStep
import app.tournee.presentation.VisitForm
import app.tournee.presentation.VisitFormPresenter
import app.tournee.presentation.VisitFormState
import kotlinx.coroutines.launch
import java.time.Instant

/** The form of [presenter] (opened by the caller). */
@Composable
fun VisitFormRoute(presenter: VisitFormPresenter) {
    val state by presenter.state.collectAsState()
    val scope = rememberCoroutineScope()
    state?.let {
        VisitFormScreen(
            it,
            VisitFormActions(
                change = presenter::update,
                nextStepAction = presenter::onNextStepAction,
                noNextStep = presenter::onNoNextStep,
                save = { scope.launch { presenter.save(Instant.now()) } },
                moveDue = presenter::onMoveDue,
                pickDue = presenter::onNextStepDue,
            ),
        )
    }
}

/** What the rep can do on the form. */
class VisitFormActions(
    val change: ((VisitForm) -> VisitForm) -> Unit,
    val nextStepAction: (String) -> Unit,
    val noNextStep: () -> Unit,
    val save: () -> Unit,
    /** Moves the follow-up's due day by a number of days (the arrows beside it). */
    val moveDue: (Long) -> Unit = {},
    /** Sets the follow-up's due day to the one picked in the calendar. */
    val pickDue: (LocalDate) -> Unit = {},
)

@OptIn(ExperimentalLayoutApi::class)
@Composable
fun VisitFormScreen(
    state: VisitFormState,
    actions: VisitFormActions,
    scroll: ScrollState = rememberScrollState(),
    /** Opens with the calendar shown (the render test draws it so). */
    calendarOpen: Boolean = false,
) {
    val form = state.form
    // The save button stays in sight below the fields, which scroll.
    // A form keeps to a readable width on a tablet, whatever width its parent imposes.
    Box(Modifier.fillMaxSize()) {
        Column(Modifier.widthIn(max = 640.dp).fillMaxHeight().padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
            Column(
                Modifier.weight(1f).verticalScroll(scroll),
                verticalArrangement = Arrangement.spacedBy(12.dp),
            ) {
                Text(state.title, style = MaterialTheme.typography.headlineSmall)
                Text(state.accountName, style = MaterialTheme.typography.titleMedium)
                Chips(state.channels, form.channel) { channel -> actions.change { it.copy(channel = channel) } }
                Chips(state.outcomes, form.outcome) { outcome -> actions.change { it.copy(outcome = outcome) } }
                Chips(state.interests, form.interest) { interest -> actions.change { it.copy(interest = interest) } }
                CoreTextField(
                    state.labels.getValue(Field.PRODUCTS),
                    state.errors[Field.PRODUCTS],
                    form.products,
                    Modifier.fillMaxWidth(),
                    hint = state.productsHint,
                ) { text -> actions.change { it.copy(products = text) } }
                // One field a line: "Montant de la commande" does not fit half a phone's width.
                FormField(state, Field.ORDER_AMOUNT_CENTS, form.orderAmount, Modifier.fillMaxWidth()) { text ->
                    actions.change { it.copy(orderAmount = text) }
                }
                FormField(state, Field.ORDER_MARGIN_CENTS, form.orderMargin, Modifier.fillMaxWidth()) { text ->
                    actions.change { it.copy(orderMargin = text) }
                }
                FormField(state, Field.NOTES, form.notes, Modifier.fillMaxWidth(), singleLine = false) { text ->
                    actions.change { it.copy(notes = text) }
                }
                val followUp = form.nextStep as? NextStep.FollowUp
                FormField(state, Field.NEXT_STEP, followUp?.action.orEmpty(), Modifier.fillMaxWidth(), onChange = actions.nextStepAction)
                // The due day, then the arrows that move it: a day back or forward, a week forward;
                // the presenter keeps it from passing before the visit's day.
                var picking by remember { mutableStateOf(calendarOpen) }
                // The due day opens a calendar when tapped.
                TextButton(onClick = { picking = true }) {
                    Text(
                        state.dueDay.ifEmpty { state.labels.getValue(Field.DUE_ON) },
                        style = MaterialTheme.typography.bodyLarge,
                        color = if (state.errors[Field.DUE_ON] != null) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurface,
                    )
                }
                if (picking) DuePicker(state, onPick = { actions.pickDue(it); picking = false }, onDismiss = { picking = false })
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    OutlinedButton(onClick = { actions.moveDue(-1) }) { Text("−1") }
                    OutlinedButton(onClick = { actions.moveDue(1) }) { Text("+1") }
                    OutlinedButton(onClick = { actions.moveDue(7) }) { Text("+7") }
                }
                state.errors[Field.DUE_ON]?.let { Text(it, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodySmall) }
                FilterChip(
                    selected = form.nextStep == NextStep.None,
                    onClick = actions.noNextStep,
                    label = { Text(state.noNextStep) },
                )
            }
            state.banner?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
            Button(onClick = actions.save, enabled = !state.saving, modifier = Modifier.fillMaxWidth()) { Text(state.save) }
        }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun <T> Chips(choices: List<Choice<T>>, selected: T?, onPick: (T) -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        for (choice in choices) {
            FilterChip(selected = choice.value == selected, onClick = { onPick(choice.value) }, label = { Text(choice.label) })
        }
    }
}

/** A field of the visit form, labelled and refused in the core's words. */
@Composable
private fun FormField(
    state: VisitFormState,
    field: Field,
    value: String,
    modifier: Modifier,
    singleLine: Boolean = true,
    readOnly: Boolean = false,
    onChange: (String) -> Unit,
) = CoreTextField(state.labels.getValue(field), state.errors[field], value, modifier, singleLine, readOnly, onChange = onChange)

/** A calendar from the visit's day on, starting on the follow-up's day; the picked day goes to [onPick]. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
private fun DuePicker(state: VisitFormState, onPick: (LocalDate) -> Unit, onDismiss: () -> Unit) {
    // The calendar speaks in UTC milliseconds at midnight; the form in local days.
    fun millis(day: LocalDate) = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
    val earliest = millis(state.earliestDue)
    val picker = rememberDatePickerState(
        initialSelectedDateMillis = millis(state.pickFrom),
        selectableDates = object : SelectableDates {
            override fun isSelectableDate(utcTimeMillis: Long) = utcTimeMillis >= earliest
        },
    )
    DatePickerDialog(
        onDismissRequest = onDismiss,
        confirmButton = {
            TextButton(onClick = {
                picker.selectedDateMillis?.let { onPick(Instant.ofEpochMilli(it).atZone(ZoneOffset.UTC).toLocalDate()) } ?: onDismiss()
            }) { Text(state.ok) }
        },
        dismissButton = { TextButton(onClick = onDismiss) { Text(state.cancel) } },
    ) {
        // Its title is the form's label; days, months and weekdays follow the device's locale.
        DatePicker(
            picker,
            title = { Text(state.labels.getValue(Field.DUE_ON), modifier = Modifier.padding(start = 24.dp, end = 12.dp, top = 16.dp)) },
            showModeToggle = false,
        )
    }
}
