import type { Command } from "commander";
import { planJsonSchema } from "../../plan/index.js";
import type { Io } from "../io.js";

export function registerSchema(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command("schema")
    .description("print the JSON Schema of a plan file")
    .addHelpText(
      "after",
      "\nInput may also use `name` for `title`, `dependsOn` for `depends_on`, and numbers as ids.",
    )
    .action(() => {
      io.stdout(JSON.stringify(planJsonSchema(), null, 2) + "\n");
      setCode(0);
    });
}
