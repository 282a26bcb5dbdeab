import { existsSync, mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { ROOT } from "../helpers/exec.js";

/** Debian's Chromium; `.ci/run` installs it when missing. */
export const CHROMIUM = "/usr/bin/chromium";
export const OUTPUT = `${ROOT}test-output`;

/**
 * A headless Chromium with everything that could reach the network switched off. Playwright's
 * `launch` gives it a fresh, empty user-data-dir of its own, removed on close.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (as .ci/run does)`);
  }
  mkdirSync(OUTPUT, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A loaded report and everything it did: console errors, requests, dialogs. */
export interface OpenedReport {
  page: Page;
  url: string;
  errors: string[];
  requests: string[];
  dialogs: string[];
}

export async function openReport(
  browser: Browser,
  file: string,
  viewport = { width: 1400, height: 1000 },
): Promise<OpenedReport> {
  const page = await browser.newPage({ viewport });
  const opened: OpenedReport = {
    page,
    url: pathToFileURL(file).href,
    errors: [],
    requests: [],
    dialogs: [],
  };
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      opened.errors.push(message.text());
    }
  });
  page.on("pageerror", (error) => opened.errors.push(error.message));
  page.on("request", (request) => opened.requests.push(request.url()));
  page.on("dialog", (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(opened.url, { waitUntil: "load" });
  return opened;
}

/** The side panel's text after a click on `selector` (the click is real: mouse at its centre). */
export async function panelAfterClick(page: Page, selector: string): Promise<string> {
  await page.locator(selector).first().click();
  return (await page.locator("#panel-body").innerText()).replace(/\s+/g, " ");
}
