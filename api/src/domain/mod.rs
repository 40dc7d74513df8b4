//! Types that can only hold valid values, and the rules over them.
//! No HTTP and no database here.

mod actor;
mod email;
mod extra_field;
pub mod order;
mod org_number;
pub mod password;
mod personal_number;
pub mod problems;
mod reference;
mod role;
mod text;

pub use actor::{Actor, SelfMatch};
pub use email::Email;
pub use extra_field::ExtraField;
pub use order::{HistoryAction, OrderKind, OrderStatus, Party, Transition};
pub use org_number::OrgNumber;
pub use personal_number::{PersonalNumber, mask_stored};
pub use role::Role;
pub use text::{Text, is_refused_char, parse_text};
