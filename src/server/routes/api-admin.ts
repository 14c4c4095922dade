// Admin endpoints under /api/v1/admin: anything that makes the server fetch on demand beyond one
// reader's page. The token is read by hono/bearer-auth; wrong tokens are limited per address, and
// once an address's bucket is empty even the right token waits.
import type { Hono, MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { formatRepo, parseRepoArg } from "../../core/use-cases/sync/repo-arg.js";
import type { AppEnv, ServerContext } from "../context.js";
import { DisabledError, ForbiddenError, UnauthorizedError } from "../http-errors.js";
import { constantTimeEqual } from "../security/tokens.js";
import { jsonBody, jsonOnly } from "./request-checks.js";

const refBody = z.object({ ref: z.string().min(1).max(300) });
const repoBody = z.object({ repo: z.string().min(1).max(200) });

export function adminRoutes(app: Hono<AppEnv>, ctx: ServerContext, api: string): void {
  const admin = requireAdmin(ctx);

  app.post(
    `${api}/admin/refresh`,
    admin,
    jsonOnly,
    jsonBody(refBody, "The body must be {ref}.", 'For example {"ref": "owner/repo#12"}.'),
    async (c) => {
      const stored = await ctx.reports.refresh(ctx.refs.fromInput(c.req.valid("json").ref));
      return c.json({ ref: stored.report.ref, storedAt: stored.storedAt, fetchedAt: stored.report.meta.fetchedAt });
    },
  );

  app.post(
    `${api}/admin/sync`,
    admin,
    jsonOnly,
    (_c, next) => {
      if (!ctx.deps.runSync) {
        throw new DisabledError("Sync is not available on this server.", "Run `issuegraph sync` instead.");
      }
      return next();
    },
    jsonBody(repoBody, 'The body must be {repo: "owner/repo"}.', 'For example {"repo": "nodejs/node"}.'),
    async (c) => {
      // The same parser and name rules as `issuegraph sync` (no "..", GitHub's characters and lengths).
      const repo = parseRepoArg(c.req.valid("json").repo, [ctx.refs.defaultHost]);
      const result = await ctx.deps.runSync?.(repo);
      return c.json({ repo: formatRepo(repo), result: result ?? null });
    },
  );
}

/** Switched off without a configured token (404); else 429 past the wrong guesses, 401 without a token, 403 for a wrong one. */
function requireAdmin(ctx: ServerContext): MiddlewareHandler {
  const token = ctx.deps.adminToken;
  const bearer = token
    ? bearerAuth({
        verifyToken: (sent, c) => {
          if (constantTimeEqual(sent, token)) return true;
          ctx.limits.adminFailure(c);
          throw new ForbiddenError("The admin token is not valid.", "Check the token you sent.");
        },
      })
    : null;
  return async (c, next) => {
    if (!bearer) throw new DisabledError("Admin endpoints are switched off.", "Configure an admin token to use them.");
    ctx.limits.adminAttempt(c);
    try {
      await bearer(c, async () => undefined);
    } catch (e) {
      // No Authorization header, another scheme, or a token bearer-auth cannot read.
      if (e instanceof HTTPException) {
        throw new UnauthorizedError("An admin token is required.", "Send Authorization: Bearer <token>.");
      }
      throw e;
    }
    await next();
  };
}
