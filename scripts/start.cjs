#!/usr/bin/env node
// `npm start`. Where desktop Excel can exist (Windows, macOS) sideload the add-in into it with
// office-addin-debugging (which also starts the dev server). Elsewhere (Linux) serve the task
// pane and print the URL of the standalone preview, which runs the same pane in a browser.
const { spawn } = require("child_process");
const path = require("path");

const root = path.join(__dirname, "..");
const bin = (name) =>
  path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  child.on("exit", (code) => process.exit(code ?? 0));
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  return child;
}

if (process.platform === "win32" || process.platform === "darwin") {
  console.log("Sideloading stdrates into desktop Excel (office-addin-debugging start manifest.xml)…");
  run(bin("office-addin-debugging"), ["start", "manifest.xml"]);
} else {
  console.log(`No desktop Excel on ${process.platform}: serving the task pane for the standalone preview.`);
  // webpack.config.js prints the preview URL (http, or https with dev certificates) once it is built.
  run(bin("webpack"), ["serve", "--mode", "development"]);
}
