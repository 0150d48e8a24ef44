import Foundation
@testable import TourneeKit

/// The sync server started by scripts/test-swift.sh.
enum TestServer: Error {
    case notSet(String)

    static func env(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw TestServer.notSet("\(name) is not set: run scripts/test-swift.sh")
        }
        return value
    }
}

/// A fresh team on the server: Alice (rep) and Bruno (manager), each with an enrolled device.
final class TestTeam {
    let url: String
    let admin: AdminConsole
    let rep: User
    let manager: User
    let alice: Device
    let bruno: Device
    let dir: URL

    init() async throws {
        url = try TestServer.env("TOURNEE_TEST_SERVER_URL")
        admin = try AdminConsole(serverUrl: url, adminToken: try TestServer.env("TOURNEE_TEST_ADMIN_TOKEN"))
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tournee-\(UUID().uuidString)")
        let team = try await admin.createTeam(name: "Ouest \(UUID().uuidString)")
        rep = try await admin.createUser(name: "Alice Martin", role: .rep, teamId: team.id)
        manager = try await admin.createUser(name: "Bruno Petit", role: .manager, teamId: team.id)
        alice = try await Self.enroll(admin, url, dir.appendingPathComponent("alice"), rep)
        bruno = try await Self.enroll(admin, url, dir.appendingPathComponent("bruno"), manager)
    }

    private static func enroll(_ admin: AdminConsole, _ url: String, _ dir: URL, _ user: User) async throws -> Device {
        let code = try await admin.enrollmentCode(userId: user.id).code
        return try await Tournee(dataDir: dir.path, lang: .en).enroll(serverUrl: url, code: code, deviceName: user.name)
    }

    @discardableResult
    func sync(_ devices: Device...) async throws -> [SyncReport] {
        var reports: [SyncReport] = []
        for device in devices { reports.append(try await device.sync()) }
        return reports
    }

    /// Breaks a device's store under it, as a failing disk would: the database and its log are
    /// emptied and the shared index zeroed, so the next read finds no tables.
    func breakStore(of name: String) throws {
        let store = dir.appendingPathComponent(name)
        for file in ["tournee.sqlite3", "tournee.sqlite3-wal"] {
            let handle = try FileHandle(forWritingTo: store.appendingPathComponent(file))
            try handle.truncate(atOffset: 0)
            try handle.close()
        }
        // The index is mapped in memory by the open connection: zeroed in place, never shrunk.
        let index = store.appendingPathComponent("tournee.sqlite3-shm")
        if let size = try? FileManager.default.attributesOfItem(atPath: index.path)[.size] as? Int, size > 0 {
            let handle = try FileHandle(forWritingTo: index)
            try handle.write(contentsOf: Data(count: size))
            try handle.close()
        }
    }

    deinit { try? FileManager.default.removeItem(at: dir) }
}
