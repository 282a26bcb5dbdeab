import type { Hop } from "../../graph/types.js";
import type { Task } from "../../plan/types.js";
import type { EdgeVerdict } from "../../validate/types.js";
import { describeHop } from "../graph/json.js";
import { type Html, html } from "./html.js";
import { edgeDetailId, taskDetailId } from "./text.js";

/**
 * What the side panel shows for one task: its declarations, and its dependencies before
 * and after validation. Also printed, as the list below the drawings.
 */
export function taskDetail(task: Task, index: number, after?: Task, run?: Html): Html {
  const dependsOn = (ids: readonly string[]) =>
    ids.length === 0
      ? html`<i>nothing</i>`
      : html`<ul class="ids">
          ${ids.map((id) => html`<li><code>${id}</code></li>`)}
        </ul>`;
  return html`<section class="detail" id="${taskDetailId(index)}" data-kind="task">
    <h3>Task <code>${task.id}</code> ${task.title}</h3>
    <dl>
      <dt>writes</dt>
      <dd>
        ${task.writes === undefined ? html`<i>not declared: nothing about this task can be proven, so its dependencies all stay</i>` : files(task.writes)}
      </dd>
      <dt>reads</dt>
      <dd>${files(task.reads)}</dd>
      <dt>provides</dt>
      <dd>
        ${task.provides === undefined ? html`<i>not declared: any export of the files it writes may change</i>` : files(task.provides)}
      </dd>
      <dt>uses</dt>
      <dd>${files(task.uses)}</dd>
      <dt>depends on</dt>
      <dd>
        ${dependsOn(task.depends_on)}${after ? html` <span class="arrow-sep">→</span> ${dependsOn(after.depends_on)} <span class="muted">(validated)</span>` : ""}
      </dd>
      ${run ?? ""}
    </dl>
    ${
      task.prompt
        ? html`<details>
            <summary>prompt</summary>
            <pre>${task.prompt}</pre>
          </details>`
        : ""
    }
  </section>`;
}

/** One dependency: its verdict, the evidence in words and, for imports, the chain hop by hop. */
export function edgeDetail(edge: EdgeVerdict, index: number): Html {
  return html`<section
    class="detail"
    id="${edgeDetailId(index)}"
    data-kind="edge"
    data-verdict="${edge.verdict}"
  >
    <h3>
      Task <code>${edge.task}</code> depends on task <code>${edge.dependsOn}</code>
      <span class="verdict verdict-${edge.verdict}">${edge.verdict}</span>
    </h3>
    <p class="evidence">
      <span class="evidence-kind"
        >${edge.evidence === "none" ? "no evidence" : `evidence: ${edge.evidence}`}</span
      >: ${edge.detail}
    </p>
    ${
      edge.chain && edge.chain.length > 0
        ? html`<ol class="chain">
            ${edge.chain.map(hopItem)}
          </ol>`
        : ""
    }
    ${edge.settle ? html`<p class="settle">To settle it: ${edge.settle}</p>` : ""}
  </section>`;
}

function hopItem(hop: Hop): Html {
  const where = `${hop.from}:${hop.line}`;
  const sentence = describeHop(hop);
  const rest = sentence.startsWith(where) ? sentence.slice(where.length) : ` ${sentence}`;
  return html`<li><code class="hop">${where}</code>${rest}</li>`;
}

function files(list: readonly string[]): Html {
  return list.length === 0 ? html`<i>none</i>` : codes(list);
}

function codes(list: readonly string[]): Html {
  return html`<ul class="codes">
    ${list.map((item) => html`<li><code>${item}</code></li>`)}
  </ul>`;
}
