// Every test file that talks to a stand-in also proves the stand-in against GitHub's official OpenAPI
// description: after the file, any reply that broke the spec fails it, even one the test swallowed.
// STANDIN_SPEC_AUDIT_LOG=FILE appends one JSON line per file ({file, checked, failures}) for the record.
import { appendFileSync } from "node:fs";
import { relative } from "node:path";
import { afterAll } from "vitest";
import { takeSpecAudit } from "../../standin/spec-audit.js";

// biome-ignore lint/correctness/noEmptyPattern: vitest insists that a hook destructures its first argument
afterAll(({}, suite) => {
  const audit = takeSpecAudit();
  const file =
    "filepath" in suite && typeof suite.filepath === "string" ? relative(process.cwd(), suite.filepath) : "?";
  const log = process.env.STANDIN_SPEC_AUDIT_LOG;
  if (log)
    appendFileSync(log, `${JSON.stringify({ file, checked: audit.checked, failures: audit.failures.length })}\n`);
  if (audit.failures.length === 0) return;
  const lines = audit.failures.map(
    (f) => `${f.method} ${f.path} ${f.status} (${f.operation ?? "no route"}): ${f.errors.join("; ")}`,
  );
  throw new Error(
    `the stand-in sent ${audit.failures.length} replies that break GitHub's OpenAPI description:\n${lines.join("\n")}`,
  );
});
