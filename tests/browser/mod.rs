//! Headless Chromium, driven over the `DevTools` protocol: open a page, collect console
//! errors and network requests, take a screenshot and print to PDF.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]
// Shared by the report's test (a page and its print) and the room's (a phone's tab): each
// uses its part.
#![allow(dead_code)]

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

/// The Chromium binary: `$CHROMIUM`, else Debian's `/usr/bin/chromium`.
pub fn chromium() -> Option<PathBuf> {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from("/usr/bin/chromium")))
        .filter(|p| p.exists())
}

/// What a page did while it loaded.
#[derive(Debug, Default)]
pub struct Visit {
    /// Every URL the page asked for, the page itself included.
    pub requests: Vec<String>,
    /// Console errors, uncaught exceptions and browser errors (such as a blocked fetch).
    pub errors: Vec<String>,
    pub screenshot: Vec<u8>,
    pub pdf: Vec<u8>,
    /// The value of `probe`, evaluated once the page had loaded.
    pub probe: Value,
}

/// A running headless Chromium, killed on drop.
pub struct Browser {
    child: Child,
    socket: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
    events: Vec<Value>,
    deadline: Instant,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Starts Chromium with a fresh profile and no background networking, and connects.
    pub fn start(binary: &Path) -> Self {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        // Chromium writes its port and the browser's path here once it listens.
        let port_file = profile.path().join("DevToolsActivePort");
        let (port, path) = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file)
                && let Some((port, path)) = text.split_once('\n')
                && !path.trim().is_empty()
            {
                break (port.trim().to_owned(), path.trim().to_owned());
            }
            assert!(
                Instant::now() < deadline,
                "Chromium did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let stream = TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let (socket, _) =
            tungstenite::client(format!("ws://127.0.0.1:{port}{path}"), stream).unwrap();
        Self {
            child,
            socket,
            next_id: 0,
            events: Vec::new(),
            deadline,
            _profile: profile,
        }
    }

    fn read(&mut self) -> Value {
        loop {
            assert!(Instant::now() < self.deadline, "Chromium stopped answering");
            match self.socket.read() {
                Ok(tungstenite::Message::Text(text)) => {
                    return serde_json::from_str(&text).unwrap();
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if e.kind() == std::io::ErrorKind::WouldBlock
                        || e.kind() == std::io::ErrorKind::TimedOut => {}
                Err(e) => panic!("DevTools connection: {e}"),
            }
        }
    }

    /// Calls `method` and returns its result; events that arrive meanwhile are kept.
    fn call(&mut self, session: Option<&str>, method: &str, params: &Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(tungstenite::Message::text(message.to_string()))
            .unwrap();
        loop {
            let reply = self.read();
            if reply["id"] == json!(id) {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    /// Waits for an event named `method`.
    fn wait_for(&mut self, method: &str) {
        if self.events.iter().any(|e| e["method"] == method) {
            return;
        }
        loop {
            let event = self.read();
            let found = event["method"] == method;
            self.events.push(event);
            if found {
                return;
            }
        }
    }

    /// Opens `url` in a new tab, waits for it to load and for its fonts, evaluates
    /// `probe`, then takes a full-page screenshot and prints it on A4.
    pub fn visit(&mut self, url: &str, probe: &str) -> Visit {
        let target = self.call(None, "Target.createTarget", &json!({"url": "about:blank"}));
        let attached = self.call(
            None,
            "Target.attachToTarget",
            &json!({"targetId": target["targetId"], "flatten": true}),
        );
        let session = attached["sessionId"].as_str().unwrap().to_owned();
        let s = Some(session.as_str());
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            self.call(s, domain, &json!({}));
        }
        self.call(s, "Page.navigate", &json!({"url": url}));
        self.wait_for("Page.loadEventFired");
        let probe = self.call(
            s,
            "Runtime.evaluate",
            &json!({"expression": format!("document.fonts.ready.then(() => ({probe}))"), "awaitPromise": true, "returnByValue": true}),
        )["result"]["value"]
            .clone();
        let shot = self.call(
            s,
            "Page.captureScreenshot",
            &json!({"format": "png", "captureBeyondViewport": true}),
        );
        let pdf = self.call(s, "Page.printToPDF", &json!({"preferCSSPageSize": true}));
        let decode = |v: &Value| {
            base64::engine::general_purpose::STANDARD
                .decode(v.as_str().unwrap())
                .unwrap()
        };
        let mut visit = Visit {
            screenshot: decode(&shot["data"]),
            pdf: decode(&pdf["data"]),
            probe,
            ..Visit::default()
        };
        for event in &self.events {
            let p = &event["params"];
            match event["method"].as_str().unwrap_or_default() {
                "Network.requestWillBeSent" => {
                    visit
                        .requests
                        .push(p["request"]["url"].as_str().unwrap_or_default().to_owned());
                }
                "Runtime.consoleAPICalled" if p["type"] == "error" || p["type"] == "assert" => {
                    visit.errors.push(format!("console: {}", p["args"]));
                }
                "Runtime.exceptionThrown" => {
                    visit
                        .errors
                        .push(format!("exception: {}", p["exceptionDetails"]));
                }
                "Log.entryAdded" if p["entry"]["level"] == "error" => {
                    visit.errors.push(format!("log: {}", p["entry"]["text"]));
                }
                _ => {}
            }
        }
        visit
    }
}

/// A tab of a [`Browser`], by its `DevTools` session.
pub struct Tab(String);

impl Browser {
    /// A new tab made to look like a phone (390×844 at 3×, a touch screen, a phone's user
    /// agent), with page scripts on or off.
    pub fn phone_tab(&mut self, scripts: bool) -> Tab {
        let target = self.call(None, "Target.createTarget", &json!({"url": "about:blank"}));
        let attached = self.call(
            None,
            "Target.attachToTarget",
            &json!({"targetId": target["targetId"], "flatten": true}),
        );
        let session = attached["sessionId"].as_str().unwrap().to_owned();
        let s = Some(session.as_str());
        for domain in ["Page.enable", "Runtime.enable", "Network.enable"] {
            self.call(s, domain, &json!({}));
        }
        self.call(
            s,
            "Emulation.setDeviceMetricsOverride",
            &json!({"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": true}),
        );
        self.call(
            s,
            "Emulation.setTouchEmulationEnabled",
            &json!({"enabled": true}),
        );
        self.call(
            s,
            "Emulation.setUserAgentOverride",
            &json!({"userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36"}),
        );
        if !scripts {
            self.call(
                s,
                "Emulation.setScriptExecutionDisabled",
                &json!({"value": true}),
            );
        }
        Tab(session)
    }

    /// Opens `url` in `tab` and waits for it to load.
    pub fn goto(&mut self, tab: &Tab, url: &str) {
        self.events.retain(|e| e["method"] != "Page.loadEventFired");
        self.call(Some(&tab.0), "Page.navigate", &json!({"url": url}));
        self.wait_for("Page.loadEventFired");
    }

    /// Evaluates `expression` in `tab` (as `DevTools` does, page scripts on or off).
    pub fn eval(&mut self, tab: &Tab, expression: &str) -> Value {
        self.call(
            Some(&tab.0),
            "Runtime.evaluate",
            &json!({"expression": expression, "returnByValue": true}),
        )["result"]["value"]
            .clone()
    }

    /// Submits the page's form in `tab`, as a tap on its button does, and waits for the
    /// page it leads to.
    pub fn submit(&mut self, tab: &Tab) {
        self.events.retain(|e| e["method"] != "Page.loadEventFired");
        self.call(
            Some(&tab.0),
            "Runtime.evaluate",
            &json!({"expression": "document.querySelector('form').requestSubmit()"}),
        );
        self.wait_for("Page.loadEventFired");
    }

    /// A screenshot of `tab` as a phone shows it, as PNG.
    pub fn screenshot(&mut self, tab: &Tab) -> Vec<u8> {
        let shot = self.call(
            Some(&tab.0),
            "Page.captureScreenshot",
            &json!({"format": "png"}),
        );
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap()
    }
}
