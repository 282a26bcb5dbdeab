import { pathToFileURL } from "node:url";

/**
 * Loads a module of the built anvil: `dist/` by default, or the build in ANVIL_BENCH_DIST (an
 * absolute path inside this checkout, so its dependencies resolve), to compare two builds.
 */
export function importDist(path) {
  const base = process.env.ANVIL_BENCH_DIST
    ? pathToFileURL(`${process.env.ANVIL_BENCH_DIST}/`)
    : new URL("../../dist/", import.meta.url);
  return import(new URL(path, base).href);
}
