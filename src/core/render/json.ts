// The report as JSON: the Report schema's parse (core/thread/report.ts), so keys come in the
// schema's order whatever order the object was built in, undeclared fields are dropped and a report
// that breaks the schema fails here rather than reaching a reader. 2-space indent, trailing newline.
import { type Report, reportSchema } from "../thread/report.js";

export function renderJson(report: Report): string {
  return `${JSON.stringify(reportSchema.parse(report), null, 2)}\n`;
}
