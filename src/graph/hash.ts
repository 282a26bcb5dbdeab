import { createHash } from "node:crypto";

/** The content hash the cache keys files by. */
export function hashOf(text: string | Buffer): string {
  return createHash("sha1").update(text).digest("hex");
}
