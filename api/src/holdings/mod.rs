//! Holdings (behörighetsinnehav): who holds which permission at which provider today, their end
//! dates, and revoking everything a person who leaves holds (issue 5).
//!
//! A holding is made and changed only by completed orders (see [`effects`]);
//! orderers change its end date by hand; the end-date [`job`] tells the orderers before an end
//! date and, when it has passed, creates and sends the revoke order by itself.

pub mod dto;
pub mod effects;
pub mod job;
pub mod routes;
pub mod service;
pub mod units;
