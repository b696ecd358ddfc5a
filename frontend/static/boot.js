// Loads the wasm UI. A separate file, not an inline script, so the CSP can forbid inline scripts.
import init from './casustafel-ui.js';
init();
