//! An organisation admin's calls: teams, users, enrollment codes for their devices, revocation.

use std::sync::Arc;

use super::error::TourneeError;
use crate::sync::api::{EnrollmentCode, Role, Team, User};
use crate::sync::AdminClient;

/// The admin calls of one server, with an admin token (`tournee-sync-server admin-token`).
#[derive(uniffi::Object)]
pub struct AdminConsole {
    client: AdminClient,
}

#[uniffi::export(async_runtime = "tokio")]
impl AdminConsole {
    #[uniffi::constructor]
    pub fn new(server_url: String, admin_token: String) -> Result<Arc<Self>, TourneeError> {
        Ok(Arc::new(AdminConsole { client: AdminClient::new(&server_url, &admin_token, None)? }))
    }

    pub async fn create_team(&self, name: String) -> Result<Team, TourneeError> {
        Ok(self.client.create_team(&name).await?)
    }

    /// A rep or manager of `team_id`, or an admin (no team).
    pub async fn create_user(
        &self,
        name: String,
        role: Role,
        team_id: Option<String>,
    ) -> Result<User, TourneeError> {
        Ok(self.client.create_user(&name, role, team_id.as_deref()).await?)
    }

    /// A one-time code, valid 7 days, that enrolls one device for `user_id`.
    pub async fn enrollment_code(&self, user_id: String) -> Result<EnrollmentCode, TourneeError> {
        Ok(self.client.enrollment_code(&user_id).await?)
    }

    /// The device's token stops working at once; what it synced stays.
    pub async fn revoke_device(&self, device_id: String) -> Result<(), TourneeError> {
        Ok(self.client.revoke_device(&device_id).await?)
    }
}
