//! A small client of the Chrome DevTools protocol, over the pipe Chromium
//! opens with `--remote-debugging-pipe` (file descriptors 3 and 4, one
//! JSON message per NUL-terminated line): what the browser tests need to
//! type, click, read the page and hear its errors, with no WebSocket and
//! no crate that downloads the protocol at build time.

use serde_json::{json, Value};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::os::fd::FromRawFd;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How every test starts Chromium: headless, as root in a container, and
/// without the background connections this machine's closed network
/// refuses.
pub const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
];

/// One headless Chromium with one page, attached.
pub struct Browser {
    child: Child,
    to: File,
    from: BufReader<File>,
    next: u64,
    session: String,
    /// Errors the page reported: exceptions, console errors, failed loads.
    pub errors: Vec<String>,
    /// Bytes received over the network, as sent (compressed when the
    /// server compressed them).
    pub transferred: u64,
    /// Each request's address, to name a failed one.
    requests: std::collections::HashMap<String, String>,
    _profile: tempfile::TempDir,
}

fn pipe() -> (i32, i32) {
    let mut fds = [0; 2];
    // SAFETY: pipe(2) fills the two descriptors.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    (fds[0], fds[1])
}

impl Browser {
    /// Starts `chromium` with a page of `width` x `height` CSS pixels, as
    /// a phone (touch, mobile viewport) when `width` is under 600.
    pub fn start(chromium: &str, width: u32, height: u32) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let (chrome_reads, we_write) = pipe();
        let (we_read, chrome_writes) = pipe();
        let mut cmd = Command::new(chromium);
        cmd.args(FLAGS)
            .arg("--remote-debugging-pipe")
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                // The parent's ends are closed first and the child's moved
                // above 4: in a test process with few files open, any of
                // them may be 3 or 4 itself, and a later dup2 or close
                // would take the pipe away again.
                libc::close(we_write);
                libc::close(we_read);
                let r = libc::fcntl(chrome_reads, libc::F_DUPFD, 10);
                let w = libc::fcntl(chrome_writes, libc::F_DUPFD, 10);
                if r < 0 || w < 0 || libc::dup2(r, 3) < 0 || libc::dup2(w, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromium}: {e}"));
        // SAFETY: the parent's ends, owned from here on; the child's are
        // closed in the parent.
        let (to, from) = unsafe {
            libc::close(chrome_reads);
            libc::close(chrome_writes);
            (File::from_raw_fd(we_write), File::from_raw_fd(we_read))
        };
        let mut b = Browser {
            child,
            to,
            from: BufReader::new(from),
            next: 0,
            session: String::new(),
            errors: Vec::new(),
            transferred: 0,
            requests: Default::default(),
            _profile: profile,
        };
        let target = b.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let id = target["targetId"].as_str().unwrap().to_string();
        let attached = b.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": id, "flatten": true}),
        );
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            b.send(domain, json!({}));
        }
        b.send(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
        b
    }

    /// Calls `method` on the page.
    pub fn send(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.call(Some(&session), method, params)
    }

    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.call_or_error(session, method, params)
            .unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// The result of `method`, or the error Chromium answered.
    fn call_or_error(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, Value> {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).expect("write to Chromium");
        loop {
            let m = self.read();
            if m["id"].as_u64() == Some(id) {
                if let Some(e) = m.get("error") {
                    return Err(e.clone());
                }
                return Ok(m["result"].clone());
            }
            self.event(&m);
        }
    }

    fn read(&mut self) -> Value {
        let mut buf = Vec::new();
        let n = self
            .from
            .read_until(0, &mut buf)
            .expect("read from Chromium");
        assert!(n > 0, "Chromium closed the DevTools pipe");
        buf.pop();
        serde_json::from_slice(&buf).expect("a DevTools message")
    }

    /// Notes the page's errors among the protocol's events.
    fn event(&mut self, m: &Value) {
        let p = &m["params"];
        match m["method"].as_str().unwrap_or("") {
            "Runtime.exceptionThrown" => self.errors.push(format!(
                "exception: {}",
                p["exceptionDetails"]["exception"]["description"]
                    .as_str()
                    .unwrap_or_else(|| p["exceptionDetails"]["text"].as_str().unwrap_or("?"))
            )),
            "Runtime.consoleAPICalled" if p["type"] == "error" => {
                self.errors.push(format!("console.error: {}", p["args"]))
            }
            "Log.entryAdded" if p["entry"]["level"] == "error" => self.errors.push(format!(
                "{}: {}",
                p["entry"]["url"].as_str().unwrap_or(""),
                p["entry"]["text"].as_str().unwrap_or("")
            )),
            "Network.loadingFinished" => {
                self.transferred += p["encodedDataLength"].as_f64().unwrap_or(0.0) as u64
            }
            "Network.requestWillBeSent" => {
                let id = p["requestId"].as_str().unwrap_or("").to_string();
                let url = p["request"]["url"].as_str().unwrap_or("").to_string();
                self.requests.insert(id, url);
            }
            "Network.loadingFailed" => {
                let url = p["requestId"]
                    .as_str()
                    .and_then(|id| self.requests.get(id))
                    .cloned()
                    .unwrap_or_default();
                self.errors.push(format!(
                    "failed request: {} {url}",
                    p["errorText"].as_str().unwrap_or("?")
                ))
            }
            "Network.responseReceived" => {
                let status = p["response"]["status"].as_u64().unwrap_or(0);
                if status >= 400 {
                    self.errors.push(format!(
                        "HTTP {status}: {}",
                        p["response"]["url"].as_str().unwrap_or("")
                    ));
                }
            }
            _ => {}
        }
    }

    /// Opens `url` and waits for its load event.
    pub fn open(&mut self, url: &str) {
        self.send("Page.navigate", json!({"url": url}));
        self.wait_event("Page.loadEventFired");
    }

    fn wait_event(&mut self, method: &str) {
        let started = Instant::now();
        loop {
            let m = self.read();
            self.event(&m);
            if m["method"] == method {
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "no {method}");
        }
    }

    /// The value of a JavaScript expression (promises awaited).
    pub fn eval(&mut self, expr: &str) -> Value {
        let params = json!({"expression": expr, "returnByValue": true, "awaitPromise": true});
        let session = self.session.clone();
        // A page navigating (a link followed, a reload) has no context to
        // evaluate in for a moment: asked again, not an error.
        let mut tries = 0;
        let r = loop {
            match self.call_or_error(Some(&session), "Runtime.evaluate", params.clone()) {
                Ok(r) => break r,
                Err(e) if tries < 40 && e.to_string().contains("navigated") => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => panic!("Runtime.evaluate: {e}"),
            }
        };
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{expr}: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until `expr` is true; its last value in the panic otherwise.
    pub fn wait_for(&mut self, expr: &str) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            // A page in the middle of reloading has no body yet: not
            // true yet, rather than an error.
            if self.eval(&format!(
                "(() => {{ try {{ return !!({expr}); }} catch (e) {{ return false; }} }})()"
            )) == json!(true)
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {expr}");
    }

    /// Types `text` into the focused field, as a keyboard would.
    #[cfg_attr(not(feature = "search"), allow(dead_code))]
    pub fn type_text(&mut self, text: &str) {
        self.send("Input.insertText", json!({"text": text}));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // SAFETY: kill(2) on the process group the browser was started in.
        unsafe { libc::kill(-(self.child.id() as i32), libc::SIGKILL) };
        let _ = self.child.wait();
    }
}
