import Foundation
import XCTest
@testable import TourneeKit

/// The core through the Swift bindings, against a real sync server.
final class BindingsTests: XCTestCase {
    private var today: LocalDate {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    private func account(_ device: Device, _ name: String = "Boulangerie Martin") throws -> Account {
        var account = device.newAccount(name: name, kind: .prospect)
        account.postcode = "44000"
        return try device.saveAccount(account: account)
    }

    @discardableResult
    private func visit(_ device: Device, _ accountId: String, order: Int64 = 0, channel: Channel = .onSite) throws -> VisitReport {
        var visit = device.newVisit(accountId: accountId, channel: channel, startedAt: Date(), utcOffsetMinutes: 0)
        visit.outcome = order > 0 ? .orderTaken : .progress
        visit.orderAmountCents = order
        visit.orderMarginCents = order / 4
        return try device.saveVisit(visit: visit)
    }

    func testOfflineWorkOnTwoDevicesMergesAndShowsTheTrueConflict() async throws {
        let team = try await TestTeam()
        let (alice, bruno) = (team.alice, team.bruno)
        let created = try account(alice)
        try await team.sync(alice, bruno)
        XCTAssertEqual(try bruno.searchAccounts(text: "boul", limit: 10).map(\.id), [created.id])

        try visit(alice, created.id, order: 120_000)
        try visit(alice, created.id)
        try visit(bruno, created.id, order: 30_000, channel: .phone)
        var mine = try alice.accountDetail(accountId: created.id).account
        mine.city = "Nantes"
        mine.phone = "02 40 00 00 01"
        _ = try alice.saveAccount(account: mine)
        var theirs = try bruno.accountDetail(accountId: created.id).account
        theirs.segment = "Boulangerie"
        theirs.phone = "06 12 34 56 78"
        _ = try bruno.saveAccount(account: theirs)
        XCTAssertGreaterThan(try alice.outboxCount(), 0)

        let reports = try await team.sync(alice, bruno, alice)
        XCTAssertEqual(reports[1].received, 1)
        XCTAssertEqual(reports[1].conflicts, 1)
        for device in [alice, bruno] {
            let detail = try device.accountDetail(accountId: created.id)
            let orders = detail.timeline.compactMap { item -> Int64? in
                if case let .visit(visit) = item { return visit.orderAmountCents }
                return nil
            }
            XCTAssertEqual(orders.sorted(), [0, 30_000, 120_000])
            XCTAssertEqual(detail.account.city, "Nantes")
            XCTAssertEqual(detail.account.segment, "Boulangerie")
            XCTAssertEqual(try device.outboxCount(), 0)
        }

        let conflicts = try alice.conflicts()
        XCTAssertEqual(conflicts, try bruno.conflicts())
        XCTAssertEqual(conflicts.count, 1)
        let conflict = try XCTUnwrap(conflicts.first)
        XCTAssertEqual(conflict.collection, .accounts)
        XCTAssertEqual(conflict.recordId, created.id)
        XCTAssertEqual(conflict.field, "phone")
        XCTAssertEqual(conflict.values.sorted(), ["02 40 00 00 01", "06 12 34 56 78"])
        XCTAssertEqual(try alice.accountDetail(accountId: created.id).account.phone, conflict.winner)

        try alice.resolveConflict(conflict: conflict, resolution: .keep("06 12 34 56 78"))
        try await team.sync(alice, bruno)
        for device in [alice, bruno] {
            XCTAssertEqual(try device.conflicts(), [])
            XCTAssertEqual(try device.accountDetail(accountId: created.id).account.phone, "06 12 34 56 78")
        }
    }

    func testTheWeeklyDashboardCountsBothDevicesAgainstTheObjective() async throws {
        let team = try await TestTeam()
        let (alice, bruno) = (team.alice, team.bruno)
        let created = try account(alice)
        try visit(alice, created.id, order: 120_000)
        try visit(alice, created.id)
        try await team.sync(alice, bruno)
        try visit(bruno, created.id, order: 30_000)
        let week = try alice.weeklyDashboard(scope: .team, today: today).week
        _ = try bruno.saveObjective(objective: bruno.newObjective(
            rep: team.rep.id, metric: .visits, target: 4, periodStart: week.start, periodEnd: week.end))
        try await team.sync(bruno, alice)

        let mine = Dictionary(uniqueKeysWithValues: try alice.weeklyDashboard(
            scope: .rep(team.rep.id), today: today).indicators.map { ($0.key, $0) })
        XCTAssertEqual(indicatorLabel(key: .visits, lang: .fr), "Visites terrain")
        XCTAssertEqual(mine[.visits]?.value, 2)
        XCTAssertEqual(mine[.revenue]?.value, 120_000)
        XCTAssertEqual(mine[.revenue]?.unit, .cents)
        let objective = try XCTUnwrap(mine[.visits]?.objective)
        XCTAssertEqual(objective.target, 4)
        XCTAssertEqual(objective.actual, 2)
        XCTAssertEqual(objective.percent, 50)
        XCTAssertFalse(objective.met)

        let teamWide = Dictionary(uniqueKeysWithValues: try bruno.weeklyDashboard(
            scope: .team, today: today).indicators.map { ($0.key, $0) })
        XCTAssertEqual(indicatorLabel(key: .visits, lang: .en), "On-site visits")
        XCTAssertEqual(teamWide[.visits]?.value, 3)
        XCTAssertEqual(teamWide[.revenue]?.value, 150_000)
        XCTAssertEqual(teamWide[.averageBasket]?.value, 75_000)
    }

    func testBadInputIsATypedErrorThatNamesTheField() async throws {
        let team = try await TestTeam()
        let created = try account(team.alice)
        var bad = team.alice.newVisit(accountId: created.id, channel: .onSite, startedAt: Date(), utcOffsetMinutes: 0)
        bad.orderAmountCents = -5
        XCTAssertThrowsError(try team.alice.saveVisit(visit: bad)) { error in
            guard case let TourneeError.Invalid(field, reason, text) = error else {
                return XCTFail("expected Invalid, got \(error)")
            }
            XCTAssertEqual(field, .orderAmountCents)
            XCTAssertEqual(reason, .negative)
            XCTAssertEqual(text, "Order amount: must not be negative")
        }
        XCTAssertEqual(try team.alice.accountDetail(accountId: created.id).timeline.count, 0)
        XCTAssertThrowsError(try team.alice.accountDetail(accountId: "no-such-account")) { error in
            guard case TourneeError.NotFound = error else { return XCTFail("expected NotFound, got \(error)") }
        }
        do {
            _ = try await Tournee(dataDir: team.dir.appendingPathComponent("intruder").path)
                .enroll(serverUrl: team.url, code: "AAAAA-BBBBB-CCCCC", deviceName: "x")
            XCTFail("enrolled with a made-up code")
        } catch TourneeError.Unauthorized {
        }
    }
}
