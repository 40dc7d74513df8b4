//! Expert users (expertanvändare) of each provider and system.

pub mod service;
