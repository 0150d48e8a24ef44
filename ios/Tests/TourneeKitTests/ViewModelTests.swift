import Foundation
import XCTest
@testable import TourneeKit

/// The view models the SwiftUI screens draw, against the real core.
final class ViewModelTests: XCTestCase {
    private let paris = TimeZone(identifier: "Europe/Paris")!
    private let day = LocalDate(year: 2026, month: 3, day: 2)

    private func parisTime(_ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        return calendar.date(from: DateComponents(year: 2026, month: 3, day: 2, hour: hour, minute: minute))!
    }

    func testTheAgendaShowsPlannedVisitsAndOverdueFollowUpsInFrenchAndFollowsSyncs() async throws {
        let team = try await TestTeam()
        let (alice, bruno) = (team.alice, team.bruno)
        let created = try await alice.saveAccount(account: alice.newAccount(name: "Boulangerie Martin", kind: .client))
        var planned = alice.newVisit(accountId: created.id, channel: .onSite, startedAt: parisTime(9, 30), utcOffsetMinutes: 60)
        planned.status = .planned
        _ = try await alice.saveVisit(visit: planned)
        _ = try await alice.saveFollowUp(followUp: alice.newFollowUp(
            accountId: created.id, action: "Envoyer le devis", dueOn: LocalDate(year: 2026, month: 3, day: 1)))

        let states = StateLog()
        let viewModel = AgendaViewModel(device: alice, lang: .fr, timeZone: paris)
        let day = self.day
        viewModel.start(today: { day }) { states.append($0) }
        let first = try await states.first { _ in true }
        XCTAssertEqual(first.title, "Lundi 2 mars")
        XCTAssertEqual(first.visits.map(\.detail), ["09:30 · Visite terrain"])
        XCTAssertEqual(first.followUps.map(\.detail), ["Envoyer le devis · en retard depuis le 01/03/2026"])
        XCTAssertNil(first.emptyMessage)
        XCTAssertEqual(first.syncStatus, "3 modifications à synchroniser")

        // Sent, nothing received: only the sync status moves.
        try await team.sync(alice, bruno)
        let synced = try await states.first { $0.syncStatus == "Tout est synchronisé" }
        XCTAssertEqual(synced.followUps, first.followUps)
        var extra = bruno.newFollowUp(accountId: created.id, action: "Rappeler", dueOn: day)
        extra.owner = team.rep.id
        _ = try await bruno.saveFollowUp(followUp: extra)
        try await team.sync(bruno, alice)
        let last = try await states.first { $0.followUps.count == 2 }
        XCTAssertEqual(last.followUps.map(\.title), ["Boulangerie Martin", "Boulangerie Martin"])
        XCTAssertEqual(last.followUps.map { $0.detail.components(separatedBy: " · ")[0] }, ["Envoyer le devis", "Rappeler"])
        XCTAssertEqual(last.syncStatus, "Tout est synchronisé")
        viewModel.stop()

        let english = AgendaViewModel(device: bruno, lang: .en, timeZone: paris)
        let empty = try await english.load(today: day)
        XCTAssertEqual(empty.emptyMessage, "Nothing planned today.")
    }

    func testTheVisitFormParsesAmountsAsTypedAndPutsRefusalsUnderTheirField() async throws {
        let team = try await TestTeam()
        let alice = team.alice
        let created = try await alice.saveAccount(account: alice.newAccount(name: "Fromagerie Roux", kind: .client))
        let at = parisTime(23, 30)
        let french = VisitFormViewModel(device: alice, lang: .fr, timeZone: paris)

        let negative = await french.submit(VisitForm(accountId: created.id, orderAmount: "-5"), startedAt: at)
        XCTAssertEqual(negative,
                       .invalid(.orderAmountCents, message: "Montant de la commande : ne doit pas être négatif"))
        XCTAssertEqual(fieldLabel(field: .orderAmountCents, lang: .fr), "Montant de la commande")
        let typo = await french.submit(VisitForm(accountId: created.id, orderAmount: "12,5,0"), startedAt: at)
        XCTAssertEqual(typo,
                       .invalid(.orderAmountCents, message: "Montant de la commande : « 12,5,0 » n'est pas un montant"))
        // A dot with three digits after it could be 1250 or 1.25: refused, never guessed.
        let ambiguous = await french.submit(VisitForm(accountId: created.id, orderAmount: "1.250"), startedAt: at)
        XCTAssertEqual(ambiguous,
                       .invalid(.orderAmountCents, message: "Montant de la commande : « 1.250 » est ambigu : écrivez 1250 ou 1,25"))
        let english = VisitFormViewModel(device: alice, lang: .en, timeZone: paris)
        let tooMuchMargin = await english.submit(VisitForm(accountId: created.id, orderAmount: "100", orderMargin: "200"), startedAt: at)
        XCTAssertEqual(tooMuchMargin,
                       .invalid(.orderMarginCents, message: "Margin: cannot exceed the order amount"))
        let untouched = try await alice.accountDetail(accountId: created.id).timeline
        XCTAssertEqual(untouched.count, 0)

        guard case let .saved(visit, message) = await french.submit(
            VisitForm(accountId: created.id, orderAmount: "1 200,50", orderMargin: "300"), startedAt: at)
        else { return XCTFail("not saved") }
        XCTAssertEqual(message, "Visite enregistrée, commande de 1\u{202F}200,50\u{00A0}€")
        XCTAssertEqual(visit.orderAmountCents, 120_050)
        XCTAssertEqual(visit.orderMarginCents, 30_000)
        XCTAssertEqual(visit.utcOffsetMinutes, 60)

        var (form, stored) = try await french.edit(visitId: visit.id)
        XCTAssertEqual(form.orderAmount, "1\u{202F}200,50")
        form.notes = "Livraison mardi"
        guard case let .saved(edited, _) = await french.submit(form, startedAt: at, editing: stored) else { return XCTFail("not saved") }
        XCTAssertEqual(edited.id, visit.id)
        let notes = try await alice.accountDetail(accountId: created.id).timeline.compactMap { item -> String? in
            if case let .visit(visit) = item { return visit.notes }
            return nil
        }
        XCTAssertEqual(notes, ["Livraison mardi"])
        // Typed the English way in French, the amount is still 1,250.50 €, not 100 times more.
        guard case let .saved(dotted, _) = await french.submit(VisitForm(accountId: created.id, orderAmount: "1250.50"), startedAt: at)
        else { return XCTFail("not saved") }
        XCTAssertEqual(dotted.orderAmountCents, 125_050)
    }
}

/// States pushed by a view model, from whichever thread made the change.
private final class StateLog: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [AgendaState] = []

    func append(_ state: AgendaState) { lock.lock(); states.append(state); lock.unlock() }

    var all: [AgendaState] { lock.lock(); defer { lock.unlock() }; return states }

    /// The first state pushed that passes `test`, waiting for the change that brings it (10 s at most).
    func first(where test: (AgendaState) -> Bool) async throws -> AgendaState {
        for _ in 0..<200 {
            if let state = all.first(where: test) { return state }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw StateLogTimeout()
    }
}

private struct StateLogTimeout: Error {}
