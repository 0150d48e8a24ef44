package app.tournee

import app.tournee.core.Channel
import app.tournee.core.Field
import app.tournee.core.Lang
import app.tournee.core.VisitStatus
import app.tournee.core.fieldLabel
import app.tournee.presentation.AgendaPresenter
import app.tournee.presentation.AgendaState
import app.tournee.presentation.NextStep
import app.tournee.presentation.VisitForm
import app.tournee.presentation.VisitFormPresenter
import app.tournee.presentation.VisitSubmit
import app.tournee.core.AccountKind
import app.tournee.core.TimelineItem
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.Clock
import java.time.Instant
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
    fun `the agenda shows planned visits, overdue follow-ups and the sync status in French, and pulls to sync`(): Unit = runBlocking {
        TestTeam(dir).use { team ->
            val (alice, bruno) = team.alice to team.bruno
            val account = alice.saveAccount(alice.newAccount("Boulangerie Martin", AccountKind.CLIENT))
            val at = ZonedDateTime.of(day.atTime(9, 30), paris).toInstant()
            alice.saveVisit(alice.newVisit(account.id, Channel.ON_SITE, at, 60).copy(status = VisitStatus.PLANNED))
            alice.saveFollowUp(alice.newFollowUp(account.id, "Envoyer le devis", day.minusDays(1)))

            val clock = Clock.fixed(Instant.parse("2026-03-02T10:15:00Z"), paris)
            AgendaPresenter(alice, team.aliceChanges, Lang.FR, paris, this, clock).use { presenter ->
                presenter.start { day }
                val first = presenter.awaitState { true }
                assertEquals("Lundi 2 mars", first.title)
                assertEquals("Visites prévues" to "Relances à faire", first.visitsTitle to first.followUpsTitle)
                assertEquals(listOf("Boulangerie Martin" to "09:30 · Visite terrain"), first.visits.map { it.title to it.detail })
                assertEquals("Envoyer le devis · en retard depuis le 01/03/2026", first.followUps.single().detail)
                assertNull(first.emptyMessage)
                assertEquals("3 modifications à synchroniser", first.syncStatus)
                assertEquals("Pas encore synchronisé" to "Synchroniser", first.lastSync to first.syncAction)

                // Pulled to sync: sent, nothing received, so only the sync status moves.
                presenter.sync()
                val synced = presenter.awaitState { it.syncStatus == "Tout est synchronisé" && !it.syncing }
                // The device keeps when it synced (here, today on this machine, not the agenda's day).
                assertTrue(synced.lastSync.startsWith("Synchronisé le "), synced.lastSync)
                assertFalse(synced.syncFailed)
                // Opened again (the app restarted), Today still says when the device last synced.
                val reopened = AgendaPresenter(alice, team.aliceChanges, Lang.FR, paris, this, clock).use { it.load(day) }
                assertEquals(synced.lastSync, reopened.lastSync)
                assertEquals(first.followUps, synced.followUps)
                team.sync(bruno)

                bruno.saveFollowUp(bruno.newFollowUp(account.id, "Rappeler", day).copy(owner = team.rep.id))
                team.sync(bruno, alice)
                val last = presenter.awaitState { it.followUps.size == 2 }
                assertEquals(listOf("Envoyer le devis", "Rappeler"), last.followUps.map { it.detail.substringBefore(" · ") })
                assertEquals("Tout est synchronisé", last.syncStatus)

                // A device the admin revoked cannot sync: the agenda says why, in the device's language.
                alice.setLanguage(Lang.FR)
                team.admin.revokeDevice(alice.identity().deviceId)
                presenter.sync()
                val failed = presenter.awaitState { it.syncFailed }
                assertTrue(failed.lastSync.startsWith("Échec de la synchronisation : "), failed.lastSync)
                assertEquals(last.followUps, failed.followUps)
            }
            val empty = AgendaPresenter(bruno, team.brunoChanges, Lang.EN, paris, this).use { it.load(day) }
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
        val tooMuchMargin = en.submit(VisitForm(account.id, orderAmount = "100", orderMargin = "200", nextStep = NextStep.None), at)
        assertEquals(VisitSubmit.Invalid(Field.ORDER_MARGIN_CENTS, "Margin: cannot exceed the order amount"), tooMuchMargin)
        assertEquals(0, alice.accountDetail(account.id).timeline.size)

        val noNextStep = fr.submit(VisitForm(account.id, orderAmount = "1 200,50"), at)
        assertEquals(VisitSubmit.Invalid(Field.NEXT_STEP, "Choisissez une prochaine étape et sa date, ou « Pas de prochaine étape »"), noNextStep)
        val blankNextStep = en.submit(VisitForm(account.id, nextStep = NextStep.FollowUp(" ", day)), at)
        assertEquals(VisitSubmit.Invalid(Field.NEXT_STEP, "Choose a next step with its date, or “No next step”"), blankNextStep)
        assertEquals(0, alice.accountDetail(account.id).timeline.size)

        val saved = fr.submit(VisitForm(account.id, orderAmount = "1 200,50", orderMargin = "300", nextStep = NextStep.None), at)
        assertInstanceOf(VisitSubmit.Saved::class.java, saved)
        saved as VisitSubmit.Saved
        assertEquals("Visite enregistrée, commande de 1\u202F200,50\u00A0€", saved.message)
        assertEquals(120_050L to 30_000L, saved.visit.orderAmountCents to saved.visit.orderMarginCents)
        assertEquals(60, saved.visit.utcOffsetMinutes)

        val (form, visit) = fr.edit(saved.visit.id)
        assertEquals("1\u202F200,50", form.orderAmount)
        val edited = fr.submit(form.copy(notes = "Livraison mardi"), at, editing = visit) as VisitSubmit.Saved
        assertEquals(saved.visit.id, edited.visit.id)
        assertEquals(listOf("Livraison mardi"), alice.accountDetail(account.id).timeline.map { (it as TimelineItem.Visit).v1.notes })
        assertEquals(emptyList<Any>(), alice.agenda(day.plusDays(30)).followUps)
        // Typed the English way in French, the amount is still 1,250.50 €, not 100 times more.
        val dotted = fr.submit(VisitForm(account.id, orderAmount = "1250.50", nextStep = NextStep.None), at) as VisitSubmit.Saved
        assertEquals(125_050L, dotted.visit.orderAmountCents)
        // The next step is a follow-up due on the day the rep chose, saved with the visit.
        val due = day.plusDays(3)
        val next = fr.submit(VisitForm(account.id, nextStep = NextStep.FollowUp("Rappeler pour la livraison", due)), at) as VisitSubmit.Saved
        val followUp = alice.agenda(due).followUps.single().followUp
        assertEquals("Rappeler pour la livraison" to due, followUp.action to followUp.dueOn)
        assertEquals(next.visit.nextStep, followUp.action)
        assertEquals(emptyList<Any>(), alice.agenda(due.minusDays(1)).followUps)
    } }

    @Test
    fun `a planned visit is reported from Today as done, prefilled, and leaves the agenda`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        val account = alice.saveAccount(alice.newAccount("Boucherie Roux", AccountKind.CLIENT))
        val planned = alice.saveVisit(
            alice.newVisit(account.id, Channel.PHONE, ZonedDateTime.of(day.atTime(14, 0), paris).toInstant(), 60)
                .copy(status = VisitStatus.PLANNED, durationMinutes = 15u, notes = "Tarifs de printemps"),
        )
        val presenter = VisitFormPresenter(alice, Lang.FR, paris)
        presenter.openPlanned(planned.id, account.name, day)
        val opened = presenter.state.value!!
        assertEquals(Triple(Channel.PHONE, 15u, "Tarifs de printemps"), Triple(opened.form.channel, opened.form.durationMinutes, opened.form.notes))
        assertNull(opened.savedAccountId)

        presenter.update { it.copy(orderAmount = "480") }
        presenter.onNoNextStep()
        presenter.save(ZonedDateTime.of(day.atTime(14, 20), paris).toInstant())
        assertEquals(account.id, presenter.state.value!!.savedAccountId)
        val visit = (alice.accountDetail(account.id).timeline.single() as TimelineItem.Visit).v1
        assertEquals(Triple(planned.id, VisitStatus.DONE, 48_000L), Triple(visit.id, visit.status, visit.orderAmountCents))
        assertEquals(emptyList<Any>(), alice.agenda(day).visits)
    } }

    @Test
    fun `the visit form's state asks for the next step, clears a refusal the rep fixes and starts again once saved`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        val account = alice.saveAccount(alice.newAccount("Cave Dupont", AccountKind.PROSPECT))
        val at = ZonedDateTime.of(day.atTime(15, 0), paris).toInstant()
        val presenter = VisitFormPresenter(alice, Lang.EN, paris)
        presenter.open(account.id, account.name, day)
        val opened = presenter.state.value!!
        assertEquals("Log a visit" to "Cave Dupont", opened.title to opened.accountName)
        assertEquals("Order amount", opened.labels[Field.ORDER_AMOUNT_CENTS])
        assertEquals("Phone call", opened.channels.single { it.value == Channel.PHONE }.label)

        presenter.update { it.copy(orderAmount = "1,250.50") }
        presenter.save(at)
        assertEquals(setOf(Field.NEXT_STEP), presenter.state.value!!.errors.keys)
        presenter.onNextStepAction("Send the quote")
        val typed = presenter.state.value!!
        assertEquals(emptyMap<Field, String>(), typed.errors)
        assertEquals("9 Mar 2026", typed.nextStepDue)
        presenter.onNextStepDue(day.plusDays(2))
        assertEquals("4 Mar 2026", presenter.state.value!!.nextStepDue)

        presenter.save(at)
        val saved = presenter.state.value!!
        assertEquals("Visit saved, order of €1,250.50", saved.banner)
        assertEquals(null to "", saved.form.nextStep to saved.form.orderAmount)
        assertEquals("Send the quote", alice.agenda(day.plusDays(2)).followUps.single().followUp.action)
    } }
}
