// The entry of dist/cli-script.js: the CLI, which runs on load (src/cli.ts), without its exports
// (a script has none). Started by bin/ipc-demo.js from V8's code cache (src/script-cache.ts).
import './cli.js';
