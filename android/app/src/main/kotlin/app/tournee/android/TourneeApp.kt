// The app's frame over an enrolled device: a navigation bar on a phone, a rail on a tablet, and
// the screens it goes to. A planned visit tapped on Today opens its report; once saved, the app
// shows the account it was for. Every screen draws its presenter; this file only navigates.
package app.tournee.android

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.NavigationRail
import androidx.compose.material3.NavigationRailItem
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.presentation.AccountDetailPresenter
import app.tournee.presentation.AccountDetailState
import app.tournee.presentation.AccountsPresenter
import app.tournee.presentation.AgendaPresenter
import app.tournee.presentation.Destination
import app.tournee.presentation.DeviceChanges
import app.tournee.presentation.FollowUpsPresenter
import app.tournee.presentation.FollowUpsState
import app.tournee.presentation.LeadCapturePresenter
import app.tournee.presentation.SettingsPresenter
import app.tournee.presentation.VisitFormPresenter
import app.tournee.presentation.destinationLabel
import kotlinx.coroutines.launch
import java.time.LocalDate
import java.time.ZoneId

/** What the app shows besides its destinations' first screens. */
private sealed class Overlay {
    data object None : Overlay()
    data object VisitForm : Overlay()
}

/**
 * The app on [device] in [lang]; [wide] on a tablet. [event] is the trade show the capture screen
 * records leads for; [today] the local day (the agenda and follow-ups follow it). [onLanguage]: the
 * person chose another language in the settings.
 */
@Composable
fun TourneeApp(
    device: Device,
    changes: DeviceChanges,
    lang: Lang,
    zone: ZoneId,
    wide: Boolean,
    event: String,
    today: () -> LocalDate,
    onLanguage: (Lang) -> Unit = {},
) {
    val scope = rememberCoroutineScope()
    val agenda = remember(device, lang) { AgendaPresenter(device, changes, lang, zone, scope) }
    val accounts = remember(device, lang) { AccountsPresenter(device, changes, lang, scope) }
    val capture = remember(device, lang, event) { LeadCapturePresenter(device, changes, lang, zone, event, scope) }
    val visitForm = remember(device, lang) { VisitFormPresenter(device, lang, zone) }
    val detailPresenter = remember(device, lang) { AccountDetailPresenter(device, lang, zone) }
    val followUpsPresenter = remember(device, lang) { FollowUpsPresenter(device, lang) }
    val settings = remember(device) { SettingsPresenter(device, lang) }
    DisposableEffect(agenda, accounts, capture) {
        agenda.start(today)
        accounts.start()
        scope.launch { capture.start() }
        onDispose {
            agenda.close()
            accounts.close()
            capture.close()
        }
    }

    var destination by remember { mutableStateOf(Destination.TODAY) }
    var overlay by remember { mutableStateOf<Overlay>(Overlay.None) }
    var detail by remember { mutableStateOf<AccountDetailState?>(null) }
    var followUps by remember { mutableStateOf<FollowUpsState?>(null) }
    val openAccount: (String) -> Unit = { id -> scope.launch { detail = detailPresenter.load(id, today()) } }
    val go: (Destination) -> Unit = { to ->
        destination = to
        overlay = Overlay.None
        detail = null
        if (to == Destination.FOLLOW_UPS) scope.launch { followUps = followUpsPresenter.load(today()) }
    }

    // A visit saved: show its account, where it now heads the history.
    val formState by visitForm.state.collectAsState()
    LaunchedEffect(formState?.savedAccountId) {
        formState?.savedAccountId?.let { id ->
            go(Destination.ACCOUNTS)
            detail = detailPresenter.load(id, today())
        }
    }

    val content: @Composable (Modifier) -> Unit = { modifier ->
        Column(modifier) {
            when {
                overlay == Overlay.VisitForm -> VisitFormRoute(visitForm)
                destination == Destination.TODAY -> AgendaRoute(agenda) { row ->
                    scope.launch {
                        visitForm.openPlanned(row.id, row.title, today())
                        overlay = Overlay.VisitForm
                    }
                }
                destination == Destination.ACCOUNTS -> {
                    val state by accounts.state.collectAsState()
                    state?.let { AccountsScreen(it, detail, wide, accounts::onQueryChanged, openAccount) }
                }
                destination == Destination.FOLLOW_UPS -> followUps?.let {
                    FollowUpsScreen(it) { id -> scope.launch { followUps = followUpsPresenter.markDone(id, today()) } }
                }
                destination == Destination.TRADE_SHOW -> LeadCaptureRoute(capture, wide)
                destination == Destination.SETTINGS -> {
                    val state by settings.state.collectAsState()
                    SettingsScreen(state) { chosen ->
                        settings.chooseLanguage(chosen)
                        onLanguage(chosen)
                    }
                }
            }
        }
    }
    if (wide) {
        Row(Modifier.fillMaxSize()) {
            NavigationRail {
                for (to in Destination.entries) {
                    NavigationRailItem(selected = to == destination, onClick = { go(to) }, icon = {}, label = { Text(destinationLabel(to, lang)) })
                }
            }
            content(Modifier.weight(1f))
        }
    } else {
        Column(Modifier.fillMaxSize()) {
            content(Modifier.weight(1f))
            NavigationBar {
                for (to in Destination.entries) {
                    NavigationBarItem(selected = to == destination, onClick = { go(to) }, icon = {}, label = { Text(destinationLabel(to, lang)) })
                }
            }
        }
    }
}
