package app.tournee.android

import androidx.compose.foundation.layout.size
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.ui.Modifier
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.runComposeUiTest
import androidx.compose.ui.unit.dp
import app.tournee.TestServer
import app.tournee.core.AdminConsole
import app.tournee.core.Lang
import app.tournee.core.Role
import app.tournee.core.Tournee
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.LocalDate
import java.time.ZoneId
import java.util.UUID

/** A new phone enrolled through the app, then switched to French in the settings. */
@OptIn(ExperimentalTestApi::class)
class EnrollFlowTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `a rep enrolls the phone with the admin's code and lands on Today, then reads it in French`() {
        val code = AdminConsole(TestServer.url, TestServer.adminToken).use { admin ->
            runBlocking {
                val team = admin.createTeam("Sud ${UUID.randomUUID()}")
                admin.enrollmentCode(admin.createUser("Chloé Faure", Role.REP, team.id).id).code
            }
        }
        runComposeUiTest {
            setContent {
                MaterialTheme {
                    Surface(Modifier.size(411.dp, 891.dp)) {
                        TourneeRoot(dir.toString(), Lang.EN, ZoneId.of("Europe/Paris"), wide = false, event = "Sirha 2026") {
                            LocalDate.of(2026, 3, 2)
                        }
                    }
                }
            }
            onNodeWithText("Server address").performTextInput(TestServer.url)
            onNodeWithText("Enrollment code").performTextInput(code)
            onNodeWithText("Device name").performTextInput("Chloé's phone")
            onNodeWithText("Enroll").performClick()
            awaitText("Nothing planned today.")
            // On a phone, the settings are under the bar's last tab.
            onNodeWithText("More").performClick()
            onNodeWithText("Settings").performClick()
            awaitText("Connected to ${TestServer.url} as rep")
            onNodeWithText("Français").performClick()
            awaitText("Connecté à ${TestServer.url} en tant que commercial")
            onNodeWithText("Aujourd'hui").performClick()
            awaitText("Rien de prévu aujourd'hui.")
        }
        val zone = Tournee(dir.toString(), Lang.EN).use { home -> home.open().use { runBlocking { it.timeZone() } } }
        assertEquals("Europe/Paris", zone, "the core's days follow the phone's time zone")
    }
}
