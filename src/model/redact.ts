/**
 * Replaces every occurrence of each secret in `text` (the API key, mostly) so that no error
 * message, log line or file can carry it, whatever path the text took to get there.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // A very short "secret" would blank out ordinary words; real keys are long.
    if (!secret || secret.length < 8) continue;
    out = out.split(secret).join("[redacted]");
  }
  return out;
}
