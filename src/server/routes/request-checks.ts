// What the JSON API checks of a request before a handler runs: the body is JSON of the endpoint's
// shape (@hono/zod-validator against a zod schema), and query numbers are in range.
import { zValidator } from "@hono/zod-validator";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import { UsageError } from "../../core/errors.js";
import { UnsupportedMediaTypeError } from "../http-errors.js";

/**
 * application/json (else 415) that parses (else a 400 that says so). The parsed body is kept by
 * Hono, so `jsonBody` after it reads the same value.
 */
export const jsonOnly = createMiddleware(async (c, next) => {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "")) {
    throw new UnsupportedMediaTypeError("The body must be JSON.", "Send content-type: application/json.");
  }
  try {
    await c.req.json();
  } catch {
    throw new UsageError("The body is not valid JSON.", "Send a JSON object.");
  }
  await next();
});

/** The body checked against `schema`; another shape is a UsageError with the endpoint's own message and hint. */
export const jsonBody = <S extends z.ZodType>(schema: S, message: string, hint: string) =>
  zValidator("json", schema, (result) => {
    if (!result.success) throw new UsageError(message, hint);
  });

/** A whole-number query parameter in [min, max], `fallback` when absent. */
export function intParam(c: Context, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}`, `For example ?${name}=${fallback}.`);
  }
  return n;
}
