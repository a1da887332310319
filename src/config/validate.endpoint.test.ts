// validate(): the endpoint policy (https, relative, local http, or the page's origin).
import { afterEach, describe, expect, it, vi } from "vitest";
import { validate } from "./validate";
import { errorsOf, expectError, makeConfig } from "./test-kit";

describe("validate: accepted configs", () => {
  it("accepts endpoints that are https, relative, local http or on the page's origin", () => {
    for (const endpoint of ["https://api.example.com/p", "/api/profile", "api/profile", "http://localhost:8080/p", "http://127.0.0.1/p"]) {
      expect(validate(makeConfig({ endpoint })).ok, endpoint).toBe(true);
    }
    expect(validate(makeConfig({ endpoint: "http://intranet.local/p" }), { pageOrigin: "http://intranet.local" }).ok).toBe(true);
    expect(validate(makeConfig({ endpoint: "//intranet.local/p" }), { pageOrigin: "http://intranet.local" }).ok).toBe(true);
  });

  describe("in a page (ProgressiveProfile.validate)", () => {
    afterEach(() => vi.unstubAllGlobals());

    it("takes the page's origin as same-origin, as mount() there does", () => {
      vi.stubGlobal("location", { origin: "http://shop.test" });
      expect(validate(makeConfig({ endpoint: "http://shop.test/api/profile" })).ok).toBe(true);
      const refused = validate(makeConfig({ endpoint: "http://other.test/api/profile" }));
      expect(refused.ok || refused.errors[0]!.message).toContain("the page's origin (http://shop.test)");
      // A caller's own pageOrigin still wins.
      expect(validate(makeConfig({ endpoint: "http://shop.test/api/profile" }), { pageOrigin: "http://intranet.local" }).ok).toBe(false);
    });
  });
});

describe("validate: cross-field refusals (SPEC §4)", () => {
  it("an endpoint that is neither https, nor same-origin, nor local http, giving the URL found", () => {
    for (const endpoint of ["http://api.example.com/profile", "javascript:alert(1)", "ftp://files.example.com/x", "//other.example.com/p"]) {
      expectError(makeConfig({ endpoint }), "endpoint", "expected an https URL, a relative URL (same origin as the page) or http on localhost, 127.0.0.1 or [::1]", `found ${JSON.stringify(endpoint)}`);
    }
    expectError(makeConfig({ profileUrl: "http://crm.example.com/me" }), "profileUrl", 'found "http://crm.example.com/me"');
    // An empty endpoint is too short and not a URL: one problem, said once.
    expectError(makeConfig({ endpoint: "" }), "endpoint", "expected a URL without spaces", 'found an empty string ""');
    const e = errorsOf(makeConfig({ endpoint: "http://other.example/p" }), { pageOrigin: "http://shop.example" });
    expect(e[0]!.message).toContain("the page's origin (http://shop.example)");
  });

  it("an https scheme with no host is no URL, not a relative path", () => {
    for (const endpoint of ["https://", "https:"]) {
      expectError(makeConfig({ endpoint }), "endpoint", `found ${JSON.stringify(endpoint)}`);
    }
  });

  it("an endpoint with a user name or password, which browsers refuse to send to", () => {
    for (const endpoint of ["https://user:secret@api.example.com/p", "https://user@api.example.com/p"]) {
      expectError(makeConfig({ endpoint }), "endpoint", "expected a URL without a user name or password, found");
    }
  });
});

describe("validate: data-endpoint (the endpoint option)", () => {
  const endpoints = ["https://api.example.com/other", "/api/other", "http://other.example/p", "//other.example/p", "a b", `https://${"x".repeat(2050)}`, `${"x".repeat(2050)} y`];
  const options = { today: "2026-11-25", pageOrigin: "https://shop.example" };

  it("gives what validating the config with that endpoint gives", () => {
    for (const config of [makeConfig(), makeConfig({ endpoint: "/api/own" })]) {
      for (const endpoint of endpoints) {
        const own = validate(config, options);
        if (!own.ok) throw new Error(JSON.stringify(own.errors));
        const whole = validate({ ...own.config, endpoint }, options);
        expect(validate(config, { ...options, endpoint }), endpoint).toEqual(whole);
      }
    }
  });

  it("still checks the config's own endpoint, and says nothing of data-endpoint then", () => {
    const own = validate(makeConfig({ endpoint: "http://evil.example/p" }), options);
    expect(own.ok).toBe(false);
    expect(validate(makeConfig({ endpoint: "http://evil.example/p" }), { ...options, endpoint: "ftp://x" })).toEqual(own);
  });

  it("refuses a bad data-endpoint as it would the config's: every problem, at endpoint", () => {
    const result = validate(makeConfig(), { ...options, endpoint: `http://evil.example/a b/${"x".repeat(2040)}` });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(["endpoint", "endpoint"]);
    expect(result.errors.map((e) => e.message)).toEqual(["expected at most 2048 characters, found 2064", expect.stringContaining("expected a URL without spaces")]);
    const http = validate(makeConfig(), { ...options, endpoint: `http://evil.example/${"x".repeat(2040)}` });
    expect(http.ok ? [] : http.errors.map((e) => e.message)).toEqual([
      "expected at most 2048 characters, found 2060",
      expect.stringContaining('expected an https URL, a relative URL (same origin as the page), the page\'s origin (https://shop.example) or http on localhost, 127.0.0.1 or [::1], found "http://evil.example/'),
    ]);
  });

  it("a URL with a space in it gets one message, not a second one calling an https URL not https", () => {
    expect(errorsOf(makeConfig({ endpoint: "https://exa mple.com/x" })).map((e) => e.message)).toEqual(['expected a URL without spaces, found "https://exa mple.com/x"']);
  });
});
