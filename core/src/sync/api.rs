//! The JSON bodies of enrollment and administration (rare, small calls where readability wins), and
//! the paths of every endpoint. Sync itself uses the binary bodies of [`super::wire`].

use serde::{Deserialize, Serialize};

pub mod paths {
    pub const HEALTH: &str = "/health";
    pub const SYNC: &str = "/v1/sync";
    pub const ENROLL: &str = "/v1/enroll";
    pub const TEAM_MEMBERS: &str = "/v1/team/members";
    pub const TEAMS: &str = "/v1/admin/teams";
    pub const USERS: &str = "/v1/admin/users";
    pub const ENROLLMENT_CODES: &str = "/v1/admin/enrollment-codes";
    pub const REVOKE_DEVICE: &str = "/v1/admin/devices/revoke";
}

/// What a user may do (see `sync-server/PROTOCOL.md`, "Who may do what").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Role {
    /// Reads the team's documents; writes accounts (with their visits) and leads.
    Rep,
    /// Reads the team's documents; writes accounts, leads and objectives.
    Manager,
    /// Manages teams, users and devices of the organisation; syncs no documents.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Rep, Role::Manager, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Rep => "rep",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Reps write accounts (with their visits, contacts, follow-ups, opportunities) and leads;
    /// objectives are set by managers; admins sync no documents. The server enforces it, and a
    /// device sends again only what its role may write.
    pub fn writes(self, kind: crate::doc::DocKind) -> bool {
        match self {
            Role::Manager => true,
            Role::Rep => kind != crate::doc::DocKind::Objectives,
            Role::Admin => false,
        }
    }
}

/// `POST /v1/enroll`: a device trades a one-time enrollment code for its own token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnrollRequest {
    pub code: String,
    /// A label for the admin's device list ("Pixel de Julie"); optional, at most 100 characters.
    #[serde(default)]
    pub device_name: String,
}

/// The answer to an enrollment: who the device acts for, and the secret it must keep.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrollment {
    pub device_id: String,
    /// The device token (sent as `Authorization: Bearer …`); the server keeps only its hash.
    pub token: String,
    /// The user's id: what records name as their rep or owner.
    pub user_id: String,
    pub team_id: Option<String>,
    pub role: Role,
}

impl std::fmt::Debug for Enrollment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Enrollment")
            .field("device_id", &self.device_id)
            .field("token", &"<secret>")
            .field("user_id", &self.user_id)
            .field("team_id", &self.team_id)
            .field("role", &self.role)
            .finish()
    }
}

/// `POST /v1/admin/teams`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewTeam {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Team {
    pub id: String,
    pub name: String,
}

/// `POST /v1/admin/users`. Reps and managers belong to a team; admins to none.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewUser {
    pub name: String,
    pub role: Role,
    pub team_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct User {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub team_id: Option<String>,
}

/// `POST /v1/admin/enrollment-codes`: a one-time code for one of the organisation's users.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewEnrollmentCode {
    pub user_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EnrollmentCode {
    pub code: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// `POST /v1/admin/devices/revoke`: the device's token stops working at once; what it synced stays.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RevokeDevice {
    pub device_id: String,
}
