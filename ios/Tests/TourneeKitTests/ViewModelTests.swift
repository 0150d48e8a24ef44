import Foundation
import XCTest
@testable import TourneeKit

/// The view models the SwiftUI screens draw, against the real core.
final class ViewModelTests: XCTestCase {
    private let paris = TimeZone(identifier: "Europe/Paris")!
    private let day: LocalDate = "2026-03-02"

    private func parisTime(_ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        return calendar.date(from: DateComponents(year: 2026, month: 3, day: 2, hour: hour, minute: minute))!
    }

    func testTheAgendaShowsPlannedVisitsAndOverdueFollowUpsInFrenchAndFollowsSyncs() async throws {
        let team = try await TestTeam()
        let (alice, bruno) = (team.alice, team.bruno)
        let created = try alice.saveAccount(account: alice.newAccount(name: "Boulangerie Martin", kind: .client))
        var planned = alice.newVisit(accountId: created.id, channel: .onSite, startedAt: parisTime(9, 30), utcOffsetMinutes: 60)
        planned.status = .planned
        _ = try alice.saveVisit(visit: planned)
        _ = try alice.saveFollowUp(followUp: alice.newFollowUp(accountId: created.id, action: "Envoyer le devis", dueOn: "2026-03-01"))

        let states = StateLog()
        let viewModel = AgendaViewModel(device: alice, lang: .fr, timeZone: paris)
        let day = self.day
        try viewModel.observe(today: { day }) { states.append($0) }
        let first = try XCTUnwrap(states.all.first)
        XCTAssertEqual(first.title, "Lundi 2 mars")
        XCTAssertEqual(first.visits.map(\.detail), ["09:30 · Visite terrain"])
        XCTAssertEqual(first.followUps.map(\.detail), ["Envoyer le devis · en retard depuis le 01/03/2026"])
        XCTAssertNil(first.emptyMessage)
        XCTAssertEqual(first.syncStatus, "3 modifications à synchroniser")

        try await team.sync(alice, bruno)
        var extra = bruno.newFollowUp(accountId: created.id, action: "Rappeler", dueOn: day)
        extra.owner = team.rep.id
        _ = try bruno.saveFollowUp(followUp: extra)
        try await team.sync(bruno, alice)
        let last = try XCTUnwrap(states.all.last)
        XCTAssertEqual(last.followUps.map(\.title), ["Boulangerie Martin", "Boulangerie Martin"])
        XCTAssertEqual(last.followUps.map { $0.detail.components(separatedBy: " · ")[0] }, ["Envoyer le devis", "Rappeler"])
        XCTAssertEqual(last.syncStatus, "Tout est synchronisé")
        viewModel.stop()

        let english = AgendaViewModel(device: bruno, lang: .en, timeZone: paris)
        XCTAssertEqual(try english.load(today: day).emptyMessage, "Nothing planned today.")
    }

    func testTheVisitFormParsesAmountsAsTypedAndPutsRefusalsUnderTheirField() async throws {
        let team = try await TestTeam()
        let alice = team.alice
        let created = try alice.saveAccount(account: alice.newAccount(name: "Fromagerie Roux", kind: .client))
        let at = parisTime(23, 30)
        let french = VisitFormViewModel(device: alice, lang: .fr, timeZone: paris)

        XCTAssertEqual(french.submit(VisitForm(accountId: created.id, orderAmount: "-5"), startedAt: at),
                       .invalid(.orderAmount, message: "Montant de la commande : ne doit pas être négatif"))
        XCTAssertEqual(french.submit(VisitForm(accountId: created.id, orderAmount: "12,5,0"), startedAt: at),
                       .invalid(.orderAmount, message: "Montant de la commande : « 12,5,0 » n'est pas un montant"))
        // A dot with three digits after it could be 1250 or 1.25: refused, never guessed.
        XCTAssertEqual(french.submit(VisitForm(accountId: created.id, orderAmount: "1.250"), startedAt: at),
                       .invalid(.orderAmount, message: "Montant de la commande : « 1.250 » est ambigu : écrivez 1250 ou 1,25"))
        let english = VisitFormViewModel(device: alice, lang: .en, timeZone: paris)
        XCTAssertEqual(english.submit(VisitForm(accountId: created.id, orderAmount: "100", orderMargin: "200"), startedAt: at),
                       .invalid(.orderMargin, message: "Margin: cannot exceed the order amount"))
        XCTAssertEqual(try alice.accountDetail(accountId: created.id).timeline.count, 0)

        guard case let .saved(visit, message) = french.submit(
            VisitForm(accountId: created.id, orderAmount: "1 200,50", orderMargin: "300"), startedAt: at)
        else { return XCTFail("not saved") }
        XCTAssertEqual(message, "Visite enregistrée, commande de 1\u{202F}200,50\u{00A0}€")
        XCTAssertEqual(visit.orderAmountCents, 120_050)
        XCTAssertEqual(visit.orderMarginCents, 30_000)
        XCTAssertEqual(visit.utcOffsetMinutes, 60)

        var (form, stored) = try french.edit(visitId: visit.id)
        XCTAssertEqual(form.orderAmount, "1\u{202F}200,50")
        form.notes = "Livraison mardi"
        guard case let .saved(edited, _) = french.submit(form, startedAt: at, editing: stored) else { return XCTFail("not saved") }
        XCTAssertEqual(edited.id, visit.id)
        let notes = try alice.accountDetail(accountId: created.id).timeline.compactMap { item -> String? in
            if case let .visit(visit) = item { return visit.notes }
            return nil
        }
        XCTAssertEqual(notes, ["Livraison mardi"])
        // Typed the English way in French, the amount is still 1,250.50 €, not 100 times more.
        guard case let .saved(dotted, _) = french.submit(VisitForm(accountId: created.id, orderAmount: "1250.50"), startedAt: at)
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
}
