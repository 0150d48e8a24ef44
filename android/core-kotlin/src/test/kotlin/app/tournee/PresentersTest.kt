package app.tournee

import app.tournee.core.Channel
import app.tournee.core.Field
import app.tournee.core.Lang
import app.tournee.core.VisitStatus
import app.tournee.core.fieldLabel
import app.tournee.presentation.AgendaPresenter
import app.tournee.presentation.AgendaState
import app.tournee.presentation.VisitForm
import app.tournee.presentation.VisitFormPresenter
import app.tournee.presentation.VisitSubmit
import app.tournee.core.AccountKind
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

/** The presenters the Android screens draw, against the real core. */
class PresentersTest {
    @TempDir
    lateinit var dir: Path

    private val paris = ZoneId.of("Europe/Paris")
    private val day = LocalDate.of(2026, 3, 2)

    @Test
    fun `the agenda shows planned visits and overdue follow-ups in French and follows syncs`(): Unit = runBlocking {
        TestTeam(dir).use { team ->
            val (alice, bruno) = team.alice to team.bruno
            val account = alice.saveAccount(alice.newAccount("Boulangerie Martin", AccountKind.CLIENT))
            val at = ZonedDateTime.of(day.atTime(9, 30), paris).toInstant()
            alice.saveVisit(alice.newVisit(account.id, Channel.ON_SITE, at, 60).copy(status = VisitStatus.PLANNED))
            alice.saveFollowUp(alice.newFollowUp(account.id, "Envoyer le devis", day.minusDays(1)))

            AgendaPresenter(alice, Lang.FR, paris, this).use { presenter ->
                presenter.start { day }
                val first = presenter.awaitState { true }
                assertEquals("Lundi 2 mars", first.title)
                assertEquals(listOf("Boulangerie Martin" to "09:30 · Visite terrain"), first.visits.map { it.title to it.detail })
                assertEquals("Envoyer le devis · en retard depuis le 01/03/2026", first.followUps.single().detail)
                assertNull(first.emptyMessage)
                assertEquals("3 modifications à synchroniser", first.syncStatus)

                // Sent, nothing received: only the sync status moves.
                team.sync(alice, bruno)
                val synced = presenter.awaitState { it.syncStatus == "Tout est synchronisé" }
                assertEquals(first.followUps, synced.followUps)

                bruno.saveFollowUp(bruno.newFollowUp(account.id, "Rappeler", day).copy(owner = team.rep.id))
                team.sync(bruno, alice)
                val last = presenter.awaitState { it.followUps.size == 2 }
                assertEquals(listOf("Envoyer le devis", "Rappeler"), last.followUps.map { it.detail.substringBefore(" · ") })
                assertEquals("Tout est synchronisé", last.syncStatus)
            }
            val empty = AgendaPresenter(bruno, Lang.EN, paris, this).use { it.load(day) }
            assertEquals("Nothing planned today.", empty.emptyMessage)
        }
    }

    /** The first state that passes [test], waiting for the change that brings it (10 s at most). */
    private suspend fun AgendaPresenter.awaitState(test: (AgendaState) -> Boolean): AgendaState =
        withTimeout(10_000) { state.filterNotNull().first(test) }

    @Test
    fun `the visit form parses amounts as typed and puts refusals under their field`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        val account = alice.saveAccount(alice.newAccount("Fromagerie Roux", AccountKind.CLIENT))
        val at = ZonedDateTime.of(day.atTime(23, 30), paris).toInstant()
        val fr = VisitFormPresenter(alice, Lang.FR, paris)

        val negative = fr.submit(VisitForm(account.id, orderAmount = "-5"), at)
        assertEquals(VisitSubmit.Invalid(Field.ORDER_AMOUNT_CENTS, "Montant de la commande : ne doit pas être négatif"), negative)
        assertEquals("Montant de la commande", fieldLabel(Field.ORDER_AMOUNT_CENTS, Lang.FR))
        val typo = fr.submit(VisitForm(account.id, orderAmount = "12,5,0"), at)
        assertEquals(VisitSubmit.Invalid(Field.ORDER_AMOUNT_CENTS, "Montant de la commande : « 12,5,0 » n'est pas un montant"), typo)
        // A dot with three digits after it could be 1250 or 1.25: refused, never guessed.
        val ambiguous = fr.submit(VisitForm(account.id, orderAmount = "1.250"), at)
        assertEquals(VisitSubmit.Invalid(Field.ORDER_AMOUNT_CENTS, "Montant de la commande : « 1.250 » est ambigu : écrivez 1250 ou 1,25"), ambiguous)
        val en = VisitFormPresenter(alice, Lang.EN, paris)
        val tooMuchMargin = en.submit(VisitForm(account.id, orderAmount = "100", orderMargin = "200"), at)
        assertEquals(VisitSubmit.Invalid(Field.ORDER_MARGIN_CENTS, "Margin: cannot exceed the order amount"), tooMuchMargin)
        assertEquals(0, alice.accountDetail(account.id).timeline.size)

        val saved = fr.submit(VisitForm(account.id, orderAmount = "1 200,50", orderMargin = "300"), at)
        assertInstanceOf(VisitSubmit.Saved::class.java, saved)
        saved as VisitSubmit.Saved
        assertEquals("Visite enregistrée, commande de 1\u202F200,50\u00A0€", saved.message)
        assertEquals(120_050L to 30_000L, saved.visit.orderAmountCents to saved.visit.orderMarginCents)
        assertEquals(60, saved.visit.utcOffsetMinutes)

        val (form, visit) = fr.edit(saved.visit.id)
        assertEquals("1\u202F200,50", form.orderAmount)
        val edited = fr.submit(form.copy(notes = "Livraison mardi"), at, editing = visit) as VisitSubmit.Saved
        assertEquals(saved.visit.id, edited.visit.id)
        assertEquals(listOf("Livraison mardi"), alice.accountDetail(account.id).timeline.map { (it as app.tournee.core.TimelineItem.Visit).v1.notes })
        // Typed the English way in French, the amount is still 1,250.50 €, not 100 times more.
        val dotted = fr.submit(VisitForm(account.id, orderAmount = "1250.50"), at) as VisitSubmit.Saved
        assertEquals(125_050L, dotted.visit.orderAmountCents)
        // A new visit's next step is a follow-up the core dates a week later.
        val next = fr.submit(VisitForm(account.id, nextStep = "Rappeler pour la livraison"), at) as VisitSubmit.Saved
        assertEquals(next.visit.nextStep, alice.agenda(day.plusDays(7)).followUps.single().followUp.action)
        assertEquals(day.plusDays(7), alice.agenda(day.plusDays(7)).followUps.single().followUp.dueOn)
    } }
}
