import { describe, expect, it } from "vitest";
import { webHostForApiUrl } from "./web-host.js";

describe("webHostForApiUrl", () => {
  it.each([
    ["https://api.github.com", "github.com"],
    ["https://api.github.com/", "github.com"],
    ["https://ghe.example.com/api/v3", "ghe.example.com"],
    ["https://GHE.example.com:8443/api/v3/", "ghe.example.com"],
    ["http://127.0.0.1:4567", "github.com"],
    ["http://127.0.0.1:4567/api/v3", "github.com"],
    ["http://localhost:3000", "github.com"],
    ["https://proxy.internal/github", "github.com"],
    ["not a url", "github.com"],
  ])("%s -> %s", (api, host) => {
    expect(webHostForApiUrl(api)).toBe(host);
  });
});
