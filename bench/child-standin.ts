// Child process of bench/sync.ts: a stand-in over generated repositories, on its own core, so the
// benchmark process holds only the sync. Argument: JSON { repos: GenerateRepoOptions[] }. Prints
// the base URL; recorded requests are read through GET /__control/requests.
import { type GenerateRepoOptions, generateRepo, startStandin } from "../standin/index.js";
import { serveUntilTerminated } from "./proc.js";

const { repos } = JSON.parse(process.argv[2] ?? "{}") as { repos: GenerateRepoOptions[] };
// generateRepo numbers comments from the same id in every repository; ids must be unique in a world.
const generated = repos.map((r, i) => {
  const g = generateRepo(r);
  for (const t of g.threads) for (const c of t.comments) c.id += i * 100_000_000;
  return g;
});
const standin = await startStandin({
  fixtures: generated.flatMap((g) => g.threads),
  repos: generated.map((g) => g.repo),
  // Generous budgets: the benchmark counts requests, it does not test rate limiting.
  limits: { authenticated: 1e9, anonymous: 1e9, graphqlPoints: 1e9 },
});
serveUntilTerminated(standin.url, () => standin.close());
