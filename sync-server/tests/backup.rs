//! A backup taken while devices sync restores into a server the devices go on with, without
//! enrolling again: what they synced after the backup, they send again; nothing is duplicated.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use tournee_core::model::*;
use tournee_core::sync::api::Role;

use common::{Device, ServerProcess};

fn server_command(args: &[&str], data_dir: &Path, file: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tournee-sync-server"))
        .args(args)
        .arg(file)
        .arg("--data-dir")
        .arg(data_dir)
        .env("TOURNEE_LOG", "off")
        .output()
        .expect("the server binary runs")
}

fn visit(device: &Device, account_id: &str, n: i64) -> String {
    let start = Utc.with_ymd_and_hms(2026, 6, 1, 8, 0, 0).unwrap() + Duration::minutes(n * 45);
    let mut v = VisitReport::new(account_id, device.user(), Channel::OnSite, start);
    v.notes = format!("Visite {n}");
    device.store.save_visit(&v).unwrap().id
}

fn account(device: &Device, name: &str) -> String {
    device.store.save_account(&Account::new(name, AccountKind::Client, device.user())).unwrap().id
}

/// Every device lists exactly `accounts`, each with exactly the visits expected, once each.
fn assert_everyone_has(devices: &[&Device], accounts: &[(String, Vec<String>)]) {
    for d in devices {
        let listed: BTreeSet<String> =
            d.store.search_accounts("", 1_000).unwrap().into_iter().map(|a| a.id).collect();
        let expected: BTreeSet<String> = accounts.iter().map(|(id, _)| id.clone()).collect();
        assert_eq!(listed, expected, "{} lists other accounts", d.name);
        for (id, visits) in accounts {
            let mut on_device: Vec<String> = d
                .store
                .account_detail(id)
                .unwrap()
                .timeline
                .into_iter()
                .filter_map(|item| match item {
                    tournee_core::store::TimelineItem::Visit(v) => Some(v.id),
                    tournee_core::store::TimelineItem::FollowUp(_) => None,
                })
                .collect();
            on_device.sort();
            let mut expected = visits.clone();
            expected.sort();
            assert_eq!(on_device, expected, "{} has other visits on account {id}", d.name);
        }
        assert_eq!(d.store.outbox_count().unwrap(), 0, "{} still has changes to send", d.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restored_backup_serves_the_devices_and_they_send_again_what_it_lost() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let mut server = ServerProcess::start(&data, "127.0.0.1:0");
    let admin = server.admin();
    let team = admin.create_team("Sud").await.unwrap();
    let julie = Device::enroll(&admin, &server.url, &team.id, "julie", Role::Rep, dir.path()).await;
    let marc = Device::enroll(&admin, &server.url, &team.id, "marc", Role::Rep, dir.path()).await;
    let anne = Device::enroll(&admin, &server.url, &team.id, "anne", Role::Manager, dir.path()).await;
    let all = [&julie, &marc, &anne];

    // Before the backup: each rep's portfolio, known to everyone.
    let cave = account(&julie, "Cave Lebrun");
    let garage = account(&marc, "Garage Dupont");
    let mut accounts =
        vec![(cave.clone(), vec![visit(&julie, &cave, 1)]), (garage.clone(), vec![visit(&marc, &garage, 2)])];
    for d in all.iter().chain(all.iter()) {
        d.sync().await;
    }

    // The backup, taken while Julie keeps logging and syncing.
    let backup = dir.path().join("backup.sqlite3");
    let taking = {
        let (data, backup) = (data.clone(), backup.clone());
        std::thread::spawn(move || server_command(&["backup", "--to"], &data, &backup))
    };
    for n in 10..14 {
        accounts[0].1.push(visit(&julie, &cave, n));
        julie.sync().await;
    }
    let taken = taking.join().unwrap();
    assert!(taken.status.success(), "backup failed: {}", String::from_utf8_lossy(&taken.stderr));
    let again = server_command(&["backup", "--to"], &data, &backup);
    assert!(!again.status.success(), "a backup never overwrites a file");

    // After the backup, what the restored server will lack: new visits and accounts of both reps,
    // an objective of the manager; everyone syncs it.
    accounts[0].1.push(visit(&julie, &cave, 20));
    accounts[1].1.push(visit(&marc, &garage, 21));
    let pharmacie = account(&marc, "Pharmacie du Port");
    accounts.push((pharmacie.clone(), vec![visit(&marc, &pharmacie, 22)]));
    let objective = anne
        .store
        .save_objective(&Objective {
            id: new_id(),
            rep: Some(julie.user().to_owned()),
            period_start: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            metric: Metric::Visits,
            target: 30,
            note: None,
        })
        .unwrap();
    for d in all.iter().chain(all.iter()) {
        d.sync().await;
    }
    assert_everyone_has(&all, &accounts);

    // Restoring under a running server is refused; stopped, the backup is restored and the devices
    // keep their enrollment.
    let refused = server_command(&["restore", "--from"], &data, &backup);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success() && stderr.contains("stop the server"), "{stderr}");
    server.kill();
    let restored = server_command(&["restore", "--from"], &data, &backup);
    assert!(restored.status.success(), "restore failed: {}", String::from_utf8_lossy(&restored.stderr));
    let kept = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".before-restore-") && name.ends_with('Z'))
        .count();
    assert_eq!(kept, 1, "the database found in the data directory is kept beside the restored one");
    let server = ServerProcess::start(&data, &server.addr.to_string());

    // Offline meanwhile, Julie logged one more visit. She syncs first: her own documents go, and
    // Marc's, which hold his visits the server lost (a rep may not send another rep's), wait for him.
    accounts[0].1.push(visit(&julie, &cave, 30));
    julie.sync().await;
    assert_eq!(julie.store.outbox().unwrap().len(), 2, "Marc's two accounts wait for Marc");
    for d in [&marc, &anne].into_iter().chain(all) {
        d.sync().await;
    }
    assert_everyone_has(&all, &accounts);
    let objectives = julie.store.objectives(None, None).unwrap();
    assert_eq!(objectives.iter().filter(|o| o.id == objective.id).count(), 1, "the objective, once");

    // A device enrolled now (after the restore) gets everything once, from the server alone.
    let newcomer = Device::enroll(&admin, &server.url, &team.id, "paul", Role::Manager, dir.path()).await;
    newcomer.sync().await;
    assert_everyone_has(&[&newcomer], &accounts);
}
