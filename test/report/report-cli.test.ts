import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { anvil, FIXTURES } from "../helpers/exec.js";

const temp = mkdtempSync(join(tmpdir(), "anvil-report-cli-"));
const PLAN = `${FIXTURES}/examples/chained/plan.json`;
const REPO = `${FIXTURES}/examples/chained/repo`;

afterAll(() => rmSync(temp, { recursive: true, force: true }));

function sha256(text: string): string {
  return `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
}

describe("anvil report", () => {
  it("writes one self-contained page whose policy admits only its own style and script", () => {
    const out = join(temp, "plan.html");
    const made = anvil(["report", PLAN, "--repo", REPO, "--out", out]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toBe(`wrote ${out}\n`);
    const page = readFileSync(out, "utf8");
    expect(page).not.toMatch(/\b(src|href)=/);
    expect(page).not.toMatch(/https?:\/\/|url\((?!#)/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    expect(page).toContain(`style-src &#39;${sha256(style)}&#39;`);
    expect(page).toContain(`script-src &#39;${sha256(script)}&#39;`);
  });

  it("anvil plan --from --report writes the same page as anvil report", () => {
    const out = join(temp, "from-plan.html");
    const made = anvil(["plan", "--from", PLAN, "--repo", REPO, "--report", out]);
    expect(made.code, made.stderr).toBe(0);
    const direct = join(temp, "direct.html");
    anvil(["report", PLAN, "--repo", REPO, "--out", direct]);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(direct, "utf8"));
  });

  it.each([
    [["report", PLAN, "--repo", REPO], /required option '-o, --out <file>'/],
    [
      ["report", "no-such-plan.json", "--out", join(temp, "x.html")],
      /^anvil: no-such-plan\.json: no plan file of that name, and no run of that id in .*\.anvil\/runs/,
    ],
    [
      ["report", PLAN, "--repo", REPO, "--out", join(temp, "missing", "x.html")],
      /^anvil: cannot write the report to .*missing\/x\.html: ENOENT\n$/,
    ],
  ])("fails with exit 2 and one line: %j", (args, message) => {
    const failed = anvil(args);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(message);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });
});
