//! Helpers for the end-to-end tests: start tauri-driver, open the app, find, type, click, screenshot.
//! Every wait is bounded and fails with a message that says what was awaited.

#![allow(dead_code)]

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const WAIT: Duration = Duration::from_secs(30);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the workspace")
        .to_path_buf()
}

fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("CASUSTAFEL_APP") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("debug").join("casustafel")
}

fn screenshot_dir() -> PathBuf {
    std::env::var_os("CASUSTAFEL_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target").join("e2e-screenshots"))
}

/// A running tauri-driver that launches the app for each session.
pub struct Driver {
    child: Child,
    port: u16,
    app: PathBuf,
    args: Vec<String>,
}

impl Driver {
    /// Starts tauri-driver; each session opens the app on `profile_dir` with `extra_args`.
    pub async fn start(profile_dir: &Path, extra_args: &[&str]) -> Driver {
        Self::start_with_env(profile_dir, extra_args, &[]).await
    }

    /// Like `start`, with environment variables for the app (it inherits the driver's).
    pub async fn start_with_env(
        profile_dir: &Path,
        extra_args: &[&str],
        env: &[(&str, &Path)],
    ) -> Driver {
        let app = app_binary();
        assert!(
            app.is_file(),
            "the app binary {} is not built",
            app.display()
        );
        let port = free_port();
        let native_port = free_port();
        let child = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("CASUSTAFEL_PROFILE_DIR", profile_dir)
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            // Its own process group, so that stopping it also stops WebKitWebDriver and the app.
            .process_group(0)
            .spawn()
            .expect("tauri-driver is installed (scripts/setup.sh)");
        let mut args: Vec<String> = vec!["--profile-dir".into(), profile_dir.display().to_string()];
        args.extend(extra_args.iter().map(|s| s.to_string()));
        // Built before the wait, so that its Drop stops the process on every path.
        let driver = Driver {
            child,
            port,
            app,
            args,
        };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return driver;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("tauri-driver did not listen on port {port} within 10 s");
    }

    /// Stops tauri-driver and everything it started.
    pub fn stop(self) {
        // Drop does the work; this name makes the end of a test read plainly.
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One session: one app process with its window.
pub struct App {
    client: Client,
}

impl App {
    pub async fn open(driver: &Driver) -> App {
        let caps = json!({
            "browserName": "wry",
            "tauri:options": { "application": driver.app, "args": driver.args }
        });
        let caps = caps.as_object().expect("an object").clone();
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("a WebDriver session with the app");
        App { client }
    }

    pub async fn close(self) {
        self.client.close().await.expect("the session closes");
        // Give the app a moment to exit and release the profile before the next session.
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    pub async fn wait(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waited {WAIT:?} for `{css}`: {e}"))
    }

    /// Waits until the element's text equals `expected` (it may first show something else).
    pub async fn wait_text(&self, css: &str, expected: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        let mut last = String::new();
        while tokio::time::Instant::now() < deadline {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = el.text().await {
                    if t.trim() == expected {
                        return;
                    }
                    last = t;
                }
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        panic!("`{css}` never read {expected:?}; last seen {last:?}");
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait(css).await.text().await.expect("element text")
    }

    pub async fn value(&self, css: &str) -> String {
        self.wait(css)
            .await
            .prop("value")
            .await
            .expect("element value")
            .unwrap_or_default()
    }

    pub async fn click(&self, css: &str) {
        self.wait(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click `{css}`: {e}"));
    }

    /// Waits until exactly `n` elements match `css`.
    pub async fn wait_count(&self, css: &str, n: usize) {
        let deadline = tokio::time::Instant::now() + WAIT;
        let mut last = 0;
        while tokio::time::Instant::now() < deadline {
            if let Ok(all) = self.client.find_all(Locator::Css(css)).await {
                last = all.len();
                if last == n {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        panic!("`{css}` never matched {n} elements; last {last}");
    }

    /// Clicks the element among `css` whose text is `text`.
    pub async fn click_text(&self, css: &str, text: &str) {
        self.wait(css).await;
        let all = self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find `{css}`: {e}"));
        for el in all {
            if el.text().await.map(|t| t.trim() == text).unwrap_or(false) {
                el.click()
                    .await
                    .unwrap_or_else(|e| panic!("click `{css}` {text:?}: {e}"));
                return;
            }
        }
        panic!("no `{css}` reads {text:?}");
    }

    /// Types `text` into the element, key by key. WebKitWebDriver cannot send characters outside
    /// the basic plane (emoji): those are inserted as the emoji picker or an input method does
    /// (`insertText` at the caret, which fires the same input events).
    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.wait(css).await;
        let mut run = String::new();
        for c in text.chars().chain(std::iter::once('\0')) {
            let wide = c > '\u{FFFF}';
            if (wide || c == '\0') && !run.is_empty() {
                el.send_keys(&std::mem::take(&mut run))
                    .await
                    .unwrap_or_else(|e| panic!("type into `{css}`: {e}"));
            }
            if wide {
                self.client
                    .execute(
                        "const el = document.querySelector(arguments[0]); el.focus(); \
                         document.execCommand('insertText', false, arguments[1]);",
                        vec![json!(css), json!(c.to_string())],
                    )
                    .await
                    .unwrap_or_else(|e| panic!("insert {c:?} into `{css}`: {e}"));
            } else if c != '\0' {
                run.push(c);
            }
        }
    }

    /// Replaces a field's content, as a person selecting all and typing would: Ctrl+A, Backspace,
    /// then the text. (WebDriver's own "clear" fires no input event, so the screen's state kept
    /// the old text, and the typing was sometimes appended to it.)
    pub async fn replace(&self, css: &str, text: &str) {
        self.wait(css)
            .await
            .send_keys("\u{E009}a\u{E000}\u{E003}")
            .await
            .unwrap_or_else(|e| panic!("select and delete in `{css}`: {e}"));
        self.type_into(css, text).await;
    }

    /// Scrolls the element to the top of the window (before a screenshot).
    pub async fn scroll_to(&self, css: &str) {
        self.wait(css).await;
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'start'});",
                vec![json!(css)],
            )
            .await
            .unwrap_or_else(|e| panic!("scroll to `{css}`: {e}"));
    }

    /// Kills the app the hard way (SIGKILL, as a dead battery would), without ending the session
    /// politely. `marker`: a string only this app's command line holds (its profile folder).
    pub async fn kill(self, marker: &Path) {
        let status = Command::new("pkill")
            .args(["-KILL", "-f"])
            .arg(format!("profile-dir {}", marker.display()))
            .status()
            .expect("pkill is installed (procps)");
        assert!(status.success(), "no app process to kill");
        drop(self.client);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    /// A screenshot of the whole display (the WebDriver screenshot is unreliable under Xvfb).
    pub async fn shot(&self, name: &str) {
        // Let the last render settle.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        let path = dir.join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status()
            .expect("ImageMagick's import is installed (scripts/setup.sh)");
        assert!(status.success(), "screenshot {name} failed");
    }
}

/// Asks every window titled `title` to close, as a window manager does when a person clicks its
/// close button (a `WM_DELETE_WINDOW` message): the app decides whether it closes. Returns how
/// many windows were asked.
pub fn ask_windows_to_close(title: &str) -> usize {
    use x11rb::connection::Connection;
    use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, Window};
    let (conn, screen) = x11rb::connect(None).expect("the X display of the tests");
    let atom = |name: &str| {
        conn.intern_atom(false, name.as_bytes())
            .expect("intern atom")
            .reply()
            .expect("atom")
            .atom
    };
    let (protocols, delete, net_name, utf8) = (
        atom("WM_PROTOCOLS"),
        atom("WM_DELETE_WINDOW"),
        atom("_NET_WM_NAME"),
        atom("UTF8_STRING"),
    );
    let root = conn.setup().roots[screen].root;
    let mut todo: Vec<Window> = vec![root];
    let mut asked = 0;
    while let Some(w) = todo.pop() {
        if let Ok(Ok(tree)) = conn.query_tree(w).map(|c| c.reply()) {
            todo.extend(tree.children);
        }
        let name = |prop: u32, ty: u32| {
            conn.get_property(false, w, prop, ty, 0, 1024)
                .ok()
                .and_then(|c| c.reply().ok())
                .map(|r| String::from_utf8_lossy(&r.value).into_owned())
        };
        let titled = name(net_name, utf8).as_deref() == Some(title)
            || name(AtomEnum::WM_NAME.into(), AtomEnum::STRING.into()).as_deref() == Some(title);
        if titled {
            let event = ClientMessageEvent::new(32, w, protocols, [delete, 0, 0, 0, 0]);
            conn.send_event(false, w, EventMask::NO_EVENT, event)
                .expect("send the close message");
            asked += 1;
        }
    }
    conn.flush().expect("flush");
    asked
}
