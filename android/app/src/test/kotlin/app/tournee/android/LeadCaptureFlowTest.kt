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
import app.tournee.TestTeam
import app.tournee.core.AccountKind
import app.tournee.core.Lang
import app.tournee.presentation.LeadCapturePresenter
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.ZoneId

/** The tablet's capture screen clicked through as a rep at the stand would, over the real core. */
@OptIn(ExperimentalTestApi::class)
class LeadCaptureFlowTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `three leads in a row on the tablet, the known company flagged while typing`() = TestTeam(dir).use { team ->
        val alice = team.alice
        runBlocking { alice.saveAccount(alice.newAccount("Boulangerie Martin", AccountKind.CLIENT)) }
        val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        val presenter = LeadCapturePresenter(alice, team.aliceChanges, Lang.EN, ZoneId.of("Europe/Paris"), "Sirha 2026", scope)
        runBlocking { presenter.start() }
        try {
            runComposeUiTest {
                setContent {
                    MaterialTheme { Surface(Modifier.size(1280.dp, 800.dp)) { LeadCaptureRoute(presenter, wide = true) } }
                }
                val leads = listOf("Claire Martin" to "Boulangerie Martin", "Paul Roux" to "Fromagerie Roux", "Inès Duval" to "Cave Duval")
                for ((index, lead) in leads.withIndex()) {
                    val (name, company) = lead
                    onNodeWithText("Name").performTextInput(name)
                    onNodeWithText("Company").performTextInput(company)
                    if (index == 0) awaitText("Already an account? One looks alike")
                    onNodeWithText("Save, next lead").performClick()
                    awaitText("Saved: $name")
                    awaitText("$name · $company")
                    // The form is empty again, ready for the next lead.
                    assertEquals("", presenter.state.value!!.form.name)
                }
                awaitText("3 leads captured")
                for ((name, company) in leads) onNodeWithText("$name · $company").assertExists()
            }
        } finally {
            presenter.close()
            scope.cancel()
        }
        assertEquals(3, runBlocking { alice.eventLeads("Sirha 2026") }.size)
    }
}
