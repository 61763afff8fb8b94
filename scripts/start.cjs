#!/usr/bin/env node
// `npm start`. Where desktop Excel can exist (Windows, macOS) sideload the add-in into it with
// office-addin-debugging (which also starts the dev server). Elsewhere (Linux) serve the task
// pane and print the URL of the standalone preview, which runs the same pane in a browser.
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
const port = Number(process.env.npm_package_config_dev_server_port || 3000);

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
  const certs = ["ca.crt", "localhost.crt", "localhost.key"].every((f) =>
    fs.existsSync(path.join(os.homedir(), ".office-addin-dev-certs", f)),
  );
  const url = `${certs ? "https" : "http"}://localhost:${port}/taskpane.html`;
  console.log(`No desktop Excel on ${process.platform}: serving the task pane for the standalone preview.`);
  run(bin("webpack"), ["serve", "--mode", "development"]);
  // webpack prints a lot while compiling; say where to go once the server answers.
  const proto = require(certs ? "https" : "http");
  const poll = setInterval(() => {
    const req = proto.get(url, { rejectUnauthorized: false }, (res) => {
      res.resume();
      if (res.statusCode === 200) {
        clearInterval(poll);
        console.log(`\n  Standalone preview: ${url}\n  (open it in a browser; Ctrl+C stops the server)\n`);
      }
    });
    req.on("error", () => {});
  }, 1000);
  poll.unref();
}
