package app.tournee

import app.tournee.core.AccountKind
import app.tournee.core.Channel
import app.tournee.core.Lang
import app.tournee.core.TimelineItem
import app.tournee.presentation.AccountDetailPresenter
import app.tournee.presentation.NextStep
import app.tournee.presentation.SyncPresenter
import app.tournee.presentation.VisitForm
import app.tournee.presentation.VisitFormPresenter
import app.tournee.presentation.VisitSubmit
import app.tournee.core.Tournee
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId

/** Two devices working on the same accounts: what each sees, and the conflicts settled. */
class SyncPresenterTest {
    @TempDir
    lateinit var dir: Path

    private val paris = ZoneId.of("Europe/Paris")
    private val today = LocalDate.now(paris)

    @Test
    fun `two devices log visits offline, sync, and each sees the other's on the account`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val (alice, bruno) = team.alice to team.bruno
        val account = alice.saveAccount(alice.newAccount("Boulangerie Martin", AccountKind.CLIENT))
        team.sync(alice, bruno)

        val mine = VisitFormPresenter(alice, Lang.FR, paris)
            .submit(VisitForm(account.id, notes = "Vitrine refaite", orderAmount = "1250.50", nextStep = NextStep.None), Instant.now())
        assertInstanceOf(VisitSubmit.Saved::class.java, mine)
        val theirs = VisitFormPresenter(bruno, Lang.EN, paris)
            .submit(VisitForm(account.id, channel = Channel.PHONE, notes = "Called about the delivery", nextStep = NextStep.None), Instant.now())
        assertInstanceOf(VisitSubmit.Saved::class.java, theirs)
        team.sync(alice, bruno, alice)

        for ((device, lang) in listOf(alice to Lang.FR, bruno to Lang.EN)) {
            val detail = AccountDetailPresenter(device, lang, paris).load(account.id, today)
            assertEquals(2, detail.timeline.size, "on ${device.identity().userId}")
            assertTrue(detail.timeline.any { it.detail.contains("Vitrine refaite") })
            assertTrue(detail.timeline.any { it.detail.contains("Called about the delivery") })
        }
        val orders = alice.accountDetail(account.id).timeline.filterIsInstance<TimelineItem.Visit>().map { it.v1.orderAmountCents }.sorted()
        assertEquals(listOf(0L, 125_050L), orders)
    } }

    @Test
    fun `a field edited differently on two devices shows both values and is settled on every device`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val (alice, bruno) = team.alice to team.bruno
        val empty = SyncPresenter(bruno, Lang.EN, paris).load(today)
        assertEquals("No conflict to settle" to "No duplicate company", empty.conflictsTitle to empty.duplicatesTitle)
        assertEquals("Not synced yet" to "Everything is synced", empty.status.lastSync to empty.status.pending)

        val account = alice.saveAccount(alice.newAccount("Boulangerie Martin", AccountKind.CLIENT).copy(city = "Nantes"))
        team.sync(alice, bruno)
        alice.saveAccount(alice.accountDetail(account.id).account.copy(city = "Rezé"))
        bruno.saveAccount(bruno.accountDetail(account.id).account.copy(city = "Saint-Herblain"))
        team.sync(alice, bruno, alice)

        val presenter = SyncPresenter(bruno, Lang.FR, paris)
        val state = presenter.load(today)
        assertEquals("1 conflit à régler", state.conflictsTitle)
        val card = state.conflicts.single()
        assertEquals("Boulangerie Martin" to "compte · Ville", card.title to card.detail)
        assertEquals(setOf("Rezé", "Saint-Herblain"), card.options.map { it.value }.toSet())
        assertEquals(1, card.options.count { it.note == "affichée" })
        assertEquals(setOf("Garder celle-ci"), card.options.map { it.action }.toSet())
        assertTrue(state.status.lastSync.startsWith("Synchronisé "), state.status.lastSync)

        val settled = presenter.settle(card.key, card.options.single { it.value == "Rezé" }, today)
        assertEquals("Conflit réglé", settled.banner)
        assertEquals(emptyList<Any>(), settled.conflicts)
        assertEquals("Rezé", bruno.accountDetail(account.id).account.city)
        team.sync(bruno, alice)
        assertEquals(emptyList<Any>(), alice.conflicts())
        assertEquals("Rezé", alice.accountDetail(account.id).account.city)
    } }

    @Test
    fun `duplicate companies are merged into the one kept, and a failed sync says why even after a restart`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        val first = alice.saveAccount(alice.newAccount("Cave Dupont", AccountKind.CLIENT).copy(postcode = "44000"))
        val second = alice.saveAccount(alice.newAccount("Cave  DUPONT", AccountKind.PROSPECT).copy(postcode = "44000"))
        val presenter = SyncPresenter(alice, Lang.EN, paris)
        val state = presenter.load(today)
        val pair = state.duplicates.single()
        assertEquals("1 possible duplicate company", state.duplicatesTitle)
        assertEquals(setOf(first.id, second.id), setOf(pair.first.id, pair.second.id))
        val detail = AccountDetailPresenter(alice, Lang.EN, paris).load(first.id, today)
        assertEquals("Possibly the same company as Cave  DUPONT", detail.duplicateBanner)

        val kept = if (pair.first.id == first.id) pair.first else pair.second
        val absorbed = if (kept == pair.first) pair.second else pair.first
        val merged = presenter.merge(kept, absorbed, today)
        assertEquals("Merged into Cave Dupont", merged.banner)
        assertEquals(emptyList<Any>(), merged.duplicates)
        assertNull(AccountDetailPresenter(alice, Lang.EN, paris).load(first.id, today).duplicateBanner)

        // The admin revokes the device: the sync fails, and the device keeps why.
        alice.setLanguage(Lang.FR)
        team.admin.revokeDevice(alice.identity().deviceId)
        val failed = SyncPresenter(alice, Lang.FR, paris).sync(today)
        assertTrue(failed.status.error!!.startsWith("Échec de la synchronisation : "), failed.status.error)
        assertTrue(failed.banner!!.isNotEmpty())
        val reopened = Tournee(dir.resolve("alice").toString(), Lang.FR).use { it.open() }.use { device ->
            SyncPresenter(device, Lang.FR, paris).load(today)
        }
        assertEquals(failed.status, reopened.status)
    } }

    @Test
    fun `a visit deleted on one device and edited on the other is kept with its edits when the person chooses so`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val (alice, bruno) = team.alice to team.bruno
        val account = alice.saveAccount(alice.newAccount("Boucherie Roux", AccountKind.CLIENT))
        val visit = alice.saveVisit(alice.newVisit(account.id, Channel.ON_SITE, Instant.now(), 60))
        team.sync(alice, bruno)
        bruno.delete(app.tournee.core.Collection.VISITS, visit.id)
        alice.saveVisit(alice.visit(visit.id).copy(notes = "Devis envoyé"))
        team.sync(alice, bruno, alice)

        val presenter = SyncPresenter(alice, Lang.EN, paris)
        val card = presenter.load(today).conflicts.single()
        assertEquals("Boucherie Roux" to "Deleted on one device while edited on another", card.title to card.detail)
        assertEquals(listOf("Keep it, with the edits", "Delete it"), card.options.map { it.action })
        val settled = presenter.settle(card.key, card.options.first(), today)
        assertEquals("Conflict settled" to emptyList<Any>(), settled.banner to settled.conflicts)
        team.sync(alice, bruno)
        assertEquals("Devis envoyé", bruno.visit(visit.id).notes)
        assertEquals(emptyList<Any>(), bruno.conflicts())
    } }
}
