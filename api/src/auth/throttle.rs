//! Throttling of failed logins: per account and per client address, in this process's memory.
//! (With several replicas each keeps its own count; SECURITY.md says so.)

use std::{
    collections::{HashMap, VecDeque},
    sync::Mutex,
    time::{Duration, Instant},
};

/// Counts failed logins in a sliding window.
pub struct LoginThrottle {
    window: Duration,
    max_per_account: usize,
    max_per_client: usize,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginThrottle {
    pub fn new(window: Duration, max_per_account: u32, max_per_client: u32) -> Self {
        LoginThrottle {
            window,
            max_per_account: max_per_account as usize,
            max_per_client: max_per_client as usize,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Seconds to wait when the account or the client is throttled now.
    pub fn retry_after(&self, account: &str, client: &str) -> Option<u64> {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        [(format!("a:{account}"), self.max_per_account), (format!("c:{client}"), self.max_per_client)]
            .into_iter()
            .filter_map(|(key, max)| {
                let list = map.get_mut(&key)?;
                prune(list, now, self.window);
                if list.len() >= max {
                    // Free again when enough of the oldest failures have left the window.
                    let oldest_relevant = list[list.len() - max];
                    let wait = (oldest_relevant + self.window).saturating_duration_since(now);
                    Some(wait.as_secs().max(1))
                } else {
                    None
                }
            })
            .max()
    }

    /// Records a failed attempt.
    pub fn record_failure(&self, account: &str, client: &str) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            // Bound the memory an attacker can make us use with made-up emails.
            map.retain(|_, list| {
                prune(list, now, self.window);
                !list.is_empty()
            });
        }
        for key in [format!("a:{account}"), format!("c:{client}")] {
            let list = map.entry(key).or_default();
            prune(list, now, self.window);
            list.push_back(now);
        }
    }

    /// Forgets the account's failures after a successful login.
    pub fn record_success(&self, account: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&format!("a:{account}"));
    }
}

fn prune(list: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while list.front().is_some_and(|t| now.duration_since(*t) >= window) {
        list.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttles_an_account_after_its_limit_and_a_client_after_its_own() {
        let t = LoginThrottle::new(Duration::from_secs(900), 3, 5);
        for _ in 0..3 {
            assert!(t.retry_after("a@x.se", "1.2.3.4").is_none());
            t.record_failure("a@x.se", "1.2.3.4");
        }
        let wait = t.retry_after("a@x.se", "5.6.7.8").expect("account throttled");
        assert!(wait > 800 && wait <= 900);
        // Other accounts from the same client are still allowed until the client limit.
        assert!(t.retry_after("b@x.se", "1.2.3.4").is_none());
        t.record_failure("b@x.se", "1.2.3.4");
        t.record_failure("c@x.se", "1.2.3.4");
        assert!(t.retry_after("d@x.se", "1.2.3.4").is_some());
        t.record_success("a@x.se");
        assert!(t.retry_after("a@x.se", "9.9.9.9").is_none());
    }
}
