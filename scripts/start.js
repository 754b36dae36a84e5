#!/usr/bin/env node

/**
 * `npm start` and `npm run preview`.
 *
 * - Desktop Excel found (Windows or Mac): build, serve and sideload the add-in into Excel with
 *   office-addin-debugging, as Microsoft's templates do.
 * - No desktop Excel (Linux, CI, a reviewer's laptop): serve the add-in with webpack-dev-server
 *   and print the address of the browser preview (the real task pane beside an in-memory
 *   workbook) and how to sideload the add-in elsewhere.
 * - `--preview` (npm run preview): always serve, and open the preview in the default browser.
 *
 * It never fails because Excel or a browser is missing: it says what it did instead.
 * It also says whether the development certificate is trusted, and so whether the browser will
 * warn (scripts/certificates.js): before starting, from office-addin-dev-certs' own check; once the
 * server answers, from the certificate the server actually presents.
 * Options: --preview, --no-open, --port <n>. FUNDING_TOOLKIT_NO_EXCEL=1 acts as if Excel were
 * not installed.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const https = require("https");
const tls = require("tls");
const { spawn } = require("child_process");
const certificates = require("./certificates");

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const previewOnly = args.includes("--preview");
const noOpen = args.includes("--no-open") || process.env.CI === "true";
const portArg = args.indexOf("--port");
const port = Number(
  (portArg >= 0 && args[portArg + 1]) || process.env.npm_package_config_dev_server_port || 3000
);
const base = `https://localhost:${port}/`;
const previewUrl = `${base}preview.html`;

/** Where desktop Excel is usually installed. Returns the path found, or null. */
function findDesktopExcel(platform = process.platform, env = process.env, exists = fs.existsSync) {
  if (env.FUNDING_TOOLKIT_NO_EXCEL === "1") return null;
  const candidates = [];
  if (platform === "win32") {
    const dirs = [
      env.ProgramFiles,
      env["ProgramFiles(x86)"],
      "C:\\Program Files",
      "C:\\Program Files (x86)",
    ];
    for (const dir of dirs.filter(Boolean)) {
      for (const office of ["root\\Office16", "Office16", "root\\Office15", "Office15"]) {
        candidates.push(path.win32.join(dir, "Microsoft Office", office, "EXCEL.EXE"));
      }
    }
  } else if (platform === "darwin") {
    candidates.push(
      "/Applications/Microsoft Excel.app",
      path.join(os.homedir(), "Applications/Microsoft Excel.app")
    );
  }
  return (
    candidates.find((p) => {
      try {
        return exists(p);
      } catch {
        return false;
      }
    }) || null
  );
}

const children = [];
function run(cmd, cmdArgs, options = {}) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: "inherit", ...options });
  children.push(child);
  return child;
}
function stopAll() {
  for (const child of children) {
    try {
      if (child.exitCode === null) child.kill("SIGTERM");
    } catch {
      /* already gone */
    }
  }
}
process.on("SIGINT", () => {
  stopAll();
  process.exit(130);
});
process.on("SIGTERM", () => {
  stopAll();
  process.exit(143);
});

/** Resolve a package's binary script so it runs with this Node, on every platform. */
function bin(pkg, rel) {
  try {
    return require.resolve(`${pkg}/${rel}`, { paths: [root] });
  } catch {
    return null;
  }
}

/** Poll the dev server until it answers (self-signed certificates accepted: it is our server). */
function waitForServer(url, timeoutMs = 180000) {
  const started = Date.now();
  return new Promise((resolve) => {
    const attempt = () => {
      const req = https.get(url, { rejectUnauthorized: false, timeout: 3000 }, (res) => {
        res.resume();
        if (res.statusCode && res.statusCode < 500) resolve(true);
        else retry();
      });
      req.on("error", retry);
      req.on("timeout", () => req.destroy());
    };
    const retry = () => {
      if (Date.now() - started > timeoutMs) resolve(false);
      else setTimeout(attempt, 1000);
    };
    attempt();
  });
}

/** Try to open a URL in the default browser; report, never throw, when that is impossible. */
function openBrowser(url) {
  const opener =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  try {
    const child = spawn(opener[0], opener[1], { stdio: "ignore", detached: true });
    child.on("error", () => console.log(`Could not open a browser here: open ${url} yourself.`));
    child.unref();
  } catch {
    console.log(`Could not open a browser here: open ${url} yourself.`);
  }
}

const certDir = path.join(os.homedir(), certificates.CERT_DIR_NAME);

/** office-addin-dev-certs' own check (CA installed, certificate valid), not just the files. */
function checkDevCertificate() {
  return certificates.checkDevCertificate(() =>
    require(require.resolve("office-addin-dev-certs", { paths: [root] }))
  );
}

function sudoAvailable() {
  return certificates.commandAvailable("sudo", { exists: fs.existsSync });
}

function printCertificateBefore(check, options = {}) {
  const lines = certificates.messageBeforeServer(check, {
    certDir,
    sudoAvailable: sudoAvailable(),
    ...options,
  });
  console.log(["", ...lines, ""].join("\n"));
}

/**
 * The certificate the server presents, from a fresh TLS handshake (an https.get that resumed a
 * TLS session reports no certificate). Resolves with null when it cannot tell.
 */
function presentedCertificate(timeoutMs = 5000) {
  return new Promise((resolve) => {
    const socket = tls.connect(
      { host: "localhost", port, servername: "localhost", rejectUnauthorized: false },
      () => {
        let peer = null;
        try {
          peer = socket.getPeerCertificate();
        } catch {
          /* then the check relies on office-addin-dev-certs alone */
        }
        socket.end();
        resolve(peer);
      }
    );
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve(null);
    });
    socket.on("error", () => resolve(null));
  });
}

/** After start-up: which certificate the server presented, and is it trusted now? */
function certificateAfter(before, peer) {
  let devFingerprint = null;
  try {
    devFingerprint = certificates.fingerprintOf(
      fs.readFileSync(path.join(certDir, "localhost.crt"))
    );
  } catch {
    /* no development certificate on disk */
  }
  return certificates.messageAfterServer({
    before,
    after: checkDevCertificate(),
    served: certificates.identifyServedCertificate(peer, devFingerprint),
    port,
    certDir,
    sudoAvailable: sudoAvailable(),
  });
}

function printPreviewHelp(certificateLines) {
  const lines = [
    "",
    "Funding Toolkit is being served.",
    "",
    `  Browser preview (no Excel needed): ${previewUrl}`,
    `     dark Office theme:               ${previewUrl}?theme=dark`,
    `  Task pane page for Excel:          ${base}taskpane.html`,
    "",
    "The preview runs the real task pane and the add-in's Excel code against an in-memory",
    "workbook loaded with assets/samples/sample-workbook.json. See docs/preview.md.",
  ];
  lines.push("", ...certificateLines);
  lines.push(
    "",
    "To use the add-in in Excel:",
    "  - Excel on the web: npm run start:web -- --document <url of a workbook in OneDrive/SharePoint>",
    "  - Windows or Mac with desktop Excel: npm start (sideloads manifest.xml automatically)",
    "  - By hand: in Excel, Home > Add-ins > More add-ins > Upload My Add-in, choose manifest.xml",
    "",
    "Press Ctrl+C to stop the server.",
    ""
  );
  console.log(lines.join("\n"));
}

async function servePreview({ open }) {
  const webpack = bin("webpack", "bin/webpack.js");
  if (!webpack) {
    console.error("webpack is not installed: run `npm install` first.");
    process.exitCode = 1;
    return;
  }
  const before = checkDevCertificate();
  printCertificateBefore(before);
  console.log(`Building and serving on ${base} (webpack-dev-server, development mode) ...`);
  const server = run(process.execPath, [
    webpack,
    "serve",
    "--mode",
    "development",
    "--env",
    "preview",
    "--port",
    String(port),
  ]);
  server.on("exit", (code) => {
    if (code && code !== 0) {
      console.error(`The development server stopped (exit code ${code}).`);
      if (code !== 0)
        console.error(`Is port ${port} already in use? Try: npm start -- --port 3001`);
    }
    process.exit(code ?? 0);
  });
  const up = await waitForServer(previewUrl);
  if (!up) {
    console.log(`The server has not answered yet; when it does, open ${previewUrl}`);
    return;
  }
  printPreviewHelp(certificateAfter(before, await presentedCertificate()));
  if (open && !noOpen) openBrowser(previewUrl);
}

function sideload(excelPath) {
  const debugging = bin("office-addin-debugging", "cli.js");
  console.log(
    `Desktop Excel found (${excelPath}): building, serving and sideloading the add-in ...`
  );
  if (!debugging) {
    console.log("office-addin-debugging is not installed; serving the preview instead.");
    return servePreview({ open: false });
  }
  printCertificateBefore(checkDevCertificate(), { sideload: true });
  const child = run(process.execPath, [debugging, "start", "manifest.xml", "desktop"]);
  child.on("exit", (code) => {
    if (code && code !== 0) {
      console.log("Sideloading did not complete; serving the browser preview instead.");
      servePreview({ open: false });
    }
  });
  child.on("error", () => servePreview({ open: false }));
}

async function main() {
  if (previewOnly) return servePreview({ open: true });
  const excel = findDesktopExcel();
  if (excel) return sideload(excel);
  console.log("No desktop Excel found on this machine: serving the browser preview instead.");
  return servePreview({ open: false });
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`npm start could not finish: ${e && e.message ? e.message : e}`);
    process.exitCode = 1;
  });
}

module.exports = { findDesktopExcel };
