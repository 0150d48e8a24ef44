package app.tournee.android

import androidx.compose.foundation.layout.size
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.ui.Modifier
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.runComposeUiTest
import androidx.compose.ui.unit.dp
import app.tournee.TestTeam
import app.tournee.core.Lang
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.nio.file.Path
import java.time.LocalDate
import java.time.ZoneId

/** The tablet at the stand: a badge scanned (the camera stands in here), checked, saved. */
@OptIn(ExperimentalTestApi::class)
class BadgeScanFlowTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `a scanned badge fills the capture form through the app's platform glue, and is saved as a lead`() = TestTeam(dir).use { team ->
        val alice = team.alice
        val badge = File(System.getenv("TOURNEE_TEST_VECTORS"), "badges/visitor-mecard.txt").readText()
        var scans = 0
        // What MainActivity does with the camera: read a QR code, hand its text over.
        val camera = PlatformActions(scanQrCode = { deliver -> scans++; deliver(badge) })
        runComposeUiTest {
            setContent {
                MaterialTheme {
                    Surface(Modifier.size(1280.dp, 800.dp)) {
                        TourneeApp(alice, team.aliceChanges, Lang.EN, ZoneId.of("Europe/Paris"), wide = true, event = "Sirha 2026", today = { LocalDate.of(2026, 3, 2) }, platform = camera)
                    }
                }
            }
            onNodeWithText("Trade show").performClick()
            onNodeWithText("Scan a badge").performClick()
            awaitText("Badge read: Marc Dubois. Check, then save.")
            onNodeWithText("Cave Dubois; Fils").assertExists()
            onNodeWithText("Save, next lead").performClick()
            awaitText("Marc Dubois · Cave Dubois; Fils")
        }
        assertEquals(1, scans)
        val lead = runBlocking { alice.eventLeads("Sirha 2026") }.single()
        assertEquals(listOf("Marc Dubois", "marc@cave-dubois.fr", "+33 5 56 00 00 00"), listOf(lead.name, lead.email, lead.phone))
        assertEquals("https://cave-dubois.fr\nIntéressé par la gamme bio", lead.notes)
    }
}
