//! Administration against a server with an admin token: teams, users, enrollment codes, devices.

use serde_json::json;
use tournee_core::i18n::label;
use tournee_core::sync::api::Role;
use tournee_core::sync::{AdminClient, EnrollmentLink};

use super::Ctx;
use crate::args::{AdminArgs, AdminCommand};
use crate::device::runtime;
use crate::error::{CliError, Result};
use crate::render::Out;
use crate::words::{msg, say};

fn required(ctx: &Ctx, value: Option<String>, option: &str, env: &str) -> Result<String> {
    value
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| CliError::invalid(option, say!(ctx.lang, msg::REQUIRED, variable = env)))
}

pub fn run(ctx: &Ctx, args: AdminArgs) -> Result<Out> {
    let lang = ctx.lang;
    let server = required(ctx, args.server, "--server", "TOURNEE_SERVER")?;
    let token = required(ctx, args.admin_token, "--admin-token", "TOURNEE_ADMIN_TOKEN")?;
    let ca_pem = args.ca_cert.as_deref().map(super::sync::read_ca).transpose()?;
    let admin = AdminClient::new(&server, &token, ca_pem.as_deref())?;
    let rt = runtime()?;
    Ok(match args.command {
        AdminCommand::CreateTeam { name } => {
            let team = rt.block_on(admin.create_team(&name))?;
            Out { text: say!(lang, msg::TEAM_CREATED, name = team.name, id = team.id), json: json!(team) }
        }
        AdminCommand::AddUser { name, role, team } => {
            let role = match role.trim() {
                "rep" => Role::Rep,
                "manager" => Role::Manager,
                other => {
                    let reason = say!(lang, msg::UNKNOWN_CODE, text = other, choices = "rep, manager");
                    return Err(CliError::invalid("--role", reason));
                }
            };
            let user = rt.block_on(admin.create_user(&name, role, Some(&team)))?;
            let label = label(user.role, lang);
            Out {
                text: say!(lang, msg::USER_CREATED, name = user.name, role = label, id = user.id),
                json: json!(user),
            }
        }
        AdminCommand::EnrollmentCode { user } => {
            let code = rt.block_on(admin.enrollment_code(&user))?;
            // The link a phone reads from a QR code: the server and the code in one scan.
            let link = EnrollmentLink { server_url: Some(server.clone()), code: code.code.clone() }.to_text();
            let issued = say!(lang, msg::CODE_ISSUED, code = code.code, until = code.expires_at);
            Out {
                text: format!("{issued}\n{}", say!(lang, msg::CODE_LINK, link = link)),
                json: json!({ "code": code.code, "expires_at": code.expires_at, "link": link }),
            }
        }
        AdminCommand::RevokeDevice { device } => {
            rt.block_on(admin.revoke_device(&device))?;
            Out { text: say!(lang, msg::DEVICE_REVOKED, device = device), json: json!({ "revoked": device }) }
        }
    })
}
