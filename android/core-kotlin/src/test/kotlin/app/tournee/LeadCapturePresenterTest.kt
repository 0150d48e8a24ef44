package app.tournee

import app.tournee.core.AccountKind
import app.tournee.core.Field
import app.tournee.core.InterestLevel
import app.tournee.core.Lang
import app.tournee.core.LeadStatus
import app.tournee.presentation.LeadCapturePresenter
import app.tournee.presentation.LeadCaptureState
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.ZoneId

/** Trade-show capture on the tablet, against the real core and server. */
class LeadCapturePresenterTest {
    @TempDir
    lateinit var dir: Path

    private val paris = ZoneId.of("Europe/Paris")

    @Test
    fun `three leads in a row, the one that is already an account flagged while typing, then qualified into it`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val (alice, bruno) = team.alice to team.bruno
        // The manager knows the bakery; the tablet learns it by syncing.
        val bakery = bruno.saveAccount(bruno.newAccount("Boulangerie Martin", AccountKind.CLIENT).copy(city = "Nantes"))
        team.sync(bruno, alice)

        LeadCapturePresenter(alice, team.aliceChanges, Lang.FR, paris, "Sirha 2026", this).use { presenter ->
            presenter.start()
            val opened = presenter.awaitState { true }
            assertEquals("Salon : Sirha 2026" to "Aucun contact saisi pour l'instant", opened.title to opened.leadsTitle)
            assertEquals("Entreprise", opened.labels[Field.COMPANY])

            presenter.save()
            assertEquals(setOf(Field.NAME), presenter.state.value!!.errors.keys)

            presenter.update { it.copy(name = "Claire Martin", company = "boulangerie  MARTIN") }
            val flagged = presenter.awaitState { it.duplicateWarning != null }
            assertEquals("Déjà un compte ? Un compte lui ressemble", flagged.duplicateWarning)
            assertEquals(listOf("Boulangerie Martin" to "client · Nantes"), flagged.similarAccounts.map { it.name to it.detail })
            assertEquals(emptyMap<Field, String>(), flagged.errors)
            presenter.save()
            // Ready for the next lead: the form is empty and the warning goes with it.
            val cleared = presenter.awaitState { it.duplicateWarning == null }
            assertEquals("Enregistré : Claire Martin", cleared.banner)

            for ((name, company) in listOf("Paul Roux" to "Fromagerie Roux", "Inès Duval" to "")) {
                presenter.update { it.copy(name = name, company = company, interest = InterestLevel.HIGH) }
                presenter.save()
            }
            val three = presenter.awaitState { it.leads.size == 3 }
            assertEquals("3 contacts saisis", three.leadsTitle)
            assertEquals(listOf("Inès Duval", "Paul Roux · Fromagerie Roux", "Claire Martin · boulangerie  MARTIN"), three.leads.map { it.title })
            assertEquals("nouveau · intérêt fort", three.leads[0].detail.substringAfter(" · "))
            val claire = three.leads[2]
            assertEquals("Déjà un compte ? Un compte lui ressemble", claire.duplicateWarning)
            assertNull(three.leads[1].duplicateWarning)

            presenter.qualify(claire.id, claire.similarAccounts.single().id)
            presenter.discard(three.leads[0].id)
            val done = presenter.state.value!!
            assertEquals(listOf(false, true, false), done.leads.map { it.isNew })
            assertNull(done.leads[2].duplicateWarning)
        }
        assertEquals(listOf("Claire Martin"), alice.accountDetail(bakery.id).contacts.map { it.name })
        assertEquals(
            listOf(LeadStatus.DISCARDED, LeadStatus.NEW, LeadStatus.QUALIFIED),
            alice.eventLeads("Sirha 2026").map { it.status },
        )
    } }

    private suspend fun LeadCapturePresenter.awaitState(test: (LeadCaptureState) -> Boolean): LeadCaptureState =
        withTimeout(10_000) { state.filterNotNull().first(test) }
}
