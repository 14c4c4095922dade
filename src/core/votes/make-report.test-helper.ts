// Test-only: a small, complete Report with overridable fields, so tests of the signals, tools,
// trending and server do not depend on the analysis engine.
import { REPORT_SCHEMA_VERSION, type Report } from "../thread/report.js";

export function makeReport(overrides: Partial<Report> = {}): Report {
  const ref = overrides.ref ?? "acme/widget#7";
  const [ownerRepo, num] = ref.split("#");
  const url = overrides.url ?? `https://github.com/${ownerRepo}/issues/${num}`;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    ref,
    host: "github.com",
    url,
    kind: "issue",
    title: "Widget crashes on start",
    state: "open",
    stateReason: null,
    labels: [],
    locked: false,
    author: "alice",
    createdAt: "2026-04-01T10:00:00Z",
    updatedAt: "2026-04-02T10:00:00Z",
    closedAt: null,
    transferredFrom: null,
    stats: { comments: 3, participants: 2, timelineEvents: 5, reactions: 1 },
    timelineTop: [
      { type: "commented", count: 3 },
      { type: "labeled", count: 2 },
    ],
    errorMessage: "TypeError: cannot read properties of undefined (reading 'x')",
    body: "It crashes.\n\n```\nTypeError: cannot read properties of undefined (reading 'x')\n```",
    links: [],
    commits: [],
    fix: { status: "none", summary: "No fix is known.", pulls: [] },
    sections: {
      tldr: [{ text: "The widget crashes on start.", citations: [{ label: "issue", url }] }],
      guidance: [],
      example: null,
      notes: [],
      recommendation: { text: "Wait for a fix.", citations: [{ label: "issue", url }] },
    },
    meta: {
      fetchedAt: "2026-04-02T11:00:00Z",
      generatedAt: "2026-04-02T11:00:00Z",
      via: "graphql",
      apiRequests: { rest: 0, graphql: 3 },
      depth: 1,
      analyzer: "deterministic",
    },
    ...overrides,
  };
}
