//! A proxy that breaks HTTP/1.1 exchanges the way networks and crashing servers do: requests lost,
//! cut mid-body, late, sent twice or overtaken by a newer one; answers lost, cut or late; the
//! server killed before, while or after it handles a request. Each proxy draws its faults from its
//! own seeded generator, one draw per request in the order its client sends them, so a device
//! behind its own proxy meets the same faults in every run of a seed. (What a SIGKILL interrupts
//! inside the server still depends on timing.)
//!
//! It reads messages by `Content-Length`, which is how the sync client and the server frame every
//! body; a chunked message is not forwarded and is counted under `unframed`, so a test can insist
//! there is none.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// What happens to one request and its answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    Pass,
    /// The connection closes before anything reaches the server.
    DropRequest,
    /// The server gets this share of the request's bytes (head included), then the connection closes.
    CutRequest(f64),
    DelayRequest(Duration),
    /// The server gets the request twice at once; the client gets the first answer.
    Duplicate,
    /// Not forwarded now (the client's connection closes): the server gets it after the client's
    /// next request, out of order, and its answer goes nowhere.
    Hold,
    /// The server handles the request; its answer is lost.
    DropAnswer,
    /// The client gets this share of the answer's bytes, then the connection closes.
    CutAnswer(f64),
    DelayAnswer(Duration),
    /// The server is killed before the request reaches it.
    KillBefore,
    /// The server is killed as soon as the whole request was written to it.
    KillDuring,
    /// The server is killed once it answered; the answer is lost.
    KillAfter,
}

impl Fault {
    pub fn name(self) -> &'static str {
        match self {
            Fault::Pass => "none",
            Fault::DropRequest => "request dropped",
            Fault::CutRequest(_) => "request cut mid-message",
            Fault::DelayRequest(_) => "request delayed",
            Fault::Duplicate => "request duplicated",
            Fault::Hold => "request reordered (held, sent after the next)",
            Fault::DropAnswer => "answer dropped",
            Fault::CutAnswer(_) => "answer cut mid-message",
            Fault::DelayAnswer(_) => "answer delayed",
            Fault::KillBefore => "server SIGKILLed before the request",
            Fault::KillDuring => "server SIGKILLed during the request",
            Fault::KillAfter => "server SIGKILLed after answering",
        }
    }

    /// One draw: a fault with probability `rate`, each kind alike except the kills (a fifth as
    /// likely each: a restart is slow, and every device behind the server feels it).
    fn draw(rng: &mut ChaCha8Rng, rate: f64) -> Fault {
        if !rng.random_bool(rate) {
            return Fault::Pass;
        }
        let delay = Duration::from_millis(rng.random_range(1..=120));
        let share = rng.random_range(0.0..1.0);
        match rng.random_range(0..43) {
            0..=4 => Fault::DropRequest,
            5..=9 => Fault::CutRequest(share),
            10..=14 => Fault::DelayRequest(delay),
            15..=19 => Fault::Duplicate,
            20..=24 => Fault::Hold,
            25..=29 => Fault::DropAnswer,
            30..=34 => Fault::CutAnswer(share),
            35..=39 => Fault::DelayAnswer(delay),
            40 => Fault::KillBefore,
            41 => Fault::KillDuring,
            _ => Fault::KillAfter,
        }
    }
}

/// Kills the server and starts it again on the same address; returns once it serves.
pub type Restart = Arc<dyn Fn() + Send + Sync>;

pub struct FaultProxy {
    /// `http://127.0.0.1:<port>`: give it to a client instead of the server's address.
    pub url: String,
    state: Arc<State>,
}

struct State {
    target: String,
    rate: f64,
    on: AtomicBool,
    rng: Mutex<ChaCha8Rng>,
    held: Mutex<Option<Vec<u8>>>,
    restart: Restart,
    counts: Mutex<BTreeMap<&'static str, u64>>,
}

impl FaultProxy {
    /// Starts a proxy in front of `target` (`host:port`) meeting faults with probability `rate` per
    /// request, drawn from `seed`; `restart` is how it kills the server.
    pub async fn start(target: &str, seed: u64, rate: f64, restart: Restart) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port on 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("the proxy's address"));
        let state = Arc::new(State {
            target: target.to_owned(),
            rate,
            on: AtomicBool::new(true),
            rng: Mutex::new(ChaCha8Rng::seed_from_u64(seed)),
            held: Mutex::new(None),
            restart,
            counts: Mutex::new(BTreeMap::new()),
        });
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(serve(client, shared.clone()));
            }
        });
        FaultProxy { url, state }
    }

    /// Faults on (the default) or off: off, every exchange passes untouched.
    pub fn set_faults(&self, on: bool) {
        self.state.on.store(on, Ordering::SeqCst);
    }

    /// How many requests met each fault while faults were on (`none`: passed untouched), and
    /// `unframed` messages.
    pub fn counts(&self) -> BTreeMap<&'static str, u64> {
        self.state.counts.lock().expect("counts").clone()
    }
}

impl State {
    /// The next request's fault; counted only while faults are on.
    fn next_fault(&self) -> Fault {
        if !self.on.load(Ordering::SeqCst) {
            return Fault::Pass;
        }
        let fault = Fault::draw(&mut self.rng.lock().expect("rng"), self.rate);
        self.count(fault.name());
        fault
    }

    fn count(&self, what: &'static str) {
        *self.counts.lock().expect("counts").entry(what).or_default() += 1;
    }

    async fn restart_server(&self) {
        let restart = self.restart.clone();
        tokio::task::spawn_blocking(move || restart()).await.expect("the restart does not panic");
    }

    /// One request to the server on a connection of its own, and its whole answer.
    async fn exchange(&self, request: &[u8]) -> Option<Vec<u8>> {
        let mut server = TcpStream::connect(&self.target).await.ok()?;
        server.write_all(request).await.ok()?;
        let (read, _write) = server.split();
        read_message(&mut BufReader::new(read)).await.ok().flatten()
    }
}

/// One client connection: its requests in turn, each meeting its fault. Returning closes it.
async fn serve(client: TcpStream, state: Arc<State>) {
    let (read, mut write) = client.into_split();
    let mut read = BufReader::new(read);
    loop {
        let request = match read_message(&mut read).await {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(e) => {
                if e.kind() == std::io::ErrorKind::InvalidData {
                    state.count("unframed");
                }
                return;
            }
        };
        let fault = state.next_fault();
        let delivered = match reply(&state, fault, &request).await {
            Reply::Whole(answer) => write.write_all(&answer).await.is_ok(),
            Reply::Part(part) => {
                let _ = write.write_all(&part).await;
                false
            }
            Reply::Nothing => false,
        };
        // A request held back reaches the server after this newer one.
        let held = match fault {
            Fault::Hold => None,
            _ => state.held.lock().expect("held").take(),
        };
        if let Some(older) = held {
            state.exchange(&older).await;
        }
        if !delivered {
            return;
        }
    }
}

enum Reply {
    Whole(Vec<u8>),
    /// The start of the answer, then the connection closes.
    Part(Vec<u8>),
    /// The connection closes.
    Nothing,
}

/// What the client gets for `request` under `fault`.
async fn reply(state: &State, fault: Fault, request: &[u8]) -> Reply {
    let whole = |answer: Option<Vec<u8>>| answer.map_or(Reply::Nothing, Reply::Whole);
    match fault {
        Fault::Pass => whole(state.exchange(request).await),
        Fault::Hold => {
            let older = state.held.lock().expect("held").replace(request.to_vec());
            if let Some(older) = older {
                state.exchange(&older).await;
            }
            Reply::Nothing
        }
        Fault::DropRequest => Reply::Nothing,
        Fault::CutRequest(share) => {
            if let Ok(mut server) = TcpStream::connect(&state.target).await {
                let _ = server.write_all(&request[..cut(request.len(), share)]).await;
            }
            Reply::Nothing
        }
        Fault::DelayRequest(delay) => {
            tokio::time::sleep(delay).await;
            whole(state.exchange(request).await)
        }
        Fault::Duplicate => whole(tokio::join!(state.exchange(request), state.exchange(request)).0),
        Fault::DropAnswer => {
            state.exchange(request).await;
            Reply::Nothing
        }
        Fault::CutAnswer(share) => match state.exchange(request).await {
            Some(answer) => Reply::Part(answer[..cut(answer.len(), share)].to_vec()),
            None => Reply::Nothing,
        },
        Fault::DelayAnswer(delay) => {
            let answer = state.exchange(request).await;
            tokio::time::sleep(delay).await;
            whole(answer)
        }
        Fault::KillBefore => {
            state.restart_server().await;
            Reply::Nothing
        }
        Fault::KillDuring => {
            if let Ok(mut server) = TcpStream::connect(&state.target).await {
                let _ = server.write_all(request).await;
                state.restart_server().await;
            }
            Reply::Nothing
        }
        Fault::KillAfter => {
            state.exchange(request).await;
            state.restart_server().await;
            Reply::Nothing
        }
    }
}

fn cut(len: usize, share: f64) -> usize {
    ((len as f64 * share) as usize).min(len.saturating_sub(1))
}

/// One HTTP/1.1 message, head and `Content-Length` body; `None` at a clean end of stream.
async fn read_message<R: AsyncBufRead + Unpin>(from: &mut R) -> std::io::Result<Option<Vec<u8>>> {
    let mut message = Vec::new();
    while !message.ends_with(b"\r\n\r\n") {
        if from.read_until(b'\n', &mut message).await? == 0 {
            return match message.is_empty() {
                true => Ok(None),
                false => Err(std::io::ErrorKind::UnexpectedEof.into()),
            };
        }
        if message.len() > 64 << 10 {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
    }
    let head = String::from_utf8_lossy(&message).into_owned();
    let mut length = 0;
    for line in head.lines().skip(1) {
        let Some((name, value)) = line.split_once(':') else { continue };
        if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
        if name.eq_ignore_ascii_case("content-length") {
            length =
                value.trim().parse().map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidData))?;
        }
    }
    let start = message.len();
    message.resize(start + length, 0);
    from.read_exact(&mut message[start..]).await?;
    Ok(Some(message))
}
