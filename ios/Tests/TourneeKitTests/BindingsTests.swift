import Foundation
import XCTest
@testable import TourneeKit

/// The core through the Swift bindings, against a real sync server.
final class BindingsTests: XCTestCase {
    private var today: LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day], from: Date())
    }

    private func account(_ device: Device, _ name: String = "Boulangerie Martin") async throws -> Account {
        var account = device.newAccount(name: name, kind: .prospect)
        account.postcode = "44000"
        return try await device.saveAccount(account: account)
    }

    @discardableResult
    private func visit(_ device: Device, _ accountId: String, order: Int64 = 0, channel: Channel = .onSite) async throws -> VisitReport {
        var visit = device.newVisit(accountId: accountId, channel: channel, startedAt: Date(), utcOffsetMinutes: 0)
        visit.outcome = order > 0 ? .orderTaken : .progress
        visit.orderAmountCents = order
        visit.orderMarginCents = order / 4
        return try await device.saveVisit(visit: visit)
    }

    func testOfflineWorkOnTwoDevicesMergesAndShowsTheTrueConflict() async throws {
        let team = try await TestTeam()
        let (alice, bruno) = (team.alice, team.bruno)
        let created = try await account(alice)
        try await team.sync(alice, bruno)
        let found = try await bruno.searchAccounts(text: "boul", limit: 10).map(\.id)
        XCTAssertEqual(found, [created.id])

        try await visit(alice, created.id, order: 120_000)
        try await visit(alice, created.id)
        try await visit(bruno, created.id, order: 30_000, channel: .phone)
        var mine = try await alice.accountDetail(accountId: created.id).account
        mine.city = "Nantes"
        mine.phone = "02 40 00 00 01"
        _ = try await alice.saveAccount(account: mine)
        var theirs = try await bruno.accountDetail(accountId: created.id).account
        theirs.segment = "Boulangerie"
        theirs.phone = "06 12 34 56 78"
        _ = try await bruno.saveAccount(account: theirs)
        let pending = try await alice.outboxCount()
        XCTAssertGreaterThan(pending, 0)

        let reports = try await team.sync(alice, bruno, alice)
        XCTAssertEqual(reports[1].received, 1)
        XCTAssertEqual(reports[1].conflicts, 1)
        for device in [alice, bruno] {
            let detail = try await device.accountDetail(accountId: created.id)
            let orders = detail.timeline.compactMap { item -> Int64? in
                if case let .visit(visit) = item { return visit.orderAmountCents }
                return nil
            }
            XCTAssertEqual(orders.sorted(), [0, 30_000, 120_000])
            XCTAssertEqual(detail.account.city, "Nantes")
            XCTAssertEqual(detail.account.segment, "Boulangerie")
            let left = try await device.outboxCount()
            XCTAssertEqual(left, 0)
        }

        let conflicts = try await alice.conflicts()
        let theirConflicts = try await bruno.conflicts()
        XCTAssertEqual(conflicts, theirConflicts)
        XCTAssertEqual(conflicts.count, 1)
        let conflict = try XCTUnwrap(conflicts.first)
        XCTAssertEqual(conflict.collection, .accounts)
        XCTAssertEqual(conflict.recordId, created.id)
        XCTAssertEqual(conflict.field, "phone")
        XCTAssertEqual(conflict.values.sorted(), ["02 40 00 00 01", "06 12 34 56 78"])
        let shownPhone = try await alice.accountDetail(accountId: created.id).account.phone
        XCTAssertEqual(shownPhone, conflict.winner)

        try await alice.resolveConflict(conflict: conflict, resolution: .keep("06 12 34 56 78"))
        try await team.sync(alice, bruno)
        for device in [alice, bruno] {
            let remaining = try await device.conflicts()
            XCTAssertEqual(remaining, [])
            let keptPhone = try await device.accountDetail(accountId: created.id).account.phone
            XCTAssertEqual(keptPhone, "06 12 34 56 78")
        }
    }

    func testTheWeeklyDashboardCountsBothDevicesAgainstTheObjective() async throws {
        let team = try await TestTeam()
        let (alice, bruno) = (team.alice, team.bruno)
        let created = try await account(alice)
        try await visit(alice, created.id, order: 120_000)
        try await visit(alice, created.id)
        try await team.sync(alice, bruno)
        try await visit(bruno, created.id, order: 30_000)
        let week = try await alice.weeklyDashboard(scope: .team, today: today).week
        _ = try await bruno.saveObjective(objective: bruno.newObjective(
            rep: team.rep.id, metric: .visits, target: 4, periodStart: week.start, periodEnd: week.end))
        try await team.sync(bruno, alice)

        let mine = Dictionary(uniqueKeysWithValues: try await alice.weeklyDashboard(
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

        let teamWide = Dictionary(uniqueKeysWithValues: try await bruno.weeklyDashboard(
            scope: .team, today: today).indicators.map { ($0.key, $0) })
        XCTAssertEqual(indicatorLabel(key: .visits, lang: .en), "On-site visits")
        XCTAssertEqual(teamWide[.visits]?.value, 3)
        XCTAssertEqual(teamWide[.revenue]?.value, 150_000)
        XCTAssertEqual(teamWide[.averageBasket]?.value, 75_000)
    }

    func testBadInputIsATypedErrorThatNamesTheField() async throws {
        let team = try await TestTeam()
        let created = try await account(team.alice)
        var bad = team.alice.newVisit(accountId: created.id, channel: .onSite, startedAt: Date(), utcOffsetMinutes: 0)
        bad.orderAmountCents = -5
        do {
            _ = try await team.alice.saveVisit(visit: bad)
            XCTFail("saved a negative order")
        } catch let TourneeError.Invalid(field, reason, text) {
            XCTAssertEqual(field, .orderAmountCents)
            XCTAssertEqual(reason, .negative)
            XCTAssertEqual(text, "Order amount: must not be negative")
        }
        let timeline = try await team.alice.accountDetail(accountId: created.id).timeline.count
        XCTAssertEqual(timeline, 0)
        do {
            _ = try await team.alice.accountDetail(accountId: "no-such-account")
            XCTFail("found an account that does not exist")
        } catch TourneeError.NotFound {
        }
        do {
            _ = try await Tournee(dataDir: team.dir.appendingPathComponent("intruder").path, lang: .en)
                .enroll(serverUrl: team.url, code: "AAAAA-BBBBB-CCCCC", deviceName: "x")
            XCTFail("enrolled with a made-up code")
        } catch TourneeError.Unauthorized {
        }
    }
}
