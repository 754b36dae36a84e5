/**
 * The development certificate, for `npm start`: is it trusted, which certificate did the server
 * end up with, and what to tell the user. Decisions and wording only; scripts/start.js does the
 * looking (office-addin-dev-certs, the server's TLS handshake) and the printing.
 *
 * How the certificate is chosen: webpack.config.js asks office-addin-dev-certs for its
 * certificate (getHttpsServerOptions). When the package's own check (verifyCertificates) fails,
 * that call regenerates ~/.office-addin-dev-certs and tries to install the CA ("Installing CA
 * certificate ..."); if the install fails, webpack.config.js quietly falls back to a self-signed
 * certificate from webpack-dev-server. So the files in ~/.office-addin-dev-certs prove nothing:
 * a failed attempt has just written them.
 */
const crypto = require("crypto");
const path = require("path");

const CA_NAME = "Developer CA for Microsoft Office Add-ins";
const CERT_DIR_NAME = ".office-addin-dev-certs";

function reason(e) {
  const text = e && e.message ? e.message : String(e);
  return text.trim().split("\n")[0] || "unknown error";
}

/**
 * Ask office-addin-dev-certs whether its CA is installed and its localhost certificate valid
 * (verifyCertificates). On Linux the package only looks in the system store
 * (/usr/local/share/ca-certificates or the update-ca-trust anchors), not in the browsers' stores.
 * Never throws: returns { trusted: false, error } when the check itself could not be made.
 */
function checkDevCertificate(loadDevCerts) {
  let devCerts;
  try {
    devCerts = loadDevCerts();
  } catch {
    return { trusted: false, error: "office-addin-dev-certs is not installed (run npm install)" };
  }
  const verify =
    devCerts && typeof devCerts.verifyCertificates === "function"
      ? () => devCerts.verifyCertificates()
      : devCerts && typeof devCerts.isCaCertificateInstalled === "function"
        ? () => devCerts.isCaCertificateInstalled()
        : null;
  if (!verify) {
    return { trusted: false, error: "this version of office-addin-dev-certs has no check to run" };
  }
  try {
    return { trusted: verify() === true };
  } catch (e) {
    return { trusted: false, error: reason(e) };
  }
}

/** SHA-256 fingerprint ("AB:CD:...") of a PEM certificate, or null when it cannot be read. */
function fingerprintOf(pem) {
  try {
    return new crypto.X509Certificate(pem).fingerprint256;
  } catch {
    return null;
  }
}

/**
 * Which certificate the server presented: "development" (office-addin-dev-certs' localhost.crt),
 * "self-signed" (webpack-dev-server's fallback), "other", or "unknown" (no handshake seen).
 */
function identifyServedCertificate(peer, devFingerprint) {
  if (!peer || !peer.fingerprint256) return "unknown";
  if (devFingerprint && peer.fingerprint256 === devFingerprint) return "development";
  if (peer.subject && peer.issuer && JSON.stringify(peer.subject) === JSON.stringify(peer.issuer)) {
    return "self-signed";
  }
  return "other";
}

/** Is an executable called `name` on PATH? (`exists` is fs.existsSync or a test double.) */
function commandAvailable(name, { env = process.env, platform = process.platform, exists }) {
  const dirs = (env.PATH || env.Path || "").split(platform === "win32" ? ";" : ":");
  const names = platform === "win32" ? [`${name}.exe`, `${name}.cmd`] : [name];
  return dirs.filter(Boolean).some((dir) => names.some((n) => exists(path.join(dir, n))));
}

/**
 * What to print before the server starts. `check` is checkDevCertificate's answer;
 * sudoAvailable matters on Linux only, where office-addin-dev-certs installs with sudo.
 */
function messageBeforeServer(
  check,
  { platform = process.platform, certDir, sideload = false, sudoAvailable = true }
) {
  if (check.trusted) {
    return [
      "Development certificate: trusted. office-addin-dev-certs found its CA installed and a valid",
      `certificate in ${certDir}.`,
    ];
  }
  const lines = check.error
    ? [
        `Development certificate: could not check whether one is trusted (${check.error}).`,
        "Going on as if it were not.",
      ]
    : ["Development certificate: no trusted development certificate found on this machine."];
  lines.push(
    "office-addin-dev-certs will now make one and try to install its CA (the 'Installing CA",
    "certificate ...' line below)."
  );
  if (platform === "linux" && !sudoAvailable) {
    lines.push(
      "On Linux it installs with sudo, which is not available here, so it will fail: the server",
      "will use a self-signed certificate, and the browser will warn."
    );
  } else if (platform === "linux") {
    lines.push(
      "On Linux it runs sudo to copy the CA into the system store (it may ask for your password).",
      "If that fails, the server uses a self-signed certificate instead."
    );
  } else {
    lines.push(
      "Windows and Mac ask you to confirm trusting it. If that fails or you decline, the server",
      "uses a self-signed certificate instead."
    );
  }
  lines.push(
    sideload
      ? "Excel needs the trusted certificate to load the add-in from this machine."
      : "What happened is reported once the server is up."
  );
  return lines;
}

/** How to trust the CA in the browsers on Linux (Chrome/Chromium's NSS database, Firefox). */
function linuxBrowserHelp(ca) {
  return [
    `      certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "${CA_NAME}" -i ${ca}`,
    "    Firefox: Settings > Privacy & Security > View Certificates > Authorities > Import.",
  ];
}

function linuxHelp({ certDir, sudoAvailable }) {
  const sudo = sudoAvailable ? "sudo " : "";
  const store = "/usr/local/share/ca-certificates/office-addin-dev-certs";
  const ca = path.posix.join(certDir, "ca.crt");
  return [
    "  - On Linux, office-addin-dev-certs cannot install into the browsers' trust stores: at best",
    "    it copies its CA into the system store with sudo, and the server uses the development",
    "    certificate only once the CA is there. To trust it by hand (a hint: Debian/Ubuntu system",
    "    store, then Chrome/Chromium's NSS database; certutil is in libnss3-tools" +
      (sudoAvailable ? "):" : "; as root):"),
    `      ${sudo}mkdir -p ${store}`,
    `      ${sudo}cp ${ca} ${store}/`,
    `      ${sudo}update-ca-certificates`,
    ...linuxBrowserHelp(ca),
    "    Then run npm start again.",
  ];
}

/**
 * What to print once the server answers.
 * before/after: checkDevCertificate's answers before the server started and now;
 * served: identifyServedCertificate's answer; sudoAvailable: Linux only.
 */
function messageAfterServer({
  before,
  after,
  served,
  platform = process.platform,
  port,
  certDir,
  sudoAvailable = true,
}) {
  const site = `https://localhost:${port}/`;
  const localhostCrt = (platform === "win32" ? path.win32 : path.posix).join(
    certDir,
    "localhost.crt"
  );
  const usingDev = served === "development" || (served === "unknown" && after.trusted);

  if (after.trusted && usingDev) {
    const lines = [
      before.trusted
        ? "Development certificate: trusted."
        : "Development certificate: trusted (its CA was installed just now).",
      "The server uses it:",
      `  ${localhostCrt}`,
    ];
    if (platform === "linux") {
      return [
        ...lines,
        "Its CA is in the system trust store, but browsers on Linux mostly keep their own, so the",
        `browser may still warn on ${site} until you trust the CA there too (a hint):`,
        ...linuxBrowserHelp(path.posix.join(certDir, "ca.crt")),
      ];
    }
    return [
      ...lines,
      `The browser should not warn on ${site}, and Excel can load the add-in from it.`,
    ];
  }

  let what;
  if (served === "development") {
    what = [
      "The server uses the development certificate, but its CA is not trusted on this machine:",
      `  ${localhostCrt}`,
    ];
  } else if (served === "other") {
    what = ["The server is not using the development certificate from office-addin-dev-certs."];
  } else if (served === "unknown") {
    what = ["No trusted development certificate was found."];
  } else if (before.trusted || after.trusted) {
    what = [
      "The server could not use the development certificate, so it is using a self-signed",
      "certificate made by webpack-dev-server.",
    ];
  } else {
    what = [
      "Installing the development CA certificate did not work, so the server is using a",
      "self-signed certificate made by webpack-dev-server.",
    ];
    if (platform === "linux" && !sudoAvailable) {
      what.push("(office-addin-dev-certs installs with sudo, which is not available here.)");
    }
  }
  if (after.error) what.push(`(The certificate check said: ${after.error}.)`);

  return [
    "Development certificate: not trusted.",
    ...what,
    `Your browser WILL warn that ${site} is not private or secure. To carry on:`,
    "  - For the browser preview, accept the warning for localhost (Advanced > Proceed to",
    "    localhost, or Accept the Risk and Continue): it is your own development server.",
    ...(platform === "linux"
      ? linuxHelp({ certDir, sudoAvailable })
      : [
          "  - For a trusted certificate: stop the server, run",
          "    `npx office-addin-dev-certs install`, accept its prompt, then npm start again.",
        ]),
    "Excel itself needs a trusted certificate: it will not load (sideload) the add-in from a",
    "server whose certificate it does not trust. Accepting the browser's warning is enough for the",
    "preview only.",
  ];
}

module.exports = {
  CA_NAME,
  CERT_DIR_NAME,
  checkDevCertificate,
  fingerprintOf,
  identifyServedCertificate,
  commandAvailable,
  messageBeforeServer,
  messageAfterServer,
};
