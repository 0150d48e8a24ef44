package app.tournee.android

import androidx.compose.foundation.layout.size
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.ui.Modifier
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.runComposeUiTest
import androidx.compose.ui.unit.dp
import app.tournee.TestTeam
import app.tournee.core.AccountKind
import app.tournee.core.Channel
import app.tournee.core.Lang
import app.tournee.core.TimelineItem
import app.tournee.core.VisitStatus
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.LocalDate
import java.time.ZoneId
import java.time.ZonedDateTime

/** The phone app clicked through as a rep would, over the real core. */
@OptIn(ExperimentalTestApi::class)
class LogVisitFlowTest {
    @TempDir
    lateinit var dir: Path

    private val paris = ZoneId.of("Europe/Paris")
    private val day = LocalDate.of(2026, 3, 2)

    @Test
    fun `a planned visit on Today is reported with its order and shows on the account's history`() = TestTeam(dir).use { team ->
        val alice = team.alice
        val account = runBlocking {
            val account = alice.saveAccount(alice.newAccount("Boucherie Roux", AccountKind.CLIENT))
            val at = ZonedDateTime.of(day.atTime(14, 30), paris).toInstant()
            alice.saveVisit(alice.newVisit(account.id, Channel.ON_SITE, at, 60).copy(status = VisitStatus.PLANNED))
            account
        }
        runComposeUiTest {
            setContent {
                MaterialTheme {
                    Surface(Modifier.size(411.dp, 891.dp)) {
                        TourneeApp(alice, team.aliceChanges, Lang.EN, paris, wide = false, event = "Sirha 2026", today = { day })
                    }
                }
            }
            awaitText("14:30 · On-site visit")
            onNodeWithText("Boucherie Roux").performClick()
            awaitText("Log a visit")
            onNodeWithText("Order amount").performTextInput("1,250.50")
            onNodeWithText("Save the visit").performClick()
            // No next step chosen: the form asks for one and saves nothing.
            awaitText("Choose a next step with its date, or “No next step”")
            onNodeWithText("No next step").performScrollTo().performClick()
            onNodeWithText("Save the visit").performClick()
            awaitText("order taken · €1,250.50")
            onNodeWithText("Boucherie Roux").assertExists()
        }
        val visit = runBlocking { alice.accountDetail(account.id) }.timeline.single() as TimelineItem.Visit
        assertEquals(VisitStatus.DONE to 125_050L, visit.v1.status to visit.v1.orderAmountCents)
    }
}
