/** Replaces every occurrence of each secret in `text` with "[redacted]". Secrets shorter than 4 characters are ignored. */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out;
}
