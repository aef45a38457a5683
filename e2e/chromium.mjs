// Debian's Chromium, headless, as this machine and CI run it: Playwright's own browser download
// does not work here. Playwright gives every launch a fresh, temporary --user-data-dir; the flags
// keep the browser from calling home on a machine whose only network is loopback.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export async function launchChromium(executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium') {
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: apt-get install -y chromium fonts-noto-cjk`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    chromiumSandbox: false,
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
