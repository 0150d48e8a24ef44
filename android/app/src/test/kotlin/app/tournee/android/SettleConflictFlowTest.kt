package app.tournee.android

import androidx.compose.foundation.layout.size
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.ui.Modifier
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.runComposeUiTest
import androidx.compose.ui.unit.dp
import app.tournee.TestTeam
import app.tournee.core.AccountKind
import app.tournee.core.Lang
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.LocalDate
import java.time.ZoneId

/** The manager's tablet, clicked through: a conflict two devices made, seen side by side and settled. */
@OptIn(ExperimentalTestApi::class)
class SettleConflictFlowTest {
    @TempDir
    lateinit var dir: Path

    private val paris = ZoneId.of("Europe/Paris")
    private val day = LocalDate.of(2026, 3, 2)

    @Test
    fun `a city typed differently on two devices is settled from the Sync screen and stays settled after syncing`() = TestTeam(dir).use { team ->
        val (alice, bruno) = team.alice to team.bruno
        val account = runBlocking {
            val account = alice.saveAccount(alice.newAccount("Boulangerie Martin", AccountKind.CLIENT).copy(city = "Nantes"))
            team.sync(alice, bruno)
            alice.saveAccount(alice.accountDetail(account.id).account.copy(city = "Rezé"))
            bruno.saveAccount(bruno.accountDetail(account.id).account.copy(city = "Saint-Herblain"))
            team.sync(alice, bruno, alice)
            account
        }
        runComposeUiTest {
            setContent {
                MaterialTheme {
                    Surface(Modifier.size(1280.dp, 800.dp)) {
                        TourneeApp(bruno, team.brunoChanges, Lang.FR, paris, wide = true, event = "Sirha 2026", today = { day })
                    }
                }
            }
            onNodeWithText("Synchro").performClick()
            awaitText("1 conflit à régler")
            onNodeWithText("compte · Ville").assertExists()
            // Both values side by side.
            onNodeWithText("Rezé").assertExists()
            onNodeWithText("Saint-Herblain").assertExists()
            onNodeWithTag("settle:Rezé").performScrollTo().performClick()
            awaitText("Conflit réglé")
            awaitText("Aucun conflit à régler")
        }
        runBlocking {
            assertEquals("Rezé", bruno.accountDetail(account.id).account.city)
            team.sync(bruno, alice)
            assertEquals(emptyList<Any>(), alice.conflicts())
            assertEquals("Rezé", alice.accountDetail(account.id).account.city)
        }
    }
}
