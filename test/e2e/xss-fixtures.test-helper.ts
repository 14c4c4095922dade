// Generated issues carrying the XSS corpus in every field a page shows.
import type { FixtureThread } from "../../standin/index.js";
import { XSS_PAYLOADS } from "./xss-payloads.test-helper.js";

const CHUNK = 10;
const AT = "2026-11-20T10:00:00Z";

/** One issue per ten payloads; each payload appears in several places. */
export function xssFixtures(): FixtureThread[] {
  const chunks: string[][] = [];
  for (let i = 0; i < XSS_PAYLOADS.length; i += CHUNK) chunks.push(XSS_PAYLOADS.slice(i, i + CHUNK));
  return chunks.map((ps, i): FixtureThread => {
    const n = i + 1;
    const p = (k: number) => ps[k % ps.length] as string;
    return {
      owner: "xss-org",
      repo: "xss-repo",
      type: "issue",
      number: n,
      title: `XSS ${n} ${p(0)}`,
      body: [
        `Reported while testing. Related: #${(n % chunks.length) + 1}.`,
        ...ps.map((payload, k) => `Payload ${k}: ${payload}`),
        "Error message:",
        "```",
        `TypeError: ${p(1)}`,
        "```",
        `Steps to reproduce: run \`widget ${p(2)}\``,
      ].join("\n\n"),
      author: { login: p(2), association: "NONE" },
      state: n % 2 ? "open" : "closed",
      state_reason: n % 2 ? null : "completed",
      labels: [p(3), p(4), "bug"],
      locked: false,
      created_at: AT,
      updated_at: AT,
      closed_at: n % 2 ? null : AT,
      reactions: { "+1": n },
      pull: null,
      comments: ps.map((payload, k) => ({
        id: n * 1000 + k + 1,
        author: { login: p(k + 5), association: k === 0 ? "MEMBER" : "NONE" },
        created_at: `2026-11-2${k % 7}T11:00:00Z`,
        body: k === 0 ? `Workaround:\n\n\`\`\`sh\nexport WIDGET="${payload}"\n\`\`\`` : `Same here: ${payload}`,
        reactions: { heart: k },
      })),
      events: [
        { event: "labeled", actor: p(5), created_at: AT, label: p(3) },
        { event: "renamed", actor: p(6), created_at: AT, from: p(7), to: `XSS ${n} ${p(0)}` },
      ],
    };
  });
}
