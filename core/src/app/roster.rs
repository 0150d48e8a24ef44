//! The people of the team by name. Records name people by user id; the server knows their names
//! (`GET /v1/team/members`). A device keeps the list in its store, so screens name people offline,
//! and asks again only when it meets someone the list does not name: an idle sync stays one round
//! trip.

use super::Session;
use crate::i18n::{Lang, Message};
use crate::insights::Scope;
use crate::store::{sync_keys, Store};
use crate::sync::api::{Role, User};
use crate::sync::{SyncClient, SyncError};

/// A dashboard this device can show, and how a chip names it in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScopeChoice {
    pub scope: Scope,
    pub label: String,
}

impl Session {
    /// The team's reps and managers as last received from the server (empty before the first sync).
    pub fn team_members(&self) -> crate::Result<Vec<User>> {
        team_members(self.store())
    }

    /// The name of user `id`, or the id itself when the team's list does not know it yet.
    pub fn person_name(&self, id: &str) -> crate::Result<String> {
        let members = self.team_members()?;
        Ok(members.into_iter().find(|m| m.id == id).map_or_else(|| id.to_owned(), |m| m.name))
    }

    /// The id of the user `text` names, by name (ignoring case and accents) or by id, as the CLI's
    /// `--rep` takes either; `text` itself when the team's list does not know it.
    pub fn person_id(&self, text: &str) -> crate::Result<String> {
        let members = self.team_members()?;
        let (text, wanted) = (text.trim(), crate::i18n::fold(text.trim()));
        let found = members.iter().find(|m| m.id == text || crate::i18n::fold(&m.name) == wanted);
        Ok(found.map_or_else(|| text.to_owned(), |m| m.id.clone()))
    }

    /// Whose dashboards this device can show, labelled in `lang`: this user's week, the team's, then
    /// for a manager each other user who owns an account or logged a visit here, by name (a rep
    /// reviews their own week with the manager, not their colleagues').
    pub fn dashboard_scopes(&self, lang: Lang) -> crate::Result<Vec<ScopeChoice>> {
        let mut scopes = vec![
            ScopeChoice { scope: Scope::Rep(self.me().to_owned()), label: Message::MyWeek.say(lang) },
            ScopeChoice { scope: Scope::Team, label: Message::TheTeam.say(lang) },
        ];
        if self.identity().role != Role::Rep {
            let members = self.team_members()?;
            let name = |id: &str| members.iter().find(|m| m.id == id).map(|m| m.name.clone());
            let mut others: Vec<ScopeChoice> = self
                .store()
                .people_with_records()?
                .into_iter()
                .filter(|p| p != self.me())
                .map(|id| ScopeChoice {
                    label: name(&id).unwrap_or_else(|| id.clone()),
                    scope: Scope::Rep(id),
                })
                .collect();
            others.sort_by_cached_key(|c| c.label.to_lowercase());
            scopes.extend(others);
        }
        Ok(scopes)
    }

    /// Asks the server for the team's list when this device has none, or when `received` records
    /// may name someone the list does not.
    pub(super) async fn refresh_team_members(
        &self,
        client: &SyncClient,
        received: bool,
    ) -> Result<(), SyncError> {
        let store = self.store_arc();
        let stale = tokio::task::spawn_blocking(move || -> crate::Result<bool> {
            let known = team_members(&store)?;
            let unnamed = |p: &String| !known.iter().any(|m| &m.id == p);
            Ok(known.is_empty() || (received && store.people_with_records()?.iter().any(unnamed)))
        })
        .await
        .map_err(|_| SyncError::Store(crate::Error::Poisoned))??;
        if stale {
            let members = client.team_members().await?;
            // Cannot fail (strings and an enum); an empty value would only be asked for again.
            let json = serde_json::to_vec(&members).unwrap_or_default();
            self.store().set_sync_value(sync_keys::TEAM_MEMBERS, &json)?;
        }
        Ok(())
    }
}

fn team_members(store: &Store) -> crate::Result<Vec<User>> {
    let Some(json) = store.sync_value(sync_keys::TEAM_MEMBERS)? else { return Ok(Vec::new()) };
    // The list is a copy of the server's: one that cannot be read is asked for again.
    Ok(serde_json::from_slice(&json).unwrap_or_default())
}
