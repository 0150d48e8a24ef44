// The app's first composable: the enrollment screen until this device is enrolled, then the app
// over the enrolled device, in the language chosen at enrollment or later in the settings.
package app.tournee.android

import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import app.tournee.core.Lang
import app.tournee.core.TourneeException
import app.tournee.presentation.DeviceChanges
import app.tournee.presentation.EnrollmentPresenter
import kotlinx.coroutines.launch
import java.time.LocalDate
import java.time.ZoneId

/** The app keeping its data in [dataDir] (private to the app); see [TourneeApp] for the rest. */
@Composable
fun TourneeRoot(
    dataDir: String,
    initialLang: Lang,
    zone: ZoneId,
    wide: Boolean,
    event: String,
    platform: PlatformActions = PlatformActions(),
    today: () -> LocalDate,
) {
    val enrollment = remember(dataDir) { EnrollmentPresenter(dataDir, initialLang) }
    var device by remember(dataDir) { mutableStateOf(enrollment.openEnrolled()) }
    var lang by remember { mutableStateOf(initialLang) }
    val scope = rememberCoroutineScope()
    val enrolled = device
    if (enrolled == null) {
        val state by enrollment.state.collectAsState()
        EnrollmentScreen(state, enrollment::update, onScan = { platform.scanQrCode(enrollment::onScanned) }) {
            scope.launch {
                enrollment.enroll()?.let {
                    lang = enrollment.state.value.form.lang
                    device = it
                }
            }
        }
        return
    }
    val changes = remember(enrolled) { DeviceChanges(enrolled) }
    // The core's "today", agenda and weeks follow the phone's time zone. A zone the tz database
    // does not name (an offset such as "GMT+01:00") leaves the core on the system's, the same clock.
    LaunchedEffect(enrolled, zone) {
        try {
            enrolled.setTimeZone(zone.id)
        } catch (_: TourneeException) {
        }
    }
    DisposableEffect(enrolled) {
        onDispose {
            changes.close()
            enrolled.close()
        }
    }
    TourneeApp(enrolled, changes, lang, zone, wide, event, today, onLanguage = { lang = it }, platform = platform)
}
