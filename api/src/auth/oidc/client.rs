//! The identity provider as a client sees it: its discovery document (with the JWKS), fetched on
//! first use and again when an ID token is signed with a key it does not list (key rotation).

use crate::config::OidcSettings;
use openidconnect::{
    ClientId, ClientSecret, IssuerUrl, RedirectUrl,
    core::{CoreClient, CoreProviderMetadata},
};
use std::sync::Arc;
use tokio::sync::RwLock;

/// The identity provider, configured and (once used) discovered.
pub struct Provider {
    pub settings: OidcSettings,
    http: reqwest::Client,
    metadata: RwLock<Option<Arc<CoreProviderMetadata>>>,
}

/// A failure to reach or understand the identity provider; its text goes to the log only.
#[derive(Debug)]
pub struct HttpError(pub String);

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HttpError {}

/// The client with the provider's endpoints from discovery.
pub type DiscoveredClient = openidconnect::Client<
    openidconnect::EmptyAdditionalClaims,
    openidconnect::core::CoreAuthDisplay,
    openidconnect::core::CoreGenderClaim,
    openidconnect::core::CoreJweContentEncryptionAlgorithm,
    openidconnect::core::CoreJsonWebKey,
    openidconnect::core::CoreAuthPrompt,
    openidconnect::StandardErrorResponse<openidconnect::core::CoreErrorResponseType>,
    openidconnect::core::CoreTokenResponse,
    openidconnect::core::CoreTokenIntrospectionResponse,
    openidconnect::core::CoreRevocableToken,
    openidconnect::core::CoreRevocationErrorResponse,
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

impl Provider {
    /// A provider for these settings; nothing is fetched until the first sign-in.
    pub fn new(settings: OidcSettings) -> Result<Provider, String> {
        // reqwest is built without a default crypto provider; rustls uses ring, as lettre does.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            // The provider's answers are never followed elsewhere (SSRF).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| format!("no HTTP client for the identity provider: {e}"))?;
        Ok(Provider { settings, http, metadata: RwLock::new(None) })
    }

    /// Sends one request to the provider.
    pub async fn send(&self, request: openidconnect::HttpRequest) -> Result<openidconnect::HttpResponse, HttpError> {
        let (parts, body) = request.into_parts();
        let mut outgoing = self.http.request(parts.method, parts.uri.to_string()).body(body);
        for (name, value) in &parts.headers {
            outgoing = outgoing.header(name, value);
        }
        let answer = outgoing.send().await.map_err(|e| HttpError(e.to_string()))?;
        let mut response = openidconnect::http::Response::builder().status(answer.status());
        for (name, value) in answer.headers() {
            response = response.header(name, value);
        }
        let body = answer.bytes().await.map_err(|e| HttpError(e.to_string()))?.to_vec();
        response.body(body).map_err(|e| HttpError(e.to_string()))
    }

    /// The client, discovering the provider when not done yet (or when `refresh`: a key rotated).
    pub async fn client(&self, refresh: bool) -> Result<DiscoveredClient, HttpError> {
        let known = if refresh { None } else { self.metadata.read().await.clone() };
        let metadata = match known {
            Some(m) => m,
            None => {
                let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|e| HttpError(e.to_string()))?;
                let http = |r| self.send(r);
                let found = CoreProviderMetadata::discover_async(issuer, &http)
                    .await
                    .map_err(|e| HttpError(format!("discovery failed: {e}")))?;
                let found = Arc::new(found);
                *self.metadata.write().await = Some(found.clone());
                found
            }
        };
        let redirect = RedirectUrl::new(self.settings.redirect_url.clone()).map_err(|e| HttpError(e.to_string()))?;
        Ok(CoreClient::from_provider_metadata(
            (*metadata).clone(),
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.expose_str().to_owned())),
        )
        .set_redirect_uri(redirect))
    }
}
