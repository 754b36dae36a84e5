/**
 * npm start's development-certificate report (scripts/certificates.js, used by scripts/start.js):
 * whether a trusted certificate was found, what happened to office-addin-dev-certs' install
 * attempt, and when the browser will warn. Pure logic only: no server, no real certificate store.
 */
type Check = { trusted: boolean; error?: string };
type Served = "development" | "self-signed" | "other" | "unknown";
type Peer = { fingerprint256?: string; subject?: object; issuer?: object } | null;
interface Certificates {
  CA_NAME: string;
  checkDevCertificate(load: () => unknown): Check;
  fingerprintOf(pem: string | Buffer): string | null;
  identifyServedCertificate(peer: Peer, devFingerprint: string | null): Served;
  commandAvailable(
    name: string,
    options: { env?: Record<string, string>; platform?: string; exists: (p: string) => boolean }
  ): boolean;
  messageBeforeServer(
    check: Check,
    options: { platform?: string; certDir: string; sideload?: boolean; sudoAvailable?: boolean }
  ): string[];
  messageAfterServer(options: {
    before: Check;
    after: Check;
    served: Served;
    platform?: string;
    port: number;
    certDir: string;
    sudoAvailable?: boolean;
  }): string[];
}
const certificates: Certificates = require("../../scripts/certificates");
const {
  checkDevCertificate,
  fingerprintOf,
  identifyServedCertificate,
  commandAvailable,
  messageBeforeServer,
  messageAfterServer,
} = certificates;

const linuxDir = "/home/ann/.office-addin-dev-certs";
const windowsDir = "C:\\Users\\ann\\.office-addin-dev-certs";
const text = (lines: string[]) => lines.join("\n");
const trusted: Check = { trusted: true };
const untrusted: Check = { trusted: false };

// A self-signed certificate for CN=localhost (public part only), and its SHA-256 fingerprint.
const selfSignedPem = `-----BEGIN CERTIFICATE-----
MIIBfTCCASOgAwIBAgIUfevn06Jf0Bz5ZNmkgjbsFmtf1yUwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MB4XDTI2MTEzMDIwMDA0NVoXDTM2MTEyNzIw
MDA0NVowFDESMBAGA1UEAwwJbG9jYWxob3N0MFkwEwYHKoZIzj0CAQYIKoZIzj0D
AQcDQgAEZtlVHWDA3sinySkPtAPNHH3KD9mdF5IkxDjZCx4/g9E9GwG/TCyFXm/r
a/GoPrUTEyupMpIa4IuVz0MPtzsNWqNTMFEwHQYDVR0OBBYEFN7m+CeBX3tsR6/N
5xWCsepijJMCMB8GA1UdIwQYMBaAFN7m+CeBX3tsR6/N5xWCsepijJMCMA8GA1Ud
EwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhAPMnvWqbv3x+I2mNjuiPEo7m
Pt7IyeEF2ie6tNPCwC7FAiAx4HiQbVL5Nw9x/GHvvd0xa3vk8o4cT1x1UOGHxmlv
lw==
-----END CERTIFICATE-----
`;
const selfSignedFingerprint =
  "2F:0C:E0:AF:F5:12:A3:48:F6:3C:73:93:FB:DE:32:A6:C0:EB:09:14:84:58:01:E8:AA:9A:C4:6E:7C:84:00:3C";

/** office-addin-dev-certs' verifyCertificates, throwing this error. */
const verifyThrows = (message: string) => ({
  verifyCertificates: () => {
    throw new Error(message);
  },
});

describe("checkDevCertificate: office-addin-dev-certs' own verification, not the files", () => {
  test.each<{ name: string; devCerts: object; check: Check }>([
    {
      name: "is trusted when verifyCertificates says so",
      devCerts: { verifyCertificates: () => true },
      check: { trusted: true },
    },
    {
      // The failed install attempt leaves ca.crt, localhost.crt and localhost.key behind; only the
      // package's check counts.
      name: "is not trusted when verifyCertificates says no, whatever files exist",
      devCerts: { verifyCertificates: () => false },
      check: { trusted: false },
    },
    {
      name: "counts only a real `true` as trusted",
      devCerts: { verifyCertificates: () => "yes" },
      check: { trusted: false },
    },
    {
      name: "reports, rather than throws, when the verification itself throws",
      devCerts: verifyThrows(
        "Unable to verify certificate status.\n/bin/sh: 1: openssl: not found"
      ),
      check: { trusted: false, error: "Unable to verify certificate status." },
    },
    {
      name: "reports an unsupported platform as a failed check",
      devCerts: verifyThrows("Platform not supported: aix"),
      check: { trusted: false, error: "Platform not supported: aix" },
    },
    {
      name: "falls back to isCaCertificateInstalled when verifyCertificates is missing",
      devCerts: { isCaCertificateInstalled: () => true },
      check: { trusted: true },
    },
  ])("$name", ({ devCerts, check }) => {
    expect(checkDevCertificate(() => devCerts)).toEqual(check);
  });

  it("says so when office-addin-dev-certs is not installed", () => {
    const check = checkDevCertificate(() => {
      throw new Error("Cannot find module 'office-addin-dev-certs'");
    });
    expect(check.trusted).toBe(false);
    expect(check.error).toMatch(/office-addin-dev-certs is not installed \(run npm install\)/);
  });

  it("says so when the package has no check to run", () => {
    expect(checkDevCertificate(() => ({}))).toEqual({
      trusted: false,
      error: "this version of office-addin-dev-certs has no check to run",
    });
  });
});

describe("identifyServedCertificate: which certificate the server presented", () => {
  const localhost = { CN: "localhost" };
  const devCa = { CN: "Developer CA for Microsoft Office Add-ins", O: "Developer CA" };

  it("recognises office-addin-dev-certs' localhost.crt by its fingerprint", () => {
    const peer = { fingerprint256: "AA:BB", subject: { CN: "127.0.0.1" }, issuer: devCa };
    expect(identifyServedCertificate(peer, "AA:BB")).toBe("development");
  });

  it("recognises webpack-dev-server's self-signed fallback", () => {
    const peer = { fingerprint256: "CC:DD", subject: localhost, issuer: localhost };
    expect(identifyServedCertificate(peer, "AA:BB")).toBe("self-signed");
    expect(identifyServedCertificate(peer, null)).toBe("self-signed");
  });

  it("calls anything else 'other'", () => {
    const peer = { fingerprint256: "EE:FF", subject: localhost, issuer: devCa };
    expect(identifyServedCertificate(peer, "AA:BB")).toBe("other");
  });

  it("is 'unknown' when no certificate was seen", () => {
    expect(identifyServedCertificate(null, "AA:BB")).toBe("unknown");
    expect(identifyServedCertificate({}, "AA:BB")).toBe("unknown");
  });

  it("fingerprints a PEM certificate the way TLS reports it, and gives null for rubbish", () => {
    expect(fingerprintOf(selfSignedPem)).toBe(selfSignedFingerprint);
    expect(fingerprintOf(Buffer.from(selfSignedPem))).toBe(selfSignedFingerprint);
    expect(fingerprintOf("not a certificate")).toBeNull();
  });
});

describe("commandAvailable", () => {
  it("looks for the command on PATH", () => {
    const env = { PATH: "/usr/local/bin:/usr/bin" };
    expect(
      commandAvailable("sudo", { env, platform: "linux", exists: (p) => p === "/usr/bin/sudo" })
    ).toBe(true);
    expect(commandAvailable("sudo", { env, platform: "linux", exists: () => false })).toBe(false);
    expect(commandAvailable("sudo", { env: {}, platform: "linux", exists: () => true })).toBe(
      false
    );
  });
});

/**
 * A message and what it must say: each `says` entry is a substring it contains; each `saysNot`
 * entry a substring it must not contain, or a pattern it must not match.
 */
type Expectation = { says: string[]; saysNot?: (string | RegExp)[] };

function expectMessage(lines: string[], { says, saysNot = [] }: Expectation) {
  const message = text(lines);
  for (const part of says) expect(message).toContain(part);
  for (const part of saysNot) {
    if (typeof part === "string") expect(message).not.toContain(part);
    else expect(message).not.toMatch(part);
  }
}

type BeforeCase = Expectation & {
  name: string;
  check: Check;
  options: Parameters<Certificates["messageBeforeServer"]>[1];
};

describe("before the server starts", () => {
  test.each<BeforeCase>([
    {
      name: "says a trusted development certificate was found",
      check: trusted,
      options: { platform: "win32", certDir: windowsDir },
      says: ["Development certificate: trusted.", windowsDir],
      saysNot: [/self-signed|warn/],
    },
    {
      name: "on Linux without sudo, says the install will fail and the browser will warn",
      check: untrusted,
      options: { platform: "linux", certDir: linuxDir, sudoAvailable: false },
      says: [
        "Development certificate: no trusted development certificate found on this machine.",
        "'Installing CA\ncertificate ...' line below",
        "sudo, which is not available here, so it will fail",
        "will use a self-signed certificate, and the browser will warn.",
        "What happened is reported once the server is up.",
      ],
    },
    {
      name: "on Linux with sudo, says it may ask for a password and what happens if it fails",
      check: untrusted,
      options: { platform: "linux", certDir: linuxDir, sudoAvailable: true },
      says: [
        "it may ask for your password",
        "If that fails, the server uses a self-signed certificate instead.",
      ],
    },
    {
      name: "on Windows or Mac, says there will be a prompt to confirm",
      check: untrusted,
      options: { platform: "darwin", certDir: linuxDir },
      says: [
        "Windows and Mac ask you to confirm trusting it.",
        "uses a self-signed certificate instead.",
      ],
    },
    {
      name: "says when the check itself failed",
      check: { trusted: false, error: "Platform not supported: aix" },
      options: { platform: "win32", certDir: windowsDir, sideload: true },
      says: [
        "Development certificate: could not check whether one is trusted (Platform not supported: aix).",
        "Going on as if it were not.",
        "Excel needs the trusted certificate to load the add-in",
      ],
    },
  ])("$name", ({ check, options, ...expectation }) => {
    expectMessage(messageBeforeServer(check, options), expectation);
  });
});

/** The server on port 3000, on Windows or Linux, with the user's certificate folder there. */
const onWindows = { platform: "win32", port: 3000, certDir: windowsDir } as const;
const onLinux = { platform: "linux", port: 3000, certDir: linuxDir } as const;

type AfterCase = Expectation & {
  name: string;
  options: Parameters<Certificates["messageAfterServer"]>[0];
};

describe("once the server answers", () => {
  test.each<AfterCase>([
    {
      name: "Linux, install failed, no sudo (the issue): says so, WILL warn, how to proceed",
      options: {
        before: untrusted,
        after: untrusted,
        served: "self-signed",
        platform: "linux",
        port: 3917,
        certDir: linuxDir,
        sudoAvailable: false,
      },
      says: [
        "Development certificate: not trusted.",
        "Installing the development CA certificate did not work, so the server is using a\n" +
          "self-signed certificate made by webpack-dev-server.",
        "(office-addin-dev-certs installs with sudo, which is not available",
        "Your browser WILL warn that https://localhost:3917/ is not private or secure.",
        "accept the warning for localhost",
        "cannot install into the browsers' trust stores",
        // Manual steps without sudo (there is none), with the real CA path.
        `      cp ${linuxDir}/ca.crt /usr/local/share/ca-certificates/office-addin-dev-certs/`,
        "      update-ca-certificates",
        `certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Developer CA for Microsoft Office Add-ins" -i ${linuxDir}/ca.crt`,
        "Excel itself needs a trusted certificate",
      ],
      saysNot: [
        "sudo update-ca-certificates",
        "npx office-addin-dev-certs install`, accept its prompt",
        "should not warn",
      ],
    },
    {
      name: "Linux with sudo: the manual steps use sudo",
      options: {
        ...onLinux,
        before: untrusted,
        after: untrusted,
        served: "self-signed",
        sudoAvailable: true,
      },
      says: ["      sudo update-ca-certificates"],
      saysNot: ["which is not available"],
    },
    {
      name: "Windows, install declined: WILL warn, suggests office-addin-dev-certs install",
      options: { ...onWindows, before: untrusted, after: untrusted, served: "self-signed" },
      says: [
        "Development certificate: not trusted.",
        "Installing the development CA certificate did not work",
        "Your browser WILL warn that https://localhost:3000/",
        "`npx office-addin-dev-certs install`, accept its prompt",
        "Excel itself needs a trusted certificate",
      ],
      saysNot: ["certutil"],
    },
    {
      name: "trusted all along (Windows): no warning expected, Excel can load the add-in",
      options: { ...onWindows, before: trusted, after: trusted, served: "development" },
      says: [
        "Development certificate: trusted.",
        `  ${windowsDir}\\localhost.crt`,
        "The browser should not warn on https://localhost:3000/, and Excel can load the add-in from it.",
      ],
      saysNot: [/WILL warn|not trusted/],
    },
    {
      name: "installed during this start (Mac): says the CA was installed just now",
      options: {
        before: untrusted,
        after: trusted,
        served: "development",
        platform: "darwin",
        port: 3000,
        certDir: "/Users/ann/.office-addin-dev-certs",
      },
      says: [
        "Development certificate: trusted (its CA was installed just now).",
        "should not warn",
      ],
    },
    {
      name: "Linux, CA in the system store: the browser may still warn, how to trust it there",
      options: { ...onLinux, before: trusted, after: trusted, served: "development" },
      says: [
        "Development certificate: trusted.",
        "browser may still warn on https://localhost:3000/",
        `-i ${linuxDir}/ca.crt`,
        "Firefox: Settings > Privacy & Security",
      ],
      saysNot: ["WILL warn"],
    },
    {
      name: "verification throws after start-up: not trusted, WILL warn, and the reason",
      options: {
        ...onWindows,
        before: { trusted: false, error: "Platform not supported: aix" },
        after: { trusted: false, error: "Platform not supported: aix" },
        served: "self-signed",
      },
      says: [
        "Development certificate: not trusted.",
        "(The certificate check said: Platform not supported: aix.)",
        "Your browser WILL warn",
      ],
    },
    {
      name: "the development certificate served but its CA not trusted: WILL warn",
      options: { ...onLinux, before: untrusted, after: untrusted, served: "development" },
      says: [
        "The server uses the development certificate, but its CA is not trusted on this machine:",
        "Your browser WILL warn",
      ],
    },
    {
      name: "trusted before but the server fell back anyway: says it could not use it",
      options: { ...onWindows, before: trusted, after: trusted, served: "self-signed" },
      says: ["The server could not use the development certificate", "Your browser WILL warn"],
    },
    {
      name: "another certificate served: says it is not the development one",
      options: { ...onWindows, before: untrusted, after: untrusted, served: "other" },
      says: [
        "not using the development certificate from office-addin-dev-certs",
        "Your browser WILL warn",
      ],
    },
    {
      name: "no handshake seen, trusted: relies on the verification alone",
      options: { ...onWindows, before: trusted, after: trusted, served: "unknown" },
      says: ["should not warn"],
    },
    {
      name: "no handshake seen, not trusted: relies on the verification alone",
      options: { ...onWindows, before: untrusted, after: untrusted, served: "unknown" },
      says: ["No trusted development certificate was found.", "Your browser WILL warn"],
    },
  ])("$name", ({ options, ...expectation }) => {
    expectMessage(messageAfterServer(options), expectation);
  });
});
