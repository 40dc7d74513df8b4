//! Sign-in through the municipality's identity provider with OpenID Connect (rule 20).
//!
//! `GET /auth/oidc/login` sends the browser to the provider (authorization code flow with PKCE S256,
//! `state` and `nonce` kept server-side in `oidc_logins`, single use, ten minutes);
//! `GET /auth/oidc/callback` exchanges the code, verifies the ID token against the provider's JWKS
//! and finds the account; the SPA then gets a one-time code (60 s) that
//! `POST /auth/oidc/exchange` turns into the usual token. No token ever travels in a URL.

pub mod client;
pub mod dto;
pub mod routes;
pub mod service;

pub use client::Provider;
