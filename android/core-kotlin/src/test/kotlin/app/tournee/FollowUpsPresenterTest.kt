package app.tournee

import app.tournee.core.AccountKind
import app.tournee.core.Channel
import app.tournee.core.Lang
import app.tournee.core.NeedHorizon
import app.tournee.core.Outcome
import app.tournee.presentation.FollowUpsPresenter
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneOffset

/** Follow-ups and the 7-contact rule, against the real core. */
class FollowUpsPresenterTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `due follow-ups are marked done and a prospect left after three contacts is about to be dropped`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        val today = LocalDate.now(ZoneOffset.UTC)
        val quiet = alice.saveAccount(alice.newAccount("Cave Dupont", AccountKind.PROSPECT).copy(needHorizon = NeedHorizon.MEDIUM_LONG_TERM))
        repeat(3) {
            alice.logVisit(alice.newVisit(quiet.id, Channel.PHONE, Instant.now(), 0).copy(outcome = Outcome.PROGRESS), null)
        }
        val busy = alice.saveAccount(alice.newAccount("Boulangerie Martin", AccountKind.PROSPECT))
        val call = alice.saveFollowUp(alice.newFollowUp(busy.id, "Rappeler", today))

        val presenter = FollowUpsPresenter(alice, Lang.FR)
        val now = presenter.load(today)
        assertEquals("Relances" to "Relances à faire", now.title to now.dueTitle)
        assertEquals(listOf("Boulangerie Martin" to "Rappeler · pour le ${fr(today)}"), now.due.map { it.title to it.detail })
        assertEquals(emptyList<Any>(), now.atRisk)

        val done = presenter.markDone(call.id, today)
        assertEquals(emptyList<Any>(), done.due)
        assertEquals("Fait", done.markDone)

        // Five weeks later, nobody called either prospect back: the one left at its third contact
        // and the one whose only follow-up is done are both about to be dropped.
        val later = FollowUpsPresenter(alice, Lang.EN).load(today.plusDays(35))
        assertEquals(
            setOf("Cave Dupont" to "3 contacts of 7", "Boulangerie Martin" to "0 contacts of 7"),
            later.atRisk.map { it.name to it.detail.substringBefore(" · ") }.toSet(),
        )
        val cave = later.atRisk.single { it.name == "Cave Dupont" }
        assertTrue(cave.detail.startsWith("3 contacts of 7 · overdue since "), cave.detail)
        assertNull(later.emptyMessage)
    } }

    private fun fr(day: LocalDate) = "%02d/%02d/%d".format(day.dayOfMonth, day.monthValue, day.year)
}
