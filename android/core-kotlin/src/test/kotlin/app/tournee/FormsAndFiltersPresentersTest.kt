package app.tournee

import app.tournee.core.AbcClass
import app.tournee.core.AccountKind
import app.tournee.core.Field
import app.tournee.core.InterestLevel
import app.tournee.core.Lang
import app.tournee.core.NeedHorizon
import app.tournee.core.RevenueFigure
import app.tournee.core.TimelineItem
import app.tournee.presentation.AccountEditPresenter
import app.tournee.presentation.AccountsFilter
import app.tournee.presentation.AccountsPresenter
import app.tournee.presentation.LeadCapturePresenter
import app.tournee.presentation.NextStep
import app.tournee.presentation.VisitFormPresenter
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.nio.file.Path
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId

/** Account filters and editing, the visit form's interest, products and due day, a scanned badge. */
class FormsAndFiltersPresentersTest {
    @TempDir
    lateinit var dir: Path

    private val paris = ZoneId.of("Europe/Paris")
    private val today = LocalDate.now(paris)

    @Test
    fun `filters narrow what is typed, one call at a time, and say when nothing matches`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        val month = today.withDayOfMonth(1).minusMonths(2)
        val revenue = { cents: Long -> listOf(RevenueFigure(month, "pain", cents)) }
        alice.saveAccount(alice.newAccount("Boulangerie Martin", AccountKind.CLIENT).copy(revenue = revenue(900_000)))
        alice.saveAccount(alice.newAccount("Boulangerie Petit", AccountKind.CLIENT).copy(revenue = revenue(100_000)))
        alice.saveAccount(alice.newAccount("Boulangerie Neuve", AccountKind.PROSPECT))

        AccountsPresenter(alice, team.aliceChanges, Lang.FR, this) { today }.use { presenter ->
            presenter.start()
            suspend fun await(test: (List<String>) -> Boolean) =
                withTimeout(10_000) { presenter.state.filterNotNull().first { test(it.rows.map { row -> row.name }) } }
            presenter.onQueryChanged("boul")
            await { it.size == 3 }
            presenter.onFilter(AccountsFilter.Kind(AccountKind.PROSPECT))
            val prospects = await { it == listOf("Boulangerie Neuve") }
            assertEquals(listOf("prospect"), prospects.filters.filter { it.selected }.map { it.label })
            presenter.onFilter(AccountsFilter.Kind(AccountKind.PROSPECT)) // off again
            presenter.onFilter(AccountsFilter.Abc(AbcClass.A))
            val a = await { it == listOf("Boulangerie Martin") }
            assertEquals(listOf("Classe A"), a.filters.filter { it.selected }.map { it.label })
            presenter.onFilter(AccountsFilter.Abc(AbcClass.A))
            presenter.onFilter(AccountsFilter.Dormant) // clients never contacted
            await { it.toSet() == setOf("Boulangerie Martin", "Boulangerie Petit") }
            presenter.onQueryChanged("zzz")
            val none = await { it.isEmpty() }
            assertEquals("Aucun compte ne correspond à « zzz »", none.emptyMessage)
            assertEquals(listOf("Les miens", "client", "prospect", "ancien client", "prescripteur", "Dormants", "Classe A", "Classe B", "Classe C"), none.filters.map { it.label })
        }
    } }

    @Test
    fun `any field of an account is edited, amounts typed in French, refusals under their field`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        val account = alice.saveAccount(alice.newAccount("Cave Dupont", AccountKind.PROSPECT).copy(needHorizon = NeedHorizon.SHORT_TERM))
        val presenter = AccountEditPresenter(alice, Lang.FR)
        alice.setLanguage(Lang.FR)
        val opened = presenter.open(account.id)
        assertEquals("Potentiel" to "Cave Dupont", opened.labels[Field.POTENTIAL_CENTS] to opened.form.texts[Field.NAME])
        assertEquals("Litige ou réclamation en cours", opened.openDisputeLabel)

        presenter.onText(Field.EMAIL, "x") // not a field of the form: nothing breaks
        presenter.onText(Field.PHONE, "appelez-moi")
        presenter.onText(Field.POTENTIAL_CENTS, "1250.50")
        val refused = presenter.save()!!
        assertEquals(mapOf(Field.PHONE to "Téléphone : n'est pas un numéro de téléphone"), refused.errors)
        assertEquals(null, refused.saved)

        presenter.onText(Field.PHONE, "02 40 00 00 01")
        presenter.onText(Field.CITY, "Nantes")
        presenter.onKind(AccountKind.CLIENT) // a client has no need horizon
        presenter.onOpenDispute(true)
        val saved = presenter.save()!!
        assertEquals("Compte enregistré", saved.banner)
        val stored = alice.accountDetail(account.id).account
        assertEquals(listOf("02 40 00 00 01", "Nantes", 125_050L), listOf(stored.phone, stored.city, stored.potentialCents))
        assertEquals(Triple(AccountKind.CLIENT, null, true), Triple(stored.kind, stored.needHorizon, stored.openDispute))
        assertEquals("1\u202F250,50", AccountEditPresenter(alice, Lang.FR).open(account.id).form.texts[Field.POTENTIAL_CENTS])
    } }

    @Test
    fun `the visit form records interest and products, and its due day moves but never before today`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        val account = alice.saveAccount(alice.newAccount("Fromagerie Roux", AccountKind.CLIENT))
        val day = LocalDate.of(2026, 3, 2)
        val presenter = VisitFormPresenter(alice, Lang.FR, paris)
        presenter.open(account.id, account.name, day)
        assertEquals("séparés par des virgules", presenter.state.value!!.productsHint)
        presenter.update { it.copy(interest = InterestLevel.HIGH, products = " comté, beaufort ,, ") }
        presenter.onNextStepAction("Envoyer les tarifs")
        assertEquals("Échéance : lundi 9 mars", presenter.state.value!!.dueDay)
        presenter.onMoveDue(-30)
        assertEquals("Échéance : lundi 2 mars", presenter.state.value!!.dueDay)
        presenter.onNextStepDue(day.minusDays(5)) // picked in the calendar before the visit: the visit's day
        assertEquals(NextStep.FollowUp("Envoyer les tarifs", day), presenter.state.value!!.form.nextStep)
        assertEquals(day to "OK", presenter.state.value!!.pickFrom to presenter.state.value!!.ok)
        presenter.onMoveDue(3)
        assertEquals(NextStep.FollowUp("Envoyer les tarifs", day.plusDays(3)), presenter.state.value!!.form.nextStep)
        presenter.save(Instant.parse("2026-03-02T09:00:00Z"))
        val visit = alice.accountDetail(account.id).timeline.filterIsInstance<TimelineItem.Visit>().single().v1
        assertEquals(InterestLevel.HIGH to setOf("comté", "beaufort"), visit.interest to visit.products.toSet())
        assertEquals(day.plusDays(3), alice.agenda(day.plusDays(3)).followUps.single().followUp.dueOn)
    } }

    @Test
    fun `a scanned badge fills the capture form, and text that is no badge says so`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        alice.setLanguage(Lang.FR)
        val badges = File(System.getenv("TOURNEE_TEST_VECTORS") ?: "../tests/vectors", "badges")
        LeadCapturePresenter(alice, team.aliceChanges, Lang.FR, paris, "Sirha 2026", this).use { presenter ->
            presenter.start()
            assertEquals("Scanner un badge", presenter.state.value!!.scanBadge)
            presenter.onBadgeScanned(File(badges, "visitor-mecard.txt").readText())
            val filled = presenter.state.value!!
            assertEquals(listOf("Marc Dubois", "Cave Dubois; Fils", "marc@cave-dubois.fr", "+33 5 56 00 00 00"),
                with(filled.form) { listOf(name, company, email, phone) })
            assertEquals("Badge lu : Marc Dubois. Vérifiez, puis enregistrez.", filled.banner)
            presenter.save()
            assertEquals("Marc Dubois · Cave Dubois; Fils", presenter.state.value!!.leads.first().title)

            presenter.onBadgeScanned("https://sirha.example/b/123")
            val refused = presenter.state.value!!
            assertEquals("Badge : n'est ni une vCard ni un code contact MECARD", refused.banner)
            assertEquals("", refused.form.name)
            assertNull(refused.errors[Field.NAME])
            assertTrue(refused.leads.size == 1)
        }
    } }
}
