// Which issue a webhook payload names, over every issues.* and issue_comment.* example payload
// GitHub publishes (@octokit/webhooks-examples): only issues.opened and issue_comment.created on
// an issue are triaged; everything else is skipped with a reason.
import { describe, expect, it } from "vitest";
import { requirePackageData } from "../../../test/support/node.test-helper.js";
import { TRIAGE_MARKER } from "./triage.js";
import { triageTargetOf } from "./triage-event.js";

type Example = { action: string; issue?: { number: number; pull_request?: unknown }; comment?: { body: string } };
const all = requirePackageData("@octokit/webhooks-examples") as { name: string; examples: Example[] }[];
const payloads = (name: string) => all.find((e) => e.name === name)?.examples ?? [];

describe("triageTargetOf", () => {
  it.each(["issues", "issue_comment"])("%s: every example payload is either a target or a reasoned skip", (event) => {
    const examples = payloads(event);
    expect(examples.length).toBeGreaterThan(5);
    for (const p of examples) {
      const target = triageTargetOf(p, event);
      const wanted = (event === "issues" ? p.action === "opened" : p.action === "created") && !p.issue?.pull_request;
      if (wanted) {
        expect(target).toMatchObject({
          ref: { host: "github.com", number: p.issue?.number },
          event: `${event}.${p.action}`,
        });
      } else {
        expect(target).toEqual({ skip: expect.any(String) });
      }
    }
  });

  it("infers the event from the payload when GITHUB_EVENT_NAME is not given", () => {
    const opened = payloads("issues").find((p) => p.action === "opened");
    expect(triageTargetOf(opened, null)).toMatchObject({ event: "issues.opened" });
  });

  it("skips its own comment so a run never triggers another", () => {
    const created = structuredClone(payloads("issue_comment").find((p) => p.action === "created")) as Example;
    (created.comment as { body: string }).body = `${TRIAGE_MARKER}\\n### issuegraph triage`;
    expect(triageTargetOf(created, "issue_comment")).toEqual({ skip: expect.stringMatching(/bot/) });
  });

  it("refuses something that is not a webhook payload", () => {
    expect(() => triageTargetOf([1, 2], "issues")).toThrow(/not a GitHub webhook payload/);
  });
});
