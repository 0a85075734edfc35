//! What keeps the preview server to its own: it answers only the hosts it
//! was started for, and it stays up under idle, slow and many clients.
//!
//! Hosts: a web page the staff open could otherwise read the preview
//! through DNS rebinding (its own name resolving to 127.0.0.1), drafts and
//! all. A name is answered only if it is `localhost` or named with
//! `--allow-host`; an address only if the server is reached at it (a
//! loopback address, the one bound to, any when bound to all).
//!
//! Connections: at most a bound derived from the open-file limit are
//! served at once (others get a quick 503 and are closed, so the server
//! never runs out of descriptors and goes deaf), one that neither sends
//! nor receives for [`IDLE`] is closed, and one whose request has not been
//! answered [`ASKING`] after its first byte (a client trickling its header
//! a byte at a time, to hold a place) is closed too.

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep};

/// How long a connection may be silent both ways. The event stream sends
/// a keep-alive well within it.
pub(super) const IDLE: Duration = Duration::from_secs(20);

/// How long a request may take to arrive: from its first byte to the
/// server's first byte of the answer. A page is answered at once from the
/// last snapshot, so only a slow sender reaches it.
pub(super) const ASKING: Duration = Duration::from_secs(10);

/// The hosts answered: `localhost`, the loopback addresses, the address
/// bound to (any address of this machine when bound to all, `0.0.0.0`),
/// and the names (lowercase, without a port) given with `--allow-host`.
#[derive(Clone)]
pub(super) struct Hosts {
    pub(super) names: Arc<Vec<String>>,
    pub(super) bound: std::net::IpAddr,
}

impl Hosts {
    /// Whether the `Host` header `host` names this server.
    pub(super) fn admits(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let name = match host.strip_prefix('[') {
            // `[::1]:8000`
            Some(v6) => match v6.split_once(']') {
                Some((ip, rest)) if rest.is_empty() || port(rest.strip_prefix(':')) => {
                    return ip
                        .parse::<std::net::Ipv6Addr>()
                        .is_ok_and(|ip| self.ours(ip.into()))
                }
                _ => return false,
            },
            None => match host.rsplit_once(':') {
                Some((name, p)) if port(Some(p)) => name,
                Some(_) => return false,
                None => host.as_str(),
            },
        };
        let name = name.strip_suffix('.').unwrap_or(name);
        !name.is_empty()
            && (name == "localhost"
                || name
                    .parse::<std::net::Ipv4Addr>()
                    .is_ok_and(|ip| self.ours(ip.into()))
                || self.names.iter().any(|h| h == name))
    }

    /// An address this server is reached at: rebinding needs a name, so
    /// an address is safe; one it does not listen on is not this server.
    fn ours(&self, ip: std::net::IpAddr) -> bool {
        ip.is_loopback() || ip == self.bound || self.bound.is_unspecified()
    }
}

fn port(p: Option<&str>) -> bool {
    p.is_some_and(|p| !p.is_empty() && p.parse::<u16>().is_ok())
}

/// Refuses a request whose `Host` (or absolute address) names another
/// server: the site, its event stream and `/_etalase/` alike.
pub(super) async fn hosts_only(State(hosts): State<Hosts>, req: Request, next: Next) -> Response {
    let host = req
        .uri()
        .authority()
        .map(|a| a.as_str().to_string())
        .or_else(|| {
            req.headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_string)
        });
    match host {
        Some(h) if hosts.admits(&h) => next.run(req).await,
        _ => (
            StatusCode::FORBIDDEN,
            "403 Forbidden: this preview answers localhost, its IP addresses and the names given with --allow-host\n",
        )
            .into_response(),
    }
}

/// How many connections are served at once: half of what the open-file
/// limit leaves after the server's own files, between 8 and 1024.
pub(super) fn connection_bound() -> usize {
    #[cfg(unix)]
    {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit only writes the struct it is given.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } == 0 {
            let soft = usize::try_from(lim.rlim_cur).unwrap_or(usize::MAX);
            return (soft.saturating_sub(48) / 2).clamp(8, 1024);
        }
    }
    256
}

/// The listener: bounded, every connection timed for silence.
pub(super) struct Bounded {
    listener: TcpListener,
    open: Arc<AtomicUsize>,
    max: usize,
}

impl Bounded {
    pub(super) fn new(listener: TcpListener, max: usize) -> Bounded {
        Bounded {
            listener,
            open: Arc::default(),
            max,
        }
    }
}

impl Bounded {
    /// Full: a 503 said at once, not a wait. The request is read (briefly)
    /// before the close, so the client sees the answer rather than a
    /// reset; a few refusals at a time, beyond that only the close.
    fn refuse(&self, mut stream: TcpStream) {
        const REFUSING: usize = 16;
        static NOW: AtomicUsize = AtomicUsize::new(0);
        let full = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        if NOW.fetch_add(1, Ordering::AcqRel) >= REFUSING {
            NOW.fetch_sub(1, Ordering::AcqRel);
            let _ = stream.try_write(full);
            return;
        }
        tokio::spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let _ = tokio::time::timeout(Duration::from_millis(500), async {
                let mut buf = [0u8; 2048];
                let _ = stream.read(&mut buf).await;
                let _ = stream.write_all(full).await;
                let _ = stream.shutdown().await;
                while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
            })
            .await;
            NOW.fetch_sub(1, Ordering::AcqRel);
        });
    }
}

impl axum::serve::Listener for Bounded {
    type Io = Guarded;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Guarded, std::net::SocketAddr) {
        loop {
            match self.listener.accept().await {
                Ok((stream, addr)) => {
                    if self.open.load(Ordering::Acquire) >= self.max {
                        self.refuse(stream);
                        continue;
                    }
                    self.open.fetch_add(1, Ordering::AcqRel);
                    let _ = stream.set_nodelay(true);
                    return (
                        Guarded {
                            stream,
                            idle: Box::pin(tokio::time::sleep(IDLE)),
                            asked: None,
                            open: self.open.clone(),
                        },
                        addr,
                    );
                }
                // Out of descriptors or a connection gone before it was
                // taken: a short pause, then on (never a second's deafness).
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }
}

/// A connection that ends itself after [`IDLE`] of silence or a request
/// sent too slowly, and frees its place when dropped.
pub(super) struct Guarded {
    stream: TcpStream,
    /// When the connection ends unless it is heard from or answered.
    idle: Pin<Box<Sleep>>,
    /// When the bytes not yet answered began to arrive.
    asked: Option<Instant>,
    open: Arc<AtomicUsize>,
}

impl Drop for Guarded {
    fn drop(&mut self) {
        self.open.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Guarded {
    /// Bytes came in: the silence starts again, but the request they
    /// belong to must be whole and answered within [`ASKING`] of its first.
    fn heard(&mut self) {
        let now = Instant::now();
        let asked = *self.asked.get_or_insert(now);
        self.idle.as_mut().reset((now + IDLE).min(asked + ASKING));
    }

    /// Bytes went out: the request was answered.
    fn answered(&mut self) {
        self.asked = None;
        self.idle.as_mut().reset(Instant::now() + IDLE);
    }

    /// Pending I/O: an error once the connection has been silent too long.
    fn timed_out(&mut self, cx: &mut Context<'_>) -> bool {
        self.idle.as_mut().poll(cx).is_ready()
    }
}

fn silent() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "connection idle")
}

impl AsyncRead for Guarded {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.stream).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    self.heard();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Pending if self.timed_out(cx) => Poll::Ready(Err(silent())),
            other => other,
        }
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.stream).poll_write(cx, buf) {
            Poll::Ready(Ok(n)) => {
                self.answered();
                Poll::Ready(Ok(n))
            }
            Poll::Pending if self.timed_out(cx) => Poll::Ready(Err(silent())),
            other => other,
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_its_own_hosts_only() {
        let hosts = Hosts {
            names: Arc::new(vec!["pratinjau.kantor".into()]),
            bound: "127.0.0.1".parse().unwrap(),
        };
        for ok in [
            "localhost",
            "localhost:8000",
            "LOCALHOST.:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
            "[::1]",
            "pratinjau.kantor:8000",
        ] {
            assert!(hosts.admits(ok), "{ok}");
        }
        // Another machine's address: not this server.
        assert!(!hosts.admits("192.168.1.20:8000"));
        let all = Hosts {
            names: Arc::new(Vec::new()),
            bound: "0.0.0.0".parse().unwrap(),
        };
        assert!(all.admits("192.168.1.20:8000"));
        assert!(!all.admits("pratinjau.kantor:8000"));
        for bad in [
            "",
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "[::1]x",
            "localhost:port",
            "pratinjau.kantor.evil",
        ] {
            assert!(!hosts.admits(bad), "{bad}");
        }
    }
}
