//! The session as every shell uses it: what an operation writes, and what it announces.

use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::doc::Collection;
use crate::i18n::Lang;
use crate::model::{Account, AccountKind, Channel, Outcome};
use crate::store::sync_keys;

/// A session enrolled as rep `rep1` (its identity written as enrollment leaves it), and what it
/// announced.
pub(super) fn session() -> (tempfile::TempDir, Session, Arc<Mutex<Vec<Change>>>) {
    let dir = tempfile::tempdir().unwrap();
    let home = DeviceHome::new(dir.path());
    let store = home.open_store().unwrap();
    for (key, value) in [
        (sync_keys::SERVER, "http://127.0.0.1:1"),
        (sync_keys::DEVICE, "dev1"),
        (sync_keys::USER, "rep1"),
        (sync_keys::ROLE, sync_keys::REP_ROLE),
    ] {
        store.set_sync_value(key, value.as_bytes()).unwrap();
    }
    drop(store);
    let session = home.open().unwrap();
    let (observer, seen) = recorder();
    session.observe(Some(observer));
    (dir, session, seen)
}

/// Stores the team's list as a sync would: `(id, name)` of each rep.
pub(super) fn know_team(session: &Session, people: &[(&str, &str)]) {
    let team: Vec<crate::sync::api::User> = people
        .iter()
        .map(|(id, name)| crate::sync::api::User {
            id: (*id).into(),
            name: (*name).into(),
            role: crate::sync::api::Role::Rep,
            team_id: Some("t1".into()),
        })
        .collect();
    session.store().set_sync_value(sync_keys::TEAM_MEMBERS, &serde_json::to_vec(&team).unwrap()).unwrap();
}

/// An observer that keeps every change it is told of.
pub(super) fn recorder() -> (Arc<dyn ChangeObserver>, Arc<Mutex<Vec<Change>>>) {
    struct Keep(Arc<Mutex<Vec<Change>>>);
    impl ChangeObserver for Keep {
        fn changed(&self, change: &Change) {
            self.0.lock().unwrap().push(change.clone());
        }
    }
    let seen = Arc::new(Mutex::new(Vec::new()));
    (Arc::new(Keep(seen.clone())), seen)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

#[test]
fn an_unenrolled_home_does_not_open_and_an_enrolled_one_refuses_a_second_enrollment() {
    let dir = tempfile::tempdir().unwrap();
    let home = DeviceHome::new(dir.path());
    assert!(matches!(home.open(), Err(crate::sync::SyncError::NotEnrolled)));
    assert!(!home.is_enrolled().unwrap());

    let (dir, _session, _) = session();
    let home = DeviceHome::new(dir.path());
    assert!(home.is_enrolled().unwrap());
    let again = tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(home.enroll(
        "http://127.0.0.1:1",
        "AAAAA-AAAAA",
        "Phone",
        None,
    ));
    assert!(matches!(again, Err(crate::sync::SyncError::AlreadyEnrolled { user_id }) if user_id == "rep1"));
}

#[test]
fn a_visit_with_a_next_step_and_an_order_is_logged_with_its_follow_up_and_announced() {
    let (_dir, session, seen) = session();
    let account =
        session.save_account(&session.new_account("Boulangerie Martin", AccountKind::Client)).unwrap();
    // Tuesday 3 March 2026, 23:30 in Paris (UTC+1): already the 3rd locally, the 3rd in UTC too.
    let started = Utc.with_ymd_and_hms(2026, 3, 3, 22, 30, 0).unwrap();
    let mut visit = session.new_visit(&account.id, Channel::OnSite, started, 60);
    visit.order_amount_cents = 125_050;
    visit.next_step = Some("  Envoyer le devis  ".into());

    let logged = session.log_visit(&visit, None).unwrap();
    assert_eq!(logged.visit.outcome, Some(Outcome::OrderTaken), "an order with no outcome is an order taken");
    let follow_up = logged.follow_up.expect("a next step makes a follow-up");
    assert_eq!(follow_up.action, "Envoyer le devis");
    assert_eq!(follow_up.due_on, day(3) + chrono::Days::new(NEXT_STEP_AFTER_DAYS));
    assert_eq!(follow_up.owner, "rep1");
    assert_eq!(session.agenda(day(10)).unwrap().follow_ups.len(), 1);

    let change = seen.lock().unwrap().last().cloned().unwrap();
    assert_eq!(change.origin, ChangeOrigin::Local);
    assert_eq!(change.collections, vec![Collection::Visits, Collection::FollowUps]);
    assert_eq!(change.account_ids, vec![account.id.clone()]);
    assert_eq!(change.revision, session.revision());

    // A given date wins; no next step, no follow-up.
    visit.id = crate::model::new_id();
    assert_eq!(session.log_visit(&visit, Some(day(20))).unwrap().follow_up.unwrap().due_on, day(20));
    visit.id = crate::model::new_id();
    visit.next_step = Some("   ".into());
    assert!(session.log_visit(&visit, None).unwrap().follow_up.is_none());
}

#[test]
fn a_refused_write_announces_nothing() {
    let (_dir, session, seen) = session();
    let before = session.revision();
    assert!(session.save_account(&session.new_account("  ", AccountKind::Prospect)).is_err());
    assert_eq!(session.revision(), before);
    assert!(seen.lock().unwrap().is_empty());
}

#[test]
fn an_account_is_found_by_id_by_words_or_by_its_exact_name() {
    let (_dir, session, _) = session();
    let martin =
        session.save_account(&session.new_account("Boulangerie Martin", AccountKind::Client)).unwrap();
    session.save_account(&session.new_account("Boulangerie Martin Fils", AccountKind::Client)).unwrap();
    session.save_account(&session.new_account("Cave Lebrun", AccountKind::Prospect)).unwrap();

    let found = |text: &str| session.find_account(text).unwrap();
    assert!(matches!(found(&martin.id), AccountMatch::Found { account } if account.id == martin.id));
    assert!(matches!(found("cave"), AccountMatch::Found { account } if account.name == "Cave Lebrun"));
    assert!(
        matches!(found("boulangerie martin"), AccountMatch::Found { account } if account.id == martin.id)
    );
    assert!(matches!(found("boulangerie"), AccountMatch::Ambiguous { candidates } if candidates.len() == 2));
    assert_eq!(found("garage"), AccountMatch::NotFound);
}

#[test]
fn a_new_account_warns_of_its_twin_and_a_kind_change_drops_the_horizon() {
    let (_dir, session, _) = session();
    let mut first = session.new_account("Boulangerie Martin", AccountKind::Prospect);
    first.postcode = Some("44000".into());
    first.need_horizon = Some(crate::model::NeedHorizon::ShortTerm);
    let created = session.create_account(&first).unwrap();
    assert!(created.similar_accounts.is_empty());

    let mut twin = session.new_account("BOULANGERIE MARTIN", AccountKind::Prospect);
    twin.postcode = Some("44000".into());
    let created = session.create_account(&twin).unwrap();
    assert_eq!(created.similar_accounts.iter().map(|a| &a.id).collect::<Vec<_>>(), vec![&first.id]);

    let mut client = session.store().account(&first.id).unwrap();
    client.set_kind(AccountKind::Client);
    assert_eq!(session.save_account(&client).unwrap().need_horizon, None);
}

#[test]
fn completing_a_follow_up_marks_it_done_once() {
    let (_dir, session, _) = session();
    let account = session.save_account(&session.new_account("Cave Lebrun", AccountKind::Prospect)).unwrap();
    let follow_up = session.save_follow_up(&session.new_follow_up(&account.id, "Rappeler", day(5))).unwrap();
    let done = session.complete_follow_up(&follow_up.id).unwrap();
    assert!(done.done && done.done_at.is_some());
    assert_eq!(session.complete_follow_up(&follow_up.id).unwrap().done_at, done.done_at);
    assert!(session.agenda(day(5)).unwrap().follow_ups.is_empty());
    assert!(matches!(session.complete_follow_up("nope"), Err(crate::Error::NotFound { .. })));
}

#[test]
fn qualifying_a_lead_announces_the_leads_and_the_new_account() {
    let (_dir, session, seen) = session();
    let mut lead = session.new_lead(" Salon Habitat ", "Paul Durand");
    lead.company = Some("Fournil Durand".into());
    let captured = session.capture_lead(&lead).unwrap();
    assert_eq!(captured.lead.event, "Salon Habitat");
    assert_eq!(seen.lock().unwrap().last().unwrap().collections, vec![Collection::Leads]);

    let done = session.qualify_lead(&captured.lead.id, None, None).unwrap();
    let change = seen.lock().unwrap().last().cloned().unwrap();
    assert!(change.touches(Collection::Leads) && change.touches(Collection::Accounts));
    assert!(change.touches(Collection::Contacts) && !change.touches(Collection::Visits));
    assert_eq!(change.account_ids, vec![done.account.id.clone()]);
    assert_eq!(done.account.owner_rep, "rep1");
}

#[test]
fn deleting_an_account_announces_all_it_held() {
    let (_dir, session, seen) = session();
    let account = session.save_account(&session.new_account("Cave Lebrun", AccountKind::Prospect)).unwrap();
    session.delete(Collection::Accounts, &account.id).unwrap();
    let change = seen.lock().unwrap().last().cloned().unwrap();
    assert!(change.touches(Collection::Visits) && change.touches(Collection::Accounts));
    assert!(change.touches_account(&account.id));
}

#[test]
fn the_outcome_of_the_last_sync_is_kept_across_restarts() {
    let (dir, session, _) = session();
    let status = session.sync_status().unwrap();
    assert_eq!((status.last_synced_at, status.last_failure, status.pending_changes), (None, None, 0));
    session.save_account(&session.new_account("Cave Lebrun", AccountKind::Prospect)).unwrap();

    // Nothing listens on port 1: the sync fails as the server being unreachable.
    session.store().set_sync_value(sync_keys::TOKEN, b"device-token").unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    assert!(runtime.block_on(session.sync()).is_err());
    let failed = session.sync_status().unwrap();
    let failure = failed.last_failure.expect("a failed sync is kept");
    assert_eq!(failure.kind, crate::sync::SyncErrorKind::Unavailable);
    assert!((Utc::now() - failure.at).num_seconds() < 60);
    assert_eq!((failed.last_synced_at, failed.pending_changes), (None, 1));
    drop(session);

    let session = DeviceHome::new(dir.path()).open().unwrap();
    assert_eq!(session.sync_status().unwrap(), failed, "the app restarted");
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 8, 30, 0).unwrap();
    session.remember(&Ok(crate::sync::SyncReport::default()), at);
    let synced = session.sync_status().unwrap();
    assert_eq!(
        (synced.last_synced_at, synced.last_failure),
        (Some(at), None),
        "a success clears the failure"
    );
}

/// A server that shed the last sync is remembered as busy, not as out of reach: Today still says
/// so after a restart.
#[test]
fn a_busy_server_is_remembered_as_busy_not_unreachable() {
    use crate::sync::{SyncError, SyncErrorKind};
    let (dir, session, _) = session();
    let busy = SyncError::Busy { retry_after: Some(30), reason: "too many requests".into() };
    session.remember(&Err(busy), Utc::now());
    drop(session);
    let session = DeviceHome::new(dir.path()).open().unwrap();
    let failure = session.sync_status().unwrap().last_failure.expect("kept");
    assert_eq!((failure.kind, failure.cause), (SyncErrorKind::Unavailable, Some(FailureCause::Busy)));
    assert_eq!(
        failure.message(Lang::Fr),
        "Le serveur est occupé : réessayez dans un instant. Rien n'est perdu."
    );
    assert_eq!(failure.message(Lang::En), "The server is busy: try again in a moment. Nothing is lost.");

    session.store().set_sync_value(sync_keys::LAST_FAILURE, b"1772440200000 unavailable").unwrap();
    let kept_before =
        session.sync_status().unwrap().last_failure.expect("a failure kept by an older version");
    assert_eq!((kept_before.kind, kept_before.cause), (SyncErrorKind::Unavailable, None));
    assert!(kept_before.message(Lang::En).starts_with("The server cannot be reached"));
}

#[test]
fn accounts_are_listed_by_words_kind_owner_abc_class_and_dormancy() {
    use crate::insights::AbcClass;
    use crate::model::RevenueFigure;
    let (_dir, session, _) = session();
    let today = day(25);
    let client = |name: &str, owner: &str, revenue: i64| {
        let mut account = Account::new(name, AccountKind::Client, owner);
        account.revenue = vec![RevenueFigure {
            month: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
            product_family: "pain".into(),
            amount_cents: revenue,
        }];
        session.save_account(&account).unwrap()
    };
    let big = client("Boulangerie Martin", "rep1", 900_000);
    let small = client("Boulangerie Petit", "rep1", 50_000);
    let other = client("Boulangerie Roux", "rep2", 10_000);
    let prospect =
        session.save_account(&session.new_account("Boulangerie Neuve", AccountKind::Prospect)).unwrap();
    // Martin was visited last week: not dormant. Nobody ever visited the others.
    let visit =
        session.new_visit(&big.id, Channel::OnSite, Utc.with_ymd_and_hms(2026, 3, 18, 9, 0, 0).unwrap(), 60);
    session.log_visit(&visit, None).unwrap();

    let list = |filter: AccountFilter| -> Vec<String> {
        session.list_accounts(&filter, today, 50).unwrap().into_iter().map(|a| a.name).collect()
    };
    let everyone = AccountFilter { text: "boul".into(), ..Default::default() };
    assert_eq!(list(everyone.clone()).len(), 4);
    assert_eq!(
        list(AccountFilter { kind: Some(AccountKind::Prospect), ..everyone.clone() }),
        [prospect.name.as_str()]
    );
    assert_eq!(list(AccountFilter { mine_only: true, ..Default::default() }).len(), 3, "rep2's is not mine");
    // Among all clients, Martin makes 90 % of the revenue: A; Petit B; Roux C.
    let class =
        |class, mine_only| list(AccountFilter { abc_class: Some(class), mine_only, ..Default::default() });
    assert_eq!(class(AbcClass::A, false), [big.name.as_str()]);
    assert_eq!(class(AbcClass::B, false), [small.name.as_str()]);
    assert_eq!(class(AbcClass::C, false), [other.name.as_str()]);
    let mut dormant = list(AccountFilter { dormant_only: true, ..everyone.clone() });
    dormant.sort();
    assert_eq!(
        dormant,
        [small.name.clone(), other.name.clone()],
        "clients never contacted are dormant; a prospect never is"
    );
    assert_eq!(
        list(AccountFilter {
            text: "roux".into(),
            dormant_only: true,
            mine_only: true,
            ..Default::default()
        }),
        Vec::<String>::new()
    );
}

#[test]
fn a_badge_fills_a_lead_captured_by_this_user() {
    let (_dir, session, _) = session();
    let lead = session
        .lead_from_badge(
            "Sirha 2026",
            "BEGIN:VCARD\nVERSION:3.0\nFN:Claire Martin\nORG:Boulangerie Martin\nTITLE:Gérante\nEND:VCARD",
        )
        .unwrap();
    assert_eq!((lead.name.as_str(), lead.company.as_deref()), ("Claire Martin", Some("Boulangerie Martin")));
    assert_eq!(
        (lead.event.as_str(), lead.captured_by.as_str(), lead.notes.as_str()),
        ("Sirha 2026", "rep1", "Gérante")
    );
    let e = session.lead_from_badge("Sirha 2026", "https://example.com").unwrap_err();
    assert_eq!(e.message(crate::i18n::Lang::Fr), "Badge : n'est ni une vCard ni un code contact MECARD");
}

#[test]
fn a_rep_s_device_does_not_set_objectives_and_lists_them_by_scope_and_period() {
    use crate::insights::{Period, Scope};
    use crate::model::{Field, Metric, Reason};
    let (_dir, session, _) = session();
    let objective = session.new_objective(None, Metric::Visits, 20, day(1), day(31));
    let refused = session.save_objective(&objective).unwrap_err();
    assert!(
        matches!(refused, crate::Error::Invalid(v) if v.field == Field::Objective && v.reason == Reason::SetByManagers)
    );
    // What a manager's device wrote reaches the rep's by sync; the store lists it.
    session.store().save_objective(&objective).unwrap();
    let mine = session.new_objective(Some("rep1".into()), Metric::Revenue, 500_000, day(16), day(22));
    session.store().save_objective(&mine).unwrap();
    assert_eq!(session.objectives(None, None).unwrap(), vec![objective.clone(), mine.clone()]);
    assert_eq!(session.objectives(Some(&Scope::Team), None).unwrap(), vec![objective.clone()]);
    assert_eq!(session.objectives(Some(&Scope::Rep("rep1".into())), None).unwrap(), vec![mine.clone()]);
    let april = Period::month_of(NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
    assert_eq!(session.objectives(None, Some(april)).unwrap(), vec![]);
    assert_eq!(session.objectives(None, Some(Period::week_of(day(2)))).unwrap(), vec![objective.clone()]);
    assert_eq!(session.objective(&mine.id).unwrap(), mine);
    assert!(matches!(session.objective("nope"), Err(crate::Error::NotFound { .. })));
}
