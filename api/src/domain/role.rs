//! Account roles.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A role on an account. Being an orderer is not a role: it is holding an ordering right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Support / system administration (vof.support).
    Admin,
    /// IT provisioning (behörighetsadministration).
    It,
}
