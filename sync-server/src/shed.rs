//! Load shed per client, before one client slows the server for everyone: a device may have only
//! so many requests in progress at once, and a network address may try only so many enrollments a
//! minute. Past either, the answer is 429 with `Retry-After` (see PROTOCOL.md, "Limits").
//!
//! Hand-written (two small maps) rather than a tower layer such as tower_governor: the device is
//! known only once its token is checked inside the handler, and a concurrency limit per key is not
//! what those layers offer.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Requests in progress per key (a device), at most `limit` each.
pub struct PerKey {
    limit: usize,
    held: Mutex<HashMap<String, usize>>,
}

/// One request in progress; its place is given back when dropped (the answer sent, or the
/// request abandoned).
pub struct Slot {
    owner: Arc<PerKey>,
    key: String,
}

impl PerKey {
    pub fn new(limit: usize) -> Arc<Self> {
        Arc::new(PerKey { limit, held: Mutex::new(HashMap::new()) })
    }

    /// A place for one more request of `key`; `None` if it already has `limit` in progress.
    pub fn enter(self: &Arc<Self>, key: &str) -> Option<Slot> {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        let count = held.entry(key.to_owned()).or_insert(0);
        if *count >= self.limit {
            return None;
        }
        *count += 1;
        Some(Slot { owner: Arc::clone(self), key: key.to_owned() })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut held = self.owner.held.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = held.get_mut(&self.key) {
            *count -= 1;
            if *count == 0 {
                held.remove(&self.key);
            }
        }
    }
}

/// Addresses followed at most: past it, those whose allowance is whole again are forgotten, and
/// if that is not enough the newcomers share one allowance (memory stays bounded under a flood
/// from many addresses).
const MAX_ADDRESSES: usize = 10_000;

/// A token bucket per network address: `per_minute` attempts, refilled evenly over the minute, a
/// burst of as many.
pub struct PerAddress {
    per_minute: u32,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl PerAddress {
    pub fn new(per_minute: u32) -> Self {
        PerAddress { per_minute, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one attempt for `addr` at `now`; `Err(wait)` when it has none left until `wait` passes.
    pub fn take(&self, addr: IpAddr, now: Instant) -> Result<(), Duration> {
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let refilled = |(tokens, at): (f64, Instant)| {
            (tokens + now.saturating_duration_since(at).as_secs_f64() * per_second).min(capacity)
        };
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let mut key = network(addr);
        if buckets.len() >= MAX_ADDRESSES && !buckets.contains_key(&key) {
            buckets.retain(|_, bucket| refilled(*bucket) < capacity);
            if buckets.len() >= MAX_ADDRESSES {
                key = IpAddr::from([0u8; 16]);
            }
        }
        let bucket = buckets.entry(key).or_insert((capacity, now));
        let tokens = refilled(*bucket);
        if tokens >= 1.0 {
            *bucket = (tokens - 1.0, now);
            return Ok(());
        }
        *bucket = (tokens, now);
        Err(Duration::from_secs_f64(if per_second > 0.0 { (1.0 - tokens) / per_second } else { 60.0 }))
    }
}

/// The unit one client holds: an IPv4 address, or an IPv6 /64 (what one subscriber is given).
fn network(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V4(_) => addr,
        IpAddr::V6(v6) => {
            let mut octets = v6.octets();
            octets[8..].fill(0);
            IpAddr::from(octets)
        }
    }
}

/// Whole seconds for `Retry-After`, at least one.
pub fn retry_after_seconds(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_gets_its_places_and_each_back_when_its_request_ends() {
        let busy = PerKey::new(2);
        let first = busy.enter("d1").unwrap();
        let _second = busy.enter("d1").unwrap();
        assert!(busy.enter("d1").is_none(), "a third request at once is shed");
        assert!(busy.enter("d2").is_some(), "another device is not affected");
        drop(first);
        assert!(busy.enter("d1").is_some());
    }

    #[test]
    fn an_address_gets_a_burst_then_one_attempt_per_refill() {
        let rate = PerAddress::new(6); // one every 10 s
        let (addr, other) = ([192, 0, 2, 1].into(), [192, 0, 2, 2].into());
        let start = Instant::now();
        for _ in 0..6 {
            rate.take(addr, start).unwrap();
        }
        let wait = rate.take(addr, start).unwrap_err();
        assert_eq!(retry_after_seconds(wait), 10);
        assert!(rate.take(other, start).is_ok());
        assert_eq!(retry_after_seconds(rate.take(addr, start + Duration::from_secs(4)).unwrap_err()), 6);
        assert!(rate.take(addr, start + Duration::from_secs(10)).is_ok());
        // The same IPv6 /64 is one client.
        let (a, b): (IpAddr, IpAddr) = ("2001:db8::1".parse().unwrap(), "2001:db8::ffff".parse().unwrap());
        for _ in 0..6 {
            rate.take(a, start).unwrap();
        }
        assert!(rate.take(b, start).is_err());
    }
}
