fn main() {
    // Each command of the contract gets an allow-/deny- permission; capabilities/default.json
    // grants exactly these (checked by a test in `commands`).
    let manifest = tauri_build::AppManifest::new().commands(casustafel_api::contract::ALL);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
