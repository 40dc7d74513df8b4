//! Which webhook URLs Sesam may call (SSRF): `https` only, and never an address in a private,
//! loopback, link-local or otherwise internal range — unless the host is named in
//! `SESAM_WEBHOOK_ALLOW_HTTP`. A literal address is checked at registration; a host name is
//! resolved and every address checked at each delivery, and the delivery goes to the address
//! checked (no second lookup), following no redirects.

use reqwest::Url;
use std::net::{IpAddr, SocketAddr};

/// Why a URL is refused (the `detail` of `url_not_allowed`).
pub type Refusal = String;

/// Parses and checks a URL at registration.
pub fn check_url(raw: &str, allow: &[String]) -> Result<Url, Refusal> {
    let url = Url::parse(raw.trim()).map_err(|e| format!("not a URL: {e}"))?;
    let host = url.host_str().ok_or("the URL has no host")?.to_ascii_lowercase();
    let allowed = is_allowed(&host, allow);
    match url.scheme() {
        "https" => {}
        "http" if allowed => {}
        "http" => {
            return Err(format!("plain http is allowed only for the hosts in SESAM_WEBHOOK_ALLOW_HTTP, not {host}"));
        }
        other => return Err(format!("the scheme {other} is not https")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("credentials in the URL".into());
    }
    if let Some(ip) = literal_ip(&host)
        && !allowed
        && is_internal(ip)
    {
        return Err(format!("{ip} is a private, loopback or link-local address"));
    }
    Ok(url)
}

/// Resolves the URL's host and checks every address; answers the address to connect to.
pub async fn resolve(url: &Url, allow: &[String]) -> Result<SocketAddr, Refusal> {
    let host = url.host_str().ok_or("the URL has no host")?.to_ascii_lowercase();
    let port = url.port_or_known_default().ok_or("the URL has no port")?;
    let allowed = is_allowed(&host, allow);
    if url.scheme() != "https" && !allowed {
        return Err(format!("plain http is not allowed for {host}"));
    }
    let lookup = host.trim_start_matches('[').trim_end_matches(']').to_owned();
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((lookup.as_str(), port))
        .await
        .map_err(|e| format!("cannot resolve {host}: {e}"))?
        .collect();
    let first = *addrs.first().ok_or_else(|| format!("{host} has no address"))?;
    if !allowed && let Some(bad) = addrs.iter().find(|a| is_internal(a.ip())) {
        return Err(format!("{host} resolves to {}, a private, loopback or link-local address", bad.ip()));
    }
    Ok(first)
}

fn is_allowed(host: &str, allow: &[String]) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    allow.iter().any(|a| a == host || a == bare)
}

fn literal_ip(host: &str) -> Option<IpAddr> {
    host.trim_start_matches('[').trim_end_matches(']').parse().ok()
}

/// Whether an address is one an outside receiver never has.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || a >= 224 // multicast and reserved
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_internal(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_refused_unless_named() {
        for url in [
            "https://127.0.0.1/hook",
            "https://10.1.2.3/hook",
            "https://192.168.0.1/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook",
            "https://[fd00::1]/hook",
            "https://[::ffff:10.0.0.1]/hook",
            "http://example.org/hook",
            "ftp://example.org/hook",
            "https://user:pw@example.org/hook",
        ] {
            assert!(check_url(url, &[]).is_err(), "{url}");
        }
        assert!(check_url("https://hooks.example.org/sesam", &[]).is_ok());
        assert!(check_url("https://93.184.215.14/hook", &[]).is_ok());
        let allow = vec!["127.0.0.1".to_owned()];
        assert!(check_url("http://127.0.0.1:9000/hook", &allow).is_ok());
        assert!(check_url("http://10.0.0.1/hook", &allow).is_err());
    }

    #[tokio::test]
    async fn names_are_resolved_and_checked() {
        let url = Url::parse("https://localhost:9/hook").expect("url");
        assert!(resolve(&url, &[]).await.is_err());
        assert!(resolve(&url, &["localhost".to_owned()]).await.is_ok());
    }
}
