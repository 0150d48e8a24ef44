//! The command line. Help texts live in `cli/locales` (both languages, see [`crate::words`]) and
//! are put on the commands by [`command`]; values with a domain meaning (amounts, days, codes) are taken as text
//! and parsed by [`crate::parse`], so a bad one is reported in the user's language naming the option.

use std::path::PathBuf;

use clap::{Arg, ArgAction, Args, CommandFactory, Parser, Subcommand};
use tournee_core::i18n::Lang;

use crate::words::{self, msg, say};

#[derive(Parser, Debug)]
#[command(name = "tournee", version, disable_help_subcommand = true, disable_version_flag = true)]
pub struct Cli {
    #[arg(long, global = true)]
    pub json: bool,
    #[arg(long, global = true, value_name = "fr|en")]
    pub lang: Option<String>,
    #[arg(long, global = true, env = "TOURNEE_HOME", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[arg(long, global = true, env = "TOURNEE_TZ", value_name = "ZONE")]
    pub tz: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Enroll {
        #[arg(long, value_name = "URL")]
        server: String,
        #[arg(long)]
        code: String,
        #[arg(long, default_value = "tournee", hide_default_value = true)]
        device_name: String,
        #[arg(long, value_name = "FILE")]
        ca_cert: Option<PathBuf>,
    },
    Status,
    Visit(VisitArgs),
    Agenda {
        #[arg(long, value_name = "YYYY-MM-DD")]
        day: Option<String>,
    },
    Done {
        follow_up: String,
    },
    Search {
        text: Vec<String>,
        #[arg(long, default_value_t = 20, hide_default_value = true, allow_negative_numbers = true)]
        limit: u32,
    },
    #[command(subcommand)]
    Account(AccountCommand),
    #[command(subcommand)]
    Lead(LeadCommand),
    #[command(subcommand)]
    Import(ImportCommand),
    #[command(subcommand)]
    Objective(ObjectiveCommand),
    Export(ExportArgs),
    Sync,
    Dashboard {
        #[arg(long, conflicts_with = "rep")]
        team: bool,
        #[arg(long, value_name = "NAME")]
        rep: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        week: Option<String>,
    },
    Conflicts {
        #[command(subcommand)]
        action: Option<ConflictsCommand>,
    },
    Admin(AdminArgs),
    Demo {
        #[arg(long, default_value_t = 2026, hide_default_value = true, allow_negative_numbers = true)]
        seed: u64,
    },
}

#[derive(Args, Debug)]
pub struct VisitArgs {
    #[arg(long)]
    pub account: String,
    #[arg(long, default_value = "on_site", hide_default_value = true)]
    pub channel: String,
    #[arg(long, value_name = "YYYY-MM-DD HH:MM")]
    pub at: Option<String>,
    #[arg(
        long,
        default_value = "30",
        value_name = "MINUTES",
        hide_default_value = true,
        allow_negative_numbers = true
    )]
    pub duration: String,
    #[arg(long)]
    pub objective: Option<String>,
    #[arg(long, default_value = "", hide_default_value = true)]
    pub notes: String,
    #[arg(long)]
    pub outcome: Option<String>,
    #[arg(long)]
    pub interest: Option<String>,
    #[arg(long = "product", id = "products", value_name = "PRODUCT")]
    pub products: Vec<String>,
    #[arg(long, value_name = "EUROS", allow_hyphen_values = true)]
    pub order: Option<String>,
    #[arg(long, value_name = "EUROS", allow_hyphen_values = true)]
    pub margin: Option<String>,
    #[arg(long)]
    pub next_step: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: Option<String>,
}

/// The editable fields of an account; every one optional (an edit changes only those given).
#[derive(Args, Debug, Default)]
pub struct AccountFields {
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub horizon: Option<String>,
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub territory: Option<String>,
    #[arg(long)]
    pub segment: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub postcode: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub website: Option<String>,
    #[arg(long)]
    pub registration: Option<String>,
    #[arg(long, value_name = "EUROS", allow_hyphen_values = true)]
    pub potential: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    #[arg(long, value_name = "true|false")]
    pub dispute: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum AccountCommand {
    New(AccountFields),
    Edit {
        account: String,
        #[command(flatten)]
        fields: AccountFields,
    },
    Show {
        account: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum LeadCommand {
    Add {
        #[arg(long, env = "TOURNEE_EVENT")]
        event: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        company: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long, default_value = "", hide_default_value = true)]
        notes: String,
        #[arg(long)]
        interest: Option<String>,
    },
    List {
        #[arg(long, env = "TOURNEE_EVENT")]
        event: String,
    },
    Qualify {
        lead: String,
        #[arg(long, env = "TOURNEE_EVENT")]
        event: String,
        #[arg(long, value_name = "ACCOUNT")]
        into: Option<String>,
        #[arg(long, conflicts_with = "into")]
        horizon: Option<String>,
    },
    Discard {
        lead: String,
        #[arg(long, env = "TOURNEE_EVENT")]
        event: String,
    },
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// accounts, contacts, visits, follow-ups, opportunities, leads or dashboard
    pub what: String,
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    #[arg(long, default_value = "csv", hide_default_value = true, value_name = "csv|json")]
    pub format: String,
    #[arg(long, env = "TOURNEE_EVENT")]
    pub event: Option<String>,
    #[arg(long, conflicts_with = "rep")]
    pub team: bool,
    #[arg(long, value_name = "USER_ID")]
    pub rep: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub week: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum ObjectiveCommand {
    Set {
        #[arg(long)]
        metric: String,
        #[arg(long, allow_hyphen_values = true)]
        target: String,
        #[arg(long, value_name = "USER_ID", conflicts_with = "team")]
        rep: Option<String>,
        #[arg(long)]
        team: bool,
        #[arg(long, value_name = "PERIOD")]
        period: String,
        #[arg(long)]
        note: Option<String>,
    },
    Edit {
        objective: String,
        #[arg(long)]
        metric: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        target: Option<String>,
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    List {
        #[arg(long, value_name = "USER_ID", conflicts_with = "team")]
        rep: Option<String>,
        #[arg(long)]
        team: bool,
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    Accounts {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        skip_refused: bool,
        #[arg(long = "map", id = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
    },
    Revenue {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        skip_refused: bool,
        #[arg(long = "map", id = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ConflictsCommand {
    List,
    Resolve {
        number: usize,
        #[arg(long)]
        keep: Option<String>,
        #[arg(long)]
        restore: bool,
        #[arg(long)]
        confirm_delete: bool,
    },
}

#[derive(Args, Debug)]
pub struct AdminArgs {
    #[arg(long, global = true, env = "TOURNEE_SERVER", value_name = "URL")]
    pub server: Option<String>,
    #[arg(long, global = true, env = "TOURNEE_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    #[arg(long, global = true, env = "TOURNEE_CA_CERT", value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    #[command(subcommand)]
    pub command: AdminCommand,
}

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    CreateTeam {
        name: String,
    },
    AddUser {
        name: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        team: String,
    },
    EnrollmentCode {
        user: String,
    },
    RevokeDevice {
        device: String,
    },
}

/// The value of `--lang` (or `--lang=`) in the raw arguments, read before clap so that the help
/// and clap's own messages are in the right language too.
pub fn lang_flag(args: &[String]) -> Option<&str> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value);
        }
        if arg == "--lang" {
            return iter.next().map(String::as_str);
        }
    }
    None
}

/// The clap command with every help text in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    localize(Cli::command(), "", lang)
}

fn localize(mut cmd: clap::Command, path: &str, lang: Lang) -> clap::Command {
    if let Some(about) = words::about(path, lang) {
        cmd = cmd.about(about);
    }
    let help = words::help_for(path, "help", lang).unwrap_or_default();
    cmd = cmd
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(help))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            say!(lang, msg::HEADING_USAGE)
        ))
        .subcommand_help_heading(say!(lang, msg::HEADING_COMMANDS));
    if path.is_empty() {
        let version = words::help_for("", "version", lang).unwrap_or_default();
        cmd =
            cmd.arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(version));
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let text = words::help_for(path, &id, lang).unwrap_or_default();
        let positional = cmd.get_arguments().any(|a| a.get_id() == id.as_str() && a.is_positional());
        let global = cmd.get_arguments().any(|a| a.get_id() == id.as_str() && a.is_global_set());
        let heading = match (positional, global) {
            (true, _) => msg::HEADING_ARGUMENTS,
            (false, true) => msg::HEADING_GLOBAL_OPTIONS,
            (false, false) => msg::HEADING_OPTIONS,
        };
        cmd = cmd.mut_arg(id.as_str(), |a| a.help(text).help_heading(say!(lang, heading)));
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
        cmd = cmd.mut_subcommand(&name, |sub| localize(sub, &sub_path, lang));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has its help in both languages, and every help entry is used.
    #[test]
    fn every_command_and_option_has_its_help() {
        fn walk(cmd: &clap::Command, path: &str, seen: &mut Vec<String>) {
            if !path.is_empty() {
                assert!(words::about(path, Lang::En).is_some(), "no help for the command `{path}`");
            }
            seen.push(path.to_owned());
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                let entry = format!("{path}.{id}");
                assert!(words::help_for(path, id, Lang::En).is_some(), "no help for `{entry}`");
                seen.push(entry);
                seen.push(format!("*.{id}"));
            }
            for sub in cmd.get_subcommands() {
                let sub_path = if path.is_empty() {
                    sub.get_name().to_owned()
                } else {
                    format!("{path}.{}", sub.get_name())
                };
                walk(sub, &sub_path, seen);
            }
        }
        let mut seen = Vec::new();
        let cmd = command(Lang::Fr);
        walk(&cmd, "", &mut seen);
        let seen: Vec<String> = seen.iter().map(|key| words::help_id_of(key)).collect();
        for id in words::help_ids() {
            assert!(seen.contains(&id), "the help entry `{id}` matches nothing");
        }
        cmd.debug_assert();
    }

    #[test]
    fn the_language_flag_is_found_before_parsing() {
        let args: Vec<String> = ["tournee", "--json", "--lang", "fr", "sync"].map(String::from).to_vec();
        assert_eq!(lang_flag(&args), Some("fr"));
        let args: Vec<String> = ["tournee", "visit", "--lang=en"].map(String::from).to_vec();
        assert_eq!(lang_flag(&args), Some("en"));
        let args: Vec<String> = ["tournee", "visit", "--", "--lang", "fr"].map(String::from).to_vec();
        assert_eq!(lang_flag(&args), None);
    }
}
