import Foundation
import XCTest
@testable import TourneeKit

/// The view models the SwiftUI screens draw, against the real core and a real sync server.
final class ViewModelTests: XCTestCase {
    private let paris = TimeZone(identifier: "Europe/Paris")!

    /// Monday 2 March 2026, 10:00 in Paris.
    private var monday: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        return calendar.date(from: DateComponents(year: 2026, month: 3, day: 2, hour: 10, minute: 0))!
    }

    private var clock: ScreenClock {
        let now = monday
        return ScreenClock(timeZone: paris, now: { now })
    }

    @MainActor
    func testTwoDevicesLogAndSyncThroughTheScreens() async throws {
        let team = try await TestTeam()
        let (alice, bruno) = (team.alice, team.bruno)
        let (aliceChanges, brunoChanges) = (DeviceChanges(device: alice), DeviceChanges(device: bruno))
        defer { aliceChanges.close(); brunoChanges.close() }
        let account = try await alice.saveAccount(account: alice.newAccount(name: "Boulangerie Martin", kind: .prospect))

        let today = TodayViewModel(device: alice, changes: aliceChanges, lang: .en, clock: clock)
        today.start()
        defer { today.stop() }
        let empty = try await eventually { today.state.value }
        XCTAssertEqual(empty.title, "Monday 2 March")
        XCTAssertEqual(empty.emptyMessage, "Nothing planned today.")
        XCTAssertEqual(empty.sync.pending, "1 change to sync")
        XCTAssertEqual(empty.sync.lastSync, "Not synced yet")
        XCTAssertEqual(empty.sync.action, "Sync now")

        // Logged on Alice's phone with a follow-up due today: Today shows it at once.
        let form = VisitFormViewModel(device: alice, lang: .en, clock: clock)
        form.open(accountId: account.id, accountName: account.name)
        form.update { $0.outcome = .progress }
        form.onNextStepAction("Send the quote")
        form.onNextStepDue(clock.today)
        await form.save()
        XCTAssertEqual(form.state?.banner, "Visit saved")
        let due = try await eventually { today.state.value.flatMap { $0.followUps.isEmpty ? nil : $0 } }
        XCTAssertEqual(due.followUps.map(\.title), ["Boulangerie Martin"])
        XCTAssertEqual(due.followUps.map(\.detail), ["Send the quote · due 2 Mar 2026"])
        XCTAssertEqual(due.followUps.map(\.overdue), [false])
        XCTAssertNil(due.emptyMessage)

        // Bruno's tablet does not know the account yet: its detail says why.
        let detail = AccountDetailViewModel(accountId: account.id, device: bruno, changes: brunoChanges, lang: .en, clock: clock)
        detail.start()
        defer { detail.stop() }
        let missing = try await eventually { detail.state.error }
        XCTAssertFalse(missing.isEmpty)

        // Pull to sync on Alice's side, then Bruno syncs from his sync screen: his detail follows.
        await today.sync()
        let synced = try XCTUnwrap(today.state.value)
        let status = try await alice.syncStatus()
        let at = try XCTUnwrap(status.lastSyncedAt)
        XCTAssertEqual(synced.sync.lastSync, say(message: .lastSynced(at: at, utcOffsetMinutes: clock.offsetMinutes(at: at),
                                                                     today: clock.today), lang: .en))
        XCTAssertTrue(synced.sync.lastSync.hasPrefix("Synced "), synced.sync.lastSync)
        XCTAssertEqual(synced.sync.pending, "Everything is synced")
        XCTAssertFalse(synced.sync.failed)
        // The device keeps it: Today opened again (the app restarted) says the same.
        let reopened = TodayViewModel(device: alice, changes: aliceChanges, lang: .en, clock: clock)
        await reopened.refresh()
        XCTAssertEqual(reopened.state.value?.sync, synced.sync)
        let review = SyncConflictsViewModel(device: bruno, changes: brunoChanges, lang: .en)
        await review.sync()
        let shown = try await eventually { detail.state.value }
        XCTAssertEqual(shown.name, "Boulangerie Martin")
        XCTAssertEqual(shown.timeline.count, 1)
        XCTAssertEqual(shown.timeline[0].title, "2 Mar 2026 · \(channelLabel(channel: .onSite, lang: .en))")
        XCTAssertEqual(shown.followUps.map(\.title), ["Send the quote"])

        // A revoked device cannot sync: Today says why, in plain words.
        try await team.admin.revokeDevice(deviceId: alice.identity().deviceId)
        await today.sync()
        let failed = try XCTUnwrap(today.state.value)
        XCTAssertTrue(failed.sync.failed)
        XCTAssertTrue(failed.sync.lastSync.hasPrefix("Sync failed: "), failed.sync.lastSync)

        // A store that cannot be read: the screen says why instead of its lists.
        try team.breakStore(of: "alice")
        await today.refresh()
        XCTAssertNotNil(today.state.error)
    }

    @MainActor
    func testTheVisitFormAsksForTheNextStepAndReadsAFrenchAmountTypedWithADot() async throws {
        let team = try await TestTeam()
        let alice = team.alice
        let account = try await alice.saveAccount(account: alice.newAccount(name: "Fromagerie Roux", kind: .client))
        let form = VisitFormViewModel(device: alice, lang: .fr, clock: clock)
        form.open(accountId: account.id, accountName: account.name)
        XCTAssertEqual(form.state?.title, "Compte rendu de visite")
        XCTAssertEqual(form.state?.labels[.orderAmountCents], "Montant de la commande")
        XCTAssertEqual(form.state?.channels.first?.label, "Visite terrain")

        // A refusal goes under its field, and leaves it once the field is typed again.
        form.update { $0.orderAmount = "12,5,0" }
        await form.save(startedAt: monday)
        XCTAssertEqual(form.state?.errors, [.orderAmountCents: "Montant de la commande : « 12,5,0 » n'est pas un montant"])
        form.update { $0.orderAmount = "1250.50" }
        XCTAssertEqual(form.state?.errors, [:])

        // No next step chosen: nothing is saved, and the form says what is missing.
        await form.save(startedAt: monday)
        XCTAssertEqual(form.state?.errors, [.nextStep: say(message: .nextStepRequired, lang: .fr)])
        XCTAssertTrue(say(message: .nextStepRequired, lang: .fr).contains("prochaine étape"))
        let untouched = try await alice.accountDetail(accountId: account.id).timeline
        XCTAssertEqual(untouched.count, 0)

        // A follow-up typed is due a week later unless another day is picked.
        form.onNextStepAction("Envoyer le devis")
        XCTAssertEqual(form.state?.nextStepDue, say(message: .dueDay(day: LocalDate(year: 2026, month: 3, day: 9)), lang: .fr))
        XCTAssertTrue(form.state?.nextStepDue.contains("9 mars") == true, form.state?.nextStepDue ?? "")
        form.update {
            $0.products = "pain,  viennoiseries, "
            $0.interest = .high
        }
        await form.save(startedAt: monday)
        XCTAssertEqual(form.state?.banner, "Visite enregistrée, commande de 1\u{202F}250,50\u{00A0}€")
        XCTAssertEqual(form.state?.form, VisitForm(accountId: account.id))
        XCTAssertEqual(form.state?.savedAccountId, account.id)
        let detail = try await alice.accountDetail(accountId: account.id)
        let orders = detail.timeline.compactMap { item -> Int64? in
            if case let .visit(visit) = item { return visit.orderAmountCents }
            return nil
        }
        XCTAssertEqual(orders, [125_050])
        let products = detail.timeline.compactMap { item -> [String]? in
            if case let .visit(visit) = item { return visit.products }
            return nil
        }
        XCTAssertEqual(products, [["pain", "viennoiseries"]])
        let interests = detail.timeline.compactMap { item -> InterestLevel?? in
            if case let .visit(visit) = item { return visit.interest }
            return nil
        }
        XCTAssertEqual(interests, [.high])
        let followUps = detail.timeline.compactMap { item -> String? in
            if case let .followUp(followUp) = item { return "\(followUp.action) \(formatDate(day: followUp.dueOn, lang: .fr))" }
            return nil
        }
        XCTAssertEqual(followUps, ["Envoyer le devis 09/03/2026"])

        // "No next step" is a choice too; it saves the visit with no follow-up.
        form.onNoNextStep()
        await form.save(startedAt: monday)
        XCTAssertEqual(form.state?.banner, "Visite enregistrée")
        let after = try await alice.accountDetail(accountId: account.id).timeline.count
        XCTAssertEqual(after, 3)

        // Editing shows the amount as the user would type it.
        let english = VisitFormViewModel(device: alice, lang: .en, clock: clock)
        guard case let .saved(visit, _) = await english.submit(
            VisitForm(accountId: account.id, orderAmount: "100", orderMargin: "25", nextStep: NextStep.none), startedAt: monday)
        else { return XCTFail("not saved") }
        let (edited, _) = try await english.edit(visitId: visit.id)
        XCTAssertEqual(edited.orderAmount, "100.00")
        XCTAssertEqual(edited.orderMargin, "25.00")
        let tooMuch = await english.submit(VisitForm(accountId: account.id, orderAmount: "100", orderMargin: "200",
                                                     nextStep: NextStep.none), startedAt: monday)
        XCTAssertEqual(tooMuch, .invalid(.orderMarginCents, message: "Margin: cannot exceed the order amount"))
    }

    @MainActor
    func testTheAccountsListSearchesAsYouTypeAndTheDetailShowsContactsDuplicatesAndEdits() async throws {
        let team = try await TestTeam()
        let alice = team.alice
        let changes = DeviceChanges(device: alice)
        defer { changes.close() }
        let accounts = AccountsViewModel(device: alice, changes: changes, lang: .en, clock: clock)
        accounts.start()
        defer { accounts.stop() }
        await accounts.settled()
        XCTAssertEqual(accounts.state?.rows, [])
        XCTAssertNil(accounts.state?.emptyMessage)
        XCTAssertEqual(accounts.state?.searchHint, "Search accounts")
        accounts.onQueryChanged("zzz")
        await accounts.settled()
        XCTAssertEqual(accounts.state?.emptyMessage, "No account matches “zzz”")

        var martin = alice.newAccount(name: "Boulangerie Martin", kind: .prospect)
        martin.city = "Nantes"
        martin.postcode = "44000"
        martin = try await alice.saveAccount(account: martin)
        _ = try await alice.saveAccount(account: alice.newAccount(name: "Fromagerie Roux", kind: .client))
        // Typed quickly: only the search of what the field shows sets the list.
        accounts.onQueryChanged("b")
        accounts.onQueryChanged("bou")
        accounts.onQueryChanged("boul")
        await accounts.settled()
        XCTAssertEqual(accounts.state?.query, "boul")
        XCTAssertEqual(accounts.state?.rows.map(\.name), ["Boulangerie Martin"])
        XCTAssertEqual(accounts.state?.rows.map(\.detail), ["prospect · Nantes"])
        accounts.onQueryChanged("")
        await accounts.settled()
        XCTAssertEqual(accounts.state?.rows.map(\.name), ["Boulangerie Martin", "Fromagerie Roux"])
        // Filters: the core's, labelled by the core.
        let filters = try XCTUnwrap(accounts.state?.filters)
        XCTAssertEqual(filters.all, "All")
        XCTAssertEqual(filters.mine, "Mine")
        XCTAssertEqual(filters.dormant, "Dormant")
        XCTAssertEqual(filters.abcClasses.map(\.label), ["Class A", "Class B", "Class C"])
        accounts.onKind(.client)
        await accounts.settled()
        XCTAssertEqual(accounts.state?.filters.kind, .client)
        XCTAssertEqual(accounts.state?.rows.map(\.name), ["Fromagerie Roux"])
        accounts.onMineOnly(true)
        accounts.onQueryChanged("boul")
        await accounts.settled()
        XCTAssertEqual(accounts.state?.rows, [], "no client matches boul")
        accounts.showAll()
        await accounts.settled()
        XCTAssertEqual(accounts.state?.rows.map(\.name), ["Boulangerie Martin"])
        accounts.onQueryChanged("")
        await accounts.settled()

        let detail = AccountDetailViewModel(accountId: martin.id, device: alice, changes: changes, lang: .en, clock: clock)
        detail.start()
        defer { detail.stop() }
        await detail.refresh()
        let loaded = try XCTUnwrap(detail.state.value)
        XCTAssertEqual(loaded.kind, "prospect")
        XCTAssertEqual(loaded.emptyTimeline, "Nothing logged for this account yet")
        XCTAssertEqual(loaded.duplicates, [])
        XCTAssertTrue(loaded.fields.contains(FieldRow(label: fieldLabel(field: .city, lang: .en), value: "Nantes")))

        // A contact: its number and address become links the platform opens.
        detail.beginNewContact()
        await detail.saveNewContact()
        XCTAssertNotNil(detail.newContact?.errors[.name], "a contact needs a name")
        detail.updateNewContact {
            $0.name = "Claire Martin"
            $0.role = "Gérante"
            $0.phone = "06 12 34 56 78"
            $0.email = "claire@boulangerie-martin.fr"
        }
        let saved = await detail.saveNewContact()
        XCTAssertTrue(saved)
        let contacts = try XCTUnwrap(detail.state.value).contacts
        XCTAssertEqual(contacts.map(\.name), ["Claire Martin"])
        XCTAssertEqual(contacts.first?.detail, "Gérante · 06 12 34 56 78 · claire@boulangerie-martin.fr")
        XCTAssertEqual(contacts.first?.call, URL(string: "tel:0612345678"))
        XCTAssertEqual(contacts.first?.mail, URL(string: "mailto:claire@boulangerie-martin.fr"))

        // Editing: a bad amount stays under its field; a good one is saved and shown in words.
        detail.beginEdit()
        XCTAssertEqual(detail.editing?.cancel, "Cancel")
        detail.updateEdit { $0.potential = "12,5,0" }
        let refused = await detail.saveEdit()
        XCTAssertFalse(refused)
        XCTAssertNotNil(detail.editing?.errors[.potentialCents])
        detail.updateEdit {
            $0.potential = "25,000"
            $0.needHorizon = .shortTerm
            $0.phone = "02 40 00 00 01"
        }
        let edited = await detail.saveEdit()
        XCTAssertTrue(edited)
        XCTAssertNil(detail.editing)
        let after = try XCTUnwrap(detail.state.value)
        XCTAssertEqual(after.banner, "Account saved")
        XCTAssertEqual(after.kind, "prospect · \(needHorizonLabel(horizon: .shortTerm, lang: .en))")
        XCTAssertTrue(after.fields.contains(FieldRow(label: fieldLabel(field: .potentialCents, lang: .en), value: "€25,000.00")))

        // The same company entered again: the banner names it.
        var twin = alice.newAccount(name: "BOULANGERIE MARTIN", kind: .prospect)
        twin.postcode = "44000"
        twin = try await alice.saveAccount(account: twin)
        let flagged = try await eventually { detail.state.value.flatMap { $0.duplicates.isEmpty ? nil : $0.duplicates } }
        XCTAssertEqual(flagged.map(\.otherAccountId), [twin.id])
        XCTAssertTrue(flagged[0].text.hasPrefix(say(message: .possibleDuplicateOf(name: "BOULANGERIE MARTIN"), lang: .en) + " · "),
                      flagged[0].text)

        // An account that does not exist, and a store that fails: the screens say so.
        let nowhere = AccountDetailViewModel(accountId: "no-such-account", device: alice, changes: changes, lang: .en)
        await nowhere.refresh()
        XCTAssertNotNil(nowhere.state.error)
        try team.breakStore(of: "alice")
        accounts.onQueryChanged("x")
        await accounts.settled()
        XCTAssertEqual(accounts.state?.failed, true)
        XCTAssertEqual(accounts.state?.rows, [])
        XCTAssertFalse(accounts.state?.emptyMessage?.isEmpty ?? true)
    }

    @MainActor
    func testFollowUpsCountContactsAgainstTheSevenContactRuleAndNameTheProspectsAboutToBeDropped() async throws {
        let team = try await TestTeam()
        let alice = team.alice
        let changes = DeviceChanges(device: alice)
        defer { changes.close() }
        let screen = FollowUpsViewModel(device: alice, changes: changes, lang: .en, clock: clock)
        await screen.refresh()
        XCTAssertEqual(screen.state.value?.emptyMessage, "Nothing to follow up")
        XCTAssertEqual(screen.state.value?.title, "Follow-ups")

        // A prospect met once five weeks ago, with no next step; a client's follow-up overdue.
        var prospect = alice.newAccount(name: "Boulangerie Martin", kind: .prospect)
        prospect.createdAt = monday.addingTimeInterval(-60 * 86_400)
        prospect = try await alice.saveAccount(account: prospect)
        _ = try await alice.logVisit(visit: alice.newVisit(accountId: prospect.id, channel: .onSite,
                                                           startedAt: monday.addingTimeInterval(-35 * 86_400), utcOffsetMinutes: 60),
                                     nextStepDue: nil)
        let client = try await alice.saveAccount(account: alice.newAccount(name: "Fromagerie Roux", kind: .client))
        let call = try await alice.saveFollowUp(followUp: alice.newFollowUp(
            accountId: client.id, action: "Call back", dueOn: LocalDate(year: 2026, month: 2, day: 27)))
        screen.start()
        defer { screen.stop() }
        await screen.refresh()
        let loaded = try XCTUnwrap(screen.state.value)
        XCTAssertNil(loaded.emptyMessage)
        XCTAssertEqual(loaded.due.map(\.detail), ["Call back · overdue since 27 Feb 2026"])
        XCTAssertEqual(loaded.due.map(\.overdue), [true])
        XCTAssertEqual(loaded.atRisk.map(\.name), ["Boulangerie Martin"])
        XCTAssertEqual(loaded.atRisk.first?.atRisk, true)
        let detail = try XCTUnwrap(loaded.atRisk.first?.detail)
        XCTAssertTrue(detail.hasPrefix("1 contact of 7 · "), detail)
        XCTAssertEqual(loaded.atRiskTitle, "Prospects about to be dropped")

        await screen.markDone(call.id)
        XCTAssertEqual(screen.state.value?.due, [])
        XCTAssertNil(screen.state.value?.banner)
        await screen.markDone("no-such-follow-up")
        XCTAssertNotNil(screen.state.value?.banner)
    }

    @MainActor
    func testTheTradeShowTabletFlagsADuplicateWhileTypingAndQualifiesOrDiscards() async throws {
        let team = try await TestTeam()
        let alice = team.alice
        let changes = DeviceChanges(device: alice)
        defer { changes.close() }
        let martin = try await alice.saveAccount(account: alice.newAccount(name: "Boulangerie Martin", kind: .client))
        let capture = LeadCaptureViewModel(device: alice, changes: changes, lang: .en, event: "Sirha 2026", clock: clock)
        capture.start()
        defer { capture.stop() }
        await capture.settled()
        XCTAssertEqual(capture.state.title, "Trade show: Sirha 2026")
        XCTAssertEqual(capture.state.leadsTitle, "No lead captured yet")
        XCTAssertEqual(capture.state.leads, [])

        // Flagged while typing, cleared when the company no longer looks like one.
        capture.update { $0.company = "Boulangerie Martin SARL" }
        await capture.settled()
        XCTAssertEqual(capture.state.duplicateWarning, "Already an account? One looks alike")
        XCTAssertEqual(capture.state.similarAccounts.map(\.id), [martin.id])
        capture.update { $0.company = "Zeta Traiteur" }
        await capture.settled()
        XCTAssertNil(capture.state.duplicateWarning)

        // A visitor's badge fills the form; text that is no badge says so and fills nothing.
        capture.badgeScanned("just some words")
        XCTAssertEqual(capture.state.form.name, "")
        XCTAssertTrue(capture.state.banner?.contains(fieldLabel(field: .badge, lang: .en)) == true, capture.state.banner ?? "")
        capture.badgeScanned("MECARD:N:Dubois,Marc;ORG:Cave Dubois;TEL:+33 5 56 00 00 00;EMAIL:marc@cave-dubois.fr;;")
        XCTAssertEqual(capture.state.form.name, "Marc Dubois")
        XCTAssertEqual(capture.state.form.company, "Cave Dubois")
        XCTAssertEqual(capture.state.form.email, "marc@cave-dubois.fr")
        XCTAssertEqual(capture.state.form.phone, "+33 5 56 00 00 00")
        XCTAssertEqual(capture.state.banner, say(message: .badgeRead(name: "Marc Dubois"), lang: .en))
        capture.update { $0 = LeadForm() }

        // A lead needs a name; the refusal goes under it.
        await capture.save()
        XCTAssertNotNil(capture.state.errors[.name])
        XCTAssertEqual(capture.state.leads, [])

        // Three leads in a row, the form empty after each.
        for (name, company) in [("Claire Martin", "Boulangerie Martin"), ("Paul Durand", "Zeta Traiteur"), ("Léa Petit", "")] {
            capture.update {
                $0.name = name
                $0.company = company
                $0.interest = .high
            }
            await capture.save()
            XCTAssertEqual(capture.state.banner, "Saved: \(name)")
            XCTAssertEqual(capture.state.form, LeadForm())
        }
        await capture.settled()
        XCTAssertEqual(capture.state.leadsTitle, "3 leads captured")
        XCTAssertEqual(capture.state.scanBadge, "Scan a badge")
        let claire = try XCTUnwrap(capture.state.leads.first { $0.title == "Claire Martin · Boulangerie Martin" })
        XCTAssertEqual(claire.duplicateWarning, "Already an account? One looks alike")
        XCTAssertEqual(claire.similarAccounts.map(\.id), [martin.id])
        XCTAssertTrue(claire.isNew)
        XCTAssertTrue(claire.detail.hasSuffix(" · \(leadStatusLabel(status: .new, lang: .en)) · \(interestLevelLabel(level: .high, lang: .en))"),
                      claire.detail)
        let paul = try XCTUnwrap(capture.state.leads.first { $0.title == "Paul Durand · Zeta Traiteur" })
        XCTAssertNil(paul.duplicateWarning)

        // Claire joins the account she looked like; Paul is discarded.
        await capture.qualify(claire.id, into: martin.id)
        await capture.discard(paul.id)
        await capture.settled()
        XCTAssertEqual(capture.state.banner, "Saved: Léa Petit", "qualifying and discarding worked: no failure shown")
        XCTAssertEqual(capture.state.leads.filter(\.isNew).map(\.title), ["Léa Petit"])
        let contacts = try await alice.accountDetail(accountId: martin.id).contacts.map(\.name)
        XCTAssertEqual(contacts, ["Claire Martin"])
        await capture.discard(paul.id)
        XCTAssertNotNil(capture.state.banner, "a lead already discarded cannot be discarded again")
    }

    @MainActor
    func testAConflictIsSettledADeleteAgainstAnEditRestoredAndDuplicatesMerged() async throws {
        let team = try await TestTeam()
        let (alice, bruno) = (team.alice, team.bruno)
        let changes = DeviceChanges(device: alice)
        defer { changes.close() }
        let screen = SyncConflictsViewModel(device: alice, changes: changes, lang: .en)
        screen.start()
        defer { screen.stop() }
        await screen.refresh()
        XCTAssertEqual(screen.state.value?.conflictsTitle, "No conflict to settle")
        XCTAssertEqual(screen.state.value?.duplicatesTitle, "No duplicate company")
        XCTAssertEqual(screen.state.value?.title, "Sync and conflicts")

        var martin = alice.newAccount(name: "Boulangerie Martin", kind: .prospect)
        martin.postcode = "44000"
        martin = try await alice.saveAccount(account: martin)
        let visit = try await alice.logVisit(visit: alice.newVisit(accountId: martin.id, channel: .phone, startedAt: monday,
                                                                   utcOffsetMinutes: 60), nextStepDue: nil).visit
        try await team.sync(alice, bruno)
        var mine = martin
        mine.phone = "02 40 00 00 01"
        _ = try await alice.saveAccount(account: mine)
        var theirs = try await bruno.accountDetail(accountId: martin.id).account
        theirs.phone = "06 12 34 56 78"
        _ = try await bruno.saveAccount(account: theirs)
        // The visit: deleted on Alice's phone, edited on Bruno's tablet.
        try await alice.delete(collection: .visits, id: visit.id)
        var edited = try await bruno.visit(visitId: visit.id)
        edited.notes = "Rappeler en avril"
        _ = try await bruno.saveVisit(visit: edited)
        try await team.sync(bruno)
        await screen.sync()

        let both = try await eventually { screen.state.value.flatMap { $0.conflicts.count == 2 ? $0 : nil } }
        let phone = try XCTUnwrap(both.conflicts.first { !$0.deletedWhileEdited })
        XCTAssertEqual(both.conflictsTitle, "2 conflicts to settle")
        XCTAssertEqual(phone.title, say(message: .conflictOn(collection: .accounts, field: "phone"), lang: .en))
        XCTAssertTrue(phone.title.contains(fieldLabel(field: .phone, lang: .en)), phone.title)
        XCTAssertEqual(phone.recordName, "Boulangerie Martin")
        XCTAssertEqual(phone.choices.map(\.value).sorted(), ["02 40 00 00 01", "06 12 34 56 78"])
        XCTAssertEqual(phone.choices.compactMap(\.shownNow), ["shown now"])
        let deleted = try XCTUnwrap(both.conflicts.first { $0.deletedWhileEdited })
        XCTAssertEqual(deleted.detail, "Deleted on one device while edited on another")
        XCTAssertEqual(deleted.choices, [])
        XCTAssertEqual(both.keep, "Keep this one")
        XCTAssertEqual(both.restore, "Keep it, with the edits")

        await screen.keep(phone, value: "06 12 34 56 78")
        await screen.restore(deleted)
        let settled = try XCTUnwrap(screen.state.value)
        XCTAssertEqual(settled.banner, "Conflict settled")
        XCTAssertEqual(settled.conflicts, [])
        XCTAssertEqual(settled.conflictsTitle, "No conflict to settle")
        await screen.sync()
        try await team.sync(bruno)
        let theirConflicts = try await bruno.conflicts()
        XCTAssertEqual(theirConflicts, [])
        let kept = try await bruno.accountDetail(accountId: martin.id)
        XCTAssertEqual(kept.account.phone, "06 12 34 56 78")
        let notes = kept.timeline.compactMap { item -> String? in
            if case let .visit(visit) = item { return visit.notes }
            return nil
        }
        XCTAssertEqual(notes, ["Rappeler en avril"])

        // The same company entered twice: merged into the one kept.
        var twin = alice.newAccount(name: "Boulangerie Martin", kind: .prospect)
        twin.postcode = "44000"
        twin = try await alice.saveAccount(account: twin)
        let pair = try await eventually { screen.state.value?.duplicates.first }
        XCTAssertEqual(Set([pair.first.id, pair.second.id]), [martin.id, twin.id])
        XCTAssertEqual(pair.keepFirst, "Keep Boulangerie Martin, merge the other")
        XCTAssertEqual(pair.reasons, duplicateReasonLabel(reason: .nameAndPostcode, lang: .en))
        XCTAssertEqual(screen.state.value?.duplicatesTitle, "1 possible duplicate company")
        await screen.merge(keeping: pair, first: pair.first.id == martin.id)
        XCTAssertEqual(screen.state.value?.banner, "Merged into Boulangerie Martin")
        XCTAssertEqual(screen.state.value?.duplicates, [])
        let merged = try await alice.accountDetail(accountId: martin.id).mergedFrom
        XCTAssertEqual(merged, [twin.id])
        await screen.merge(keeping: pair, first: pair.first.id == martin.id)
        XCTAssertTrue(screen.state.value?.banner?.hasPrefix("Not saved: ") == true, "a merged account cannot be merged again")
    }

    @MainActor
    func testThePipelineGroupsOpenDealsByStage() async throws {
        let team = try await TestTeam()
        let (alice, bruno) = (team.alice, team.bruno)
        let changes = DeviceChanges(device: alice)
        defer { changes.close() }
        let pipeline = PipelineViewModel(device: alice, changes: changes, lang: .fr, clock: clock)
        pipeline.start()
        defer { pipeline.stop() }
        await pipeline.refresh()
        XCTAssertEqual(pipeline.state.value?.emptyMessage, say(message: .noOpenDeal, lang: .fr))
        XCTAssertEqual(pipeline.state.value?.title, say(message: .pipelineTitle, lang: .fr))

        let martin = try await alice.saveAccount(account: alice.newAccount(name: "Boulangerie Martin", kind: .client))
        let close = LocalDate(year: 2026, month: 4, day: 30)
        _ = try await alice.saveOpportunity(opportunity: alice.newOpportunity(
            accountId: martin.id, title: "Four à pain", amountCents: 1_200_000, probability: 60, expectedClose: close))
        var proposal = alice.newOpportunity(accountId: martin.id, title: "Vitrine", amountCents: 300_050, probability: 40,
                                            expectedClose: close)
        proposal.stage = .proposal
        _ = try await alice.saveOpportunity(opportunity: proposal)
        try await team.sync(alice, bruno)
        _ = try await bruno.saveOpportunity(opportunity: bruno.newOpportunity(
            accountId: martin.id, title: "Pétrin", amountCents: 500_000, probability: 20, expectedClose: close))
        try await team.sync(bruno, alice)

        let loaded = try await eventually { pipeline.state.value.flatMap { $0.stages.isEmpty ? nil : $0 } }
        XCTAssertNil(loaded.emptyMessage)
        XCTAssertEqual(loaded.stages.map(\.stage), [.qualification, .proposal])
        XCTAssertEqual(loaded.stages.map(\.title), [opportunityStageLabel(stage: .qualification, lang: .fr),
                                                    opportunityStageLabel(stage: .proposal, lang: .fr)])
        XCTAssertEqual(loaded.stages[0].total, say(message: .pipelineTotal(count: 1, amountCents: 1_200_000), lang: .fr))
        XCTAssertTrue(loaded.stages[0].total.contains("12\u{202F}000,00\u{00A0}€"), loaded.stages[0].total)
        XCTAssertEqual(loaded.stages[0].rows.map(\.title), ["Four à pain · Boulangerie Martin"])
        XCTAssertEqual(loaded.stages[0].rows[0].detail,
                       "\(opportunityStageLabel(stage: .qualification, lang: .fr)) · 12\u{202F}000,00\u{00A0}€ · 60\u{00A0}% · "
                           + say(message: .closesOn(day: close, overdue: false), lang: .fr))
        XCTAssertFalse(loaded.stages[0].rows[0].overdue)
        XCTAssertEqual(loaded.mineOnlyLabel, say(message: .mineOnly, lang: .fr))

        await pipeline.showMineOnly(false)
        let everyone = try XCTUnwrap(pipeline.state.value)
        XCTAssertFalse(everyone.mineOnly)
        XCTAssertEqual(everyone.stages[0].total, say(message: .pipelineTotal(count: 2, amountCents: 1_700_000), lang: .fr))
        XCTAssertEqual(everyone.stages[0].rows.count, 2)

        try team.breakStore(of: "alice")
        await pipeline.refresh()
        XCTAssertNotNil(pipeline.state.error)
    }

    @MainActor
    func testTheDashboardDrawsBarsAgainstTheObjectiveAndATrendAndAManagerSeesEachRep() async throws {
        let team = try await TestTeam()
        let (alice, bruno) = (team.alice, team.bruno)
        let (aliceChanges, brunoChanges) = (DeviceChanges(device: alice), DeviceChanges(device: bruno))
        defer { aliceChanges.close(); brunoChanges.close() }
        let martin = try await alice.saveAccount(account: alice.newAccount(name: "Boulangerie Martin", kind: .client))
        // One visit this Monday (with an order), two the week before (Sunday and last Monday).
        for (days, order) in [(0.0, Int64(120_000)), (-1, 0), (-7, 0)] {
            var visit = alice.newVisit(accountId: martin.id, channel: .onSite, startedAt: monday.addingTimeInterval(days * 86_400),
                                       utcOffsetMinutes: 60)
            visit.outcome = order > 0 ? .orderTaken : .progress
            visit.orderAmountCents = order
            _ = try await alice.logVisit(visit: visit, nextStepDue: nil)
        }
        let mine = DashboardViewModel(device: alice, changes: aliceChanges, lang: .en, clock: clock)
        await mine.refresh()
        let before = try XCTUnwrap(mine.state.value)
        XCTAssertEqual(before.title, "Week")
        XCTAssertEqual(before.week, "Week of 2 Mar 2026")
        XCTAssertEqual(before.scopes.map(\.value), [.rep(team.rep.id), .team])
        XCTAssertEqual(before.scopes.map(\.label), ["My week", "Team"])
        XCTAssertEqual(before.nothingDue, "Nothing due")
        let visits = try XCTUnwrap(before.indicators.first { $0.key == .visits })
        XCTAssertEqual(visits.label, "On-site visits")
        XCTAssertEqual(visits.value, "1")
        XCTAssertEqual(visits.previous, "last week 2")
        XCTAssertNil(visits.objective)
        XCTAssertEqual(before.objectiveBars, [])
        XCTAssertEqual(before.trend.count, DashboardViewModel.trendWeeks)
        XCTAssertEqual(before.trend.suffix(2).map(\.value), [2, 1])
        XCTAssertEqual(before.trend.last?.week, "2 Mar 2026")
        XCTAssertEqual(before.trend.first?.week, "12 Jan 2026")
        XCTAssertEqual(before.nothingToLookAt, "No account needs a look")

        // The manager sets an objective of 4 visits for Alice's week, and looks at the team and at Alice.
        try await team.sync(alice, bruno)
        let week = try await bruno.weeklyDashboard(scope: .team, today: clock.today).week
        _ = try await bruno.saveObjective(objective: bruno.newObjective(
            rep: team.rep.id, metric: .visits, target: 4, periodStart: week.start, periodEnd: week.end))
        let board = DashboardViewModel(device: bruno, changes: brunoChanges, lang: .fr, clock: clock, scope: .team)
        await board.refresh()
        let teamWide = try XCTUnwrap(board.state.value)
        XCTAssertEqual(teamWide.scopes.map(\.value), [.rep(team.manager.id), .team, .rep(team.rep.id)])
        XCTAssertEqual(teamWide.scopes.map(\.label), ["Ma semaine", "L'équipe", "Alice Martin"])
        XCTAssertEqual(teamWide.indicators.first { $0.key == .revenue }?.value, "1\u{202F}200,00\u{00A0}€")
        await board.show(.rep(team.rep.id))
        let alices = try XCTUnwrap(board.state.value)
        XCTAssertEqual(alices.scope, .rep(team.rep.id))
        let objective = try XCTUnwrap(alices.indicators.first { $0.key == .visits })
        XCTAssertEqual(objective.objective, say(message: .objectiveProgress(target: "4", percent: "25\u{00A0}%"), lang: .fr))
        XCTAssertEqual(objective.met, false)
        XCTAssertEqual(alices.objectiveBars.map(\.key), [.visits])
        XCTAssertEqual(alices.objectiveBars.first?.percent, 25)
        XCTAssertEqual(alices.objectiveBars.first?.percentText, "25\u{00A0}%")
        await board.follow(.revenue)
        let revenue = try XCTUnwrap(board.state.value)
        XCTAssertEqual(revenue.trendKey, .revenue)
        XCTAssertEqual(revenue.trend.last?.value, 1_200)
        XCTAssertEqual(revenue.trend.last?.text, "1\u{202F}200,00\u{00A0}€")
        XCTAssertEqual(revenue.trendTitle, say(message: .trendOverWeeks(weeks: 8), lang: .fr))

        try team.breakStore(of: "bruno")
        await board.refresh()
        XCTAssertNotNil(board.state.error)
    }

    @MainActor
    func testEnrollmentAndSettingsSpeakTheChosenLanguage() async throws {
        let team = try await TestTeam()
        let dir = team.dir.appendingPathComponent("new-phone").path
        let enrollment = EnrollmentViewModel(dataDir: dir, lang: .fr)
        XCTAssertNil(try enrollment.openEnrolled())
        XCTAssertEqual(enrollment.state.title, "Enrôler cet appareil")
        XCTAssertFalse(enrollment.state.canEnroll)
        XCTAssertEqual(enrollment.state.languages.map(\.label), ["Français", "English"])
        enrollment.update {
            $0.serverUrl = team.url
            $0.code = "AAAAA-BBBBB-CCCCC"
            $0.deviceName = "iPad salon"
            $0.lang = .en
        }
        XCTAssertEqual(enrollment.state.title, "Enroll this device")
        XCTAssertTrue(enrollment.state.canEnroll)
        let refused = await enrollment.enroll()
        XCTAssertNil(refused)
        XCTAssertNotNil(enrollment.state.error)
        XCTAssertFalse(enrollment.state.enrolling)

        let code = try await team.admin.enrollmentCode(userId: team.rep.id).code
        enrollment.update { $0.code = code }
        XCTAssertNil(enrollment.state.error, "typing again clears the last error")
        let enrolled = await enrollment.enroll()
        let device = try XCTUnwrap(enrolled)
        XCTAssertEqual(device.identity().userId, team.rep.id)
        XCTAssertNotNil(try EnrollmentViewModel(dataDir: dir, lang: .fr).openEnrolled())

        let settings = SettingsViewModel(device: device, lang: .en)
        XCTAssertEqual(settings.state.title, "Settings")
        XCTAssertEqual(settings.state.actsFor, "Connected to \(team.url) as \(roleLabel(role: .rep, lang: .en))")
        settings.chooseLanguage(.fr)
        XCTAssertEqual(settings.state.title, "Réglages")
        XCTAssertEqual(settings.state.lang, .fr)
    }
}

/// The value `probe` finds, waiting for the change that brings it (10 s at most).
@MainActor
func eventually<T>(_ probe: @MainActor () -> T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    for _ in 0..<200 {
        if let value = probe() { return value }
        try await Task.sleep(nanoseconds: 50_000_000)
    }
    XCTFail("nothing came within 10 s", file: file, line: line)
    throw Timeout()
}

struct Timeout: Error {}
