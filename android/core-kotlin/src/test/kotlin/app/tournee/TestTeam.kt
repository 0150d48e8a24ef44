package app.tournee

import app.tournee.core.AdminConsole
import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.core.Role
import app.tournee.core.SyncReport
import app.tournee.core.Tournee
import app.tournee.core.User
import app.tournee.presentation.DeviceChanges
import kotlinx.coroutines.runBlocking
import java.nio.file.Path
import java.util.UUID

/** The sync server started by scripts/test-kotlin.sh. */
object TestServer {
    val url: String = System.getenv("TOURNEE_TEST_SERVER_URL")
        ?: error("TOURNEE_TEST_SERVER_URL is not set: run scripts/test-kotlin.sh")
    val adminToken: String = System.getenv("TOURNEE_TEST_ADMIN_TOKEN")
        ?: error("TOURNEE_TEST_ADMIN_TOKEN is not set: run scripts/test-kotlin.sh")
}

/**
 * A fresh team on the server: Alice (rep) and Bruno (manager), each with an enrolled device in [dir]
 * and the flow of its changes that presenters follow.
 */
class TestTeam(dir: Path) : AutoCloseable {
    val admin = AdminConsole(TestServer.url, TestServer.adminToken)
    val rep: User
    val manager: User
    val alice: Device
    val bruno: Device

    init {
        val (users, devices) = runBlocking {
            val team = admin.createTeam("Ouest ${UUID.randomUUID()}")
            val rep = admin.createUser("Alice Martin", Role.REP, team.id)
            val manager = admin.createUser("Bruno Petit", Role.MANAGER, team.id)
            (rep to manager) to (enroll(dir.resolve("alice"), rep) to enroll(dir.resolve("bruno"), manager))
        }
        rep = users.first
        manager = users.second
        alice = devices.first
        bruno = devices.second
    }

    val aliceChanges = DeviceChanges(alice)
    val brunoChanges = DeviceChanges(bruno)

    private suspend fun enroll(dir: Path, user: User): Device =
        Tournee(dir.toString(), Lang.EN).use { it.enroll(TestServer.url, admin.enrollmentCode(user.id).code, user.name) }

    suspend fun sync(vararg devices: Device): List<SyncReport> = devices.map { it.sync() }

    override fun close() {
        aliceChanges.close()
        brunoChanges.close()
        alice.close()
        bruno.close()
        admin.close()
    }
}
