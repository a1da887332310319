// validate(): the endpoint policy (https, relative, local http, or the page's origin).
import { describe, expect, it } from "vitest";
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
});

describe("validate: cross-field refusals (SPEC §4)", () => {
  it("an endpoint that is neither https, nor same-origin, nor local http, giving the URL found", () => {
    for (const endpoint of ["http://api.example.com/profile", "javascript:alert(1)", "ftp://files.example.com/x", "//other.example.com/p"]) {
      expectError(makeConfig({ endpoint }), "endpoint", "expected an https URL, a relative URL (same origin as the page) or http on localhost/127.0.0.1", `found ${JSON.stringify(endpoint)}`);
    }
    expectError(makeConfig({ profileUrl: "http://crm.example.com/me" }), "profileUrl", 'found "http://crm.example.com/me"');
    const e = errorsOf(makeConfig({ endpoint: "http://other.example/p" }), { pageOrigin: "http://shop.example" });
    expect(e[0]!.message).toContain("the page's origin (http://shop.example)");
  });
});
