//! What the end-to-end tests and the benchmark share, so the bytes they report are counted the same
//! way: a TCP proxy in front of the sync server that counts what crosses it, HTTP included; a proxy
//! that breaks exchanges and kills the server ([`faults`]); the malformed automerge inputs that
//! the core's and the server's tests replay; and the private PostgreSQL cluster's databases
//! ([`postgres`]).

pub mod faults;
pub mod malformed;
pub mod postgres;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};

/// A proxy on 127.0.0.1 forwarding every connection to the server, counting bytes each way.
pub struct CountingProxy {
    /// `http://127.0.0.1:<port>`: give it to a client instead of the server's address.
    pub url: String,
    up: Arc<AtomicU64>,
    down: Arc<AtomicU64>,
}

impl CountingProxy {
    /// Starts the proxy in front of `target` (`host:port`), on the current tokio runtime.
    pub async fn start(target: &str) -> CountingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port on 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("the proxy's address"));
        let (up, down) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
        let (u, d, target) = (up.clone(), down.clone(), target.to_owned());
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (u, d, target) = (u.clone(), d.clone(), target.clone());
                tokio::spawn(async move {
                    let Ok(server) = TcpStream::connect(target).await else { return };
                    let (mut cr, mut cw) = client.into_split();
                    let (mut sr, mut sw) = server.into_split();
                    tokio::join!(copy_counting(&mut cr, &mut sw, &u), copy_counting(&mut sr, &mut cw, &d));
                });
            }
        });
        CountingProxy { url, up, down }
    }

    /// Bytes (up, down) since the last call.
    pub fn take(&self) -> (u64, u64) {
        (self.up.swap(0, Ordering::SeqCst), self.down.swap(0, Ordering::SeqCst))
    }
}

async fn copy_counting(from: &mut OwnedReadHalf, to: &mut OwnedWriteHalf, count: &AtomicU64) {
    let mut buf = vec![0u8; 64 << 10];
    loop {
        match from.read(&mut buf).await {
            Ok(0) | Err(_) => {
                let _ = to.shutdown().await;
                return;
            }
            Ok(n) => {
                count.fetch_add(n as u64, Ordering::SeqCst);
                if to.write_all(&buf[..n]).await.is_err() {
                    return;
                }
            }
        }
    }
}
