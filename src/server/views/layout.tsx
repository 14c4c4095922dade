// The page frame: landmarks (banner, search, main, contentinfo), description and OpenGraph meta,
// feeds, the stylesheet and the one script. No nonce: the CSP allows scripts from 'self' only, so
// the same bytes can be served to every reader.
import type { Child } from "hono/jsx";

export type LayoutProps = {
  title: string;
  children: Child;
  /** The page's description (meta description and og:description). */
  description?: string;
  /** The page's absolute URL, when the site's public origin is known (canonical, og:url). */
  canonicalUrl?: string | null;
  /** og:type; "website" by default. */
  ogType?: "website" | "article";
  /** Atom feeds of this page. */
  feeds?: readonly { title: string; href: string }[];
  /** Keep search engines away (search results, errors, loading pages). */
  noindex?: boolean;
  /** Reload after this many seconds (the loading page polls this way, without JavaScript). */
  refreshSeconds?: number;
  /** Pre-fills the header's search box. */
  query?: string;
  /** The home page has its own big form; the header's would repeat it. */
  headerSearch?: boolean;
};

export function Layout(props: LayoutProps) {
  const headerSearch = props.headerSearch ?? true;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="referrer" content="same-origin" />
        {props.refreshSeconds ? <meta http-equiv="refresh" content={String(props.refreshSeconds)} /> : null}
        <title>{`${props.title} · issuegraph`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        {props.canonicalUrl ? <link rel="canonical" href={props.canonicalUrl} /> : null}
        <meta property="og:site_name" content="issuegraph" />
        <meta property="og:type" content={props.ogType ?? "website"} />
        <meta property="og:title" content={props.title} />
        {props.description ? <meta property="og:description" content={props.description} /> : null}
        {props.canonicalUrl ? <meta property="og:url" content={props.canonicalUrl} /> : null}
        {(props.feeds ?? []).map((f) => (
          <link rel="alternate" type="application/atom+xml" title={f.title} href={f.href} />
        ))}
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="inner">
            <a class="brand" href="/">
              issuegraph
            </a>
            {headerSearch ? (
              <search class="header-search">
                <form method="get" action="/go">
                  <label class="visually-hidden" for="header-q">
                    Issue URL, owner/repo#number or error text
                  </label>
                  <input
                    id="header-q"
                    type="search"
                    name="q"
                    value={props.query ?? ""}
                    placeholder="Issue URL, owner/repo#n or error text"
                  />
                  <button type="submit">Go</button>
                </form>
              </search>
            ) : null}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            issuegraph reads public GitHub issues and explains them, citing the thread. Reports and the{" "}
            <a href="/api/v1">JSON API</a> are generated, not written by the maintainers.
          </p>
        </footer>
      </body>
    </html>
  );
}

/** A whole HTML document. */
export const renderPage = (props: LayoutProps): string => `<!doctype html>${Layout(props).toString()}`;
