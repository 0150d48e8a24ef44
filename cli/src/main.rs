//! `tournee`: Tournée's terminal shell. A laptop is a rep's device (enroll, log visits, agenda,
//! accounts, trade-show leads, sync, dashboard, conflicts), plus admin commands against a server
//! and `tournee demo`, a team's week played against an embedded server.

mod args;
mod commands;
mod demo;
mod device;
mod error;
mod i18n;
mod parse;
mod render;
mod words;

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::FromArgMatches;

use crate::error::CliError;
use crate::words::{msg, say};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    let json = argv.iter().any(|a| a == "--json");
    let lang = match i18n::detect(args::lang_flag(&argv)) {
        Ok(lang) => lang,
        Err(value) => {
            return fail(
                &CliError::UnknownLang(value),
                i18n::detect(None).unwrap_or(tournee_core::i18n::Lang::En),
                json,
            )
        }
    };
    let parsed = args::command(lang)
        .try_get_matches_from(&argv)
        .and_then(|matches| args::Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        // Help and version (already in `lang`), asked or shown for a bare command.
        Err(e) if !e.use_stderr() || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            e.exit()
        }
        Err(e) => return fail(&CliError::usage(&e), lang, json),
    };
    let zone = match tournee_core::app::Zone::parse(cli.tz.as_deref().unwrap_or("")) {
        Ok(zone) => zone,
        Err(error) => return fail(&CliError::Refused { field: "--tz".into(), error }, lang, cli.json),
    };
    let ctx = commands::Ctx { lang, zone, json: cli.json, data_dir: cli.data_dir };
    match commands::run(&ctx, cli.command) {
        Ok(out) if ctx.json => {
            println!("{}", serde_json::to_string_pretty(&out.json).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Ok(out) => {
            println!("{}", out.text.trim_end());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, lang, ctx.json),
    }
}

/// Reports `e` on stderr (as JSON with `--json`) and gives its exit code.
fn fail(e: &CliError, lang: tournee_core::i18n::Lang, json: bool) -> ExitCode {
    if json {
        eprintln!("{}", e.to_json(lang));
    } else {
        eprintln!("{}", say!(lang, msg::ERROR_LINE, message = e.message(lang)));
    }
    ExitCode::from(e.exit_code())
}
