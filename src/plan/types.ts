/**
 * A plan as anvil works with it, after the schema has accepted and normalized it (numeric
 * ids turned into strings, `name` read as `title`, `dependsOn` as `depends_on`).
 */
export interface Plan {
  version: 1;
  goal?: string;
  tasks: Task[];
}

export interface Task {
  id: string;
  title: string;
  /** What the agent running this task is told. */
  prompt?: string;
  /** Repo-relative paths the task modifies, creates or deletes; absent means unknown. */
  writes?: string[];
  /** Files whose current content the task relies on, beyond the imports of what it writes. */
  reads: string[];
  /** `path#Name` exports the task adds, removes or changes; absent means unknown (any). */
  provides?: string[];
  /** `path#Name` symbols of other files the task relies on. */
  uses: string[];
  /** Ids of the tasks that must finish first. */
  depends_on: string[];
  /** Expected duration in seconds, used by `anvil run --dry-run`. */
  estimate?: number;
}
