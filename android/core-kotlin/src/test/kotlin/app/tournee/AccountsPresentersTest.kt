package app.tournee

import app.tournee.core.AccountKind
import app.tournee.core.Lang
import app.tournee.core.NeedHorizon
import app.tournee.presentation.AccountDetailPresenter
import app.tournee.presentation.AccountsPresenter
import app.tournee.presentation.AccountsState
import app.tournee.presentation.NextStep
import app.tournee.presentation.VisitForm
import app.tournee.presentation.VisitFormPresenter
import app.tournee.presentation.VisitSubmit
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.LocalDate
import java.time.ZoneId
import java.time.ZonedDateTime

/** The accounts list and an account's detail, against the real core. */
class AccountsPresentersTest {
    @TempDir
    lateinit var dir: Path

    private val paris = ZoneId.of("Europe/Paris")
    private val day = LocalDate.of(2026, 3, 2)

    @Test
    fun `the list follows what is typed and says when nothing matches`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        for ((name, city) in listOf("Boulangerie Martin" to "Nantes", "Boucherie Roux" to "Rennes", "Cave Dupont" to null)) {
            alice.saveAccount(alice.newAccount(name, AccountKind.CLIENT).copy(city = city))
        }
        AccountsPresenter(alice, team.aliceChanges, Lang.FR, this).use { presenter ->
            presenter.start()
            val all = presenter.awaitState { it.query == "" }
            assertEquals(listOf("Boucherie Roux", "Boulangerie Martin", "Cave Dupont"), all.rows.map { it.name })
            assertEquals("client · Nantes", all.rows[1].detail)
            assertEquals("Rechercher un compte", all.searchHint)

            // Typed fast: only the last query's results are shown.
            for (typed in listOf("b", "bo", "bou", "boul")) presenter.onQueryChanged(typed)
            val boul = presenter.awaitState { it.query == "boul" }
            assertEquals(listOf("Boulangerie Martin"), boul.rows.map { it.name })
            assertNull(boul.emptyMessage)

            // An account another device created shows once synced, under the same query.
            team.bruno.saveAccount(team.bruno.newAccount("Boulangerie Petit", AccountKind.PROSPECT))
            team.sync(team.bruno, alice)
            val synced = presenter.awaitState { it.rows.size == 2 }
            assertEquals(setOf("Boulangerie Martin", "Boulangerie Petit"), synced.rows.map { it.name }.toSet())

            presenter.onQueryChanged("pâtisserie ")
            val none = presenter.awaitState { it.query == "pâtisserie " }
            assertEquals(emptyList<Any>(), none.rows)
            assertEquals("Aucun compte ne correspond à « pâtisserie »", none.emptyMessage)
        }
    } }

    private suspend fun AccountsPresenter.awaitState(test: (AccountsState) -> Boolean): AccountsState =
        withTimeout(10_000) { state.filterNotNull().first(test) }

    @Test
    fun `a visit logged on another device shows on the account's timeline with its follow-up`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val (alice, bruno) = team.alice to team.bruno
        val account = alice.saveAccount(
            alice.newAccount("Boulangerie Martin", AccountKind.PROSPECT)
                .copy(needHorizon = NeedHorizon.SHORT_TERM, city = "Nantes", potentialCents = 1_500_000),
        )
        alice.saveContact(alice.newContact(account.id, "Claire Martin").copy(role = "Gérante", phone = "02 40 00 00 01"))
        val at = ZonedDateTime.of(day.atTime(10, 0), paris).toInstant()
        val form = VisitForm(account.id, orderAmount = "1250.50", notes = "Intéressée par la gamme bio", nextStep = NextStep.FollowUp("Envoyer le devis", day.minusDays(1)))
        assertInstanceOf(VisitSubmit.Saved::class.java, VisitFormPresenter(alice, Lang.FR, paris).submit(form, at))
        team.sync(alice, bruno)

        val detail = AccountDetailPresenter(bruno, Lang.FR, paris).load(account.id, day)
        assertEquals("Boulangerie Martin" to "prospect · besoin à court terme", detail.name to detail.kind)
        assertEquals(listOf("Ville" to "Nantes", "Potentiel" to "15\u202F000,00\u00A0€"), detail.fields.map { it.label to it.value })
        assertEquals(listOf("Claire Martin" to "Gérante · 02 40 00 00 01"), detail.contacts.map { it.name to it.detail })
        assertEquals(
            listOf(
                "02/03/2026 · Visite terrain" to "commande prise · 1\u202F250,50\u00A0€ · Intéressée par la gamme bio",
                "Envoyer le devis" to "en retard depuis le 01/03/2026",
            ),
            detail.timeline.map { it.title to it.detail },
        )
        assertEquals(listOf(false, true), detail.timeline.map { it.overdue })
        assertNull(detail.emptyTimeline)

        val empty = AccountDetailPresenter(bruno, Lang.EN, paris).load(bruno.saveAccount(bruno.newAccount("Cave Dupont", AccountKind.CLIENT)).id, day)
        assertEquals(emptyList<Any>() to "Nothing logged for this account yet", empty.timeline to empty.emptyTimeline)
    } }
}
