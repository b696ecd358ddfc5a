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

    pub async fn type_into(&self, css: &str, text: &str) {
        self.wait(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into `{css}`: {e}"));
    }

    /// Replaces a field's content, as a person selecting all and typing would.
    pub async fn replace(&self, css: &str, text: &str) {
        let el = self.wait(css).await;
        el.clear()
            .await
            .unwrap_or_else(|e| panic!("clear `{css}`: {e}"));
        el.send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into `{css}`: {e}"));
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
