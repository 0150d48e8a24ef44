//! The commands: each parses its input first (so bad input writes nothing), then opens what it
//! needs and returns an [`Out`].

mod admin;
mod export;
mod field;
mod import;
mod leads;
mod objectives;
mod sync;

use std::path::PathBuf;

use tournee_core::app::{DeviceHome, Session, Zone};
use tournee_core::i18n::Lang;

use crate::args::{AccountCommand, Command, ConflictsCommand, ImportCommand, LeadCommand, ObjectiveCommand};
use crate::device;
use crate::error::Result;
use crate::render::Out;

pub struct Ctx {
    pub lang: Lang,
    /// The device's time zone for this run: `--tz`, else the system's.
    pub zone: Zone,
    pub json: bool,
    pub data_dir: Option<PathBuf>,
}

impl Ctx {
    pub fn home(&self) -> Result<DeviceHome> {
        device::home(self.data_dir.clone())
    }

    /// The enrolled device's session.
    pub fn session(&self) -> Result<Session> {
        Ok(self.home()?.open()?)
    }
}

pub fn run(ctx: &Ctx, command: Command) -> Result<Out> {
    match command {
        Command::Enroll { server, code, device_name, ca_cert } => {
            sync::enroll(ctx, &server, &code, &device_name, ca_cert.as_deref())
        }
        Command::Status => sync::status(ctx),
        Command::Visit(args) => field::visit(ctx, args),
        Command::Agenda { day } => field::agenda(ctx, day.as_deref()),
        Command::Done { follow_up } => field::done(ctx, &follow_up),
        Command::Search { text, limit } => field::search(ctx, &text.join(" "), limit),
        Command::Account(AccountCommand::New(fields)) => field::account_new(ctx, &fields),
        Command::Account(AccountCommand::Edit { account, fields }) => {
            field::account_edit(ctx, &account, &fields)
        }
        Command::Account(AccountCommand::Show { account }) => field::account_show(ctx, &account),
        Command::Lead(LeadCommand::Add { event, name, company, email, phone, notes, interest }) => {
            leads::add(ctx, leads::NewLead { event, name, company, email, phone, notes, interest })
        }
        Command::Lead(LeadCommand::List { event }) => leads::list(ctx, &event),
        Command::Lead(LeadCommand::Qualify { lead, event, into, horizon }) => {
            leads::qualify(ctx, &lead, &event, into.as_deref(), horizon.as_deref())
        }
        Command::Lead(LeadCommand::Discard { lead, event }) => leads::discard(ctx, &lead, &event),
        Command::Import(ImportCommand::Accounts { file, dry_run, skip_refused, map }) => {
            import::accounts(ctx, &file, dry_run, skip_refused, &map)
        }
        Command::Import(ImportCommand::Revenue { file, dry_run, skip_refused, map }) => {
            import::revenue(ctx, &file, dry_run, skip_refused, &map)
        }
        Command::Objective(ObjectiveCommand::Set { metric, target, rep, team, period, note }) => {
            objectives::set(ctx, &metric, &target, rep.filter(|_| !team), &period, note)
        }
        Command::Objective(ObjectiveCommand::Edit { objective, metric, target, period, note }) => {
            objectives::edit(ctx, &objective, metric.as_deref(), target.as_deref(), period.as_deref(), note)
        }
        Command::Objective(ObjectiveCommand::List { rep, team, period }) => {
            objectives::list(ctx, rep, team, period.as_deref())
        }
        Command::Export(args) => export::run(ctx, args),
        Command::Sync => sync::sync(ctx),
        Command::Dashboard { team, rep, week } => field::dashboard(ctx, team, rep, week.as_deref()),
        Command::Conflicts { action: None | Some(ConflictsCommand::List) } => sync::conflicts(ctx),
        Command::Conflicts {
            action: Some(ConflictsCommand::Resolve { number, keep, restore, confirm_delete }),
        } => sync::resolve(ctx, number, keep, restore, confirm_delete),
        Command::Admin(args) => admin::run(ctx, args),
        Command::Demo { seed } => crate::demo::run(ctx.lang, seed),
    }
}
