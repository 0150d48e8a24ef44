//! The built `tournee` binary, run as a user would: the demo, French and English, bad input, and a
//! rep's device enrolled with a real sync server on a free port of 127.0.0.1 (the
//! `tournee-sync-server` library, served from a thread of the test).

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// `tournee` with `args`, in English and UTC unless `env` says otherwise.
pub fn tournee(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tournee"));
    for var in [
        "LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "TOURNEE_HOME",
        "TOURNEE_SERVER",
        "TOURNEE_ADMIN_TOKEN",
        "TOURNEE_CA_CERT",
        "TOURNEE_EVENT",
        "TOURNEE_TZ",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("TZ", "UTC").args(args).envs(env.iter().copied());
    cmd.output().expect("the tournee binary runs")
}

/// Runs `tournee --json --data-dir DIR args…`, expects success and gives the JSON printed.
pub fn json_in(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json", "--data-dir", dir.to_str().expect("a UTF-8 temp path")];
    all.extend_from_slice(args);
    ok_json(&tournee(&all, &[]))
}

pub fn ok_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "tournee failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// The JSON error a failed `--json` command printed on stderr.
pub fn error_json(out: &Output) -> Value {
    assert!(!out.status.success(), "expected a failure: {}", String::from_utf8_lossy(&out.stdout));
    serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("stderr is not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}

/// A sync server on a free port, stopped when dropped.
pub struct TestServer {
    pub url: String,
    pub admin_token: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    /// `tournee --json admin <args>` against this server with its admin token; the JSON answer.
    pub fn admin(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json", "admin"];
        all.extend_from_slice(args);
        ok_json(&tournee(&all, &[("TOURNEE_SERVER", &self.url), ("TOURNEE_ADMIN_TOKEN", &self.admin_token)]))
    }

    pub fn start(data_dir: &Path) -> TestServer {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let config = tournee_sync_server::Config {
            listen: ([127, 0, 0, 1], 0).into(),
            data_dir: data_dir.to_owned(),
            database: None,
            limits: tournee_sync_server::Limits::default(),
            tls: None,
        };
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a tokio runtime");
            runtime.block_on(async move {
                let mut server = tournee_sync_server::Server::bind(config).await.expect("the server binds");
                let addr = server.local_addr().expect("a bound address");
                let token = server.bootstrap_admin_token().expect("a first start gives the admin token");
                ready_tx.send((format!("http://{addr}"), token)).expect("the test waits");
                server.run(async { stopped.await.unwrap_or(()) }).await.expect("the server serves");
            });
        });
        let (url, admin_token) = ready_rx.recv().expect("the server starts");
        TestServer { url, admin_token, stop: Some(stop), thread: Some(thread) }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn indicator(dashboard: &Value, key: &str) -> f64 {
    let found = dashboard["indicators"].as_array().expect("indicators").iter().find(|i| i["key"] == key);
    found.and_then(|i| i["value"].as_f64()).unwrap_or_else(|| panic!("no value for {key}: {dashboard}"))
}

#[test]
fn the_demo_syncs_a_week_and_the_managers_dashboard_counts_what_was_logged() {
    let started = std::time::Instant::now();
    let demo = ok_json(&tournee(&["--json", "demo"], &[]));
    assert!(started.elapsed().as_secs() < 60, "the demo took {:?}", started.elapsed());

    let (played, dashboard) = (&demo["played"], &demo["dashboard"]);
    assert_eq!(dashboard["scope"], "team");
    assert_eq!(dashboard["week"]["start"], "2026-03-16");
    assert_eq!(indicator(dashboard, "visits"), played["on_site_visits"].as_f64().unwrap());
    assert_eq!(indicator(dashboard, "contacts"), played["contacts"].as_f64().unwrap());
    assert_eq!(indicator(dashboard, "revenue"), played["revenue_cents"].as_f64().unwrap());
    assert_eq!(indicator(dashboard, "orders"), played["orders"].as_f64().unwrap());
    assert_eq!(indicator(dashboard, "new_accounts"), played["accounts_created"].as_f64().unwrap());
    assert!(played["on_site_visits"].as_u64().unwrap() >= 5, "{played}");

    let conflicts = demo["conflicts"].as_array().expect("conflicts");
    let fields: Vec<&str> = conflicts.iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"phone") && fields.contains(&"deleted"), "{fields:?}");
    let phone = conflicts.iter().find(|c| c["field"] == "phone").unwrap();
    assert_eq!(phone["values"].as_array().unwrap().len(), 2);
    assert_eq!(phone["subject"], "Boulangerie Martin");
    // Concurrent notes merge: both reps' additions are kept.
    let notes = demo["merged_notes"].as_str().unwrap();
    assert!(notes.contains("Aime le bio.") && notes.contains("Paie à 30 jours."), "{notes}");
    assert_eq!(demo["duplicates"].as_array().unwrap().len(), 1);
    assert!(played["lead_duplicate_warnings"].as_u64().unwrap() >= 1);

    // The same seed gives the same figures.
    let again = ok_json(&tournee(&["--json", "demo"], &[]));
    assert_eq!(again["dashboard"]["indicators"], dashboard["indicators"]);
    assert_eq!(again["syncs"], demo["syncs"]);
}

#[test]
fn the_demo_reads_as_french_typography_has_it() {
    let out = tournee(&["--lang", "fr", "demo"], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        text.contains("Démo Tournée : une semaine de terrain") && text.contains("(graine 2026)"),
        "{text}"
    );
    assert!(
        text.contains("Tableau de bord hebdomadaire : équipe") && text.contains("Visites terrain"),
        "{text}"
    );
    // Seconds with a decimal comma: "Démo jouée en 0,49 s.", never "0.49".
    let elapsed = text.lines().find(|l| l.starts_with("Démo jouée en ")).expect("the time the demo took");
    let seconds = elapsed.trim_start_matches("Démo jouée en ").trim_end_matches(" s.");
    assert!(seconds.contains(',') && !seconds.contains('.'), "{elapsed}");
}

#[test]
fn french_by_flag_or_locale_and_english_otherwise() {
    let help = tournee(&["--help"], &[("LANG", "fr_FR.UTF-8")]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.status.success() && text.contains("Utilisation") && text.contains("Saisir un compte rendu"),
        "{text}"
    );
    let help = tournee(&["--lang", "en", "visit", "--help"], &[("LC_ALL", "fr_FR.UTF-8")]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("Order amount in euros"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let out = tournee(&["--lang", "fr", "--data-dir", home.to_str().unwrap(), "status"], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("Non enrôlé") && text.contains("0 conflit à examiner"),
        "{text}"
    );
    let out = tournee(&["--data-dir", home.to_str().unwrap(), "status"], &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Not enrolled"));
}

#[test]
fn a_bad_amount_is_refused_naming_the_option_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let args =
        ["--data-dir", home.to_str().unwrap(), "visit", "--account", "Boulangerie", "--order", "12.345"];
    let out = tournee(&args, &[("LANG", "fr_FR.UTF-8")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // "12.345" could be 12 345 € or 12,35 €, in French as in English: refused, never guessed.
    assert!(stderr.contains("--order") && stderr.contains("est ambigu"), "{stderr}");
    assert!(!home.exists(), "bad input must not even create the store");

    let mut json_args = vec!["--json"];
    json_args.extend_from_slice(&args);
    let error = error_json(&tournee(&json_args, &[]));
    assert_eq!(error["error"]["kind"], "invalid");
    assert_eq!(error["error"]["field"], "--order");

    let error = error_json(&tournee(&["--json", "--lang", "xx", "status"], &[]));
    assert_eq!(error["error"]["field"], "--lang");

    // What clap refuses is told in the user's language too, naming the option.
    let missing = tournee(&["--json", "--lang", "fr", "visit", "--order", "12"], &[]);
    assert_eq!(missing.status.code(), Some(2));
    let error = error_json(&missing);
    assert_eq!(error["error"]["field"], "--account");
    assert!(error["error"]["message"].as_str().unwrap().starts_with("il manque --account"), "{error}");
}

#[test]
fn a_negative_number_is_refused_naming_its_option() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let home = home.to_str().unwrap();
    let refused = |args: &[&str]| {
        let mut all = vec!["--json", "--data-dir", home];
        all.extend_from_slice(args);
        let out = tournee(&all, &[]);
        assert_eq!(out.status.code(), Some(2));
        error_json(&out)["error"].clone()
    };
    // "-5" after the option is its value, as "--duration=-5" is.
    for args in [
        &["visit", "--account", "Boulangerie", "--duration", "-5"][..],
        &["visit", "--account", "B", "--duration=-5"],
    ] {
        let error = refused(args);
        assert_eq!(error["field"], "--duration", "{error}");
        assert_eq!(error["message"], "--duration: must not be negative", "{error}");
    }
    for (args, field) in
        [(&["search", "boul", "--limit", "-5"][..], "--limit"), (&["demo", "--seed", "-1"], "--seed")]
    {
        let error = refused(args);
        assert_eq!(error["field"], field, "{error}");
        assert!(error["message"].as_str().unwrap().contains("-"), "{error}");
    }
    assert!(!dir.path().join("home").exists(), "bad input must not even create the store");
}

#[test]
fn a_local_time_the_clocks_skip_is_refused_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let args = [
        "--json",
        "--data-dir",
        home.to_str().unwrap(),
        "visit",
        "--account",
        "B",
        "--at",
        "2026-03-29 02:30",
    ];
    let out = tournee(&args, &[("TOURNEE_TZ", "Europe/Paris")]);
    let error = error_json(&out)["error"].clone();
    assert_eq!(error["field"], "--at");
    assert_eq!(
        error["message"],
        "--at: \"2026-03-29 02:30\" does not exist on that day: the clocks go forward over that hour"
    );
    let mut fr = vec!["--lang", "fr"];
    fr.extend_from_slice(&args);
    let error = error_json(&tournee(&fr, &[("TOURNEE_TZ", "Europe/Paris")]))["error"].clone();
    assert!(error["message"].as_str().unwrap().contains("n'existe pas ce jour-là"), "{error}");
}

#[test]
fn an_insecure_address_or_a_ca_file_without_a_certificate_is_refused_before_enrolling() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let home = home.to_str().unwrap();
    let code = ["--code", "K7QX2-29FMA-Q"];
    let out = tournee(
        &["--lang", "fr", "--data-dir", home, "enroll", "--server", "http://tournee.example:8765"]
            .iter()
            .chain(&code)
            .copied()
            .collect::<Vec<_>>(),
        &[],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("n'est pas une adresse sécurisée"), "{stderr}");

    let not_a_ca = dir.path().join("ca.pem");
    std::fs::write(
        &not_a_ca,
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n",
    )
    .unwrap();
    let args = ["--json", "--data-dir", home, "enroll", "--server", "https://127.0.0.1:1", "--ca-cert"];
    let mut args = args.to_vec();
    args.push(not_a_ca.to_str().unwrap());
    args.extend_from_slice(&code);
    let error = error_json(&tournee(&args, &[]));
    assert_eq!(error["error"]["kind"], "rejected", "{error}");
    assert!(error["error"]["message"].as_str().unwrap().contains("PEM certificates"), "{error}");
    let status = json_in(Path::new(home), &["status"]);
    assert_eq!(status["enrolled"], false, "nothing was enrolled: {status}");
}

#[test]
fn a_rep_enrolls_logs_a_visit_syncs_and_the_manager_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(&dir.path().join("server"));
    let admin = |args: &[&str]| server.admin(args);
    let team = admin(&["create-team", "Équipe Test"]);
    let team_id = team["id"].as_str().unwrap();
    let enrolled = |name: &str, role: &str| {
        let user = admin(&["add-user", name, "--role", role, "--team", team_id]);
        let code = admin(&["enrollment-code", user["id"].as_str().unwrap()]);
        // The link to show as a QR code holds the server and the same code.
        let link = tournee_core::sync::EnrollmentLink::parse(code["link"].as_str().unwrap()).unwrap();
        assert_eq!(
            (link.server_url.as_deref(), link.code.as_str()),
            (Some(server.url.as_str()), code["code"].as_str().unwrap())
        );
        let home = dir.path().join(name);
        let me =
            json_in(&home, &["enroll", "--server", &server.url, "--code", code["code"].as_str().unwrap()]);
        assert_eq!(me["user_id"], user["id"]);
        assert_eq!(me["role"], role);
        (home, me)
    };
    let (rep, rep_id) = enrolled("julie", "rep");
    let (manager, _) = enrolled("claire", "manager");

    let created = json_in(
        &rep,
        &["account", "new", "--name", "Boulangerie Martin", "--kind", "client", "--postcode", "44000"],
    );
    let account_id = created["account"]["id"].as_str().unwrap().to_owned();
    let logged = json_in(
        &rep,
        &[
            "visit",
            "--account",
            "boulang",
            "--at",
            "2026-03-18 10:00",
            "--duration",
            "40",
            "--order",
            "1 250,50",
            "--margin",
            "400",
            "--next-step",
            "Livrer la commande",
            "--due",
            "2026-03-25",
        ],
    );
    assert_eq!(logged["visit"]["account_id"], account_id.as_str());
    assert_eq!(logged["visit"]["order_amount_cents"], 125_050);
    assert_eq!(logged["visit"]["outcome"], "order_taken");
    assert_eq!(logged["follow_up"]["due_on"], "2026-03-25");
    // In the system's zone, a time the clocks go back over is its first occurrence (summer time).
    let home = rep.to_str().unwrap();
    let args = ["--json", "--data-dir", home, "visit", "--account", "boulang", "--at", "2026-10-25 02:30"];
    let twice = ok_json(&tournee(&args, &[("TZ", "Europe/Paris")]));
    assert_eq!(twice["visit"]["started_at"], "2026-10-25T00:30:00Z", "{twice}");
    assert_eq!(twice["visit"]["utc_offset_minutes"], 120, "{twice}");
    let agenda = json_in(&rep, &["agenda", "--day", "2026-03-26"]);
    assert_eq!(agenda["follow_ups"][0]["follow_up"]["action"], "Livrer la commande");
    assert_eq!(agenda["follow_ups"][0]["overdue"], true);
    let follow_up_id = agenda["follow_ups"][0]["follow_up"]["id"].as_str().unwrap();
    let done = json_in(&rep, &["done", follow_up_id]);
    assert_eq!(done["follow_up"]["done"], true);
    assert_eq!(json_in(&rep, &["agenda", "--day", "2026-03-26"])["follow_ups"].as_array().unwrap().len(), 0);

    // A margin above the order is refused by the core's validation, naming the option; nothing is written.
    let before = json_in(&rep, &["status"])["pending_changes"].clone();
    let rep_dir = rep.to_str().unwrap();
    let refused = tournee(
        &[
            "--json",
            "--data-dir",
            rep_dir,
            "visit",
            "--account",
            &account_id,
            "--order",
            "10",
            "--margin",
            "20",
            "--next-step",
            "x",
        ],
        &[],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(error_json(&refused)["error"]["field"], "--margin");
    assert_eq!(json_in(&rep, &["status"])["pending_changes"], before);

    let lead = json_in(
        &rep,
        &[
            "lead",
            "add",
            "--event",
            "Salon Habitat",
            "--name",
            "Anne Martin",
            "--company",
            "Boulangerie Martin",
        ],
    );
    assert_eq!(lead["similar"][0]["id"], account_id.as_str(), "the lead warns about the existing account");

    let synced = json_in(&rep, &["sync"]);
    assert!(synced["report"]["sent"].as_u64().unwrap() >= 2, "{synced}");
    assert_eq!(json_in(&rep, &["status"])["pending_changes"], 0);
    let received = json_in(&manager, &["sync"]);
    assert!(received["report"]["received"].as_u64().unwrap() >= 2, "{received}");

    let found = json_in(&manager, &["search", "boulangerie"]);
    assert_eq!(found[0]["id"], account_id.as_str());
    let dashboard = json_in(&manager, &["dashboard", "--team", "--week", "2026-03-16"]);
    assert_eq!(indicator(&dashboard, "visits"), 1.0);
    assert_eq!(indicator(&dashboard, "revenue"), 125_050.0);
    let leads = json_in(&manager, &["lead", "list", "--event", "Salon Habitat"]);
    assert_eq!(leads.as_array().unwrap().len(), 1);

    // The same field edited differently on two devices: a conflict both list, settled on one.
    json_in(&rep, &["account", "edit", &account_id, "--phone", "02 40 00 00 01"]);
    json_in(&manager, &["account", "edit", "boulangerie", "--phone", "02 40 00 00 02"]);
    for device in [&rep, &manager, &rep] {
        json_in(device, &["sync"]);
    }
    for device in [&rep, &manager] {
        let conflicts = json_in(device, &["conflicts"]);
        assert_eq!(conflicts.as_array().unwrap().len(), 1, "{conflicts}");
        assert_eq!(conflicts[0]["field"], "phone");
    }
    let refused =
        tournee(&["--json", "--data-dir", rep_dir, "conflicts", "resolve", "1", "--keep", "02 99"], &[]);
    assert_eq!(error_json(&refused)["error"]["kind"], "invalid");
    let resolved = json_in(&manager, &["conflicts", "resolve", "1", "--keep", "02 40 00 00 01"]);
    assert_eq!(resolved["remaining"], 0);
    json_in(&manager, &["sync"]);
    json_in(&rep, &["sync"]);
    assert_eq!(json_in(&rep, &["conflicts", "list"]).as_array().unwrap().len(), 0);
    let shown = json_in(&rep, &["account", "show", &account_id]);
    assert_eq!(shown["account"]["phone"], "02 40 00 00 01");

    // The trade-show lead turns out to be a contact of the bakery.
    let lead_id = lead["lead"]["id"].as_str().unwrap();
    let qualified =
        json_in(&manager, &["lead", "qualify", lead_id, "--event", "Salon Habitat", "--into", &account_id]);
    assert_eq!(qualified["created_account"], false);
    assert_eq!(qualified["lead"]["status"], "qualified");
    let again = tournee(
        &[
            "--json",
            "--data-dir",
            manager.to_str().unwrap(),
            "lead",
            "discard",
            lead_id,
            "--event",
            "Salon Habitat",
        ],
        &[],
    );
    assert_eq!(error_json(&again)["error"]["field"], "LEAD");

    // Revoked, the rep's device can no longer sync.
    admin(&["revoke-device", rep_id["device_id"].as_str().unwrap()]);
    let error = error_json(&tournee(&["--json", "--data-dir", rep_dir, "sync"], &[]));
    assert_eq!(error["error"]["kind"], "unauthorized");
    // The sentence, then what the server said, once.
    let message = error["error"]["message"].as_str().unwrap();
    assert_eq!(message.matches("refused").count(), 1, "{message}");
    assert!(message.ends_with("(the token is unknown or was revoked)"), "{message}");
}

#[test]
fn a_manager_imports_the_client_file_after_a_dry_run_and_a_second_run_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(&dir.path().join("server"));
    let admin = |args: &[&str]| server.admin(args);
    let team = admin(&["create-team", "Équipe Import"]);
    let user = admin(&["add-user", "claire", "--role", "manager", "--team", team["id"].as_str().unwrap()]);
    let code = admin(&["enrollment-code", user["id"].as_str().unwrap()]);
    let home = dir.path().join("claire");
    json_in(&home, &["enroll", "--server", &server.url, "--code", code["code"].as_str().unwrap()]);
    let vectors = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/import");
    let french = vectors.join("clients-fr-windows1252.csv");
    let french = french.to_str().unwrap();

    let dry = json_in(&home, &["import", "accounts", french, "--dry-run"]);
    assert_eq!((dry["written"].as_bool(), dry["encoding"].as_str()), (Some(false), Some("Windows-1252")));
    assert_eq!(dry["created"].as_array().unwrap().len(), 4);
    assert_eq!(json_in(&home, &["search", "Lefèvre"]).as_array().map(Vec::len), Some(0));

    let text =
        tournee(&["--data-dir", home.to_str().unwrap(), "--lang", "fr", "import", "accounts", french], &[]);
    assert!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Windows-1252, séparateur « ; »"), "{text}");
    assert!(text.contains("Code client → Référence externe"), "{text}");
    assert!(text.contains("Créés : 4 comptes avec 4 contacts."), "{text}");
    assert_eq!(json_in(&home, &["search", "Lefèvre"]).as_array().map(Vec::len), Some(1));

    let again = json_in(&home, &["import", "accounts", french]);
    assert_eq!(again["created"].as_array().map(Vec::len), Some(0));
    assert_eq!(again["existing"].as_array().map(Vec::len), Some(4));

    let bad = vectors.join("clients-bad-lines.csv");
    let out =
        tournee(&["--data-dir", home.to_str().unwrap(), "import", "accounts", bad.to_str().unwrap()], &[]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Line 3: Kind: \"clien\" is none of: client, prospect"), "{text}");
    assert!(text.contains("Nothing was written"), "{text}");
    assert_eq!(json_in(&home, &["search", "Fromagerie"]).as_array().map(Vec::len), Some(0));

    let mapped = tournee(
        &[
            "--json",
            "--data-dir",
            home.to_str().unwrap(),
            "import",
            "accounts",
            french,
            "--map",
            "Zone=territory",
        ],
        &[],
    );
    let e = error_json(&mapped);
    assert_eq!((e["error"]["kind"].as_str(), e["error"]["field"].as_str()), (Some("invalid"), Some("--map")));
    assert_eq!(e["error"]["message"], "--map: the file has no column \"Zone\"");

    // The same manager sets objectives, edits one and lists them.
    let set = json_in(
        &home,
        &["objective", "set", "--metric", "revenue", "--target", "12 500,50", "--period", "2026-Q2"],
    );
    let id = set["objective"]["id"].as_str().unwrap().to_owned();
    assert_eq!(set["objective"]["target"], 1_250_050);
    assert_eq!(set["objective"]["rep"], Value::Null);
    json_in(
        &home,
        &[
            "objective",
            "set",
            "--metric",
            "visits",
            "--target",
            "20",
            "--rep",
            "julie",
            "--period",
            "2026-04",
        ],
    );
    let edited = json_in(&home, &["objective", "edit", &id, "--target", "15000", "--note", "T2"]);
    assert_eq!(
        (edited["objective"]["target"].as_i64(), edited["objective"]["note"].as_str()),
        (Some(1_500_000), Some("T2"))
    );
    let all = json_in(&home, &["objective", "list", "--period", "2026-04"]);
    assert_eq!(all["objectives"].as_array().map(Vec::len), Some(2));
    let julie = json_in(&home, &["objective", "list", "--rep", "julie"]);
    assert_eq!(julie["objectives"][0]["metric"], "visits");
    let team = json_in(&home, &["objective", "list", "--team", "--period", "2026-07"]);
    assert_eq!(team["objectives"].as_array().map(Vec::len), Some(0));
    let text =
        tournee(&["--data-dir", home.to_str().unwrap(), "--lang", "fr", "objective", "list", "--team"], &[]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("l'équipe  Chiffre d'affaires  15\u{202f}000,00\u{a0}€  T2"), "{text}");
    let bad = tournee(
        &[
            "--json",
            "--data-dir",
            home.to_str().unwrap(),
            "objective",
            "set",
            "--metric",
            "visits",
            "--target",
            "3",
            "--period",
            "mars",
        ],
        &[],
    );
    assert_eq!(error_json(&bad)["error"]["field"], "--period");

    // What the device holds goes out for a spreadsheet, and back in through the import.
    let out = dir.path().join("comptes.csv");
    let exported = tournee(
        &[
            "--data-dir",
            home.to_str().unwrap(),
            "--lang",
            "fr",
            "export",
            "accounts",
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    assert!(String::from_utf8(exported.stdout).unwrap().contains("4 lignes écrites dans"));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("\u{feff}Référence externe;Nom;"), "{csv}");
    let back = json_in(&home, &["import", "accounts", out.to_str().unwrap()]);
    assert_eq!(
        (back["created"].as_array().map(Vec::len), back["existing"].as_array().map(Vec::len)),
        (Some(0), Some(4))
    );
    let json_out = dir.path().join("dashboard.json");
    let done = json_in(
        &home,
        &[
            "export",
            "dashboard",
            "--team",
            "--week",
            "2026-03-18",
            "--format",
            "json",
            "-o",
            json_out.to_str().unwrap(),
        ],
    );
    assert_eq!(done["rows"], 11);
    let dashboard: Value = serde_json::from_slice(&std::fs::read(&json_out).unwrap()).unwrap();
    assert_eq!(dashboard["scope"], "team");
    let e = error_json(&tournee(
        &["--json", "--data-dir", home.to_str().unwrap(), "export", "leads", "-o", "x.csv"],
        &[],
    ));
    assert_eq!(e["error"]["field"], "--event");

    // The device's time zone: times typed are read in it, and an unknown one is refused.
    let visit = json_in(
        &home,
        &[
            "--tz",
            "Europe/Paris",
            "visit",
            "--account",
            "Lefèvre",
            "--at",
            "2026-03-18 10:00",
            "--duration",
            "20",
        ],
    );
    assert_eq!(visit["visit"]["started_at"], "2026-03-18T09:00:00Z");
    assert_eq!(visit["visit"]["utc_offset_minutes"], 60);
    let e = error_json(&tournee(
        &["--json", "--tz", "Europe/Lyon", "--data-dir", home.to_str().unwrap(), "status"],
        &[],
    ));
    assert_eq!(e["error"]["field"], "--tz");
    assert_eq!(e["error"]["message"], "--tz: \"Europe/Lyon\" is not a known time zone (e.g. Europe/Paris)");

    // The ERP's revenue of the month: set once, the same file again changes nothing.
    let january = vectors.join("revenue-2026-01.csv");
    let january = january.to_str().unwrap();
    let set = json_in(&home, &["import", "revenue", january]);
    assert_eq!((set["accounts"].as_u64(), set["figures_set"].as_u64()), (Some(2), Some(3)));
    let again =
        tournee(&["--data-dir", home.to_str().unwrap(), "--lang", "fr", "import", "revenue", january], &[]);
    let text = String::from_utf8(again.stdout).unwrap();
    assert!(text.contains("Enregistrés : 0 chiffre sur 0 compte (3 déjà comme dans le fichier)."), "{text}");
}

/// The accounts a device holds, by external reference, from its JSON export.
fn exported_refs(home: &Path) -> Vec<String> {
    let out = home.join("accounts.json");
    json_in(home, &["export", "accounts", "--format", "json", "-o", out.to_str().unwrap()]);
    let accounts: Vec<Value> = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let mut refs: Vec<String> =
        accounts.iter().map(|a| a["external_ref"].as_str().unwrap_or("").to_owned()).collect();
    refs.sort();
    refs
}

#[test]
fn a_device_killed_again_and_again_during_a_sync_loses_and_duplicates_nothing() {
    use rand::{Rng, SeedableRng};

    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(&dir.path().join("server"));
    let admin = |args: &[&str]| server.admin(args);
    let team = admin(&["create-team", "Équipe Panne"]);
    let enrolled = |name: &str| {
        let user = admin(&["add-user", name, "--role", "manager", "--team", team["id"].as_str().unwrap()]);
        let code = admin(&["enrollment-code", user["id"].as_str().unwrap()]);
        let home = dir.path().join(name);
        json_in(&home, &["enroll", "--server", &server.url, "--code", code["code"].as_str().unwrap()]);
        home
    };
    let file = |name: &str, from: usize, to: usize| {
        let mut csv = String::from("Code client;Raison sociale;Ville\n");
        for i in from..to {
            csv.push_str(&format!("K{i:05};Boulangerie {i};Ville {}\n", i % 50));
        }
        let path = dir.path().join(name);
        std::fs::write(&path, csv).unwrap();
        path
    };
    let (claire, marc) = (enrolled("claire"), enrolled("marc"));
    json_in(&claire, &["import", "accounts", file("claire.csv", 0, 3_000).to_str().unwrap()]);
    json_in(&claire, &["sync"]);
    // Marc's own accounts wait in his outbox while his syncs are killed.
    json_in(&marc, &["import", "accounts", file("marc.csv", 3_000, 3_040).to_str().unwrap()]);

    // Seeded: a failure names the delays it was killed at.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x5167);
    let mut cut = Vec::new();
    for _ in 0..8 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tournee"))
            .args(["--json", "--data-dir", marc.to_str().unwrap(), "sync"])
            .env("TZ", "UTC")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let after = rng.random_range(10..250);
        std::thread::sleep(std::time::Duration::from_millis(after));
        if child.try_wait().unwrap().is_none() {
            cut.push(after);
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
    assert!(!cut.is_empty(), "no sync was still running when killed: make the data larger");
    eprintln!("syncs killed at {cut:?} ms");

    json_in(&marc, &["sync"]);
    json_in(&claire, &["sync"]);
    let everyone: Vec<String> = (0..3_040).map(|i| format!("K{i:05}")).collect();
    assert_eq!(exported_refs(&marc), everyone, "killed at {cut:?} ms");
    assert_eq!(exported_refs(&claire), everyone, "killed at {cut:?} ms");
    let store = tournee_core::store::Store::open(marc.join("tournee.sqlite3")).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
}
