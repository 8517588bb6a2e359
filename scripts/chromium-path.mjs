// Which Chromium the e2e tests drive: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium.
import { existsSync } from "node:fs";

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

export function assertChromium() {
  const file = chromiumPath();
  if (!existsSync(file)) {
    console.error(
      `No Chromium at ${file}. Install Debian's: sudo apt-get install -y chromium\n` +
        "or point CHROMIUM_PATH at another Chromium/Chrome binary.",
    );
    process.exit(1);
  }
  return file;
}
