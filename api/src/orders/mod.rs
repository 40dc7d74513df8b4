//! Orders (beställningar): saving drafts, sending them to IT, and IT's handling of them.
//!
//! One file per job: [`access`] (who may see and do what), [`read`] (one order, a page, the
//! history), [`write`] (create, change, delete, copy) and [`batch`], [`transition`] (the
//! lifecycle's steps), [`store`] (the one place orders are inserted, and rule 13), [`rules`] and
//! [`input`] (the domain's order rules fed with the request and the database's facts), [`names`]
//! (what an answer names besides the order). What a step causes elsewhere is announced through
//! `crate::effects`.

pub mod access;
pub mod batch;
pub mod dto;
mod input;
mod names;
pub mod read;
pub mod routes;
mod rules;
pub mod store;
pub mod transition;
pub mod write;
