/**
 * Debian's Chromium, driven by playwright-core (which downloads no browser of its own). `.ci/run`
 * installs it; on a machine without it the browser tests say how to install it and are skipped, except
 * in CI, where a missing browser fails the run.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM) && !process.env.CI;
if (chromiumMissing) console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // The flags that keep Chromium from reaching for the network (this machine has none) and run it as root.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A screenshot into docs/screenshots/ when THIDUA_SCREENSHOTS is set (refreshing the README's pictures). */
export function screenshot(page: Page, name: string): Promise<unknown> {
  return process.env.THIDUA_SCREENSHOTS ? page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false }) : Promise.resolve();
}
