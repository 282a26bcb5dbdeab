/** Element ids come from positions, never from task ids (which are untrusted text). */
export function taskDetailId(index: number): string {
  return `task-${index}`;
}

export function edgeDetailId(index: number): string {
  return `edge-${index}`;
}

/** At most `max` characters, the cut marked with an ellipsis. */
export function fit(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ")];
  return chars.length <= max ? chars.join("") : chars.slice(0, max - 1).join("") + "…";
}

/** A path cut from the left, where the folders are, so the file name stays readable. */
export function fitPath(path: string, max: number): string {
  const chars = [...path];
  return chars.length <= max ? path : "…" + chars.slice(chars.length - max + 1).join("");
}

/** `850 ms`, `12.4 s`, `3 min 05 s`, `2 h 04 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${pad(whole % 60)} s`;
  return `${Math.floor(whole / 3600)} h ${pad(Math.floor((whole % 3600) / 60))} min`;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
