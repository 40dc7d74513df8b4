//! Orders (beställningar): saving drafts, sending them to IT, and IT's handling of them (issue 3).

pub mod dto;
pub mod routes;
pub mod service;
