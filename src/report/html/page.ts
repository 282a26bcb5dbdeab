import { createHash } from "node:crypto";
import { VERSION } from "../../version.js";
import { type Html, html, trusted } from "./html.js";
import { SCRIPT } from "./script.js";
import { STYLES } from "./styles.js";

export interface PageParts {
  title: string;
  subtitle?: string;
  sections: Html[];
}

/**
 * The whole report as one document. The content security policy lets in exactly the one
 * style sheet and the one script below, by hash, and no fetch of any kind: should anything
 * from a plan ever slip through as markup, the browser still runs and loads nothing.
 */
export function renderPage(parts: PageParts): string {
  const policy = [
    "default-src 'none'",
    `style-src '${sha256(STYLES)}'`,
    `script-src '${sha256(SCRIPT)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  // The style sheet and script go in as whole elements: a formatter reflowing the template
  // must not change a byte of them, or their hashes stop matching.
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${policy}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="${`anvil ${VERSION}`}" />
        <title>${parts.title}</title>
        ${trusted(`<style>${STYLES}</style>`)}
      </head>
      <body>
        <header>
          <h1>${parts.title}</h1>
          ${parts.subtitle ? html`<p>${parts.subtitle}</p>` : ""}
        </header>
        <div class="layout">
          <main>${parts.sections}</main>
          <aside class="panel" aria-label="details">
            <h2>Details <button type="button" id="panel-close" hidden>unpin</button></h2>
            <div id="panel-body" aria-live="polite">
              <p class="hint" id="panel-hint">
                Hover over or click a task, a dependency or a bar to see its declarations and
                evidence here. Esc unpins.
              </p>
            </div>
          </aside>
        </div>
        <footer>
          ${`Made by anvil ${VERSION}. One file: no scripts, styles or fonts are fetched.`}
        </footer>
        ${trusted(`<script>${SCRIPT}</script>`)}
      </body>
    </html> `.text;
}

function sha256(text: string): string {
  return `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
}
