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

describe("checkDevCertificate: office-addin-dev-certs' own verification, not the files", () => {
  it("is trusted when verifyCertificates says so", () => {
    expect(checkDevCertificate(() => ({ verifyCertificates: () => true }))).toEqual({
      trusted: true,
    });
  });

  it("is not trusted when verifyCertificates says no, whatever files exist", () => {
    // The failed install attempt leaves ca.crt, localhost.crt and localhost.key behind; only the
    // package's check counts.
    expect(checkDevCertificate(() => ({ verifyCertificates: () => false }))).toEqual({
      trusted: false,
    });
  });

  it("counts only a real `true` as trusted", () => {
    expect(checkDevCertificate(() => ({ verifyCertificates: () => "yes" })).trusted).toBe(false);
  });

  it("reports, rather than throws, when the verification itself throws", () => {
    const devCerts = {
      verifyCertificates: () => {
        throw new Error("Unable to verify certificate status.\n/bin/sh: 1: openssl: not found");
      },
    };
    expect(checkDevCertificate(() => devCerts)).toEqual({
      trusted: false,
      error: "Unable to verify certificate status.",
    });
  });

  it("reports an unsupported platform as a failed check", () => {
    const devCerts = {
      verifyCertificates: () => {
        throw new Error("Platform not supported: aix");
      },
    };
    expect(checkDevCertificate(() => devCerts)).toEqual({
      trusted: false,
      error: "Platform not supported: aix",
    });
  });

  it("falls back to isCaCertificateInstalled when verifyCertificates is missing", () => {
    expect(checkDevCertificate(() => ({ isCaCertificateInstalled: () => true }))).toEqual({
      trusted: true,
    });
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

describe("before the server starts", () => {
  it("says a trusted development certificate was found", () => {
    const message = text(messageBeforeServer(trusted, { platform: "win32", certDir: windowsDir }));
    expect(message).toContain("Development certificate: trusted.");
    expect(message).toContain(windowsDir);
    expect(message).not.toMatch(/self-signed|warn/);
  });

  it("on Linux without sudo, says the install will fail and the browser will warn", () => {
    const message = text(
      messageBeforeServer(untrusted, { platform: "linux", certDir: linuxDir, sudoAvailable: false })
    );
    expect(message).toContain(
      "Development certificate: no trusted development certificate found on this machine."
    );
    expect(message).toContain("'Installing CA\ncertificate ...' line below");
    expect(message).toContain("sudo, which is not available here, so it will fail");
    expect(message).toContain("will use a self-signed certificate, and the browser will warn.");
    expect(message).toContain("What happened is reported once the server is up.");
  });

  it("on Linux with sudo, says it may ask for a password and what happens if it fails", () => {
    const message = text(
      messageBeforeServer(untrusted, { platform: "linux", certDir: linuxDir, sudoAvailable: true })
    );
    expect(message).toContain("it may ask for your password");
    expect(message).toContain("If that fails, the server uses a self-signed certificate instead.");
  });

  it("on Windows or Mac, says there will be a prompt to confirm", () => {
    const message = text(messageBeforeServer(untrusted, { platform: "darwin", certDir: linuxDir }));
    expect(message).toContain("Windows and Mac ask you to confirm trusting it.");
    expect(message).toContain("uses a self-signed certificate instead.");
  });

  it("says when the check itself failed", () => {
    const message = text(
      messageBeforeServer(
        { trusted: false, error: "Platform not supported: aix" },
        { platform: "win32", certDir: windowsDir, sideload: true }
      )
    );
    expect(message).toContain(
      "Development certificate: could not check whether one is trusted (Platform not supported: aix)."
    );
    expect(message).toContain("Going on as if it were not.");
    expect(message).toContain("Excel needs the trusted certificate to load the add-in");
  });
});

describe("once the server answers", () => {
  it("Linux, install failed, no sudo (the issue): says so, WILL warn, how to proceed", () => {
    const message = text(
      messageAfterServer({
        before: untrusted,
        after: untrusted,
        served: "self-signed",
        platform: "linux",
        port: 3917,
        certDir: linuxDir,
        sudoAvailable: false,
      })
    );
    expect(message).toContain("Development certificate: not trusted.");
    expect(message).toContain(
      "Installing the development CA certificate did not work, so the server is using a\n" +
        "self-signed certificate made by webpack-dev-server."
    );
    expect(message).toContain("(office-addin-dev-certs installs with sudo, which is not available");
    expect(message).toContain(
      "Your browser WILL warn that https://localhost:3917/ is not private or secure."
    );
    expect(message).toContain("accept the warning for localhost");
    expect(message).toContain("cannot install into the browsers' trust stores");
    // Manual steps without sudo (there is none), with the real CA path.
    expect(message).toContain(
      `      cp ${linuxDir}/ca.crt /usr/local/share/ca-certificates/office-addin-dev-certs/`
    );
    expect(message).toContain("      update-ca-certificates");
    expect(message).not.toContain("sudo update-ca-certificates");
    expect(message).toContain(
      `certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Developer CA for Microsoft Office Add-ins" -i ${linuxDir}/ca.crt`
    );
    expect(message).toContain("Excel itself needs a trusted certificate");
    expect(message).not.toContain("npx office-addin-dev-certs install`, accept its prompt");
    expect(message).not.toContain("should not warn");
  });

  it("Linux with sudo: the manual steps use sudo", () => {
    const message = text(
      messageAfterServer({
        before: untrusted,
        after: untrusted,
        served: "self-signed",
        platform: "linux",
        port: 3000,
        certDir: linuxDir,
        sudoAvailable: true,
      })
    );
    expect(message).toContain("      sudo update-ca-certificates");
    expect(message).not.toContain("which is not available");
  });

  it("Windows, install declined: WILL warn, suggests office-addin-dev-certs install", () => {
    const message = text(
      messageAfterServer({
        before: untrusted,
        after: untrusted,
        served: "self-signed",
        platform: "win32",
        port: 3000,
        certDir: windowsDir,
      })
    );
    expect(message).toContain("Development certificate: not trusted.");
    expect(message).toContain("Installing the development CA certificate did not work");
    expect(message).toContain("Your browser WILL warn that https://localhost:3000/");
    expect(message).toContain("`npx office-addin-dev-certs install`, accept its prompt");
    expect(message).toContain("Excel itself needs a trusted certificate");
    expect(message).not.toContain("certutil");
  });

  it("trusted all along (Windows): no warning expected, Excel can load the add-in", () => {
    const message = text(
      messageAfterServer({
        before: trusted,
        after: trusted,
        served: "development",
        platform: "win32",
        port: 3000,
        certDir: windowsDir,
      })
    );
    expect(message).toContain("Development certificate: trusted.");
    expect(message).toContain(`  ${windowsDir}\\localhost.crt`);
    expect(message).toContain(
      "The browser should not warn on https://localhost:3000/, and Excel can load the add-in from it."
    );
    expect(message).not.toMatch(/WILL warn|not trusted/);
  });

  it("installed during this start (Mac): says the CA was installed just now", () => {
    const message = text(
      messageAfterServer({
        before: untrusted,
        after: trusted,
        served: "development",
        platform: "darwin",
        port: 3000,
        certDir: "/Users/ann/.office-addin-dev-certs",
      })
    );
    expect(message).toContain("Development certificate: trusted (its CA was installed just now).");
    expect(message).toContain("should not warn");
  });

  it("Linux, CA in the system store: the browser may still warn, how to trust it there", () => {
    const message = text(
      messageAfterServer({
        before: trusted,
        after: trusted,
        served: "development",
        platform: "linux",
        port: 3000,
        certDir: linuxDir,
      })
    );
    expect(message).toContain("Development certificate: trusted.");
    expect(message).toContain("browser may still warn on https://localhost:3000/");
    expect(message).toContain(`-i ${linuxDir}/ca.crt`);
    expect(message).toContain("Firefox: Settings > Privacy & Security");
    expect(message).not.toContain("WILL warn");
  });

  it("verification throws after start-up: not trusted, WILL warn, and the reason", () => {
    const message = text(
      messageAfterServer({
        before: { trusted: false, error: "Platform not supported: aix" },
        after: { trusted: false, error: "Platform not supported: aix" },
        served: "self-signed",
        platform: "win32",
        port: 3000,
        certDir: windowsDir,
      })
    );
    expect(message).toContain("Development certificate: not trusted.");
    expect(message).toContain("(The certificate check said: Platform not supported: aix.)");
    expect(message).toContain("Your browser WILL warn");
  });

  it("the development certificate served but its CA not trusted: WILL warn", () => {
    const message = text(
      messageAfterServer({
        before: untrusted,
        after: untrusted,
        served: "development",
        platform: "linux",
        port: 3000,
        certDir: linuxDir,
      })
    );
    expect(message).toContain(
      "The server uses the development certificate, but its CA is not trusted on this machine:"
    );
    expect(message).toContain("Your browser WILL warn");
  });

  it("trusted before but the server fell back anyway: says it could not use it", () => {
    const message = text(
      messageAfterServer({
        before: trusted,
        after: trusted,
        served: "self-signed",
        platform: "win32",
        port: 3000,
        certDir: windowsDir,
      })
    );
    expect(message).toContain("The server could not use the development certificate");
    expect(message).toContain("Your browser WILL warn");
  });

  it("another certificate served: says it is not the development one", () => {
    const message = text(
      messageAfterServer({
        before: untrusted,
        after: untrusted,
        served: "other",
        platform: "win32",
        port: 3000,
        certDir: windowsDir,
      })
    );
    expect(message).toContain("not using the development certificate from office-addin-dev-certs");
    expect(message).toContain("Your browser WILL warn");
  });

  it("no handshake seen: relies on the verification alone", () => {
    const base = { platform: "win32", port: 3000, certDir: windowsDir } as const;
    const ok = text(
      messageAfterServer({ ...base, before: trusted, after: trusted, served: "unknown" })
    );
    expect(ok).toContain("should not warn");
    const notOk = text(
      messageAfterServer({ ...base, before: untrusted, after: untrusted, served: "unknown" })
    );
    expect(notOk).toContain("No trusted development certificate was found.");
    expect(notOk).toContain("Your browser WILL warn");
  });
});
