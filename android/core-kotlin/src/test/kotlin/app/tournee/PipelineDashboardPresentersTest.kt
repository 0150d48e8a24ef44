package app.tournee

import app.tournee.core.AccountKind
import app.tournee.core.Channel
import app.tournee.core.IndicatorKey
import app.tournee.core.Lang
import app.tournee.core.Metric
import app.tournee.core.OpportunityStage
import app.tournee.core.Outcome
import app.tournee.core.Scope
import app.tournee.presentation.DashboardPresenter
import app.tournee.presentation.PipelinePresenter
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.RandomAccessFile
import java.nio.file.Path
import java.time.DayOfWeek
import java.time.LocalDate
import java.time.ZoneOffset

/** The pipeline and the weekly dashboard, against the real core and server. */
class PipelineDashboardPresentersTest {
    @TempDir
    lateinit var dir: Path

    private val today: LocalDate = LocalDate.now(ZoneOffset.UTC)

    @Test
    fun `the pipeline lists open deals by stage with amounts and close dates, mine or the team's`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val (alice, bruno) = team.alice to team.bruno
        val empty = PipelinePresenter(alice, Lang.EN).load(today, mineOnly = true)
        assertEquals("No open deal" to emptyList<Any>(), empty.emptyMessage to empty.stages)
        assertEquals("No deal · €0.00", empty.total)

        val bakery = alice.saveAccount(alice.newAccount("Boulangerie Martin", AccountKind.PROSPECT))
        alice.saveOpportunity(alice.newOpportunity(bakery.id, "Four à sole", 1_250_050, 60u, today.plusDays(20)))
        alice.saveOpportunity(
            alice.newOpportunity(bakery.id, "Vitrine réfrigérée", 300_000, 80u, today.minusDays(2)).copy(stage = OpportunityStage.NEGOTIATION),
        )
        alice.saveOpportunity(alice.newOpportunity(bakery.id, "Pétrin", 90_000, 100u, today).copy(stage = OpportunityStage.WON))
        team.sync(alice, bruno)
        bruno.saveOpportunity(bruno.newOpportunity(bakery.id, "Contrat d'entretien", 50_000, 30u, today.plusDays(40)))

        val fr = PipelinePresenter(alice, Lang.FR).load(today, mineOnly = true)
        assertNull(fr.emptyMessage)
        assertEquals("2 affaires · 15\u202F500,50\u00A0€", fr.total)
        assertEquals(listOf(OpportunityStage.QUALIFICATION, OpportunityStage.NEGOTIATION), fr.stages.map { it.stage })
        val oven = fr.stages[0].deals.single()
        assertEquals("Boulangerie Martin · Four à sole", oven.title)
        assertEquals("12\u202F500,50\u00A0€ · 60\u00A0%", oven.amount)
        val late = fr.stages[1].deals.single()
        assertTrue(late.overdue && late.close.startsWith("devait clôturer le "), late.close)
        // The manager sees the team's deals, his own included; the won deal is not in the pipeline.
        val team3 = PipelinePresenter(bruno, Lang.EN).load(today, mineOnly = false)
        assertEquals(3, team3.stages.sumOf { it.deals.size })
        assertEquals(1, PipelinePresenter(bruno, Lang.EN).load(today, mineOnly = true).stages.sumOf { it.deals.size })
    } }

    @Test
    fun `the dashboard shows the week against last week and the objective, its trend, for me, the team or a rep`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val (alice, bruno) = team.alice to team.bruno
        val empty = DashboardPresenter(alice, Lang.EN).load(today)
        assertEquals("Week of ${en(today.with(DayOfWeek.MONDAY))}", empty.title)
        assertEquals("On-site visits" to "0", empty.indicators.first { it.key == IndicatorKey.VISITS }.let { it.label to it.value })
        assertEquals("—", empty.indicators.first { it.key == IndicatorKey.VISIT_TO_ORDER }.value)
        assertEquals(emptyList<Any>(), empty.actions)
        assertEquals("Nothing due", empty.nothing)
        assertEquals(listOf("My week", "Team"), empty.scopes.map { it.label })

        val bakery = alice.saveAccount(alice.newAccount("Boulangerie Martin", AccountKind.CLIENT))
        val noon = today.atTime(12, 0).toInstant(ZoneOffset.UTC)
        alice.logVisit(alice.newVisit(bakery.id, Channel.ON_SITE, noon, 0).copy(orderAmountCents = 120_000, outcome = Outcome.ORDER_TAKEN), null)
        alice.logVisit(alice.newVisit(bakery.id, Channel.ON_SITE, noon.minusSeconds(3600), 0), null)
        // The manager sets Alice's objective of the week (a rep may not).
        val week = today.with(DayOfWeek.MONDAY)
        bruno.saveObjective(bruno.newObjective(team.rep.id, Metric.VISITS, 4, week, week.plusDays(6)))
        team.sync(bruno, alice)
        alice.saveFollowUp(alice.newFollowUp(bakery.id, "Livrer la commande", today.minusDays(1)))

        val fr = DashboardPresenter(alice, Lang.FR, weeks = 6u).load(today)
        val visits = fr.indicators.first { it.key == IndicatorKey.VISITS }
        assertEquals("2", visits.value)
        assertEquals("sem. passée 0", visits.previous)
        assertEquals("objectif 4 (50\u00A0%)", visits.objective)
        assertEquals(0.5, visits.objectiveReached)
        assertEquals("1\u202F200,00\u00A0€", fr.indicators.first { it.key == IndicatorKey.REVENUE }.value)
        assertEquals("6 dernières semaines", fr.trendTitle)
        val trend = fr.trend.first { it.key == IndicatorKey.VISITS }
        assertEquals(listOf(0.0, 0.0, 0.0, 0.0, 0.0, 2.0), trend.values)
        assertEquals("Boulangerie Martin · Livrer la commande", fr.actions.single().title)
        assertTrue(fr.actions.single().alert)

        // The manager: his week, the team's, and Alice's once synced.
        team.sync(alice, bruno)
        val manager = DashboardPresenter(bruno, Lang.EN).load(today)
        assertEquals(listOf(Scope.Rep(team.manager.id), Scope.Team, Scope.Rep(team.rep.id)), manager.scopes.map { it.value })
        assertEquals(listOf("My week", "Team", "Alice Martin"), manager.scopes.map { it.label })
        assertEquals("0", manager.indicators.first { it.key == IndicatorKey.VISITS }.value)
        val teamWeek = DashboardPresenter(bruno, Lang.EN).load(today, Scope.Team)
        assertEquals("2", teamWeek.indicators.first { it.key == IndicatorKey.VISITS }.value)
        val aliceWeek = DashboardPresenter(bruno, Lang.EN).load(today, Scope.Rep(team.rep.id))
        assertEquals("€1,200.00", aliceWeek.indicators.first { it.key == IndicatorKey.REVENUE }.value)
    } }

    @Test
    fun `a damaged store says so in the user's language on the pipeline and the dashboard`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        alice.setLanguage(Lang.FR)
        alice.saveAccount(alice.newAccount("Boulangerie Martin", AccountKind.CLIENT))
        // Scribble over the database, its write-ahead log and its index (as a failing disk would).
        for (name in listOf("tournee.sqlite3", "tournee.sqlite3-wal", "tournee.sqlite3-shm")) {
            val path = dir.resolve("alice/$name").toFile()
            if (!path.exists()) continue
            RandomAccessFile(path, "rw").use { file ->
                val junk = ByteArray(4096) { 0x5A }
                for (page in 0 until ((file.length() + 4095) / 4096).toInt()) {
                    file.seek(page * 4096L)
                    file.write(junk)
                }
            }
        }
        val pipeline = PipelinePresenter(alice, Lang.FR).load(today, mineOnly = false)
        assertNotNull(pipeline.emptyMessage)
        assertTrue(pipeline.emptyMessage!!.contains("fichier de données de l'appareil est endommagé"), pipeline.emptyMessage)
        val dashboard = DashboardPresenter(alice, Lang.FR).load(today)
        assertTrue(dashboard.error!!.contains("fichier de données de l'appareil est endommagé"), dashboard.error)
        assertEquals(emptyList<Any>(), dashboard.indicators)
    } }

    private fun en(day: LocalDate) = "${day.dayOfMonth} ${day.month.name.lowercase().replaceFirstChar { it.uppercase() }.take(3)} ${day.year}"
}
