package app.tournee

import app.tournee.core.Account
import app.tournee.core.AccountKind
import app.tournee.core.Channel
import app.tournee.core.Collection
import app.tournee.core.ConflictResolution
import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.core.Metric
import app.tournee.core.Outcome
import app.tournee.core.Scope
import app.tournee.core.TimelineItem
import app.tournee.core.TourneeException
import app.tournee.core.Field
import app.tournee.core.IndicatorKey
import app.tournee.core.Reason
import app.tournee.core.IndicatorUnit
import app.tournee.core.indicatorLabel
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneOffset
import java.time.temporal.ChronoUnit

/** The core through the Kotlin bindings and JNA, against a real sync server. */
class BindingsTest {
    @TempDir
    lateinit var dir: Path

    private val now: Instant get() = Instant.now().truncatedTo(ChronoUnit.SECONDS)
    private val today: LocalDate get() = LocalDate.now(ZoneOffset.UTC)

    private suspend fun Device.account(name: String = "Boulangerie Martin"): Account =
        saveAccount(newAccount(name, AccountKind.PROSPECT).copy(postcode = "44000"))

    private suspend fun Device.logVisit(accountId: String, orderCents: Long = 0, channel: Channel = Channel.ON_SITE) =
        saveVisit(
            newVisit(accountId, channel, now, 0).copy(
                outcome = if (orderCents > 0) Outcome.ORDER_TAKEN else Outcome.PROGRESS,
                orderAmountCents = orderCents,
                orderMarginCents = orderCents / 4,
            ),
        )

    @Test
    fun `offline work on two devices merges and shows the true conflict`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val (alice, bruno) = team.alice to team.bruno
        val account = alice.account()
        team.sync(alice, bruno)
        assertEquals(listOf(account.id), bruno.searchAccounts("boul", 10u).map { it.id })

        alice.logVisit(account.id, 120_000)
        alice.logVisit(account.id)
        bruno.logVisit(account.id, 30_000, Channel.PHONE)
        alice.saveAccount(alice.accountDetail(account.id).account.copy(city = "Nantes", phone = "02 40 00 00 01"))
        bruno.saveAccount(bruno.accountDetail(account.id).account.copy(segment = "Boulangerie", phone = "06 12 34 56 78"))
        assertTrue(alice.outboxCount() > 0UL)

        val reports = team.sync(alice, bruno, alice)
        assertEquals(1UL, reports[1].received)
        assertEquals(1UL, reports[1].conflicts)
        for (device in listOf(alice, bruno)) {
            val detail = device.accountDetail(account.id)
            val visits = detail.timeline.filterIsInstance<TimelineItem.Visit>().map { it.v1 }
            assertEquals(listOf(0L, 30_000L, 120_000L), visits.map { it.orderAmountCents }.sorted())
            assertEquals("Nantes" to "Boulangerie", detail.account.city to detail.account.segment)
            assertEquals(0UL, device.outboxCount())
        }

        val conflicts = alice.conflicts()
        assertEquals(conflicts, bruno.conflicts())
        val conflict = conflicts.single()
        assertEquals(Triple(Collection.ACCOUNTS, account.id, "phone"), Triple(conflict.collection, conflict.recordId, conflict.field))
        assertEquals(listOf("02 40 00 00 01", "06 12 34 56 78"), conflict.values.sorted())
        assertEquals(conflict.winner, alice.accountDetail(account.id).account.phone)

        alice.resolveConflict(conflict, ConflictResolution.Keep("06 12 34 56 78"))
        team.sync(alice, bruno)
        for (device in listOf(alice, bruno)) {
            assertEquals(emptyList<Any>(), device.conflicts())
            assertEquals("06 12 34 56 78", device.accountDetail(account.id).account.phone)
        }
    } }

    @Test
    fun `the weekly dashboard counts both devices against the objective`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val (alice, bruno) = team.alice to team.bruno
        val account = alice.account()
        alice.logVisit(account.id, 120_000)
        alice.logVisit(account.id)
        team.sync(alice, bruno)
        bruno.logVisit(account.id, 30_000)
        val monday = today.minusDays(today.dayOfWeek.value - 1L)
        bruno.saveObjective(bruno.newObjective(team.rep.id, Metric.VISITS, 4, monday, monday.plusDays(6)))
        team.sync(bruno, alice)

        val mine = alice.weeklyDashboard(Scope.Rep(team.rep.id), today).indicators.associateBy { it.key }
        assertEquals("Visites terrain", indicatorLabel(IndicatorKey.VISITS, Lang.FR))
        assertEquals(2.0, mine.getValue(IndicatorKey.VISITS).value)
        assertEquals(120_000.0, mine.getValue(IndicatorKey.REVENUE).value)
        assertEquals(IndicatorUnit.CENTS, mine.getValue(IndicatorKey.REVENUE).unit)
        val objective = mine.getValue(IndicatorKey.VISITS).objective!!
        assertEquals(4L to 2L, objective.target to objective.actual)
        assertEquals(50.0, objective.percent)
        assertFalse(objective.met)

        val teamWide = bruno.weeklyDashboard(Scope.Team, today).indicators.associateBy { it.key }
        assertEquals("On-site visits", indicatorLabel(IndicatorKey.VISITS, Lang.EN))
        assertEquals(3.0, teamWide.getValue(IndicatorKey.VISITS).value)
        assertEquals(150_000.0, teamWide.getValue(IndicatorKey.REVENUE).value)
        assertEquals(75_000.0, teamWide.getValue(IndicatorKey.AVERAGE_BASKET).value)
    } }

    @Test
    fun `bad input is a typed error that names the field`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val account = team.alice.account()
        val visit = team.alice.newVisit(account.id, Channel.ON_SITE, now, 0).copy(orderAmountCents = -5)
        val refused = assertThrows(TourneeException.Invalid::class.java) { runBlocking { team.alice.saveVisit(visit) } }
        assertEquals(Field.ORDER_AMOUNT_CENTS, refused.field)
        assertEquals(Reason.Negative, refused.reason)
        assertEquals("Order amount: must not be negative", refused.text)
        assertEquals(0, team.alice.accountDetail(account.id).timeline.size)
        assertThrows(TourneeException.NotFound::class.java) { runBlocking { team.alice.accountDetail("no-such-account") } }
        assertThrows(TourneeException.Unauthorized::class.java) {
            runBlocking {
                app.tournee.core.Tournee(dir.resolve("intruder").toString(), Lang.EN).use { it.enroll(TestServer.url, "AAAAA-BBBBB-CCCCC", "x") }
            }
        }
    } }
}
