//! Access reviews (behörighetsuppföljning, rules 14 and 15): support starts a review of a
//! provider's holdings; its orderers decide `keep` or `revoke` for each and complete it, which
//! sends the revoke orders to IT; the periodic [`job`] reminds before the due date and tells of
//! overdue reviews, once each.

pub mod cancel;
pub mod complete;
pub mod decide;
pub mod demo;
pub mod dto;
pub mod job;
pub mod read;
pub mod report;
pub mod routes;
pub mod standing;
pub mod start;
pub mod summary;
