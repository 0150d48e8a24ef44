// The app's frame over an enrolled device: a navigation bar on a phone (its last tab lists the
// destinations it has no room for), a rail on a tablet, each with its icon, and the screens it goes
// to. A planned visit tapped on Today opens its report; once saved, the app shows the account it was
// for. An account's edit button opens its form. Every screen draws its presenter; this file only
// navigates, and hands the platform's actions (dial, mail, scan a badge) to the caller.
package app.tournee.android

import androidx.compose.foundation.clickable
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
import app.tournee.presentation.moreLabel
import app.tournee.presentation.AccountEditPresenter
import app.tournee.presentation.DashboardPresenter
import app.tournee.presentation.DashboardState
import app.tournee.presentation.PipelinePresenter
import app.tournee.presentation.PipelineState
import app.tournee.presentation.SyncPresenter
import kotlinx.coroutines.launch
import java.time.LocalDate
import java.time.ZoneId

/** What the app shows besides its destinations' first screens. */
private sealed class Overlay {
    data object None : Overlay()
    data object VisitForm : Overlay()
    data object AccountEdit : Overlay()
    /** The phone's list of the destinations its bar has no room for. */
    data object More : Overlay()
}

/** What the platform does for the app: dial, mail, read a badge's QR code with the camera. */
class PlatformActions(
    val call: (phone: String) -> Unit = {},
    val mail: (email: String) -> Unit = {},
    /** Opens the camera on a QR code (a badge, the admin's enrollment code); its text goes to [onRead]. */
    val scanQrCode: (onRead: (String) -> Unit) -> Unit = {},
)

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
    platform: PlatformActions = PlatformActions(),
) {
    val scope = rememberCoroutineScope()
    // The device's own messages (its refusals and errors) in the app's language, before any screen asks.
    remember(device, lang) { device.setLanguage(lang) }
    val agenda = remember(device, lang) { AgendaPresenter(device, changes, lang, zone, scope) }
    val accounts = remember(device, lang) { AccountsPresenter(device, changes, lang, scope, today) }
    val capture = remember(device, lang, event) { LeadCapturePresenter(device, changes, lang, zone, event, scope) }
    val visitForm = remember(device, lang) { VisitFormPresenter(device, lang, zone) }
    val detailPresenter = remember(device, lang) { AccountDetailPresenter(device, lang, zone) }
    val followUpsPresenter = remember(device, lang) { FollowUpsPresenter(device, lang) }
    val settings = remember(device) { SettingsPresenter(device, lang) }
    val pipelinePresenter = remember(device, lang) { PipelinePresenter(device, lang) }
    val dashboardPresenter = remember(device, lang) { DashboardPresenter(device, lang) }
    val syncPresenter = remember(device, lang) { SyncPresenter(device, lang, zone) }
    val accountEdit = remember(device, lang) { AccountEditPresenter(device, lang) }
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
    var pipeline by remember { mutableStateOf<PipelineState?>(null) }
    var dashboard by remember { mutableStateOf<DashboardState?>(null) }
    val openAccount: (String) -> Unit = { id -> scope.launch { detail = detailPresenter.load(id, today()) } }
    val go: (Destination) -> Unit = { to ->
        destination = to
        overlay = Overlay.None
        detail = null
        when (to) {
            Destination.FOLLOW_UPS -> scope.launch { followUps = followUpsPresenter.load(today()) }
            Destination.PIPELINE -> scope.launch { pipeline = pipelinePresenter.load(today(), mineOnly = false) }
            Destination.DASHBOARD -> scope.launch { dashboard = dashboardPresenter.load(today()) }
            Destination.SYNC -> scope.launch { syncPresenter.load(today()) }
            else -> {}
        }
    }
    val accountActions = AccountActions(
        filter = accounts::onFilter,
        edit = { id -> scope.launch { accountEdit.open(id); overlay = Overlay.AccountEdit } },
        call = platform.call,
        mail = platform.mail,
    )

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
                overlay == Overlay.More -> MoreScreen(lang, go)
                overlay == Overlay.AccountEdit -> {
                    val state by accountEdit.state.collectAsState()
                    state?.let {
                        AccountEditScreen(
                            it,
                            AccountEditActions(
                                text = accountEdit::onText,
                                kind = accountEdit::onKind,
                                needHorizon = accountEdit::onNeedHorizon,
                                openDispute = accountEdit::onOpenDispute,
                                lost = accountEdit::onLost,
                                save = {
                                    scope.launch {
                                        accountEdit.save()?.saved?.let { saved ->
                                            overlay = Overlay.None
                                            detail = detailPresenter.load(saved.id, today())
                                        }
                                    }
                                },
                                cancel = { overlay = Overlay.None },
                            ),
                        )
                    }
                }
                destination == Destination.TODAY -> AgendaRoute(agenda) { row ->
                    scope.launch {
                        visitForm.openPlanned(row.id, row.title, today())
                        overlay = Overlay.VisitForm
                    }
                }
                destination == Destination.ACCOUNTS -> {
                    val state by accounts.state.collectAsState()
                    state?.let { AccountsScreen(it, detail, wide, accounts::onQueryChanged, openAccount, accountActions) }
                }
                destination == Destination.FOLLOW_UPS -> followUps?.let {
                    FollowUpsScreen(it) { id -> scope.launch { followUps = followUpsPresenter.markDone(id, today()) } }
                }
                destination == Destination.TRADE_SHOW -> LeadCaptureRoute(capture, wide) {
                    platform.scanQrCode { text -> capture.onBadgeScanned(text) }
                }
                destination == Destination.PIPELINE -> pipeline?.let {
                    PipelineScreen(it, onMineOnly = { mine -> scope.launch { pipeline = pipelinePresenter.load(today(), mine) } }) { id ->
                        go(Destination.ACCOUNTS)
                        openAccount(id)
                    }
                }
                destination == Destination.DASHBOARD -> dashboard?.let {
                    DashboardScreen(it, wide) { chosen -> scope.launch { dashboard = dashboardPresenter.load(today(), chosen) } }
                }
                destination == Destination.SYNC -> {
                    val state by syncPresenter.state.collectAsState()
                    state?.let {
                        SyncScreen(
                            it,
                            wide,
                            SyncActions(
                                sync = { scope.launch { syncPresenter.sync(today()) } },
                                settle = { key, option -> scope.launch { syncPresenter.settle(key, option, today()) } },
                                merge = { kept, absorbed -> scope.launch { syncPresenter.merge(kept, absorbed, today()) } },
                            ),
                        )
                    }
                }
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
                    NavigationRailItem(selected = to == destination, onClick = { go(to) }, icon = { NavIcon(to) }, label = { Text(destinationLabel(to, lang)) })
                }
            }
            content(Modifier.weight(1f))
        }
    } else {
        Column(Modifier.fillMaxSize()) {
            content(Modifier.weight(1f))
            NavigationBar {
                for (to in Destination.PHONE_BAR) {
                    NavigationBarItem(
                        selected = to == destination && overlay != Overlay.More,
                        onClick = { go(to) },
                        icon = { NavIcon(to) },
                        label = { Text(destinationLabel(to, lang), maxLines = 1) },
                    )
                }
                NavigationBarItem(
                    selected = overlay == Overlay.More || destination in Destination.MORE,
                    onClick = { overlay = Overlay.More },
                    icon = { NavIcon(null) },
                    label = { Text(moreLabel(lang), maxLines = 1) },
                )
            }
        }
    }
}

/** The phone's "More" tab: the destinations its bar has no room for, each with its icon. */
@Composable
fun MoreScreen(lang: Lang, go: (Destination) -> Unit) {
    Column(Modifier.fillMaxSize()) {
        for (to in Destination.MORE) {
            androidx.compose.material3.ListItem(
                modifier = Modifier.clickable { go(to) },
                leadingContent = { NavIcon(to) },
                headlineContent = { Text(destinationLabel(to, lang)) },
            )
        }
    }
}
