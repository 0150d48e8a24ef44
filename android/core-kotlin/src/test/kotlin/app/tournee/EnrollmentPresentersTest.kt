package app.tournee

import app.tournee.core.AdminConsole
import app.tournee.core.Lang
import app.tournee.core.Role
import app.tournee.presentation.EnrollmentPresenter
import app.tournee.presentation.SettingsPresenter
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.util.UUID

/** Enrolling a device and its settings, against the real server. */
class EnrollmentPresentersTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `a device is enrolled with the admin's code in the language chosen, and opens enrolled afterwards`(): Unit = runBlocking {
        AdminConsole(TestServer.url, TestServer.adminToken).use { admin ->
            val team = admin.createTeam("Est ${UUID.randomUUID()}")
            val rep = admin.createUser("Chloé Faure", Role.REP, team.id)
            val data = dir.resolve("app").toString()

            val presenter = EnrollmentPresenter(data, Lang.EN)
            assertNull(presenter.openEnrolled())
            assertEquals("Enroll this device" to false, presenter.state.value.title to presenter.state.value.canEnroll)
            presenter.update { it.copy(lang = Lang.FR) }
            val french = presenter.state.value
            assertEquals(listOf("Enrôler cet appareil", "Adresse du serveur", "Code d'enrôlement", "Nom de l'appareil"),
                listOf(french.title, french.serverLabel, french.codeLabel, french.deviceNameLabel))
            assertEquals(listOf("English", "Français"), french.languages.map { it.label })

            presenter.update { it.copy(serverUrl = TestServer.url, code = "AAAAA-BBBBB-CCCCC", deviceName = "Téléphone de Chloé") }
            assertTrue(presenter.state.value.canEnroll)
            assertNull(presenter.enroll())
            val refused = presenter.state.value
            assertEquals(
                "Le serveur a refusé les identifiants de cet appareil : le code est peut-être faux ou déjà utilisé, ou l'appareil révoqué.",
                refused.error,
            )
            assertFalse(refused.enrolling)

            // A badge scanned by mistake says so and changes nothing.
            presenter.onScanned("BEGIN:VCARD\nFN:Claire Martin\nEND:VCARD")
            assertEquals("Code d'enrôlement : n'est ni un lien d'enrôlement ni un code à usage unique", presenter.state.value.error)
            assertEquals("Scanner le code de l'admin", presenter.state.value.scanCode)
            // The admin's QR code: the server and the code in one scan (what `tournee admin enrollment-code` prints).
            val code = admin.enrollmentCode(rep.id).code
            presenter.update { it.copy(serverUrl = "") }
            presenter.onScanned(app.tournee.core.EnrollmentLink(TestServer.url, code).let { "tournee:enroll?server=${java.net.URLEncoder.encode(it.serverUrl, "UTF-8")}&code=${it.code}" })
            assertEquals(TestServer.url to code, presenter.state.value.form.serverUrl to presenter.state.value.form.code)
            assertNull(presenter.state.value.error)
            presenter.enroll()!!.use { device -> assertEquals(rep.id, device.identity().userId) }
            presenter.openEnrolled()!!.use { device ->
                val settings = SettingsPresenter(device, Lang.FR)
                assertEquals("Connecté à ${TestServer.url} en tant que commercial", settings.state.value.actsFor)
                settings.chooseLanguage(Lang.EN)
                assertEquals("Settings" to "Connected to ${TestServer.url} as rep", settings.state.value.title to settings.state.value.actsFor)
            }
        }
    }
}
